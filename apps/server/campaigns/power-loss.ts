// Power loss: while a real server commits under load, the database and its WAL are copied at random
// moments (a reader pins the WAL meanwhile, as the fsync'd prefix a power cut would leave), and each
// copy's WAL is cut or torn at random byte offsets past what was durable when the copy began —
// mid-frame included — as an interrupted write would leave it. Each result is opened.
// Pass: it opens with integrity_check ok and valid chains, every instance's events are a prefix of
// the final history, and no event acknowledged before the copy began is missing.
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { openStore } from '@portalflow/store';
import { tempDb } from '../test/support/prepare.ts';
import { killAllServers, spawnServer } from '../test/support/processes.ts';
import { prepareClinic, REFILL_OUTCOMES, refillWorkflow } from './support/clinic.ts';
import { checkProjection, integrityCheck, storedTimers } from './support/consistency.ts';
import { readHistories } from './support/histories.ts';
import { type Ack, HttpLoad } from './support/load.ts';
import { Prng } from './support/prng.ts';
import { type CampaignOptions, type CampaignResult, sleep, Verdict } from './support/result.ts';
import { walLayout } from './support/wal.ts';

interface Snapshot {
  dir: string;
  /** End of the last commit in the WAL when the copy began: everything acknowledged before lies within. */
  durableWal: number;
  /** End of the last commit in the copied WAL (commits that landed while copying). */
  copiedCommitEnd: number;
  walLength: number;
  frameSize: number;
  ackedBefore: Ack[];
}

export async function powerLossCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const copies = options.long ? 25 : 5;
  const points = options.long ? 500 : 60;
  const rng = new Prng(options.seed);
  const verdict = new Verdict();
  const db = await tempDb('portalflow-power-');
  const path = db.url.slice('file:'.length);
  const work = path.replace(/portalflow\.db$/, 'copies');
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
      instances: 200,
    });
    const server = await spawnServer({
      databaseUrl: db.url,
      processId: 'power',
      timerPollMs: 100,
      quiet: true,
      keepLog: false,
    });
    const load = new HttpLoad({
      base: () => server.url,
      clients: [...clinic.users, clinic.users[0]!, clinic.users[1]!].map((u) => ({
        userId: u.id,
        roles: u.roles,
        token: u.token,
      })),
      definitionId: workflow.id,
      outcomes: REFILL_OUTCOMES,
      rng: rng.fork(),
      startShare: 0.3,
    });
    load.start();
    const snapshots: Snapshot[] = [];
    const reader = createClient({ url: db.url });
    try {
      await sleep(800);
      for (let n = 0; n < copies; n++) {
        await sleep(rng.between(200, 1200));
        // Pin the WAL: with a read transaction open, it cannot be reset or checkpointed past this point.
        const tx = await reader.transaction('read');
        await tx.execute('SELECT count(*) FROM events');
        const startedMs = load.elapsed();
        // The WAL file keeps its size when SQLite restarts it, so where commits end is read from its frames.
        const durable = walLayout(readFileSync(`${path}-wal`));
        const dir = join(work, `copy-${n}`);
        mkdirSync(dir, { recursive: true });
        copyFileSync(path, join(dir, 'portalflow.db'));
        await sleep(rng.between(20, 80)); // commits keep landing in the WAL meanwhile
        copyFileSync(`${path}-wal`, join(dir, 'portalflow.db-wal'));
        tx.close();
        const copied = readFileSync(join(dir, 'portalflow.db-wal'));
        const layout = walLayout(copied);
        snapshots.push({
          dir,
          durableWal: durable.committedEnd,
          copiedCommitEnd: layout.committedEnd,
          walLength: copied.length,
          frameSize: layout.frameSize,
          ackedBefore: load.acks.filter((a) => a.atMs < startedMs),
        });
      }
      await sleep(500);
    } finally {
      reader.close();
      await load.stop();
      await server.stop();
    }
    for (const e of load.serverErrors.slice(0, 10)) verdict.fail(`5xx: ${e}`);
    const final = await readHistories(db.url);

    const tally = {
      points: 0,
      midFrame: 0,
      torn: 0,
      truncated: 0,
      opened: 0,
      ackedChecked: 0,
      eventsKept: 0,
      eventsInFlightKept: 0,
    };
    const trial = join(work, 'trial');
    for (let p = 0; p < points; p++) {
      const snap = snapshots[p % snapshots.length]!;
      rmSync(trial, { recursive: true, force: true });
      mkdirSync(trial, { recursive: true });
      const dbPath = join(trial, 'portalflow.db');
      copyFileSync(join(snap.dir, 'portalflow.db'), dbPath);
      copyFileSync(join(snap.dir, 'portalflow.db-wal'), `${dbPath}-wal`);
      // Offsets in the part of the WAL written after the copy began (not yet durable then), up to a
      // frame past the last commit copied.
      const span = Math.min(snap.walLength, snap.copiedCommitEnd + snap.frameSize) - snap.durableWal;
      let offset = snap.durableWal + rng.int(Math.max(1, span + 1));
      // Some cuts fall exactly between frames, as a write that stopped at a frame boundary would.
      if (rng.chance(0.25)) offset -= (offset - 32) % snap.frameSize;
      const frame = snap.frameSize;
      if ((offset - 32) % frame !== 0) tally.midFrame += 1;
      truncateSync(`${dbPath}-wal`, Math.min(offset, snap.walLength));
      if (rng.chance(0.5)) {
        // A torn write: part of the next frame made it, with garbage where the rest should be.
        const garbage = Buffer.alloc(rng.between(1, 2 * frame));
        for (let i = 0; i < garbage.length; i++) garbage[i] = rng.int(256);
        const fd = openSync(`${dbPath}-wal`, 'a');
        writeSync(fd, garbage);
        closeSync(fd);
        tally.torn += 1;
      } else tally.truncated += 1;
      tally.points += 1;
      await judge(
        `file:${dbPath}`,
        snap,
        final,
        verdict,
        tally,
        p % 15 === 0,
        `point ${p + 1} (copy ${p % snapshots.length}, WAL offset ${offset})`,
      );
    }
    return verdict.result('power-loss', options, {
      copies,
      'tear points': tally.points,
      'mid-frame': tally.midFrame,
      'torn (garbage appended)': tally.torn,
      'cleanly cut': tally.truncated,
      'opened, integrity ok, chains valid': tally.opened,
      'acknowledged-before-copy events checked': tally.ackedChecked,
      'events recovered (mean per point)': Math.round(tally.eventsKept / Math.max(1, tally.points)),
      'WAL frames committed while copying (mean per copy)': Math.round(
        snapshots.reduce((n, s) => n + (s.copiedCommitEnd - s.durableWal) / s.frameSize, 0) /
          snapshots.length,
      ),
      'tear range per copy (mean bytes)': Math.round(
        snapshots.reduce(
          (n, s) => n + Math.min(s.walLength, s.copiedCommitEnd + s.frameSize) - s.durableWal,
          0,
        ) / snapshots.length,
      ),
      'acked during load': load.acks.length,
    });
  } finally {
    await killAllServers();
    await db.remove();
  }
}

