/**
 * The candidate a mistyped word most likely meant: one that differs only in case or separators
 * ("approved" for "Approved", "payment plan" for "payment-plan"), else one a couple of keystrokes
 * away ("payerAnswr" for "payerAnswer"). Undefined when none is close: a wrong guess misleads more
 * than no guess.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const loose = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  const alike = candidates.find((c) => loose(c) === loose(word));
  if (alike !== undefined) return alike;
  const limit = Math.min(2, Math.floor(word.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = distance(loose(word), loose(c), limit);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Edit distance (insert, delete, replace), giving up past `limit` so long names cost little. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      smallest = Math.min(smallest, row[j]!);
    }
    if (smallest > limit) return limit + 1;
    previous = row;
  }
  return previous[b.length]!;
}
