import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addWallDuration, DEFAULT_SIMULATION_START, parseDefinition } from '@portalflow/engine';
import { clinicCalendar, roleCatalog, workflows } from '@portalflow/examples';
import { openStore, type Store, type User } from '@portalflow/store';
import type { Hono } from 'hono';
import { type App, createApp } from '../../src/app.ts';
import { hashPassword } from '../../src/auth/password.ts';
import { totpCode } from '../../src/auth/totp.ts';
import { defaultConfig, type ServerConfig } from '../../src/config.ts';
import type { AppDeps, AppEnv } from '../../src/deps.ts';
import type { InstanceService } from '../../src/instances/service.ts';
import { type FeedTail, startFeedTail } from '../../src/live/feed-tail.ts';
import { LiveHub } from '../../src/live/hub.ts';
import type { MigrationService } from '../../src/migrations/service.ts';
import { startTimerWorker, type TimerWorker } from '../../src/timers/worker.ts';
import { toolToken } from './prepare.ts';

/** Every test user signs in with this. */
export const PASSWORD = 'correct horse battery staple';

/** scrypt is deliberately slow: hash the one password once per test worker and share the hash. */
let sharedHash: Promise<string> | undefined;
export function passwordHash(): Promise<string> {
  sharedHash ??= hashPassword(PASSWORD);
  return sharedHash;
}

export interface TestUser {
  username: string;
  roles: string[];
}

/** admin, lead (designer), auditor, and one user per clinic role named after the role id (as in the demo). */
export const DEMO_USERS: TestUser[] = [
  { username: 'admin', roles: ['admin'] },
  { username: 'lead', roles: ['designer'] },
  { username: 'auditor', roles: ['auditor'] },
  ...roleCatalog.map((r) => ({ username: r.id, roles: [r.id] })),
];

/** A clock the test moves by hand; the server reads nothing else. */
export class TestClock {
  private current: string;
  constructor(start: string = DEFAULT_SIMULATION_START) {
    this.current = new Date(Date.parse(start)).toISOString();
  }
  readonly now = (): string => this.current;
  set(iso: string): void {
    this.current = new Date(Date.parse(iso)).toISOString();
  }
  /** Moves forward by an ISO duration (`PT31M`) or a number of milliseconds. */
  advance(by: string | number): string {
    this.current =
      typeof by === 'number'
        ? new Date(Date.parse(this.current) + by).toISOString()
        : addWallDuration(this.current, by);
    return this.current;
  }
}

/** Headers that make a request as a signed-in user. */
export type AuthHeaders = Record<string, string>;

