import { createHelpSearch } from '@portalflow/engine/text';
import { useEffect, useMemo, useState } from 'react';
import type { PublicHelpEntry } from '../types.ts';
import { PublicEntry } from './PublicEntry.tsx';
import { LANGUAGE_NAMES, pickLanguage, stringsFor } from './strings.ts';
import { usePublicHelp } from './usePublicHelp.ts';

/**
 * A clinic's help for patients at `/help/<clinic>`: no sign-in, nothing about any patient, large text,
 * phone first. The search runs in the browser over the published entries, so it is instant once the
 * page has loaded, even on a slow connection. What is typed never goes into the address.
 */
export function PublicHelpPage({ clinic }: { clinic: string }) {
  const [attempt, setAttempt] = useState(0);
  const loaded = usePublicHelp(clinic, attempt);
  const site = loaded.state === 'ready' ? loaded.site : null;
  const [chosen, setChosen] = useState<string | null>(null);
  const lang = chosen ?? pickLanguage(site?.languages ?? ['en'], navigator.languages ?? [navigator.language]);
  const t = stringsFor(lang);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<Set<string>>(new Set());

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = site ? t.heading(site.clinic.name) : 'Patient portal help';
  }, [lang, site, t]);

  const inLanguage = useMemo(() => (site?.entries ?? []).filter((e) => e.language === lang), [site, lang]);
  // Built once per language; every keystroke only searches it.
  const search = useMemo(() => createHelpSearch(inLanguage), [inLanguage]);
  const matches = useMemo(() => (query.trim() ? search(query, 30) : null), [search, query]);
  const byCategory = useMemo(() => {
    const groups = new Map<string, PublicHelpEntry[]>();
    for (const e of [...inLanguage].sort((a, b) => a.title.localeCompare(b.title, lang))) {
      groups.set(e.category, [...(groups.get(e.category) ?? []), e]);
    }
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, lang));
  }, [inLanguage, lang]);

  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const entry = (e: PublicHelpEntry, match?: NonNullable<typeof matches>[number]) => (
    <PublicEntry
      key={e.id}
      entry={e}
      open={open.has(e.id)}
      onToggle={() => toggle(e.id)}
      title={match?.title}
      snippet={match?.snippet}
      strings={t}
      lang={lang}
    />
  );

  return (
    <>
      <header className="ph-header">
        <div className="ph-wrap ph-header-row">
          <div>
            <p className="ph-clinic">{site?.clinic.name ?? '\u00a0'}</p>
            <h1>{t.title}</h1>
          </div>
          {site && site.languages.length > 1 && (
            <fieldset className="ph-languages">
              <legend className="pf-visually-hidden">{t.language}</legend>
              {site.languages.map((l) => (
                <button
                  key={l}
                  type="button"
                  lang={l}
                  aria-pressed={l === lang}
                  onClick={() => {
                    setChosen(l);
                    setOpen(new Set());
                  }}
                  data-testid={`public-lang-${l}`}
                >
                  {LANGUAGE_NAMES[l] ?? l.toUpperCase()}
                </button>
              ))}
            </fieldset>
          )}
        </div>
      </header>
      <main className="ph-wrap" data-testid="public-help">
        {loaded.state === 'loading' && (
          <p role="status" className="ph-status">
            {t.loading}
          </p>
        )}
        {loaded.state === 'not-found' && <p className="ph-status">{t.notFound}</p>}
        {loaded.state === 'failed' && (
          <div className="ph-status">
            <p>{t.failed}</p>
            <button type="button" className="ph-button" onClick={() => setAttempt((n) => n + 1)}>
              {t.retry}
            </button>
          </div>
        )}
        {site && (
          <>
            <p className="ph-intro">{t.intro}</p>
            <p className="ph-emergency">{t.emergency}</p>
            <search className="ph-search">
              <form onSubmit={(e) => e.preventDefault()}>
                <label htmlFor="ph-q">{t.searchLabel}</label>
                <div className="ph-search-row">
                  <input
                    id="ph-q"
                    type="search"
                    value={query}
                    placeholder={t.searchPlaceholder}
                    onChange={(e) => setQuery(e.currentTarget.value)}
                    autoComplete="off"
                    enterKeyHint="search"
                    data-testid="public-search"
                  />
                  {query && (
                    <button type="button" className="ph-button ph-secondary" onClick={() => setQuery('')}>
                      {t.clear}
                    </button>
                  )}
                </div>
              </form>
            </search>
            <p className="ph-count" aria-live="polite" data-testid="public-count">
              {matches ? t.results(matches.length) : ''}
            </p>
            {matches ? (
              matches.length > 0 ? (
                <ul className="ph-list" data-testid="public-results">
                  {matches.map((m) => entry(m.entry, m))}
                </ul>
              ) : (
                <div className="ph-status">
                  <p>{t.nothing(query.trim())}</p>
                  <p>{t.nothingHint}</p>
                </div>
              )
            ) : (
              byCategory.map(([category, list]) => (
                <section key={category} className="ph-category" aria-labelledby={`cat-${category}`}>
                  <h2 id={`cat-${category}`}>{category}</h2>
                  <ul className="ph-list">{list.map((e) => entry(e))}</ul>
                </section>
              ))
            )}
          </>
        )}
      </main>
    </>
  );
}
