import type { LintContext } from './context.ts';

export type Severity = 'error' | 'warning' | 'info';

/** One problem found in a definition, addressed by its path so the editor can highlight it. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** Where the problem is written, e.g. `steps.classify.outcomes.clinical`, `roles.2`, `start`. */
  path: string;
  /** The step the finding belongs to, when there is one (the editor marks that box). */
  step?: string;
  /** The edge the finding belongs to, when there is one (the editor marks that arrow). */
  edge?: { from: string; to: string; label: string };
}

/** What a rule hands to `report`: the rule id and default severity are filled in by `lint`. */
export type Report = Omit<Finding, 'rule' | 'severity'> & { severity?: Severity };

export interface Rule {
  /** kebab-case, equal to the rule's file name. */
  id: string;
  /** Severity of the rule's findings unless a finding names its own. */
  severity: Severity;
  /** One line: what the rule catches. */
  description: string;
  /** Why the rule exists, and short JSON snippets that break and satisfy it. */
  docs: { rationale: string; incorrect: string; correct: string };
  check(ctx: LintContext, report: (finding: Report) => void): void;
}
