import { describe, expect, it } from 'vitest';
import { CreateSubscriptionBody } from '../src/index.ts';

/** Schemas refuse bad input with issues; none throws (a throw is a 500 at the route). */
describe('request schemas', () => {
  it('a webhook receiver that is not a URL is refused, not thrown on', () => {
    for (const url of ['SYG2kUX>E:', 'not a url', '', 'http://', 'ftp://x.example']) {
      const parsed = CreateSubscriptionBody.safeParse({ url, events: ['task.overdue'] });
      expect(parsed.success, url).toBe(false);
    }
  });

  it('a receiver with credentials in its URL is refused; a plain https one passes', () => {
    expect(CreateSubscriptionBody.safeParse({ url: 'https://u:p@h.example/x', events: ['*'] }).success).toBe(
      false,
    );
    expect(CreateSubscriptionBody.safeParse({ url: 'https://h.example/x', events: ['*'] }).success).toBe(
      true,
    );
  });
});
