import type { FormField } from '@portalflow/engine';
import { NS } from '../namespaces.ts';
import { attr, childOf, childrenOf, type XmlElement } from '../xml/read.ts';
import { ID } from './context.ts';
import { clip } from './names.ts';

const FIELD_TYPES = new Set(['text', 'textarea', 'number', 'boolean', 'select', 'date']);

/** A form field written by portalflow (`pf:field`); undefined when it is not a valid one. */
export function fieldOf(el: XmlElement): FormField | undefined {
  const id = attr(el, 'id');
  const label = attr(el, 'label');
  const type = attr(el, 'type');
  if (!id || !ID.test(id) || !label || !type || !FIELD_TYPES.has(type)) return undefined;
  const field: FormField = { id, label: clip(label, 200), type: type as FormField['type'] };
  const required = attr(el, 'required');
  if (required !== undefined) field.required = required === 'true';
  // Outcome ids, space-separated as in XML list attributes; ids that cannot be outcomes are dropped.
  const requiredFor = (attr(el, 'requiredFor') ?? '').split(/\s+/).filter((o) => ID.test(o));
  if (requiredFor.length > 0) field.requiredFor = requiredFor.slice(0, 50);
  const ownership = attr(el, 'ownership');
  if (ownership === 'owned' || ownership === 'shared') field.ownership = ownership;
  if (attr(el, 'from') === 'patient') field.from = 'patient';
  const options = childrenOf(el, NS.portalflow, 'option').map((o) => clip(o.text, 200));
  if (options.length > 0 || childOf(el, NS.portalflow, 'options')) field.options = options.slice(0, 100);
  const help = childOf(el, NS.portalflow, 'help');
  if (help) field.help = clip(help.text, 2000);
  const pattern = childOf(el, NS.portalflow, 'pattern');
  if (pattern?.text) field.pattern = clip(pattern.text, 500);
  const patternHint = attr(el, 'patternHint');
  if (patternHint) field.patternHint = clip(patternHint, 200);
  const dateRange = attr(el, 'dateRange');
  if (dateRange === 'past' || dateRange === 'future') field.dateRange = dateRange;
  // A computed field: the date field of the same form it is worked out from.
  const monthsSince = attr(el, 'monthsSince');
  if (monthsSince && ID.test(monthsSince)) field.computed = { monthsSince };
  const min = numberAttr(el, 'min');
  if (min !== undefined) field.min = min;
  const max = numberAttr(el, 'max');
  if (max !== undefined) field.max = max;
  const money = attr(el, 'money');
  if (money !== undefined) field.money = money === 'true';
  const whole = attr(el, 'whole');
  if (whole !== undefined) field.whole = whole === 'true';
  return field;
}

/** A finite number attribute; undefined when absent or not a number. */
function numberAttr(el: XmlElement, name: string): number | undefined {
  const raw = attr(el, name);
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}
