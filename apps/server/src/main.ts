// The server process: `node dist/main.js [--demo]` (or `node --conditions=source --import tsx src/main.ts`
// in development). It only reads the environment and listens; `server.ts` composes the rest.
import { startServer } from './server.ts';

const running = await startServer({
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '127.0.0.1',
  databaseUrl: process.env.DATABASE_URL,
  authToken: process.env.DATABASE_AUTH_TOKEN,
  demo: process.argv.includes('--demo'),
});
const shutdown = async () => {
  await running.close();
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
