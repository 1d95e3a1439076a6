import { deviceCookieOf, freshCode, keeper } from './two-factor.ts';

interface StepResult {
  csrfToken: string;
  stage?: 'full' | 'totp' | 'enroll';
  secret?: string;
  recoveryCodes?: string[];
}

/**
 * A signed-in API client for preparing state in end-to-end tests (the same HTTP API the app uses).
 * Accounts that need two-factor sign-in are enrolled the first time and then remembered on this
 * "browser", as a person would; the key and recovery codes are kept for `signIn` too.
 */
export async function apiSession(baseUrl: string, username: string, password: string) {
  const k = keeper(baseUrl, username);
  let cookie = '';
  let csrfToken = '';
  async function post(path: string, body: unknown): Promise<StepResult> {
    const response = await fetch(`${baseUrl}/api${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: [cookie, k.device].filter(Boolean).join('; '),
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} as ${username}: ${response.status} ${await response.text()}`);
    const session = response.headers.getSetCookie().find((c) => /^(__Host-)?pf_session=/.test(c));
    if (session) cookie = session.split(';')[0]!;
    const device = deviceCookieOf(response.headers.getSetCookie());
    if (device) k.device = device;
    const result = (await response.json()) as StepResult;
    csrfToken = result.csrfToken ?? csrfToken;
    return result;
  }
  const login = await post('/auth/login', { username, password });
  if (login.stage === 'enroll') {
    k.secret = (await post('/auth/totp/setup', {})).secret!;
    const done = await post('/auth/totp/confirm', { code: await freshCode(k), rememberDevice: true });
    k.recoveryCodes = done.recoveryCodes ?? [];
  } else if (login.stage === 'totp') {
    await post('/auth/totp/verify', { code: await freshCode(k), rememberDevice: true });
  }
  return async function call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
}
