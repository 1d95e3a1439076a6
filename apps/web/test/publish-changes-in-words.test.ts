import type { Definition } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { publishSummary } from '../src/model/publishSummary.ts';
import { runningWords } from '../src/model/runningWords.ts';
import { triage } from './model-support.ts';

type Task = Extract<Definition['steps'][string], { type: 'task' }>;
const task = (d: Definition, id: string) => d.steps[id] as Task;

/**
 * The lead publishing version 2 reads every change staff will notice, in words, per step and per role
 * (steps, fields, outcomes, deadlines, help), and how many requests stay on the older versions.
 */
describe('publish summary: every change of a changed step, in words', () => {
  const before = (): Definition => {
    const d = triage();
    task(d, 'provider-review').form = [
      { id: 'notes', label: 'Notes for the patient', type: 'textarea' },
      { id: 'old-code', label: 'Old billing code', type: 'text' },
    ];
    return d;
  };
  const after = (): Definition => {
    const d = before();
    const review = task(d, 'provider-review');
    review.title = 'Review and sign the reply';
    review.help = 'Read the nurse’s note first, then reply in plain words.';
    review.deadline = { after: 'P3D', calendar: 'business', escalateTo: 'nurse' };
    review.outcomes = { replied: 'closed', 'sent-back': 'nurse-review' };
    review.form = [
      { id: 'notes', label: 'Reply to the patient', type: 'textarea' },
      { id: 'payer-reference', label: 'Payer reference number', type: 'text', required: true },
    ];
    return d;
  };

  it('lists what changed in the step: rename, fields added, removed and renamed, outcome, deadline, help', () => {
    const s = publishSummary(before(), after());
    expect(s.changed).toEqual([
      {
        title: 'Review and sign the reply',
        lines: [
          'Renamed from “Provider reply”',
          'New outcome “Sent back”, leading to Answer or route to provider',
          'Deadline 3 business days, then to Triage nurse (was 2 business days, then to Triage nurse)',
          'New field “Payer reference number” (required)',
          'Field “Notes for the patient” is now called “Reply to the patient”',
          'Field “Old billing code” taken away',
          'Help text changed to: “Read the nurse’s note first, then reply in plain words.”',
        ],
      },
    ]);
  });

  it('gives the role whose task changes every line, fields and help included', () => {
    const provider = publishSummary(before(), after()).roles.find((r) => r.roleId === 'provider');
    const lines = provider?.lines.join('\n') ?? '';
    expect(lines).toContain('“Review and sign the reply”: New field “Payer reference number” (required)');
    expect(lines).toContain('“Review and sign the reply”: Help text changed');
    expect(lines).toContain('“Review and sign the reply”: Renamed from “Provider reply”');
    expect(lines).toMatch(/Deadline/);
  });

  it('lists a role whose only change is a new field on its task', () => {
    const d = triage();
    task(d, 'admin-reply').form = [
      { id: 'payer', label: 'Payer reference number', type: 'text', required: true },
    ];
    const s = publishSummary(triage(), d);
    expect(s.changed).toEqual([
      { title: 'Reply to admin request', lines: ['New field “Payer reference number” (required)'] },
    ]);
    expect(s.roles).toEqual([
      {
        roleId: 'front-desk',
        name: 'Front desk',
        lines: ['“Reply to admin request”: New field “Payer reference number” (required)'],
      },
    ]);
  });
});

describe('running requests on older versions', () => {
  it('says how many stay on each older version, and that they finish there', () => {
    expect(
      runningWords(
        [
          { version: 1, running: 1 },
          { version: 2, running: 3 },
        ],
        3,
      ),
    ).toEqual([
      '1 request is still running on version 1: it stays on version 1 and finishes as it started.',
      '3 requests are still running on version 2: they stay on version 2 and finish as they started.',
    ]);
  });

  it('says so when none is running', () => {
    expect(runningWords([], 2)).toEqual(['No request is running on an older version.']);
    expect(runningWords([{ version: 2, running: 0 }], 3)).toEqual([
      'No request is running on an older version.',
    ]);
  });
});
