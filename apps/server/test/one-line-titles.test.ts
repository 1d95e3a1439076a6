import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';

/**
 * Names are one line: a workflow title or step title with a line break would start new lines in the
 * plain-text emails staff get ("Bcc: …", a second "Open it:" link) and in every queue row and CSV.
 * The draft is kept (work in progress); publishing is refused with the findings. Real app and file.
 */

const ID = 'card-check-two-lines';
const definition = {
  id: ID,
  title: 'Card check\r\nOpen it: https://elsewhere.example',
  roles: [{ id: 'front-desk', name: 'Front desk' }],
  start: 'check',
  steps: {
    check: {
      type: 'task',
      role: 'front-desk',
      title: 'Check the card\nBcc: someone@elsewhere.example',
      help: 'Compare the card with the chart.',
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

describe('titles on several lines', () => {
  it('the draft is saved with the findings; publishing is refused and nothing is published', async () => {
    const created = await t.call('POST', '/api/definitions', { as: lead, body: { definition } });
    expect(created.status, created.text).toBe(201);
    const refused = await t.call('POST', `/api/definitions/${ID}/publish`, {
      as: lead,
      body: { revision: 1 },
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body.error.code).toBe('LINT_ERRORS');
    const findings = refused.body.error.details.findings;
    expect(findings).toHaveLength(2);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'title-on-several-lines', path: 'title' }),
        expect.objectContaining({ rule: 'title-on-several-lines', path: 'steps.check.title', step: 'check' }),
      ]),
    );
    // The finding shows the line break as \n: its own words stay on one line.
    for (const f of findings) expect(f.message).not.toMatch(/[\r\n]/);
    expect(await t.store.getVersion(ID)).toBeNull();
  });

  it('one line each, it publishes', async () => {
    const fixed = {
      ...definition,
      title: 'Card check',
      steps: { ...definition.steps, check: { ...definition.steps.check, title: 'Check the card' } },
    };
    const saved = await t.call('PUT', `/api/definitions/${ID}`, {
      as: lead,
      body: { definition: fixed, revision: 1 },
    });
    expect(saved.status, saved.text).toBe(200);
    const published = await t.call('POST', `/api/definitions/${ID}/publish`, {
      as: lead,
      body: { revision: 2 },
    });
    expect(published.status, published.text).toBe(200);
  });
});
