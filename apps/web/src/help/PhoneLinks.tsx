/**
 * US phone numbers as written in help ("(555) 010-2000", "555-010-2000") and 911. Digits inside longer
 * numbers (a chart number, a code such as 1-911-22) are left alone.
 */
const PHONE = /(?<![\w-])(?:\(\d{3}\) ?\d{3}-\d{4}|\d{3}-\d{3}-\d{4}|911)(?![\w-])/g;

/** What a phone dials for a number as written: the ten digits with the country's +1, or 911 as is. */
export function telHref(written: string): string {
  const digits = written.replace(/\D/g, '');
  return digits.length === 10 ? `tel:+1${digits}` : `tel:${digits}`;
}

/**
 * Text with each phone number a link that calls it: on a phone one tap, where copying digits out of a
 * paragraph is where a patient gives up (and 911 in the emergency words, when it matters most).
 */
export function WithPhoneLinks({ text }: { text: string }) {
  const parts: Array<string | { number: string }> = [];
  let last = 0;
  for (const m of text.matchAll(PHONE)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push({ number: m[0] });
    last = m.index + m[0].length;
  }
  if (last === 0) return <>{text}</>;
  if (last < text.length) parts.push(text.slice(last));
  return (
    <>
      {parts.map((p, i) =>
        typeof p === 'string' ? (
          p
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never reorder
          <a key={i} href={telHref(p.number)} className="pf-phone">
            {p.number}
          </a>
        ),
      )}
    </>
  );
}
