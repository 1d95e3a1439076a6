/** A word of a text with where it sits in the original string, so matches can be highlighted there. */
export interface Token {
  /** Lower-case, accents removed: `Código` → `codigo`. */
  word: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Lower case without diacritics, so `contraseña` matches `contrasena` and `activación` `activacion`. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    tokens.push({
      word: fold(m[0])
        .replace(/['’]s$/, '')
        .replace(/['’]/g, ''),
      start,
      end: start + m[0].length,
    });
  }
  return tokens;
}

/** Words that carry no meaning in a help search (English and Spanish). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be by can do does for from how i if in into is it its me my of on or our so that the ' +
    'their them then there these this to was we what when where which who why will with you your ' +
    'al como con cual de del el en es la las lo los mi mis no para por que se si su sus un una y yo'
  ).split(' '),
);
