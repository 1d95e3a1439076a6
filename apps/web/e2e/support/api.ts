import { deviceCookieOf, freshCode, keeper } from './two-factor.ts';

interface StepResult {
  csrfToken: string;
  stage?: 'full' | 'totp' | 'enroll';
  secret?: string;
  recoveryCodes?: string[];
}

export interface HttpSession {
  /** `pf_session=…` */
  cookie: string;
  csrfToken: string;
}

/**
 * Signs in over the HTTP API the sign-in page uses (the same requests, in the same order). Accounts
 * that need two-factor sign-in are enrolled the first time and then remembered on this "browser", as
 * a person would; the key, recovery codes and known-device cookie are kept for later sign-ins.
 * `userAgent`: the browser's, when the session stands for one (it is shown in the account's sessions).
 */
export async function signInOverHttp(
  baseUrl: string,
  username: string,
  password: string,
  userAgent?: string,
): Promise<HttpSession> {
  const k = keeper(baseUrl, username);
  const session: HttpSession = { cookie: '', csrfToken: '' };
  async function post(path: string, body: unknown): Promise<StepResult> {
    const response = await fetch(`${baseUrl}/api${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: [session.cookie, k.device].filter(Boolean).join('; '),
        ...(session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {}),
        ...(userAgent ? { 'user-agent': userAgent } : {}),
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} as ${username}: ${response.status} ${await response.text()}`);
    const cookie = response.headers.getSetCookie().find((c) => /^(__Host-)?pf_session=/.test(c));
    if (cookie) session.cookie = cookie.split(';')[0]!;
    const device = deviceCookieOf(response.headers.getSetCookie());
    if (device) k.device = device;
    const result = (await response.json()) as StepResult;
    session.csrfToken = result.csrfToken ?? session.csrfToken;
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
  return session;
}

/** A signed-in API client for preparing state in end-to-end tests (the same HTTP API the app uses). */
export async function apiSession(baseUrl: string, username: string, password: string) {
  const { cookie, csrfToken } = await signInOverHttp(baseUrl, username, password);
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
