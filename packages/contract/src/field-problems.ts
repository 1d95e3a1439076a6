import { z } from 'zod';

/**
 * A refused field, for the form that sent it: `path` is where it sits in the body or query (dots
 * between keys, e.g. `roles.0`), `field` the name a person knows it by, `message` the whole sentence.
 */
export const FieldProblem = z.object({
  path: z.string(),
  field: z.string(),
  message: z.string(),
});
export type FieldProblem = z.infer<typeof FieldProblem>;

const count = (n: number | bigint) => Number(n).toLocaleString('en-US');
const plural = (n: number | bigint, one: string, many: string) =>
  `${count(n)} ${Number(n) === 1 ? one : many}`;

/** What a value is, said without echoing it (it may be patient data). */
function kindOf(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      if (Number.isNaN(value)) return 'text that is not a number';
      return Number.isInteger(value) ? 'a whole number' : 'a number';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a group of fields';
    default:
      return 'something else';
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'a group of fields (a JSON object)',
  record: 'a group of fields (a JSON object)',
  map: 'a group of fields (a JSON object)',
  array: 'a list',
  set: 'a list',
  tuple: 'a list',
  date: 'a date',
  null: 'nothing (null)',
  literal: 'a fixed value',
};

const FORMAT_WORDS: Record<string, string> = {
  email: 'an email address, like name@clinic.org',
  url: 'a web address, like https://clinic.org',
  uuid: 'an id this server gave out',
  guid: 'an id this server gave out',
  cuid: 'an id this server gave out',
  cuid2: 'an id this server gave out',
  ulid: 'an id this server gave out',
  nanoid: 'an id this server gave out',
  datetime: 'a date and time, like 2026-03-01T09:30:00Z',
  date: 'a date, like 2026-03-01',
  time: 'a time of day, like 09:30',
  duration: 'a duration, like PT30M',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  cidrv4: 'an IPv4 network, like 10.0.0.0/8',
  cidrv6: 'an IPv6 network',
  base64: 'base64 text',
  base64url: 'base64url text',
  e164: 'a phone number in international form, like +15550142',
  jwt: 'a signed token',
  emoji: 'a single emoji',
  hostname: 'a host name, like clinic.org',
  lowercase: 'lowercase text',
  uppercase: 'uppercase text',
};

type Issue = z.core.$ZodRawIssue;

function sizeOf(input: unknown): number | undefined {
  if (typeof input === 'string' || Array.isArray(input)) return input.length;
  if (input instanceof Set || input instanceof Map) return input.size;
  return undefined;
}

function unitOf(origin: string): [string, string] | null {
  if (origin === 'string') return ['character', 'characters'];
  if (origin === 'array' || origin === 'set') return ['item', 'items'];
  if (origin === 'file') return ['byte', 'bytes'];
  return null;
}

function tooBig(iss: Extract<Issue, { code: 'too_big' }>): string {
  const unit = unitOf(iss.origin);
  if (unit) {
    const sent = sizeOf(iss.input);
    const limit = `${iss.exact ? 'exactly' : 'at most'} ${plural(iss.maximum, ...unit)}`;
    return sent === undefined ? limit : `${limit} (you sent ${count(sent)})`;
  }
  if (iss.origin === 'date') return `no later than ${new Date(Number(iss.maximum)).toISOString()}`;
  return iss.inclusive === false ? `less than ${count(iss.maximum)}` : `at most ${count(iss.maximum)}`;
}

function tooSmall(iss: Extract<Issue, { code: 'too_small' }>): string {
  const unit = unitOf(iss.origin);
  if (unit) {
    if (Number(iss.minimum) === 1 && !iss.exact)
      return iss.origin === 'string' ? 'must not be empty' : 'needs at least one item';
    const sent = sizeOf(iss.input);
    const limit = `${iss.exact ? 'exactly' : 'at least'} ${plural(iss.minimum, ...unit)}`;
    return sent === undefined ? limit : `${limit} (you sent ${count(sent)})`;
  }
  if (iss.origin === 'date') return `no earlier than ${new Date(Number(iss.minimum)).toISOString()}`;
  return iss.inclusive === false ? `more than ${count(iss.minimum)}` : `at least ${count(iss.minimum)}`;
}

