// Writes docs/format.md: the hand-written introduction (docs/format.intro.md) followed by a field
// reference generated from the engine's own schemas (definition, clinic calendar, simulation scripts),
// so the document cannot drift from what `parseDefinition` accepts.
// `node --conditions=source --import tsx packages/engine/scripts/format-doc.ts [--check]`
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CalendarSchema, definitionJsonSchema, ScriptSchema } from '../src/index.ts';

type Schema = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  items?: Schema | false;
  prefixItems?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  propertyNames?: Schema;
  additionalProperties?: Schema | boolean;
  oneOf?: Schema[];
  anyOf?: Schema[];
};

/** Patterns the reader knows by name. */
const NAMED_PATTERNS: Record<string, string> = {
  '^[A-Za-z0-9][A-Za-z0-9_-]*$': 'id',
  '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$':
    'ISO 8601 duration (`PT4H`, `P2D`)',
  '^(?:(?:[01]\\d|2[0-3]):[0-5]\\d|24:00)$': 'time `HH:MM`',
};

interface Section {
  title: string;
  schema: Schema;
}

/** Renders one schema as a short type; object schemas become their own sections. */
function typeOf(schema: Schema, name: string, sections: Section[]): string {
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) {
    const kinds = variants.map((v) => v.properties?.type?.const).filter((k) => typeof k === 'string');
    if (kinds.length === variants.length) {
      for (const v of variants)
        sections.push({ title: `${name}: \`${v.properties!.type!.const}\``, schema: v });
      return `one of: ${kinds.map((k) => `\`${k}\``).join(', ')}`;
    }
    return variants.map((v) => typeOf(v, name, sections)).join(' or ');
  }
  switch (schema.type) {
    case 'string': {
      if (schema.pattern && NAMED_PATTERNS[schema.pattern]) return NAMED_PATTERNS[schema.pattern]!;
      if (schema.format === 'date-time') return 'ISO 8601 instant';
      if (schema.pattern) return 'text (a checked pattern)';
      return schema.maxLength === undefined ? 'text' : `text (≤ ${schema.maxLength})`;
    }
    case 'number':
    case 'integer': {
      const range = [
        schema.minimum === undefined ? '' : `≥ ${schema.minimum}`,
        schema.maximum === undefined ? '' : `≤ ${schema.maximum}`,
      ].filter(Boolean);
      return `${schema.type}${range.length > 0 ? ` (${range.join(', ')})` : ''}`;
    }
    case 'boolean':
      return 'true / false';
    case 'null':
      return '`null`';
    case 'array': {
      const limit = schema.maxItems === undefined ? '' : ` (≤ ${schema.maxItems})`;
      if (schema.prefixItems)
        return `[${schema.prefixItems.map((s) => typeOf(s, name, sections)).join(', ')}]`;
      if (schema.items === undefined || schema.items === false) return `list${limit}`;
      return `list of ${typeOf(schema.items, singular(name), sections)}${limit}`;
    }
    case 'object': {
      if (schema.properties) {
        sections.push({ title: name, schema });
        return `[${name}](#${anchor(name)})`;
      }
      const value = schema.additionalProperties;
      if (value && typeof value === 'object' && Object.keys(value).length > 0) {
        const key = schema.propertyNames ? typeOf(schema.propertyNames, name, sections) : 'text';
        return `map of ${key} → ${typeOf(value, singular(name), sections)}`;
      }
      return 'any JSON object';
    }
    default:
      return 'any JSON value';
  }
}

/** Section names for list items: `roles` → Role, `branches` → Branch, `form` → Form field. */
const ITEM_NAMES: Record<string, string> = { Form: 'Form field', Branches: 'Branch', Holidays: 'Holiday' };
const singular = (name: string) =>
  ITEM_NAMES[name] ??
  name
    .replace(/ies$/, 'y')
    .replace(/(ch|sh|x)es$/, '$1')
    .replace(/s$/, '');
const anchor = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A table per object: each field, its type, and whether it is required. */
function renderSections(rootTitle: string, root: Schema): string {
  const sections: Section[] = [{ title: rootTitle, schema: root }];
  const out: string[] = [];
  const done = new Set<string>();
  for (let i = 0; i < sections.length; i++) {
    const { title, schema } = sections[i]!;
    const rows: string[] = [];
    if (schema.type === 'array' && schema.items) {
      rows.push(
        `A list of ${typeOf(schema.items, 'Event', sections)}${schema.maxItems ? ` (≤ ${schema.maxItems})` : ''}.`,
      );
    } else {
      rows.push('| field | type | required |', '| --- | --- | --- |');
      for (const [field, fieldSchema] of Object.entries(schema.properties ?? {})) {
        const nested = `${capital(field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())}`;
        const type = typeOf(fieldSchema, nested, sections).replaceAll('|', '\\|').replaceAll('\\\\|', '\\|');
        rows.push(`| \`${field}\` | ${type} | ${schema.required?.includes(field) ? 'yes' : ''} |`);
      }
      if (schema.additionalProperties === false) rows.push('', 'No other fields are accepted.');
    }
    const text = rows.join('\n');
    // The same shape reached twice (a wait's deadline is a task's deadline) is listed once.
    if (done.has(`${title}\n${text}`)) continue;
    done.add(`${title}\n${text}`);
    out.push(`### ${title}\n\n${text}`);
  }
  return out.join('\n\n');
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
const INTRO = `${root}docs/format.intro.md`;
const TARGET = `${root}docs/format.md`;

/** Laid out by the repository's formatter (Biome), so `pnpm lint` and the generated file agree. */
function formatted(markdown: string): string {
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  const run = spawnSync(process.execPath, [biome, 'format', `--stdin-file-path=${TARGET}`], {
    input: markdown,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`biome format failed: ${run.stderr}`);
  return run.stdout;
}

/** The whole document: the introduction, then the generated reference. */
export function formatDoc(): string {
  return formatted(unformattedDoc());
}

function unformattedDoc(): string {
  const intro = readFileSync(INTRO, 'utf8').trimEnd();
  const definition = definitionJsonSchema() as Schema;
  const calendar = z.toJSONSchema(CalendarSchema, { unrepresentable: 'any' }) as Schema;
  const script = z.toJSONSchema(ScriptSchema, { unrepresentable: 'any' }) as Schema;
  return `${[
    '<!-- Generated by packages/engine/scripts/format-doc.ts from docs/format.intro.md and the engine schemas: edit those, then run `pnpm docs`. -->',
    intro,
    '## Reference (generated from the schemas)',
    '## Workflow definition',
    renderSections('Definition', definition),
    '## Clinic calendar',
    renderSections('Calendar', calendar),
    '## Simulation script',
    renderSections('Script', script),
  ].join('\n\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = formatDoc();
  if (process.argv.includes('--check')) {
    const current = readFileSync(TARGET, 'utf8');
    if (current !== text) {
      process.stderr.write('docs/format.md is out of date: run `pnpm docs`\n');
      process.exit(1);
    }
  } else {
    writeFileSync(TARGET, text);
    process.stdout.write(`wrote ${TARGET}\n`);
  }
}
