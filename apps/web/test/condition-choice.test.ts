import { type Definition, DefinitionSchema, lint } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { choiceFields, readChoice, writeChoice } from '../src/editor/inspector/choiceCondition.ts';
import { EXAMPLES, example } from './model-support.ts';

/** The walk's prior authorization: the billing specialist records the payer's answer. */
const definition: Definition = DefinitionSchema.parse({
  id: 'prior-authorization',
  title: 'Prior authorization',
  roles: [{ id: 'billing', name: 'Billing specialist' }],
  start: 'submit',
  intake: {
    roles: ['billing'],
    form: [{ id: 'visit-type', label: 'Visit type', type: 'select', options: ['in-person', 'video'] }],
  },
  steps: {
    submit: {
      type: 'task',
      role: 'billing',
      title: 'Submit to the payer',
      outcomes: { answered: 'route' },
      help: 'Record the payer’s answer.',
      form: [
        {
          id: 'payerAnswer',
          label: 'Payer answer',
          type: 'select',
          options: ['Approved', "Denied: won't cover"],
        },
        { id: 'urgent', label: 'Urgent', type: 'boolean' },
        { id: 'note', label: 'Note', type: 'text' },
      ],
    },
    route: { type: 'decision', branches: [], otherwise: 'done' },
    done: { type: 'end' },
  },
});

describe('a condition built from a field and one of its choices', () => {
  it('offers the fields with choices, start form first, each choice as staff read it', () => {
    expect(choiceFields(definition)).toEqual([
      {
        id: 'visit-type',
        label: 'Visit type',
        choices: [
          { value: 'in-person', label: 'In person' },
          { value: 'video', label: 'Video' },
        ],
      },
      {
        id: 'payerAnswer',
        label: 'Payer answer',
        choices: [
          { value: 'Approved', label: 'Approved' },
          { value: "Denied: won't cover", label: "Denied: won't cover" },
        ],
      },
      {
        id: 'urgent',
        label: 'Urgent',
        choices: [
          { value: 'true', label: 'Yes' },
          { value: 'false', label: 'No' },
        ],
      },
    ]);
  });

  it('writes the condition text a lead would type, and reads it back', () => {
    const fields = choiceFields(definition);
    const cases: Array<[Parameters<typeof writeChoice>[0], string]> = [
      [{ field: 'payerAnswer', test: 'is', choice: 'Approved' }, "data.payerAnswer == 'Approved'"],
      [
        { field: 'payerAnswer', test: 'is not', choice: "Denied: won't cover" },
        "data.payerAnswer != 'Denied: won\\'t cover'",
      ],
      [{ field: 'visit-type', test: 'is', choice: 'video' }, "data['visit-type'] == 'video'"],
      [{ field: 'urgent', test: 'is', choice: 'false' }, 'data.urgent == false'],
      [{ field: 'payerAnswer', test: 'is empty' }, 'data.payerAnswer == null'],
      [{ field: 'urgent', test: 'is filled' }, 'data.urgent != null'],
    ];
    for (const [pick, text] of cases) {
      expect(writeChoice(pick)).toBe(text);
      expect(readChoice(text, fields)).toEqual(pick);
    }
    expect(writeChoice({ field: 'payerAnswer', test: 'is' })).toBeNull();
  });

  it('reads a hand-typed condition with double quotes, and leaves anything else to the text box', () => {
    const fields = choiceFields(definition);
    expect(readChoice('data.payerAnswer == "Approved"', fields)).toEqual({
      field: 'payerAnswer',
      test: 'is',
      choice: 'Approved',
    });
    // Not one of the choices: the pickers cannot show it, the text box and lint do.
    expect(readChoice('data.payerAnswer == "approved"', fields)).toBeNull();
    expect(readChoice("data.note == 'x'", fields)).toBeNull();
    expect(readChoice("data.payerAnswer == 'Approved' and data.urgent", fields)).toBeNull();
    expect(readChoice('data.payerAnswer ==', fields)).toBeNull();
  });

  it('what it writes lints clean', () => {
    const steps = structuredClone(definition.steps);
    steps.route = {
      type: 'decision',
      branches: [
        {
          when: writeChoice({ field: 'payerAnswer', test: 'is', choice: "Denied: won't cover" })!,
          to: 'done',
        },
        { when: writeChoice({ field: 'visit-type', test: 'is not', choice: 'video' })!, to: 'done' },
      ],
      otherwise: 'done',
    };
    const condition = lint({ ...definition, steps }).filter((f) => f.path.startsWith('steps.route'));
    expect(condition).toEqual([]);
  });

  it('every example’s conditions on one field and choice read back as picked', () => {
    for (const name of EXAMPLES) {
      const workflow = example(name);
      const fields = choiceFields(workflow);
      for (const step of Object.values(workflow.steps)) {
        if (step.type !== 'decision') continue;
        for (const { when } of step.branches) {
          const pick = readChoice(when, fields);
          if (pick) expect(readChoice(writeChoice(pick)!, fields), when).toEqual(pick);
        }
      }
    }
  });
});
