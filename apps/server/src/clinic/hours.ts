import {
  type ClinicClock,
  type ClinicClosure,
  type ClinicHoursView,
  DEFAULT_CLINIC_CLOCK,
  type SaveClinicHoursBody,
  type SavedClinicHours,
} from '@portalflow/contract';
import { type Calendar, clinicDay, DEFAULT_CALENDAR, parseCalendar } from '@portalflow/engine';
import { dateInYear } from '@portalflow/engine/text';
import type { AuthUser } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import type { InstanceService } from '../instances/service.ts';
import { describeHoursChange } from './hours-change.ts';
import { moveOpenRequests } from './move-open-requests.ts';

/** What the store keeps for the clinic hours: the time zone stays the one the server is configured with. */
export interface SavedHours {
  hours: Calendar['hours'];
  closures: ClinicClosure[];
  /** How every screen writes times; hours saved before it was kept have none (the 12-hour clock). */
  clock?: ClinicClock;
}

/** The clock saved hours are written on: the 12-hour clock for hours saved before it was kept. */
export const clockOf = (saved: SavedHours | null): ClinicClock => saved?.clock ?? DEFAULT_CLINIC_CLOCK;

/** The live-update message a save writes with it, so every process picks the new hours up. */
export const HOURS_CHANGED = { type: 'clinic.changed', roles: [], users: [] } as const;

export type Deps = Pick<
  AppDeps,
  'store' | 'clock' | 'calendar' | 'clinicClock' | 'holidayNames' | 'holidayNamesIn' | 'log'
>;
type SaveDeps = Deps & Pick<AppDeps, 'live'>;

/** The calendar new requests get while no hours are saved: the server's configuration, else the default. */
export const baseCalendar = (deps: Pick<AppDeps, 'calendar'>): Calendar =>
  deps.calendar === undefined ? DEFAULT_CALENDAR : parseCalendar(deps.calendar);

/** The calendar saved hours make in the clinic's time zone (closures are its holidays). */
export function calendarOf(saved: SavedHours, timeZone: string): Calendar {
  return parseCalendar({ timeZone, hours: saved.hours, holidays: saved.closures.map((c) => c.date) });
}

/**
 * The configured calendar as the hours an admin edits, its closed days named where the settings name
 * them, in English and in the patients' other languages (`namesIn`: language → date → name).
 */
export function savedOf(
  calendar: Calendar,
  names: Record<string, string> = {},
  namesIn: Record<string, Record<string, string>> = {},
): SavedHours {
  return {
    hours: calendar.hours,
    closures: (calendar.holidays ?? []).map((date) => {
      const name = Object.hasOwn(names, date) ? names[date] : undefined;
      const translated = Object.entries(namesIn).flatMap(([lang, byDate]) =>
        Object.hasOwn(byDate, date) && byDate[date] ? [[lang, byDate[date]] as const] : [],
      );
      return closureOf({ date, name, names: Object.fromEntries(translated) });
    }),
  };
}

/** A closure as it is kept: a name and names in other languages only where they say something. */
export function closureOf(c: ClinicClosure): ClinicClosure {
  const names = Object.entries(c.names ?? {}).filter(([, name]) => name);
  return {
    date: c.date,
    ...(c.name ? { name: c.name } : {}),
    ...(names.length > 0 ? { names: Object.fromEntries(names) } : {}),
  };
}

/**
 * Makes the saved hours the calendar new requests get in this process (at start, after a save here,
 * and when the change feed brings another process's save). Hours that no longer parse are logged and
 * the calendar in use is kept.
 */
export async function loadClinicHours(deps: Deps): Promise<void> {
  const stored = await deps.store.getClinicCalendar();
  if (!stored) return;
  deps.clinicClock = clockOf(stored.value as SavedHours);
  try {
    deps.calendar = calendarOf(stored.value as SavedHours, baseCalendar(deps).timeZone);
  } catch (error) {
    deps.log(`clinic hours: revision ${stored.revision} cannot be used: ${(error as Error).message}`);
  }
}

