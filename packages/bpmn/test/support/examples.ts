import { readdirSync, readFileSync } from 'node:fs';
import { type Definition, parseDefinition } from '@portalflow/engine';

const dir = new URL('../../../../examples/workflows/', import.meta.url);

/** The nine example workflows, read from the repository. */
export const exampleWorkflows: Array<{ name: string; definition: Definition }> = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({
    name: f.replace(/\.json$/, ''),
    definition: parseDefinition(JSON.parse(readFileSync(new URL(f, dir), 'utf8'))),
  }));

const fixtures = new URL('../fixtures/', import.meta.url);

/** Hand-written files in the style of other modelers. */
export const foreignFixtures: Array<{ name: string; xml: string }> = readdirSync(fixtures)
  .filter((f) => f.endsWith('.bpmn'))
  .sort()
  .map((f) => ({ name: f, xml: readFileSync(new URL(f, fixtures), 'utf8') }));
