import { type Definition, type FormField, parseDefinition, validateForm } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { workflows } from '../src/index.ts';

const definitions = workflows.map((w) => parseDefinition(w.definition, { filename: `${w.id}.json` }));

/** Every number staff type into a step's form, with where it is. */
function typedNumbers(d: Definition): Array<{ where: string; field: FormField }> {
  const out: Array<{ where: string; field: FormField }> = [];
  for (const field of d.intake?.form ?? []) out.push({ where: `${d.id} start form`, field });
  for (const [id, step] of Object.entries(d.steps))
    if (step.type === 'task')
      for (const field of step.form ?? []) out.push({ where: `${d.id} ${id}`, field });
  return out.filter(({ field }) => field.type === 'number' && !field.computed);
}

describe('counts in the bundled workflows are whole numbers', () => {
  it('every number that is not an amount of money (an age, months, days, sign-ins) takes whole numbers only', () => {
    const counts = definitions.flatMap(typedNumbers).filter(({ field }) => !field.money);
    expect(counts.map(({ where, field }) => `${where} ${field.id}`)).toEqual([
      'prescription-refill provider-decision daysSupply',
      'proxy-access check-request patientAge',
      'password-reset take-request failedAttempts',
      'billing-question offer-payment-plan planMonths',
    ]);
    for (const { where, field } of counts) expect(field.whole, `${where} ${field.id}`).toBe(true);
  });

  it('the proxy access form refuses an age of 12.5', () => {
    const proxy = definitions.find((d) => d.id === 'proxy-access')!;
    const check = proxy.steps['check-request'];
    if (check?.type !== 'task') throw new Error('fixture');
    const errors = validateForm(check.form ?? [], { patientAge: 12.5 }).filter(
      (e) => e.field === 'patientAge',
    );
    expect(errors).toEqual([
      { field: 'patientAge', message: "Patient's age today must be a whole number, such as 12" },
    ]);
    expect(
      validateForm(check.form ?? [], { patientAge: 12 }).filter((e) => e.field === 'patientAge'),
    ).toEqual([]);
  });
});
