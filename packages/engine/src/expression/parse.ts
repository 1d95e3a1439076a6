import type { CompareOp, Expr, ListExpr, LiteralValue, PathExpr } from './ast.ts';
import { expressionError, Lexer, type Token } from './lexer.ts';

/**
 * Recursive-descent parser. Precedence, loosest first: `or`/`||`, `and`/`&&`, `not`/`!`,
 * comparisons and `in` (not chainable), then values. `not` binds looser than a comparison,
 * so `not data.a == 1` means `not (data.a == 1)`.
 */

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null', 'data']);
const COMPARE_OPS = new Set<string>(['==', '!=', '<', '<=', '>', '>=']);
/** Deep enough for any real condition, shallow enough to never exhaust the stack. */
const MAX_DEPTH = 64;
/** Keeps left-deep `and`/`or` chains (evaluated recursively) far from the stack limit. */
const MAX_LENGTH = 10_000;

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the expression';
    case 'string':
      return 'a string';
    case 'number':
      return `the number ${token.text}`;
    case 'name':
    case 'punct':
      return `'${token.value}'`;
  }
}

function isWord(token: Token, word: string): boolean {
  return token.type === 'name' && token.value === word;
}

function isPunct(token: Token, value: string): boolean {
  return token.type === 'punct' && token.value === value;
}

class Parser {
  private readonly lex: Lexer;
  private depth = 0;

  constructor(private readonly source: string) {
    this.lex = new Lexer(source);
  }

  private fail(token: Token, message: string): never {
    throw expressionError(this.source, token.pos, message);
  }

  private expected(what: string, token: Token, hint = ''): never {
    return this.fail(token, `expected ${what} at character ${token.pos}, found ${describe(token)}${hint}`);
  }

