import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PortalflowError } from '../src/errors.ts';
import type { Expr, LiteralValue } from '../src/expression/index.ts';
import {
  checkExpression,
  compileExpression,
  evaluate,
  holds,
  parseExpression,
  paths,
  printExpression,
} from '../src/expression/index.ts';

function errorOf(source: string): PortalflowError {
  try {
    parseExpression(source);
  } catch (error) {
    if (error instanceof PortalflowError) return error;
    throw error;
  }
  throw new Error(`expected ${source} to fail`);
}

describe('parseExpression', () => {
  it('parses comparisons, paths and literals', () => {
    expect(parseExpression('data.urgent == true')).toEqual({
      kind: 'compare',
      op: '==',
      left: { kind: 'path', path: ['urgent'] },
      right: { kind: 'literal', value: true },
    });
    expect(parseExpression(`data["key with space"].x != 'it\\'s'`)).toEqual({
      kind: 'compare',
      op: '!=',
      left: { kind: 'path', path: ['key with space', 'x'] },
      right: { kind: 'literal', value: "it's" },
    });
    expect(parseExpression('data.items[0].qty >= -1.5e2')).toMatchObject({
      left: { path: ['items', '0', 'qty'] },
      right: { value: -150 },
    });
    expect(parseExpression('"a\\n\\u0041\\u{1F600}"')).toEqual({ kind: 'literal', value: 'a\nA😀' });
    expect(parseExpression('null')).toEqual({ kind: 'literal', value: null });
    expect(parseExpression('data')).toEqual({ kind: 'path', path: [] });
  });

  it('gives not a looser binding than comparison, and and tighter than or', () => {
    expect(printExpression(parseExpression('not data.a == 1'))).toBe('not data.a == 1');
    expect(parseExpression('not data.a == 1').kind).toBe('not');
    const e = parseExpression('data.a || data.b && !data.c');
    expect(e).toMatchObject({ kind: 'or', right: { kind: 'and', right: { kind: 'not' } } });
    expect(printExpression(e)).toBe('data.a or data.b and not data.c');
    expect(printExpression(parseExpression('(data.a or data.b) and data.c'))).toBe(
      '(data.a or data.b) and data.c',
    );
  });

  it('parses in and not in with lists or paths', () => {
    expect(parseExpression("data.topic in ['refill', 'billing',]")).toEqual({
      kind: 'in',
      negated: false,
      left: { kind: 'path', path: ['topic'] },
      right: { kind: 'list', items: ['refill', 'billing'] },
    });
    expect(parseExpression('data.x not in data.blocked')).toMatchObject({
      negated: true,
      right: { kind: 'path' },
    });
    expect(parseExpression('data.x in []')).toMatchObject({ right: { items: [] } });
  });

  it.each([
    ['data.urgent ==', 14, /expected a value at character 14/],
    ['data.x === 1', 7, /use '==' instead of '==='/],
    ['data.x = 1', 7, /use '==' to compare/],
    ['foo == 1', 0, /unknown name 'foo'.*start with data/],
    ['True', 0, /did you mean 'true'/],
    ['data.a == 1 AND data.b', 12, /did you mean 'and'/],
    ['data.a < data.b < 3', 16, /cannot be chained/],
    ['(data.a', 7, /expected '\)' at character 7/],
    ["'open", 0, /unterminated string/],
    ['data.a in 3', 10, /list \[\.\.\.\] or a data path/],
    ['[1] == data.a', 0, /can only follow 'in'/],
    ['data.a in [data.b]', 11, /literal value/],
    ['data.', 5, /field name/],
    ['data.a & data.b', 7, /use 'and'/],
    ['data.a == 1x', 11, /right after the number/],
    ['"\\q"', 1, /unknown escape/],
    ['data.a == #', 10, /unexpected character '#'/],
    ['', 0, /expected a value/],
  ])('rejects %j at %i', (source, position, message) => {
    const error = errorOf(source);
    expect(error.code).toBe('EXPRESSION_INVALID');
    expect(error.details).toEqual({ position, source });
    expect(error.message).toMatch(message);
  });

  it('limits nesting instead of overflowing the stack', () => {
    expect(errorOf('('.repeat(1000)).message).toMatch(/nests too deeply/);
    expect(errorOf('not '.repeat(1000)).message).toMatch(/nests too deeply/);
  });
});

