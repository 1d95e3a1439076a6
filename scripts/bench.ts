// `pnpm bench`: every package's benchmarks, printed as tables of figures, goals and ratios.
// Goals are reported, never asserted: tests check behaviour, benchmarks measure.
import { liveBenchmarks } from '../apps/server/bench/live.bench.ts';
import { serverBenchmarks } from '../apps/server/bench/server.bench.ts';
import { editorBenchmarks } from '../apps/web/bench/editor.bench.ts';
import { bpmnBenchmarks } from '../packages/bpmn/bench/bpmn.bench.ts';
import { engineBenchmarks } from '../packages/engine/bench/engine.bench.ts';
import { helpSearchBenchmarks } from '../packages/engine/bench/help-search.bench.ts';
import { migrationBenchmarks } from '../packages/engine/bench/migration.bench.ts';
import { storeBenchmarks } from '../packages/store/bench/store.bench.ts';
import { printTable } from './bench-table.ts';
import { startBenchmarks } from './start-bench.ts';

console.log(`portalflow benchmarks — node ${process.version}, ${process.platform}/${process.arch}`);
// First, while nothing else has warmed the machine up: what a person waits for after `pnpm start`.
printTable('start', await startBenchmarks());
printTable('engine', await engineBenchmarks());
printTable('help search', await helpSearchBenchmarks());
printTable('engine: migration between versions', await migrationBenchmarks());
printTable('bpmn', await bpmnBenchmarks());
printTable('store', await storeBenchmarks());
printTable('server', await serverBenchmarks());
printTable('live updates (5,000 SSE clients)', await liveBenchmarks());
printTable('web (Chromium)', await editorBenchmarks());
