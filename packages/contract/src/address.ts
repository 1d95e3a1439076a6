import type { RouteSpec } from './route.ts';

/**
 * A route's method and path without its schemas. The sign-in page calls its routes through these, so
 * it loads without zod (~30 kB compressed), which comes with the signed-in app; the server checks its
 * own answers against the full routes (every answer, in its tests).
 */
export interface RouteAddress<R extends RouteSpec = RouteSpec> {
  method: R['method'];
  path: R['path'];
  /** The route's type, for the caller's input and answer types: never set. */
  readonly route?: R;
}

/** The address of route `R`, checked against the route itself by the contract's tests. */
export const addressOf = <R extends RouteSpec>(method: R['method'], path: R['path']): RouteAddress<R> => ({
  method,
  path,
});
