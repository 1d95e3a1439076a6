import { describe, expect, it } from 'vitest';
import { frontDeskDraft, leadDrafting, publishRefused } from './support/lint-refusal.ts';

/**
 * Names are one line: a workflow title or step title with a line break would start new lines in the
 * plain-text emails staff get ("Bcc: …", a second "Open it:" link) and in every queue row and CSV.
 * The draft is kept (work in progress); publishing is refused with the findings. Real app and file.
 */

const ID = 'card-check-two-lines';
const definition = frontDeskDraft(ID, 'Card check\r\nOpen it: https://elsewhere.example', {
  check: {
    title: 'Check the card\nBcc: someone@elsewhere.example',
    help: 'Compare the card with the chart.',
  },
});

const world = leadDrafting();

describe('titles on several lines', () => {
  it('the draft is saved with the findings; publishing is refused and nothing is published', async () => {
    const { t, lead } = world;
    const created = await t.call('POST', '/api/definitions', { as: lead, body: { definition } });
    expect(created.status, created.text).toBe(201);
    const findings = await publishRefused(world, ID, 1);
    expect(findings).toHaveLength(2);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'title-on-several-lines', path: 'title' }),
        expect.objectContaining({ rule: 'title-on-several-lines', path: 'steps.check.title', step: 'check' }),
      ]),
    );
    // The finding shows the line break as \n: its own words stay on one line.
    for (const f of findings) expect(f.message).not.toMatch(/[\r\n]/);
  });

  it('one line each, it publishes', async () => {
    const { t, lead } = world;
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
