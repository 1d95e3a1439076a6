import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Definition } from '@portalflow/engine';
import type { Store } from '@portalflow/store';
import { createApp } from '../../src/app.ts';
import { hashPassword } from '../../src/auth/password.ts';
import { newTotpSecret } from '../../src/auth/totp.ts';
import { defaultConfig } from '../../src/config.ts';
import type { AppDeps } from '../../src/deps.ts';
import type { InstanceService } from '../../src/instances/service.ts';
import { LiveHub } from '../../src/live/hub.ts';

/** A fresh directory for one database file; `remove()` deletes it with its WAL files. */
export async function tempDb(
  prefix = 'portalflow-server-',
): Promise<{ url: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return {
    url: `file:${join(dir, 'portalflow.db')}`,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The app's services over an open store, without a listener: how tests prepare a database. */
export function servicesFor(store: Store): { deps: AppDeps; instances: InstanceService } {
  const deps: AppDeps = {
    store,
    config: defaultConfig({ processId: 'test-prepare' }),
    live: new LiveHub(),
    clock: () => new Date().toISOString(),
    log: () => {},
  };
  return { deps, instances: createApp(deps).instances };
}

/** Saves and publishes `definition`; returns the version number. */
export async function publish(store: Store, definition: Definition): Promise<number> {
  const draft = await store.getDraft(definition.id);
  const saved = await store.saveDraft({
    id: definition.id,
    title: definition.title,
    definition,
    expectedRevision: draft?.revision ?? 0,
    updatedBy: null,
  });
  if (!saved.ok) throw new Error(`could not save ${definition.id}: ${saved.reason}`);
  const published = await store.publish({
    definitionId: definition.id,
    expectedRevision: saved.draft.revision,
    publishedBy: null,
  });
  if (!published.ok) throw new Error(`could not publish ${definition.id}: ${published.reason}`);
  return published.version.version;
}

/**
 * Starts `count` instances through the InstanceService (engine + projection, like POST /api/instances),
 * `concurrency` at a time so they share group-commit batches. Returns their ids in start order.
 */
export async function startInstances(
  instances: InstanceService,
  definitionId: string,
  count: number,
  concurrency = 100,
): Promise<string[]> {
  const ids: string[] = [];
  for (let from = 0; from < count; from += concurrency) {
    const chunk = Array.from({ length: Math.min(concurrency, count - from) }, (_, k) =>
      instances.start({ user: null, role: null }, { definitionId, data: { n: from + k } }),
    );
    for (const applied of await Promise.all(chunk)) ids.push(applied.instance.id);
  }
  return ids;
}

/** A user with these roles and an API token for `Authorization: Bearer`. */
export async function userWithToken(
  store: Store,
  username: string,
  roles: string[],
  password = 'correct horse battery staple',
): Promise<{ id: string; token: string; password: string }> {
  const created = await store.createUser({ username, passwordHash: await hashPassword(password), roles });
  if (!created.ok) throw new Error(`could not create ${username}: ${created.reason}`);
  const token = await toolToken(store, created.user.id, roles, { name: 'test' });
  return { id: created.user.id, token, password };
}

/** Tools' and tests' tokens last this long: the runs they serve move their clocks by months. */
const TOOL_TOKEN_MS = 10 * 365 * 24 * 3600_000;

/**
 * An `act` API token made straight in the store, for tests, load runs and campaigns. The server
 * refuses tokens of accounts whose roles need two-factor sign-in (`totpRoles`) until they have an
 * authenticator, so such accounts get a confirmed one first (its secret is returned; its accepted
 * step is 0, so every real code still works once).
 */
export async function toolToken(
  store: Store,
  userId: string,
  roles: readonly string[],
  options: { name: string; at?: string; totpRoles?: readonly string[] },
): Promise<string> {
  const at = options.at ?? new Date().toISOString();
  const totpRoles = options.totpRoles ?? defaultConfig({ processId: 'tool-token' }).totpRoles;
  if (roles.some((r) => totpRoles.includes(r)) && !(await store.getTotp(userId))?.confirmedAt) {
    await store.setTotpSecret({ userId, secret: newTotpSecret(), at });
    await store.acceptTotpStep(userId, 0, { at });
  }
  const expiresAt = new Date(Date.parse(at) + TOOL_TOKEN_MS).toISOString();
  return (await store.createApiToken({ userId, name: options.name, scope: 'act', expiresAt, at })).secret;
}
