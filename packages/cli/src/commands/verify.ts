import { bold, green, plural, red } from '../format.ts';
import { EXIT } from '../io.ts';
import { databaseUrl, openExisting } from './database.ts';

/**
 * `portalflow verify`: re-hashes every instance's event history and checks each link, sequence and
 * head. Exit 0 when every chain holds, 1 when any is broken (each named by instance and event seq).
 * Run it on a quiet database (or a copy): the store reads page by page, so events appended meanwhile
 * can show up as a head mismatch.
 */
export async function verifyCommand(options: { db?: string; json: boolean }): Promise<number> {
  const url = databaseUrl(options.db);
  const store = await openExisting(url);
  try {
    const report = await store.verifyAll();
    if (options.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else if (report.ok) {
      process.stdout.write(
        green(
          `✓ ${plural(report.instances, 'instance')}, ${plural(report.events, 'event')}: every history's hash chain verifies\n`,
        ),
      );
    } else {
      process.stdout.write(
        `${bold(red(`✗ ${report.failures.length} of ${plural(report.instances, 'instance')} have a broken history`))} (${plural(report.events, 'event')} read)\n`,
      );
      for (const f of report.failures)
        process.stdout.write(`  instance ${f.instanceId} event ${f.seq}: ${f.fault} — ${f.reason}\n`);
    }
    return report.ok ? EXIT.ok : EXIT.findings;
  } finally {
    await store.close();
  }
}
