// Two admins at work on the same thing from two screens: a save made from what one loaded before the
// other saved is refused (409 CONFLICT, in words), not written over the other's change unseen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => {
  await t?.close();
});

describe('two admins edit the same thing at once', { timeout: 60_000 }, () => {
  it("a person's roles: the second save, from the roles as they were, is refused and the first kept", async () => {
    const admin = await t.login('admin');
    const person = t.user('medical-assistant');
    const loaded = [...person.roles];
    const first = await t.call('PATCH', `/api/users/${person.id}`, {
      as: admin,
      body: { roles: [...loaded, 'front-desk'], expectedRoles: loaded },
    });
    expect(first.status, first.text).toBe(200);
    const second = await t.call('PATCH', `/api/users/${person.id}`, {
      as: admin,
      body: { roles: [...loaded, 'scheduler'], expectedRoles: loaded },
    });
    expect(second.status, second.text).toBe(409);
    expect(second.body.error.code).toBe('CONFLICT');
    expect(second.body.error.message).toMatch(/changed .*roles/i);
    expect((await t.store.getUser(person.id))?.roles.sort()).toEqual(['front-desk', 'medical-assistant']);
    // From what is there now, the save goes through.
    const again = await t.call('PATCH', `/api/users/${person.id}`, {
      as: admin,
      body: {
        roles: ['front-desk', 'medical-assistant', 'scheduler'],
        expectedRoles: ['medical-assistant', 'front-desk'],
      },
    });
    expect(again.status, again.text).toBe(200);
  });

  it('the single sign-on group mapping: the second save, from the mapping as it was, is refused', async () => {
    const admin = await t.login('admin');
    const loaded = await t.call('GET', '/api/sso/groups', { as: admin });
    const newest = loaded.body.changes[0]?.id ?? 0;
    const first = await t.call('PUT', '/api/sso/groups', {
      as: admin,
      body: { mapping: [{ group: 'Front', roles: ['front-desk'] }], expectedChange: newest },
    });
    expect(first.status, first.text).toBe(200);
    const second = await t.call('PUT', '/api/sso/groups', {
      as: admin,
      body: { mapping: [{ group: 'Billing', roles: ['billing-specialist'] }], expectedChange: newest },
    });
    expect(second.status, second.text).toBe(409);
    expect(second.body.error.code).toBe('CONFLICT');
    expect(second.body.error.message).toMatch(/group mapping/);
    expect((await t.call('GET', '/api/sso/groups', { as: admin })).body.mapping).toEqual([
      { group: 'Front', roles: ['front-desk'] },
    ]);
  });

  it("a person's roles saved by several admins at the same moment, from the same screen: one wins, the rest 409", async () => {
    const admin = await t.login('admin');
    const person = t.user('triage-nurse');
    const loaded = [...(await t.store.getUser(person.id))!.roles];
    const extra = ['front-desk', 'scheduler', 'billing-specialist', 'provider', 'refill-coordinator'].filter(
      (r) => !loaded.includes(r),
    );
    const answers = await Promise.all(
      extra.map((role) =>
        t.call('PATCH', `/api/users/${person.id}`, {
          as: admin,
          body: { roles: [...loaded, role], expectedRoles: loaded },
        }),
      ),
    );
    const won = answers.flatMap((a, i) => (a.status === 200 ? [extra[i]!] : []));
    expect(won, answers.map((a) => `${a.status} ${a.text}`).join('\n')).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(extra.length - 1);
    expect((await t.store.getUser(person.id))?.roles.sort()).toEqual([...loaded, won[0]!].sort());
  });

  it('the group mapping saved by several admins at the same moment, from the same screen: one wins, the rest 409', async () => {
    const admin = await t.login('admin');
    const newest = (await t.call('GET', '/api/sso/groups', { as: admin })).body.changes[0]?.id ?? 0;
    const groups = ['North', 'South', 'East', 'West', 'Centre'];
    const answers = await Promise.all(
      groups.map((group) =>
        t.call('PUT', '/api/sso/groups', {
          as: admin,
          body: { mapping: [{ group, roles: ['front-desk'] }], expectedChange: newest },
        }),
      ),
    );
    const won = answers.flatMap((a, i) => (a.status === 200 ? [groups[i]!] : []));
    expect(won, answers.map((a) => `${a.status} ${a.text}`).join('\n')).toHaveLength(1);
    expect((await t.call('GET', '/api/sso/groups', { as: admin })).body.mapping).toEqual([
      { group: won[0], roles: ['front-desk'] },
    ]);
  });
});

describe('a staff list applied from an older preview', { timeout: 60_000 }, () => {
  it("refuses, in words, the rows whose person's roles another admin changed since the preview, and applies the rest", async () => {
    const admin = await t.login('admin');
    const csv = [
      'username,display name,roles',
      'billing-specialist,Billing Renamed,billing-specialist;front-desk',
      'provider,Provider Renamed,provider',
    ].join('\n');
    const preview = await t.call('POST', '/api/users/import/preview', { as: admin, body: { csv } });
    expect(preview.status, preview.text).toBe(200);
    // What the admin saw: each listed person's roles as the preview showed them.
    const seenRoles = Object.fromEntries(
      preview.body.rows.map((r: { username: string; roles: string[]; current?: { roles: string[] } }) => [
        r.username,
        r.current?.roles ?? r.roles,
      ]),
    );
    // Meanwhile another admin gives the billing specialist the scheduler role on the person's screen.
    const billing = t.user('billing-specialist');
    const before = [...(await t.store.getUser(billing.id))!.roles];
    const other = await t.call('PATCH', `/api/users/${billing.id}`, {
      as: admin,
      body: { roles: [...before, 'scheduler'], expectedRoles: before },
    });
    expect(other.status, other.text).toBe(200);

    const applied = await t.call('POST', '/api/users/import', { as: admin, body: { csv, seenRoles } });
    expect(applied.status, applied.text).toBe(200);
    const outcome = (u: string) =>
      applied.body.rows.find((r: { username: string }) => r.username === u).outcome as string;
    expect(outcome('billing-specialist')).toMatch(/changed .*roles since/i);
    // Named by the roles' titles, not their ids.
    expect(outcome('billing-specialist')).toContain('Scheduling coordinator');
    expect(outcome('billing-specialist')).not.toMatch(/\bscheduler\b/);
    expect(outcome('provider')).toBe('updated');
    // The other admin's change stands; the other row was applied.
    expect((await t.store.getUser(billing.id))?.roles.sort()).toEqual(['billing-specialist', 'scheduler']);
    expect((await t.store.getUser(t.user('provider').id))?.displayName).toBe('Provider Renamed');
  });

  it("a person's roles changed by another admin are named by their titles in the refusal", async () => {
    const admin = await t.login('admin');
    const person = t.user('lead');
    const loaded = [...(await t.store.getUser(person.id))!.roles];
    await t.call('PATCH', `/api/users/${person.id}`, {
      as: admin,
      body: { roles: [...loaded, 'front-desk'], expectedRoles: loaded },
    });
    const second = await t.call('PATCH', `/api/users/${person.id}`, {
      as: admin,
      body: { roles: [...loaded, 'scheduler'], expectedRoles: loaded },
    });
    expect(second.status, second.text).toBe(409);
    expect(second.body.error.message).toContain('Front desk');
    expect(second.body.error.message).not.toContain('front-desk');
  });
});
