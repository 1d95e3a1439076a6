import type { Definition, Finding } from '@portalflow/engine';
import { lint, PortalflowError, parseDefinition } from '@portalflow/engine';

/**
 * Everything wrong with the definition being edited: shape problems the schema finds (an empty
 * title, a malformed id) as errors, then the lint findings. Publishing needs both clean (of errors;
 * a role nobody holds is a warning the publish confirmation repeats).
 */
export function checkDefinition(
  definition: Definition,
  heldRoles: readonly string[] | null = null,
): Finding[] {
  const findings: Finding[] = [];
  try {
    parseDefinition(definition);
  } catch (error) {
    if (!(error instanceof PortalflowError)) throw error;
    const issues =
      (error.details as { issues?: Array<{ path: string; message: string }> } | undefined)?.issues ?? [];
    for (const issue of issues) {
      const step = /^steps\.([^.]+)/.exec(issue.path)?.[1];
      const finding: Finding = {
        rule: 'schema',
        severity: 'error',
        path: issue.path,
        message: `${issue.path || 'definition'}: ${issue.message}`,
      };
      if (step !== undefined) finding.step = step;
      findings.push(finding);
    }
  }
  try {
    // Held roles come from the staff list (data): with them, lint warns about pools nobody holds.
    findings.push(...lint(definition, heldRoles ? { heldRoles } : {}));
  } catch (error) {
    // A half-drawn definition must never take the editor down; report it instead.
    findings.push({
      rule: 'lint',
      severity: 'error',
      path: '',
      message: `Lint could not run: ${String(error)}`,
    });
  }
  return findings;
}
