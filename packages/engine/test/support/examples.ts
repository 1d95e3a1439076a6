import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Definition } from '../../src/definition.ts';
import { parseDefinition } from '../../src/parse.ts';

const examples = new URL('../../../../examples/', import.meta.url).pathname;

/** The bundled example workflows, parsed (read from disk so the engine does not depend on them). */
export function exampleDefinitions(): Definition[] {
  const dir = join(examples, 'workflows');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parseDefinition(JSON.parse(readFileSync(join(dir, f), 'utf8')), { filename: f }));
}

export const exampleCalendar: unknown = existsSync(join(examples, 'calendar.json'))
  ? JSON.parse(readFileSync(join(examples, 'calendar.json'), 'utf8'))
  : undefined;
