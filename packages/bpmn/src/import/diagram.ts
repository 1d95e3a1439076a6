import {
  autoLayout,
  LANE,
  type StoredLane as LaneLayout,
  type StoredLayout as Layout,
  laneOfSteps,
  measureSteps,
  type StoredPosition as StepPosition,
} from '@portalflow/diagram';
import type { Definition } from '@portalflow/engine';
import { fromDiagramX } from '../export/geometry.ts';
import { NS } from '../namespaces.ts';
import { attr, attrNs, childOf, childrenOf, refLocal, type XmlElement } from '../xml/read.ts';
import { makeRoomForLabels } from './labelRoom.ts';
import type { Lane, ProcessModel } from './model.ts';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const BIOC = 'http://bpmn.io/schema/bpmn/biocolor/1.0';

/** Every BPMNShape's bounds by the id of the element it shows, with its fill colour if any. */
function shapes(root: XmlElement): Map<string, { box: Box; color?: string }> {
  const result = new Map<string, { box: Box; color?: string }>();
  for (const diagram of childrenOf(root, NS.bpmndi, 'BPMNDiagram')) {
    for (const plane of childrenOf(diagram, NS.bpmndi, 'BPMNPlane')) {
      for (const shape of childrenOf(plane, NS.bpmndi, 'BPMNShape')) {
        const id = refLocal(attr(shape, 'bpmnElement'));
        const bounds = childOf(shape, NS.dc, 'Bounds');
        if (!id || !bounds || result.has(id)) continue;
        const n = (k: string) => Number(attr(bounds, k));
        const box = { x: n('x'), y: n('y'), width: n('width'), height: n('height') };
        if (![box.x, box.y, box.width, box.height].every(Number.isFinite)) continue;
        const color = attrNs(shape, NS.color, 'background-color') ?? attrNs(shape, BIOC, 'fill');
        result.set(id, color ? { box, color } : { box });
      }
    }
  }
  return result;
}

/**
 * The editor layout from the file's diagram: each step's box is centred where its shape is
 * centred, lanes in the order they are drawn. Steps the diagram does not show are placed by
 * the simple lane/rank layout; a file without a diagram is laid out entirely that way.
 */
export function layoutFromDiagram(
  root: XmlElement,
  definition: Definition,
  stepOf: Map<string, string>,
  model: ProcessModel,
  laneRoles: Map<Lane, string | undefined>,
  ours: boolean,
): Layout {
  const all = shapes(root);
  const laneBoxes = model.leafLanes
    .map((lane) => ({ lane, role: laneRoles.get(lane), shape: all.get(lane.id) }))
    .filter((l) => l.shape !== undefined)
    .sort((a, b) => a.shape!.box.y - b.shape!.box.y);
  const lanes: LaneLayout[] = [];
  for (const l of laneBoxes) {
    if (l.role === undefined || lanes.some((x) => x.role === l.role)) continue;
    const lane: LaneLayout = { role: l.role, order: lanes.length };
    if (l.shape!.color) lane.color = l.shape!.color;
    lanes.push(lane);
  }
  const nodeBoxes = [...stepOf.keys()].map((id) => all.get(id)?.box).filter((b) => b !== undefined);
  const fallbackLeft = nodeBoxes.length > 0 ? Math.min(...nodeBoxes.map((b) => b.x)) - 60 : 0;
  const fallbackTop = nodeBoxes.length > 0 ? Math.min(...nodeBoxes.map((b) => b.y)) - LANE.padding : 0;

  const sizes = measureSteps(definition);
  const positions: Record<string, StepPosition> = {};
  for (const [nodeId, stepId] of stepOf) {
    const shape = all.get(nodeId);
    const step = definition.steps[stepId];
    if (!shape || !step) continue;
    const node = model.nodes.get(nodeId);
    const cx = shape.box.x + shape.box.width / 2;
    const cy = shape.box.y + shape.box.height / 2;
    const lane =
      laneBoxes.find((l) => l.lane === node?.lane) ??
      laneBoxes.find((l) => cy >= l.shape!.box.y && cy < l.shape!.box.y + l.shape!.box.height);
    const laneBox = lane?.shape?.box;
    const left = laneBox?.x ?? fallbackLeft;
    const top = laneBox?.y ?? fallbackTop;
    const size = sizes.get(stepId)!;
    const position: StepPosition = {
      x: Math.round(fromDiagramX(cx, left) - size.width / 2),
      y: Math.round(cy - top - size.anchorY),
    };
    if (!ours) position.y = Math.max(0, position.y);
    if (step.type !== 'task' && lane?.role !== undefined) position.lane = lane.role;
    positions[stepId] = position;
  }
  // Other tools draw closer to the pool's edge than the editor's lane labels allow.
  if (!ours) {
    const xs = Object.values(positions).map((p) => p.x);
    const shift = xs.length > 0 ? LANE.contentLeft - Math.min(...xs) : 0;
    if (shift > 0) for (const p of Object.values(positions)) p.x += shift;
  }
  const layout: Layout = { positions, lanes };
  const missing = Object.keys(definition.steps).filter((id) => !positions[id]);
  if (missing.length === Object.keys(definition.steps).length) return autoLayout(definition, layout);
  if (missing.length > 0) {
    const auto = autoLayout(definition, layout);
    for (const id of missing) positions[id] = auto.positions[id]!;
  }
  // Roleless steps drawn outside any lane sit beside their neighbours, as the editor would put them.
  const laneOf = laneOfSteps(definition, layout);
  for (const [id, p] of Object.entries(positions)) {
    if (definition.steps[id]?.type !== 'task' && p.lane === undefined) {
      const lane = laneOf.get(id);
      if (lane) p.lane = lane;
    }
  }
  return ours ? layout : makeRoomForLabels(definition, layout);
}
