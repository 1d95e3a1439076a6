import { lint, type Step } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { fromBpmn, type ImportResult } from '../src/index.ts';
import { foreignFixtures } from './support/examples.ts';

const load = (name: string): ImportResult => fromBpmn(foreignFixtures.find((f) => f.name === name)!.xml);
const errors = (r: ImportResult) => lint(r.definition).filter((f) => f.severity === 'error');
const names = (xml: string, element: string) =>
  [...xml.matchAll(new RegExp(`<(?:\\w+:)?${element} [^>]*name="([^"]+)"`, 'g'))].map((m) => m[1]);

const COLLABORATIONS = [
  'bpmnjs-lab-results.bpmn',
  'collaboration-outside-lab-order.bpmn',
  'collaboration-specialist-referral.bpmn',
];

describe('collaborations: several pools become one workflow', () => {
  for (const name of COLLABORATIONS) {
    it(`${name}: every lane of every pool is a role, a pool without lanes one role, and lint finds no error`, () => {
      const xml = foreignFixtures.find((f) => f.name === name)!.xml;
      const r = fromBpmn(xml);
      const roles = r.definition.roles.map((x) => x.name);
      for (const lane of names(xml, 'lane')) expect(roles).toContain(lane);
      // Pools whose process has no lane, and black boxes, are roles named after the pool.
      for (const pool of names(xml, 'participant')) {
        const id = xml.match(new RegExp(`participant id="([^"]+)" name="${pool}"`))![1]!;
        const ref = xml.match(new RegExp(`participant id="${id}"[^>]*processRef="([^"]+)"`))?.[1];
        const process = ref ? xml.split(`process id="${ref}"`)[1]!.split('process>')[0]! : '';
        if (!/<(\w+:)?lane /.test(process)) expect(roles).toContain(pool);
      }
      expect(errors(r)).toEqual([]);
      // Only messages to black boxes (portalflow sends no messages) and constructs with no equivalent are reported.
      for (const s of r.skipped.filter((x) => x.kind === 'messageFlow'))
        expect(s.reason).toMatch(/a pool without a process/);
    });
  }

  it("a task sending to another pool's start event hands off to that pool's first step; end events sending to a catch event lead to that wait", () => {
    const r = load('collaboration-specialist-referral.bpmn');
    const d = r.definition;
    expect(d.start).toBe('prepare-the-referral-packet');
    expect(d.roles).toEqual([
      { id: 'patient', name: 'Patient' },
      { id: 'referral-coordinator', name: 'Referral coordinator', department: 'Primary care clinic' },
      { id: 'front-desk', name: 'Front desk', department: 'Primary care clinic' },
      { id: 'specialist', name: 'Specialist', department: 'Specialty clinic' },
      { id: 'scheduler', name: 'Scheduler', department: 'Specialty clinic' },
    ]);
    // "Send the referral, then wait for the answer": the specialty clinic works in between.
    expect(d.steps['send-the-referral']).toMatchObject({
      outcomes: { 'referral-received': 'review-the-referral' },
    });
    expect(d.steps['review-the-referral']).toMatchObject({
      role: 'specialist',
      outcomes: { accepted: 'book-the-first-appointment', declined: 'write-why-the-referral-is-declined' },
      deadline: { after: 'P2D', escalateTo: 'scheduler' },
    });
    expect(d.steps['book-the-first-appointment']).toMatchObject({
      outcomes: { 'appointment-booked': 'specialist-answered' },
    });
    expect(d.steps['write-why-the-referral-is-declined']).toMatchObject({
      outcomes: { 'referral-declined': 'specialist-answered' },
    });
    expect(d.steps['specialist-answered']).toEqual({
      type: 'wait',
      title: 'Specialist answered',
      signal: 'specialist-answered',
      next: 'tell-the-patient-the-outcome',
    });
    expect(r.skipped).toEqual([
      {
        id: 'MessageFlow_patient',
        kind: 'messageFlow',
        reason: "a message to 'Patient', a pool without a process: portalflow sends no messages",
      },
    ]);
    expect(r.warnings).toEqual([
      "pool 'Patient' is a black box (no process): it became a role that owns no task",
    ]);
    // Each pool's flow stays in its lanes, pools in the order drawn.
    expect(r.layout.lanes.map((l) => l.role)).toEqual([
      'patient',
      'referral-coordinator',
      'front-desk',
      'specialist',
      'scheduler',
    ]);
  });

  it("three pools: the send tasks hand off where their pool stops or waits, and the pools' own end events fold into the handoff", () => {
    const r = load('collaboration-outside-lab-order.bpmn');
    const d = r.definition;
    expect(d.title).toBe('Outside lab order');
    expect(d.start).toBe('draw-the-specimen');
    expect(d.roles.map((x) => x.id)).toEqual([
      'medical-assistant',
      'provider',
      'reference-lab',
      'billing-specialist',
      'payer',
    ]);
    const path: string[] = [];
    for (let id: string | undefined = d.start; id && path.length < 20; ) {
      path.push(id);
      const step: Step = d.steps[id]!;
      id =
        step.type === 'task' ? Object.values(step.outcomes)[0] : step.type === 'wait' ? step.next : undefined;
    }
    expect(path).toEqual([
      'draw-the-specimen',
      'ship-the-specimen-to-the-lab',
      'run-the-assay',
      'report-the-result',
      'result-received',
      'review-the-result',
      'send-the-charge-to-billing',
      'submit-the-claim',
      'claim-submitted',
    ]);
    // The lab's and the clinic's own end events were only where they handed off.
    expect(Object.keys(d.steps)).not.toContain('result-reported');
    expect(Object.keys(d.steps)).not.toContain('result-reviewed');
    expect(r.skipped.map((s) => s.id)).toEqual(['sid-mf-claim']);
  });
});

