import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FuzzRequest,
  fuzzRuns,
  fuzzSeed,
  type Ids,
  requestFor,
  STACK_TRACE,
  StateDigest,
} from './support/fuzz.ts';
import { documentedRoutes, type MatrixWorld, setupMatrix } from './support/matrix-setup.ts';

/**
 * Generated requests against every documented route (from the OpenAPI registry): schema-shaped and
 * random bodies, queries and ids, from every kind of caller, some with a wrong CSRF token, some
 * malformed, nested or oversized. None may get a 5xx or a stack trace, and none that is refused may
 * change anything (the database digest before and after must match). `FUZZ_RUNS=100000` (via
 * `pnpm fuzz`) for a long run; a few thousand here in CI. `FUZZ_SEED` replays a run.
 */

const RUNS = fuzzRuns(2000);
const SEED = fuzzSeed();
const CALLERS = ['anonymous', 'admin', 'designer', 'auditor', 'staffRole', 'staffOther'] as const;

let w: MatrixWorld;
let state: StateDigest;
const ids: Ids = { instances: [], tasks: [], definitions: [], users: [] };
const stats = { sent: 0, refused: 0, byStatus: new Map<number, number>() };

beforeAll(async () => {
  w = await setupMatrix();
  for (let i = 0; i < 3; i++) {
    const { instanceId, taskId } = await w.nurseTask(i === 0 ? 'staffRole' : undefined);
    ids.instances.push(instanceId);
    ids.tasks.push(taskId);
  }
  ids.definitions.push('portal-message-triage', 'billing-question', await w.freshDraft());
  ids.users.push(w.userId('staffOther'), w.userId('admin'));
  for (const who of CALLERS) if (who !== 'anonymous') await w.headers(who);
  state = new StateDigest(w.t.dbUrl);
}, 60_000);
afterAll(async () => {
  state?.close();
  await w?.close();
  console.log(
    `fuzz: ${stats.sent} requests (seed ${SEED}), ${stats.refused} refused; statuses ${JSON.stringify(Object.fromEntries([...stats.byStatus].sort()))}`,
  );
});

async function send(req: FuzzRequest): Promise<{ status: number; text: string; type: string }> {
  const auth = req.caller === 'anonymous' ? {} : await w.headers(req.caller);
  const headers: Record<string, string> = { ...auth };
  if (!req.csrf && headers['x-csrf-token']) headers['x-csrf-token'] = 'forged';
  if (req.idempotencyKey !== undefined) headers['idempotency-key'] = req.idempotencyKey;
  const init: RequestInit = { method: req.method, headers };
  if (req.body && 'json' in req.body) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(req.body.json) ?? 'null';
  } else if (req.body && 'raw' in req.body) {
    headers['content-type'] = req.body.type;
    init.body = req.body.raw;
  }
  let url = req.path;
  try {
    new URL(url, 'http://localhost');
  } catch {
    url = '/api/health';
  }
  const res = await w.t.app.request(url, init);
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, text: '', type };
  }
  return { status: res.status, text: await res.text(), type };
}

/** Requests that sign callers out would end the shared sessions the run depends on. */
const SKIP = new Set(['POST /api/auth/logout', 'POST /api/auth/login', 'POST /api/auth/totp/confirm']);

describe('fuzzing every documented route', () => {
  const routes = documentedRoutes().filter((r) => !SKIP.has(`${r.method.toUpperCase()} ${r.path}`));

  it(
    `${RUNS} generated requests: no 5xx, no stack traces, no change from a refused request`,
    async () => {
      expect(routes.length).toBeGreaterThan(35);
      const arbitrary = fc.oneof(...routes.map((r) => requestFor(r, ids, CALLERS)));
      let known: string | undefined;
      await fc.assert(
        fc.asyncProperty(arbitrary, async (req) => {
          // Only an accepted request may change the state, so the digest is re-read only after one.
          known ??= await state.digest();
          const before = known;
          const res = await send(req);
          if (res.status < 400) known = undefined;
          stats.sent++;
          if (stats.sent % 10_000 === 0)
            console.log(
              `fuzz progress: ${stats.sent} requests, ${stats.refused} refused, all properties held`,
            );
          stats.byStatus.set(res.status, (stats.byStatus.get(res.status) ?? 0) + 1);
          expect(res.status, `${req.route} ${req.path}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
          expect(res.text).not.toMatch(STACK_TRACE);
          if (res.status >= 400) {
            stats.refused++;
            if (req.path.startsWith('/api/'))
              expect(JSON.parse(res.text), res.text.slice(0, 200)).toMatchObject({
                error: { code: expect.any(String), message: expect.any(String) },
              });
            known = await state.digest();
            expect(known, `${req.route} refused with ${res.status} but changed the database`).toBe(before);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(w.t.logs.filter((l) => l.includes('internal error'))).toEqual([]);
    },
    Math.max(120_000, RUNS * 60),
  );

  it(
    'sign-in routes: no 5xx, no stack traces, and a refused sign-in changes nothing',
    async () => {
      const signIns = documentedRoutes().filter((r) => SKIP.has(`${r.method.toUpperCase()} ${r.path}`));
      const arbitrary = fc.oneof(...signIns.map((r) => requestFor(r, ids, ['anonymous'])));
      await fc.assert(
        fc.asyncProperty(arbitrary, async (req) => {
          const before = await state.digest();
          const res = await send(req);
          expect(res.status).toBeLessThan(500);
          expect(res.text).not.toMatch(STACK_TRACE);
          if (res.status >= 400) expect(await state.digest()).toBe(before);
        }),
        { numRuns: Math.ceil(RUNS / 20), seed: SEED },
      );
    },
    Math.max(120_000, RUNS * 10),
  ); // each sign-in is a deliberate scrypt
});
