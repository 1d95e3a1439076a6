import type { PublicClinicHours } from '@portalflow/contract';
import { closureText, weekLines, zoneNote } from './hoursText.ts';
import type { Strings } from './strings.ts';

/** The clinic's hours and its next closed days, for a patient deciding whether to call or come in. */
export function ClinicHours({
  hours,
  lang,
  strings,
}: {
  hours: PublicClinicHours;
  lang: string;
  strings: Strings;
}) {
  const zone = zoneNote(hours.timeZone, lang);
  return (
    <section className="ph-hours" aria-labelledby="ph-hours-title" data-testid="public-hours">
      <h2 id="ph-hours-title">{strings.hoursTitle}</h2>
      {zone && (
        <p className="ph-hours-zone" data-testid="public-hours-zone">
          {strings.hoursZone(zone)}
        </p>
      )}
      <ul>
        {weekLines(hours.week, lang, strings.closed, hours.clock).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {hours.closures.length > 0 && (
        <>
          <h3>{strings.closedOn}</h3>
          <ul data-testid="public-closures">
            {hours.closures.map((c) => (
              <li key={c.date}>{closureText(c, lang, strings.closedDay)}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
