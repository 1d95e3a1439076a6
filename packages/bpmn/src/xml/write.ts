/** A small XML writer: elements as nested calls, attributes escaped, undefined attributes left out. */
export type Attrs = Record<string, string | number | boolean | undefined>;

// A carriage return is escaped everywhere: XML parsers turn a literal one into a line feed.
const escapeText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
const escapeAttr = (s: string) =>
  escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

/** Characters XML 1.0 cannot carry at all; dropped rather than producing an unreadable file. */
const allowed = (code: number) =>
  code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code !== 0xfffe && code !== 0xffff);
const clean = (s: string) => {
  for (let i = 0; i < s.length; i++) {
    if (!allowed(s.charCodeAt(i)))
      return Array.from(s)
        .filter((c) => allowed(c.charCodeAt(0)))
        .join('');
  }
  return s;
};

export class XmlWriter {
  private readonly out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  private depth = 0;

  private open(name: string, attrs: Attrs): string {
    let tag = `${'  '.repeat(this.depth)}<${name}`;
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined) continue;
      tag += ` ${key}="${escapeAttr(clean(String(value)))}"`;
    }
    return tag;
  }

  /** An element with children written by `body`. */
  element(name: string, attrs: Attrs, body: () => void): void {
    this.out.push(`${this.open(name, attrs)}>\n`);
    this.depth++;
    body();
    this.depth--;
    this.out.push(`${'  '.repeat(this.depth)}</${name}>\n`);
  }

  /** An element without children. */
  empty(name: string, attrs: Attrs = {}): void {
    this.out.push(`${this.open(name, attrs)}/>\n`);
  }

  /** An element holding only text (kept verbatim, so the round trip is exact). */
  text(name: string, attrs: Attrs, text: string): void {
    this.out.push(`${this.open(name, attrs)}>${escapeText(clean(text))}</${name}>\n`);
  }

  toString(): string {
    return this.out.join('');
  }
}
