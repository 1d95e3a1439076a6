import { mkdirSync, writeFileSync } from 'node:fs';
import { parseDefinition } from '@portalflow/engine';
import { workflows } from '@portalflow/examples';
import { drawingOfSvg, readability, readabilityTotal, sceneOf, sceneSvg } from '../src/index.ts';

mkdirSync('/tmp/diagrams', { recursive: true });
for (const w of workflows) {
  const d = parseDefinition(w.definition);
  const t0 = performance.now();
  const scene = sceneOf(d);
  const t1 = performance.now();
  const svg = sceneSvg(scene);
  writeFileSync(`/tmp/diagrams/${d.id}.svg`, svg);
  const r = readability(drawingOfSvg(svg));
  console.log(
    d.id,
    Object.keys(d.steps).length,
    `${(t1 - t0).toFixed(0)}ms`,
    `${scene.width}x${scene.height}`,
    readabilityTotal(r),
    JSON.stringify(r),
  );
}
