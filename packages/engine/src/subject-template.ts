/**
 * A request's subject: a short template over its data, e.g. `{patientRef} · Refill: {medication}`.
 * `{name}` inserts a data field; `{{` and `}}` are literal braces. The template is parsed into text
 * and field parts and only ever filled in, never evaluated.
 */
export type SubjectPart = { text: string } | { field: string };

export type SubjectParse = { ok: true; parts: SubjectPart[] } | { ok: false; message: string };

const FIELD = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export function parseSubject(template: string): SubjectParse {
  const parts: SubjectPart[] = [];
  let text = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    if (ch === '{' && template[i + 1] === '{') {
      text += '{';
      i++;
    } else if (ch === '}' && template[i + 1] === '}') {
      text += '}';
      i++;
    } else if (ch === '}') {
      return { ok: false, message: `a "}" at position ${i + 1} closes nothing (write "}}" for a brace)` };
    } else if (ch === '{') {
      const end = template.indexOf('}', i + 1);
      if (end < 0) return { ok: false, message: `the "{" at position ${i + 1} is never closed` };
      const name = template.slice(i + 1, end).trim();
      if (!FIELD.test(name))
        return { ok: false, message: `"{${name}}" is not a field name (letters, digits, "-", "_")` };
      if (text) parts.push({ text });
      text = '';
      parts.push({ field: name });
      i = end;
    } else {
      text += ch;
    }
  }
  if (text) parts.push({ text });
  return { ok: true, parts };
}

/** The field names a template uses (empty when it does not parse). */
export function subjectFields(template: string): string[] {
  const parsed = parseSubject(template);
  return parsed.ok ? parsed.parts.flatMap((p) => ('field' in p ? [p.field] : [])) : [];
}
