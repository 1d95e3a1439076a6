import { WithPhoneLinks } from '../PhoneLinks.tsx';
import { type Strings, stringsFor } from './strings.ts';

/**
 * A search that found nothing on this page. It may have been a symptom typed at night, so 911 comes
 * first; then what to try. Answers in another language that match are offered in that language's own
 * words: a patient who typed in it reads it better than the page's.
 */
export function NothingFound({
  query,
  strings,
  elsewhere,
  onShowElsewhere,
}: {
  query: string;
  strings: Strings;
  /** How many answers match in each other language that has any. */
  elsewhere: Array<{ lang: string; count: number }>;
  onShowElsewhere: (lang: string) => void;
}) {
  return (
    <div className="ph-status" data-testid="public-nothing">
      <p className="ph-emergency">
        <WithPhoneLinks text={strings.nothingEmergency} />
      </p>
      <p>{strings.nothing(query)}</p>
      {elsewhere.map(({ lang, count }) => {
        const theirs = stringsFor(lang);
        return (
          <div key={lang} lang={lang} className="ph-elsewhere" data-testid={`public-elsewhere-${lang}`}>
            <p>{theirs.elsewhere(count, query)}</p>
            <button type="button" className="ph-button" onClick={() => onShowElsewhere(lang)}>
              {theirs.showElsewhere}
            </button>
          </div>
        );
      })}
      <p>{strings.nothingHint}</p>
    </div>
  );
}