/** A small collaboration: pools given as BPMN fragments. */
function collaboration(
  pools: Array<{ id: string; name: string; body?: string }>,
  messageFlows: string,
): string {
  const participants = pools
    .map(
      (p) =>
        `<participant id="${p.id}" name="${p.name}"${p.body !== undefined ? ` processRef="P_${p.id}"` : ''}/>`,
    )
    .join('');
  const processes = pools
    .filter((p) => p.body !== undefined)
    .map((p) => `<process id="P_${p.id}">${p.body}</process>`)
    .join('');
  return `<?xml version="1.0"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="t"><collaboration id="C">${participants}${messageFlows}</collaboration>${processes}</definitions>`;
}

const flow = (id: string, from: string, to: string) =>
  `<sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;

describe('collaborations: handoffs that need a choice', () => {
  it('two pools that each start on their own: the first is the start and the choice is reported', () => {
    const r = fromBpmn(
      collaboration(
        [
          {
            id: 'A',
            name: 'Front desk',
            body: `<startEvent id="sa"/><task id="ta" name="Check in"/><endEvent id="ea"/>${flow('a1', 'sa', 'ta')}${flow('a2', 'ta', 'ea')}`,
          },
          {
            id: 'B',
            name: 'Billing',
            body: `<startEvent id="sb"/><task id="tb" name="Post the charge"/><endEvent id="eb"/>${flow('b1', 'sb', 'tb')}${flow('b2', 'tb', 'eb')}`,
          },
        ],
        '',
      ),
    );
    expect(r.definition.start).toBe('check-in');
    expect(r.warnings).toContain(
      "pools 'Front desk', 'Billing' each start on their own (no message starts them): the workflow starts in 'Front desk'",
    );
    expect(r.skipped).toEqual([
      {
        id: 'sb',
        kind: 'startEvent',
        reason: "only one start event is imported: the workflow starts in 'Front desk'",
      },
    ]);
  });

  it('the pool whose start no message reaches is the start, whatever the order of the pools', () => {
    const r = fromBpmn(
      collaboration(
        [
          {
            id: 'B',
            name: 'Billing',
            body: `<startEvent id="sb"><messageEventDefinition/></startEvent><task id="tb" name="Post the charge"/><endEvent id="eb"/>${flow('b1', 'sb', 'tb')}${flow('b2', 'tb', 'eb')}`,
          },
          {
            id: 'A',
            name: 'Front desk',
            body: `<startEvent id="sa"/><sendTask id="ta" name="Check in"/><endEvent id="ea"/>${flow('a1', 'sa', 'ta')}${flow('a2', 'ta', 'ea')}`,
          },
        ],
        '<messageFlow id="m" sourceRef="ta" targetRef="sb"/>',
      ),
    );
    expect(r.definition.start).toBe('check-in');
    expect(r.definition.steps['check-in']).toMatchObject({ outcomes: { done: 'post-the-charge' } });
    expect(r.warnings).toEqual([]);
    expect(r.skipped).toEqual([]);
    // The front desk's own end event was only where it handed off.
    expect(Object.keys(r.definition.steps).sort()).toEqual(['check-in', 'end', 'post-the-charge']);
  });

  it('a task that hands off while its own pool carries on gets both as outcomes, with a warning', () => {
    const r = fromBpmn(
      collaboration(
        [
          {
            id: 'A',
            name: 'Front desk',
            body: `<startEvent id="sa"/><task id="ta" name="Scan the form"/><exclusiveGateway id="g"/><task id="tc" name="File it"/><task id="td" name="Shred it"/><endEvent id="ea"/>${flow('a1', 'sa', 'ta')}${flow('a2', 'ta', 'g')}${flow('a3', 'g', 'tc')}${flow('a4', 'g', 'td')}${flow('a5', 'tc', 'ea')}${flow('a6', 'td', 'ea')}`,
          },
          {
            id: 'B',
            name: 'Records',
            body: `<startEvent id="sb"><messageEventDefinition/></startEvent><task id="tb" name="Index the form"/><endEvent id="eb"/>${flow('b1', 'sb', 'tb')}${flow('b2', 'tb', 'eb')}`,
          },
        ],
        '<messageFlow id="m" name="to records" sourceRef="ta" targetRef="sb"/>',
      ),
    );
    expect(r.definition.steps['scan-the-form']).toMatchObject({
      outcomes: { 'file-it': 'file-it', 'shred-it': 'shred-it', 'to-records': 'index-the-form' },
    });
    expect(r.warnings).toContain(
      "task 'Scan the form' hands off to 'sb' in another pool and its own pool carries on: both became outcomes, the person completing it chooses",
    );
  });

  it('a message to a catch event after an event-based gateway leads to that wait', () => {
    const r = fromBpmn(
      collaboration(
        [
          {
            id: 'A',
            name: 'Front desk',
            body: `<startEvent id="sa"/><sendTask id="ta" name="Ask billing"/><eventBasedGateway id="g" name="Answer or a week"/><intermediateCatchEvent id="c" name="Billing answered"><messageEventDefinition/></intermediateCatchEvent><intermediateCatchEvent id="w" name="A week"><timerEventDefinition><timeDuration>P7D</timeDuration></timerEventDefinition></intermediateCatchEvent><task id="tc" name="Call the patient"/><endEvent id="ea"/>${flow('a1', 'sa', 'ta')}${flow('a2', 'ta', 'g')}${flow('a3', 'g', 'c')}${flow('a4', 'g', 'w')}${flow('a5', 'c', 'tc')}${flow('a6', 'w', 'tc')}${flow('a7', 'tc', 'ea')}`,
          },
          {
            id: 'B',
            name: 'Billing',
            body: `<startEvent id="sb"><messageEventDefinition/></startEvent><sendTask id="tb" name="Answer the question"/><endEvent id="eb"/>${flow('b1', 'sb', 'tb')}${flow('b2', 'tb', 'eb')}`,
          },
        ],
        '<messageFlow id="m1" sourceRef="ta" targetRef="sb"/><messageFlow id="m2" sourceRef="tb" targetRef="c"/>',
      ),
    );
    const d = r.definition;
    expect(d.steps['ask-billing']).toMatchObject({ outcomes: { done: 'answer-the-question' } });
    expect(d.steps['answer-the-question']).toMatchObject({
      outcomes: { 'answer-or-a-week': 'answer-or-a-week' },
    });
    expect(d.steps['answer-or-a-week']).toMatchObject({ type: 'wait', next: 'call-the-patient' });
    expect(r.skipped).toEqual([]);
    expect(lint(d).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a message to a pool enters at its start event; one from a pool as a whole, or inside one pool, is reported', () => {
    const r = fromBpmn(
      collaboration(
        [
          {
            id: 'A',
            name: 'Front desk',
            body: `<startEvent id="sa"/><task id="ta" name="Check in"/><task id="tx" name="Note it"/>${flow('a1', 'sa', 'ta')}`,
          },
          {
            id: 'B',
            name: 'Billing',
            body: `<startEvent id="sb"/><task id="tb" name="Post the charge"/><endEvent id="eb"/>${flow('b1', 'sb', 'tb')}${flow('b2', 'tb', 'eb')}`,
          },
        ],
        '<messageFlow id="m1" sourceRef="ta" targetRef="B"/><messageFlow id="m2" sourceRef="B" targetRef="tx"/><messageFlow id="m3" sourceRef="ta" targetRef="tx"/>',
      ),
    );
    expect(r.definition.steps['check-in']).toMatchObject({ outcomes: { done: 'post-the-charge' } });
    expect(r.skipped).toEqual([
      {
        id: 'm2',
        kind: 'messageFlow',
        reason: "it comes from the pool 'Billing', not from a step in it: the handoff is not known",
      },
      { id: 'm3', kind: 'messageFlow', reason: 'a message flow inside one pool is not modelled' },
    ]);
  });
});
