// biome-ignore-all lint/suspicious/noExplicitAny: response bodies and example definitions are read as loose JSON
import { roleCatalog, workflows } from '@portalflow/examples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleStart, makeApp, type TestApp } from './support/app.ts';
import { assertWellFormedXml, unescapeXml } from './support/xml.ts';

/**
 * Role catalog, job descriptions, sign-off and refreshers over the real app and the nine examples:
 * publishing a changed version must flag exactly the roles whose job changed — no more, no fewer.
 */
const TRIAGE = 'portal-message-triage';

describe('roles, sign-off and refreshers', () => {
  let t: TestApp;
  // API tokens: the test moves the clock by days, past any session's idle limit.
  const as = (username: string) => t.token(username);

  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(() => t.close());

  async function approveAll() {
    const { body } = await t.call('GET', '/api/roles', { as: await as('lead') });
    for (const role of body.roles) {
      if (role.state === 'approved') continue;
      const detail = await t.call('GET', `/api/roles/${role.id}`, { as: await as('lead') });
      const approved = await t.call('POST', `/api/roles/${role.id}/approve`, {
        as: await as('lead'),
        body: { fingerprint: detail.body.fingerprint },
      });
      expect(approved.status, approved.text).toBe(200);
    }
  }

  async function publishChange(mutate: (definition: any) => void) {
    const lead = await as('lead');
    const current = await t.call('GET', `/api/definitions/${TRIAGE}`, { as: lead });
    const definition = structuredClone(current.body.latest.definition);
    mutate(definition);
    const draft = current.body.draft;
    const saved = await t.call('PUT', `/api/definitions/${TRIAGE}`, {
      as: lead,
      body: { definition, revision: draft.revision },
    });
    expect(saved.status, saved.text).toBe(200);
    const published = await t.call('POST', `/api/definitions/${TRIAGE}/publish`, { as: lead, body: {} });
    expect(published.status, published.text).toBe(200);
    return published.body.version.version as number;
  }

  it('lists every role of the published examples with department, description and holders', async () => {
    const { status, body } = await t.call('GET', '/api/roles', { as: await as('triage-nurse') });
    expect(status).toBe(200);
    const used = new Set(workflows.flatMap((w) => (w.definition as any).roles.map((r: any) => r.id)));
    expect(body.roles.map((r: any) => r.id).sort()).toEqual([...used].sort());
    const nurse = body.roles.find((r: any) => r.id === 'triage-nurse');
    const catalogNurse = roleCatalog.find((r) => r.id === 'triage-nurse')!;
    expect(nurse).toMatchObject({
      name: catalogNurse.name,
      department: catalogNurse.department,
      state: 'not-approved',
    });
    expect(nurse.description.length).toBeGreaterThan(20);
    expect(nurse.holders.map((h: any) => h.username)).toEqual(['triage-nurse']);
    expect(nurse.counts.workflows).toBeGreaterThan(2);
  });

  it('exports the job description as Markdown and HTML with the derived duties', async () => {
    const lead = await as('lead');
    const detail = await t.call('GET', '/api/roles/triage-nurse', { as: lead });
    const steps = detail.body.duties.workflows.flatMap((w: any) => w.steps);
    expect(steps.length).toBeGreaterThan(5);
    const md = await t.call('GET', '/api/roles/triage-nurse/job-description?format=md', { as: lead });
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(md.headers.get('content-disposition')).toContain('triage-nurse-job-description.md');
    const html = await t.call('GET', '/api/roles/triage-nurse/job-description?format=html', {
      as: await as('triage-nurse'),
    });
    expect(html.headers.get('content-type')).toContain('text/html');
    for (const s of steps) {
      expect(md.text).toContain(s.title.replace(/([\\`*_[\]<>#|])/g, '\\$1'));
      expect(unescapeXml(html.text)).toContain(s.title);
      if (s.deadline) expect(md.text).toContain(s.deadline.text);
    }
    for (const w of detail.body.duties.workflows) expect(md.text).toContain(`### ${w.title}`);
    expect(md.text).toContain('## Hands work to');
    expect(
      (await t.call('GET', '/api/roles/triage-nurse/job-description?format=pdf', { as: lead })).status,
    ).toBe(400);
    expect((await t.call('GET', '/api/roles/no-such-role', { as: lead })).status).toBe(404);
  });

  it('saves the hand-written text with a revision check; only leads edit and approve', async () => {
    const lead = await as('lead');
    const text = {
      reportsTo: 'Nurse manager',
      skills: 'Telephone triage',
      languages: 'English, Spanish',
      hours: 'Mon–Fri 8–5',
    };
    const saved = await t.call('PUT', '/api/roles/triage-nurse/job-text', {
      as: lead,
      body: { ...text, revision: 0 },
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.textRevision).toBe(1);
    expect(saved.body.jobDescription.details).toContainEqual({
      label: 'Languages',
      value: 'English, Spanish',
    });
    // The same save retried is not a conflict; a stale one from someone else is.
    expect(
      (await t.call('PUT', '/api/roles/triage-nurse/job-text', { as: lead, body: { ...text, revision: 0 } }))
        .status,
    ).toBe(200);
    const stale = await t.call('PUT', '/api/roles/triage-nurse/job-text', {
      as: await as('admin'),
      body: { ...text, hours: 'Nights', revision: 0 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_REVISION');
    const md = await t.call('GET', '/api/roles/triage-nurse/job-description?format=md', { as: lead });
    expect(md.text).toContain('**Reports to:** Nurse manager');
    expect(
      (
        await t.call('PUT', '/api/roles/triage-nurse/job-text', {
          as: await as('triage-nurse'),
          body: { ...text, revision: 1 },
        })
      ).status,
    ).toBe(403);
    const detail = await t.call('GET', '/api/roles/triage-nurse', { as: lead });
    expect(
      (
        await t.call('POST', '/api/roles/triage-nurse/approve', {
          as: await as('triage-nurse'),
          body: { fingerprint: detail.body.fingerprint },
        })
      ).status,
    ).toBe(403);
    const wrong = await t.call('POST', '/api/roles/triage-nurse/approve', {
      as: lead,
      body: { fingerprint: '0'.repeat(64) },
    });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('CHANGED_SINCE_REVIEW');
  });

  it('a published change marks exactly the affected roles for re-approval and refresher', async () => {
    await approveAll();
    const before = await t.call('GET', '/api/roles', { as: await as('lead') });
    expect(before.body.roles.every((r: any) => r.state === 'approved')).toBe(true);
    expect(before.body.roles.find((r: any) => r.id === 'triage-nurse').approvedBy).toBe('lead');

    // The medical assistant gets two business days to sort; the nurse manager receives it later.
    const version = await publishChange((d) => {
      d.steps['sort-message'].deadline.after = 'P2D';
    });
    expect(version).toBe(2);

    const after = await t.call('GET', '/api/roles', { as: await as('lead') });
    const flagged = after.body.roles.filter((r: any) => r.state === 'needs-reapproval').map((r: any) => r.id);
    expect(flagged.sort()).toEqual(['medical-assistant', 'nurse-manager']);
    const ma = await t.call('GET', '/api/roles/medical-assistant', { as: await as('lead') });
    expect(ma.body.changes.deadlines.map((c: any) => c.text)).toEqual([
      'Sort the portal message: 1 business day, then to Nurse manager → 2 business days, then to Nurse manager',
    ]);
    expect(ma.body.changes.count).toBe(1);
    expect(ma.body.textChanged).toBe(false);
    const nm = await t.call('GET', '/api/roles/nurse-manager', { as: await as('lead') });
    // The same overdue work, later: one change with the new time and the old.
    expect(nm.body.changes.escalationsChanged.map((c: any) => c.text)).toEqual([
      'Sort the portal message (Medical assistant (care-team pool)) escalated after 2 business days (was 1 business day)',
    ]);
    expect(nm.body.changes.count).toBe(1);

    const overview = await t.call('GET', '/api/refreshers', { as: await as('lead') });
    expect(overview.status).toBe(200);
    expect(overview.body.changes.map((r: any) => r.role).sort()).toEqual([
      'medical-assistant',
      'nurse-manager',
    ]);
    for (const r of overview.body.changes) {
      expect(r).toMatchObject({ definitionId: TRIAGE, version: 2 });
      for (const p of r.people) expect(p).toMatchObject({ previousVersion: 1, done: false });
    }

    const mine = await t.call('GET', '/api/refreshers/mine', { as: await as('medical-assistant') });
    expect(mine.body.changes).toHaveLength(1);
    expect(mine.body.changes[0]).toMatchObject({
      role: 'medical-assistant',
      version: 2,
      done: false,
      acknowledgedAt: null,
    });
    for (const other of ['triage-nurse', 'provider', 'front-desk', 'billing-specialist'])
      expect((await t.call('GET', '/api/refreshers/mine', { as: await as(other) })).body.changes).toEqual([]);

    // A change only to help text changes nobody's job.
    await publishChange((d) => {
      d.steps['sort-message'].help = `${d.steps['sort-message'].help} Check the attachment too.`;
    });
    const third = await t.call('GET', '/api/roles', { as: await as('lead') });
    expect(
      third.body.roles
        .filter((r: any) => r.state === 'needs-reapproval')
        .map((r: any) => r.id)
        .sort(),
    ).toEqual(['medical-assistant', 'nurse-manager']);
    // Still one refresher per role, now compared with the latest version.
    const caughtUp = (await t.call('GET', '/api/refreshers', { as: await as('lead') })).body.changes;
    expect(caughtUp.map((r: any) => [r.role, r.version])).toEqual([
      ['medical-assistant', 3],
      ['nurse-manager', 3],
    ]);

    // Re-approving clears the flag for that role only.
    const fp = (await t.call('GET', '/api/roles/medical-assistant', { as: await as('lead') })).body
      .fingerprint;
    await t.call('POST', '/api/roles/medical-assistant/approve', {
      as: await as('lead'),
      body: { fingerprint: fp },
    });
    const fourth = await t.call('GET', '/api/roles', { as: await as('lead') });
    expect(
      fourth.body.roles.filter((r: any) => r.state === 'needs-reapproval').map((r: any) => r.id),
    ).toEqual(['nurse-manager']);
  });

  it('a refresher is done after acknowledging and finishing a practice run of the new version', async () => {
    const ma = await as('medical-assistant');
    // Version 3 is the latest (it changed only help text): the refresher runs up to it.
    const key = { definitionId: TRIAGE, version: 3, role: 'medical-assistant' };
    expect(
      (await t.call('POST', '/api/refreshers/acknowledge', { as: await as('triage-nurse'), body: key }))
        .status,
    ).toBe(403);
    expect(
      (await t.call('POST', '/api/refreshers/acknowledge', { as: ma, body: { ...key, version: 4 } })).status,
    ).toBe(404);
    expect(
      (await t.call('POST', '/api/refreshers/acknowledge', { as: ma, body: { ...key, version: 2 } })).status,
    ).toBe(409);
    const ack = await t.call('POST', '/api/refreshers/acknowledge', { as: ma, body: key });
    expect(ack.status, ack.text).toBe(200);
    let mine = await t.call('GET', '/api/refreshers/mine', { as: ma });
    expect(mine.body.changes[0]).toMatchObject({ done: false, practiceDoneAt: null });
    expect(mine.body.changes[0].acknowledgedAt).toBe(t.clock.now());

    // A live (non-practice) instance finished does not count; a practice one of version 1 neither.
    for (const practice of [false, true]) {
      const started = await t.call('POST', '/api/instances', {
        as: ma,
        body: {
          definitionId: TRIAGE,
          practice,
          ...(practice ? { version: 1 } : {}),
          data: exampleStart(TRIAGE),
        },
      });
      expect(started.status, started.text).toBe(201);
      const task = started.body.instance.active[0].taskId;
      const done = await t.call('POST', `/api/tasks/${task}/complete`, {
        as: ma,
        body: { outcome: 'no-reply-needed', data: { topic: 'other', redFlags: false } },
      });
      expect(done.status, done.text).toBe(200);
    }
    mine = await t.call('GET', '/api/refreshers/mine', { as: ma });
    expect(mine.body.changes[0].done).toBe(false);

    t.clock.advance('PT1H');
    const practice = await t.call('POST', '/api/instances', {
      as: ma,
      body: { definitionId: TRIAGE, practice: true, data: exampleStart(TRIAGE) },
    });
    expect(practice.body.instance.version).toBe(3);
    await t.call('POST', `/api/tasks/${practice.body.instance.active[0].taskId}/complete`, {
      as: ma,
      body: { outcome: 'no-reply-needed', data: { topic: 'other', redFlags: false } },
    });
    mine = await t.call('GET', '/api/refreshers/mine', { as: ma });
    expect(mine.body.changes[0]).toMatchObject({ done: true, practiceDoneAt: t.clock.now() });

    const overview = await t.call('GET', '/api/refreshers', { as: await as('auditor') });
    const row = overview.body.changes.find((r: any) => r.role === 'medical-assistant' && r.version === 3);
    expect(row.people).toEqual([expect.objectContaining({ username: 'medical-assistant', done: true })]);
    const nm = overview.body.changes.find((r: any) => r.role === 'nurse-manager');
    expect(nm.people).toEqual([
      expect.objectContaining({ username: 'nurse-manager', done: false, acknowledgedAt: null }),
    ]);
    expect((await t.call('GET', '/api/refreshers', { as: ma })).status).toBe(403);
  });

  it('periodic refreshers fall due from the schedule and the last practice run', async () => {
    const lead = await as('lead');
    const bad = await t.call('POST', '/api/refresher-schedules', { as: lead, body: { everyDays: 30 } });
    expect(bad.status).toBe(400);
    const created = await t.call('POST', '/api/refresher-schedules', {
      as: lead,
      body: { definitionId: TRIAGE, everyDays: 30 },
      headers: { 'idempotency-key': 'sched-1' },
    });
    expect(created.status, created.text).toBe(201);
    const retried = await t.call('POST', '/api/refresher-schedules', {
      as: lead,
      body: { definitionId: TRIAGE, everyDays: 30 },
      headers: { 'idempotency-key': 'sched-1' },
    });
    expect(retried.body.schedule.id).toBe(created.body.schedule.id);
    await t.call('POST', '/api/refresher-schedules', {
      as: lead,
      body: { role: 'billing-specialist', everyDays: 90 },
    });
    expect((await t.call('GET', '/api/refresher-schedules', { as: lead })).body.schedules).toHaveLength(2);

    // The medical assistant practised triage an hour ago; the nurse never did.
    const ma = (await t.call('GET', '/api/refreshers/mine', { as: await as('medical-assistant') })).body
      .periodic;
    expect(ma).toEqual([expect.objectContaining({ definitionId: TRIAGE, everyDays: 30, due: false })]);
    const nurse = (await t.call('GET', '/api/refreshers/mine', { as: await as('triage-nurse') })).body
      .periodic;
    expect(nurse).toEqual([expect.objectContaining({ definitionId: TRIAGE, due: true, lastDoneAt: null })]);
    const billing = (await t.call('GET', '/api/refreshers/mine', { as: await as('billing-specialist') })).body
      .periodic;
    expect(billing).toEqual([
      expect.objectContaining({ role: 'billing-specialist', definitionId: 'billing-question', due: true }),
    ]);
    expect(
      (await t.call('GET', '/api/refreshers/mine', { as: await as('it-help-desk') })).body.periodic,
    ).toEqual([]);

    t.clock.advance('P31D');
    const later = (await t.call('GET', '/api/refreshers/mine', { as: await as('medical-assistant') })).body
      .periodic;
    expect(later[0].due).toBe(true);
    const overview = await t.call('GET', '/api/refreshers', { as: lead });
    const triage = overview.body.schedules.find((s: any) => s.definitionId === TRIAGE);
    expect(triage.people.map((p: any) => p.username).sort()).toEqual([
      'medical-assistant',
      'provider',
      'triage-nurse',
    ]);

    expect(
      (
        await t.call('DELETE', `/api/refresher-schedules/${created.body.schedule.id}`, {
          as: await as('triage-nurse'),
        })
      ).status,
    ).toBe(403);
    expect(
      (await t.call('DELETE', `/api/refresher-schedules/${created.body.schedule.id}`, { as: lead })).status,
    ).toBe(200);
    expect(
      (await t.call('DELETE', `/api/refresher-schedules/${created.body.schedule.id}`, { as: lead })).status,
    ).toBe(404);
  });
});

describe('practice on real requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(() => t.close());

  async function completeTriage(username: string, practice: boolean) {
    const as = await t.token(username);
    const started = await t.call('POST', '/api/instances', {
      as,
      body: { definitionId: TRIAGE, practice, data: exampleStart(TRIAGE) },
    });
    expect(started.status, started.text).toBe(201);
    const done = await t.call('POST', `/api/tasks/${started.body.instance.active[0].taskId}/complete`, {
      as,
      body: { outcome: 'no-reply-needed', data: { topic: 'other', redFlags: false } },
    });
    expect(done.status, done.text).toBe(200);
  }

  const practiceOf = async (role: string) => {
    const overview = await t.call('GET', '/api/refreshers', { as: await t.token('lead') });
    expect(overview.status, overview.text).toBe(200);
    const { days, fewerThan, roles } = overview.body.practice;
    expect({ days, fewerThan }).toEqual({ days: 30, fewerThan: 3 });
    const row = roles.find((r: any) => r.role === role);
    return Object.fromEntries(
      row.people.map((p: any) => [
        p.username,
        Object.fromEntries(row.workflows.map((w: any, i: number) => [w.definitionId, p.completed[i]])),
      ]),
    );
  };

  it("counts each holder's real requests per workflow over the last 30 days, practice runs left out", async () => {
    await t.addUser('ma-2', ['medical-assistant']);
    await completeTriage('medical-assistant', false);
    await completeTriage('medical-assistant', false);
    await completeTriage('medical-assistant', true);
    await completeTriage('ma-2', true);

    const counts = await practiceOf('medical-assistant');
    expect(counts['medical-assistant']![TRIAGE]).toBe(2);
    expect(counts['ma-2']![TRIAGE]).toBe(0);
    // Only workflows where the role has steps are counted; every holder is listed.
    expect(Object.keys(counts).sort()).toEqual(['ma-2', 'medical-assistant']);
    const overview = await t.call('GET', '/api/refreshers', { as: await t.token('auditor') });
    for (const role of overview.body.practice.roles) expect(role.workflows.length).toBeGreaterThan(0);
    expect(overview.body.practice.roles.map((r: any) => r.roleName)).toEqual(
      overview.body.practice.roles
        .map((r: any) => r.roleName)
        .sort((a: string, b: string) => a.localeCompare(b)),
    );

    // A month on, what was done before no longer counts.
    t.clock.advance('P31D');
    expect((await practiceOf('medical-assistant'))['medical-assistant']![TRIAGE]).toBe(0);
  });
});

describe('a new outcome that hands work to another role', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(() => t.close());

  it('flags the owner and the role that now receives the work, and nobody else', async () => {
    const lead = await t.token('lead');
    const { body } = await t.call('GET', '/api/roles', { as: lead });
    for (const role of body.roles) {
      const detail = await t.call('GET', `/api/roles/${role.id}`, { as: lead });
      await t.call('POST', `/api/roles/${role.id}/approve`, {
        as: lead,
        body: { fingerprint: detail.body.fingerprint },
      });
    }
    const current = await t.call('GET', `/api/definitions/${TRIAGE}`, { as: lead });
    const definition = structuredClone(current.body.latest.definition);
    // The nurse may now ask the medical assistant to book a visit directly.
    definition.steps['nurse-review'].outcomes['needs-visit'] = 'book-visit';
    await t.call('PUT', `/api/definitions/${TRIAGE}`, {
      as: lead,
      body: { definition, revision: current.body.draft.revision },
    });
    expect((await t.call('POST', `/api/definitions/${TRIAGE}/publish`, { as: lead, body: {} })).status).toBe(
      200,
    );

    const after = await t.call('GET', '/api/roles', { as: lead });
    expect(
      after.body.roles
        .filter((r: any) => r.state === 'needs-reapproval')
        .map((r: any) => r.id)
        .sort(),
    ).toEqual(['medical-assistant', 'triage-nurse']);
    const nurse = (await t.call('GET', '/api/roles/triage-nurse', { as: lead })).body.changes;
    expect(nurse.outcomesAdded.map((c: any) => c.text)).toEqual([
      'Answer the clinical question or route it to the provider: Needs visit',
    ]);
    expect(nurse.handoffsAdded).toHaveLength(1);
    const ma = (await t.call('GET', '/api/roles/medical-assistant', { as: lead })).body.changes;
    expect(ma.count).toBe(1);
    expect(ma.handoffsAdded[0].text).toContain('takes over from the Triage nurse (RN)');
    const refreshers = await t.call('GET', '/api/refreshers', { as: lead });
    expect(refreshers.body.changes.map((r: any) => r.role).sort()).toEqual([
      'medical-assistant',
      'triage-nurse',
    ]);
  });
});

describe('handbook', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ users: [{ username: 'front-desk', roles: ['front-desk'] }] });
  });
  afterAll(() => t.close());

  for (const w of workflows) {
    it(`${w.id}: JSON, Markdown and a well-formed SVG with every step and lane`, async () => {
      const as = await t.session('front-desk');
      const def = w.definition as any;
      const json = await t.call('GET', `/api/handbook/${w.id}/1`, { as });
      expect(json.status).toBe(200);
      expect(json.body.handbook.steps).toHaveLength(Object.keys(def.steps).length);
      expect(json.body.handbook.changes).toBeNull();
      const svg = await t.call('GET', `/api/handbook/${w.id}/1?format=svg`, { as });
      expect(svg.headers.get('content-type')).toContain('image/svg+xml');
      assertWellFormedXml(svg.text);
      const text = unescapeXml(svg.text);
      for (const s of Object.values(def.steps) as any[])
        if (s.title) expect(text).toContain(`<title>${s.title}</title>`);
      for (const r of def.roles) expect(text).toContain(`<title>${r.name}</title>`);
      const md = await t.call('GET', `/api/handbook/${w.id}/1?format=md`, { as });
      expect(md.headers.get('content-disposition')).toContain(`${w.id}-v1-handbook.md`);
      for (const s of Object.values(def.steps) as any[])
        if (s.type === 'task') {
          expect(md.text).toContain(s.title.replace(/([\\`*_[\]<>#|])/g, '\\$1'));
          if (s.help) expect(md.text).toContain(s.help.slice(0, 20).replace(/([\\`*_[\]<>#|])/g, '\\$1'));
        }
    });
  }

  it('refuses unknown versions and formats', async () => {
    const as = await t.session('front-desk');
    expect((await t.call('GET', '/api/handbook/portal-message-triage/9', { as })).status).toBe(404);
    expect((await t.call('GET', '/api/handbook/portal-message-triage/x', { as })).status).toBe(400);
    expect((await t.call('GET', '/api/handbook/portal-message-triage/1?format=pdf', { as })).status).toBe(
      400,
    );
    expect((await t.call('GET', '/api/handbook/portal-message-triage/1')).status).toBe(401);
  });
});
