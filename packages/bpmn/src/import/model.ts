import { NS } from '../namespaces.ts';
import { attr, childOf, childrenOf, refLocal, type XmlElement } from '../xml/read.ts';

/** The flow nodes, flows and lanes of one process, indexed for the import. */
export interface FlowNode {
  id: string;
  el: XmlElement;
  /** The element's local name: `userTask`, `exclusiveGateway`, `boundaryEvent`… */
  kind: string;
  name: string | undefined;
  incoming: Flow[];
  outgoing: Flow[];
  /** The leaf lane holding the node, if any. */
  lane: Lane | undefined;
  /** Index of the pool (see `readPools`) whose process holds the node. */
  pool: number;
}

export interface Flow {
  id: string;
  el: XmlElement;
  source: string;
  target: string;
  name: string | undefined;
  /** The condition's text when the flow has a `conditionExpression` element. */
  condition: string | undefined;
}

export interface Lane {
  id: string;
  el: XmlElement;
  name: string | undefined;
  parent: Lane | undefined;
  leaf: boolean;
  /** Index of the pool whose process holds the lane. */
  pool: number;
  /** A whole pool standing in for a lane: a pool without lanes, or a black-box pool. */
  wholePool?: boolean;
}

export interface Skipped {
  id: string;
  kind: string;
  reason: string;
}

export const TASK_KINDS = new Set([
  'task',
  'userTask',
  'manualTask',
  'serviceTask',
  'scriptTask',
  'businessRuleTask',
  'sendTask',
  'receiveTask',
]);
export const CONTAINER_KINDS = new Set(['subProcess', 'transaction', 'adHocSubProcess', 'callActivity']);
const FLOW_NODE_KINDS = new Set([
  ...TASK_KINDS,
  ...CONTAINER_KINDS,
  'exclusiveGateway',
  'inclusiveGateway',
  'complexGateway',
  'parallelGateway',
  'eventBasedGateway',
  'startEvent',
  'endEvent',
  'intermediateCatchEvent',
  'intermediateThrowEvent',
  'implicitThrowEvent',
  'boundaryEvent',
]);
const NOT_MODELLED: Record<string, string> = {
  dataObject: 'data objects are not modelled',
  dataObjectReference: 'data objects are not modelled',
  dataStoreReference: 'data stores are not modelled',
  dataInput: 'process data inputs are not modelled',
  dataOutput: 'process data outputs are not modelled',
  textAnnotation: 'annotations are not modelled',
  association: 'associations are not modelled',
  group: 'groups are not modelled',
};
// Process children that carry no flow and need no report.
const QUIET = new Set([
  'documentation',
  'extensionElements',
  'laneSet',
  'sequenceFlow',
  'property',
  'ioSpecification',
  'ioBinding',
  'auditing',
  'monitoring',
  'supportedInterfaceRef',
  'correlationSubscription',
  'supports',
]);

/** The text of an element's `documentation` children, joined; undefined when there is none. */
export function documentationOf(exact: boolean, el: XmlElement): string | undefined {
  // Files written by portalflow keep text exactly; other tools' whitespace is trimmed.
  const docs = childrenOf(el, NS.model, 'documentation')
    .map((d) => (exact ? d.text : d.text.trim()))
    .filter((t) => exact || t.length > 0);
  return docs.length > 0 ? docs.join('\n\n') : undefined;
}

/** portalflow's extension element `local` inside `el`'s extensionElements. */
export function pfExtension(el: XmlElement, local: string): XmlElement | undefined {
  const ext = childOf(el, NS.model, 'extensionElements');
  return ext ? childOf(ext, NS.portalflow, local) : undefined;
}

export function eventDefinitions(el: XmlElement): XmlElement[] {
  return el.children.filter((c) => c.uri === NS.model && c.local.endsWith('EventDefinition'));
}

export interface ProcessModel {
  nodes: Map<string, FlowNode>;
  flows: Flow[];
  leafLanes: Lane[];
  anyLanes: boolean;
  skipped: Skipped[];
}