// biome-ignore lint/suspicious/noExplicitAny: response bodies of every shape; tests read them as JSON
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface CallOptions {
  as?: AuthHeaders;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TestApp {
  app: Hono<AppEnv>;
  deps: AppDeps;
  store: Store;
  instances: InstanceService;
  migrations: MigrationService;
  timers: TimerWorker;
  clock: TestClock;
  live: LiveHub;
  /** Tails the change feed into `live`; `poll()` reads it now. */
  feed: FeedTail;
  /** Operational log lines the server wrote. */
  logs: string[];
  /** Forgotten-password emails (sent after the answer): `settled()` waits for them. */
  passwordResets: App['passwordResets'];
  dbPath: string;
  dbUrl: string;
  users: Map<string, User>;
  user(username: string): User;
  /** Adds a user with the shared password. */
  addUser(username: string, roles: string[]): Promise<User>;
  /**
   * POST /api/auth/login; returns { cookie, x-csrf-token } of a fully signed-in session. Accounts
   * that need two-factor sign-in are enrolled (first time) or given a code from the test clock, the
   * way a person would; the browser is then remembered, so later logins need no code.
   */
  login(username: string): Promise<AuthHeaders>;
  /** The authenticator secret `login` enrolled for this user, if it did. */
  totpSecret(username: string): string | undefined;
  /** One unused recovery code of a user `login` enrolled (each is handed out once). */
  recoveryCode(username: string): string;
  /** The password step alone, from a browser that is not a known device: { cookie, x-csrf-token, stage }. */
  passwordOnly(username: string): Promise<AuthHeaders & { stage: string }>;
  /** `login`, once per user and app. */
  session(username: string): Promise<AuthHeaders>;
  /**
   * An `act` API token (made in the store: no password hashing), once per user and app: { authorization:
   * Bearer … }. Accounts whose roles need two-factor sign-in get an authenticator first (see `toolToken`).
   */
  token(username: string): Promise<AuthHeaders>;
  /** A JSON request through `app.request()`; `body` is sent as JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: as ApiResponse
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<ApiResponse<T>>;
  /** Fires every timer due now, as the worker would. */
  tick(): Promise<number>;
  /**
   * Moves the clock to `target`, stopping at each timer due on the way and firing it at its due
   * time, as a worker polling every second would.
   */
  advanceTo(target: string): Promise<number>;
  close(): Promise<void>;
}

export interface MakeAppOptions {
  config?: Partial<ServerConfig>;
  /** Default DEMO_USERS. */
  users?: TestUser[];
  /** Publish every example workflow (through the store) before the test. Default true. */
  publish?: boolean;
  start?: string;
  /** Default the clinic calendar the example scripts are written for. */
  calendar?: unknown;
}

/**
 * Start data a bundled workflow's start form takes: its first story's (every story starts with what
 * staff would fill in on the start form). A fresh copy each call.
 */
export function exampleStart(id: string): Record<string, unknown> {
  const example = workflows.find((w) => w.id === id);
  if (!example) throw new Error(`no example '${id}'`);
  const first = example.scripts[0]?.events[0] as
    | { type?: string; data?: Record<string, unknown> }
    | undefined;
  if (first?.type !== 'start') throw new Error(`the first story of '${id}' does not start`);
  return structuredClone(first.data ?? {});
}

/** What the refill coordinator records on the first refill step: a controlled substance, so the provider decides next. */
export const REFILL_PREPARED = {
  medication: 'lisinopril',
  controlledSubstance: true,
  lastVisitDate: '2025-11-03',
  labsCurrent: true,
  exactRefill: true,
  onStandingOrder: false,
  needsPriorAuth: false,
};

/** Publishes one example workflow's definition directly through the store (as the demo seed does). */
export async function publishExample(store: Store, id: string, at: string): Promise<void> {
  const example = workflows.find((w) => w.id === id);
  if (!example) throw new Error(`no example '${id}'`);
  const definition = parseDefinition(example.definition, { filename: `${id}.json` });
  const saved = await store.saveDraft({
    id,
    title: definition.title,
    definition,
    layout: null,
    expectedRevision: 0,
    updatedBy: null,
    at,
  });
  if (!saved.ok) throw new Error(`could not save '${id}': ${saved.reason}`);
  const published = await store.publish({
    definitionId: id,
    expectedRevision: saved.draft.revision,
    publishedBy: null,
    at,
  });
  if (!published.ok) throw new Error(`could not publish '${id}': ${published.reason}`);
}

/**
 * The real app over a real libSQL file in a fresh temp directory (under `PORTALFLOW_TEST_TMPDIR` if
 * set, e.g. /dev/shm where fsync is free; else the OS temp dir), with a hand-moved clock.
 */
export async function makeApp(options: MakeAppOptions = {}): Promise<TestApp> {
  const dir = await mkdtemp(join(process.env.PORTALFLOW_TEST_TMPDIR ?? tmpdir(), 'portalflow-server-'));
  const dbPath = join(dir, 'portalflow.db');
  const dbUrl = `file:${dbPath}`;
  const clock = new TestClock(options.start);
  const store = await openStore({ url: dbUrl, now: clock.now });
  const live = new LiveHub();
  const logs: string[] = [];
  const deps: AppDeps = {
    store,
    config: defaultConfig({
      processId: 'test-server',
      secureCookies: false,
      checkpoints: { dir: join(dir, 'checkpoints'), keyFile: join(dir, 'checkpoint-key.pem'), intervalMs: 0 },
      mediaDir: join(dir, 'media'),
      attachmentsDir: join(dir, 'attachments'),
      intakeKeyFile: join(dir, 'intake-key'),
      ...options.config,
    }),
    live,
    clock: clock.now,
    calendar: options.calendar === undefined ? clinicCalendar : options.calendar,
    log: (line) => {
      logs.push(line);
    },
  };
  const { app, instances, migrations, passwordResets } = createApp(deps);
  const timers = startTimerWorker(deps, instances, { autostart: false });
  const feed = await startFeedTail(deps);

  const users = new Map<string, User>();
  const hash = await passwordHash();
  async function addUser(username: string, roles: string[]): Promise<User> {
    const created = await store.createUser({ username, passwordHash: hash, roles, at: clock.now() });
    if (!created.ok) throw new Error(`could not create user '${username}': ${created.reason}`);
    users.set(username, created.user);
    return created.user;
  }
  for (const u of options.users ?? DEMO_USERS) await addUser(u.username, u.roles);
  if (options.publish !== false) {
    for (const w of workflows) await publishExample(store, w.id, clock.now());
  }

  // biome-ignore lint/suspicious/noExplicitAny: as ApiResponse
  async function call<T = any>(
    method: string,
    path: string,
    { as, body, headers }: CallOptions = {},
  ): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { ...as, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, init);
    const text = await res.text();
    let parsed: unknown = null;
    if ((res.headers.get('content-type') ?? '').includes('application/json') && text !== '') {
      parsed = JSON.parse(text);
    }
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  }

  const totpSecrets = new Map<string, string>();
  const recoveryCodes = new Map<string, string[]>();
  /** Each user's known-device cookie, as their browser would keep it. */
  const deviceCookies = new Map<string, string>();
  const cookieOf = (res: Response, name: string) =>
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${name}=`))
      ?.split(';')[0];

  async function post(path: string, headers: Record<string, string>, body?: unknown) {
    const res = await app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body ?? {}),
    });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return {
      res,
      json: (await res.json()) as {
        csrfToken: string;
        stage?: string;
        secret?: string;
        recoveryCodes?: string[];
      },
    };
  }

  async function login(username: string): Promise<AuthHeaders> {
    const device = deviceCookies.get(username);
    let { res, json } = await post('/api/auth/login', device ? { cookie: device } : {}, {
      username,
      password: PASSWORD,
    }).catch((error: Error) => {
      throw new Error(`login ${username}: ${error.message}`);
    });
    let cookie = cookieOf(res, 'pf_session');
    if (!cookie) throw new Error(`login ${username}: no session cookie`);
    if (json.stage === 'enroll' || json.stage === 'totp') {
      const headers = { cookie: [cookie, device].filter(Boolean).join('; '), 'x-csrf-token': json.csrfToken };
      let secret = totpSecrets.get(username);
      if (json.stage === 'enroll') {
        secret = (await post('/api/auth/totp/setup', headers)).json.secret!;
        totpSecrets.set(username, secret);
      }
      if (!secret) throw new Error(`login ${username}: enrolled outside the test helper`);
      const code = totpCode(secret, Date.parse(clock.now()));
      ({ res, json } = await post(
        json.stage === 'enroll' ? '/api/auth/totp/confirm' : '/api/auth/totp/verify',
        headers,
        { code, rememberDevice: true },
      ));
      cookie = cookieOf(res, 'pf_session');
      if (!cookie) throw new Error(`login ${username}: no session cookie after the code`);
      if (json.recoveryCodes) recoveryCodes.set(username, [...json.recoveryCodes]);
    }
    const newDevice = cookieOf(res, 'pf_device');
    if (newDevice) deviceCookies.set(username, newDevice);
    return { cookie, 'x-csrf-token': json.csrfToken };
  }

  const sessions = new Map<string, AuthHeaders>();
  async function session(username: string): Promise<AuthHeaders> {
    let headers = sessions.get(username);
    if (!headers) {
      headers = await login(username);
      sessions.set(username, headers);
    }
    return headers;
  }

  const tokens = new Map<string, AuthHeaders>();
  async function token(username: string): Promise<AuthHeaders> {
    let headers = tokens.get(username);
    if (!headers) {
      const user = users.get(username)!;
      const secret = await toolToken(store, user.id, user.roles, {
        name: 'tests',
        at: clock.now(),
        totpRoles: deps.config.totpRoles,
      });
      // An authenticator made for the token is the one `login` gives codes from.
      if (!totpSecrets.has(username)) {
        const totp = await store.getTotp(user.id);
        if (totp?.confirmedAt) totpSecrets.set(username, totp.secret);
      }
      headers = { authorization: `Bearer ${secret}` };
      tokens.set(username, headers);
    }
    return headers;
  }

  async function advanceTo(target: string): Promise<number> {
    const to = new Date(Date.parse(target)).toISOString();
    let fired = 0;
    for (;;) {
      const due = await store.nextTimerDue();
      if (due === null || due > to) break;
      if (due > clock.now()) clock.set(due);
      const n = await timers.tick();
      if (n === 0) throw new Error(`timer due ${due} did not fire (log: ${logs.slice(-3).join(' | ')})`);
      fired += n;
    }
    if (to > clock.now()) clock.set(to);
    return fired;
  }

  return {
    app,
    deps,
    store,
    instances,
    migrations,
    timers,
    feed,
    clock,
    live,
    logs,
    passwordResets,
    dbPath,
    dbUrl,
    users,
    user(username) {
      const found = users.get(username);
      if (!found) throw new Error(`no test user '${username}'`);
      return found;
    },
    addUser,
    login,
    totpSecret: (username) => totpSecrets.get(username),
    recoveryCode(username) {
      const code = recoveryCodes.get(username)?.shift();
      if (!code) throw new Error(`no recovery code left for '${username}'`);
      return code;
    },
    async passwordOnly(username) {
      const { res, json } = await post('/api/auth/login', {}, { username, password: PASSWORD });
      return { cookie: cookieOf(res, 'pf_session')!, 'x-csrf-token': json.csrfToken, stage: json.stage! };
    },
    session,
    token,
    call,
    tick: () => timers.tick(),
    advanceTo,
    async close() {
      await timers.stop();
      await feed.stop();
      live.closeAll();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The shape of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
