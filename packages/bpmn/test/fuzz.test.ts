import { canonicalJson, DefinitionSchema } from '@portalflow/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBpmn, toBpmn } from '../src/index.ts';
import { validateBpmn } from './support/xmllint.ts';

/**
 * Generated BPMN structures: any mix of flow node kinds, event definitions, lanes (nested or
 * empty), pools, flows between any two nodes (loops, dead ends, dangling gateways), boundary
 * events on anything, optional diagrams, and every namespace prefix style. Whatever the shape,
 * the import returns a valid definition and a layout, and its export is schema-valid.
 */
const KINDS = [
  'task',
  'userTask',
  'serviceTask',
  'manualTask',
  'sendTask',
  'receiveTask',
  'scriptTask',
  'businessRuleTask',
  'subProcess',
  'callActivity',
  'transaction',
  'exclusiveGateway',
  'inclusiveGateway',
  'parallelGateway',
  'complexGateway',
  'eventBasedGateway',
  'startEvent',
  'endEvent',
  'intermediateCatchEvent',
  'intermediateThrowEvent',
  'boundaryEvent',
  'dataObjectReference',
  'textAnnotation',
] as const;
const EVENT_DEFS = [
  'none',
  'message',
  'timer',
  'signal',
  'escalation',
  'error',
  'link',
  'conditional',
  'compensate',
];
const TIMERS = ['PT4H', 'P2D', 'P1DT12H', 'R3/PT10M', '2027-01-01T00:00:00Z', `\${due}`, ''];
const PREFIXES = ['bpmn', 'bpmn2', 'semantic', ''];

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .split('')
    .filter((c) => {
      const code = c.charCodeAt(0);
      return (
        code === 9 ||
        code === 10 ||
        code === 13 ||
        (code >= 0x20 && code < 0xd800) ||
        (code >= 0xe000 && code <= 0xfffd)
      );
    })
    .join('');

const nodeArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  name: fc.option(
    fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('Approve', 'Yes', 'No', '2 days', 'Ünïcode ✓', ' '),
    ),
    { nil: undefined },
  ),
  def: fc.constantFrom(...EVENT_DEFS),
  timer: fc.constantFrom(...TIMERS),
  timerKind: fc.constantFrom('timeDuration', 'timeDate', 'timeCycle'),
  interrupting: fc.boolean(),
  attachTo: fc.nat(40),
  lane: fc.nat(6),
  docs: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
  x: fc.integer({ min: -200, max: 3000 }),
  y: fc.integer({ min: -200, max: 1500 }),
  compensation: fc.boolean(),
  defaultFlow: fc.nat(60),
});

const bpmnArb = fc.record({
  prefix: fc.constantFrom(...PREFIXES),
  nodes: fc.array(nodeArb, { minLength: 0, maxLength: 25 }),
  flows: fc.array(
    fc.record({
      from: fc.nat(40),
      to: fc.nat(40),
      name: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
      condition: fc.option(fc.constantFrom('data.x == 1', `\${ok}`, 'x >', ''), { nil: undefined }),
    }),
    { maxLength: 40 },
  ),
  lanes: fc.array(
    fc.record({
      name: fc.option(fc.string({ maxLength: 16 }), { nil: undefined }),
      parent: fc.option(fc.nat(6), { nil: undefined }),
    }),
    { maxLength: 6 },
  ),
  pools: fc.nat(2),
  // Message flows between the main pool's nodes and the second pool's start, task and end event.
  messages: fc.array(fc.record({ node: fc.nat(40), other: fc.nat(2), outbound: fc.boolean() }), {
    maxLength: 4,
  }),
  diagram: fc.boolean(),
  name: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
});

type Spec = typeof bpmnArb extends fc.Arbitrary<infer T> ? T : never;