const listed = (values: readonly unknown[]) =>
  values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');

/**
 * The API's words for every kind of problem its schemas find, without the field's name (the
 * formatter adds it). Installed as zod's `customError`, so it runs where the value is still at hand
 * (its length is said, never its text). A message a schema or refinement gives itself outranks it.
 */
export const issueWords: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'is required';
      return `must be ${TYPE_WORDS[iss.expected] ?? iss.expected} (you sent ${kindOf(iss.input)})`;
    case 'too_big':
      return tooBig(iss);
    case 'too_small':
      return tooSmall(iss);
    case 'invalid_value':
      return iss.values.length === 1 ? `must be ${listed(iss.values)}` : `one of ${listed(iss.values)}`;
    case 'invalid_format': {
      if (iss.format === 'starts_with' && 'prefix' in iss) return `must start with ${String(iss.prefix)}`;
      if (iss.format === 'ends_with' && 'suffix' in iss) return `must end with ${String(iss.suffix)}`;
      if (iss.format === 'includes' && 'includes' in iss) return `must contain ${String(iss.includes)}`;
      const words = FORMAT_WORDS[iss.format];
      return words ? `must be ${words}` : 'is not written the way this field takes it';
    }
    case 'unrecognized_keys':
      return `${iss.keys.length === 1 ? 'has a field' : 'has fields'} it does not take: ${iss.keys.join(', ')}`;
    case 'invalid_union':
      return 'is none of the forms this field takes';
    case 'invalid_key':
      return 'has a key it does not take';
    case 'invalid_element':
      return 'has an entry it does not take';
    case 'not_multiple_of':
      return `must be a multiple of ${count(iss.divisor)}`;
    case 'custom':
      return 'is not accepted';
    default:
      return 'is not accepted';
  }
};

/** Keys too short or too technical to read as they are. */
const KEY_WORDS: Record<string, string> = {
  q: 'search words',
  lang: 'language',
  v: 'version',
  url: 'URL',
  csv: 'CSV',
};

/** `patientReference` → `Patient reference`; list positions are counted from 1. */
function humanise(path: readonly PropertyKey[]): string {
  return path
    .map((key) =>
      typeof key === 'number'
        ? `item ${key + 1}`
        : (KEY_WORDS[String(key)] ??
          String(key)
            .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
            .replace(/[_-]+/g, ' ')
            .toLowerCase()
            .replace(/\burl\b/g, 'URL')),
    )
    .join(' › ')
    .replace(/^./, (c) => c.toUpperCase());
}

type AnySchema = z.core.$ZodType;

/** The label a schema carries: `.meta({ title })` or `.describe(…)` (a short description is a label). */
function labelOf(schema: AnySchema): string | undefined {
  const meta = z.globalRegistry.get(schema) as { title?: string; description?: string } | undefined;
  if (meta?.title) return meta.title;
  const description = meta?.description;
  return description && description.length <= 60 && !description.includes('.') ? description : undefined;
}

/** The schema one level in, through wrappers (optional, default, pipe, lazy…), looking for a label. */
function unwrap(schema: AnySchema): AnySchema | undefined {
  const def = schema._zod.def as {
    type: string;
    innerType?: AnySchema;
    in?: AnySchema;
    getter?: () => AnySchema;
  };
  if (def.innerType) return def.innerType;
  if (def.type === 'pipe' && def.in) return def.in;
  if (def.type === 'lazy' && def.getter) return def.getter();
  return undefined;
}

