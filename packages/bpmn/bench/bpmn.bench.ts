import { autoLayout, emptyLayout } from '@portalflow/diagram';
import { canonicalJson } from '@portalflow/engine';
import { type BenchRow, medianMs } from '../../../scripts/bench-table.ts';
import { generateDefinition } from '../../engine/test/support/generate.ts';
import { fromBpmn, toBpmn } from '../src/index.ts';

/** BPMN interchange of a large workflow: 1,000 steps with tasks, decisions, waits and parallel blocks. */
export async function bpmnBenchmarks(): Promise<BenchRow[]> {
  const big = generateDefinition(1000);
  const layout = autoLayout(big, emptyLayout());
  let xml = '';
  const exportMs = medianMs(() => {
    xml = toBpmn(big, layout);
  }, 9);
  let back = fromBpmn(xml);
  const importMs = medianMs(() => {
    back = fromBpmn(xml);
  }, 9);
  const roundTripMs = medianMs(() => {
    fromBpmn(toBpmn(big, layout));
  }, 9);
  const exact = canonicalJson(back.definition) === canonicalJson(big);
  return [
    {
      name: 'export 1,000 steps to BPMN (with diagram)',
      value: exportMs,
      unit: 'ms',
      goal: '< 250 ms',
      met: exportMs < 250,
      note: `${Math.round(xml.length / 1024)} KiB of XML`,
    },
    {
      name: 'import that BPMN file (with layout)',
      value: importMs,
      unit: 'ms',
      goal: '< 500 ms',
      met: importMs < 500,
    },
    {
      name: 'export + import of 1,000 steps',
      value: roundTripMs,
      unit: 'ms',
      goal: '< 750 ms',
      met: roundTripMs < 750,
      note: exact ? 'the definition came back exactly' : 'the definition did NOT come back exactly',
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('../../../scripts/bench-table.ts');
  printTable('bpmn', await bpmnBenchmarks());
}
