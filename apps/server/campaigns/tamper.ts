// Tamper evidence: random edits, deletions, reorders and re-hashes of stored history, made directly
// in the SQLite file around the append-only triggers (as an attacker with the file would), each on
// a fresh copy of a database that has a signed checkpoint. Pass: every one detected, by the hash
// chain or by the checkpoint.
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import type { EngineEvent } from '@portalflow/engine';
import { openStore, verifyCheckpoints, writeCheckpoint } from '@portalflow/store';
import { servicesFor, tempDb } from '../test/support/prepare.ts';
import { prepareClinic, refillWorkflow } from './support/clinic.ts';
import { Prng } from './support/prng.ts';
import { type CampaignOptions, type CampaignResult, Verdict } from './support/result.ts';
import { dropGuards, TAMPER_KINDS, type TamperKind, tamper } from './support/tamper.ts';

const pathOf = (url: string) => url.slice('file:'.length);

export async function tamperCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const trials = options.long ? 1000 : 90;
  const rng = new Prng(options.seed);
  const verdict = new Verdict();
  const db = await tempDb('portalflow-tamper-');
  const dir = pathOf(db.url).replace(/portalflow\.db$/, '');
  const checkpoints = join(dir, 'checkpoints');
  const keyFile = join(dir, 'keys', 'checkpoint.pem');
  try {
    // A clinic's worth of varied histories: claims, releases, completes, escalations.
    const workflow = refillWorkflow('PT1H');
    const clinic = await prepareClinic(db.url, {
      workflows: [workflow],
      users: [{ username: 'nurse-1', roles: ['nurse'] }],
      instances: 200,
    });
    const nurse = clinic.users[0]!;
    const store = await openStore({ url: db.url });
    const { instances } = servicesFor(store);
    const actor = {
      user: {
        id: nurse.id,
        username: nurse.username,
        displayName: nurse.username,
        roles: ['nurse'],
        via: 'token' as const,
      },
      role: 'nurse',
    };
    const plan = rng.fork();
    for (const id of clinic.instanceIds) {
      for (let step = plan.int(7); step > 0; step--) {
        const { instance } = await instances.load(id);
        const active = Object.values(instance.snapshot.context.active).find((a) => a.kind === 'task');
        if (!active) break;
        const roll = plan.int(3);
        const event: EngineEvent =
          roll === 0 && !active.assignee
            ? { type: 'reassign', token: active.token, assignee: nurse.id, actor: nurse.id, role: 'nurse' }
            : roll === 1 && active.assignee
              ? { type: 'reassign', token: active.token, assignee: null, actor: nurse.id, role: 'nurse' }
              : {
                  type: 'complete',
                  step: active.step,
                  token: active.token,
                  outcome: active.step === 'triage' ? plan.pick(['routine', 'urgent']) : 'done',
                  role: 'nurse',
                  actor: nurse.id,
                  data: { note: `n${plan.int(100)}` },
                };
        await instances.act(actor, id, { type: 'system', event });
      }
    }
    const written = await writeCheckpoint({
      store,
      dir: checkpoints,
      keyFile,
      now: () => new Date().toISOString(),
    });
    const heads = await store.chainHeads();
    const sizes = heads.heads.map((h) => ({ id: h.instanceId, events: h.seq }));
    await store.close();
    const publicKey = readFileSync(`${keyFile}.pub`, 'utf8');
    const pristine = pathOf(db.url);

    const detect = async (url: string) => {
      const s = await openStore({ url });
      try {
        const chains = await s.verifyAll();
        const cp = await verifyCheckpoints({ store: s, dir: checkpoints, publicKey });
        return { chains: chains.ok, checkpoints: cp.ok };
      } finally {
        await s.close();
      }
    };
    const control = await detect(db.url);
    verdict.check(control.chains && control.checkpoints, 'the untouched database does not verify');

    const byKind = new Map<
      TamperKind,
      { tried: number; chain: number; checkpointOnly: number; missed: number }
    >();
    const trialPath = join(dir, 'trial.db');
    let detected = 0;
    for (let i = 0; i < trials; i++) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${trialPath}${suffix}`, { force: true });
      copyFileSync(pristine, trialPath);
      if (existsSync(`${pristine}-wal`)) copyFileSync(`${pristine}-wal`, `${trialPath}-wal`);
      const kind = TAMPER_KINDS[i % TAMPER_KINDS.length]!;
      const client = createClient({ url: `file:${trialPath}` });
      await dropGuards(client);
      const t = await tamper(client, kind, sizes, rng);
      client.close();
      const seen = await detect(`file:${trialPath}`);
      const tally = byKind.get(kind) ?? { tried: 0, chain: 0, checkpointOnly: 0, missed: 0 };
      tally.tried += 1;
      if (!seen.chains) tally.chain += 1;
      else if (!seen.checkpoints) tally.checkpointOnly += 1;
      else {
        tally.missed += 1;
        verdict.fail(`undetected: ${t.kind} on instance ${t.instanceId} at event ${t.seq} (trial ${i + 1})`);
      }
      if (!seen.chains || !seen.checkpoints) detected += 1;
      byKind.set(kind, tally);
      if ((i + 1) % 200 === 0) options.log(`tamper: ${i + 1}/${trials}`);
    }
    const figures: CampaignResult['figures'] = {
      trials,
      detected: `${detected}/${trials} (${((100 * detected) / trials).toFixed(1)}%)`,
      'database at checkpoint': `${heads.heads.length} instances, ${heads.events} events (checkpoint #${written.body.seq})`,
    };
    for (const [kind, t] of byKind)
      figures[kind] =
        `${t.tried} tried: ${t.chain} by chain, ${t.checkpointOnly} by checkpoint only, ${t.missed} missed`;
    return verdict.result('tamper', options, figures);
  } finally {
    await db.remove();
  }
}
