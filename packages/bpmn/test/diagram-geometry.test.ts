import { readFileSync } from 'node:fs';
import {
  autoLayout,
  drawingOfScene,
  emptyLayout,
  KIND,
  readability,
  readabilityTotal,
  sceneOf,
} from '@portalflow/diagram';
import { describe, expect, it } from 'vitest';
import { fromBpmn, toBpmn } from '../src/index.ts';
import { exampleWorkflows } from './support/examples.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const shapeX = (xml: string, id: string) => {
  const m = new RegExp(`bpmnElement="${id}"[^>]*>\\s*<dc:Bounds x="([\\d.-]+)"`).exec(xml);
  return m ? Number(m[1]) : Number.NaN;
};

describe('BPMN diagram interchange draws from the diagram package', () => {
  it('a file without coordinates gets the same auto layout as the editor', () => {
    const imported = fromBpmn(fixture('trisotech-urgent-after-hours.bpmn'));
    expect(imported.layout.positions).toEqual(
      autoLayout(imported.definition, { positions: {}, lanes: imported.layout.lanes }).positions,
    );
  });

  it('a box size change moves the exported shapes too', () => {
    const definition = exampleWorkflows[0]!.definition;
    const last = Object.keys(definition.steps).at(-1)!;
    const before = shapeX(toBpmn(definition), last);
    const saved = KIND.task.width;
    try {
      KIND.task.width = saved + 200;
      expect(shapeX(toBpmn(definition), last)).toBeGreaterThan(before);
    } finally {
      KIND.task.width = saved;
    }
  });

  it('every fixture, imported and laid out again, reads cleanly', () => {
    for (const name of [
      'bizagi-billing.bpmn',
      'bpmnjs-lab-results.bpmn',
      'camunda-refill.bpmn',
      'collaboration-outside-lab-order.bpmn',
      'collaboration-specialist-referral.bpmn',
      'eclipse-proxy-no-lanes.bpmn',
      'signavio-enrollment.bpmn',
      'trisotech-urgent-after-hours.bpmn',
    ]) {
      const { definition } = fromBpmn(fixture(name));
      const scene = sceneOf(definition, autoLayout(definition, emptyLayout()));
      expect(readabilityTotal(readability(drawingOfScene(scene))), name).toBe(0);
    }
  });
});