  private nest<T>(token: Token, parse: () => T): T {
    if (++this.depth > MAX_DEPTH)
      this.fail(token, `the expression nests too deeply at character ${token.pos}`);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  parse(): Expr {
    const expr = this.parseOr();
    const token = this.lex.peek();
    if (token.type === 'end') return expr;
    if (token.type === 'punct' && COMPARE_OPS.has(token.value)) {
      this.fail(token, `comparisons cannot be chained (character ${token.pos}); join them with 'and'`);
    }
    const lower = token.type === 'name' ? token.value.toLowerCase() : '';
    const hint = lower === 'and' || lower === 'or' ? `; did you mean '${lower}'?` : '';
    return this.expected("'and', 'or' or the end of the expression", token, hint);
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    for (let t = this.lex.peek(); isWord(t, 'or') || isPunct(t, '||'); t = this.lex.peek()) {
      this.lex.next();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    for (let t = this.lex.peek(); isWord(t, 'and') || isPunct(t, '&&'); t = this.lex.peek()) {
      this.lex.next();
      left = { kind: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): Expr {
    const t = this.lex.peek();
    if (isWord(t, 'not') || isPunct(t, '!')) {
      this.lex.next();
      return this.nest(t, () => ({ kind: 'not', operand: this.parseNot() }));
    }
    return this.parseComparison();
  }

  private parseComparison(): Expr {
    const left = this.parseValue();
    const t = this.lex.peek();
    if (t.type === 'punct' && COMPARE_OPS.has(t.value)) {
      this.lex.next();
      return { kind: 'compare', op: t.value as CompareOp, left, right: this.parseValue() };
    }
    if (isWord(t, 'in')) {
      this.lex.next();
      return { kind: 'in', negated: false, left, right: this.parseCollection() };
    }
    if (isWord(t, 'not') && isWord(this.lex.peek(1), 'in')) {
      this.lex.next();
      this.lex.next();
      return { kind: 'in', negated: true, left, right: this.parseCollection() };
    }
    return left;
  }

  /** A literal, a path or a parenthesised expression. */
  private parseValue(): Expr {
    const t = this.lex.peek();
    if (isPunct(t, '(')) {
      this.lex.next();
      const inner = this.nest(t, () => this.parseOr());
      const close = this.lex.next();
      if (!isPunct(close, ')')) {
        this.fail(
          close,
          `expected ')' at character ${close.pos} to close the '(' at character ${t.pos}, found ${describe(close)}`,
        );
      }
      return inner;
    }
    if (isPunct(t, '[')) this.fail(t, `a list [...] can only follow 'in' (character ${t.pos})`);
    const literal = this.tryLiteral();
    if (literal !== undefined) return { kind: 'literal', value: literal.value };
    if (isWord(t, 'data')) return this.parsePath();
    if (t.type === 'name') this.unknownName(t.value, t);
    return this.expected('a value', t);
  }

  private unknownName(name: string, t: Token): never {
    const lower = name.toLowerCase();
    const hint = KEYWORDS.has(lower) ? ` (did you mean '${lower}'?)` : ` (did you mean data.${name}?)`;
    return this.fail(
      t,
      `unknown name '${name}' at character ${t.pos}: values are read from paths that start with data${hint}`,
    );
  }

  /** Consumes a literal if one is next; `{ value }` so that `null` is distinguishable from "none". */
  private tryLiteral(): { value: LiteralValue } | undefined {
    const t = this.lex.peek();
    let value: LiteralValue;
    if (t.type === 'number' || t.type === 'string') value = t.value;
    else if (isWord(t, 'true')) value = true;
    else if (isWord(t, 'false')) value = false;
    else if (isWord(t, 'null')) value = null;
    else return undefined;
    this.lex.next();
    return { value };
  }

  private parsePath(): PathExpr {
    this.lex.next();
    const path: string[] = [];
    for (;;) {
      const t = this.lex.peek();
      if (isPunct(t, '.')) {
        this.lex.next();
        const seg = this.lex.next();
        if (seg.type === 'name') path.push(seg.value);
        else if (seg.type === 'number' && /^\d+$/.test(seg.text)) path.push(seg.text);
        else this.expected("a field name after '.'", seg);
      } else if (isPunct(t, '[')) {
        this.lex.next();
        const key = this.lex.next();
        if (key.type === 'string') path.push(key.value);
        else if (key.type === 'number' && /^\d+$/.test(key.text)) path.push(key.text);
        else this.expected("a quoted field name or an index after '['", key);
        const close = this.lex.next();
        if (!isPunct(close, ']')) this.expected("']'", close);
      } else {
        return { kind: 'path', path };
      }
    }
  }

  /** The right side of `in`: a list of literals or a path to an array. */
  private parseCollection(): ListExpr | PathExpr {
    const t = this.lex.peek();
    if (isWord(t, 'data')) return this.parsePath();
    if (!isPunct(t, '[')) return this.expected("a list [...] or a data path after 'in'", t);
    this.lex.next();
    const items: LiteralValue[] = [];
    for (;;) {
      if (isPunct(this.lex.peek(), ']')) break;
      const literal = this.tryLiteral();
      if (literal === undefined)
        this.expected('a literal value (number, string, true, false or null) in the list', this.lex.peek());
      items.push(literal.value);
      const sep = this.lex.peek();
      if (isPunct(sep, ',')) this.lex.next();
      else if (!isPunct(sep, ']')) this.expected("',' or ']'", sep);
    }
    this.lex.next();
    return { kind: 'list', items };
  }
}

/** Parses a `when` expression; throws EXPRESSION_INVALID with `{ position, source }` details. */
export function parseExpression(source: string): Expr {
  if (typeof source !== 'string') throw expressionError(String(source), 0, 'expected the expression as text');
  if (source.length > MAX_LENGTH) {
    throw expressionError(
      source,
      MAX_LENGTH,
      `the expression is too long (at most ${MAX_LENGTH} characters)`,
    );
  }
  return new Parser(source).parse();
}
