// The pattern engine (RE2, ~40 kB compressed) as a chunk of its own: see patternChecks.ts.
export { fitsPattern } from '@portalflow/engine';
