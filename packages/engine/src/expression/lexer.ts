import { PortalflowError } from '../errors.ts';

/** Tokens of the `when` language, produced on demand so errors come out left to right. */

export type Punct =
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '&&'
  | '||'
  | '!'
  | '('
  | ')'
  | '['
  | ']'
  | ','
  | '.';

export type Token =
  | { type: 'number'; value: number; text: string; pos: number }
  | { type: 'string'; value: string; pos: number }
  | { type: 'name'; value: string; pos: number }
  | { type: 'punct'; value: Punct; pos: number }
  | { type: 'end'; pos: number };

export function expressionError(source: string, position: number, message: string): PortalflowError {
  return new PortalflowError('EXPRESSION_INVALID', message, { position, source });
}

/** Names follow JavaScript identifiers (letters of any script, digits, `_`, `$`). */
export const NAME = /[\p{ID_Start}_$][\p{ID_Continue}$]*/uy;
const SPACE = /\s+/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const NAME_CHAR = /[\p{ID_Continue}$]/u;

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '/': '/',
};

/** A character for a message: printable as itself, otherwise as a `\u` escape. */
export function showChar(ch: string): string {
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch)
    ? `'${ch}'`
    : `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`;
}

export class Lexer {
  private pos = 0;
  private readonly buffer: Token[] = [];

  constructor(readonly source: string) {}

  peek(ahead = 0): Token {
    while (this.buffer.length <= ahead) this.buffer.push(this.read());
    return this.buffer[ahead]!;
  }

  next(): Token {
    const token = this.peek();
    this.buffer.shift();
    return token;
  }

  private fail(position: number, message: string): never {
    throw expressionError(this.source, position, message);
  }

  private read(): Token {
    const src = this.source;
    SPACE.lastIndex = this.pos;
    if (SPACE.test(src)) this.pos = SPACE.lastIndex;
    const i = this.pos;
    if (i >= src.length) return { type: 'end', pos: src.length };
    const ch = src[i]!;
    const two = src.slice(i, i + 2);
    const three = src.slice(i, i + 3);
    const punct = (value: Punct): Token => {
      this.pos = i + value.length;
      return { type: 'punct', value, pos: i };
    };
    switch (ch) {
      case '=':
        if (three === '===') this.fail(i, `use '==' instead of '===' at character ${i}`);
        if (two === '==') return punct('==');
        return this.fail(i, `use '==' to compare, not '=', at character ${i}`);
      case '!':
        if (three === '!==') this.fail(i, `use '!=' instead of '!==' at character ${i}`);
        return punct(two === '!=' ? '!=' : '!');
      case '<':
      case '>':
        return punct(src[i + 1] === '=' ? (`${ch}=` as Punct) : (ch as Punct));
      case '&':
      case '|':
        if (two === ch + ch) return punct(two as Punct);
        return this.fail(i, `use '${ch === '&' ? 'and' : 'or'}' or '${ch}${ch}' at character ${i}`);
      case '(':
      case ')':
      case '[':
      case ']':
      case ',':
      case '.':
        return punct(ch);
      case "'":
      case '"':
        return this.readString(i, ch);
      default:
        break;
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(src);
    if (num) return this.readNumber(i, num[0]);
    NAME.lastIndex = i;
    const name = NAME.exec(src);
    if (name) {
      this.pos = i + name[0].length;
      return { type: 'name', value: name[0], pos: i };
    }
    const cp = String.fromCodePoint(src.codePointAt(i)!);
    return this.fail(i, `unexpected character ${showChar(cp)} at character ${i}`);
  }

  private readNumber(i: number, text: string): Token {
    const end = i + text.length;
    const after = this.source[end];
    if (after !== undefined && NAME_CHAR.test(after)) {
      this.fail(end, `unexpected ${showChar(after)} right after the number ${text} at character ${end}`);
    }
    const value = Number(text);
    if (!Number.isFinite(value)) this.fail(i, `the number ${text} at character ${i} is too large`);
    this.pos = end;
    return { type: 'number', value, text, pos: i };
  }

  private readString(start: number, quote: string): Token {
    const src = this.source;
    let out = '';
    let i = start + 1;
    while (i < src.length) {
      const ch = src[i]!;
      if (ch === quote) {
        this.pos = i + 1;
        return { type: 'string', value: out, pos: start };
      }
      if (ch !== '\\') {
        out += ch;
        i++;
        continue;
      }
      const esc = src[i + 1];
      if (esc === undefined) break;
      if (esc === 'u') {
        const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(src.slice(i + 2, i + 10));
        const plain = /^[0-9a-fA-F]{4}/.exec(src.slice(i + 2, i + 6));
        const code = braced ? Number.parseInt(braced[1]!, 16) : plain ? Number.parseInt(plain[0], 16) : -1;
        if (code < 0 || code > 0x10ffff) this.fail(i, `invalid \\u escape at character ${i}`);
        out += String.fromCodePoint(code);
        i += 2 + (braced ? braced[0].length : 4);
        continue;
      }
      const mapped = ESCAPES[esc];
      if (mapped === undefined) this.fail(i, `unknown escape \\${esc} at character ${i}`);
      out += mapped;
      i += 2;
    }
    return this.fail(start, `unterminated string starting at character ${start}`);
  }
}
