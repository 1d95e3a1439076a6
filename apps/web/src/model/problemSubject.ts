import { allEdges, type Definition, type Edge, type Finding, idToWords, stepTitle } from '@portalflow/engine';
import type { ProblemTarget } from './lintOverlay.ts';

/**
 * What a problem is about, in the words the lead sees on the diagram and in the inspector: "Step
 * “Call the patient”", "Role “Patient advocate”", "Start form". Never a path like `roles.4`: the
 * lead never sees those.
 */
export function problemSubject(definition: Definition, finding: Finding, target: ProblemTarget): string {
  return problemSubjects(definition, [finding], [target])[0]!;
}

/** The subjects of a list of problems (the diagram's arrows are listed once for all of them). */
export function problemSubjects(
  definition: Definition,
  findings: readonly Finding[],
  targets: readonly ProblemTarget[],
): string[] {
  let edges: Map<string, Edge> | undefined;
  return findings.map((finding, i) => {
    const target = targets[i] ?? {};
    if (target.edge === undefined) return subjectOf(definition, finding, target);
    edges ??= new Map(allEdges(definition).map((e) => [e.path, e]));
    return subjectOf(definition, finding, target, edges.get(target.edge));
  });
}

function subjectOf(definition: Definition, finding: Finding, target: ProblemTarget, edge?: Edge): string {
  if (edge) {
    const label = edge.kind === 'outcome' ? `“${idToWords(edge.label)}” ` : '';
    const from = stepTitle(definition, edge.from);
    const to = stepTitle(definition, edge.to);
    return `Arrow ${label}from “${from}” to “${to}”`;
  }
  if (target.step !== undefined) return `Step “${stepTitle(definition, target.step)}”`;
  if (target.role !== undefined) {
    const role = definition.roles.find((r) => r.id === target.role);
    return `Role “${role?.name ?? idToWords(target.role)}”`;
  }
  const path = finding.path;
  if (path.startsWith('intake.form')) return 'Start form';
  if (path.startsWith('intake')) return 'Requests from the portal';
  if (path.startsWith('subject')) return 'Request subject';
  if (path === 'start') return 'Start of the workflow';
  if (path.startsWith('title')) return 'Workflow title';
  return 'Workflow';
}
