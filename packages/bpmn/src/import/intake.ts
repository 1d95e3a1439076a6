import type { Definition } from '@portalflow/engine';
import { NS } from '../namespaces.ts';
import { attr, childOf, childrenOf, type XmlElement } from '../xml/read.ts';
import { ID } from './context.ts';
import { fieldOf } from './form.ts';
import { clip } from './names.ts';

/** The start (`pf:intake`) and subject (`pf:subject`) portalflow wrote on its workflow extension. */
export function workflowStart(workflow: XmlElement | undefined): Pick<Definition, 'intake' | 'subject'> {
  const out: Pick<Definition, 'intake' | 'subject'> = {};
  if (!workflow) return out;
  const subject = childOf(workflow, NS.portalflow, 'subject');
  if (subject && subject.text.trim() !== '') out.subject = clip(subject.text, 200);
  const intake = childOf(workflow, NS.portalflow, 'intake');
  if (intake) {
    const roles = childrenOf(intake, NS.portalflow, 'starter')
      .map((s) => attr(s, 'role'))
      .filter((r): r is string => !!r && ID.test(r));
    out.intake = { roles: roles.slice(0, 50) };
    const form = childOf(intake, NS.portalflow, 'form');
    if (form) {
      out.intake.form = childrenOf(form, NS.portalflow, 'field')
        .map(fieldOf)
        .filter((f) => f !== undefined)
        .slice(0, 50);
    }
    const webhook = childOf(intake, NS.portalflow, 'webhook');
    if (webhook) out.intake.webhook = { fields: fieldMap(webhook) };
    const fhir = childOf(intake, NS.portalflow, 'fhir');
    const code = fhir && attr(fhir, 'categoryCode');
    if (fhir && code) {
      const system = attr(fhir, 'categorySystem');
      out.intake.fhir = {
        category: system ? { system: clip(system, 500), code: clip(code, 200) } : { code: clip(code, 200) },
        fields: fieldMap(fhir),
      };
    }
  }
  return out;
}

/** `pf:map field pointer` children: start-form field → JSON pointer (checked by lint, not here). */
function fieldMap(element: XmlElement): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const map of childrenOf(element, NS.portalflow, 'map')) {
    const field = attr(map, 'field');
    const pointer = attr(map, 'pointer');
    if (field && ID.test(field) && pointer !== undefined) fields[field] = clip(pointer, 500);
  }
  return fields;
}
