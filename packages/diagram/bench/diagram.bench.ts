import { readdirSync, readFileSync } from 'node:fs';
import { type Definition, parseDefinition } from '@portalflow/engine';
import { workflows } from '@portalflow/examples';
import { type BenchRow, medianMs } from '../../../scripts/bench-table.ts';
// The BPMN package depends on this one: its importer is read from source here, not as a dependency.
import { fromBpmn } from '../../bpmn/src/index.ts';
import { generateDefinition } from '../../engine/test/support/generate.ts';
import {
  autoLayout,
  drawingOfSvg,
  emptyLayout,
  nextScene,
  type Readability,
  readability,
  readabilityTotal,
  sceneOf,
  sceneSvg,
} from '../src/index.ts';

/**
 * Readability of every diagram we draw, counted by the checker over the SVG itself, and the time to
 * lay out, route and label a 1,000-step workflow. "Before" is the previous geometry (three copies:
 * web model, engine handbook, BPMN layout), measured with the same checker at the commit that
 * introduced this package: the nine examples had 39 label/label and 33 label/box overlaps, 10 arrows
 * through boxes, 55 cut titles and 37 backward arrows that close no loop; the generated 1,000-step
 * workflow 156, 0, 16, 160 and 148.
 */
export async function diagramBenchmarks(): Promise<BenchRow[]> {
  const fixtures = new URL('../../bpmn/test/fixtures/', import.meta.url);
  const sets: Array<[string, Definition[]]> = [
    ['9 bundled workflows', workflows.map((w) => parseDefinition(w.definition))],
    ['generated 1,000-step workflow', [generateDefinition(1000)]],
    [
      'BPMN fixtures, imported and laid out',
      readdirSync(fixtures)
        .filter((f) => f.endsWith('.bpmn'))
        .map((f) => fromBpmn(readFileSync(new URL(f, fixtures), 'utf8')).definition),
    ],
  ];
  const rows: BenchRow[] = [];
  for (const [name, definitions] of sets) {
    const sum: Partial<Readability> = {};
    for (const d of definitions) {
      const r = readability(drawingOfSvg(sceneSvg(sceneOf(d, autoLayout(d, emptyLayout())))));
      for (const [k, v] of Object.entries(r))
        sum[k as keyof Readability] = (sum[k as keyof Readability] ?? 0) + v;
    }
    const total = readabilityTotal(sum as Readability);
    const detail = Object.entries(sum)
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    rows.push({
      name: `readability findings: ${name}`,
      value: total,
      unit: 'findings',
      goal: '0',
      met: total === 0,
      note: detail || 'no overlaps, no arrow through a box, nothing cut or tiny, no stray backward arrow',
    });
  }
  const big = generateDefinition(1000);
  const sceneMs = medianMs(() => sceneOf(big), 3);
  rows.push({
    name: 'lay out, route and label 1,000 steps',
    value: sceneMs,
    unit: 'ms',
    goal: '< 1,500 ms',
    met: sceneMs < 1500,
    note: 'sceneOf: auto layout, arrows, labels (the editor runs auto layout in a worker)',
  });

  // An edit: one step renamed, the scene carried on from the previous one (what the editor does).
  const layout = autoLayout(big, emptyLayout());
  let scene = sceneOf(big, layout);
  const tasks = Object.keys(big.steps).filter((id) => big.steps[id]!.type === 'task');
  let edit = 0;
  const editMs = medianMs(() => {
    const id = tasks[(edit * 97) % tasks.length]!;
    const renamed = {
      ...big,
      steps: { ...big.steps, [id]: { ...big.steps[id]!, title: `Renamed ${edit++}` } },
    };
    scene = nextScene(scene, renamed as Definition, layout);
  }, 15);
  rows.push({
    name: 'redraw 1,000 steps after renaming one (nextScene)',
    value: editMs,
    unit: 'ms',
    goal: '< 20 ms',
    met: editMs < 20,
    note: 'its share of the 50 ms edit budget; only the renamed box is measured again and only arrows and labels near it are re-routed; equal to sceneOf (test/incremental.test.ts)',
  });
  return rows;
}
