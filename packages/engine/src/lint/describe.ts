import type { Edge } from '../graph.ts';
import { idToWords } from '../text/words.ts';

/** How findings name an edge: the words the diagram shows on the arrow. */
export function edgeLabel(edge: Edge): string {
  switch (edge.kind) {
    case 'outcome':
      return `outcome "${edge.label}"`;
    case 'branch':
      return `branch "${edge.label}"`;
    case 'otherwise':
      return 'otherwise';
    case 'fork':
      return edge.label;
    case 'join':
      return 'join';
    case 'next':
      return 'next';
    case 'deadline':
      return `deadline ${edge.label}`;
  }
}

/** The `edge` field of a finding. */
export function edgeRef(edge: Edge): { from: string; to: string; label: string } {
  return { from: edge.from, to: edge.to, label: edge.label };
}

/** `"a", "b" and "c"`, shortened after a few ids so a message stays one line. */
export function listIds(ids: readonly string[], max = 5): string {
  const shown = ids.slice(0, max).map((id) => `"${id}"`);
  if (ids.length > max) return `${shown.join(', ')} and ${ids.length - max} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/**
 * How findings name a step: its title in curly quotes (what the designer typed and sees on the box),
 * an end step without one as its box reads ("End: done"), or its id in straight quotes otherwise.
 */
export function stepName(
  definition: { steps: Record<string, { type?: string; title?: string | undefined; outcome?: string }> },
  id: string,
) {
  const step = definition.steps[id];
  const title = step?.title?.trim();
  if (title) return `“${title}”`;
  if (step?.type === 'end' && step.outcome?.trim()) return `“End: ${idToWords(step.outcome).toLowerCase()}”`;
  return `"${id}"`;
}

/** Steps by name, `“A”, “B” and “C”`, shortened after a few so a message stays one line. */
export function listSteps(
  definition: Parameters<typeof stepName>[0],
  ids: readonly string[],
  max = 5,
): string {
  const shown = ids.slice(0, max).map((id) => stepName(definition, id));
  if (ids.length > max) return `${shown.join(', ')} and ${ids.length - max} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/**
 * How findings name a form field: its label in curly quotes (what the designer typed and staff read
 * on the form), or its data key in straight quotes when it has no label.
 */
export function fieldName(field: { id: string; label?: string | undefined }) {
  const label = field.label?.trim();
  return label ? `“${label}”` : `"${field.id}"`;
}
