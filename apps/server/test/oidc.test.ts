import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from './support/cookie-jar.ts';
import { me, type SsoWorld, signInThroughProvider, ssoWorld } from './support/sso-world.ts';

describe('single sign-on through a real OpenID Provider', () => {
  let w: SsoWorld;
  beforeAll(async () => {
    w = await ssoWorld();
    await w.mapGroups({ 'clinic-nurses': ['triage-nurse'], billing: ['billing-specialist'] });
  });
  afterAll(() => w.close());

  it('signs a new person in with the roles their groups map to', async () => {
    w.addAccount({ sub: 'p-nora', email: 'nora@clinic.example', emailVerified: true, name: 'Nora N', groups: ['clinic-nurses', 'unrelated'] });
    const jar = new CookieJar();
    const { landing } = await signInThroughProvider(w, jar, { email: 'nora@clinic.example' });
    expect(landing.pathname + landing.search).toBe('/');
    const who = await me(w, jar);
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({ stage: 'full', user: { username: 'nora@clinic.example', displayName: 'Nora N', roles: ['triage-nurse'] } });
  });
});
