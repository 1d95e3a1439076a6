import type { Definition, Edge, Finding } from '@portalflow/engine';
import { allEdges } from '@portalflow/engine';

/** The canvas's id of an edge: where it is written in the definition (unique per edge). */
export const edgeId = (edge: Pick<Edge, 'path'>) => edge.path;

export interface Marks {
  errors: number;
  warnings: number;
  /** The first (most severe) message, for the mark's text and tooltip. */
  message: string;
}

/**
 * What choosing a problem shows: its arrow or box on the canvas, a role's lane, or the workflow's
 * own settings (start form, subject) in the inspector.
 */
export interface ProblemTarget {
  step?: string;
  edge?: string;
  role?: string;
  workflow?: true;
}

export interface LintOverlay {
  steps: Map<string, Marks>;
  edges: Map<string, Marks>;
  /** Where each finding points (index = position in the findings list). */
  targets: ProblemTarget[];
  errors: number;
  warnings: number;
}

function add(map: Map<string, Marks>, id: string, finding: Finding): void {
  const marks = map.get(id) ?? { errors: 0, warnings: 0, message: finding.message };
  if (finding.severity === 'error') {
    if (marks.errors === 0) marks.message = finding.message;
    marks.errors++;
  } else if (finding.severity === 'warning') marks.warnings++;
  map.set(id, marks);
}

/** The step a finding's path names (`steps.classify.outcomes.x` → `classify`). */
function stepOfPath(path: string): string | undefined {
  const m = /^steps\.([^.]+)/.exec(path);
  return m?.[1];
}

/** The role a finding's path names (`roles.4.name` → the fifth role's id). */
function roleOfPath(definition: Definition, path: string): string | undefined {
  const m = /^roles\.(\d+)(\.|$)/.exec(path);
  return m ? definition.roles[Number(m[1])]?.id : undefined;
}

/**
 * Maps lint findings onto the diagram: a finding about an arrow marks that edge, anything else
 * about a step marks its box. Findings about a role point at its lane, and findings about the
 * workflow as a whole (start, subject, start form) at the workflow; they mark nothing on the canvas
 * but still count and list in the lint panel.
 */
export function lintOverlay(definition: Definition, findings: readonly Finding[]): LintOverlay {
  const edges = allEdges(definition);
  const byPath = new Map(edges.map((e) => [e.path, e]));
  const overlay: LintOverlay = { steps: new Map(), edges: new Map(), targets: [], errors: 0, warnings: 0 };
  for (const finding of findings) {
    if (finding.severity === 'error') overlay.errors++;
    else if (finding.severity === 'warning') overlay.warnings++;
    let edge = byPath.get(finding.path);
    if (!edge && finding.edge) {
      const { from, to, label } = finding.edge;
      edge = edges.find((e) => e.from === from && e.to === to && e.label === label);
    }
    const step = finding.step ?? stepOfPath(finding.path);
    // An edge to a missing step cannot be drawn; its mark goes on the box it leaves.
    const drawable = edge && definition.steps[edge.to] !== undefined;
    if (edge && drawable) {
      add(overlay.edges, edgeId(edge), finding);
      overlay.targets.push({ edge: edgeId(edge), ...(step !== undefined ? { step } : {}) });
    } else if (step !== undefined && definition.steps[step]) {
      add(overlay.steps, step, finding);
      overlay.targets.push({ step });
    } else {
      const role = roleOfPath(definition, finding.path);
      overlay.targets.push(role !== undefined ? { role } : { workflow: true });
    }
  }
  return overlay;
}