function render(spec: Spec): string {
  const p = spec.prefix ? `${spec.prefix}:` : '';
  const ns = spec.prefix
    ? `xmlns:${spec.prefix}="http://www.omg.org/spec/BPMN/20100524/MODEL"`
    : 'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"';
  const n = spec.nodes.length;
  const nodeId = (i: number) => `N${i}`;
  const flows =
    n === 0 ? [] : spec.flows.map((f, i) => ({ ...f, id: `F${i}`, from: f.from % n, to: f.to % n }));
  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(
    `<${p}definitions ${ns} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="t">`,
  );
  out.push(`<${p}collaboration id="C">`);
  out.push(`<${p}participant id="P0" name="${esc(spec.name ?? '')}" processRef="Proc0"/>`);
  for (let i = 1; i <= spec.pools; i++)
    out.push(`<${p}participant id="P${i}" name="Other ${i}"${i === 2 ? '' : ` processRef="Proc${i}"`}/>`);
  if (spec.pools > 0) out.push(`<${p}messageFlow id="MF" sourceRef="P1" targetRef="P0"/>`);
  if (spec.pools > 0 && n > 0)
    spec.messages.forEach((m, i) => {
      const mine = nodeId(m.node % n);
      const other = ['S1', 'X1', 'E1'][m.other]!;
      const [from, to] = m.outbound ? [mine, other] : [other, mine];
      out.push(`<${p}messageFlow id="MF${i}" sourceRef="${from}" targetRef="${to}"/>`);
    });
  out.push(`</${p}collaboration>`);
  out.push(`<${p}process id="Proc0"${spec.name ? ` name="${esc(spec.name)}"` : ''}>`);
  if (spec.lanes.length > 0) {
    const children = (parent: number | undefined): string =>
      spec.lanes
        .map((l, i) => ({ l, i }))
        .filter(({ l, i }) =>
          parent === undefined ? l.parent === undefined || l.parent >= i : l.parent === parent && parent < i,
        )
        .map(({ l, i }) => {
          const refs = spec.nodes
            .map((node, j) =>
              node.lane === i && node.kind !== 'boundaryEvent'
                ? `<${p}flowNodeRef>${nodeId(j)}</${p}flowNodeRef>`
                : '',
            )
            .join('');
          const inner = children(i);
          return `<${p}lane id="L${i}"${l.name !== undefined ? ` name="${esc(l.name)}"` : ''}>${refs}${inner ? `<${p}childLaneSet id="LS${i}">${inner}</${p}childLaneSet>` : ''}</${p}lane>`;
        })
        .join('');
    out.push(`<${p}laneSet id="LS">${children(undefined)}</${p}laneSet>`);
  }
  spec.nodes.forEach((node, i) => {
    const id = nodeId(i);
    const attrs = [`id="${id}"`];
    if (node.name !== undefined) attrs.push(`name="${esc(node.name)}"`);
    if (node.kind === 'boundaryEvent') {
      attrs.push(`attachedToRef="${nodeId(node.attachTo % n)}"`);
      if (!node.interrupting) attrs.push('cancelActivity="false"');
    }
    if (node.kind === 'subProcess' && node.compensation) attrs.push('triggeredByEvent="true"');
    if (node.kind.endsWith('Task') && node.compensation) attrs.push('isForCompensation="true"');
    if (node.kind.endsWith('Gateway') && flows.length > 0)
      attrs.push(`default="F${node.defaultFlow % flows.length}"`);
    if (node.kind === 'userTask' && node.compensation)
      attrs.push('camunda:candidateGroups="nurses, providers"');
    const body: string[] = [];
    if (node.docs !== undefined) body.push(`<${p}documentation>${esc(node.docs)}</${p}documentation>`);
    if (node.kind.endsWith('Event') && node.def !== 'none') {
      if (node.def === 'timer')
        body.push(
          `<${p}timerEventDefinition><${p}${node.timerKind}>${esc(node.timer)}</${p}${node.timerKind}></${p}timerEventDefinition>`,
        );
      else if (node.def === 'link') body.push(`<${p}linkEventDefinition name="${esc(node.name ?? 'L')}"/>`);
      else if (node.def === 'message') body.push(`<${p}messageEventDefinition messageRef="M1"/>`);
      else body.push(`<${p}${node.def}EventDefinition/>`);
    }
    if (node.kind === 'subProcess') body.push(`<${p}task id="${id}_inner" name="inside"/>`);
    if (node.kind === 'textAnnotation') body.push(`<${p}text>${esc(node.name ?? '')}</${p}text>`);
    out.push(`<${p}${node.kind} ${attrs.join(' ')}>${body.join('')}</${p}${node.kind}>`);
  });
  for (const f of flows) {
    const cond =
      f.condition !== undefined
        ? `<${p}conditionExpression xsi:type="${p}tFormalExpression">${esc(f.condition)}</${p}conditionExpression>`
        : '';
    out.push(
      `<${p}sequenceFlow id="${f.id}" sourceRef="${nodeId(f.from)}" targetRef="${nodeId(f.to)}"${f.name !== undefined ? ` name="${esc(f.name)}"` : ''}>${cond}</${p}sequenceFlow>`,
    );
  }
  out.push(`</${p}process>`);
  if (spec.pools >= 1)
    out.push(
      `<${p}process id="Proc1"><${p}startEvent id="S1"><${p}messageEventDefinition/></${p}startEvent><${p}task id="X1" name="Other"/><${p}endEvent id="E1"/><${p}sequenceFlow id="S1F" sourceRef="S1" targetRef="X1"/><${p}sequenceFlow id="X1F" sourceRef="X1" targetRef="E1"/></${p}process>`,
    );
  out.push(`<${p}message id="M1" name="Patient replied"/>`);
  if (spec.diagram) {
    out.push(`<bpmndi:BPMNDiagram id="DG"><bpmndi:BPMNPlane id="PL" bpmnElement="C">`);
    spec.lanes.forEach((_, i) => {
      out.push(
        `<bpmndi:BPMNShape id="L${i}_di" bpmnElement="L${i}"><dc:Bounds x="60" y="${i * 150}" width="1200" height="150"/></bpmndi:BPMNShape>`,
      );
    });
    spec.nodes.forEach((node, i) => {
      if (i % 4 === 3) return; // some elements without a shape
      out.push(
        `<bpmndi:BPMNShape id="N${i}_di" bpmnElement="N${i}"><dc:Bounds x="${node.x}" y="${node.y}" width="100" height="80"/></bpmndi:BPMNShape>`,
      );
    });
    out.push(`</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`);
  }
  out.push(`</${p}definitions>`);
  return out.join('\n');
}

