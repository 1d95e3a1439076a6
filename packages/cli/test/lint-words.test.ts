import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { binArgs } from './support/bin.ts';

/**
 * `portalflow lint` speaks as the Problems panel does: steps by title, the cause of a chain of
 * problems first, and a workflow left with two steps saving one answer or with placeholder words
 * for staff does not pass.
 */
const file = new URL('./fixtures/prior-auth-unfinished.json', import.meta.url).pathname;

it('lint names steps by title, lists the cause first and refuses placeholder words', () => {
  const r = spawnSync(process.execPath, [...binArgs, 'lint', file], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 30_000,
  });
  expect(r.status).toBe(1);
  const lines = r.stdout.split('\n').filter((l) => /^\s+(error|warning|info)/.test(l));
  const messages = lines.map((l) => l.replace(/^\s+\w+\s+/, '').replace(/\s{2}\S+ · .*$/, ''));
  // The task with no way out cuts off “Record payer answer” and the end: it comes first.
  expect(messages[0]).toBe(
    'Task “Prepare the authorization packet” has no outcomes, so it can never be completed',
  );
  expect(messages).toContain(
    '“Collect insurance card” and “Record payer answer” both save their answer as “Field”: the later one replaces the earlier. Give each its own name, or mark the answer as one the steps share.',
  );
  expect(messages).toContain(
    'The help of “Collect insurance card” is still the example “Describe what to do here.”: write what staff should do',
  );
  expect(messages).toContain(
    '“Record payer answer” has an outcome still named “Outcome”: staff would see a button reading “Outcome”. Name it for what happened',
  );
  expect(messages).toContain(
    'Step “End: authorized” cannot be reached from the start “Collect insurance card”',
  );
  const unreachable = messages.findIndex((m) => m.includes('cannot be reached'));
  expect(unreachable).toBeGreaterThan(messages.findIndex((m) => m.includes('has no outcomes')));
  // No step is named by its id.
  expect(messages.join('\n')).not.toMatch(
    /"(collect-insurance-card|prepare-the-packet|record-payer-answer|authorized)"/,
  );
}, 60_000);
