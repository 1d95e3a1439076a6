import { describe, expect, it } from 'vitest';
import { frontDeskDraft, leadDrafting, publishRefused } from './support/lint-refusal.ts';

/**
 * A step nobody can reach is a lint error: the draft is still saved (work in progress), publishing
 * is refused with the finding, and nothing stored is lost. Real app, real libSQL file.
 */

const ID = 'callback-with-orphan';
const definition = frontDeskDraft(ID, 'Call back', {
  call: { title: 'Call the patient back', help: 'Use the number on file.' },
  'old-intake': { title: 'Old intake', help: 'No arrow leads here yet.' },
});

const world = leadDrafting();

describe('unreachable steps', () => {
  it('a draft with a step nobody can reach is saved, with an error finding', async () => {
    const { t, lead } = world;
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
    const { t } = world;
    expect(await publishRefused(world, ID, 2)).toEqual([
      expect.objectContaining({ rule: 'unreachable-step', path: 'steps.old-intake' }),
    ]);
    const draft = await t.store.getDraft(ID);
    expect(draft?.revision).toBe(2);
    expect((draft!.definition as { title: string }).title).toBe('Call back (edited)');
  });
});
