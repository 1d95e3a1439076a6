// kill -9 under mixed load: a real server process is SIGKILLed at random moments while staff start
// instances, claim and complete tasks and deadlines fire, and restarted on the same file and port.
// Pass: no acknowledged (2xx) step lost or applied twice, integrity_check ok, every chain verifies,
// projection == replay.

import { tempDb } from '../test/support/prepare.ts';
import { killAllServers, type ServerProcess, spawnServer } from '../test/support/processes.ts';
import { checkAcks } from './support/acks.ts';
import { prepareClinic, REFILL_OUTCOMES, refillWorkflow } from './support/clinic.ts';
import { checkDatabase } from './support/consistency.ts';
import { readHistories } from './support/histories.ts';
import { HttpLoad } from './support/load.ts';
import { Prng } from './support/prng.ts';
import { type CampaignOptions, type CampaignResult, sleep, Verdict } from './support/result.ts';

export async function kill9Campaign(options: CampaignOptions): Promise<CampaignResult> {
  const kills = options.long ? 200 : 5;
  const loadMs: [number, number] = options.long ? [300, 1500] : [400, 1200];
  const rng = new Prng(options.seed);
  const verdict = new Verdict();
  const db = await tempDb('portalflow-kill9-');
  const workflow = refillWorkflow('PT2S');
  try {
    const clinic = await prepareClinic(db.url, {
      workflows: [workflow],
      users: [
        { username: 'nurse-1', roles: ['nurse'] },
        { username: 'nurse-2', roles: ['nurse'] },
        { username: 'nurse-3', roles: ['nurse'] },
        { username: 'supervisor-1', roles: ['supervisor'] },
      ],
      instances: 300,
    });
    const spawn = (n: number, port?: number) =>
      spawnServer({
        databaseUrl: db.url,
        processId: `k9-${n}`,
        timerPollMs: 100,
        timerLeaseMs: 2000,
        quiet: true,
        keepLog: false,
        ...(port === undefined ? {} : { port }),
      });
    let server: ServerProcess | null = await spawn(0);
    const port = server.port;
    let base: string | null = server.url;
    const load = new HttpLoad({
      base: () => base,
      clients: [...clinic.users, clinic.users[0]!, clinic.users[1]!].map((u) => ({
        userId: u.id,
        roles: u.roles,
        token: u.token,
      })),
      definitionId: workflow.id,
      outcomes: REFILL_OUTCOMES,
      rng: rng.fork(),
      startShare: 0.25,
    });
    load.start();
    const restartMs: number[] = [];
    let ackedBeforeLastKill = 0;
    try {
      for (let kill = 1; kill <= kills; kill++) {
        await sleep(rng.between(loadMs[0], loadMs[1]));
        ackedBeforeLastKill = load.acks.length;
        await server!.kill9();
        base = null;
        server = null;
        const t = performance.now();
        server = await spawn(kill, port);
        restartMs.push(performance.now() - t);
        base = server.url;
        if (kill % 20 === 0) options.log(`kill9: ${kill}/${kills} kills, ${load.acks.length} acks`);
      }
      await sleep(1500);
    } finally {
      await load.stop();
      await server?.stop();
    }
    verdict.check(load.acks.length > ackedBeforeLastKill, 'the restarted server took no work');
    for (const e of load.serverErrors.slice(0, 20)) verdict.fail(`5xx: ${e}`);

    const histories = await readHistories(db.url);
    const found = checkAcks(histories, load.acks, verdict);
    const figures = await checkDatabase(db.url, verdict);
    let fired = 0;
    for (const events of histories.values()) fired += events.filter((e) => e.type === 'timer-fired').length;
    const count = (kind: string) => load.acks.filter((a) => a.kind === kind).length;
    return verdict.result('kill9', options, {
      kills,
      'acked starts': count('start'),
      'acked claims': count('claim'),
      'acked completes': count('complete'),
      'acked found in history': `${found}/${load.acks.length}`,
      'timers fired': fired,
      responses: JSON.stringify(Object.fromEntries(load.statuses)),
      '5xx responses': load.serverErrors.length,
      'mean restart to ready (ms)': Math.round(restartMs.reduce((a, b) => a + b, 0) / restartMs.length),
      instances: figures.instances,
      events: figures.events,
      integrity_check: figures.integrity,
    });
  } finally {
    await killAllServers();
    await db.remove();
  }
}
