// Retries over a cutting network: a proxy drops connections before the request, after the server
// has committed and answered, or half-way through the answer; clients retry with the same
// Idempotency-Key until they get an answer (and sometimes send a request twice at once).
// Pass: zero duplicate effects — one instance per start, one event per claim or complete — and a
// retry of a request the server already answered 2xx gets 2xx again, never a 409 for its own change.
import { request } from 'node:http';
import { tempDb } from '../test/support/prepare.ts';
import { killAllServers, spawnServer } from '../test/support/processes.ts';
import { checkAcks } from './support/acks.ts';
import { prepareClinic, REFILL_OUTCOMES, refillWorkflow } from './support/clinic.ts';
import { checkDatabase } from './support/consistency.ts';
import { CuttingProxy } from './support/cutting-proxy.ts';
import { readHistories } from './support/histories.ts';
import type { Ack } from './support/load.ts';
import { Prng } from './support/prng.ts';
import { type CampaignOptions, type CampaignResult, Verdict } from './support/result.ts';

interface Answer {
  status: number;
  body: {
    instance?: { id: string; revision: number; data?: Record<string, unknown> };
    error?: { code: string };
  };
}

/** One HTTP request on its own connection (so the proxy decides per request); rejects when cut. */
function send(
  port: number,
  token: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        timeout: 10_000,
        headers: {
          authorization: `Bearer ${token}`,
          'idempotency-key': key,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} });
          } catch (error) {
            reject(error);
          }
        });
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('aborted')));
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end(payload);
  });
}

