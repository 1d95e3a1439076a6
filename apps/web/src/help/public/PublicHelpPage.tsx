import { createHelpSearch } from '@portalflow/engine/text';
import { useEffect, useMemo, useState } from 'react';
import { WithPhoneLinks } from '../PhoneLinks.tsx';
import type { PublicHelpEntry } from '../types.ts';
import { entrySlug, helpPath, readAddress, setAlternates } from './address.ts';
import { ClinicHours } from './ClinicHours.tsx';
import { clinicDate } from './clinicDate.ts';
import { NothingFound } from './NothingFound.tsx';
import { PublicEntry } from './PublicEntry.tsx';
import { LANGUAGE_NAMES, pickLanguage, stringsFor } from './strings.ts';
import { usePublicHelp } from './usePublicHelp.ts';
import { usePublicHours } from './usePublicHours.ts';

/**
 * A clinic's help for patients at `/help/<clinic>`: no sign-in, nothing about any patient, large text,
 * phone first. The search runs in the browser over the published entries, so it is instant once the
 * page has loaded, even on a slow connection. What is typed never goes into the address.
 */
export function PublicHelpPage({
  clinic,
  initialLang = null,
  initialEntry = null,
}: {
  clinic: string;
  initialLang?: string | null;
  initialEntry?: string | null;
}) {
  const [attempt, setAttempt] = useState(0);
  const loaded = usePublicHelp(clinic, attempt);
  const site = loaded.state === 'ready' ? loaded.site : null;
  const [chosen, setChosen] = useState<string | null>(initialLang);
  const lang =
    chosen && (!site || site.languages.includes(chosen))
      ? chosen
      : pickLanguage(site?.languages ?? ['en'], navigator.languages ?? [navigator.language]);
  const t = stringsFor(lang);
  const hours = usePublicHours(clinic, lang, attempt);
  // Dates are the clinic's days, as its hours are its wall-clock times (not the phone's zone).
  const timeZone = hours?.timeZone ?? site?.hours?.timeZone;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [linked, setLinked] = useState<string | null>(initialEntry);
  // A shared link whose answer is not here (renamed, taken off, cut short in a message): said once.
  const [linkGone, setLinkGone] = useState(false);
  // The answer open when the patient switched language is not written in the new one yet.
  const [noTranslation, setNoTranslation] = useState(false);

  useEffect(() => {
    document.documentElement.lang = lang;
    // Before the clinic's name is known (or if the help cannot load): the page's title, in its language.
    document.title = site ? t.heading(site.clinic.name) : t.title;
  }, [lang, site, t]);

  useEffect(() => {
    if (site) setAlternates(clinic, site.languages);
  }, [clinic, site]);

  // Back and Forward move between the languages the patient switched to.
  useEffect(() => {
    const onPop = () => {
      const address = readAddress(window.location.pathname);
      setChosen(address.lang);
      setLinked(address.entry);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  // A shared link to one answer opens it, also by a title it had before it was renamed (the address
  // then becomes the current one).
  useEffect(() => {
    if (!site || !linked) return;
    const here = site.entries.filter((e) => e.language === lang);
    const target =
      here.find((e) => entrySlug(e.title) === linked) ?? here.find((e) => e.earlierSlugs?.includes(linked));
    if (target && entrySlug(target.title) !== linked) setLinked(entrySlug(target.title));
    else if (target) {
      setOpen(new Set([target.id]));
      requestAnimationFrame(() =>
        document.querySelector(`[data-testid="public-entry-${target.id}"]`)?.scrollIntoView(),
      );
    } else {
      setLinkGone(true);
      setLinked(null);
    }
  }, [site, linked, lang]);

  // The address follows the language and the answer last opened (replaced, not a new history entry
  // per click; a language switch is a new entry so Back returns to the other language).
  useEffect(() => {
    if (!site) return;
    const path = helpPath(clinic, lang, linked);
    if (window.location.pathname !== path) window.history.replaceState(null, '', path);
  }, [site, clinic, lang, linked]);

  const inLanguage = useMemo(() => (site?.entries ?? []).filter((e) => e.language === lang), [site, lang]);
  // Built once per language; every keystroke only searches it (what videos say included).
  const searches = useMemo(() => {
    const all = site?.entries ?? [];
    return new Map(
      (site?.languages ?? []).map((l) => [
        l,
        createHelpSearch(
          all.filter((e) => e.language === l).map((e) => ({ ...e, captions: e.video?.transcript ?? '' })),
        ),
      ]),
    );
  }, [site]);
  const matches = useMemo(
    () => (query.trim() ? (searches.get(lang)?.(query, 30) ?? []) : null),
    [searches, lang, query],
  );
  // Nothing here: the other languages may answer it (a patient types in the language they think in).
  const elsewhere = useMemo(
    () =>
      matches?.length === 0
        ? [...searches]
            .filter(([l]) => l !== lang)
            .map(([l, search]) => ({ lang: l, count: search(query, 30).length }))
            .filter((x) => x.count > 0)
        : [],
    [matches, searches, lang, query],
  );
  const switchLanguage = (l: string) => {
    // The answer open now goes along: its translation opens, or the same words are searched there.
    const current = linked ? inLanguage.find((e) => entrySlug(e.title) === linked) : undefined;
    const translationId = current?.translations?.[l];
    const translation = site?.entries.find((e) => e.id === translationId && e.language === l);
    const slug = translation ? entrySlug(translation.title) : null;
    if (l !== lang) window.history.pushState(null, '', helpPath(clinic, l, slug));
    setChosen(l);
    setLinked(slug);
    setLinkGone(false);
    setNoTranslation(!!current && !translation && l !== lang);
    setOpen(new Set(translation ? [translation.id] : []));
    if (current && !translation && !query.trim()) setQuery(current.title);
    // The words searched were the old language's: kept, they would hide the translation just opened.
    if (translation) setQuery('');
  };
  const byCategory = useMemo(() => {
    const groups = new Map<string, PublicHelpEntry[]>();
    for (const e of [...inLanguage].sort((a, b) => a.title.localeCompare(b.title, lang))) {
      groups.set(e.category, [...(groups.get(e.category) ?? []), e]);
    }
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, lang));
  }, [inLanguage, lang]);

  const toggle = (e: PublicHelpEntry) => {
    const opening = !open.has(e.id);
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(e.id)) next.delete(e.id);
      else next.add(e.id);
      return next;
    });
    setLinked(opening ? entrySlug(e.title) : null);
    setLinkGone(false);
    setNoTranslation(false);
  };
  const entry = (e: PublicHelpEntry, match?: NonNullable<typeof matches>[number]) => (
    <PublicEntry
      key={e.id}
      entry={e}
      open={open.has(e.id)}
      onToggle={() => toggle(e)}
      title={match?.title}
      snippet={match?.snippet}
      strings={t}
      lang={lang}
      timeZone={timeZone}
    />
  );

  const clinicHours = hours && <ClinicHours hours={hours} lang={lang} strings={t} />;

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
                  onClick={() => switchLanguage(l)}
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
            {loaded.state === 'ready' && loaded.savedCopy && (
              <p className="ph-saved-copy" role="status" data-testid="public-saved-copy">
                {t.savedCopy(loaded.savedCopy.at && clinicDate(loaded.savedCopy.at, lang, timeZone))}
              </p>
            )}
            {noTranslation && (
              <p className="ph-saved-copy" role="status" data-testid="public-no-translation">
                {t.noTranslation}
              </p>
            )}
            {linkGone && (
              <p className="ph-saved-copy" role="status" data-testid="public-link-gone">
                {t.linkGone}
              </p>
            )}
            <p className="ph-intro">{t.intro}</p>
            <p className="ph-emergency">
              <WithPhoneLinks text={t.emergency} />
            </p>
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
            {/* The hours come after the search box (on a phone both fit the first screen with the
                emergency words), and after the answers while searching. */}
            {!matches && clinicHours}
            {matches ? (
              matches.length > 0 ? (
                <ul className="ph-list" data-testid="public-results">
                  {matches.map((m) => entry(m.entry, m))}
                </ul>
              ) : (
                <NothingFound
                  query={query.trim()}
                  strings={t}
                  elsewhere={elsewhere}
                  onShowElsewhere={switchLanguage}
                />
              )
            ) : (
              byCategory.map(([category, list]) => (
                <section key={category} className="ph-category" aria-labelledby={`cat-${category}`}>
                  <h2 id={`cat-${category}`}>{category}</h2>
                  <ul className="ph-list">{list.map((e) => entry(e))}</ul>
                </section>
              ))
            )}
            {matches && clinicHours}
          </>
        )}
      </main>
    </>
  );
}
