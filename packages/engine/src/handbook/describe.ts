import { dataFields } from '../data-fields.ts';
import type { Definition, FormField, Step } from '../definition.ts';
import { formatDuration } from '../duration.ts';
import type { Edge } from '../graph.ts';
import { conditionWords } from '../text/condition-words.ts';
import { idToWords } from '../text/words.ts';

/** Short texts for steps and arrows, in the words staff use (the editor shows the same). */

export const roleNameIn = (definition: Definition, roleId: string | undefined): string =>
  roleId === undefined ? 'no role' : (definition.roles.find((r) => r.id === roleId)?.name ?? roleId);

export function durationText(iso: string, business = false): string {
  try {
    return formatDuration(iso, business);
  } catch {
    return iso;
  }
}

export function stepTitle(definition: Definition, id: string): string {
  const step = definition.steps[id];
  if (!step) return id;
  if (step.title) return step.title;
  switch (step.type) {
    case 'decision':
      return 'Decision';
    case 'parallel':
      return 'In parallel';
    case 'wait':
      if (step.signal) return `Wait for ${idToWords(step.signal).toLowerCase()}`;
      return step.for ? `Wait ${durationText(step.for)}` : 'Wait';
    case 'end':
      return step.outcome ? `End: ${idToWords(step.outcome).toLowerCase()}` : 'End';
    default:
      return id;
  }
}

/** "2 business days → Front office supervisor", "4 h → Provider review". */
export function stepDeadlineText(definition: Definition, step: Step): string | undefined {
  if (step.type !== 'task' && step.type !== 'wait') return undefined;
  const d = step.deadline;
  if (!d) return undefined;
  const after = durationText(d.after, d.calendar === 'business');
  if (d.escalateTo !== undefined) return `${after} → ${roleNameIn(definition, d.escalateTo)}`;
  if (d.goTo !== undefined) return `${after} → ${stepTitle(definition, d.goTo)}`;
  return after;
}

/**
 * What an arrow says, in words: "Prepared", "Labs current: no", "Otherwise", "after 2 days",
 * "late: 1 business day". With the definition, a condition names its fields by their form labels;
 * without, it names them by their keys in words.
 */
export function edgeText(edge: Edge, definition?: Definition): string {
  switch (edge.kind) {
    case 'branch':
      return conditionWords(edge.label, definition ? fieldsOf(definition) : NO_FIELDS);
    case 'next':
      return /^P/.test(edge.label) ? `after ${durationText(edge.label)}` : idToWords(edge.label);
    case 'deadline':
      return `late: ${durationText(edge.label.replace(/^after /, ''))}`;
    // A parallel step starts every branch at once and goes on when all of them are done.
    case 'fork':
      return 'At the same time';
    case 'join':
      return 'When all are done';
    default:
      return idToWords(edge.label);
  }
}

const NO_FIELDS: ReadonlyMap<string, FormField> = new Map();
// Every arrow of a scene asks; the fields are collected once per definition object.
const fieldMaps = new WeakMap<Definition, ReadonlyMap<string, FormField>>();

function fieldsOf(definition: Definition): ReadonlyMap<string, FormField> {
  let map = fieldMaps.get(definition);
  if (!map) {
    map = new Map(dataFields(definition).map((f) => [f.id, f]));
    fieldMaps.set(definition, map);
  }
  return map;
}
