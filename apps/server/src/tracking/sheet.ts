import type { Cell, Sheet, SheetColumn, SheetScope, SheetTable } from '@portalflow/contract';
import { csvText, idToWords } from '@portalflow/engine/text';
import type { Store, TallyKey, TaskTally, TrackingEntry } from '@portalflow/store';
import { ENROLLMENT, enrollmentTallies } from './enrollment.ts';
import type { Period } from './period.ts';

export type { Cell, Sheet, SheetColumn, SheetScope, SheetTable, SheetTableId } from '@portalflow/contract';
export { SHEET_TABLES } from '@portalflow/contract';

export interface Names {
  person(id: string | null): string;
  role(id: string | null): string;
  workflow(id: string | null): string;
  /** A step's title in the workflow's latest published version (its id in words if it has none now). */
  step(workflow: string | null, id: string | null): string;
  /** People holding a role (for the manual-entries view of one role). */
  holders(role: string): Set<string>;
}

/** The person of work nobody had claimed: it waits in its role's pool (the row's role says which). */
export const UNCLAIMED = 'Not yet claimed (in the pool)';

/** Milliseconds → hours with two decimals (what the table shows and the CSV writes). */
export const hours = (ms: number) => Math.round(ms / 36_000) / 100;

const num = (label: string, key: string): SheetColumn => ({ key, label, numeric: true });
/** A time column: hours as a number in the CSV, "2 h 15 min" on screen. */
const time = (label: string, key: string): SheetColumn => ({ key, label, numeric: true, unit: 'hours' });