export async function clinicHoursView(deps: Deps): Promise<ClinicHoursView> {
  const [stored, changes] = await Promise.all([
    deps.store.getClinicCalendar(),
    deps.store.listClinicCalendarChanges(50),
  ]);
  const base = baseCalendar(deps);
  const saved = stored ? (stored.value as SavedHours) : savedOf(base, deps.holidayNames, deps.holidayNamesIn);
  const words = { clock: clockOf(saved), today: clinicDay(deps.clock(), base) };
  const people = await peopleOf(deps, [
    ...(stored ? [stored.updatedBy] : []),
    ...changes.map((c) => c.actorId),
  ]);
  return {
    timeZone: base.timeZone,
    clock: clockOf(saved),
    hours: saved.hours,
    closures: saved.closures,
    revision: stored?.revision ?? 0,
    updatedAt: stored?.updatedAt ?? null,
    updatedBy: stored ? (people.get(stored.updatedBy) ?? null) : null,
    changes: changes.map((c) => ({
      revision: c.revision,
      at: c.at,
      by: people.get(c.actorId) ?? null,
      reason: c.reason,
      summary: describeHoursChange(
        c.oldValue === null ? null : (c.oldValue as SavedHours),
        c.newValue as SavedHours,
        words,
        c.movedOpenRequests,
      ),
    })),
  };
}

/**
 * Saves new hours if nobody saved since `expectedRevision`, and makes them the calendar of requests
 * started from now on. Requests already open keep the calendar recorded in their history unless the
 * admin asks to move them: each then gets a `calendar-changed` event of its own, so replaying any
 * history still needs nothing but the history.
 */
/**
 * A closed day added for a date already gone moves no deadline and is most often a slip of the year:
 * refused, naming it. Past closures already on the list (last January's holiday) still save.
 */
async function refuseNewPastClosures(deps: SaveDeps, closures: readonly ClinicClosure[]): Promise<void> {
  const base = baseCalendar(deps);
  const today = clinicDay(deps.clock(), base);
  const stored = await deps.store.getClinicCalendar();
  const current = stored
    ? (stored.value as SavedHours)
    : savedOf(base, deps.holidayNames, deps.holidayNamesIn);
  const known = new Set(current.closures.map((c) => c.date));
  const gone = closures.find((c) => c.date < today && !known.has(c.date));
  if (gone)
    throw ApiError.of(
      'VALIDATION_FAILED',
      `closures: ${gone.name ? `${gone.name} on ` : ''}${dateInYear(gone.date, today)} is in the past; a closed day already gone changes nothing (is the year right?)`,
    );
}

export async function saveClinicHours(
  deps: SaveDeps,
  instances: InstanceService,
  user: AuthUser,
  body: SaveClinicHoursBody,
): Promise<SavedClinicHours> {
  const closures = [...body.closures].map(closureOf).sort((a, b) => (a.date < b.date ? -1 : 1));
  await refuseNewPastClosures(deps, closures);
  // Left out of the save (a page that does not know the clock), the clock stays the saved one; should
  // someone save meanwhile, the revision check below refuses this save anyway.
  const clock = body.clock ?? clockOf((await deps.store.getClinicCalendar())?.value as SavedHours | null);
  const saved: SavedHours = { hours: body.hours, closures, clock };
  const timeZone = baseCalendar(deps).timeZone;
  let calendar: Calendar;
  try {
    calendar = calendarOf(saved, timeZone);
  } catch (error) {
    throw ApiError.of('VALIDATION_FAILED', `hours: ${(error as Error).message}`);
  }
  const result = await deps.store.saveClinicCalendar({
    value: saved,
    expectedRevision: body.expectedRevision,
    actorId: user.id,
    at: deps.clock(),
    reason: body.reason ? body.reason : null,
    // The trail of the first save reads old → new against the hours the server was set up with.
    replaces: savedOf(baseCalendar(deps), deps.holidayNames, deps.holidayNamesIn),
    feedMessage: HOURS_CHANGED,
    movesOpenRequests: body.moveOpenRequests === true,
  });
  if (!result.ok)
    throw ApiError.of(
      'CONFLICT',
      `Someone saved the clinic hours since you opened them (now revision ${result.current?.revision ?? 0}); reload to see them`,
    );
  deps.calendar = calendar;
  deps.clinicClock = clock;
  // Other processes reload from the feed row written with the save; read it now rather than at the next poll.
  deps.live.committed();
  const moved = body.moveOpenRequests ? await moveOpenRequests(deps, instances, user, calendar) : null;
  return { ...(await clinicHoursView(deps)), moved };
}

async function peopleOf(deps: Deps, ids: string[]) {
  const out = new Map<string, { id: string; username: string; displayName: string }>();
  for (const id of new Set(ids)) {
    const user = await deps.store.getUser(id);
    if (user) out.set(id, { id: user.id, username: user.username, displayName: user.displayName });
  }
  return out;
}
