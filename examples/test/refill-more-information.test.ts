import { parseDefinition, parseScript, simulate } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { clinicCalendar, workflows } from '../src/index.ts';

/**
 * A provider who needs something before deciding on a refill (the last blood pressure, which
 * pharmacy) sends the request back to the refill coordinator with the question, instead of picking an
 * answer they cannot stand behind; the coordinator's answer brings it back to the provider.
 */

const refill = workflows.find((w) => w.id === 'prescription-refill')!;
const definition = parseDefinition(refill.definition, { filename: 'prescription-refill.json' });
const QUESTION = 'What was the last blood pressure reading, and has the patient had any dizziness?';

const upToProvider = [
  {
    type: 'start',
    data: {
      patient: 'DEMO-3107',
      source: 'portal',
      medication: 'oxycodone 5 mg',
      pharmacy: 'Main Street Pharmacy',
    },
  },
  {
    type: 'complete',
    step: 'review-request',
    outcome: 'prepared',
    role: 'refill-coordinator',
    data: {
      medication: 'oxycodone 5 mg',
      controlledSubstance: true,
      lastVisitDate: '2026-01-10',
      labsCurrent: true,
      exactRefill: true,
      onStandingOrder: false,
      needsPriorAuth: false,
    },
  },
];

const openSteps = (events: unknown[]) => {
  const result = simulate(definition, parseScript(events), { calendar: clinicCalendar });
  return { result, active: Object.values(result.snapshot?.context.active ?? {}) };
};

describe('the provider sends a refill back with a question', () => {
  it('offers "need more information" on the provider’s decision, and asks for the question', () => {
    const step = definition.steps['provider-decision'];
    expect(step?.type).toBe('task');
    if (step?.type !== 'task') return;
    expect(Object.keys(step.outcomes)).toContain('need-more-information');
    const question = step.form?.find((f) => f.requiredFor?.includes('need-more-information'));
    expect(question?.type).toBe('textarea');
  });

  it('refuses to send it back without the question', () => {
    const { result } = openSteps([
      ...upToProvider,
      {
        type: 'complete',
        step: 'provider-decision',
        outcome: 'need-more-information',
        role: 'provider',
        data: {},
      },
    ]);
    expect(result.error?.code).toBe('FORM_INVALID');
  });

  it('goes to the refill coordinator with the question, and back to the provider with the answer', () => {
    const asked = openSteps([
      ...upToProvider,
      {
        type: 'complete',
        step: 'provider-decision',
        outcome: 'need-more-information',
        role: 'provider',
        data: { questionForCoordinator: QUESTION },
      },
    ]);
    expect(asked.result.error).toBeUndefined();
    expect(asked.active.map((a) => [a.step, a.role])).toEqual([
      ['answer-provider-question', 'refill-coordinator'],
    ]);
    expect(asked.result.snapshot?.context.data.questionForCoordinator).toBe(QUESTION);

    const answered = openSteps([
      ...upToProvider,
      {
        type: 'complete',
        step: 'provider-decision',
        outcome: 'need-more-information',
        role: 'provider',
        data: { questionForCoordinator: QUESTION },
      },
      {
        type: 'complete',
        step: 'answer-provider-question',
        outcome: 'answered',
        role: 'refill-coordinator',
        data: { answerForProvider: '128/82 on 12 March; no dizziness, per the patient today.' },
      },
    ]);
    expect(answered.result.error).toBeUndefined();
    expect(answered.active.map((a) => [a.step, a.role])).toEqual([['provider-decision', 'provider']]);
  });
});
