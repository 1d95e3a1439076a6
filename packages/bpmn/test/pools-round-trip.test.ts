import { autoLayout, emptyLayout } from '@portalflow/diagram';
import { canonicalJson, type Definition, parseDefinition } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { fromBpmn, type PoolMode, toBpmn } from '../src/index.ts';
import { exampleWorkflows } from './support/examples.ts';
import { validateBpmn } from './support/xmllint.ts';

const canonical = (d: Definition) => JSON.parse(canonicalJson(d));
const MODES: PoolMode[] = ['single', 'department'];

describe('export with one pool per department → import', () => {
  for (const pools of MODES) {
    it(`${pools}: every example validates against the OMG schema`, () => {
      const files = Object.fromEntries(
        exampleWorkflows.map((e) => [`${e.name}-${pools}.bpmn`, toBpmn(e.definition, undefined, { pools })]),
      );
      const check = validateBpmn(files);
      expect(check.ok, check.output.slice(0, 2000)).toBe(true);
      expect(check.output.match(/validates/g)).toHaveLength(exampleWorkflows.length);
    });

    for (const { name, definition } of exampleWorkflows) {
      it(`${pools}: ${name} comes back exactly, with nothing skipped`, () => {
        const result = fromBpmn(toBpmn(definition, undefined, { pools }));
        expect(canonical(result.definition)).toEqual(canonical(definition));
        expect(parseDefinition(result.definition)).toBeTruthy();
        expect(result.skipped).toEqual([]);
        expect(result.warnings).toEqual([]);
      });
    }
  }
});

describe('one pool per department', () => {
  it('writes a pool per department, lanes inside it, and a message flow for each handoff between departments', () => {
    const refill = exampleWorkflows.find((e) => e.name === 'prescription-refill')!.definition;
    const departments = new Set(refill.roles.map((r) => r.department));
    const xml = toBpmn(refill, undefined, { pools: 'department' });
    expect(xml.match(/<bpmn:participant /g)).toHaveLength(departments.size);
    expect(xml.match(/<bpmn:process /g)).toHaveLength(departments.size);
    expect(xml.match(/<bpmn:lane /g)).toHaveLength(refill.roles.length);
    expect(xml).toContain('<bpmn:collaboration id="collaboration" name="Prescription refill request">');
    const messageFlows = xml.match(
      /<bpmn:messageFlow id="[^"]+" sourceRef="handoff\.\d+" targetRef="entry\.\d+"\/>/g,
    );
    expect(messageFlows!.length).toBeGreaterThan(0);
    // Each message flow is drawn, and every pool has its shape.
    expect(xml.match(/<bpmndi:BPMNEdge id="message-flow\.\d+\.di"/g)).toHaveLength(messageFlows!.length);
    expect(xml.match(/<bpmndi:BPMNShape id="pool\.\d+\.di"/g)).toHaveLength(departments.size);
  });

  it('keeps a single pool when every role is in one department, or none has one', () => {
    const triage = exampleWorkflows.find((e) => e.name === 'portal-message-triage')!.definition;
    const oneDepartment = { ...triage, roles: triage.roles.map((r) => ({ ...r, department: 'Clinic' })) };
    expect(toBpmn(oneDepartment, undefined, { pools: 'department' })).toBe(toBpmn(oneDepartment));
    const noDepartment = { ...triage, roles: triage.roles.map(({ department: _, ...r }) => r) };
    expect(toBpmn(noDepartment, undefined, { pools: 'department' })).toBe(toBpmn(noDepartment));
  });

  it('the stored layout comes back from a diagram with several pools', () => {
    for (const { definition } of exampleWorkflows) {
      const layout = autoLayout(definition, emptyLayout());
      const back = fromBpmn(toBpmn(definition, layout, { pools: 'department' })).layout;
      expect(back.positions).toEqual(layout.positions);
      // Lanes come back grouped by pool, in the order drawn.
      expect(new Set(back.lanes.map((l) => l.role))).toEqual(new Set(layout.lanes.map((l) => l.role)));
    }
  });
});
