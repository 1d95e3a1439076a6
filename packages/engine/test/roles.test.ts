import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Definition } from '../src/definition.ts';
import {
  dutiesForFingerprint,
  jobDescription,
  jobDescriptionHtml,
  jobDescriptionMarkdown,
  roleChanges,
  roleDuties,
} from '../src/index.ts';
import { exampleDefinitions } from './support/examples.ts';

const examples = exampleDefinitions();
const byId = (id: string) => structuredClone(examples.find((d) => d.id === id)!) as Definition;
const catalog = JSON.parse(
  readFileSync(new URL('../../../examples/roles.json', import.meta.url), 'utf8'),
) as Array<{ id: string }>;

describe('roleDuties on the examples', () => {
  const duties = roleDuties(examples);

  it('finds every role of the catalog that the workflows use, and each task under its owner', () => {
    const used = new Set(examples.flatMap((d) => d.roles.map((r) => r.id)));
    for (const role of catalog) if (used.has(role.id)) expect(Object.keys(duties)).toContain(role.id);
    for (const d of examples) {
      for (const [id, step] of Object.entries(d.steps)) {
        if (step.type !== 'task' || !step.role) continue;
        const w = duties[step.role]!.workflows.find((x) => x.definitionId === d.id)!;
        const duty = w.steps.find((s) => s.stepId === id)!;
        expect(duty.outcomes).toEqual(Object.keys(step.outcomes));
        expect(duty.deadline?.after).toBe(step.deadline?.after);
      }
    }
  });

  it('lands every escalateTo deadline on the escalation role', () => {
    let count = 0;
    for (const d of examples) {
      for (const [id, step] of Object.entries(d.steps)) {
        if (step.type !== 'task' || !step.deadline?.escalateTo) continue;
        count++;
        const w = duties[step.deadline.escalateTo]!.workflows.find((x) => x.definitionId === d.id)!;
        expect(w.escalations.map((e) => e.stepId)).toContain(id);
      }
    }
    expect(count).toBeGreaterThan(10);
  });

  it('describes the triage medical assistant: sorts with a business-day deadline, hands to the nurse', () => {
    const ma = duties['medical-assistant']!.workflows.find(
      (w) => w.definitionId === 'portal-message-triage',
    )!;
    const sort = ma.steps.find((s) => s.stepId === 'sort-message')!;
    expect(sort.deadline).toMatchObject({
      after: 'P1D',
      calendar: 'business',
      text: '1 business day',
      escalateTo: 'nurse-manager',
    });
    // Through the automatic "route-message" decision to the nurse's two tasks.
    expect(ma.handsTo.map((h) => `${h.fromStep}>${h.toStep}`)).toEqual(
      expect.arrayContaining(['sort-message>urgent-call', 'sort-message>nurse-review']),
    );
    const nurse = duties['triage-nurse']!.workflows.find((w) => w.definitionId === 'portal-message-triage')!;
    expect(nurse.receivesFrom.map((h) => h.fromRole)).toContain('medical-assistant');
    // The nurse manager owns no triage step but receives overdue ones.
    const manager = duties['nurse-manager']!.workflows.find(
      (w) => w.definitionId === 'portal-message-triage',
    )!;
    expect(manager.steps).toEqual([]);
    expect(manager.escalations.map((e) => e.stepId)).toContain('sort-message');
  });

  it('never lists a handoff between steps of the same role', () => {
    for (const role of Object.values(duties))
      for (const w of role.workflows)
        for (const h of [...w.handsTo, ...w.receivesFrom]) expect(h.fromRole).not.toBe(h.toRole);
  });

  it('is the same for the same input (fingerprints ignore version numbers)', () => {
    const a = roleDuties(examples.map((definition) => ({ definition, version: 1 })));
    const b = roleDuties(examples.map((definition) => ({ definition, version: 7 })));
    for (const id of Object.keys(a))
      expect(dutiesForFingerprint(a[id]!)).toEqual(dutiesForFingerprint(b[id]!));
  });
});

