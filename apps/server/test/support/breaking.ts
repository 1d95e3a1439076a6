import type { z } from 'zod';

/**
 * Requests that break one field of a route's body or query at a time, built from the route's own zod
 * schema: a value that fits everywhere else, and at one place a value its schema refuses (too long,
 * out of its options, the wrong kind, or left out when required). Every case is checked against the
 * schema locally first, so each one sent is a refusal by construction.
 */

type Schema = z.core.$ZodType;
interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  out?: Schema;
  getter?: () => Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  options?: Schema[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  catchall?: Schema;
  valueType?: Schema;
  keyType?: Schema;
  items?: Schema[];
}

const defOf = (s: Schema) => s._zod.def as unknown as Def;
const bagOf = (s: Schema) =>
  s._zod.bag as { minimum?: number; maximum?: number; format?: string; patterns?: Set<RegExp> };

/** Through the wrappers that do not change what a value must look like. */
export function base(s: Schema): Schema {
  for (;;) {
    const def = defOf(s);
    if (def.innerType && def.type !== 'pipe') s = def.innerType;
    else if (def.type === 'pipe' && def.in && defOf(def.in).type !== 'transform') s = def.in;
    else if (def.type === 'pipe' && def.out) s = def.out;
    else if (def.type === 'lazy' && def.getter) s = def.getter();
    else return s;
  }
}

const optional = (s: Schema) => (s._zod as { optin?: string }).optin === 'optional';

const FORMAT_SAMPLES: Record<string, string> = {
  email: 'someone@clinic.example',
  url: 'https://clinic.example/hook',
  uuid: '00000000-0000-4000-8000-000000000000',
  guid: '00000000-0000-4000-8000-000000000000',
  datetime: '2026-03-02T16:00:00.000Z',
  date: '2026-03-02',
  time: '09:30',
  duration: 'PT30M',
};

/** A value the schema is likely to accept (it does not have to: only the broken field is checked). */
export function sample(s: Schema, depth = 0): unknown {
  const b = base(s);
  const def = defOf(b);
  switch (def.type) {
    case 'string': {
      const bag = bagOf(b);
      if (bag.format && FORMAT_SAMPLES[bag.format]) return FORMAT_SAMPLES[bag.format];
      return 'a'.repeat(Math.max(bag.minimum ?? 1, 1));
    }
    case 'number':
    case 'int':
      return Math.max(bagOf(b).minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'literal':
      return def.values?.[0];
    case 'array':
      return [];
    case 'object': {
      if (depth > 4) return {};
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape ?? {}))
        if (!optional(field)) out[key] = sample(field, depth + 1);
      return out;
    }
    case 'union':
      return def.options?.[0] ? sample(def.options[0], depth + 1) : null;
    case 'record':
      return {};
    case 'null':
      return null;
    default:
      return 'a';
  }
}

/** Values that break a field of this kind, most telling first (the first the schema refuses is used). */
function breakers(s: Schema, inQuery: boolean): unknown[] {
  const b = base(s);
  const def = defOf(b);
  const bag = bagOf(b);
  const tooLong = bag.maximum !== undefined ? ['x'.repeat(bag.maximum + 1)] : [];
  if (inQuery) return [...tooLong, 'no-such-option', 'not-a-number', '-1', '1.5', 'x'.repeat(5000)];
  switch (def.type) {
    case 'string':
      return [...tooLong, 'not a well-formed value', 12345];
    case 'number':
    case 'int':
      return ['twelve', -1, 1.5, 10 ** 12];
    case 'boolean':
      return ['yes'];
    case 'enum':
    case 'literal':
      return ['no-such-option', 7];
    case 'array':
      return ['not a list', Array.from({ length: (bag.maximum ?? 1000) + 1 }, () => sample(def.element!))];
    case 'object':
      return ['not a group of fields', { ...(sample(b) as object), noSuchField: 1 }];
    default:
      return ['no-such-option', 12345, { noSuchField: 1 }];
  }
}

export interface Breaking {
  /** Dotted path of the broken field, as the answer's `fields[].path` says it. */
  path: string;
  /** The field's own key (the last one that is not a list position). */
  key: string;
  /** The label the field's schema carries, if any. */
  label?: string;
  how: string;
  value: Record<string, unknown>;
}

function labelOf(s: Schema): string | undefined {
  for (let cur: Schema | undefined = s; cur; ) {
    const meta = (
      cur as unknown as { meta?: () => { title?: string; description?: string } | undefined }
    ).meta?.();
    if (meta?.title) return meta.title;
    if (meta?.description && meta.description.length <= 60 && !meta.description.includes('.'))
      return meta.description;
    const def = defOf(cur);
    cur = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
  }
  return undefined;
}

function refusedAt(root: Schema, value: unknown, path: string): boolean {
  const parsed = (root as unknown as z.ZodType).safeParse(value);
  return !parsed.success && parsed.error.issues.some((i) => i.path.join('.').startsWith(path));
}

/** One breaking case per field of `root` (an object schema), and one level into nested objects. */
export function breakingCases(root: Schema, inQuery = false): Breaking[] {
  const shape = defOf(base(root)).shape;
  if (!shape) return [];
  const valid = inQuery ? {} : (sample(root) as Record<string, unknown>);
  const cases: Breaking[] = [];
  const tryField = (prefix: string[], key: string, field: Schema) => {
    const path = [...prefix, key].join('.');
    const with_ = (v: unknown) => {
      const copy = structuredClone(valid);
      let at: Record<string, unknown> = copy;
      for (const p of prefix) at = at[p] as Record<string, unknown>;
      if (v === undefined) delete at[key];
      else at[key] = v;
      return copy;
    };
    const label = labelOf(field);
    for (const v of breakers(field, inQuery)) {
      const value = with_(inQuery ? String(v) : v);
      if (refusedAt(root, value, path)) {
        const how =
          typeof v === 'string' && v.length > 40 ? `${v.length} characters` : JSON.stringify(v).slice(0, 40);
        cases.push({ path, key, label, how, value });
        break;
      }
    }
    if (!inQuery && !optional(field)) {
      const value = with_(undefined);
      if (refusedAt(root, value, path)) cases.push({ path, key, label, how: 'left out', value });
    }
  };
  // A strict body refuses fields it does not know; the answer names the one sent.
  if (!inQuery && refusedAt(root, { ...valid, extra: 1 }, ''))
    cases.push({ path: '', key: 'extra', how: 'an unknown field', value: { ...valid, extra: 1 } });
  for (const [key, field] of Object.entries(shape)) {
    tryField([], key, field);
    const inner = defOf(base(field));
    if (!inQuery && inner.type === 'object' && inner.shape && valid[key] && typeof valid[key] === 'object')
      for (const [k, f] of Object.entries(inner.shape)) tryField([key], k, f);
  }
  return cases;
}
