import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '@portalflow/store';
import { returnStrandedTasks } from './accounts/return-stranded-tasks.ts';
import { type App, createApp } from './app.ts';
import { attachmentService } from './attachments/service.ts';
import { checkpointConfig, databaseFile } from './audit/checkpoint-config.ts';
import { backupScheduleFromEnv } from './backup/schedule.ts';
import { loadClinicHours } from './clinic/hours.ts';
import { clinicSettings } from './clinic/settings.ts';
import { defaultConfig, type ServerConfig } from './config.ts';
import type { AppDeps } from './deps.ts';
import { attachmentsDirOf, mediaDirOf } from './files/dirs.ts';
import { keepDataOwnerOnly } from './files/owner-only.ts';
import { helpEdited } from './help/edited.ts';
import { LiveHub } from './live/hub.ts';
import { operationalLog } from './operational-log.ts';
import { seedDemo } from './seed/demo.ts';
import { DEMO_HELP_CLINIC } from './seed/help-content.ts';

/** How to start a server: where to listen, which database, the demo, configuration overrides. */
export interface ServeOptions {
  port?: number;
  host?: string;
  /** `file:…` (default `file:./data/portalflow.db`) or a libSQL server URL. */
  databaseUrl?: string;
  authToken?: string;
  demo?: boolean;
  config?: Partial<ServerConfig>;
  quiet?: boolean;
  /** The server's clock (ISO instants); the wall clock unless a test sets the hour of the clinic's day. */
  clock?: () => string;
}

/** Everything a server process runs on, built and ready but not yet listening. */
export interface Composition extends App {
  deps: AppDeps;
}

/**
 * Builds the app from configuration: reads the clinic settings, opens the database (migrating it),
 * assembles the dependencies and `createApp`, and seeds the demo when asked. `startServer` listens on it.
 */
export async function composeApp(options: ServeOptions, say: (line: string) => void): Promise<Composition> {
  // Before the database opens: a bad calendar or time zone stops the start with nothing touched.
  const clinic = await clinicSettings({ demo: options.demo === true });
  const storeOptions: Parameters<typeof openStore>[0] = {};
  if (options.databaseUrl) storeOptions.url = options.databaseUrl;
  if (options.authToken) storeOptions.authToken = options.authToken;
  if (options.clock) storeOptions.now = options.clock;
  // One writer per database file unless turned off (each process then commits for itself).
  if (process.env.PORTALFLOW_ONE_WRITER === '0') storeOptions.oneWriter = false;
  // Checked before the database opens too: a bad setting stops the start with nothing touched.
  const backups = backupScheduleFromEnv(storeOptions.url, process.env, { demo: options.demo === true });
  const config = defaultConfig({
    checkpoints: checkpointConfig(storeOptions.url),
    backups,
    ...mediaDirOf(storeOptions.url),
    ...attachmentsDirOf(storeOptions.url),
    ...intakeKeyFileOf(storeOptions.url),
    ...options.config,
  });
  const log = options.quiet ? () => {} : operationalLog().log;
  await ownerOnlyData(storeOptions.url, config.attachmentsDir, log);
  const store = await openStore(storeOptions);
  // The built web app, when there is one (`pnpm build` makes it).
  const builtWeb = fileURLToPath(new URL('../../web/dist/', import.meta.url));
  if (config.webRoot === undefined && existsSync(`${builtWeb}index.html`)) config.webRoot = builtWeb;
  const deps: AppDeps = {
    store,
    config,
    live: new LiveHub(),
    clock: options.clock ?? (() => new Date().toISOString()),
    calendar: clinic.calendar,
    holidayNames: clinic.holidayNames,
    holidayNamesIn: clinic.holidayNamesIn,
    clinicName: clinic.name,
    demo: options.demo === true,
    log,
  };
  // Hours an admin saved in the app replace the configured ones (same time zone).
  await loadClinicHours(deps);
  const app = createApp(deps);
  await attachmentService(deps).settle();
  const stranded = await returnStrandedTasks({ store, instances: app.instances });
  if (stranded > 0)
    log(`${stranded} open tasks held by people who can no longer work them went back to their pools`);
  if (options.demo) {
    const seed = await seedDemo(
      store,
      app.instances,
      deps.clock,
      process.env.PORTALFLOW_DEMO_PASSWORD,
      deps.calendar,
      config.mediaDir,
      config.attachmentsDir,
    ).catch(async (error: unknown) => {
      // A weak PORTALFLOW_DEMO_PASSWORD stops the start before anything listens.
      await store.close();
      throw error;
    });
    // Help linked or upgraded here is an edit like any other: processes already running forget theirs.
    if (seed.helpChanged) await helpEdited(deps, DEMO_HELP_CLINIC.slug);
    say(
      `demo: ${seed.published.length} workflows published, ${seed.users.length} users created, ${seed.instances} instances started${seed.history ? ` (and ${seed.history.played} finished last week, ${seed.history.inProgress} handed on today)` : ''}, ${seed.helpEntries} help entries written (patients: /help/riverside)`,
    );
    if (seed.password && seed.generated)
      say(`demo password (shown once; set PORTALFLOW_DEMO_PASSWORD to choose it): ${seed.password}`);
    else if (seed.password) say('demo password: the value of PORTALFLOW_DEMO_PASSWORD');
    else say('demo users already exist; their password was printed when they were created');
  }
  return { ...app, deps };
}

/**
 * The key intake secrets are sealed with: `PORTALFLOW_INTAKE_KEY_FILE`, else `intake-key` beside a file
 * database (made on first use). A server URL needs the variable; without it intake keys cannot be made.
 */
function intakeKeyFileOf(url: string | undefined, env = process.env): { intakeKeyFile?: string } {
  if (env.PORTALFLOW_INTAKE_KEY_FILE) return { intakeKeyFile: env.PORTALFLOW_INTAKE_KEY_FILE };
  const dbFile = databaseFile(url ?? 'file:./data/portalflow.db');
  return dbFile ? { intakeKeyFile: join(dirname(dbFile), 'intake-key') } : {};
}

/**
 * Patient data on this disk (the database file and its directory, attached files) is kept for the
 * server's account only; what an earlier version left open to other users is tightened, and said once.
 */
async function ownerOnlyData(url: string | undefined, attachmentsDir: string, log: (line: string) => void) {
  const tightened = await keepDataOwnerOnly({
    databaseFile: databaseFile(url ?? 'file:./data/portalflow.db'),
    attachmentsDir,
  });
  const { directories, databaseFiles, attachedFiles } = tightened;
  if (directories + databaseFiles + attachedFiles === 0) return;
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  log(
    `data files made readable by the server's account only (other users could read them): ${count(directories, 'directory', 'directories')}, ${count(databaseFiles, 'database file', 'database files')}, ${count(attachedFiles, 'attached file', 'attached files')}`,
  );
}
