import { drawingOfScene, readability, readabilityTotal, sceneOf } from '../src/index.ts';
import { largeDefinition } from '../test/support/large.ts';

const d = largeDefinition(1000);
const t0 = performance.now();
const scene = sceneOf(d);
const t1 = performance.now();
const r = readability(drawingOfScene(scene));
const t2 = performance.now();
console.log(
  `scene ${(t1 - t0).toFixed(0)} ms, check ${(t2 - t1).toFixed(0)} ms`,
  scene.width,
  scene.height,
  readabilityTotal(r),
  JSON.stringify(r),
);
