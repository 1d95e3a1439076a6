import { fileURLToPath } from 'node:url';
import { Pool } from '/tmp/pfx/u/node_modules/undici/index.js';
import { spawnReady, killAllServers } from './processes.ts';
const bare = await spawnReady(fileURLToPath(new URL('../../bench/support/bare-hono.ts', import.meta.url)), {}, {});
const body = JSON.stringify({ outcome: 'again' });
const headers = { authorization: 'Bearer x', 'content-type': 'application/json' };
async function loop(name: string, send: () => Promise<void>) {
  let n = 0; const t0 = performance.now();
  await Promise.all(Array.from({ length: 32 }, async () => { while (performance.now() - t0 < 3000) { await send(); n++; } }));
  console.log(name, (n / 3).toFixed(0), 'req/s');
}
const pool = new Pool(bare.url, { connections: 32, pipelining: 1 });
await loop('undici pool', async () => { const r = await pool.request({ path: '/api/tasks/x/complete', method: 'POST', headers, body }); await r.body.json(); });
await loop('undici pool', async () => { const r = await pool.request({ path: '/api/tasks/x/complete', method: 'POST', headers, body }); await r.body.json(); });
await pool.close();
await bare.stop(); await killAllServers();