describe('checkExpression and compileExpression', () => {
  it('reports without throwing', () => {
    expect(checkExpression('data.x ==')).toEqual({
      ok: false,
      message: 'expected a value at character 9, found the end of the expression',
      position: 9,
    });
    expect(checkExpression('data.x == 1')).toMatchObject({ ok: true, expr: { kind: 'compare' } });
    expect(checkExpression(42 as unknown as string)).toMatchObject({ ok: false, position: 0 });
  });

  it('memoises and shares frozen trees, and rethrows failures with details', () => {
    const a = compileExpression('data.n > 3');
    expect(compileExpression('data.n > 3')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(() => compileExpression('data.n >')).toThrow(PortalflowError);
    try {
      compileExpression('data.n >');
    } catch (error) {
      expect((error as PortalflowError).details).toEqual({ position: 8, source: 'data.n >' });
    }
  });

  it('stays bounded when many distinct sources are compiled', () => {
    for (let i = 0; i < 6000; i++) compileExpression(`data.n == ${i}`);
    expect(compileExpression('data.n == 5999')).toBe(compileExpression('data.n == 5999'));
  });
});

describe('evaluate', () => {
  const data = {
    urgent: true,
    n: 5,
    name: 'Ana',
    topic: 'refill',
    tags: ['a', 'b'],
    nested: { 'a b': 1 },
    zero: 0,
  };
  const scope = { data };
  const run = (source: string): unknown => evaluate(parseExpression(source), scope);

  it.each([
    ['data.urgent == true', true],
    ['data.urgent', true],
    ['data.n > 3 and data.n <= 5', true],
    ['data.n < 3 or data.name >= "Ab"', true],
    ['data.n > "3"', false],
    ['data.n == "5"', false],
    ['data.n != "5"', true],
    ['data.missing.deep == null', true],
    ['data.missing > 1', false],
    ['data.missing < 1', false],
    ['not data.missing', true],
    ['not data.zero', true],
    ['data.zero == false', false],
    ["data.topic in ['refill', 'billing']", true],
    ["data.topic not in ['refill']", false],
    ["'a' in data.tags", true],
    ["'z' not in data.tags", true],
    ["'a' in data.name", false],
    ["'a' not in data.name", false],
    ['data.nested["a b"] == 1', true],
    ['data.tags[1] == "b"', true],
    ['data.tags.length == 2', true],
    ['data.constructor == null', true],
    ['data.__proto__ == null', true],
    ['"b" < "a"', false],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('is total for any data', () => {
    const exprs = ['data.a.b > 1', "data.a in ['x']", 'not data', 'data.a == data.b'].map(parseExpression);
    fc.assert(
      fc.property(fc.anything(), (value) => {
        for (const e of exprs) {
          expect(typeof holds(e, { data: value })).toBe('boolean');
          expect(typeof holds(e, { data: { a: value, b: value } })).toBe('boolean');
        }
      }),
    );
  });

  it('returns undefined when a getter throws', () => {
    const hostile = Object.defineProperty({}, 'x', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(evaluate(parseExpression('data.x'), { data: hostile })).toBeUndefined();
  });
});

describe('paths', () => {
  it('lists each data path once, in order', () => {
    expect(
      paths(parseExpression('data.a.b == 1 and (data.c in data.list or data.a.b > data["x y"])')),
    ).toEqual([['a', 'b'], ['c'], ['list'], ['x y']]);
    expect(paths(parseExpression('true'))).toEqual([]);
  });
});

describe('properties', () => {
  const pieces = fc.constantFrom(
    'data',
    '.',
    'x',
    'y',
    '[',
    ']',
    '(',
    ')',
    ' ',
    '==',
    '=',
    '!=',
    '<',
    '<=',
    '>',
    '>=',
    '!',
    '&&',
    '||',
    'and',
    'or',
    'not',
    'in',
    'true',
    'false',
    'null',
    '1',
    '-2.5',
    '1e3',
    "'s'",
    '"t"',
    ',',
    '\\',
    "'",
    '"',
  );
  const sources = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.array(pieces, { maxLength: 25 }).map((p) => p.join('')),
  );

  it('never crashes on random text', () => {
    fc.assert(
      fc.property(sources, (source) => {
        let expr: Expr;
        try {
          expr = parseExpression(source);
        } catch (error) {
          expect(error).toBeInstanceOf(PortalflowError);
          const e = error as PortalflowError;
          expect(e.code).toBe('EXPRESSION_INVALID');
          const { position } = e.details as { position: number };
          expect(position).toBeGreaterThanOrEqual(0);
          expect(position).toBeLessThanOrEqual(source.length);
          expect(e.message).toMatch(/character \d+/);
          return;
        }
        // Whatever parses also prints back to the same tree.
        expect(parseExpression(printExpression(expr))).toEqual(expr);
      }),
      { numRuns: 3000 },
    );
  });

  const literal: fc.Arbitrary<LiteralValue> = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  );
  const segment = fc.oneof(
    fc.constantFrom('a', 'in', 'data', 'ünï', '0', '007', '$x_1'),
    fc.string({ unit: 'binary' }),
  );
  const path = fc.array(segment, { maxLength: 4 }).map((p) => ({ kind: 'path' as const, path: p }));
  const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      literal.map((value): Expr => ({ kind: 'literal', value })),
      path,
      tie('expr').map((operand): Expr => ({ kind: 'not', operand })),
      fc
        .tuple(fc.constantFrom('and' as const, 'or' as const), tie('expr'), tie('expr'))
        .map(([kind, left, right]): Expr => ({ kind, left, right })),
      fc
        .tuple(fc.constantFrom('==', '!=', '<', '<=', '>', '>=' as const), tie('expr'), tie('expr'))
        .map(([op, left, right]): Expr => ({ kind: 'compare', op, left, right })),
      fc
        .tuple(
          fc.boolean(),
          tie('expr'),
          fc.oneof(
            path,
            fc.array(literal, { maxLength: 4 }).map((items) => ({ kind: 'list' as const, items })),
          ),
        )
        .map(([negated, left, right]): Expr => ({ kind: 'in', negated, left, right })),
    ),
  }));

  it('round-trips printed trees', () => {
    fc.assert(
      fc.property(expr, (e) => {
        const text = printExpression(e);
        expect(parseExpression(text)).toEqual(e);
        expect(printExpression(parseExpression(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});
