import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDoc } from '../src/http/openapi.ts';
import { type Breaking, breakingCases } from './support/breaking.ts';
import { StateDigest } from './support/fuzz.ts';
import { documentedRoutes, type MatrixWorld, routeKey, SORTER, setupMatrix } from './support/matrix-setup.ts';

/**
 * Every route of the contract, each field of its body or query broken in turn: the answer is a 400
 * with a code, a message in words (none of the validator's "expected … received …", "Too big: …",
 * "Invalid input"), the field named by its label or its name, a `fields` entry for it that a form can
 * show next to the field, and nothing stored changed.
 */

const JARGON = /expected|received|invalid input|invalid option|too big|too small|unrecognized key|[<>]=/i;
/** Signing out or confirming an authenticator would end the sessions the walk depends on. */
const SKIP = new Set(['POST /api/auth/logout', 'POST /api/auth/totp/confirm']);
const CALLERS = ['admin', 'designer', 'staffRole', 'auditor', SORTER] as const;

let w: MatrixWorld;
let state: StateDigest;
const ids: Record<string, string> = {};

beforeAll(async () => {
  w = await setupMatrix();
  const { instanceId, taskId } = await w.nurseTask();
  ids.instances = instanceId;
  ids.tasks = taskId;
  ids.definitions = await w.freshDraft();
  ids.users = w.userId('staffOther');
  for (const who of CALLERS) await w.headers(who);
  state = new StateDigest(w.t.dbUrl);
}, 60_000);
afterAll(async () => {
  state?.close();
  await w?.close();
});

function pathOf(route: RouteDoc): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'v') return '1';
    const kind = route.path.split('/')[2] ?? '';
    return encodeURIComponent(ids[kind] ?? '00000000-0000-4000-8000-000000000000');
  });
}

/** Keys that are read as other words. */
const SAID_AS: Record<string, string> = { q: 'search words', lang: 'language' };

/** The field's name in words, as a person reads it: its label, else its key split into words. */
const nameOf = (c: Breaking) =>
  (
    c.label ??
    SAID_AS[c.key] ??
    c.key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ')
  ).toLowerCase();

async function send(route: RouteDoc, who: string, c: Breaking, inQuery: boolean) {
  let path = pathOf(route);
  if (inQuery) {
    const q = new URLSearchParams(Object.entries(c.value).map(([k, v]): [string, string] => [k, String(v)]));
    path = `${path}?${q}`;
  }
  const req = inQuery
    ? { method: route.method.toUpperCase(), path }
    : { method: route.method.toUpperCase(), path, body: c.value };
  return w.send(route.auth === false ? 'anonymous' : who, req);
}

interface Walked {
  route: string;
  cases: number;
}

describe('every refused field is answered in words', () => {
  const routes = documentedRoutes().filter((r) => !SKIP.has(routeKey(r)) && (r.body || r.query));

  it('names the field, in words, with a code and a fields entry; nothing changes', async () => {
    const problems: string[] = [];
    const walked: Walked[] = [];
    const unreachable: string[] = [];
    for (const route of routes) {
      const inQuery = !route.body;
      const cases = breakingCases((route.body ?? route.query)!, inQuery);
      if (cases.length === 0) continue;
      // The first caller the route lets past authorization (bodies of forbidden routes are not read).
      let who: string | undefined;
      for (const candidate of route.auth === false ? ['anonymous'] : CALLERS) {
        const res = await send(route, candidate, cases[0]!, inQuery);
        if (res.status !== 401 && res.status !== 403) {
          who = candidate;
          break;
        }
      }
      if (!who) {
        unreachable.push(routeKey(route));
        continue;
      }
      walked.push({ route: routeKey(route), cases: cases.length });
      for (const c of cases) {
        const before = await state.digest();
        const res = await send(route, who, c, inQuery);
        const where = `${routeKey(route)} ${c.path} (${c.how})`;
        const error = res.body?.error as
          | {
              code?: string;
              message?: string;
              fields?: Array<{ path: string; field: string; message: string }>;
            }
          | undefined;
        if (res.status !== 400) problems.push(`${where}: answered ${res.status} ${res.text.slice(0, 160)}`);
        else if (!error?.code || !error.message)
          problems.push(`${where}: no code and message: ${res.text.slice(0, 160)}`);
        else if (JARGON.test(error.message)) problems.push(`${where}: jargon in "${error.message}"`);
        else if (error.code === 'VALIDATION_FAILED') {
          const entry = error.fields?.find(
            (f) => f.path === c.path || (c.path !== '' && f.path.startsWith(`${c.path}.`)),
          );
          if (!entry) problems.push(`${where}: no fields entry for it in ${JSON.stringify(error.fields)}`);
          else if (JARGON.test(entry.message)) problems.push(`${where}: jargon in "${entry.message}"`);
          else if (!entry.message.toLowerCase().includes(nameOf(c)))
            problems.push(`${where}: "${entry.message}" does not name ${nameOf(c)}`);
        } else if (!error.message.toLowerCase().includes(nameOf(c).split(' ')[0]!))
          problems.push(`${where}: ${error.code} "${error.message}" does not name ${nameOf(c)}`);
        if ((await state.digest()) !== before) problems.push(`${where}: refused, but the database changed`);
      }
    }
    console.log(
      `refusal words: ${walked.length} routes, ${walked.reduce((n, r) => n + r.cases, 0)} broken fields; no caller got past authorization on ${unreachable.join(', ') || 'none'}`,
    );
    expect(problems).toEqual([]);
    expect(walked.length).toBeGreaterThan(40);
  }, 300_000);
});
