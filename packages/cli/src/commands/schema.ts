import { definitionJsonSchema } from '@portalflow/engine';

/** `portalflow schema`: the definition format's JSON Schema. */
export function schemaCommand(): number {
  process.stdout.write(`${JSON.stringify(definitionJsonSchema(), null, 2)}\n`);
  return 0;
}