/** Builds every table of one sheet; each is a handful of SQL aggregations, whatever the volume. */
export async function buildSheet(
  store: Store,
  period: Period,
  scope: SheetScope,
  asOf: string,
  names: Names,
): Promise<Sheet> {
  const byPerson = scope.view === 'person';
  const filter = {
    from: period.start,
    to: period.end,
    ...(scope.userId !== undefined ? { userId: scope.userId } : {}),
    ...(scope.role !== undefined ? { role: scope.role } : {}),
  };
  const who: TallyKey[] = byPerson ? ['person', 'role'] : ['role'];
  // How fast requests end is the clinic's, not one person's or role's: only on the unfiltered sheet.
  const clinicWide = scope.userId === undefined && scope.role === undefined;
  const [[detail, totals, byRole], open, escalations, volume, completions, events, entries, requests] =
    await Promise.all([
      store.tallyCompletedTaskSets(filter, [
        [...who, 'workflow', 'step', 'outcome'],
        who,
        ['role'],
      ]) as Promise<[TaskTally[], TaskTally[], TaskTally[]]>,
      store.tallyOpenOverdue({ ...filter, asOf, keys: who as ('person' | 'role')[] }),
      // Counted when they happened, done or not, for the person and role whose deadline passed.
      store.tallyEscalations({ ...filter, keys: who as ('person' | 'role')[] }),
      store.tallyVolume({
        days: period.days,
        ...(scope.userId !== undefined ? { userId: scope.userId } : {}),
        ...(scope.role !== undefined ? { role: scope.role } : {}),
      }),
      store.countCompletions({
        from: period.start,
        to: period.end,
        workflow: ENROLLMENT.workflow,
        fields: ENROLLMENT.fields,
        ...(scope.userId !== undefined ? { userId: scope.userId } : {}),
        ...(scope.role !== undefined ? { role: scope.role } : {}),
      }),
      store.countCompletionEvents(filter),
      store.listTrackingEntries({
        fromDay: period.from,
        toDay: period.to,
        ...(scope.userId !== undefined ? { userId: scope.userId } : {}),
      }),
      clinicWide ? store.tallyRequests({ from: period.start, to: period.end }) : Promise.resolve([]),
    ]);

  const personCol = byPerson ? [{ key: 'person', label: 'Person' }] : [];
  const personCell = (id: string | null) => (byPerson ? [id === null ? UNCLAIMED : names.person(id)] : []);
  // People by name, then the pool's unclaimed work, last.
  const sortRows = (rows: Cell[][], keyCount: number) =>
    rows.sort((a, b) => {
      if (byPerson && (a[0] === UNCLAIMED) !== (b[0] === UNCLAIMED)) return a[0] === UNCLAIMED ? 1 : -1;
      for (let i = 0; i < keyCount; i++) {
        const c = String(a[i]).localeCompare(String(b[i]));
        if (c !== 0) return c;
      }
      return 0;
    });

  const tasksTable: SheetTable = {
    id: 'tasks',
    title: 'Tasks completed by workflow, step and outcome',
    columns: [
      ...personCol,
      { key: 'role', label: 'Role' },
      { key: 'workflow', label: 'Workflow' },
      { key: 'step', label: 'Step' },
      { key: 'outcome', label: 'Outcome' },
      num('Completed', 'completed'),
      time('Median (h)', 'medianHours'),
      time('P90 (h)', 'p90Hours'),
      num('Completed late', 'late'),
      num('Reached by escalation', 'escalated'),
    ],
    rows: sortRows(
      detail.map((t) => [
        ...personCell(t.person),
        names.role(t.role),
        names.workflow(t.workflow),
        names.step(t.workflow, t.step),
        // As the outcome button read ("Not valid"), not its id.
        t.outcome ? idToWords(t.outcome) : '',
        t.completed,
        hours(t.medianMs),
        hours(t.p90Ms),
        t.late,
        t.escalated,
      ]),
      byPerson ? 5 : 4,
    ),
  };

  const key = (person: string | null, role: string | null) =>
    JSON.stringify([byPerson ? person : null, role]);
  const openBy = new Map(open.map((o) => [key(o.person, o.role), o.open]));
  const groups = new Map<string, { person: string | null; role: string | null }>();
  for (const t of totals) groups.set(key(t.person, t.role), { person: t.person, role: t.role });
  for (const o of open) groups.set(key(o.person, o.role), { person: o.person, role: o.role });
  for (const e of escalations) groups.set(key(e.person, e.role), { person: e.person, role: e.role });
  const escalatedBy = new Map(escalations.map((e) => [key(e.person, e.role), e.escalations]));
  const totalsTable: SheetTable = {
    id: 'totals',
    title: byPerson ? 'Totals per person and role' : 'Totals per role',
    columns: [
      ...personCol,
      { key: 'role', label: 'Role' },
      num('Completed', 'completed'),
      time('Median (h)', 'medianHours'),
      time('P90 (h)', 'p90Hours'),
      num('Completed late', 'late'),
      num('Open past due', 'openOverdue'),
      num('Overdue', 'overdue'),
      num('Escalations', 'escalations'),
    ],
    rows: sortRows(
      [...groups.entries()].map(([k, g]) => {
        const t = totals.find((x) => key(x.person, x.role) === k);
        const openOverdue = openBy.get(k) ?? 0;
        return [
          ...personCell(g.person),
          names.role(g.role),
          t?.completed ?? 0,
          t ? hours(t.medianMs) : '',
          t ? hours(t.p90Ms) : '',
          t?.late ?? 0,
          openOverdue,
          (t?.late ?? 0) + openOverdue,
          escalatedBy.get(k) ?? 0,
        ];
      }),
      byPerson ? 2 : 1,
    ),
  };

  // A request is the clinic's, not one person's or role's: a filtered sheet withholds the table, in words.
  const requestsTable: SheetTable = {
    id: 'requests',
    title: 'Requests by workflow: how long start to end took',
    columns: [
      { key: 'workflow', label: 'Workflow' },
      num('Finished', 'finished'),
      time('Median start to end (h)', 'medianHours'),
      time('P90 start to end (h)', 'p90Hours'),
      num('Cancelled', 'cancelled'),
      num('Open now', 'open'),
    ],
    rows: sortRows(
      requests.map((r) => [
        names.workflow(r.workflow),
        r.finished,
        r.finished ? hours(r.medianMs) : '',
        r.finished ? hours(r.p90Ms) : '',
        r.cancelled,
        r.open,
      ]),
      1,
    ),
    ...(clinicWide
      ? {}
      : {
          withheld: true as const,
          note: 'A request passes through several roles and people, so how long requests take is counted only for the whole clinic, with Everyone and Every role chosen.',
        }),
  };

  const enrollment = enrollmentTallies(completions, byPerson);
  const who1 = (p: string | null) => (byPerson ? names.person(p) : 'Everyone');
  const enrollmentTable: SheetTable = {
    id: 'enrollment',
    title: 'Portal enrollment',
    columns: [
      { key: 'person', label: byPerson ? 'Person' : 'Who' },
      num('Approached', 'approached'),
      num('Enrolled', 'enrolled'),
      num('Codes issued', 'codesIssued'),
      num('Activated', 'activated'),
      num('Same day', 'sameDay'),
      num('Within 7 days', 'within7Days'),
      num('Later', 'later'),
      num('Declined', 'declined'),
      num('Escalations to IT', 'escalatedToIt'),
    ],
    rows: sortRows(
      enrollment.map((e) => [
        who1(e.person),
        e.approached,
        e.enrolled,
        e.codesIssued,
        e.activated,
        e.sameDay,
        e.within7Days,
        e.later,
        e.declined,
        e.escalatedToIt,
      ]),
      1,
    ),
  };
  const declinesTable: SheetTable = {
    id: 'declines',
    title: 'Enrollment declined, by reason',
    columns: [
      { key: 'person', label: byPerson ? 'Person' : 'Who' },
      { key: 'reason', label: 'Reason' },
      num('Declined', 'declined'),
    ],
    rows: sortRows(
      enrollment.flatMap((e) =>
        Object.entries(e.declineReasons).map(([reason, n]) => [who1(e.person), idToWords(reason), n]),
      ),
      2,
    ),
  };

  // A manual entry is a person's, never tied to a role: a role's sheet shows its holders' entries, and says so.
  const manualTable = manualSummary(
    scope.role !== undefined ? entries.filter((e) => names.holders(scope.role!).has(e.userId)) : entries,
    byPerson,
    names,
  );
  if (scope.role !== undefined)
    manualTable.note = `Work outside workflows belongs to a person, not a role: these are the entries of the people who hold the role ${names.role(scope.role)}.`;

  const roleSeries = [...new Set(volume.map((v) => names.role(v.role)))].sort();
  const volumeRows = period.days.map((d) => {
    const row: Record<string, Cell> = { day: d.day };
    for (const s of roleSeries) row[s] = 0;
    for (const v of volume) if (v.day === d.day) row[names.role(v.role)] = v.completed;
    return row;
  });
  const completedTasks = byRole.reduce((s, r) => s + r.completed, 0);

  return {
    period: {
      from: period.from,
      to: period.to,
      timeZone: period.timeZone,
      start: period.start,
      end: period.end,
    },
    asOf,
    scope,
    tables: [totalsTable, requestsTable, tasksTable, enrollmentTable, declinesTable, manualTable],
    charts: {
      volume: volumeRows,
      volumeSeries: roleSeries,
      timeToComplete: byRole.map((r) => ({
        role: names.role(r.role),
        median: hours(r.medianMs),
        p90: hours(r.p90Ms),
        completed: r.completed,
      })),
    },
    check: { completionEvents: events, completedTasks, consistent: events === completedTasks },
  };
}

