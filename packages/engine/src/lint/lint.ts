import type { Definition } from '../definition.ts';
import { createLintContext } from './context.ts';
import { lintRules } from './recommended.ts';
import type { Finding, Rule, Severity } from './types.ts';

export interface LintOptions {
  /** Rules to run; all recommended rules by default. */
  rules?: readonly Rule[];
  /**
   * Per rule id: `off`, or a severity that every finding of that rule then takes, overriding
   * both the rule's default and any severity a single finding chose.
   */
  severity?: Readonly<Record<string, Severity | 'off'>>;
  /**
   * Role ids that at least one active person holds. Given, `unheld-role` warns about lanes and
   * escalations whose pool nobody would see; omitted, staffing is not checked (lint stays pure: the
   * caller reads the staff list and passes it in).
   */
  heldRoles?: readonly string[];
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * The order of findings within a severity. A task with no way out, or an arrow to a deleted step, is
 * often the cause of others: it leaves the steps after it unreachable and the steps before it in a
 * loop that never ends. Causes first, their likely consequences last, so the lead reads the cause
 * first and fixing it clears the rest.
 */
const TIER: Readonly<Record<string, number>> = {
  'unknown-target': -1,
  'dead-end': -1,
  'cycle-without-exit': 1,
  'unreachable-step': 2,
};
const tier = (rule: string): number => (Object.hasOwn(TIER, rule) ? TIER[rule]! : 0);

/**
 * Lints a parsed definition. Findings come errors first; within a severity, a cause before what it
 * causes (see `TIER`), then by path.
 */
export function lint(definition: Definition, options: LintOptions = {}): Finding[] {
  const rules = options.rules ?? lintRules;
  const configured = options.severity ?? {};
  const ctx = createLintContext(definition, options.heldRoles ?? null);
  const findings: Finding[] = [];
  for (const rule of rules) {
    const override = Object.hasOwn(configured, rule.id) ? configured[rule.id] : undefined;
    if (override === 'off') continue;
    rule.check(ctx, ({ severity, ...rest }) => {
      findings.push({ rule: rule.id, severity: override ?? severity ?? rule.severity, ...rest });
    });
  }
  return findings.sort(compareFindings);
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** Code-unit order, not locale order, so every machine lists findings the same way. */
function compareFindings(a: Finding, b: Finding): number {
  return (
    RANK[a.severity] - RANK[b.severity] ||
    tier(a.rule) - tier(b.rule) ||
    compare(a.path, b.path) ||
    compare(a.rule, b.rule) ||
    compare(a.message, b.message)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
