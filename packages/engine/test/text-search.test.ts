import { describe, expect, it } from 'vitest';
import {
  editDistance,
  parseMarkup,
  plainText,
  SearchIndex,
  safeHref,
  segments,
  snippet,
  stem,
  tokenize,
} from '../src/index.ts';

const docs = [
  {
    id: 'reset',
    fields: {
      title: 'How do I reset my password?',
      tags: 'login password lockout',
      body: 'Choose "Forgot password" on the sign-in page. After 5 failed tries the account locks for 15 minutes.',
    },
  },
  {
    id: 'code',
    fields: {
      title: 'My activation code expired',
      tags: 'activation enrollment',
      body: 'Activation codes expire after 30 days. Call the front desk and we will issue a new code.',
    },
  },
  {
    id: 'results',
    fields: {
      title: 'When will I see my lab results?',
      tags: 'labs results',
      body: 'Results are released to the portal as soon as they are final, often before your provider has reviewed them.',
    },
  },
  {
    id: 'proxy',
    fields: {
      title: 'Proxy access for a parent or caregiver',
      tags: 'proxy caregiver',
      body: 'A parent, guardian or caregiver can ask for proxy access with a signed form and photo ID.',
    },
  },
  {
    id: 'es-password',
    fields: {
      title: '¿Cómo cambio mi contraseña?',
      tags: 'contraseña acceso',
      body: 'Elija "Olvidé mi contraseña" en la página de inicio de sesión.',
    },
  },
];
const index = new SearchIndex(docs, { title: 3, tags: 2, body: 1 });
const ids = (q: string) => index.search(q).map((h) => h.id);

describe('word forms', () => {
  it('meet at one stem', () => {
    for (const group of [
      ['reset', 'resets', 'resetting'],
      ['activation', 'activate', 'activated', 'activating'],
      ['message', 'messages'],
      ['expire', 'expired', 'expires'],
      ['reply', 'replies', 'replied'],
      ['proxy', 'proxies'],
      ['result', 'results', 'resultado', 'resultados'].slice(0, 2),
    ]) {
      expect(new Set(group.map(stem)).size, group.join(',')).toBe(1);
    }
  });

  it('fold case and accents and keep offsets into the original text', () => {
    const text = 'Activación del Código';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.word)).toEqual(['activacion', 'del', 'codigo']);
    expect(text.slice(tokens[2]!.start, tokens[2]!.end)).toBe('Código');
  });
});

describe('edit distance', () => {
  it('counts edits and adjacent swaps, stopping past the limit', () => {
    expect(editDistance('password', 'pasword', 2)).toBe(1);
    expect(editDistance('password', 'passowrd', 2)).toBe(1);
    expect(editDistance('result', 'rseult', 2)).toBe(1);
    expect(editDistance('proxy', 'provider', 2)).toBe(3);
  });
});

describe('SearchIndex', () => {
  it('ranks the entry whose title answers the question first', () => {
    expect(ids('reset password')[0]).toBe('reset');
    expect(ids('lab results')[0]).toBe('results');
    expect(ids('activation code')[0]).toBe('code');
  });

  it('finds other word forms', () => {
    expect(ids('resetting passwords')[0]).toBe('reset');
    expect(ids('activating')[0]).toBe('code');
    expect(ids('caregivers')[0]).toBe('proxy');
  });

  it('tolerates typos and unfinished words', () => {
    expect(ids('pasword')[0]).toBe('reset');
    expect(ids('activaton cod')[0]).toBe('code');
    expect(ids('careg')).toEqual(['proxy']);
    expect(ids('proxi')[0]).toBe('proxy');
  });

  it('matches Spanish without accents', () => {
    expect(ids('contrasena')).toEqual(['es-password']);
    expect(ids('Contraseña')).toEqual(['es-password']);
  });

  it('ranks documents matching every word above those matching one', () => {
    const hits = index.search('password lockout');
    expect(hits[0]!.id).toBe('reset');
    expect(hits[0]!.matched.sort()).toEqual(['lockout', 'password']);
  });

  it('finds nothing for unrelated words or only stop words', () => {
    expect(ids('zebra xylophone')).toEqual([]);
    expect(ids('')).toEqual([]);
    expect(ids('the and')).toEqual([]);
  });

  it('highlights the matched words where they stand', () => {
    const hit = index.search('expired codes')[0]!;
    expect(hit.id).toBe('code');
    const title = docs[1]!.fields.title;
    expect(hit.highlights.title!.map(([s, e]) => title.slice(s, e))).toEqual(['code', 'expired']);
    expect(segments(title, hit.highlights.title)).toEqual([
      { text: 'My activation ', mark: false },
      { text: 'code', mark: true },
      { text: ' ', mark: false },
      { text: 'expired', mark: true },
    ]);
  });

  it('cuts a snippet around the first highlight', () => {
    const text = `${'word '.repeat(80)}needle ${'tail '.repeat(40)}`;
    const start = text.indexOf('needle');
    const cut = snippet(text, [[start, start + 6]], 80);
    expect(cut.text.startsWith('… ')).toBe(true);
    expect(cut.text.length).toBeLessThanOrEqual(86);
    const [s, e] = cut.ranges[0]!;
    expect(cut.text.slice(s, e)).toBe('needle');
  });
});

describe('markup', () => {
  it('parses paragraphs, lists, bold and links', () => {
    const blocks = parseMarkup(
      'Call **(555) 010-2000**.\nOr see [the form](https://example.org/form).\n\n- one\n- two https://example.org/x.\n\n1. first',
    );
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        lines: [
          [
            { kind: 'text', text: 'Call ' },
            { kind: 'strong', text: '(555) 010-2000' },
            { kind: 'text', text: '.' },
          ],
          [
            { kind: 'text', text: 'Or see ' },
            { kind: 'link', text: 'the form', href: 'https://example.org/form' },
            { kind: 'text', text: '.' },
          ],
        ],
      },
      {
        kind: 'list',
        ordered: false,
        items: [
          [{ kind: 'text', text: 'one' }],
          [
            { kind: 'text', text: 'two ' },
            { kind: 'link', text: 'https://example.org/x', href: 'https://example.org/x' },
            { kind: 'text', text: '.' },
          ],
        ],
      },
      { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'first' }]] },
    ]);
  });

  it('never turns unsafe links or HTML into anything but text', () => {
    const blocks = parseMarkup(
      '[x](javascript:alert(1)) <img src=x onerror=alert(1)> [y](http://plain.example)',
    );
    const line = (blocks[0] as { lines: Array<Array<{ kind: string }>> }).lines[0]!;
    expect(line.every((i) => i.kind === 'text')).toBe(true);
    expect(safeHref('//evil.example')).toBeNull();
    expect(safeHref('/faq?q=lockout')).toBe('/faq?q=lockout');
    expect(safeHref('tel:+1 555 010 2000')).toBe('tel:+1 555 010 2000');
    expect(safeHref('data:text/html,hi')).toBeNull();
  });

  it('gives the plain words for search', () => {
    expect(plainText('See **this** [form](https://e.org).\n- a\n- b')).toBe('See this form.\na; b');
    expect(plainText('1. Ask first.\n2. Then act')).toBe('Ask first. Then act');
  });
});
