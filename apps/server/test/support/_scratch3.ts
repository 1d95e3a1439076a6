import { openStore, type Store } from '@portalflow/store';
import { parseDefinition } from '@portalflow/engine';
import { publish, servicesFor, startInstances, tempDb, userWithToken } from './prepare.ts';
import { createApp } from '../../src/app.ts';
const wf = parseDefinition({ id: 'w', title: 'W', roles: [{ id: 'nurse', name: 'N' }, { id: 'sup', name: 'S' }], start: 't',
  steps: { t: { type: 'task', role: 'nurse', title: 'T', outcomes: { again: 't', ok: 'e' }, deadline: { after: 'PT4H', escalateTo: 'sup' } }, e: { type: 'end' } } });
const db = await tempDb();
const store = await openStore({ url: db.url });
await publish(store, wf);
const u = await userWithToken(store, 'n1', ['nurse']);
const ids = await startInstances(servicesFor(store).instances, 'w', 128, 128);
const timing = new Map<string, number[]>();
const timed = new Proxy(store, { get(target, prop) { const v = (target as any)[prop]; if (typeof v !== 'function') return v; return async (...a: unknown[]) => { const t = performance.now(); try { return await v.apply(target, a); } finally { const l = timing.get(String(prop)) ?? []; l.push(performance.now() - t); timing.set(String(prop), l); } }; } }) as Store;
const { deps } = servicesFor(timed);
const { app } = createApp(deps);
const h = { authorization: `Bearer ${u.token}`, 'content-type': 'application/json' };
const cur: string[] = [];
for (const id of ids) { const i = await store.getInstance(id); cur.push(`${id}:${Object.values(i!.snapshot.context.active)[0]!.token}`); }
const s0 = store.commitStats();
const t0 = performance.now();
let n = 0;
await Promise.all(Array.from({ length: 32 }, async (_, k) => {
  let turn = 0;
  while (performance.now() - t0 < 3000) {
    const slot = k * 4 + (turn++ % 4);
    const r = await app.request(`/api/tasks/${cur[slot]}/complete`, { method: 'POST', headers: h, body: JSON.stringify({ outcome: 'again' }) });
    const b = await r.json() as any;
    if (r.status !== 200) { console.log(r.status, b); return; }
    cur[slot] = b.instance.active[0].taskId; n++;
  }
}));
const s1 = store.commitStats();
console.log('completes/s', (n / ((performance.now() - t0) / 1000)).toFixed(0), 'batches', s1.batches - s0.batches, 'units', s1.units - s0.units);
for (const [k, l] of timing) { l.sort((a, b) => a - b); console.log(k, l.length, 'p50', l[Math.floor(l.length / 2)]!.toFixed(2), 'p99', l[Math.floor(l.length * 0.99)]!.toFixed(2)); }
await store.close();
await db.remove();
