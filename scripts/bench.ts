// `pnpm bench`: every package's benchmarks, printed as tables of figures, goals and ratios.
// Goals are reported, never asserted: tests check behaviour, benchmarks measure.
// `pnpm bench commits server` runs only the sections whose titles contain one of the words given
// (in any case: `pnpm bench editor` runs the web editor's).
import { liveBenchmarks } from '../apps/server/bench/live.bench.ts';
import { publicHelpBenchmarks } from '../apps/server/bench/public-help.bench.ts';
import { serverBenchmarks } from '../apps/server/bench/server.bench.ts';
import { editorBenchmarks } from '../apps/web/bench/editor.bench.ts';
import { loadBenchmarks } from '../apps/web/bench/load.bench.ts';
import { screensBenchmarks } from '../apps/web/bench/screens.bench.ts';
import { closeChromium } from '../apps/web/e2e/support/browser.ts';
import { bpmnBenchmarks } from '../packages/bpmn/bench/bpmn.bench.ts';
import { diagramBenchmarks } from '../packages/diagram/bench/diagram.bench.ts';
import { engineBenchmarks } from '../packages/engine/bench/engine.bench.ts';
import { helpSearchBenchmarks } from '../packages/engine/bench/help-search.bench.ts';
import { migrationBenchmarks } from '../packages/engine/bench/migration.bench.ts';
import { commitBenchmarks, storeBenchmarks } from '../packages/store/bench/store.bench.ts';
import { type BenchRow, printTable } from './bench-table.ts';
import { startBenchmarks } from './start-bench.ts';

const sections: Array<[title: string, run: () => Promise<BenchRow[]>]> = [
  // First, while nothing else has warmed the machine up: what a person waits for after `pnpm start`.
  ['start', startBenchmarks],
  ['engine', engineBenchmarks],
  ['help search', helpSearchBenchmarks],
  ['help: the public page', publicHelpBenchmarks],
  ['engine: migration between versions', migrationBenchmarks],
  ['diagram', diagramBenchmarks],
  ['bpmn', bpmnBenchmarks],
  ['store: durable commits', commitBenchmarks],
  ['store', storeBenchmarks],
  ['server', serverBenchmarks],
  ['live updates (5,000 SSE clients)', liveBenchmarks],
  ['web editor (Chromium)', editorBenchmarks],
  ['web load (Chromium, 4× CPU throttling)', loadBenchmarks],
  ['web screens (Chromium)', screensBenchmarks],
];

const only = process.argv.slice(2).map((word) => word.toLowerCase());
console.log(`portalflow benchmarks — node ${process.version}, ${process.platform}/${process.arch}`);
for (const [title, run] of sections) {
  if (only.length > 0 && !only.some((word) => title.toLowerCase().includes(word))) continue;
  printTable(title, await run());
}
// The web sections share one Chromium; left open, it kept this process running after the last table.
await closeChromium();
