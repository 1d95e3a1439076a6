import type { Definition, Step } from '@portalflow/engine';
import { allEdges, edgeText, stepTitle } from '@portalflow/engine';
import { emptyLayout } from './document.ts';
import { laneOfSteps, UNASSIGNED_LANE } from './lanes.ts';

/** Mermaid needs plain ids (and `end` is a keyword): every id gets a prefix and only word characters. */
function idMaker() {
  const used = new Map<string, string>();
  const taken = new Set<string>();
  return (id: string) => {
    const known = used.get(id);
    if (known) return known;
    const base = `s_${id.replace(/\W/g, '_')}`;
    let out = base;
    for (let n = 2; taken.has(out); n++) out = `${base}_${n}`;
    used.set(id, out);
    taken.add(out);
    return out;
  };
}

const text = (s: string) => `"${s.replace(/"/g, '#quot;').replace(/\n/g, ' ')}"`;

function shape(id: string, step: Step, title: string): string {
  switch (step.type) {
    case 'task':
      return `${id}[${text(title)}]`;
    case 'decision':
      return `${id}{${text(title)}}`;
    case 'parallel':
      return `${id}{{${text(title)}}}`;
    case 'wait':
      return `${id}([${text(title)}])`;
    case 'end':
      return `${id}((${text(title)}))`;
  }
}

/** The workflow as a Mermaid flowchart: one subgraph per role (lane), arrows labelled. */
export function toMermaid(definition: Definition): string {
  const nodeId = idMaker();
  const laneOf = laneOfSteps(definition, emptyLayout());
  const lines = ['flowchart LR'];
  const lanes = [...definition.roles.map((r) => r.id), UNASSIGNED_LANE];
  lanes.forEach((role, i) => {
    const members = Object.keys(definition.steps).filter((id) => laneOf.get(id) === role);
    if (members.length === 0) return;
    const r = definition.roles.find((x) => x.id === role);
    const label = r ? (r.department ? `${r.name} (${r.department})` : r.name) : 'No role';
    lines.push(`  subgraph lane_${i}[${text(label)}]`);
    for (const id of members)
      lines.push(`    ${shape(nodeId(id), definition.steps[id]!, stepTitle(definition, id))}`);
    lines.push('  end');
  });
  for (const edge of allEdges(definition)) {
    if (!definition.steps[edge.to]) continue;
    const arrow = edge.kind === 'join' || edge.kind === 'deadline' ? '-.->' : '-->';
    lines.push(`  ${nodeId(edge.from)} ${arrow}|${text(edgeText(edge, definition))}| ${nodeId(edge.to)}`);
  }
  if (definition.steps[definition.start]) lines.push(`  style ${nodeId(definition.start)} stroke-width:3px`);
  return `${lines.join('\n')}\n`;
}
