/** A content coding the server can send. */
export type Encoding = 'br' | 'gzip' | 'identity';

/** Preference when the client weighs several equally: Brotli is the smallest, identity the last resort. */
const PREFERENCE: readonly Encoding[] = ['br', 'gzip', 'identity'];

/**
 * The coding to answer with, from an `Accept-Encoding` header (RFC 9110 §12.5.3) and the codings on
 * offer: the highest q-value wins, ties go to the smaller coding, `q=0` rules a coding out, `*`
 * stands for every coding not named. Identity, when not named, is acceptable at the lowest weight
 * the client gave anything (as the `negotiator` package used by Express does) unless `*;q=0` rules
 * it out; if nothing on offer is acceptable, identity is sent anyway (as the RFC allows).
 */
export function chooseEncoding(header: string | undefined, offered: readonly Encoding[]): Encoding {
  if (!header) return 'identity';
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';');
    const coding = name?.trim().toLowerCase();
    if (!coding) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split('=').map((s) => s.trim());
      if (key?.toLowerCase() === 'q') q = qValue(value);
    }
    // A coding named twice keeps its first weight.
    if (!weights.has(coding)) weights.set(coding, q);
  }
  const wildcard = weights.get('*');
  const lowest = Math.min(1, ...[...weights.values()].filter((q) => q > 0));
  const weight = (coding: Encoding): number =>
    weights.get(coding) ?? wildcard ?? (coding === 'identity' ? lowest : 0);
  let best: Encoding = 'identity';
  let bestQ = 0;
  for (const coding of PREFERENCE) {
    if (coding !== 'identity' && !offered.includes(coding)) continue;
    const q = weight(coding);
    if (q > bestQ) {
      best = coding;
      bestQ = q;
    }
  }
  return best;
}

/** A q-value (0 to 1, at most three decimals); anything malformed counts as "not acceptable". */
function qValue(value: string | undefined): number {
  if (!value || !/^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value)) return 0;
  return Number(value);
}
