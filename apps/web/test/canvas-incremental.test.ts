import { autoLayout, emptyLayout, nextScene } from '@portalflow/diagram';
import type { Definition, TaskStep } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { generateDefinition } from '../../../packages/engine/test/support/generate.ts';
import { type Decorations, toFlowEdges, toFlowNodes } from '../src/canvas/flowElements.ts';
import { applyChange } from '../src/model/changes.ts';
import { checkDefinition } from '../src/model/check.ts';
import { lintOverlay } from '../src/model/lintOverlay.ts';

const definition = generateDefinition(300);
const layout = autoLayout(definition, emptyLayout());
const firstTask = Object.keys(definition.steps).find((id) => definition.steps[id]!.type === 'task')!;

const rename = (d: Definition, id: string, title: string) =>
  applyChange({ definition: d, layout }, { type: 'updateStep', id, patch: { title } }).definition;

/** What the canvas draws after an edit, built on the previous frame's nodes and arrows. */
function redraw(before: Definition, after: Definition, deco: Decorations, afterDeco = deco) {
  const scene = nextScene(undefined, before, layout);
  const nodes = toFlowNodes(before, scene, deco);
  const edges = toFlowEdges(before, scene, deco);
  const next = nextScene(scene, after, layout);
  return {
    nodes,
    edges,
    nextNodes: toFlowNodes(after, next, afterDeco, nodes),
    nextEdges: toFlowEdges(after, next, afterDeco, edges),
    fresh: { nodes: toFlowNodes(after, next, afterDeco), edges: toFlowEdges(after, next, afterDeco) },
  };
}

describe('the canvas after an edit', () => {
  it('rebuilds the renamed box only, and draws what a fresh canvas draws', () => {
    const r = redraw(definition, rename(definition, firstTask, 'Call'), { editable: true });
    expect(r.nextNodes).toEqual(r.fresh.nodes);
    expect(r.nextEdges).toEqual(r.fresh.edges);
    const rebuilt = r.nextNodes.filter((n, i) => n !== r.nodes[i]).map((n) => n.id);
    expect(rebuilt).toEqual([firstTask]);
    expect(r.nextNodes.find((n) => n.id === firstTask)!.data.title).toBe('Call');
  });

  it('keeps the very same lists when nothing drawn changed', () => {
    const r = redraw(definition, { ...definition }, { editable: true });
    expect(r.nextNodes).toBe(r.nodes);
    expect(r.nextEdges).toBe(r.edges);
  });

  it('marks a box when its lint result arrives, even though its geometry is unchanged', () => {
    const broken = rename(definition, firstTask, '');
    const overlay = lintOverlay(broken, checkDefinition(broken));
    const r = redraw(definition, broken, { editable: true }, { editable: true, overlay });
    expect(r.nextNodes).toEqual(r.fresh.nodes);
    expect(r.nextNodes.find((n) => n.id === firstTask)!.data.marks?.errors).toBeGreaterThan(0);
  });

  it('follows a renamed outcome onto its arrow', () => {
    const step = definition.steps[firstTask] as TaskStep;
    const [name] = Object.keys(step.outcomes);
    const outcomes = Object.fromEntries(
      Object.entries(step.outcomes).map(([k, v]) => [k === name ? 'sent-back' : k, v]),
    );
    const renamed = applyChange(
      { definition, layout },
      {
        type: 'updateStep',
        id: firstTask,
        patch: { outcomes },
      },
    ).definition;
    const r = redraw(definition, renamed, { editable: true });
    expect(r.nextEdges).toEqual(r.fresh.edges);
    expect(r.nextEdges.some((e) => e.source === firstTask && e.data?.text === 'Sent back')).toBe(true);
  });
});
