import { describe, expect, it } from 'vitest';
import { DefinitionSchema } from '../src/definition.ts';
import { lint } from '../src/lint/index.ts';

/**
 * A billing question whose subject is given as a template: the patient's question is a textarea, and
 * the subject line they typed a one-line answer marked as their own words.
 */
const billing = (subject: string) =>
  DefinitionSchema.parse({
    id: 'billing',
    title: 'Billing question',
    roles: [{ id: 'billing', name: 'Billing specialist' }],
    start: 'log',
    intake: {
      roles: ['billing'],
      form: [
        { id: 'patient', label: 'Patient reference', type: 'text', required: true },
        { id: 'question', label: "The patient's question", type: 'textarea' },
        { id: 'subjectLine', label: 'Subject line', type: 'text', from: 'patient' },
        { id: 'account', label: 'Account number', type: 'text' },
        { id: 'channel', label: 'How it came in', type: 'select', options: ['portal', 'phone'] },
      ],
    },
    subject,
    steps: {
      log: {
        type: 'task',
        role: 'billing',
        title: 'Log the question',
        outcomes: { logged: 'end' },
        help: 'Pick the request type.',
        form: [
          { id: 'requestType', label: 'Request type', type: 'select', options: ['statement', 'plan'] },
          { id: 'notes', label: 'Notes', type: 'textarea' },
        ],
      },
      end: { type: 'end' },
    },
  });

const subjectFindings = (subject: string) =>
  lint(billing(subject)).filter((f) => f.rule === 'subject-free-text');

describe('a subject shows no free text', () => {
  it('warns, in plain words, when the subject shows a multi-line answer such as the patient’s question', () => {
    const findings = subjectFindings('{patient} · Billing: {question}');
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', path: 'subject' })]);
    expect(findings[0]!.message).toBe(
      "The subject shows “The patient's question”, a free-text answer, in every list, notification and toast: patient text belongs on the task, not in the subject. Use a short identifying field instead (a reference, a name, a choice, a date).",
    );
  });

  it('warns for a step’s notes as well as the start form’s text, once per field', () => {
    expect(subjectFindings('{notes} {patient} {notes}').map((f) => f.path)).toEqual(['subject']);
  });

  it('takes a reference and a choice', () => {
    expect(subjectFindings('{patient} · Billing: {requestType}')).toEqual([]);
  });

  it('warns, with the fix, when the subject shows a one-line answer marked as the patient’s own words', () => {
    const findings = subjectFindings('{patient} · Billing: {subjectLine}');
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', path: 'subject' })]);
    expect(findings[0]!.message).toBe(
      'The subject shows “Subject line”, the patient’s own words, in every list, notification and toast colleagues see. Name the request by a choice staff or the start form set instead (a topic, a kind of problem) and leave what the patient wrote on the task.',
    );
  });

  it('takes a one-line answer staff write and a choice', () => {
    expect(subjectFindings('{patient} · {account} · {channel}')).toEqual([]);
  });
});
