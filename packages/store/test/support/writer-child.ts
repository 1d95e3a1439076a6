// A process that opens a store on the database file given as argv[2] and keeps it open: the file's
// writer if it is the first. Prints `READY <writes>` on stdout once open, and on `commit <id>` lines
// from stdin starts an instance and prints `OK <id>` or `FAIL <id> <reason>`.
import { createInterface } from 'node:readline';
import { openStore } from '../../src/index.ts';
import { startChange } from './workflow.ts';

const store = await openStore({ url: process.argv[2]! });
process.stdout.write(`READY ${(await store.health()).writes}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  const [command, id] = line.split(' ');
  if (command !== 'commit' || !id) continue;
  try {
    const result = await store.commitInstanceChange(startChange(id));
    process.stdout.write(result.ok ? `OK ${id}\n` : `FAIL ${id} ${result.reason}\n`);
  } catch (error) {
    process.stdout.write(`FAIL ${id} ${(error as Error).message}\n`);
  }
}
await store.close();
