import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxDraft } from '../../src/index.ts';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { at, publish, startChange, T0 } from '../support/workflow.ts';

const email = (over: Partial<Extract<OutboxDraft, { channel: 'email' }>>): OutboxDraft => ({
  channel: 'email',
  kind: 'escalated',
  payload: { step: 'classify' },
  ...over,
});
const hook = (kind: string): OutboxDraft => ({ channel: 'webhook', kind, payload: { type: kind } });

export function outboxCases(newHarness: NewHarness): void {
  describe('outbox', () => {
    let h: StoreHarness;
    const users: Record<string, string> = {};
    beforeEach(async () => {
      h = await newHarness();
      await publish(h.store);
      for (const [name, roles] of [
        ['ana', ['nurse']],
        ['bo', ['nurse']],
        ['cy', ['nurse']],
        ['dee', ['front-desk']],
      ] as const) {
        const made = await h.store.createUser({ username: name, passwordHash: 'x', roles: [...roles] });
        if (!made.ok) throw new Error(made.reason);
        users[name] = made.user.id;
      }
      await h.store.updateUser(users.cy!, { disabled: true });
    });
    afterEach(() => h.close());

    const commitWith = (id: string, outbox: OutboxDraft[]) =>
      h.store.commitInstanceChange({ ...startChange(id), outbox });

    it('fans out in the commit: a role to its active members, an event to the subscriptions that chose it', async () => {
      const all = await h.store.createWebhookSubscription({
        url: 'https://a.example/h',
        events: ['*'],
        secret: 'whsec_a',
        createdBy: null,
        createdAt: T0,
      });
      const closedOnly = await h.store.createWebhookSubscription({
        url: 'https://b.example/h',
        events: ['task.closed'],
        secret: 'whsec_b',
        createdBy: null,
        createdAt: T0,
      });
      const gone = await h.store.createWebhookSubscription({
        url: 'https://c.example/h',
        events: ['*'],
        secret: 'whsec_c',
        createdBy: null,
        createdAt: T0,
      });
      await h.store.disableWebhookSubscription(gone.id, T0);
      const result = await commitWith('i-1', [
        email({ role: 'nurse' }),
        email({ kind: 'assigned', userId: users.dee! }),
        hook('task.opened'),
        hook('task.closed'),
      ]);
      expect(result.ok).toBe(true);
      const rows = await h.store.listOutbox({ limit: 500 });
      expect(rows.map((r) => `${r.channel}:${r.kind}:${r.target}`).sort()).toEqual(
        [
          `email:escalated:${users.ana}`,
          `email:escalated:${users.bo}`,
          `email:assigned:${users.dee}`,
          `webhook:task.opened:${all.id}`,
          `webhook:task.closed:${all.id}`,
          `webhook:task.closed:${closedOnly.id}`,
        ].sort(),
      );
      expect(rows.every((r) => r.status === 'pending' && r.instanceId === 'i-1' && r.nextAt === T0)).toBe(
        true,
      );
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    });

    it('writes nothing for a change that loses', async () => {
      expect((await commitWith('i-2', [email({ role: 'nurse' })])).ok).toBe(true);
      const again = await commitWith('i-2', [
        email({ role: 'nurse' }),
        email({ kind: 'assigned', userId: users.ana! }),
      ]);
      expect(again).toEqual({ ok: false, reason: 'conflict' });
      expect(await h.store.listOutbox({ limit: 500 })).toHaveLength(2);
    });

    it('leases a row to one worker at a time; only the holder settles it; a dead one can be sent again', async () => {
      await commitWith('i-3', [email({ kind: 'assigned', userId: users.ana! })]);
      const [a, b] = await Promise.all([
        h.store.claimOutbox({ now: at(1), owner: 'w1', leaseMs: 60_000 }),
        h.store.claimOutbox({ now: at(1), owner: 'w2', leaseMs: 60_000 }),
      ]);
      const leased = [...a, ...b];
      expect(leased).toHaveLength(1);
      const row = leased[0]!;
      const other = row.leaseOwner === 'w1' ? 'w2' : 'w1';
      expect(await h.store.settleOutbox(row.id, other, { status: 'delivered', at: at(1) }, true)).toBe(false);
      expect(
        await h.store.settleOutbox(
          row.id,
          row.leaseOwner,
          { status: 'pending', nextAt: at(5), error: 'HTTP 500' },
          true,
        ),
      ).toBe(true);
      expect(await h.store.claimOutbox({ now: at(4), owner: 'w1', leaseMs: 60_000 })).toEqual([]);
      // A lease that expired (its worker died) is taken over.
      const [again] = await h.store.claimOutbox({ now: at(5), owner: 'w1', leaseMs: 60_000 });
      const [taken] = await h.store.claimOutbox({ now: at(7), owner: 'w2', leaseMs: 60_000 });
      expect([again?.id, taken?.id, taken?.attempts]).toEqual([row.id, row.id, 1]);
      expect(await h.store.settleOutbox(row.id, 'w1', { status: 'dead', error: 'late' }, true)).toBe(false);
      expect(await h.store.settleOutbox(row.id, 'w2', { status: 'dead', error: 'HTTP 500' }, true)).toBe(
        true,
      );
      expect(await h.store.getOutbox(row.id)).toMatchObject({
        status: 'dead',
        attempts: 2,
        lastError: 'HTTP 500',
      });
      expect(await h.store.resendOutbox(row.id, at(8))).toBe(true);
      expect(await h.store.resendOutbox(row.id, at(8))).toBe(false);
      expect(await h.store.getOutbox(row.id)).toMatchObject({
        status: 'pending',
        attempts: 0,
        nextAt: at(8),
      });
    });

    it('keeps email preferences, with defaults for someone who never saved any', async () => {
      expect(await h.store.getEmailPreferences(users.ana!)).toMatchObject({
        address: null,
        assigned: true,
        digest: true,
        quietStart: null,
        updatedAt: null,
      });
      const saved = await h.store.saveEmailPreferences(
        {
          userId: users.ana!,
          address: 'ana@clinic.example',
          assigned: false,
          escalated: true,
          overdue: true,
          cancelled: false,
          digest: false,
          quietStart: '22:00',
          quietEnd: '06:00',
        },
        T0,
      );
      expect(await h.store.getEmailPreferences(users.ana!)).toEqual(saved);
      expect(saved).toMatchObject({
        assigned: false,
        cancelled: false,
        digest: false,
        quietEnd: '06:00',
        updatedAt: T0,
      });
    });
  });
}
