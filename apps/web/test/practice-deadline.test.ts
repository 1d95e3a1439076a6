import { describe, expect, it } from 'vitest';
import { practiceDeadlineText } from '../src/practice/practiceDeadline.ts';

const due = '2026-03-02T20:00:00.000Z';
const before = Date.parse(due) - 3_600_000;
const after = Date.parse(due) + 60_000;

describe('a practice task’s deadline in words', () => {
  it('before the due time: where real work would go, and that practice stays with the trainee', () => {
    expect(practiceDeadlineText({ escalateTo: 'front-office-supervisor' }, due, before)).toEqual({
      title: 'Practice: what the deadline does',
      body:
        'In real work, if this is not done by the due time, it moves to the Front office supervisor pool. ' +
        'In practice it stays with you and nobody is told, so take the time you need.',
    });
  });

  it('after it: where it would be by now, and that it is still the trainee’s', () => {
    expect(practiceDeadlineText({ escalateTo: 'front-office-supervisor' }, due, after)).toEqual({
      title: 'Past its deadline',
      body:
        'In real work it would now be in the Front office supervisor pool. ' +
        'In practice it stays with you and nobody is told, so take the time you need.',
    });
  });

  it('names the pool by the role’s title, once, when the clinic gave the role one', () => {
    const titles: Record<string, string> = { 'medical-assistant': 'Medical assistant (care-team pool)' };
    const title = (id: string) => titles[id] ?? id;
    expect(practiceDeadlineText({ escalateTo: 'medical-assistant' }, due, after, title).body).toMatch(
      /^In real work it would now be in the Medical assistant \(care-team pool\)\. /,
    );
    expect(practiceDeadlineText({ escalateTo: 'medical-assistant' }, due, before, title).body).toMatch(
      /^In real work, if this is not done by the due time, it moves to the Medical assistant \(care-team pool\)\. /,
    );
  });

  it('a deadline that moves the request on says so; one that does neither says only that it stays', () => {
    expect(practiceDeadlineText({ goTo: 'release-to-portal' }, due, before).body).toMatch(
      /^In real work, if this is not done by the due time, the request moves on without it\. /,
    );
    expect(practiceDeadlineText({ goTo: 'release-to-portal' }, due, after).body).toMatch(
      /^In real work the request would have moved on without it\. /,
    );
    expect(practiceDeadlineText({}, due, after).body).toBe(
      'In practice it stays with you and nobody is told, so take the time you need.',
    );
  });
});
