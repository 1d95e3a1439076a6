import { type Definition, lint, parseDefinition, requestSubject } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { workflows } from '../src/index.ts';

/** The clinic's today for the subjects: the stories' year (the engine reads no clock). */
const TODAY = '2026-03-02';

/** What a story starts with: the first event's data. */
const startData = (events: unknown[]): Record<string, unknown> =>
  (events[0] as { data?: Record<string, unknown> } | undefined)?.data ?? {};

/** The start-form and task-form fields a workflow marks as the patient's own words. */
const patientWords = (definition: Definition) =>
  [
    ...(definition.intake?.form ?? []),
    ...Object.values(definition.steps).flatMap((s) => (s.type === 'task' ? (s.form ?? []) : [])),
  ].filter((f) => f.from === 'patient');

describe('request subjects of the bundled workflows', () => {
  for (const example of workflows) {
    const definition = parseDefinition(example.definition, { filename: `${example.id}.json` });

    it(`${example.id}: no story's subject shows what the patient wrote`, () => {
      const words = patientWords(definition).map((f) => f.id);
      for (const script of example.scripts) {
        const data = startData(script.events);
        const subject = requestSubject(definition, data, TODAY) ?? '';
        for (const id of words) {
          const written = data[id];
          if (typeof written === 'string') expect(subject, script.name).not.toContain(written);
        }
      }
    });

    it(`${example.id}: what tells its requests apart is asked at the start, so lint finds no subject filled in later`, () => {
      expect(lint(definition).filter((f) => f.rule === 'subject-filled-later')).toEqual([]);
    });

    it(`${example.id}: every field of the patient's own words is one lint keeps out of the subject`, () => {
      for (const field of patientWords(definition)) {
        const shown = lint({ ...definition, subject: `{patient} · {${field.id}}` });
        expect(
          shown.filter((f) => f.rule === 'subject-free-text'),
          field.id,
        ).toHaveLength(1);
      }
    });
  }

  it('marks the patient’s words of the message and after-hours workflows', () => {
    const marked = (id: string) =>
      patientWords(parseDefinition(workflows.find((w) => w.id === id)!.definition)).map((f) => f.id);
    expect(marked('portal-message-triage')).toEqual(['subject', 'message']);
    expect(marked('urgent-after-hours')).toEqual(['subject']);
  });

  // The medical assistant works the message pool unsorted, the triage nurse the after-hours calls
  // before the first call, scheduling the new appointment requests, billing and medical records the
  // questions and proxy forms just logged: the subject alone, from the start data, must tell the rows apart.
  it.each([
    ['portal-message-triage', 'DEMO-1005 · Message: Test results'],
    ['urgent-after-hours', 'DEMO-2002 · After hours: Chest pain'],
    ['appointment-request', 'DEMO-8002 · Appointment: Procedure'],
    ['billing-question', 'DEMO-9003 · Billing: Payment plan'],
    ['proxy-access', 'DEMO-5001 · Proxy access: Parent'],
  ])('%s names a request by a choice made at the start: "%s"', (id, expected) => {
    const example = workflows.find((w) => w.id === id)!;
    const definition = parseDefinition(example.definition);
    const subjects = example.scripts.map((s) => requestSubject(definition, startData(s.events), TODAY));
    expect(subjects).toContain(expected);
    for (const subject of subjects) expect(subject).toMatch(/^DEMO-\d+ · [^:]+: \S/);
  });
});
