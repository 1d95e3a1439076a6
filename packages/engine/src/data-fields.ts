import type { Definition, FormField } from './definition.ts';
import { declaredFields } from './writes.ts';

/**
 * The fields an instance's data can hold, as people should read them: the start form first, then
 * each step's form in definition order, each field once with the label of its first declaration.
 * Screens show a request's data in this order and with these labels rather than raw keys.
 */
export function dataFields(definition: Definition): FormField[] {
  const seen = new Set<string>();
  const fields: FormField[] = [];
  const add = (list: readonly FormField[]) => {
    for (const field of list) {
      if (seen.has(field.id)) continue;
      seen.add(field.id);
      fields.push(field);
    }
  };
  add(definition.intake?.form ?? []);
  for (const step of Object.values(definition.steps)) add(declaredFields(step));
  return fields;
}
