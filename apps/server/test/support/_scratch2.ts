import { openStore, type Store } from '@portalflow/store';
import { parseDefinition } from '@portalflow/engine';
import { publish, servicesFor, startInstances, tempDb, userWithToken } from './prepare.ts';
import { createApp } from '../../src/app.ts';
const wf = parseDefinition({ id: 'w', title: 'W', roles: [{ id: 'nurse', name: 'N' }, { id: 'sup', name: 'S' }], start: 't',
  steps: { t: { type: 'task', role: 'nurse', title: 'T', outcomes: { ok: 'f' }, deadline: { after: 'PT1H', escalateTo: 'sup' } }, f: { type: 'task', role: 'nurse', title: 'F', outcomes: { ok: 'e' } }, e: { type: 'end' } } });
const db = await tempDb();
const raw = await openStore({ url: db.url });
await publish(raw, wf);
const u = await userWithToken(raw, 'n1', ['nurse']);
const ids = await startInstances(servicesFor(raw).instances, 'w', 300, 100);
const timing: string[] = [];
const store = new Proxy(raw, { get(target, prop) { const v = (target as any)[prop]; if (typeof v !== 'function') return v; return async (...a: unknown[]) => { const t = performance.now(); try { return await v.apply(target, a); } finally { timing.push(`${String(prop)} ${(performance.now() - t).toFixed(2)}`); } }; } }) as Store;
const { deps } = servicesFor(store);
const { app } = createApp(deps);
const h = { authorization: `Bearer ${u.token}` };
for (let i = 0; i < 6; i++) {
  const inst = await raw.getInstance(ids[i]!);
  const token = Object.values(inst!.snapshot.context.active)[0]!.token;
  timing.length = 0;
  const t = performance.now();
  const r = await app.request(`/api/tasks/${ids[i]}:${token}/complete`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'ok' }) });
  console.log(r.status, (performance.now() - t).toFixed(1), timing.join(' | '));
}
const t = performance.now();
for (let i = 0; i < 200; i++) await raw.getInstance(ids[i]!);
console.log('getInstance x200', (performance.now() - t).toFixed(1));
await raw.close();
await db.remove();
