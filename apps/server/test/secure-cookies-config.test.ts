// A clinic that serves the app over HTTPS gets Secure, __Host- cookies and HSTS from its public address
// alone: forgetting NODE_ENV=production behind a TLS proxy must not leave the session cookie sendable
// over plain HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config.ts';

const saved = { base: process.env.PORTALFLOW_BASE_URL, node: process.env.NODE_ENV };

afterEach(() => {
  if (saved.base === undefined) delete process.env.PORTALFLOW_BASE_URL;
  else process.env.PORTALFLOW_BASE_URL = saved.base;
  process.env.NODE_ENV = saved.node;
});

describe('secure cookies', () => {
  it('are on when the public address is https, without NODE_ENV=production', () => {
    process.env.NODE_ENV = 'development';
    process.env.PORTALFLOW_BASE_URL = 'https://portal.riverside.example';
    expect(defaultConfig().secureCookies).toBe(true);
    process.env.PORTALFLOW_BASE_URL = 'HTTPS://portal.riverside.example/';
    expect(defaultConfig().secureCookies).toBe(true);
  });

  it('stay off for a plain http address outside production (a laptop, the demo)', () => {
    process.env.NODE_ENV = 'development';
    process.env.PORTALFLOW_BASE_URL = 'http://localhost:3000';
    expect(defaultConfig().secureCookies).toBe(false);
    delete process.env.PORTALFLOW_BASE_URL;
    expect(defaultConfig().secureCookies).toBe(false);
  });

  it('are on in production whatever the address says', () => {
    process.env.NODE_ENV = 'production';
    process.env.PORTALFLOW_BASE_URL = 'http://localhost:3000';
    expect(defaultConfig().secureCookies).toBe(true);
  });
});
