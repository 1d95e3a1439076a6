import { addBusinessDuration, type Calendar, parseCalendar } from '@portalflow/engine';
import type { Store } from '@portalflow/store';
import type { InstanceService } from '../instances/service.ts';
import { businessMinutesBefore, openingOfDay } from './clinic-time.ts';
import { StoryPlayer } from './story-player.ts';

/** A script event as the examples tell it (validated by the engine when played). */
export interface StoryEvent {
  type: string;
  step?: string;
  outcome?: string;
  role?: string;
  name?: string;
  data?: Record<string, unknown>;
}

export interface DemoStory {
  workflowId: string;
  name: string;
  events: StoryEvent[];
}

export interface DemoHistory {
  /** Requests started and finished in the past week. */
  played: number;
  /** Requests handed on today, open at their next role's step. */
  inProgress: number;
  /** Task completions among them (what the tracking sheet counts). */
  completions: number;
  /** Stories not played: their workflow is not published, or a role has no demo user. */
  skipped: string[];
}

/** Finished requests per workflow in the demo's past week. */
export const STORIES_PER_WORKFLOW = 4;
/** Business minutes between one story's start and the next. */
const STORY_SPACING_MINUTES = 70;
/** Business minutes the last story of the past week is given for its steps, all done before now. */
const LAST_STORY_MINUTES = 8 * 60;
/**
 * Today's handoffs begin at the opening of the clinic day that began at least this long (in clinic
 * hours) before now: today once the morning's work is done, else the last day the clinic was open.
 */
const HANDOFF_DAY_MINUTES = 4 * 60;

/**
 * The stories the demo plays as last week's finished work: per workflow, after the two it leaves open
 * today, the first four the clinic tells without a deadline passing (an `advance` would need the timer
 * worker to fire on the past, which it does only in real time).
 */
export function demoStories(
  workflows: ReadonlyArray<{ id: string; scripts: ReadonlyArray<{ name: string; events: unknown[] }> }>,
): DemoStory[] {
  const stories: DemoStory[] = [];
  for (const workflow of workflows) {
    const quiet = workflow.scripts
      .slice(2)
      .filter((s) => !(s.events as StoryEvent[]).some((e) => e.type === 'advance'))
      .slice(0, STORIES_PER_WORKFLOW);
    for (const s of quiet)
      stories.push({ workflowId: workflow.id, name: s.name, events: s.events as StoryEvent[] });
  }
  // Interleaved across workflows, as a clinic's days are.
  const byRound: DemoStory[] = [];
  for (let round = 0; round < STORIES_PER_WORKFLOW; round++)
    for (const id of workflows.map((w) => w.id)) {
      const story = stories.filter((s) => s.workflowId === id)[round];
      if (story) byRound.push(story);
    }
  return byRound;
}

/** Requests handed on today and waiting on their next role: the story played up to that role's step. */
export const DEMO_IN_PROGRESS: ReadonlyArray<{ workflowId: string; name: string; stopBefore: string }> = [
  {
    workflowId: 'prescription-refill',
    name: 'standing-order-nurse-sees-side-effect-routes-to-provider',
    stopBefore: 'provider-decision',
  },
  {
    workflowId: 'prescription-refill',
    name: 'stimulant-refill-denied-by-provider',
    stopBefore: 'provider-decision',
  },
  {
    workflowId: 'lab-result-release',
    name: 'held-result-released-after-three-business-days',
    stopBefore: 'abnormal-review',
  },
  {
    workflowId: 'portal-message-triage',
    name: 'lab-question-patient-replies-provider-books-visit',
    stopBefore: 'nurse-review',
  },
  { workflowId: 'billing-question', name: 'denied-claim-resubmitted-and-paid', stopBefore: 'check-account' },
  {
    workflowId: 'proxy-access',
    name: 'foster-parent-rechecked-yearly-until-placement-ends',
    stopBefore: 'verify-placement',
  },
];

/** The in-progress stories with their events, in the order above. */
export function inProgressStories(
  workflows: ReadonlyArray<{ id: string; scripts: ReadonlyArray<{ name: string; events: unknown[] }> }>,
): Array<DemoStory & { stopBefore: string }> {
  return DEMO_IN_PROGRESS.flatMap((want) => {
    const script = workflows.find((w) => w.id === want.workflowId)?.scripts.find((s) => s.name === want.name);
    return script ? [{ ...want, events: script.events as StoryEvent[] }] : [];
  });
}

/**
 * The demo's past week, and today's requests already handed on: each story is started by the role that
 * takes such requests, and each step is claimed and completed by the demo user of the step's role,
 * minutes apart in clinic hours, always before the step's deadline, all before `now`. Written quietly (no
 * bell, email or webhook) and hash chained like any history, so Tracking, Audit and the handbook have
 * real work to show, and the next role's queue has a handoff note to read.
 */
export async function seedDemoHistory(
  store: Pick<Store, 'findUserByUsername' | 'getVersion'>,
  instances: InstanceService,
  stories: readonly DemoStory[],
  calendarInput: unknown,
  now: string,
  inProgress: ReadonlyArray<DemoStory & { stopBefore: string }> = [],
): Promise<DemoHistory> {
  const calendar: Calendar = parseCalendar(calendarInput);
  // Nothing happens after the clinic's last open minute before now: on a Sunday, that is Friday's close.
  const until = businessMinutesBefore(now, 1, calendar);
  const player = new StoryPlayer(store, instances, calendarInput, calendar, Date.parse(until));
  const result: DemoHistory = { played: 0, inProgress: 0, completions: 0, skipped: [] };

  // The past week, counted back from now in clinic hours so that the last story's steps end before now
  // whatever the day and hour (a weekend, a holiday, before opening).
  const weekMinutes = Math.max(0, stories.length - 1) * STORY_SPACING_MINUTES + LAST_STORY_MINUTES;
  let cursor = businessMinutesBefore(now, weekMinutes, calendar);
  for (const [k, story] of stories.entries()) {
    const start = cursor;
    cursor = addBusinessDuration(cursor, `PT${STORY_SPACING_MINUTES}M`, calendar);
    if (!(await player.play(story, start, k))) {
      result.skipped.push(`${story.workflowId}/${story.name}`);
      continue;
    }
    result.played++;
  }

  // Today's (or the last open day's) handoffs, from that day's opening.
  cursor = openingOfDay(businessMinutesBefore(now, HANDOFF_DAY_MINUTES, calendar), calendar);
  for (const [k, story] of inProgress.entries()) {
    const start = cursor;
    cursor = addBusinessDuration(cursor, `PT${STORY_SPACING_MINUTES / 2}M`, calendar);
    if (!(await player.play(story, start, stories.length + k, story.stopBefore))) {
      result.skipped.push(`${story.workflowId}/${story.name}`);
      continue;
    }
    result.inProgress++;
  }
  result.completions = player.completions;
  return result;
}
