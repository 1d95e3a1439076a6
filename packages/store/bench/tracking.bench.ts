// Tracking-sheet benchmark: every query one sheet makes, over 100k completed tasks (and their 100k
// `complete` events) in a 30-day period, on a real database file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from '../../../scripts/bench-table.ts';
import { GENESIS_HASH, openStore, type Store } from '../src/index.ts';
import { publish, triage } from '../test/support/workflow.ts';
import { insertRows, random } from './generate.ts';

const COMPLETED = 100_000;
const OPEN = 5_000;
const PER_INSTANCE = 10;
const DAY = 86_400_000;
const START = Date.parse('2026-03-01T07:00:00.000Z');
const PEOPLE = Array.from({ length: 60 }, (_, i) => `staff-${i}`);
const ROLES = [
  'front-desk',
  'nurse',
  'supervisor',
  'provider',
  'portal-enrollment-specialist',
  'it-help-desk',
];
const OUTCOMES = ['answered', 'routed', 'declined', 'sent'];
const iso = (ms: number) => new Date(ms).toISOString();

export async function load(url: string): Promise<void> {
  const next = random(7);
  const instances = Math.ceil((COMPLETED + OPEN) / PER_INSTANCE);
  await insertRows(
    url,
    'instances',
    [
      'id',
      'definition_id',
      'version',
      'status',
      'snapshot',
      'revision',
      'last_hash',
      'started_at',
      'updated_at',
      'practice',
    ],
    (function* () {
      for (let i = 0; i < instances; i++) {
        const at = iso(START + Math.floor((i / instances) * 30 * DAY));
        // One in fifty is a practice run: stored, never counted.
        yield [
          `w-${i}`,
          triage.id,
          1,
          'done',
          '{}',
          PER_INSTANCE,
          GENESIS_HASH,
          at,
          at,
          i % 50 === 0 ? 1 : 0,
        ];
      }
    })(),
  );
  const tasks: unknown[][] = [];
  const events: unknown[][] = [];
  for (let n = 0; n < COMPLETED + OPEN; n++) {
    const instance = `w-${Math.floor(n / PER_INSTANCE)}`;
    const opened = START + Math.floor(next() * 30 * DAY);
    const closed = opened + Math.floor(next() * next() * 3 * DAY);
    const due = opened + DAY;
    const open = n >= COMPLETED;
    const person = PEOPLE[Math.floor(next() * PEOPLE.length)]!;
    const role = ROLES[Math.floor(next() * ROLES.length)]!;
    const outcome = OUTCOMES[Math.floor(next() * OUTCOMES.length)]!;
    const practice = Math.floor(n / PER_INSTANCE) % 50 === 0 ? 1 : 0;
    tasks.push([
      `${instance}:${n}`,
      instance,
      triage.id,
      String(n),
      'classify',
      'Classify the message',
      role,
      open ? person : person,
      open ? 'open' : 'closed',
      iso(due),
      iso(opened),
      open ? null : iso(closed),
      open ? null : outcome,
      open ? null : 'completed',
      open ? null : person,
      next() < 0.05 ? 1 : 0,
      practice,
    ]);
    if (!open) {
      const payload = JSON.stringify({
        type: 'complete',
        step: 'classify',
        outcome,
        role,
        actor: person,
        data: {},
      });
      events.push([
        instance,
        (n % PER_INSTANCE) + 1,
        iso(closed),
        person,
        role,
        'complete',
        payload,
        GENESIS_HASH,
        GENESIS_HASH,
      ]);
    }
  }
  await insertRows(
    url,
    'tasks',
    [
      'id',
      'instance_id',
      'definition_id',
      'token',
      'step',
      'title',
      'role',
      'assignee',
      'status',
      'due',
      'opened_at',
      'closed_at',
      'outcome',
      'close_reason',
      'closed_by',
      'escalated',
      'practice',
    ],
    tasks as never,
  );
  await insertRows(
    url,
    'events',
    ['instance_id', 'seq', 'at', 'actor', 'role', 'type', 'payload', 'prev_hash', 'hash'],
    events as never,
  );
}

/** Every store query a sheet for everyone over the whole period makes, as the server runs them (in parallel). */
function sheetQueries(store: Store, days: { day: string; start: string; end: string }[]) {
  const filter = { from: days[0]!.start, to: days[days.length - 1]!.end };
  return Promise.all([
    store.tallyCompletedTaskSets(filter, [
      ['person', 'role', 'workflow', 'outcome'],
      ['person', 'role'],
      ['role'],
    ]),
    store.tallyOpenOverdue({ ...filter, asOf: filter.to, keys: ['person', 'role'] }),
    store.tallyVolume({ days }),
    store.countCompletions({
      ...filter,
      workflow: 'enrollment-activation',
      fields: ['declineReason', 'activatedWithin'],
    }),
    store.countCompletionEvents(filter),
    store.listTrackingEntries({ fromDay: days[0]!.day, toDay: days[days.length - 1]!.day }),
  ]);
}

/** The longest the event loop went without running a 1 ms timer while `fn` ran: what other requests wait. */
async function longestStall(fn: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  try {
    await fn();
    longest = Math.max(longest, performance.now() - last);
    return longest;
  } finally {
    clearInterval(timer);
  }
}

async function timed(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function trackingBenchmarks(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'portalflow-bench-tracking-'));
  const url = `file:${join(dir, 'bench.db')}`;
  try {
    const seed = await openStore({ url });
    await publish(seed);
    await seed.close();
    await load(url);
    const store = await openStore({ url });
    const days = Array.from({ length: 31 }, (_, i) => ({
      day: iso(START + i * DAY).slice(0, 10),
      start: iso(START + i * DAY),
      end: iso(START + (i + 1) * DAY),
    }));
    const check = await store.tallyCompletedTasks({ from: days[0]!.start, to: days[30]!.end, keys: [] });
    const sheetMs = await timed(() => sheetQueries(store, days));
    const stalls: number[] = [];
    for (let i = 0; i < 3; i++) stalls.push(await longestStall(() => sheetQueries(store, days)));
    const stallMs = stalls.sort((a, b) => a - b)[1]!;
    const detailMs = await timed(() =>
      store.tallyCompletedTasks({
        from: days[0]!.start,
        to: days[30]!.end,
        keys: ['person', 'role', 'workflow', 'outcome'],
      }),
    );
    const oneWeek = await timed(() =>
      store.tallyCompletedTasks({
        from: days[0]!.start,
        to: days[7]!.start,
        userId: 'staff-3',
        keys: ['person', 'role'],
      }),
    );
    await store.close();
    return [
      {
        name: `tracking sheet, every query, ${COMPLETED / 1000}k completed tasks over 31 days`,
        value: sheetMs,
        unit: 'ms',
        goal: '< 1000 ms',
        met: sheetMs < 1000,
        note: `${check[0]?.completed ?? 0} real completions counted (practice ones left out); median of 5`,
      },
      {
        name: 'event loop held while the whole sheet is read',
        value: stallMs,
        unit: 'ms',
        goal: '< 50 ms',
        met: stallMs < 50,
        note: 'longest gap between 1 ms timer ticks during the sheet’s queries (median of 3): what every other request waits; the tallies run on the scan thread',
      },
      {
        name: 'tracking detail tally (person × role × workflow × outcome, median and p90)',
        value: detailMs,
        unit: 'ms',
        goal: '< 500 ms',
        met: detailMs < 500,
      },
      {
        name: "one person's week (totals)",
        value: oneWeek,
        unit: 'ms',
        goal: '< 100 ms',
        met: oneWeek < 100,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
