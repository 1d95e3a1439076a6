// The baseline for the server benchmark: Hono on @hono/node-server with JSON routes shaped like task
// complete and instance start that parse the request body and answer, no auth, no database. Prints
// `READY {…}` like the real server entry.
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.post('/api/tasks/:id/complete', async (c) => {
  const body = (await c.req.json()) as { outcome?: string };
  return c.json({
    task: null,
    instance: { id: c.req.param('id'), outcome: body.outcome ?? null, active: [] },
  });
});

app.post('/api/instances', async (c) => {
  const body = (await c.req.json()) as { definitionId?: string };
  return c.json(
    { instance: { id: crypto.randomUUID(), definitionId: body.definitionId ?? null, active: [] } },
    201,
  );
});

const server = await new Promise<Server>((resolve) => {
  const s = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, () =>
    resolve(s as Server),
  );
});
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(
  `READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, port, processId: 'bare-hono', pid: process.pid })}\n`,
);
const shutdown = () => server.close(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
