import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AppEnv } from '../../src/deps.ts';

export interface Listener {
  /** `http://127.0.0.1:PORT` */
  base: string;
  close(): Promise<void>;
}

/** The app on a real socket (127.0.0.1, a free port), as `portalflow serve` runs it. */
export async function listen(app: Hono<AppEnv>): Promise<Listener> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface HttpResult {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies of every shape; tests read them as JSON
  body: any;
  headers: Headers;
}

/** One JSON POST over the socket (a fresh connection's worth of headers: no cookie jar). */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** `name=value` of a cookie a response set. */
export const setCookie = (headers: Headers, name: string) =>
  headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];

/** One JSON call over the socket as someone (their auth headers): status, parsed body and raw text. */
export async function sendJson(
  base: string,
  as: Record<string, string>,
  method: string,
  path: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies of every route
): Promise<{ status: number; body: any; text: string }> {
  const headers: Record<string, string> = { ...as };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, text };
}
