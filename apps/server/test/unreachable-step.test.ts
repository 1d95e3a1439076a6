import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';

/**
 * A step nobody can reach is a lint error: the draft is still saved (work in progress), publishing
 * is refused with the finding, and nothing stored is lost. Real app, real libSQL file.
 */

const ID = 'callback-with-orphan';
const definition = {
  id: ID,
  title: 'Call back',
  roles: [{ id: 'front-desk', name: 'Front desk' }],
  start: 'call',
  steps: {
    call: {
      type: 'task',
      role: 'front-desk',
      title: 'Call the patient back',
      help: 'Use the number on file.',
      outcomes: { done: 'closed' },
    },
    'old-intake': {
      type: 'task',
      role: 'front-desk',
      title: 'Old intake',
      help: 'No arrow leads here yet.',
      outcomes: { done: 'closed' },
    },
    closed: { type: 'end' },
  },
};

let t: TestApp;
let lead: AuthHeaders;

beforeAll(async () => {
  t = await makeApp({ publish: false });
  lead = await t.session('lead');
});
afterAll(() => t.close());

describe('unreachable steps', () => {
  it('a draft with a step nobody can reach is saved, with an error finding', async () => {
    const created = await t.call('POST', '/api/definitions', { as: lead, body: { definition } });
    expect(created.status, created.text).toBe(201);
    expect(created.body.findings).toContainEqual(
      expect.objectContaining({ rule: 'unreachable-step', severity: 'error', step: 'old-intake' }),
    );
    const saved = await t.call('PUT', `/api/definitions/${ID}`, {
      as: lead,
      body: { definition: { ...definition, title: 'Call back (edited)' }, revision: 1 },
    });
    expect(saved.status, saved.text).toBe(200);
    expect((await t.store.getDraft(ID))?.revision).toBe(2);
  });

  it('publishing it is refused with the finding, and the draft stays as saved', async () => {
    const refused = await t.call('POST', `/api/definitions/${ID}/publish`, {
      as: lead,
      body: { revision: 2 },
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body.error.code).toBe('LINT_ERRORS');
    expect(refused.body.error.details.findings).toEqual([
      expect.objectContaining({ rule: 'unreachable-step', path: 'steps.old-intake' }),
    ]);
    expect(await t.store.getVersion(ID)).toBeNull();
    const draft = await t.store.getDraft(ID);
    expect(draft?.revision).toBe(2);
    expect((draft!.definition as { title: string }).title).toBe('Call back (edited)');
  });
});
