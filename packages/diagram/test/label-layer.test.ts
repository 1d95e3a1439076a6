import { parseDefinition } from '@portalflow/engine';
import { workflows } from '@portalflow/examples';
import { describe, expect, it } from 'vitest';
import { LABEL_BACKGROUND, LAYER, sceneOf, sceneSvg } from '../src/index.ts';

/**
 * An arrow's label sits on its own arrow, so whatever is painted after it strikes it through. On
 * screen a highlighted arrow (the path a request took, the chosen arrow) is raised above the others;
 * it must still pass under every label, as every arrow does in an exported picture.
 */
describe('arrow labels are painted over the arrows', () => {
  it('raises a label above a highlighted arrow, and a highlighted arrow above the others', () => {
    expect(LAYER.raisedEdge).toBeGreaterThan(LAYER.edge);
    expect(LAYER.label).toBeGreaterThan(LAYER.raisedEdge);
  });

  it('gives a label a background the arrow under it does not show through', () => {
    expect(LABEL_BACKGROUND.opacity).toBe(1);
  });

  for (const w of workflows) {
    const definition = parseDefinition(w.definition);
    it(`${definition.id}: the exported picture draws every label after every arrow, on its background`, () => {
      const svg = sceneSvg(sceneOf(definition));
      const lastArrow = svg.lastIndexOf('<path data-edge=');
      const labels = [...svg.matchAll(/<g data-label="[^"]*"[^>]*><rect ([^>]*)\/>/g)];
      if (lastArrow < 0) return;
      for (const label of labels) {
        expect(label.index).toBeGreaterThan(lastArrow);
        expect(label[1]).toContain(`fill="${LABEL_BACKGROUND.fill}"`);
        expect(label[1]).not.toContain('fill-opacity="0.');
      }
    });
  }
});
