import {
  addBusinessDuration,
  type Calendar,
  type InstanceSnapshot,
  nextOpening,
  parseCalendar,
} from '@portalflow/engine';
import type { Store } from '@portalflow/store';
import type { AuthUser } from '../auth/roles.ts';
import type { Actor, InstanceService } from '../instances/service.ts';
import { DEMO_HISTORY_NOTES } from './demo-notes.ts';

/** A script event as the examples tell it (validated by the engine when played). */
interface StoryEvent {
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
  /** Task completions among them (what the tracking sheet counts). */
  completions: number;
  /** Stories not played: no room left before now, or a role without a demo user. */
  skipped: string[];
}

/** Finished requests per workflow in the demo's past week. */
export const STORIES_PER_WORKFLOW = 4;
/** Business minutes between one story's start and the next. */
const STORY_SPACING_MINUTES = 70;

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

/**
 * The demo's past week: each story is started by the role that takes such requests, and each step is
 * claimed and completed by the demo user of the step's role, minutes apart in clinic hours, always
 * before the step's deadline, all before `now`. Written quietly (no bell, email or webhook) and hash
 * chained like any history, so Tracking, Audit and the handbook have real work to show.
 */
export async function seedDemoHistory(
  store: Pick<Store, 'findUserByUsername'>,
  instances: InstanceService,
  stories: readonly DemoStory[],
  calendarInput: unknown,
  now: string,
): Promise<DemoHistory> {
  const calendar: Calendar = parseCalendar(calendarInput);
  let at = now;
  const service = instances.withClock(() => at);
  const people = new Map<string, AuthUser | null>();
  const person = async (role: string): Promise<AuthUser | null> => {
    if (!people.has(role)) {
      const u = await store.findUserByUsername(role);
      people.set(
        role,
        u
          ? { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles, via: 'token' }
          : null,
      );
    }
    return people.get(role) ?? null;
  };
  const nowMs = Date.parse(now);
  // The last start leaves a business day for its steps, so every story ends before now.
  const lastStart = nowMs - 24 * 3_600_000;
  let cursor = nextOpening(new Date(nowMs - 7 * 24 * 3_600_000).toISOString(), calendar);
  const result: DemoHistory = { played: 0, completions: 0, skipped: [] };
  const noted = new Set<string>();

  for (const [k, story] of stories.entries()) {
    const start = cursor;
    cursor = addBusinessDuration(cursor, `PT${STORY_SPACING_MINUTES}M`, calendar);
    const label = `${story.workflowId}/${story.name}`;
    if (Date.parse(start) > lastStart) {
      result.skipped.push(label);
      continue;
    }
    const definition = (await instances.definition(story.workflowId, 1).catch(() => null)) ?? null;
    const intakeRole = definition?.intake?.roles?.[0];
    const starter = intakeRole ? await person(intakeRole) : null;
    const first = story.events[0];
    if (!definition || !starter || !intakeRole || first?.type !== 'start') {
      result.skipped.push(label);
      continue;
    }
    at = start;
    let applied = await service.start(
      { user: starter, role: intakeRole },
      { definitionId: story.workflowId, data: first.data ?? {}, calendar: calendarInput },
      { quiet: true },
    );
    const id = applied.instance.id;
    let j = 0;
    for (const event of story.events.slice(1)) {
      j++;
      const snapshot = applied.instance.snapshot;
      if (event.type === 'signal' && event.name) {
        at = nextTime(snapshot, at, `PT${20 + ((k * 11 + j * 17) % 90)}M`, calendar, nowMs);
        applied = await service.act(
          { user: null, role: null },
          id,
          { type: 'system', event: { type: 'signal', name: event.name, data: event.data ?? {} } },
          { quiet: true },
        );
        continue;
      }
      if (event.type !== 'complete' || !event.step) continue;
      const task = Object.values(snapshot.context.active).find(
        (a) => a.kind === 'task' && a.step === event.step,
      );
      if (!task?.role) throw new Error(`${label}: step '${event.step}' is not open`);
      const worker = await person(task.role);
      if (!worker) throw new Error(`${label}: no demo user holds '${task.role}'`);
      const actor: Actor = { user: worker, role: task.role };
      at = nextTime(snapshot, at, `PT${8 + ((k * 7 + j * 13) % 40)}M`, calendar, nowMs);
      applied = await service.act(actor, id, { type: 'claim', token: task.token }, { quiet: true });
      at = nextTime(applied.instance.snapshot, at, `PT${4 + ((k * 5 + j * 3) % 20)}M`, calendar, nowMs);
      // A step done twice in a story (sent back and redone) carries its note the first time.
      const noteKey = `${story.workflowId}/${story.name}/${event.step}`;
      const note = noted.has(noteKey) ? undefined : DEMO_HISTORY_NOTES[noteKey];
      noted.add(noteKey);
      applied = await service.act(
        actor,
        id,
        { type: 'complete', token: task.token, outcome: event.outcome ?? '', data: event.data ?? {} },
        note ? { quiet: true, completionNote: { body: note, forNextRole: true } } : { quiet: true },
      );
      result.completions++;
    }
    result.played++;
  }
  return result;
}

/**
 * When the next thing happens: `gap` of clinic time later, but before any deadline of what is open
 * (nobody let a step run late in these stories) and before now.
 */
function nextTime(
  snapshot: InstanceSnapshot,
  from: string,
  gap: string,
  calendar: Calendar,
  nowMs: number,
): string {
  let next = Date.parse(addBusinessDuration(from, gap, calendar));
  for (const timer of Object.values(snapshot.context.timers))
    next = Math.min(next, Date.parse(timer.due) - 60_000);
  next = Math.min(next, nowMs - 60_000);
  return new Date(Math.max(next, Date.parse(from) + 1_000)).toISOString();
}
