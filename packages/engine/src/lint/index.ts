export { createLintContext, type LintContext } from './context.ts';
export { hasErrors, type LintOptions, lint } from './lint.ts';
export { lintRules, recommended } from './recommended.ts';
export type { Finding, Report, Rule, Severity } from './types.ts';
