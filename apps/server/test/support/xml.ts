/**
 * Throws unless `xml` is well-formed enough for our generated documents: tags nest and close,
 * attributes are quoted, and text holds no raw `<` or unknown entity. (No XML parser is a
 * dependency of the server; the browser e2e parses the same SVG with DOMParser.)
 */
export function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const between = xml.slice(last, m.index);
    if (/<|&(?!(amp|lt|gt|quot|#\d+);)/.test(between))
      throw new Error(`bad text before offset ${m.index}: ${between.slice(0, 80)}`);
    last = m.index + m[0].length;
    if (m[1]) {
      const open = stack.pop();
      if (open !== m[2]) throw new Error(`</${m[2]}> closes <${open}>`);
    } else if (!m[4]) stack.push(m[2]!);
  }
  if (xml.slice(last).trim() !== '') throw new Error('text after the root element');
  if (stack.length) throw new Error(`unclosed <${stack.join('>, <')}>`);
}

export const unescapeXml = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