async function judge(
  url: string,
  snap: Snapshot,
  final: Map<string, Array<{ seq: number; hash: string }>>,
  verdict: Verdict,
  tally: { opened: number; ackedChecked: number; eventsKept: number },
  deep: boolean,
  where: string,
): Promise<void> {
  let integrity: string;
  try {
    integrity = await integrityCheck(url);
  } catch (error) {
    verdict.fail(`${where}: does not open: ${(error as Error).message}`);
    return;
  }
  if (integrity !== 'ok') {
    verdict.fail(`${where}: integrity_check ${integrity}`);
    return;
  }
  const store = await openStore({ url });
  try {
    const report = await store.verifyAll();
    for (const f of report.failures.slice(0, 3)) verdict.fail(`${where}: chain: ${f.reason}`);
    if (report.ok) tally.opened += 1;
    tally.eventsKept += report.events;
    const client = createClient({ url });
    const rows = (await client.execute('SELECT instance_id, seq, hash FROM events ORDER BY instance_id, seq'))
      .rows;
    client.close();
    const kept = new Map<string, number>();
    for (const row of rows) {
      const id = String(row.instance_id);
      const seq = Number(row.seq);
      kept.set(id, Math.max(kept.get(id) ?? 0, seq));
      const truth = final.get(id)?.[seq - 1];
      if (!truth || truth.hash !== String(row.hash)) {
        verdict.fail(`${where}: instance ${id} event ${seq} is not the final history's event ${seq}`);
        return;
      }
    }
    for (const ack of snap.ackedBefore) {
      tally.ackedChecked += 1;
      verdict.check(
        (kept.get(ack.instanceId) ?? 0) >= ack.revision,
        `${where}: acknowledged ${ack.kind} of ${ack.instanceId} (revision ${ack.revision}) is missing`,
      );
    }
    if (deep) await checkProjection(store, verdict, await storedTimers(url));
  } finally {
    await store.close();
  }
}
