import type { Strings } from './strings.ts';

/**
 * A search that found nothing on this page. It may have been a symptom typed at night, so 911 comes
 * first; then what to try.
 */
export function NothingFound({ query, strings }: { query: string; strings: Strings }) {
  return (
    <div className="ph-status" data-testid="public-nothing">
      <p className="ph-emergency">{strings.nothingEmergency}</p>
      <p>{strings.nothing(query)}</p>
      <p>{strings.nothingHint}</p>
    </div>
  );
}
