import { describe, expect, it } from 'vitest';
import { publishSummary } from '../src/model/publishSummary.ts';
import { triage } from './model-support.ts';

describe('publish summary: what a new version changes against the latest published one', () => {
  it('the first version lists every step as added and every role with duties', () => {
    const s = publishSummary(null, triage());
    expect(s.first).toBe(true);
    expect(s.added).toContain('Classify the message');
    expect(s.removed).toEqual([]);
    expect(s.roles.map((r) => r.name).sort()).toEqual(
      ['Front desk', 'Front office supervisor', 'Provider', 'Triage nurse'].sort(),
    );
  });

  it('names steps added, removed and changed by title, and the roles whose duties change', () => {
    const before = triage();
    const after = triage();
    delete after.steps['admin-reply'];
    after.steps.classify = {
      ...(after.steps.classify as Extract<typeof after.steps.classify, { type: 'task' }>),
      outcomes: { clinical: 'is-urgent', admin: 'billing-reply', spam: 'closed' },
    };
    after.steps['billing-reply'] = {
      type: 'task',
      role: 'front-desk',
      title: 'Answer the billing question',
      outcomes: { replied: 'closed' },
    };
    after.steps['provider-review'] = {
      ...(after.steps['provider-review'] as Extract<typeof after.steps.classify, { type: 'task' }>),
      deadline: { after: 'P1D', calendar: 'business', escalateTo: 'nurse' },
    };
    const s = publishSummary(before, after);
    expect(s.first).toBe(false);
    expect(s.added).toEqual(['Answer the billing question']);
    expect(s.removed).toEqual(['Reply to admin request']);
    const changed = s.changed.map((c) => c.title);
    expect(changed).toEqual(expect.arrayContaining(['Classify the message', 'Provider reply']));
    expect(changed).not.toContain('Answer the billing question');
    const provider = s.roles.find((r) => r.roleId === 'provider');
    expect(provider?.lines.join(' ')).toMatch(/Provider reply/);
    expect(s.roles.map((r) => r.roleId)).toContain('front-desk');
    // The supervisor's escalations from classifying are the same, so the supervisor is not listed.
    expect(s.roles.map((r) => r.roleId)).not.toContain('supervisor');
  });

  it('says which is new and which was when an escalation or a deadline moves, one line each', () => {
    const after = triage();
    after.steps['provider-review'] = {
      ...(after.steps['provider-review'] as Extract<typeof after.steps.classify, { type: 'task' }>),
      deadline: { after: 'P3D', calendar: 'business', escalateTo: 'nurse' },
    };
    const s = publishSummary(triage(), after);
    // The nurse only receives the provider's overdue replies: one line, the new time and the old.
    expect(s.roles.find((r) => r.roleId === 'nurse')?.lines).toEqual([
      'Gets overdue work at another time: Provider reply (Provider) escalated after 3 business days (was 2 business days)',
    ]);
    expect(s.roles.find((r) => r.roleId === 'provider')?.lines).toEqual([
      'Deadline: Provider reply: 2 business days, then to Triage nurse → 3 business days, then to Triage nurse',
    ]);
  });

  it('says what kind of change each line is', () => {
    const after = triage();
    after.steps.classify = {
      ...(after.steps.classify as Extract<typeof after.steps.classify, { type: 'task' }>),
      deadline: { after: 'PT4H', escalateTo: 'nurse' },
    };
    const lines = Object.fromEntries(publishSummary(triage(), after).roles.map((r) => [r.roleId, r.lines]));
    expect(lines.supervisor).toEqual([
      'No longer gets overdue work: Classify the message (Front desk) when not done within 4 h',
    ]);
    expect(lines.nurse).toEqual([
      'Now gets overdue work: Classify the message (Front desk) when not done within 4 h',
    ]);
    expect(publishSummary(null, triage()).roles.find((r) => r.roleId === 'front-desk')?.lines).toContain(
      'New step: Classify the message',
    );
  });

  it('says when nothing changed', () => {
    const s = publishSummary(triage(), triage());
    expect(s).toMatchObject({ added: [], removed: [], changed: [], roles: [], unchanged: true });
  });

  it('tells a draft identical to the latest version (nothing to publish) from one only staff do not see', () => {
    expect(publishSummary(triage(), triage()).identical).toBe(true);
    // Keys in another order are the same content: the store's hash would make no new version either.
    const reordered = Object.fromEntries(Object.entries(triage()).reverse()) as ReturnType<typeof triage>;
    expect(publishSummary(triage(), reordered).identical).toBe(true);
    const reworded = { ...triage(), description: 'Reworded for the handbook' };
    expect(publishSummary(triage(), reworded)).toMatchObject({ unchanged: true, identical: false });
    expect(publishSummary(null, triage()).identical).toBe(false);
  });
});
