import { makeApp } from './test/support/app.ts';
const t = await makeApp();
const lead = await t.token('lead');
const ma = await t.token('medical-assistant');
let s = performance.now();
const N = 200;
const ids: string[] = [];
for (let i = 0; i < N; i++) {
  const r = await t.call('POST', '/api/instances', { as: lead, body: { definitionId: 'portal-message-triage', data: {} } });
  ids.push(r.body.instance.id);
}
console.log('start', ((performance.now() - s) / N).toFixed(2), 'ms');
s = performance.now();
for (let i = 0; i < N; i++) await t.call('GET', '/api/tasks?scope=pool&limit=5', { as: ma });
console.log('pool', ((performance.now() - s) / N).toFixed(2), 'ms');
s = performance.now();
for (let i = 0; i < N; i++) await t.call('GET', '/api/me', { as: ma });
console.log('me', ((performance.now() - s) / N).toFixed(2), 'ms');
s = performance.now();
for (const id of ids) await t.call('POST', `/api/tasks/${id}:1/claim`, { as: ma });
console.log('claim', ((performance.now() - s) / N).toFixed(2), 'ms');
s = performance.now();
for (const id of ids) await t.store.listEvents(id);
console.log('listEvents', ((performance.now() - s) / N).toFixed(2), 'ms');
s = performance.now();
for (const id of ids) await t.store.nextTimerDue();
console.log('nextTimerDue', ((performance.now() - s) / N).toFixed(2), 'ms');
await t.close();
