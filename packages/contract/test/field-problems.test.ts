import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldProblems, issueWords, refusalMessage } from '../src/index.ts';

/** Each kind of problem the API's schemas can find, in the words a clinic admin reads. */

const Body = z
  .object({
    patientReference: z.string().max(200).meta({ title: 'Patient reference' }),
    priority: z.enum(['normal', 'urgent']).optional(),
    minutes: z.number().int().min(5).max(120).optional(),
    every: z.number().multipleOf(15).optional(),
    roles: z.array(z.string().max(10)).min(1).max(3).optional(),
    email: z.email().optional(),
    url: z.url().optional(),
    taskId: z.uuid().optional(),
    due: z.iso.datetime().optional(),
    notes: z.string().min(3).optional(),
    kind: z.union([z.literal('a'), z.number()]).optional(),
    reason: z
      .string()
      .refine((s) => s.trim().length >= 10, 'say why, in at least 10 characters')
      .optional(),
  })
  .strict();

const JARGON = /expected|received|invalid input|invalid option|too big|too small|unrecognized/i;

function problems(value: unknown) {
  const parsed = Body.safeParse(value);
  if (parsed.success) throw new Error('accepted');
  return fieldProblems(parsed.error, Body, 'Request body');
}
const one = (value: Record<string, unknown>) => problems({ patientReference: 'P-1', ...value });

beforeAll(() => {
  z.config({ customError: issueWords });
});

describe('refused fields in words', () => {
  it('a text too long: its label, the limit and how long it was', () => {
    expect(problems({ patientReference: 'x'.repeat(10_000) })).toEqual([
      {
        path: 'patientReference',
        field: 'Patient reference',
        message: 'Patient reference: at most 200 characters (you sent 10,000)',
      },
    ]);
  });

  it('each kind of problem is said in words, naming the field', () => {
    const said = (value: Record<string, unknown>) => one(value).map((p) => p.message);
    expect(said({ priority: 'soon' })).toEqual(['Priority: one of normal, urgent']);
    expect(said({ minutes: 500 })).toEqual(['Minutes: at most 120']);
    expect(said({ minutes: 1 })).toEqual(['Minutes: at least 5']);
    expect(said({ minutes: '5' })).toEqual(['Minutes: must be a number (you sent text)']);
    expect(said({ every: 20 })).toEqual(['Every: must be a multiple of 15']);
    expect(said({ roles: [] })).toEqual(['Roles: needs at least one item']);
    expect(said({ roles: ['a', 'b', 'c', 'd'] })).toEqual(['Roles: at most 3 items (you sent 4)']);
    expect(said({ roles: ['a', 'x'.repeat(11)] })).toEqual([
      'Roles › item 2: at most 10 characters (you sent 11)',
    ]);
    expect(said({ roles: 'a' })).toEqual(['Roles: must be a list (you sent text)']);
    expect(said({ email: 'nope' })).toEqual(['Email: must be an email address, like name@clinic.org']);
    expect(said({ url: 'nope' })).toEqual(['URL: must be a web address, like https://clinic.org']);
    expect(said({ taskId: 'nope' })).toEqual(['Task id: must be an id this server gave out']);
    expect(said({ due: 'tomorrow' })).toEqual(['Due: must be a date and time, like 2026-03-01T09:30:00Z']);
    expect(said({ notes: 'ab' })).toEqual(['Notes: at least 3 characters (you sent 2)']);
    expect(said({ kind: true })).toEqual(['Kind: is none of the forms this field takes']);
    expect(said({ extra: 1, other: 2 })).toEqual(['Request body: has fields it does not take: extra, other']);
    expect(problems({}).map((p) => p.message)).toEqual(['Patient reference: is required']);
    expect(problems('a text').map((p) => p.message)).toEqual([
      'Request body: must be a group of fields (a JSON object) (you sent text)',
    ]);
  });

  it('a refinement keeps its own message', () => {
    expect(one({ reason: 'because' }).map((p) => p.message)).toEqual([
      'Reason: say why, in at least 10 characters',
    ]);
  });

  it('no message carries the validator’s own wording', () => {
    const all = problems({ patientReference: 5, priority: 1, minutes: 'x', roles: {}, extra: true, due: 3 });
    expect(all.length).toBeGreaterThan(5);
    for (const p of all) expect(p.message).not.toMatch(JARGON);
  });

  it('the refusal’s message is the first problem and how many more there are', () => {
    const all = problems({ patientReference: 5, priority: 1 });
    expect(refusalMessage(all, 'Request body')).toBe(
      'Patient reference: must be text (you sent a whole number) (and 1 more problem)',
    );
  });
});