export function indexProcess(process: XmlElement, trim: boolean, pool = 0): ProcessModel {
  const clean = (s: string | undefined) => (trim ? s?.trim() || undefined : s);
  const nodes = new Map<string, FlowNode>();
  const flows: Flow[] = [];
  const skipped: Skipped[] = [];
  const idOf = (el: XmlElement) => attr(el, 'id') ?? `line-${el.line}`;
  for (const el of process.children) {
    if (el.uri !== NS.model) continue;
    if (FLOW_NODE_KINDS.has(el.local)) {
      const id = idOf(el);
      if (nodes.has(id)) {
        skipped.push({ id, kind: el.local, reason: 'a second element with the same id' });
        continue;
      }
      nodes.set(id, {
        id,
        el,
        kind: el.local,
        name: clean(attr(el, 'name')),
        incoming: [],
        outgoing: [],
        lane: undefined,
        pool,
      });
    } else if (el.local === 'sequenceFlow') {
      const condition = childOf(el, NS.model, 'conditionExpression');
      flows.push({
        id: idOf(el),
        el,
        source: refLocal(attr(el, 'sourceRef')) ?? '',
        target: refLocal(attr(el, 'targetRef')) ?? '',
        name: clean(attr(el, 'name')),
        condition: condition?.text,
      });
    } else if (NOT_MODELLED[el.local]) {
      skipped.push({ id: idOf(el), kind: el.local, reason: NOT_MODELLED[el.local]! });
    } else if (!QUIET.has(el.local)) {
      skipped.push({ id: idOf(el), kind: el.local, reason: 'not modelled in portalflow' });
    }
  }
  for (const f of flows) {
    const s = nodes.get(f.source);
    const t = nodes.get(f.target);
    if (!s || !t) {
      skipped.push({ id: f.id, kind: 'sequenceFlow', reason: 'its source or target is not in this process' });
      continue;
    }
    s.outgoing.push(f);
    t.incoming.push(f);
  }

  // Lanes: a node belongs to the deepest lane that lists it; nested lanes give their leaves.
  const leafLanes: Lane[] = [];
  let anyLanes = false;
  const visit = (laneSet: XmlElement, parent: Lane | undefined) => {
    for (const el of childrenOf(laneSet, NS.model, 'lane')) {
      anyLanes = true;
      const childSets = childrenOf(el, NS.model, 'childLaneSet');
      const hasChildren = childSets.some((s) => childrenOf(s, NS.model, 'lane').length > 0);
      const lane: Lane = {
        id: idOf(el),
        el,
        name: clean(attr(el, 'name')),
        parent,
        leaf: !hasChildren,
        pool,
      };
      for (const s of childSets) visit(s, lane);
      if (lane.leaf) leafLanes.push(lane);
      for (const ref of childrenOf(el, NS.model, 'flowNodeRef')) {
        const node = nodes.get(ref.text.trim());
        if (!node) continue;
        if (lane.leaf) node.lane = lane;
        else if (!node.lane) node.lane = firstLeaf(lane, leafLanes);
      }
    }
  };
  for (const laneSet of childrenOf(process, NS.model, 'laneSet')) visit(laneSet, undefined);
  return { nodes, flows, leafLanes, anyLanes, skipped };
}

/**
 * The processes of several pools as one model: node ids are unique in a file, so flows, lanes and
 * message flows can be followed across pools. A second element with an id already taken is reported.
 */
export function mergeModels(models: ProcessModel[]): ProcessModel {
  if (models.length === 1) return models[0]!;
  const merged: ProcessModel = { nodes: new Map(), flows: [], leafLanes: [], anyLanes: false, skipped: [] };
  for (const m of models) {
    for (const [id, node] of m.nodes) {
      if (merged.nodes.has(id))
        merged.skipped.push({ id, kind: node.kind, reason: 'a second element with the same id' });
      else merged.nodes.set(id, node);
    }
    merged.flows.push(...m.flows);
    merged.leafLanes.push(...m.leafLanes);
    merged.anyLanes ||= m.anyLanes;
    merged.skipped.push(...m.skipped);
  }
  return merged;
}

function firstLeaf(lane: Lane, leaves: Lane[]): Lane | undefined {
  return leaves.find((l) => {
    for (let p = l.parent; p; p = p.parent) if (p === lane) return true;
    return false;
  });
}

/** How many elements a container (sub-process, pool) holds, for the report. */
export function countFlowNodes(el: XmlElement): number {
  let n = 0;
  for (const c of el.children) if (c.uri === NS.model && FLOW_NODE_KINDS.has(c.local)) n++;
  return n;
}