/** Manual entries summed per person (or for everyone): shifts and hours, trainings, support, FAQ, projects. */
function manualSummary(entries: readonly TrackingEntry[], byPerson: boolean, names: Names): SheetTable {
  const counters = [
    'shifts',
    'hours',
    'trainings',
    'attendees',
    'lockout',
    'password-reset',
    'expired-code',
    'other',
    'escalatedToIt',
    'faq',
    'video',
    'in-progress',
    'blocked',
    'done',
  ] as const;
  type Counts = Record<(typeof counters)[number], number> & { sites: Set<string> };
  const per = new Map<string, Counts>();
  for (const e of entries) {
    const k = byPerson ? e.userId : '';
    let c = per.get(k);
    if (!c) {
      c = Object.assign(Object.fromEntries(counters.map((n) => [n, 0])), {
        sites: new Set<string>(),
      }) as unknown as Counts;
      per.set(k, c);
    }
    const f = e.fields as Record<string, unknown>;
    switch (e.kind) {
      case 'shift':
        c.shifts += 1;
        c.hours += Number(f.hours ?? 0);
        c.sites.add(String(f.site ?? ''));
        break;
      case 'training':
        c.trainings += 1;
        c.attendees += Number(f.attendees ?? 0);
        break;
      case 'support': {
        const type = String(f.contactType) as 'lockout' | 'password-reset' | 'expired-code' | 'other';
        if (type in c) c[type] += Number(f.count ?? 0);
        c.escalatedToIt += Number(f.escalatedToIt ?? 0);
        break;
      }
      case 'faq':
        c[f.itemType === 'video' ? 'video' : 'faq'] += 1;
        break;
      case 'project': {
        const s = String(f.status);
        if (s === 'in-progress' || s === 'blocked' || s === 'done') c[s] += 1;
        break;
      }
    }
  }
  return {
    id: 'manual',
    title: 'Work outside workflows',
    columns: [
      { key: 'person', label: byPerson ? 'Person' : 'Who' },
      num('Shifts', 'shifts'),
      num('Hours', 'hours'),
      { key: 'sites', label: 'Sites' },
      num('Trainings', 'trainings'),
      num('Attendees', 'attendees'),
      num('Lockouts', 'lockout'),
      num('Password resets', 'passwordReset'),
      num('Expired codes', 'expiredCode'),
      num('Other contacts', 'otherContacts'),
      num('Escalated to IT', 'escalatedToIt'),
      num('FAQ items', 'faq'),
      num('Videos', 'video'),
      num('Projects in progress', 'inProgress'),
      num('Projects blocked', 'blocked'),
      num('Projects done', 'done'),
    ],
    rows: [...per.entries()]
      .map(([k, c]) => [
        byPerson ? names.person(k) : 'Everyone',
        c.shifts,
        Math.round(c.hours * 100) / 100,
        [...c.sites].sort().join('; '),
        c.trainings,
        c.attendees,
        c.lockout,
        c['password-reset'],
        c['expired-code'],
        c.other,
        c.escalatedToIt,
        c.faq,
        c.video,
        c['in-progress'],
        c.blocked,
        c.done,
      ])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  };
}

/** The table as CSV: its column labels, then exactly its cells (guarded against formulas). */
export function tableCsv(table: SheetTable): string {
  return csvText([table.columns.map((c) => c.label), ...table.rows]);
}
