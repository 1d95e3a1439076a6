import { describe, expect, it } from 'vitest';
import * as contract from '../src/index.ts';
import { SIGN_IN_ROUTES } from '../src/sign-in-addresses.ts';

// The sign-in page calls these routes by address (no schemas): each must be the route's own.
describe('SIGN_IN_ROUTES', () => {
  for (const [name, address] of Object.entries(SIGN_IN_ROUTES)) {
    it(`${name} is the method and path of the route of that name`, () => {
      const route = (contract as unknown as Record<string, { method: string; path: string }>)[name];
      expect(route, `the contract declares no route ${name}`).toBeDefined();
      expect({ method: address.method, path: address.path }).toEqual({
        method: route!.method,
        path: route!.path,
      });
    });
  }
});
