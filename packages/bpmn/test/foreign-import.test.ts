import { canonicalJson, type Definition, parseDefinition } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { fromBpmn, type ImportResult, toBpmn } from '../src/index.ts';
import { foreignFixtures } from './support/examples.ts';
import { validateBpmn } from './support/xmllint.ts';

const load = (name: string): ImportResult => fromBpmn(foreignFixtures.find((f) => f.name === name)!.xml);
const canonical = (d: Definition) => JSON.parse(canonicalJson(d));
const skippedIds = (r: ImportResult) => r.skipped.map((s) => `${s.kind}:${s.id}`).sort();

describe('files from other modelers', () => {
  it('has fixtures from six tools and two collaborations, each valid against the OMG schema', () => {
    expect(foreignFixtures.map((f) => f.name)).toEqual([
      'bizagi-billing.bpmn',
      'bpmnjs-lab-results.bpmn',
      'camunda-refill.bpmn',
      'collaboration-outside-lab-order.bpmn',
      'collaboration-specialist-referral.bpmn',
      'eclipse-proxy-no-lanes.bpmn',
      'signavio-enrollment.bpmn',
      'trisotech-urgent-after-hours.bpmn',
    ]);
    const check = validateBpmn(Object.fromEntries(foreignFixtures.map((f) => [f.name, f.xml])));
    expect(check.ok, check.output).toBe(true);
  });

  for (const { name, xml } of foreignFixtures) {
    it(`${name}: imports to a valid definition; import → export → import is stable and the export validates`, () => {
      const first = fromBpmn(xml);
      expect(() => parseDefinition(first.definition)).not.toThrow();
      for (const id of Object.keys(first.definition.steps)) expect(first.layout.positions[id]).toBeDefined();
      const exported = toBpmn(first.definition, first.layout);
      const check = validateBpmn({ [name]: exported });
      expect(check.ok, check.output).toBe(true);
      const second = fromBpmn(exported);
      expect(canonical(second.definition)).toEqual(canonical(first.definition));
      expect(second.layout.positions).toEqual(first.layout.positions);
      expect(second.skipped).toEqual([]);
      expect(toBpmn(second.definition, second.layout)).toBe(exported);
      // One pool per department comes back to the same definition too.
      const pooled = toBpmn(first.definition, first.layout, { pools: 'department' });
      expect(validateBpmn({ [name]: pooled }).ok).toBe(true);
      const third = fromBpmn(pooled);
      expect(canonical(third.definition)).toEqual(canonical(first.definition));
      expect(third.skipped).toEqual([]);
    });
  }

  it('Camunda: candidate groups and lanes become roles, form data becomes a form, "Approved?" gateways become outcomes', () => {
    const r = load('camunda-refill.bpmn');
    const d = r.definition;
    expect(d.title).toBe('Medication refill (Camunda)');
    expect(d.roles.map((x) => x.id)).toEqual(['refill-coordinator', 'triage-nurse', 'provider']);
    expect(d.start).toBe('prepare-the-refill-request');
    const prepare = d.steps['prepare-the-refill-request'];
    expect(prepare).toMatchObject({
      type: 'task',
      role: 'refill-coordinator',
      help: 'Match the request to the medication list and fill every check from the chart.',
      outcomes: { 'which-review': 'which-review' },
    });
    expect(prepare?.type === 'task' && prepare.form).toEqual([
      { id: 'controlledSubstance', label: 'Controlled substance', type: 'boolean', required: true },
      { id: 'monthsSinceLastVisit', label: 'Months since last visit', type: 'number' },
      { id: 'pharmacy', label: 'Pharmacy', type: 'select', options: ['Retail pharmacy', 'Mail order'] },
    ]);
    expect(d.steps['which-review']).toEqual({
      type: 'decision',
      title: 'Which review?',
      branches: [
        { when: 'data.controlledSubstance == true', to: 'decide-on-the-refill' },
        { when: 'data.monthsSinceLastVisit <= 12', to: 'approve-under-the-standing-order' },
      ],
      otherwise: 'decide-on-the-refill',
    });
    // One gateway after two tasks: both get its outcomes.
    expect(d.steps['decide-on-the-refill']).toMatchObject({
      outcomes: { approved: 'send-e-prescription', denied: 'tell-the-patient-why' },
      deadline: { after: 'P2D', goTo: 'medical-director-decides' },
    });
    expect(d.steps['medical-director-decides']).toMatchObject({
      outcomes: { approved: 'send-e-prescription', denied: 'tell-the-patient-why' },
    });
    expect(d.steps['approve-under-the-standing-order']).toMatchObject({
      outcomes: { yes: 'send-e-prescription', 'route-to-provider': 'which-review' },
    });
    // The call activity on the error path passes the flow through; the service task is a task.
    expect(d.steps['pharmacy-acknowledged']).toEqual({
      type: 'wait',
      title: 'Pharmacy acknowledged',
      signal: 'pharmacy-ack',
      next: 'refill-sent',
    });
    expect(skippedIds(r)).toEqual([
      'boundaryEvent:Event_erx_error',
      'callActivity:Activity_notify_erx',
      'dataObject:DataObject_chart',
      'dataObjectReference:DataObjectReference_chart',
      'dataOutputAssociation:DataOutputAssociation_chart',
    ]);
    // Camunda's JUEL condition is rewritten in portalflow's language, and the rewrite is reported.
    expect(r.warnings).toContain(
      `decision 'Which review?': the condition "\${controlledSubstance == true}" was rewritten as "data.controlledSubstance == true"; check it`,
    );
  });

  it('Signavio: nested lanes give leaf roles with the parent as department; parallel fork and join', () => {
    const r = load('signavio-enrollment.bpmn');
    expect(r.definition.roles).toEqual([
      { id: 'front-desk', name: 'Front desk', department: 'Front office' },
      { id: 'enrollment-specialist', name: 'Enrollment specialist', department: 'Front office' },
      {
        id: 'medical-records-clerk',
        name: 'Medical records clerk',
        department: 'Health information management',
      },
    ]);
    expect(r.definition.steps.parallel).toEqual({
      type: 'parallel',
      branches: ['send-the-activation-code', 'link-the-chart-to-the-account'],
      join: 'confirm-the-patient-can-sign-in',
    });
    expect(r.definition.steps['send-the-activation-code']).toMatchObject({ role: 'enrollment-specialist' });
    expect(r.definition.steps['link-the-chart-to-the-account']).toMatchObject({
      role: 'medical-records-clerk',
    });
    expect(skippedIds(r)).toEqual(['group:sid-GROUP-0001']);
    // Lanes are ordered as drawn: the leaves top to bottom.
    expect(r.layout.lanes.map((l) => l.role)).toEqual([
      'front-desk',
      'enrollment-specialist',
      'medical-records-clerk',
    ]);
  });

  it('bpmn-js: three pools, escalation timers, event-based waits, and every construct it cannot map reported', () => {
    const r = load('bpmnjs-lab-results.bpmn');
    const d = r.definition;
    expect(d.title).toBe('Lab result release');
    // The lab's pool has no lanes: one role. Its task's message starts the clinic's pool.
    expect(d.roles.map((x) => x.id)).toEqual([
      'patient',
      'ordering-provider',
      'results-nurse',
      'reference-lab',
    ]);
    expect(d.start).toBe('run-the-assay');
    expect(d.steps['run-the-assay']).toMatchObject({
      role: 'reference-lab',
      outcomes: { 'result-received': 'review-the-result' },
    });
    expect(d.steps['review-the-result']).toMatchObject({
      role: 'ordering-provider',
      outcomes: { critical: 'patient-reached', release: 'release-to-the-portal-with-a-note' },
      deadline: { after: 'PT4H', escalateTo: 'results-nurse' },
    });
    expect(d.steps['viewed-within-3-days']).toEqual({
      type: 'wait',
      title: 'Viewed within 3 days?',
      signal: 'result-viewed',
      next: 'result-seen',
      deadline: { after: 'P3D', goTo: 'phone-the-patient' },
    });
    expect(skippedIds(r)).toEqual([
      'association:Association_comp',
      'boundaryEvent:Event_0comp',
      'dataInputAssociation:DataInputAssociation_0lab',
      'dataStoreReference:DataStoreReference_lis',
      'eventSubProcess:Activity_0followup',
      'messageFlow:Flow_msg_patient',
      'subProcess:Activity_call_critical',
      'task:Activity_0undo',
    ]);
    expect(r.skipped.find((s) => s.id === 'Activity_0undo')?.reason).toMatch(/compensation/);
    expect(r.skipped.find((s) => s.id === 'Flow_msg_patient')?.reason).toMatch(
      /'Patient', a pool without a process/,
    );
    expect(r.warnings).toContain(
      "pool 'Patient' is a black box (no process): it became a role that owns no task",
    );
    // Lanes in the order drawn: the patient's pool is on top.
    expect(r.layout.lanes.map((l) => l.role)).toEqual([
      'patient',
      'ordering-provider',
      'results-nurse',
      'reference-lab',
    ]);
    expect(r.layout.lanes[1]).toEqual({ role: 'ordering-provider', order: 1, color: '#bbdefb' });
  });

  it('Bizagi (default namespace): inclusive gateway as a decision with a default flow, a timer wait', () => {
    const r = load('bizagi-billing.bpmn');
    const d = r.definition;
    expect(d.steps['what-does-the-patient-need']).toEqual({
      type: 'decision',
      title: 'What does the patient need?',
      branches: [
        { when: 'data.needsAdjustment == true', to: 'prepare-an-adjustment' },
        { when: 'data.wantsPlan == true', to: 'question-answered' },
        { when: 'true', to: 'question-answered' },
      ],
      otherwise: 'explain-the-charges',
    });
    expect(d.steps['wait-for-the-corrected-statement']).toEqual({
      type: 'wait',
      title: 'Wait for the corrected statement',
      for: 'P2D',
      next: 'question-answered',
    });
    expect(d.steps['approve-the-adjustment']).toMatchObject({
      role: 'revenue-cycle-manager',
      outcomes: {
        approved: 'wait-for-the-corrected-statement',
        'refer-to-collections': 'sent-to-collections-review',
      },
    });
    expect(r.warnings.join('\n')).toMatch(
      /inclusiveGateway 'What does the patient need\?' was imported as a decision/,
    );
  });

  it('Trisotech (semantic: prefix, no diagram): link events joined, a cycle timer reported, auto layout', () => {
    const r = load('trisotech-urgent-after-hours.bpmn');
    expect(r.definition.steps['screen-the-message-by-phone']).toMatchObject({
      type: 'task',
      role: 'answering-service',
    });
    expect(r.definition.steps.route).toMatchObject({
      type: 'decision',
      branches: [
        { when: 'triage = "provider"', to: 'call-the-patient-back' },
        { when: 'triage = "emergency"', to: 'advise-the-patient-to-call-911' },
      ],
    });
    expect(r.skipped.map((s) => s.id).sort()).toEqual(['_from-service', '_page-again', '_to-oncall']);
    expect(r.skipped.find((s) => s.id === '_page-again')?.reason).toMatch(/not an ISO 8601 duration/);
    expect(Object.keys(r.layout.positions).sort()).toEqual(Object.keys(r.definition.steps).sort());
  });

  it('Eclipse (bpmn2: prefix, no lanes): a potential owner names the role; a date timer becomes a signal wait', () => {
    const r = load('eclipse-proxy-no-lanes.bpmn');
    expect(r.definition.steps['check-the-proxy-form']).toMatchObject({
      role: 'medical-records',
      help: "Check the signature, the relationship & the patient's consent.",
    });
    expect(r.definition.steps['grant-proxy-access']).toMatchObject({ role: 'staff' });
    expect(r.definition.steps['until-the-minor-turns-12']).toMatchObject({
      type: 'wait',
      signal: 'until-the-minor-turns-12',
      next: 'limit-the-proxy-view',
    });
    expect(skippedIds(r)).toEqual(['standardLoopCharacteristics:StandardLoopCharacteristics_1']);
  });
});
