import { workflows } from '@portalflow/examples';
import { StoreError } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * Staff see only published workflows, and only what they need to work with them; drafts (work in
 * progress, possibly never meant for use) are for designers and admins, and auditors who review them.
 * Every way a workflow is stored (create, save, and the import that the web app sends through them)
 * keeps to the id pattern: an id like `weird"id\r\n` is a coded 400 and nothing is stored.
 */

const TRIAGE = 'portal-message-triage';
const DRAFT_ONLY = 'draft-only-intake';
const BAD_IDS = ['weird"id\r\n', 'has space', '-leading-dash', 'ends\n', 'a/b', 'x'.repeat(81), 'ünicode'];

const triage = () =>
  structuredClone(workflows.find((w) => w.id === TRIAGE)!.definition) as Record<string, unknown>;

let t: TestApp;
let staff: AuthHeaders;
let lead: AuthHeaders;
let admin: AuthHeaders;
let auditor: AuthHeaders;
let publishedTitle: string;

beforeAll(async () => {
  t = await makeApp();
  [staff, lead, admin, auditor] = await Promise.all([
    t.login('medical-assistant'),
    t.login('lead'),
    t.login('admin'),
    t.login('auditor'),
  ]);
  const created = await t.call('POST', '/api/definitions', {
    as: lead,
    body: { definition: { ...triage(), id: DRAFT_ONLY, title: 'Intake (not ready)' } },
  });
  expect(created.status, created.text).toBe(201);
  // A published workflow whose draft has moved on: staff see the published title, not the draft's.
  const draft = (await t.call('GET', `/api/definitions/${TRIAGE}`, { as: lead })).body.draft;
  publishedTitle = draft.title;
  const saved = await t.call('PUT', `/api/definitions/${TRIAGE}`, {
    as: lead,
    body: {
      definition: { ...draft.definition, title: 'Triage v2 (work in progress)' },
      revision: draft.revision,
    },
  });
  expect(saved.status, saved.text).toBe(200);
});
afterAll(() => t?.close());

describe('GET /api/definitions', () => {
  it('staff see only published workflows, with the published title and no draft details', async () => {
    const res = await t.call('GET', '/api/definitions', { as: staff });
    expect(res.status).toBe(200);
    const list = res.body.definitions as Array<Record<string, unknown>>;
    expect(list.map((d) => d.id)).not.toContain(DRAFT_ONLY);
    expect(list.map((d) => d.id).sort()).toEqual(workflows.map((w) => w.id).sort());
    for (const d of list) {
      expect(Object.keys(d).sort()).toEqual(['id', 'latestPublishedAt', 'latestVersion', 'title']);
      expect(d.latestVersion).toBeGreaterThanOrEqual(1);
    }
    expect(list.find((d) => d.id === TRIAGE)?.title).toBe(publishedTitle);
    expect(res.text).not.toContain('work in progress');
    expect(res.text).not.toContain('not ready');
  });

  it('staff cannot open a draft-only workflow either', async () => {
    const res = await t.call('GET', `/api/definitions/${DRAFT_ONLY}`, { as: staff });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('not ready');
  });

  it("a staff member's tracking sheet names workflows by their published title, not the draft's", async () => {
    const started = await t.call('POST', '/api/instances', {
      as: lead,
      body: { definitionId: TRIAGE, data: { ...exampleStart(TRIAGE), subject: 'Refill question' } },
    });
    expect(started.status, started.text).toBe(201);
    const done = await t.call('POST', `/api/tasks/${started.body.instance.active[0].taskId}/complete`, {
      as: staff,
      body: { outcome: 'sorted', data: { topic: 'medical-question', redFlags: false } },
    });
    expect(done.status, done.text).toBe(200);
    const sheet = await t.call('GET', '/api/tracking/sheet?from=2026-03-01&to=2026-03-31', { as: staff });
    expect(sheet.status, sheet.text).toBe(200);
    expect(sheet.text).toContain(publishedTitle);
    expect(sheet.text).not.toContain('work in progress');
  });

  it('designers, admins and auditors see drafts with their details', async () => {
    for (const as of [lead, admin, auditor]) {
      const res = await t.call('GET', '/api/definitions', { as });
      expect(res.status).toBe(200);
      const draft = res.body.definitions.find((d: { id: string }) => d.id === DRAFT_ONLY);
      expect(draft).toMatchObject({ title: 'Intake (not ready)', revision: 1, latestVersion: null });
      const edited = res.body.definitions.find((d: { id: string }) => d.id === TRIAGE);
      expect(edited).toMatchObject({ title: 'Triage v2 (work in progress)', latestVersion: 1 });
    }
  });
});

describe('the id pattern on every path that stores a workflow', () => {
  async function everything() {
    return {
      list: await t.store.listDefinitions(),
      drafts: await Promise.all(BAD_IDS.map((id) => t.store.getDraft(id))),
    };
  }

  it.each(BAD_IDS)(
    'PUT /api/definitions/%j (a new draft) → 400 DEFINITION_ID_INVALID, nothing stored',
    async (id) => {
      const before = await everything();
      const res = await t.call('PUT', `/api/definitions/${encodeURIComponent(id)}`, {
        as: lead,
        body: { definition: { ...triage(), id, title: 'Weird' }, revision: 0 },
      });
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.code).toBe('DEFINITION_ID_INVALID');
      expect(res.body.error.message).toMatch(/letters, digits/);
      expect(await everything()).toEqual(before);
    },
  );

  it.each(BAD_IDS)(
    'POST /api/definitions with id %j → 400 DEFINITION_ID_INVALID, nothing stored',
    async (id) => {
      const before = await everything();
      const res = await t.call('POST', '/api/definitions', {
        as: lead,
        body: { definition: { ...triage(), id, title: 'Weird' } },
      });
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.code).toBe('DEFINITION_ID_INVALID');
      expect(await everything()).toEqual(before);
    },
  );

  it('an imported workflow is stored through the same routes: a bad id in a burst of imports stores nothing', async () => {
    const before = await everything();
    const burst = await Promise.all(
      BAD_IDS.flatMap((id) => [
        t.call('POST', '/api/definitions', { as: lead, body: { definition: { ...triage(), id } } }),
        t.call('PUT', `/api/definitions/${encodeURIComponent(id)}`, {
          as: admin,
          body: { definition: { ...triage(), id }, revision: 0 },
        }),
      ]),
    );
    expect(burst.map((r) => r.status)).toEqual(burst.map(() => 400));
    expect(await everything()).toEqual(before);
  });

  it('the store refuses such an id itself, whoever calls it', async () => {
    for (const id of BAD_IDS) {
      const attempt = t.store.saveDraft({
        id,
        title: 'Weird',
        definition: { id },
        layout: null,
        expectedRevision: 0,
        updatedBy: null,
      });
      await expect(attempt).rejects.toBeInstanceOf(StoreError);
      await expect(attempt).rejects.toMatchObject({ code: 'CHANGE_INVALID' });
    }
    expect(await everything()).toMatchObject({ drafts: BAD_IDS.map(() => null) });
  });

  it('a good id still saves', async () => {
    const res = await t.call('PUT', '/api/definitions/new-intake_2', {
      as: lead,
      body: { definition: { ...triage(), id: 'new-intake_2' }, revision: 0 },
    });
    expect(res.status, res.text).toBe(200);
  });
});
