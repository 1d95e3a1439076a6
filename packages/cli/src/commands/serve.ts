import { CliError, EXIT } from '../io.ts';
import { databaseUrl } from './database.ts';

export interface ServeOptions {
  port?: string;
  host?: string;
  db?: string;
  demo: boolean;
}

/** `portalflow serve`: the HTTP API, timer worker and web app on one database, until SIGINT/SIGTERM. */
export async function serveCommand(options: ServeOptions): Promise<number> {
  const portText = options.port ?? process.env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new CliError(`--port: '${portText}' is not a port number (0-65535)`, EXIT.usage);
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const url = databaseUrl(options.db);
  // Loaded on demand: only this command needs the server (and lint stays fast).
  const { startServer } = await import('@portalflow/server');
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    const serveOptions: Parameters<typeof startServer>[0] = {
      port,
      host,
      databaseUrl: url,
      demo: options.demo,
    };
    if (process.env.DATABASE_AUTH_TOKEN) serveOptions.authToken = process.env.DATABASE_AUTH_TOKEN;
    running = await startServer(serveOptions);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE')
      throw new CliError(`${host}:${port} is already in use (try --port)`, EXIT.usage, e.code);
    if (e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL')
      throw new CliError(`cannot listen on ${host}:${port} (${e.code})`, EXIT.usage, e.code);
    if (e.code === 'PASSWORD_TOO_WEAK') throw new CliError(e.message, EXIT.usage, e.code);
    if (e.name === 'ClinicSettingsError' || e.name === 'SettingsError')
      throw new CliError(e.message, EXIT.usage, e.code);
    if (e.name === 'StoreError') throw new CliError(`${url}: ${e.message}`, EXIT.usage, 'UNREADABLE');
    throw error;
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.close();
  // Anything still holding the event loop open (a stuck client) must not keep a stopped server alive.
  setTimeout(() => process.exit(EXIT.ok), 2000).unref();
  return EXIT.ok;
}
