import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Definition, DefinitionSchema, hasErrors, lint } from '../src/index.ts';

/**
 * A lead's condition that can never hold must block publishing, said in her words: the walk's
 * `data.payerAnswer == "approved"` against the choices "Approved" and "Denied" sent every approval
 * down the "denied" path, and nothing said so.
 */
const base = DefinitionSchema.parse(
  JSON.parse(
    readFileSync(new URL('./fixtures/lint/condition-not-a-choice/valid.json', import.meta.url), 'utf8'),
  ),
);

function withBranches(...when: string[]): Definition {
  const steps = structuredClone(base.steps);
  steps['payer-answered'] = {
    type: 'decision',
    title: 'Did the payer approve?',
    branches: when.map((w) => ({ when: w, to: 'tell-approved' })),
    otherwise: 'tell-denied',
  };
  return { ...base, steps };
}

const messages = (definition: Definition, rule: string) =>
  lint(definition)
    .filter((f) => f.rule === rule)
    .map((f) => f.message);

describe('a condition compared with a value that is not one of the field’s choices', () => {
  it('says the choices and the right spelling when only the case differs, and blocks publishing', () => {
    const definition = withBranches('data.payerAnswer == "approved"');
    const findings = lint(definition).filter((f) => f.rule === 'condition-not-a-choice');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      step: 'payer-answered',
      path: 'steps.payer-answered.branches.0.when',
      edge: { from: 'payer-answered', to: 'tell-approved' },
    });
    expect(findings[0]!.message).toBe(
      'Decision “Did the payer approve?”, branch 1 (to “Tell the patient it was approved”): “Payer answer” is never "approved"; its choices are "Approved" and "Denied". Did you mean "Approved"?',
    );
    expect(hasErrors(lint(definition))).toBe(true);
  });

  it('lists the choices without a guess when the value is nothing like them', () => {
    expect(
      messages(withBranches("data.payerAnswer in ['Denied', 'Pending']"), 'condition-not-a-choice'),
    ).toEqual([
      'Decision “Did the payer approve?”, branch 1 (to “Tell the patient it was approved”): “Payer answer” is never "Pending"; its choices are "Approved" and "Denied"',
    ]);
  });

  it('says a yes/no field is compared with yes or no', () => {
    expect(messages(withBranches("data.urgent == 'yes'"), 'condition-not-a-choice')).toEqual([
      'Decision “Did the payer approve?”, branch 1 (to “Tell the patient it was approved”): “Urgent” is a yes/no answer, never "yes"; compare it with true or false',
    ]);
  });

  it('accepts every choice as written, empty, and a field without choices', () => {
    const definition = withBranches(
      "data.payerAnswer == 'Approved'",
      "data.payerAnswer != 'Denied' and data.urgent == false",
      'data.payerAnswer == null',
      "data.patientRef == 'anything'",
    );
    expect(messages(definition, 'condition-not-a-choice')).toEqual([]);
  });
});

describe('a condition reading a field no form asks for', () => {
  it('names the field and the nearest one a form asks for', () => {
    const findings = lint(withBranches("data.payerAnswr == 'Approved'")).filter(
      (f) => f.rule === 'condition-unknown-field',
    );
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      [
        'error',
        'Decision “Did the payer approve?”, branch 1 (to “Tell the patient it was approved”): no form in this workflow asks for "payerAnswr" and the start form does not provide it, so it is always empty. Did you mean "payerAnswer" (“Payer answer”)?',
      ],
    ]);
  });

  it('has no guess for a name like none of the fields, and reads start-form fields as known', () => {
    expect(messages(withBranches('data.insuranceIssue == true'), 'condition-unknown-field')).toEqual([
      'Decision “Did the payer approve?”, branch 1 (to “Tell the patient it was approved”): no form in this workflow asks for "insuranceIssue" and the start form does not provide it, so it is always empty',
    ]);
    expect(messages(withBranches('data.patientRef != null'), 'condition-unknown-field')).toEqual([]);
  });
});

describe('a branch that is never taken', () => {
  it('says which earlier branch already takes every case', () => {
    expect(
      messages(
        withBranches("data.payerAnswer in ['Approved', 'Denied']", "data.payerAnswer == 'Denied'"),
        'branch-never-taken',
      ),
    ).toEqual([
      'Decision “Did the payer approve?”, branch 2 (to “Tell the patient it was approved”) is never taken: branch 1 is checked first and holds whenever it does',
    ]);
  });

  it('says a branch that is always false is never taken', () => {
    expect(messages(withBranches('false'), 'branch-never-taken')).toEqual([
      'Decision “Did the payer approve?”, branch 1 (to “Tell the patient it was approved”) is never taken: its condition is always false',
    ]);
  });
});

describe('published versions keep running', () => {
  it('compiles a definition with such a condition: it blocks publishing, not instances already on it', async () => {
    const { compile } = await import('../src/index.ts');
    expect(() => compile(withBranches('data.payerAnswr == "approved"'))).not.toThrow();
  });
});
