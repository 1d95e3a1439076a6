import { describe, expect, it } from 'vitest';
import type { Definition } from '../src/definition.ts';
import { handbookMarkdown, handbookOf, versionChanges } from '../src/index.ts';
import { exampleDefinitions } from './support/examples.ts';

describe('handbook of every example', () => {
  for (const definition of exampleDefinitions()) {
    it(`${definition.id}: Markdown lists every step`, () => {
      const md = handbookMarkdown(handbookOf(definition, { version: 1 }), 'diagram.svg');
      for (const step of Object.values(definition.steps))
        if (step.type === 'task') expect(md).toContain(step.title.replace(/([\\`*_[\]<>#|])/g, '\\$1'));
      expect(md).toContain('First published version.');
    });
  }
});

describe('the ways out of a step, in words', () => {
  const refill = exampleDefinitions().find((d) => d.id === 'prescription-refill')!;
  const book = handbookOf(refill);
  const ways = (title: string) => book.steps.find((s) => s.title === title)!.ways.map((w) => w.label);

  it('names outcomes and conditions as staff say them, never as ids or expressions', () => {
    expect(ways('Prepare the refill request for review')).toEqual(['Prepared', 'Duplicate request']);
    expect(ways('Refill checks, in order')).toEqual([
      'Controlled substance',
      'Months since last visit over 12',
      'Labs current: no',
      'Exact refill and on standing order',
      'Otherwise',
    ]);
    for (const step of book.steps)
      for (const way of step.ways) expect(way.label).not.toMatch(/data\.|==|[a-z]-[a-z]/);
  });

  it('says what each task records, and when each answer is needed', () => {
    const records = (title: string) => book.steps.find((s) => s.title === title)!.records;
    expect(records('Decide on the refill request')).toEqual([
      { label: 'Reason for denial', needed: 'to finish as Denied' },
      {
        label: "Days' supply approved",
        needed: 'to finish as Approved or One month bridge',
        expects: 'a whole number from 1 to 90',
      },
      { label: 'What you need before deciding', needed: 'to finish as Need more information' },
    ]);
    expect(records('Tell the patient why the refill was denied')).toEqual([
      { label: 'How the patient was told', needed: 'always' },
    ]);
    expect(records('Send the approved refill to the pharmacy')).toBeUndefined();
    const md = handbookMarkdown(book);
    expect(md).toContain('- **Records:**\n  - Reason for denial (needed to finish as Denied)');
    expect(md).toContain(
      "  - Days' supply approved (needed to finish as Approved or One month bridge; a whole number from 1 to 90)",
    );
    const prepared = records('Prepare the refill request for review')!;
    // The months are worked out from the last visit's date, which is what the coordinator is asked for.
    expect(prepared.find((r) => r.label === 'Months since last visit')).toEqual({
      label: 'Months since last visit',
      needed: 'computed',
      expects: "worked out from Last visit with the prescriber's team",
    });
    expect(prepared.find((r) => r.label === "Last visit with the prescriber's team")).toEqual({
      label: "Last visit with the prescriber's team",
      needed: 'to finish as Prepared',
      expects: 'today or earlier',
    });
  });

  it('says a parallel step starts its branches at once and goes on when all are done', () => {
    expect(ways('Bridge the medication and book the overdue visit')).toEqual([
      'At the same time',
      'At the same time',
      'When all are done',
    ]);
  });
});

describe('versionChanges', () => {
  it('says what changed between two versions', () => {
    const before = exampleDefinitions().find((d) => d.id === 'portal-message-triage')!;
    const after = structuredClone(before) as Definition;
    const sort = after.steps['sort-message'];
    if (sort?.type !== 'task') throw new Error('fixture');
    sort.deadline = { after: 'P2D', calendar: 'business', escalateTo: 'nurse-manager' };
    sort.help = 'New help';
    delete after.steps['ma-reply'];
    const changes = versionChanges(before, after).map((c) => c.text);
    expect(changes).toContain(
      'Sort the portal message: deadline 1 business day → Nurse manager → 2 business days → Nurse manager',
    );
    expect(changes).toContain('Sort the portal message: help text changed');
    expect(changes).toContain('Step removed: Reply to the administrative request');
    expect(versionChanges(before, before)).toEqual([]);
    const md = handbookMarkdown(
      handbookOf(after, { version: 2, previous: { definition: before, version: 1 } }),
    );
    expect(md).toContain('Since version 1:');
    expect(md).toContain('help text changed');
  });
});
