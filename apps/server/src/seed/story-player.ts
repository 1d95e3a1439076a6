import {
  addBusinessDuration,
  type Calendar,
  DEFAULT_SIMULATION_START,
  type InstanceSnapshot,
} from '@portalflow/engine';
import type { Store } from '@portalflow/store';
import type { AuthUser } from '../auth/roles.ts';
import type { Actor, InstanceService } from '../instances/service.ts';
import type { DemoStory } from './demo-history.ts';
import { DEMO_HISTORY_NOTES } from './demo-notes.ts';
import { dateFieldsOf, shiftDates, storyDayShift } from './story-dates.ts';

/** Plays stories through the instance service on a clock it moves, as the people of each step. */
export class StoryPlayer {
  completions = 0;
  private at = '';
  private readonly service: InstanceService;
  private readonly people = new Map<string, AuthUser | null>();
  private readonly noted = new Set<string>();

  constructor(
    private readonly store: Pick<Store, 'findUserByUsername' | 'getVersion'>,
    private readonly instances: InstanceService,
    private readonly calendarInput: unknown,
    private readonly calendar: Calendar,
    /** The last moment anything may happen: the clinic's last open minute before now. */
    private readonly untilMs: number,
  ) {
    this.service = instances.withClock(() => this.at);
  }

  private async person(role: string): Promise<AuthUser | null> {
    if (!this.people.has(role)) {
      const u = await this.store.findUserByUsername(role);
      this.people.set(
        role,
        u
          ? { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles, via: 'token' }
          : null,
      );
    }
    return this.people.get(role) ?? null;
  }

  /**
   * Plays one story from `start` (`k` varies the minutes between steps), to its end or up to the step
   * `stopBefore`, left open in its role's pool. False when the workflow or its starter is missing.
   */
  async play(story: DemoStory, start: string, k: number, stopBefore?: string): Promise<boolean> {
    const label = `${story.workflowId}/${story.name}`;
    // The version a start would use: the latest published one.
    const latest = await this.store.getVersion(story.workflowId);
    const definition = latest ? await this.instances.definition(latest.definitionId, latest.version) : null;
    const intakeRole = definition?.intake?.roles?.[0];
    const starter = intakeRole ? await this.person(intakeRole) : null;
    const first = story.events[0];
    if (!definition || !starter || !intakeRole || first?.type !== 'start') return false;
    // The scripts were written for a week in March 2026: their dates move with the story.
    const dates = dateFieldsOf(definition);
    const shift = storyDayShift(DEFAULT_SIMULATION_START, start);
    const data = (d: Record<string, unknown> | undefined) => shiftDates(d ?? {}, dates, shift);
    this.at = start;
    let applied = await this.service.start(
      { user: starter, role: intakeRole },
      { definitionId: story.workflowId, data: data(first.data), calendar: this.calendarInput },
      { quiet: true },
    );
    const id = applied.instance.id;
    let j = 0;
    for (const event of story.events.slice(1)) {
      j++;
      const snapshot = applied.instance.snapshot;
      if (event.type === 'complete' && event.step === stopBefore) break;
      if (event.type === 'signal' && event.name) {
        this.at = this.next(snapshot, `PT${20 + ((k * 11 + j * 17) % 90)}M`);
        applied = await this.service.act(
          { user: null, role: null },
          id,
          { type: 'system', event: { type: 'signal', name: event.name, data: data(event.data) } },
          { quiet: true },
        );
        continue;
      }
      if (event.type !== 'complete' || !event.step) continue;
      const task = Object.values(snapshot.context.active).find(
        (a) => a.kind === 'task' && a.step === event.step,
      );
      if (!task?.role) throw new Error(`${label}: step '${event.step}' is not open`);
      const worker = await this.person(task.role);
      if (!worker) throw new Error(`${label}: no demo user holds '${task.role}'`);
      const actor: Actor = { user: worker, role: task.role };
      this.at = this.next(snapshot, `PT${8 + ((k * 7 + j * 13) % 40)}M`);
      applied = await this.service.act(actor, id, { type: 'claim', token: task.token }, { quiet: true });
      this.at = this.next(applied.instance.snapshot, `PT${4 + ((k * 5 + j * 3) % 20)}M`);
      // A step done twice in a story (sent back and redone) carries its note the first time.
      const noteKey = `${label}/${event.step}`;
      const note = this.noted.has(noteKey) ? undefined : DEMO_HISTORY_NOTES[noteKey];
      this.noted.add(noteKey);
      applied = await this.service.act(
        actor,
        id,
        { type: 'complete', token: task.token, outcome: event.outcome ?? '', data: data(event.data) },
        note ? { quiet: true, completionNote: { body: note, forNextRole: true } } : { quiet: true },
      );
      this.completions++;
    }
    return true;
  }

  private next(snapshot: InstanceSnapshot, gap: string): string {
    return nextTime(snapshot, this.at, gap, this.calendar, this.untilMs);
  }
}

/**
 * When the next thing happens: `gap` of clinic time later, but before any deadline of what is open
 * (nobody let a step run late in these stories) and no later than `untilMs`.
 */
function nextTime(
  snapshot: InstanceSnapshot,
  from: string,
  gap: string,
  calendar: Calendar,
  untilMs: number,
): string {
  let next = Date.parse(addBusinessDuration(from, gap, calendar));
  for (const timer of Object.values(snapshot.context.timers))
    next = Math.min(next, Date.parse(timer.due) - 60_000);
  next = Math.min(next, untilMs);
  return new Date(Math.max(next, Date.parse(from) + 1_000)).toISOString();
}