describe('fuzz: generated BPMN structures never crash the import', () => {
  it('every generated file imports to a schema-valid definition with a complete layout, and re-imports the same', () => {
    const exports: Record<string, string> = {};
    let count = 0;
    fc.assert(
      fc.property(bpmnArb, (spec) => {
        const xml = render(spec);
        const result = fromBpmn(xml);
        const parsed = DefinitionSchema.safeParse(result.definition);
        expect(parsed.success, parsed.success ? '' : `${parsed.error.message}\n${xml}`).toBe(true);
        for (const id of Object.keys(result.definition.steps)) {
          const p = result.layout.positions[id];
          expect(p, id).toBeDefined();
          expect(Number.isFinite(p!.x) && Number.isFinite(p!.y)).toBe(true);
        }
        for (const s of result.skipped) expect(typeof s.kind).toBe('string');
        const exported = toBpmn(result.definition, result.layout);
        const again = fromBpmn(exported);
        expect(canonicalJson(again.definition)).toBe(canonicalJson(result.definition));
        // One pool per department reads back the same too.
        const pooled = toBpmn(result.definition, result.layout, { pools: 'department' });
        expect(canonicalJson(fromBpmn(pooled).definition)).toBe(canonicalJson(result.definition));
        if (count < 60) exports[`fuzz-${count}.bpmn`] = exported;
        if (count < 60 && pooled !== exported) exports[`fuzz-${count}-pools.bpmn`] = pooled;
        count++;
      }),
      { numRuns: 300, seed: 20261125 },
    );
    // One xmllint run checks a sample of the exports against the OMG schema.
    const check = validateBpmn(exports);
    expect(check.ok, check.output.slice(0, 2000)).toBe(true);
  }, 60_000);
});
