import { describe, expect, it, vi } from 'vitest';

/**
 * RE2 comes to the browser only when a form with a pattern is on screen (forms/patternChecks.ts).
 * Until then an answer with a pattern is neither refused nor shown as taken; once it is here, the
 * form checks it as the server does. Each test reads fresh copies of the modules: other files in
 * this worker may have fetched RE2 already.
 */
const fields = [
  {
    id: 'patient',
    label: 'Patient reference',
    type: 'text' as const,
    required: true,
    pattern: '[A-Z]+-[0-9]+',
  },
];

async function fresh() {
  vi.resetModules();
  const checks = await import('../src/forms/patternChecks.ts');
  const form = await import('../src/work/form.ts');
  const names = await import('../src/work/requestName.ts');
  return { ...checks, ...form, ...names };
}

describe('pattern checks fetched with the first form that has a pattern', () => {
  it('before RE2 comes, a pattern is not checked and its answer is not shown as the request’s name', async () => {
    const m = await fresh();
    expect(m.patternCheck('[A-Z]+-[0-9]+', 'Maria Lopez')).toBe(undefined);
    expect(m.checkForm(fields, { patient: 'Maria Lopez' })).toEqual({});
    expect(m.acceptedAnswers(fields, { patient: 'DEMO-5001' })).toEqual({});
  });

  it('once it has come, the form refuses what the server would and takes what it would', async () => {
    const m = await fresh();
    await m.loadPatternChecks();
    expect(m.patternCheck('[A-Z]+-[0-9]+', 'Maria Lopez')).toBe(false);
    expect(m.checkForm(fields, { patient: 'Maria Lopez' })).toEqual({
      patient: 'Patient reference is not in the form this workflow expects',
    });
    expect(m.checkForm(fields, { patient: 'DEMO-5001' })).toEqual({});
    expect(m.acceptedAnswers(fields, { patient: 'Maria Lopez' })).toEqual({});
    expect(m.acceptedAnswers(fields, { patient: 'DEMO-5001' })).toEqual({ patient: 'DEMO-5001' });
  });
});
