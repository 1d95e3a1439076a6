import { helpSlug } from '@portalflow/engine/text';

/**
 * The public help page's address says what is shown, so a link can be shared:
 * `/help/<clinic>`, `/help/<clinic>/<lang>` and `/help/<clinic>/<lang>/<entry-slug>`. Nothing a
 * patient types (searches) ever goes into it.
 */
export interface HelpAddress {
  clinic: string;
  lang: string | null;
  entry: string | null;
}

export function readAddress(pathname: string): HelpAddress {
  const [, , clinic = '', lang = '', entry = ''] = pathname.split('/').map((p) => decodeURIComponent(p));
  return {
    clinic,
    lang: /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/.test(lang) ? lang : null,
    entry: entry || null,
  };
}

export const helpPath = (clinic: string, lang: string, entry?: string | null) =>
  `/help/${encodeURIComponent(clinic)}/${lang}${entry ? `/${encodeURIComponent(entry)}` : ''}`;

/** An entry's slug from its title (the server lists an answer's earlier ones by the same rule). */
export const entrySlug = helpSlug;

/** `<link rel="alternate" hreflang>` for each language, so search engines and shares find the others. */
export function setAlternates(clinic: string, languages: string[]): void {
  for (const old of document.head.querySelectorAll('link[rel="alternate"][hreflang]')) old.remove();
  for (const lang of languages) {
    const link = document.createElement('link');
    link.rel = 'alternate';
    link.hreflang = lang;
    link.href = new URL(helpPath(clinic, lang), window.location.origin).href;
    document.head.append(link);
  }
}
