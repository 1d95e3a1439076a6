import { openStore } from '@portalflow/store';
import { parseDefinition } from '@portalflow/engine';
import { publish, servicesFor, startInstances, tempDb, userWithToken } from './prepare.ts';
import { spawnServer, killAllServers } from './processes.ts';
const wf = parseDefinition({ id: 'w', title: 'W', roles: [{ id: 'nurse', name: 'N' }, { id: 'sup', name: 'S' }], start: 't',
  steps: { t: { type: 'task', role: 'nurse', title: 'T', outcomes: { ok: 'f' }, deadline: { after: 'PT1H', escalateTo: 'sup' } }, f: { type: 'task', role: 'nurse', title: 'F', outcomes: { ok: 'e' } }, e: { type: 'end' } } });
const db = await tempDb();
const store = await openStore({ url: db.url });
await publish(store, wf);
const u = await userWithToken(store, 'n1', ['nurse']);
let t = performance.now();
const ids = await startInstances(servicesFor(store).instances, 'w', 3000, 200);
console.log('start 3000', performance.now() - t);
await store.close();
const s = await spawnServer({ databaseUrl: db.url });
const h = { authorization: `Bearer ${u.token}` };
for (let i = 0; i < 5; i++) {
  t = performance.now();
  const r = await fetch(`${s.url}/api/tasks?scope=pool&limit=50`, { headers: h });
  const b = await r.json() as any;
  const t1 = performance.now();
  const task = b.items[i];
  const c = await fetch(`${s.url}/api/tasks/${task.id}/claim`, { method: 'POST', headers: h });
  await c.text();
  const t2 = performance.now();
  const d = await fetch(`${s.url}/api/tasks/${task.id}/complete`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'ok' }) });
  await d.text();
  console.log('list', (t1 - t).toFixed(1), 'claim', (t2 - t1).toFixed(1), c.status, 'complete', (performance.now() - t2).toFixed(1), d.status);
}
await s.stop();
console.log(s.log.slice(-20).join('\n'));
await killAllServers();
await db.remove();