export async function retriesCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const opsTotal = options.long ? 5000 : 400;
  const rng = new Prng(options.seed);
  const verdict = new Verdict();
  const db = await tempDb('portalflow-retries-');
  const workflow = refillWorkflow('PT1H');
  let proxy: CuttingProxy | undefined;
  try {
    const clinic = await prepareClinic(db.url, {
      workflows: [workflow],
      users: [
        { username: 'nurse-1', roles: ['nurse'] },
        { username: 'nurse-2', roles: ['nurse'] },
        { username: 'nurse-3', roles: ['nurse'] },
      ],
      instances: 60,
    });
    const server = await spawnServer({
      databaseUrl: db.url,
      processId: 'retries',
      quiet: true,
      keepLog: false,
    });
    proxy = new CuttingProxy({ host: '127.0.0.1', port: server.port }, rng.fork(), 0.35);
    const port = await proxy.listen();

    const acks: Ack[] = [];
    const tally = { attempts: 0, networkErrors: 0, doubled: 0, gaveUp: 0, final: new Map<string, number>() };
    const startKeys: string[] = [];
    const ownConflicts: string[] = [];
    let n = 0;

    /** Sends until an answer arrives (same key every time); sometimes two copies at once. */
    async function operate(
      user: (typeof clinic.users)[number],
      kind: Ack['kind'],
      path: string,
      body: unknown,
      opRng: Prng,
      extra: Partial<Ack>,
    ) {
      const key = `retry-${options.seed}-${++n}`;
      if (kind === 'start') startKeys.push(key);
      let answer: Answer | null = null;
      for (let attempt = 0; attempt < 30 && !answer; attempt++) {
        tally.attempts += 1;
        const copies = attempt === 0 && opRng.chance(0.1) ? 2 : 1;
        if (copies === 2) tally.doubled += 1;
        const settled = await Promise.allSettled(
          Array.from({ length: copies }, () => send(port, user.token, key, 'POST', path, body)),
        );
        for (const s of settled) {
          if (s.status === 'rejected') tally.networkErrors += 1;
          else if (!answer || (s.value.status < 300 && answer.status >= 300)) answer = s.value;
        }
      }
      if (!answer) {
        tally.gaveUp += 1;
        verdict.fail(`${kind} ${key}: no answer after 30 attempts`);
        return;
      }
      tally.final.set(`${kind} ${answer.status}`, (tally.final.get(`${kind} ${answer.status}`) ?? 0) + 1);
      if (answer.status >= 500) verdict.fail(`${kind} ${key}: ${answer.status}`);
      const serverSaid2xx = (proxy!.serverAnswers.get(key) ?? []).some((s) => s >= 200 && s < 300);
      if (answer.status >= 300 && serverSaid2xx)
        ownConflicts.push(`${kind} ${key}: ${answer.status} ${answer.body.error?.code}`);
      if (answer.status < 300 && answer.body.instance) {
        acks.push({
          kind,
          instanceId: answer.body.instance.id,
          revision: answer.body.instance.revision,
          userId: user.id,
          atMs: 0,
          sentMs: 0,
          ...extra,
        });
      }
    }

    const clients = clinic.users.map((user, c) => {
      const crng = rng.fork();
      return (async () => {
        for (let i = c; i < opsTotal; i += clinic.users.length) {
          if (crng.chance(0.3)) {
            await operate(
              user,
              'start',
              '/api/instances',
              { definitionId: workflow.id, data: { op: i } },
              crng,
              {},
            );
            continue;
          }
          const list = await send(
            server.port,
            user.token,
            `list-${i}`,
            'GET',
            '/api/tasks?scope=pool&limit=50',
          ).catch(() => null);
          const items =
            (list?.body as { items?: Array<{ id: string; token: string; step: string }> } | undefined)
              ?.items ?? [];
          if (items.length === 0) continue;
          const task = crng.pick(items);
          const path = `/api/tasks/${encodeURIComponent(task.id)}`;
          if (crng.chance(0.4)) {
            await operate(user, 'claim', `${path}/claim`, undefined, crng, { token: task.token });
          } else {
            const outcome = crng.pick(REFILL_OUTCOMES[task.step] ?? ['done']);
            await operate(user, 'complete', `${path}/complete`, { outcome }, crng, {
              token: task.token,
              outcome,
            });
          }
        }
      })();
    });
    await Promise.all(clients);
    await server.stop();
    for (const c of ownConflicts.slice(0, 20))
      verdict.fail(`a retry was refused though the server had committed it: ${c}`);

    const histories = await readHistories(db.url);
    const found = checkAcks(histories, acks, verdict);
    // One instance per start key: started instances carry their op number.
    const started = new Map<unknown, number>();
    for (const events of histories.values()) {
      const data = (events[0]?.payload as { data?: { op?: unknown } } | undefined)?.data;
      if (data?.op !== undefined) started.set(data.op, (started.get(data.op) ?? 0) + 1);
    }
    for (const [op, count] of started)
      verdict.check(count === 1, `start op ${String(op)} created ${count} instances`);
    const ackedStarts = acks.filter((a) => a.kind === 'start').length;
    verdict.check(
      started.size === ackedStarts,
      `${ackedStarts} starts acknowledged, ${started.size} instances started by ops`,
    );
    // One claim event per (task, claimer): nobody releases in this campaign.
    const claims = new Map<string, number>();
    for (const [id, events] of histories)
      for (const e of events)
        if (e.type === 'reassign') {
          const p = e.payload as { token: string; assignee: string | null };
          const k = `${id}:${p.token}:${p.assignee}`;
          claims.set(k, (claims.get(k) ?? 0) + 1);
        }
    for (const [k, count] of claims) verdict.check(count === 1, `task claim ${k} recorded ${count} times`);
    let duplicates = [...started.values(), ...claims.values()].filter((c) => c > 1).length;
    for (const events of histories.values()) {
      const tokens = events
        .filter((e) => e.type === 'complete')
        .map((e) => (e.payload as { token: string }).token);
      duplicates += tokens.length - new Set(tokens).size;
    }
    const figures = await checkDatabase(db.url, verdict);
    return verdict.result('retries', options, {
      operations: opsTotal,
      'requests sent': tally.attempts,
      'sent twice at once': tally.doubled,
      'connections cut': JSON.stringify(proxy.stats.cuts),
      'client-side network errors (then retried)': tally.networkErrors,
      'final answers': JSON.stringify(Object.fromEntries(tally.final)),
      'acknowledged changes found': `${found}/${acks.length}`,
      'retries refused after a commit': ownConflicts.length,
      'duplicate effects': duplicates,
      instances: figures.instances,
      events: figures.events,
    });
  } finally {
    await proxy?.close();
    await killAllServers();
    await db.remove();
  }
}
