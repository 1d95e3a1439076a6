import { parseDefinition, parseScript, simulate } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { clinicCalendar, workflows } from '../src/index.ts';

const triage = workflows.find((w) => w.id === 'portal-message-triage')!;
const definition = parseDefinition(triage.definition, { filename: 'portal-message-triage.json' });
const HOUR = 3_600_000;

/** The provider's open task once the medical assistant and the nurse have played their part. */
function providerTask(redFlags: boolean) {
  const nurseStep = redFlags ? 'urgent-call' : 'nurse-review';
  const result = simulate(
    definition,
    parseScript([
      { type: 'start', data: { patient: 'DEMO-1004', subject: 'Headache', message: 'Worst headache ever.' } },
      {
        type: 'complete',
        step: 'sort-message',
        outcome: 'sorted',
        role: 'medical-assistant',
        data: { topic: 'medical-question', redFlags },
      },
      { type: 'complete', step: nurseStep, outcome: 'needs-provider', role: 'triage-nurse' },
    ]),
    { calendar: clinicCalendar },
  );
  expect(result.error).toBeUndefined();
  const active = Object.values(result.snapshot!.context.active);
  expect(active).toHaveLength(1);
  const task = active[0]!;
  expect(task.role).toBe('provider');
  return { task, openedAt: Date.parse(result.clock) };
}

describe('a red-flag message stays urgent at the provider', () => {
  it('the provider’s reply after the nurse’s urgent call is urgent and due within hours', () => {
    const { task, openedAt } = providerTask(true);
    expect(task.priority).toBe('urgent');
    expect(Date.parse(task.due!) - openedAt).toBeLessThanOrEqual(4 * HOUR);
  });

  it('a routine clinical question reaches the provider at normal priority, within business days', () => {
    const { task, openedAt } = providerTask(false);
    expect(task.priority ?? 'normal').toBe('normal');
    expect(Date.parse(task.due!) - openedAt).toBeGreaterThan(24 * HOUR);
  });
});
