import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { spawnReady, killAllServers } from './processes.ts';
const bare = await spawnReady(fileURLToPath(new URL('../../bench/support/bare-hono.ts', import.meta.url)), {}, {});
const body = JSON.stringify({ outcome: 'again' });
const headers = { authorization: 'Bearer x', 'content-type': 'application/json' };
async function loop(name: string, send: () => Promise<void>) {
  let n = 0; const t0 = performance.now();
  await Promise.all(Array.from({ length: 32 }, async () => { while (performance.now() - t0 < 3000) { await send(); n++; } }));
  console.log(name, (n / 3).toFixed(0), 'req/s');
}
await loop('fetch', async () => { const r = await fetch(`${bare.url}/api/tasks/x/complete`, { method: 'POST', headers, body }); await r.json(); });
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
await loop('http', () => new Promise((resolve, reject) => {
  const req = http.request(`${bare.url}/api/tasks/x/complete`, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent }, (res) => {
    let d = ''; res.setEncoding('utf8'); res.on('data', (c) => (d += c)); res.on('end', () => { JSON.parse(d); resolve(); });
  });
  req.on('error', reject); req.end(body);
}));
await loop('fetch', async () => { const r = await fetch(`${bare.url}/api/tasks/x/complete`, { method: 'POST', headers, body }); await r.json(); });
await bare.stop(); await killAllServers();