function child(schema: AnySchema, key: PropertyKey): AnySchema | undefined {
  const def = schema._zod.def as {
    type: string;
    shape?: Record<string, AnySchema>;
    element?: AnySchema;
    valueType?: AnySchema;
    options?: AnySchema[];
    items?: AnySchema[];
  };
  if (def.type === 'object' && def.shape) return def.shape[String(key)];
  if (def.type === 'array' && typeof key === 'number') return def.element;
  if (def.type === 'tuple' && typeof key === 'number') return def.items?.[key];
  if (def.type === 'record') return def.valueType;
  if (def.type === 'union' && def.options) {
    for (const option of def.options) {
      const found = step(option, key);
      if (found) return found;
    }
  }
  return undefined;
}

function step(schema: AnySchema, key: PropertyKey): AnySchema | undefined {
  for (let s: AnySchema | undefined = schema; s; s = unwrap(s)) {
    const next = child(s, key);
    if (next) return next;
  }
  return undefined;
}

/**
 * The labels along the whole of `path` (one per step), or undefined when it cannot be walked. A union
 * is walked through the option that holds the whole path: each kind of tracking entry has its own
 * `fields`, and the first option's would not know the second one's `escalatedToIt`.
 */
function walk(schema: AnySchema, path: readonly PropertyKey[]): Array<string | undefined> | undefined {
  if (path.length === 0) return [];
  for (let s: AnySchema | undefined = schema; s; s = unwrap(s)) {
    const def = s._zod.def as { type: string; options?: AnySchema[] };
    if (def.type === 'union' && def.options) {
      for (const option of def.options) {
        const found = walk(option, path);
        if (found) return found;
      }
      return undefined;
    }
    const next = child(s, path[0]!);
    if (next) {
      const rest = walk(next, path.slice(1));
      return rest && [labelThrough(next), ...rest];
    }
  }
  return undefined;
}

function labelThrough(schema: AnySchema): string | undefined {
  for (let s: AnySchema | undefined = schema; s; s = unwrap(s)) {
    const label = labelOf(s);
    if (label) return label;
  }
  return undefined;
}

/**
 * How a person knows the field at `path` of a body or query: its schema's label where it has one
 * (for a list item, the list's label and the position), else its path in words.
 */
export function fieldName(root: AnySchema | undefined, path: readonly PropertyKey[], whole: string): string {
  if (path.length === 0) return whole;
  let named: { label: string; at: number } | undefined;
  const along = root && walk(root, path);
  if (along) {
    along.forEach((label, i) => {
      if (label) named = { label, at: i + 1 };
    });
  } else {
    let schema: AnySchema | undefined = root;
    for (let i = 0; i < path.length && schema; i++) {
      schema = step(schema, path[i]!);
      const label = schema && labelThrough(schema);
      if (label) named = { label, at: i + 1 };
    }
  }
  if (!named) return humanise(path);
  const rest = path.slice(named.at);
  return rest.length === 0
    ? named.label
    : `${named.label} › ${humanise(rest).replace(/^./, (c) => c.toLowerCase())}`;
}

/**
 * Every issue of a refused body or query as a field problem: named, and in words. An issue whose
 * message still reads like the validator's (a schema from elsewhere, parsed before the words were
 * installed) is worded again from its code.
 */
export function fieldProblems(
  error: z.core.$ZodError,
  root: AnySchema | undefined,
  whole: string,
): FieldProblem[] {
  return error.issues.map((issue) => {
    const field = fieldName(root, issue.path, whole);
    const problem =
      issue.code !== 'custom' && /expected|received|Invalid input/i.test(issue.message)
        ? String(issueWords(issue as unknown as Issue) ?? 'is not accepted')
        : issue.message;
    return { path: issue.path.map(String).join('.'), field, message: `${field}: ${problem}` };
  });
}

/** The one sentence for a refusal: the first problem, and how many more the list holds. */
export function refusalMessage(problems: readonly FieldProblem[], whole: string): string {
  const first = problems[0]?.message ?? `${whole}: is not accepted`;
  const more = problems.length - 1;
  return more > 0 ? `${first} (and ${more} more ${more === 1 ? 'problem' : 'problems'})` : first;
}
