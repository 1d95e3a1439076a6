export { createLintContext, type LintContext } from './context.ts';
export type { Fork, ForkBranch } from './fork-branches.ts';
export { hasErrors, type LintOptions, lint } from './lint.ts';
export { lintRules, recommended } from './recommended.ts';
export type { Scope } from './scopes.ts';
export type { Finding, Report, Rule, Severity } from './types.ts';
