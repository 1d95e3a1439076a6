import type { FormField } from '@portalflow/engine';
import { NS } from '../namespaces.ts';
import { attr, attrNs, childOf, childrenOf, type XmlElement } from '../xml/read.ts';
import { clip, sanitizeId } from './names.ts';

/** Vendor details that map onto portalflow: who does a task, and the form it shows. */
const CAMUNDA = 'http://camunda.org/schema/1.0/bpmn';
const ZEEBE = 'http://camunda.org/schema/zeebe/1.0';

const literal = (s: string | undefined) => {
  const first = s?.split(',')[0]?.trim();
  // Expressions (`${group}`, `=assignee`) name no role.
  return first && !/^[$#=]/.test(first) ? first : undefined;
};

/** The group a task is offered to: Camunda 7 candidateGroups, Camunda 8 assignment, or a BPMN potential owner. */
export function camundaGroup(task: XmlElement): string | undefined {
  const c7 = literal(attrNs(task, CAMUNDA, 'candidateGroups'));
  if (c7) return c7;
  const ext = childOf(task, NS.model, 'extensionElements');
  const assignment = ext ? childOf(ext, ZEEBE, 'assignmentDefinition') : undefined;
  const c8 = literal(assignment ? attr(assignment, 'candidateGroups') : undefined);
  if (c8) return c8;
  for (const kind of ['potentialOwner', 'performer', 'humanPerformer']) {
    for (const r of childrenOf(task, NS.model, kind)) {
      const expression = childOf(r, NS.model, 'resourceAssignmentExpression');
      const formal = expression?.children[0];
      const name = literal(formal?.text);
      if (name) return name;
    }
  }
  return undefined;
}

const TYPES: Record<string, FormField['type']> = {
  string: 'text',
  long: 'number',
  integer: 'number',
  double: 'number',
  boolean: 'boolean',
  date: 'date',
  enum: 'select',
};

/** Camunda 7 generated task forms (`camunda:formData`) as portalflow form fields. */
export function camundaForm(task: XmlElement): FormField[] {
  const ext = childOf(task, NS.model, 'extensionElements');
  const data = ext ? childOf(ext, CAMUNDA, 'formData') : undefined;
  if (!data) return [];
  const fields: FormField[] = [];
  for (const f of childrenOf(data, CAMUNDA, 'formField')) {
    const id = sanitizeId(attr(f, 'id'));
    if (!id || fields.some((x) => x.id === id)) continue;
    const field: FormField = {
      id,
      label: clip(attr(f, 'label') || id, 200),
      type: TYPES[attr(f, 'type') ?? 'string'] ?? 'text',
    };
    if (field.type === 'select')
      field.options = childrenOf(f, CAMUNDA, 'value')
        .map((v) => clip(attr(v, 'name') || attr(v, 'id') || '', 200))
        .filter((v) => v.length > 0)
        .slice(0, 100);
    const validation = childOf(f, CAMUNDA, 'validation');
    if (
      validation &&
      childrenOf(validation, CAMUNDA, 'constraint').some((c) => attr(c, 'name') === 'required')
    )
      field.required = true;
    fields.push(field);
  }
  return fields;
}