describe('roleChanges', () => {
  it('is empty for the same workflows', () => {
    expect(roleChanges(roleDuties(examples), roleDuties(examples))).toEqual({});
  });

  it('names exactly the roles a deadline change touches: the owner and the escalation target', () => {
    const after = byId('portal-message-triage');
    const sort = after.steps['sort-message'];
    if (sort?.type !== 'task') throw new Error('fixture');
    sort.deadline = { after: 'P2D', calendar: 'business', escalateTo: 'nurse-manager' };
    const changes = roleChanges(roleDuties([byId('portal-message-triage')]), roleDuties([after]));
    expect(Object.keys(changes).sort()).toEqual(['medical-assistant', 'nurse-manager']);
    expect(changes['medical-assistant']!.deadlines[0]!.text).toContain('1 business day');
    expect(changes['medical-assistant']!.deadlines[0]!.text).toContain('2 business days');
    // The same escalation at another time is one change that says which is new and which was: not an
    // escalation added and another taken away.
    const manager = changes['nurse-manager']!;
    expect(manager.escalationsAdded).toEqual([]);
    expect(manager.escalationsRemoved).toEqual([]);
    expect(manager.escalationsChanged.map((c) => c.text)).toEqual([
      `${sort.title} (Medical assistant (care-team pool)) escalated after 2 business days (was 1 business day)`,
    ]);
    expect(manager.count).toBe(1);
  });

  it('an escalation that starts or stops landing on a role is still added or removed', () => {
    const after = byId('portal-message-triage');
    const sort = after.steps['sort-message'];
    if (sort?.type !== 'task') throw new Error('fixture');
    sort.deadline = { after: 'P1D', calendar: 'business', escalateTo: 'triage-nurse' };
    const changes = roleChanges(roleDuties([byId('portal-message-triage')]), roleDuties([after]));
    expect(changes['nurse-manager']!.escalationsRemoved).toHaveLength(1);
    expect(changes['nurse-manager']!.escalationsChanged).toEqual([]);
    expect(changes['triage-nurse']!.escalationsAdded).toHaveLength(1);
  });

  it('reports a new outcome, a moved step and the handoffs they create', () => {
    const after = byId('portal-message-triage');
    const review = after.steps['nurse-review'];
    if (review?.type !== 'task') throw new Error('fixture');
    review.outcomes['needs-visit'] = 'book-visit';
    const changes = roleChanges(roleDuties([byId('portal-message-triage')]), roleDuties([after]));
    expect(changes['triage-nurse']!.outcomesAdded.map((c) => c.text)).toEqual([
      `${review.title}: Needs visit`,
    ]);
    expect(changes['triage-nurse']!.handoffsAdded.length).toBe(1);
    expect(changes['medical-assistant']!.handoffsAdded.length).toBe(1);
    expect(changes.provider).toBeUndefined();

    const moved = byId('portal-message-triage');
    const reply = moved.steps['ma-reply'];
    if (reply?.type !== 'task') throw new Error('fixture');
    reply.role = 'triage-nurse';
    const c2 = roleChanges(roleDuties([byId('portal-message-triage')]), roleDuties([moved]));
    expect(c2['medical-assistant']!.stepsRemoved.map((c) => c.text)).toEqual([reply.title]);
    expect(c2['triage-nurse']!.stepsAdded.map((c) => c.text)).toEqual([reply.title]);
  });
});

describe('jobDescription', () => {
  it('lists the derived duties in Markdown and HTML, with the hand-written fields', () => {
    const duties = roleDuties(examples)['triage-nurse']!;
    const job = jobDescription(duties, {
      reportsTo: 'Nurse manager',
      skills: 'Telephone triage <protocols>',
      languages: 'Spanish',
      hours: '',
    });
    const md = jobDescriptionMarkdown(job);
    const html = jobDescriptionHtml(job);
    for (const w of duties.workflows) {
      expect(md).toContain(w.title);
      for (const s of w.steps) {
        expect(md).toContain(s.title.replace(/'/g, "'"));
        expect(html).toContain(s.title.replace(/'/g, '&#39;'));
      }
    }
    expect(md).toContain('**Reports to:** Nurse manager');
    expect(md).not.toContain('Hours');
    expect(html).toContain('Telephone triage &lt;protocols&gt;');
    expect(job.deadlines.length).toBe(
      duties.workflows.flatMap((w) => w.steps).filter((s) => s.deadline).length,
    );
  });

  it('names outcomes in words, as the buttons staff press do', () => {
    const job = jobDescription(roleDuties(examples)['front-desk']!);
    const billing = job.responsibilities.find((r) => r.heading === 'Billing question')!;
    expect(billing.lines).toContain(
      'Log the billing question and attach the statement (outcomes: Logged, Answered at desk)',
    );
    expect(job.handsTo.some((h) => h.includes('(Printed activation code)'))).toBe(true);
    const ids = /\((?:outcomes: )?[^)]*\b[a-z]+-[a-z]+/;
    for (const line of [...job.responsibilities.flatMap((r) => r.lines), ...job.handsTo, ...job.receivesFrom])
      expect(line).not.toMatch(ids);
  });
});
