// The pattern engine (RE2, ~40 kB compressed) as a chunk of its own: see patternChecks.ts.
export { compilePattern } from '@portalflow/engine';
