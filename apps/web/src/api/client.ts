import type { FieldProblem } from '@portalflow/contract';
import { credentialsGeneration } from '../auth/credentialChange.ts';
import { noteResponse, noteUnreachable } from './reachability.ts';

/**
 * The one way the web app talks to the server: JSON under /api, the session cookie, the CSRF
 * token on unsafe requests, and errors as `ApiError` with the server's code and message.
 * Patient data goes in bodies, never in URLs.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** A refused body or query: each field's problem, for showing next to the field. */
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

/** Told of a 401, with the credential generation its request was sent under (credentialChange.ts). */
let onUnauthenticated: ((sentAt: number) => void) | undefined;
export const whenSignedOut = (fn: (sentAt: number) => void) => {
  onUnauthenticated = fn;
};

/**
 * Untyped calls for routes not yet declared in `@portalflow/contract`; new code uses `call`.
 * @deprecated for routes the contract declares.
 */
export async function api<T>(
  path: string,
  init: {
    method?: string;
    body?: unknown;
    idempotencyKey?: string;
    onResponse?: (response: Response) => void;
  } = {},
): Promise<T> {
  return send<T>(path, {
    method: init.method ?? 'GET',
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body), contentType: 'application/json' }),
    ...(init.idempotencyKey ? { idempotencyKey: init.idempotencyKey } : {}),
    ...(init.onResponse ? { onResponse: init.onResponse } : {}),
  });
}

/**
 * One request under /api with the session's credentials and CSRF token; a refusal becomes an
 * `ApiError`. `body` is sent as given: JSON text with its content type, or a `FormData` whose
 * multipart boundary the browser writes into the content type itself.
 */
export async function send<T>(
  path: string,
  init: {
    method: string;
    body?: string | FormData;
    contentType?: string;
    idempotencyKey?: string;
    /** Sent even as the page goes away (a draft saved when the tab is closed or hidden). */
    keepalive?: boolean;
    /** Reads the answer's headers (a download's file name) before its body. */
    onResponse?: (response: Response) => void;
  },
): Promise<T> {
  const { method } = init;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.contentType) headers['content-type'] = init.contentType;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
  const sentAt = credentialsGeneration();
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: init.body,
      ...(init.keepalive ? { keepalive: true } : {}),
    });
  } catch (error) {
    noteUnreachable();
    throw error;
  }
  noteResponse(response);
  init.onResponse?.(response);
  const type = response.headers.get('content-type') ?? '';
  const payload = type.includes('application/json') ? await response.json() : await response.text();
  if (!response.ok) {
    const error = (
      payload as {
        error?: { code: string; message: string; details?: unknown; fields?: FieldProblem[] };
      }
    ).error;
    // A wrong password or code is an answer to show, not a sign that the session ended.
    if (response.status === 401 && !path.startsWith('/auth/')) onUnauthenticated?.(sentAt);
    throw new ApiError(
      response.status,
      error?.code ?? 'HTTP_ERROR',
      error?.message ?? `Request failed (${response.status})`,
      error?.details,
      Array.isArray(error?.fields) ? error.fields : [],
    );
  }
  return payload as T;
}

/** A fresh key per user action, so a retried click never acts twice. */
export const newIdempotencyKey = () => crypto.randomUUID();
