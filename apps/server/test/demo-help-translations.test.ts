import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HELP_ENTRIES } from '../src/seed/help-content.ts';
import { untranslatedDemoAnswers } from '../src/seed/help-translations.ts';
import { type RunningServer, startServer } from '../src/server.ts';

/**
 * The demo clinic's patient answers are written in English and in Spanish: a patient reading one
 * switches language to the same answer in the other ("Same answer in another language"), both ways.
 */
interface PublicEntry {
  id: string;
  title: string;
  language: string;
  translations: Record<string, string>;
}

let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = await mkdtemp(join(process.env.PORTALFLOW_TEST_TMPDIR ?? tmpdir(), 'portalflow-help-translations-'));
  server = await startServer({ port: 0, databaseUrl: `file:${join(dir, 'pf.db')}`, demo: true, quiet: true });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the demo clinic's answers in two languages", () => {
  it('every patient answer has its counterpart in the other language', () => {
    expect(untranslatedDemoAnswers(DEMO_HELP_ENTRIES)).toEqual([]);
  });

  it('reports a new patient answer written in one language only, and a pair naming no answer', () => {
    const added = [
      ...DEMO_HELP_ENTRIES,
      { audience: 'patients' as const, language: 'en', title: 'Can I pay my bill online?' },
    ];
    expect(untranslatedDemoAnswers(added)).toEqual(['en: Can I pay my bill online?']);
    const renamed = DEMO_HELP_ENTRIES.map((e) =>
      e.title === 'Mi cuenta está bloqueada' ? { ...e, title: 'Cuenta bloqueada' } : e,
    );
    expect(untranslatedDemoAnswers(renamed)).toEqual([
      'es: Cuenta bloqueada',
      'es: Mi cuenta está bloqueada (no such answer)',
    ]);
  });

  it('links every published answer that has a counterpart to it, both ways, on the public page', async () => {
    const res = await fetch(`${server.url}/api/public/help/riverside`);
    expect(res.status).toBe(200);
    const { entries } = (await res.json()) as { entries: PublicEntry[] };
    const byId = new Map(entries.map((e) => [e.id, e]));
    const other = (lang: string) => (lang === 'en' ? 'es' : 'en');
    const unlinked = entries
      .filter((e) => {
        const twin = byId.get(e.translations[other(e.language)] ?? '');
        return !twin || twin.translations[e.language] !== e.id;
      })
      .map((e) => `${e.language}: ${e.title}`);
    expect(unlinked).toEqual([]);
    expect(entries.length).toBeGreaterThan(20);
  });

  it('links the answers of a demo database written before they were linked, when the demo starts again', async () => {
    await server.close();
    const url = `file:${join(dir, 'pf.db')}`;
    const store = await openStore({ url });
    for (const e of await store.listHelpEntries({ clinic: 'riverside', audience: 'patients' }))
      if (e.translationOf)
        await store.updateHelpEntry({
          id: e.id,
          expectedRevision: e.revision,
          patch: { translationOf: null },
          userId: null,
        });
    await store.close();
    server = await startServer({ port: 0, databaseUrl: url, demo: true, quiet: true });
    const { entries } = (await (await fetch(`${server.url}/api/public/help/riverside`)).json()) as {
      entries: PublicEntry[];
    };
    expect(entries.filter((e) => Object.keys(e.translations).length === 0).map((e) => e.title)).toEqual([]);
  }, 60_000);
});
