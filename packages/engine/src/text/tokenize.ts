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

/**
 * Words that carry no meaning in a help search (English and Spanish, folded): every answer has them,
 * so matching them (`not`, `other`, `nothing`) only buries the real answer or hides that there is none.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about also an and another any anything are as at be been but by can cannot do does doesnt dont ' +
    'cant for from had has have how i if in into is isnt it its just me more my no not nothing of on or ' +
    'other others our so some something than that the their them then there these they this those to too ' +
    'very was we were what when where which who why will with you your ' +
    'al algo algun alguna como con cual de del el ella en es esa ese eso esta este esto la las le les lo ' +
    'los mas mi mis muy nada ni no nos otra otras otro otros para pero por que se si sin su sus tambien ' +
    'todo todos tu un una y ya yo'
  ).split(' '),
);
