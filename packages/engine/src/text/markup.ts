/**
 * The small Markdown subset help text is written in: paragraphs, `- ` and `1. ` lists, `**bold**`,
 * `[label](https://…)` and bare `https://` links. It parses to data; renderers turn the data into
 * elements, so text from the database is never interpreted as HTML.
 */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'link'; text: string; href: string };

export type Block =
  | { kind: 'paragraph'; lines: Inline[][] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;
const INLINE = /\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)|(https:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

/** Links may go to the web over TLS, to mail or phone, or to a page of this site; nothing else. */
export function safeHref(url: string): string | null {
  const u = url.trim();
  if (/^\/(?!\/)[^\s\\]*$/.test(u)) return u;
  if (/^mailto:[^\s@]+@[^\s@]+$/i.test(u)) return u;
  if (/^tel:\+?[\d\s().-]{3,}$/i.test(u)) return u;
  try {
    const parsed = new URL(u);
    return parsed.protocol === 'https:' && parsed.hostname !== '' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  const push = (inline: Inline) => {
    const prev = out[out.length - 1];
    if (inline.kind === 'text' && prev?.kind === 'text') prev.text += inline.text;
    else out.push(inline);
  };
  for (const m of line.matchAll(INLINE)) {
    if (m.index > last) push({ kind: 'text', text: line.slice(last, m.index) });
    if (m[1] !== undefined) push({ kind: 'strong', text: m[1] });
    else if (m[2] !== undefined) {
      const href = safeHref(m[3]!);
      push(href ? { kind: 'link', text: m[2], href } : { kind: 'text', text: m[2] });
    } else {
      const href = safeHref(m[4]!);
      push(href ? { kind: 'link', text: m[4]!, href } : { kind: 'text', text: m[4]! });
    }
    last = m.index + m[0].length;
  }
  if (last < line.length) push({ kind: 'text', text: line.slice(last) });
  return out;
}

export function parseMarkup(source: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (line.trim() === '') {
      current = null;
    } else if (bullet || numbered) {
      const ordered = numbered !== null;
      if (current?.kind !== 'list' || current.ordered !== ordered) {
        current = { kind: 'list', ordered, items: [] };
        blocks.push(current);
      }
      current.items.push(parseInline((bullet ?? numbered)![1]!));
    } else if (current?.kind === 'paragraph') {
      current.lines.push(parseInline(line.trim()));
    } else {
      current = { kind: 'paragraph', lines: [parseInline(line.trim())] };
      blocks.push(current);
    }
  }
  return blocks;
}

const inlineText = (inlines: Inline[]) => inlines.map((i) => i.text).join('');

/** An item that ends mid-sentence (`try again, or`) is continued by the next, not cut off by `;`. */
const OPEN_END = /(?:[,\u2013\u2014-]|\b(?:or|and|then|but|o|u|y|e|pero|luego))$/i;
/** `Call the front desk` reads on as `call the front desk`; `IT will…`, `Riverside Health…` and `Dr. Lee` keep their capitals. */
const SENTENCE_START = /^\p{Lu}\p{Ll}+ \p{Ll}/u;

function continueWith(item: string): string {
  return SENTENCE_START.test(item) ? item[0]!.toLowerCase() + item.slice(1) : item;
}

/** List items read as one sentence, `a; b; c`, unless an item ends its own sentence or runs on into the next. */
function listText(items: Inline[][]): string {
  return items.map(inlineText).reduce((text, item) => {
    if (text === '') return item;
    if (/[.!?:;]$/.test(text)) return `${text} ${item}`;
    if (OPEN_END.test(text)) return `${text} ${continueWith(item)}`;
    return `${text}; ${item}`;
  }, '');
}

/** The words a reader sees, without markup: what search indexes and snippets quote. */
export function plainText(source: string): string {
  return parseMarkup(source)
    .map((b) => (b.kind === 'paragraph' ? b.lines.map(inlineText).join(' ') : listText(b.items)))
    .join('\n');
}
