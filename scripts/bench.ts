// `pnpm bench`: every package's benchmarks, printed as tables of figures, goals and ratios.
// Goals are reported, never asserted: tests check behaviour, benchmarks measure.
import { engineBenchmarks } from '../packages/engine/bench/engine.bench.ts';
import { printTable } from './bench-table.ts';

console.log(`portalflow benchmarks — node ${process.version}, ${process.platform}/${process.arch}`);
printTable('engine', await engineBenchmarks());
