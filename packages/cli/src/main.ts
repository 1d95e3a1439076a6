import { parseArgs } from 'node:util';
import { CliError, EXIT } from './exit.ts';

const USAGE = `portalflow — design, run and audit patient-portal workflows

usage:
  portalflow lint <file…> [--json]                 check workflow definitions (JSON or YAML)
  portalflow simulate <file> --events <script>…    run scripted events on a simulated clock
           [--calendar <file>] [--start <ISO time>] [--json]
  portalflow schema                                print the definition format's JSON Schema
  portalflow handbook <file> [--format md|svg] [--layout <file>]
                                                   print the workflow handbook or its swimlane SVG
  portalflow demo [--json]                         lint and simulate the bundled examples
  portalflow serve [--port N] [--host H] [--db URL] [--demo]
                                                   run the HTTP API, deadlines and web app
  portalflow verify [--db URL] [--json]            check every instance's hash-chained history
           [--checkpoints DIR [--public-key FILE]]  …and that it still holds what each signed
                                                   checkpoint in DIR says (no removed tail, no rewrite)
  portalflow checkpoint [--db URL] [--checkpoints DIR] [--key FILE] [--json]
                                                   sign the head of every history into DIR now
  portalflow backup <new dir> [--db URL] [--json]  copy the database, attached files and help videos
                                                   while the server runs; every hash checked
  portalflow restore <backup dir> [--db URL] [--check] [--json]
                                                   check a backup and put it where no database is;
                                                   --check: only check it, writing nothing
  portalflow replay <request> [--at N] [--db URL] [--json]
                                                   replay a request's history (to event N): its id,
                                                   the start of it, or the patient's chart number
  portalflow export <file> --format bpmn [--pools single|department] [--layout <file>] [-o <out>]
                                                   write a definition as BPMN 2.0 with its diagram;
                                                   --pools department: one pool per department
  portalflow import <file.bpmn> [--json] [-o <out>]
                                                   read a BPMN 2.0 file from any modeler; reports
                                                   the elements it skipped
  portalflow totp <setup key> [--json]             the current sign-in code for an authenticator key

--db defaults to $DATABASE_URL, else file:./data/portalflow.db

exit status: 0 ok · 1 findings or a rejected event · 2 usage error or unreadable input`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // `serve --help` too (up to a `--`, after which everything is a positional): a person asking for
  // help gets it, not "Unknown option '--help'".
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  const help = options.includes('--help') || options.includes('-h');
  if (command === undefined || command === 'help' || command === '--help' || command === '-h' || help) {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        events: { type: 'string', multiple: true },
        calendar: { type: 'string' },
        start: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        demo: { type: 'boolean', default: false },
        at: { type: 'string' },
        format: { type: 'string' },
        layout: { type: 'string' },
        pools: { type: 'string' },
        out: { type: 'string', short: 'o' },
        checkpoints: { type: 'string' },
        'public-key': { type: 'string' },
        key: { type: 'string' },
        check: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`, EXIT.usage);
  }
  const { values, positionals } = parsed;
  const json = values.json === true;
  switch (command) {
    // Every command is loaded when it is asked for: `totp` answers in a moment, loading neither the
    // engine nor the server (which took seconds), and lint and simulate never load the server or libSQL.
    case 'lint': {
      const { lintCommand } = await import('./commands/lint.ts');
      return lintCommand(positionals, { json });
    }
    case 'simulate': {
      const { simulateCommand } = await import('./commands/simulate.ts');
      const options: Parameters<typeof simulateCommand>[1] = {
        events: (values.events as string[] | undefined) ?? [],
        json,
      };
      if (typeof values.calendar === 'string') options.calendar = values.calendar;
      if (typeof values.start === 'string') options.start = values.start;
      return simulateCommand(positionals, options);
    }
    case 'schema': {
      const { schemaCommand } = await import('./commands/schema.ts');
      return schemaCommand();
    }
    case 'handbook': {
      const { handbookCommand } = await import('./commands/handbook.ts');
      const options: Parameters<typeof handbookCommand>[1] = {};
      if (typeof values.format === 'string') options.format = values.format;
      if (typeof values.layout === 'string') options.layout = values.layout;
      return handbookCommand(positionals, options);
    }
    case 'demo': {
      // Loaded on demand: only this command reads the bundled examples.
      const { demoCommand } = await import('./commands/demo.ts');
      return demoCommand({ json });
    }
    // The database commands are loaded on demand so that lint and simulate never load the server or libSQL.
    case 'serve': {
      // `serve` takes options only. An argument here is usually an option after `--`
      // (`npm start -- --port 4602`), which would otherwise start on the default port.
      if (positionals.length > 0)
        throw new CliError(
          `serve takes no arguments, only options; got '${positionals[0]}' (options after "--" are read as arguments)\n\n${USAGE}`,
          EXIT.usage,
        );
      const { serveCommand } = await import('./commands/serve.ts');
      return serveCommand({
        port: values.port as string | undefined,
        host: values.host as string | undefined,
        db: values.db as string | undefined,
        demo: values.demo === true,
      });
    }
    case 'verify': {
      const { verifyCommand } = await import('./commands/verify.ts');
      const options: Parameters<typeof verifyCommand>[0] = { json };
      if (typeof values.db === 'string') options.db = values.db;
      if (typeof values.checkpoints === 'string') options.checkpoints = values.checkpoints;
      if (typeof values['public-key'] === 'string') options.publicKey = values['public-key'];
      return verifyCommand(options);
    }
    case 'checkpoint': {
      const { checkpointCommand } = await import('./commands/checkpoint.ts');
      const options: Parameters<typeof checkpointCommand>[0] = { json };
      if (typeof values.db === 'string') options.db = values.db;
      if (typeof values.checkpoints === 'string') options.checkpoints = values.checkpoints;
      if (typeof values.key === 'string') options.key = values.key;
      return checkpointCommand(options);
    }
    case 'backup':
    case 'restore': {
      const { backupCommand, restoreCommand } = await import('./commands/backup.ts');
      const options: { db?: string; json: boolean; check?: boolean } = { json, check: values.check === true };
      if (typeof values.db === 'string') options.db = values.db;
      return (command === 'backup' ? backupCommand : restoreCommand)(positionals, options);
    }
    case 'replay': {
      const { replayCommand } = await import('./commands/replay.ts');
      return replayCommand(positionals, {
        at: values.at as string | undefined,
        db: values.db as string | undefined,
        json,
      });
    }
    // BPMN interchange is loaded on demand, like the database commands.
    case 'export': {
      const { exportCommand } = await import('./commands/export.ts');
      return exportCommand(positionals, {
        format: values.format as string | undefined,
        layout: values.layout as string | undefined,
        out: values.out as string | undefined,
        pools: values.pools as string | undefined,
      });
    }
    case 'import': {
      const { importCommand } = await import('./commands/import.ts');
      return importCommand(positionals, { json, out: values.out as string | undefined });
    }
    case 'totp': {
      const { totpCommand } = await import('./commands/totp.ts');
      return totpCommand(positionals, { json });
    }
    default:
      throw new CliError(`unknown command '${command}'\n\n${USAGE}`, EXIT.usage);
  }
}

async function run(): Promise<void> {
  const json = process.argv.includes('--json');
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliError) {
      if (json)
        process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message } })}\n`);
      process.stderr.write(`portalflow: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    // An unexpected failure is a bug: say so plainly, without a stack trace.
    process.stderr.write(`portalflow: internal error: ${(error as Error).message}\n`);
    process.exitCode = 70;
  }
}

await run();
