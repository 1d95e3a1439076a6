import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen, sendJson } from './support/listen.ts';

/**
 * "Notes for you" on a task: the notes for the next role written in the round that led to it, by
 * others — not every such note the request ever had. A lab result handed back twice (the medical
 * assistant finds the wrong patient, medical records refile it, twice, then it is verified) is read by
 * the provider, by the assistant getting it back and by medical records, over a real listener and a
 * real libSQL file.
 */

const LAB = 'lab-result-release';
const ROUND_1_WRONG = 'Round 1: the name on the result does not match the order. Please refile.';
const ROUND_1_REFILED = 'Round 1: refiled to the correct chart after checking with the lab.';
const ROUND_2_WRONG = 'Round 2: the DOB still differs. Please refile.';
const ROUND_2_REFILED = 'Round 2: refiled again, the lab confirmed the chart.';
const VERIFIED = 'Third look: identifiers match now. LDL 190, flagged abnormal by the lab.';

let t: TestApp;
let listener: Listener;
let assistant: AuthHeaders;
let records: AuthHeaders;

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  assistant = await t.login('medical-assistant');
  records = await t.login('medical-records');
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

const send = (as: AuthHeaders, method: string, path: string, body?: unknown) =>
  sendJson(listener.base, as, method, path, body);

const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

async function openTask(instanceId: string, step: string): Promise<string> {
  const open = (await t.store.listInstanceTasks(instanceId)).filter(
    (x) => x.status === 'open' && x.step === step,
  );
  expect(open).toHaveLength(1);
  return open[0]!.id;
}

/** Claims and completes the one open task of `step` with a note for the next role, minutes later. */
async function finish(
  as: AuthHeaders,
  instanceId: string,
  step: string,
  outcome: string,
  note: string,
  data: Record<string, unknown> = {},
): Promise<string> {
  const id = await openTask(instanceId, step);
  t.clock.advance('PT7M');
  expect((await send(as, 'POST', `${taskPath(id)}/claim`)).status).toBe(200);
  t.clock.advance('PT3M');
  const done = await send(as, 'POST', `${taskPath(id)}/complete`, { outcome, data, note, forNextRole: true });
  expect(done.status, done.text).toBe(200);
  return id;
}

/** The bodies of the notes the task's panel shows as "for you", as `username` reads it, signed in now. */
async function forYou(username: string, taskId: string): Promise<string[]> {
  const read = await send(await t.login(username), 'GET', taskPath(taskId));
  expect(read.status, read.text).toBe(200);
  const byId = new Map<string, string>(
    read.body.notes.map((n: { id: string; body: string }) => [n.id, n.body]),
  );
  return (read.body.forYou as string[]).map((id) => byId.get(id)!);
}

describe('notes for you on a lab result handed back twice', () => {
  let instanceId: string;
  let secondLook: string;

  beforeAll(async () => {
    const started = await send(assistant, 'POST', '/api/requests', {
      definitionId: LAB,
      data: { patient: 'DEMO-7101', test: 'Lipid panel' },
    });
    expect(started.status, started.text).toBe(201);
    instanceId = started.body.instance.id;
    await finish(assistant, instanceId, 'verify-result', 'wrong-patient', ROUND_1_WRONG);
    await finish(records, instanceId, 'correct-misfile', 'refiled', ROUND_1_REFILED);
    secondLook = await openTask(instanceId, 'verify-result');
    await finish(assistant, instanceId, 'verify-result', 'wrong-patient', ROUND_2_WRONG);
    await finish(records, instanceId, 'correct-misfile', 'refiled', ROUND_2_REFILED);
    await finish(assistant, instanceId, 'verify-result', 'verified', VERIFIED, {
      resultKind: 'lab',
      flag: 'abnormal',
      holdRequested: false,
    });
  });

  it('the provider reads only the note of the look that sent it on, not the refile rounds', async () => {
    const review = await openTask(instanceId, 'abnormal-review');
    expect(await forYou('provider', review)).toEqual([VERIFIED]);
    // "History so far" keeps every note.
    const read = await send(await t.login('provider'), 'GET', taskPath(review));
    expect(read.body.notes.map((n: { body: string }) => n.body)).toEqual([
      ROUND_1_WRONG,
      ROUND_1_REFILED,
      ROUND_2_WRONG,
      ROUND_2_REFILED,
      VERIFIED,
    ]);
  });

  it('medical records, releasing it at the same time, read the same note', async () => {
    const release = await openTask(instanceId, 'release-to-portal');
    expect(await forYou('medical-records', release)).toEqual([VERIFIED]);
  });

  it('the assistant getting it back reads the refile note, never her own note as for her', async () => {
    expect(await forYou('medical-assistant', secondLook)).toEqual([ROUND_1_REFILED]);
  });

  it('a colleague of the assistant reading that task sees the same round, her own note not included', async () => {
    await t.addUser('medical-assistant-2', ['medical-assistant']);
    expect(await forYou('medical-assistant-2', secondLook)).toEqual([ROUND_1_REFILED]);
  });
});

describe('a note for the next role added on the request', () => {
  it('while a task waits in its pool, is for that task', async () => {
    const started = await send(assistant, 'POST', '/api/requests', {
      definitionId: LAB,
      data: { patient: 'DEMO-7102', test: 'Lipid panel' },
    });
    expect(started.status, started.text).toBe(201);
    const instanceId: string = started.body.instance.id;
    await finish(assistant, instanceId, 'verify-result', 'wrong-patient', ROUND_1_WRONG);
    t.clock.advance('PT2M');
    const added = await send(assistant, 'POST', `/api/instances/${instanceId}/notes`, {
      body: 'The lab will fax the corrected report.',
      forNextRole: true,
    });
    expect(added.status, added.text).toBe(201);
    const refile = await openTask(instanceId, 'correct-misfile');
    expect(await forYou('medical-records', refile)).toEqual([
      ROUND_1_WRONG,
      'The lab will fax the corrected report.',
    ]);
  });
});
