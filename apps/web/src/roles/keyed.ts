/** Stable React keys for lists of texts that may repeat: the text plus its occurrence number. */
export function keyed(lines: readonly string[]): Array<{ key: string; text: string }> {
  const seen = new Map<string, number>();
  return lines.map((text) => {
    const n = (seen.get(text) ?? 0) + 1;
    seen.set(text, n);
    return { key: `${text}#${n}`, text };
  });
}
