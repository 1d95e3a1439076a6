import { autoLayout, emptyLayout } from '@portalflow/diagram';
import { canonicalJson, type Definition, parseDefinition } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { generateDefinition } from '../../engine/test/support/generate.ts';
import { fromBpmn, toBpmn } from '../src/index.ts';
import { exampleWorkflows } from './support/examples.ts';
import { validateBpmn } from './support/xmllint.ts';

const canonical = (d: Definition) => JSON.parse(canonicalJson(d));

describe('export → import of the example workflows', () => {
  it('has all nine examples to check', () => {
    expect(exampleWorkflows.map((e) => e.name)).toHaveLength(9);
  });

  it('every export validates against the OMG BPMN 2.0 schema', () => {
    const files = Object.fromEntries(exampleWorkflows.map((e) => [`${e.name}.bpmn`, toBpmn(e.definition)]));
    const check = validateBpmn(files);
    expect(check.output).not.toMatch(/fails to validate|error/i);
    expect(check.ok).toBe(true);
    expect(check.output.match(/validates/g)).toHaveLength(9);
  });

  for (const { name, definition } of exampleWorkflows) {
    it(`${name}: the definition comes back exactly, with nothing skipped`, () => {
      const result = fromBpmn(toBpmn(definition));
      expect(canonical(result.definition)).toEqual(canonical(definition));
      expect(parseDefinition(result.definition)).toBeTruthy();
      expect(result.skipped).toEqual([]);
      expect(result.warnings).toEqual([]);
    });
  }

  it('the stored layout comes back from the diagram (positions, lanes of roleless steps, lane order)', () => {
    for (const { definition } of exampleWorkflows) {
      const layout = autoLayout(definition, emptyLayout());
      // A custom lane order and colour must survive too.
      layout.lanes = [...layout.lanes].reverse().map((l, order) => ({ ...l, order }));
      layout.lanes[0]!.color = '#e7f5ff';
      const back = fromBpmn(toBpmn(definition, layout)).layout;
      expect(back.positions).toEqual(layout.positions);
      expect(back.lanes).toEqual(layout.lanes);
    }
  });

  it('names flows in words, as BPMN tools draw them; the condition and the outcome id stay exact', () => {
    const refill = exampleWorkflows.find((e) => e.name === 'prescription-refill')!.definition;
    const xml = toBpmn(refill);
    const flow = (name: string) =>
      new RegExp(`<bpmn:sequenceFlow [^>]*name="${name}"[^>]*>([\\s\\S]*?)</bpmn:sequenceFlow>`).exec(
        xml,
      )?.[1];
    expect(flow('Labs current: no')).toContain('data.labsCurrent == false</bpmn:conditionExpression>');
    expect(flow('Duplicate request')).toContain('<pf:outcome name="duplicate-request"/>');
    expect(xml).toContain('name="Otherwise"');
    expect(xml).not.toMatch(/<bpmn:sequenceFlow [^>]*name="data\./);
  });

  it('writes one pool, one lane per role, user tasks, gateways, boundary timers and a diagram', () => {
    const refill = exampleWorkflows.find((e) => e.name === 'prescription-refill')!.definition;
    const xml = toBpmn(refill);
    expect(xml.match(/<bpmn:participant /g)).toHaveLength(1);
    expect(xml.match(/<bpmn:lane /g)).toHaveLength(refill.roles.length);
    const tasks = Object.values(refill.steps).filter((s) => s.type === 'task').length;
    expect(xml.match(/<bpmn:userTask /g)).toHaveLength(tasks);
    expect(xml).toContain('<bpmn:parallelGateway id="bridge-and-book"');
    expect(xml).toContain('<bpmn:boundaryEvent id="deadline.review-request"');
    expect(xml).toContain('<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P1D</bpmn:timeDuration>');
    expect(xml).toContain('data.controlledSubstance == true</bpmn:conditionExpression>');
    expect(xml).toContain('<bpmn:eventBasedGateway id="await-payer"');
    expect(xml.match(/<bpmndi:BPMNShape /g)!.length).toBeGreaterThan(tasks);
    expect(xml).toContain('<di:waypoint ');
  });

  it('keeps text exactly: whitespace, markup characters, line breaks and ids starting with a digit', () => {
    const definition = parseDefinition({
      id: '2-step',
      title: '  Spaces & <angle> "quotes"  ',
      description: 'line one\r\nline two\n\n  indented',
      roles: [{ id: '1st-line', name: 'First line', description: 'tab\there' }],
      start: '1-call',
      steps: {
        '1-call': {
          type: 'task',
          role: '1st-line',
          title: 'Call ]]> back',
          outcomes: { Reached: '9-end', 'no-answer': 'wait-1' },
          help: ' leading space',
          priority: 'urgent',
          form: [{ id: 'f', label: 'L', type: 'select', options: [], required: false }],
          deadline: { after: 'PT1H', escalateTo: 'ghost-role', goTo: '9-end', calendar: 'wall' },
        },
        'wait-1': { type: 'wait', signal: 'Patient-Replied', for: 'P1D', next: '9-end' },
        '9-end': { type: 'end', outcome: 'done', description: 'x' },
      },
    });
    const xml = toBpmn(definition);
    expect(validateBpmn({ 'exact.bpmn': xml }).ok).toBe(true);
    expect(canonical(fromBpmn(xml).definition)).toEqual(canonical(definition));
  });

  it('generated workflows of 2 to 400 steps (tasks, decisions, waits, parallel blocks) come back exactly and validate', () => {
    const files: Record<string, string> = {};
    for (const steps of [2, 7, 60, 400]) {
      const definition = generateDefinition(steps);
      const xml = toBpmn(definition);
      files[`generated-${steps}.bpmn`] = xml;
      const back = fromBpmn(xml);
      expect(canonical(back.definition)).toEqual(canonical(definition));
      expect(back.skipped).toEqual([]);
    }
    const check = validateBpmn(files);
    expect(check.ok, check.output.slice(0, 2000)).toBe(true);
  });
});
