import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { binArgs } from './support/bin.ts';

const file = new URL('./fixtures/payer-answer-mistakes.json', import.meta.url).pathname;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [...binArgs, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * The walk's mistakes: `data.payerAnswer == "approved"` against the choices "Approved" and "Denied",
 * and a misspelt field. `portalflow lint` passed both, and simulate sent every approval to "denied".
 */
describe('portalflow lint on conditions that can never hold', () => {
  it('exits 1 and says the choices, the right spelling and the field meant', () => {
    const r = cli('lint', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain('condition-not-a-choice');
    expect(r.out).toContain(
      '“Payer answer” is never "approved"; its choices are "Approved" and "Denied". Did you mean "Approved"?',
    );
    expect(r.out).toContain('condition-unknown-field');
    expect(r.out).toContain('Did you mean "payerAnswer" (“Payer answer”)?');
    expect(r.out).toMatch(/payer-answer-mistakes\.json:\d+/);
  });
});
