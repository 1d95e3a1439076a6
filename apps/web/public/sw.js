/*
 * portalflow service worker: the staff help (FAQ) keeps working offline after one visit.
 *
 * - App shell: on install, the start page, the scripts and styles it references, and the code the
 *   staff help needs behind sign-in (listed by the build in /offline-assets.json: the signed-in
 *   frame and the FAQ screen, with what they import) are cached; later visits refresh them. Other
 *   screens' code (the editor, charts, audit…) is never kept: it is fetched as usual, online.
 *   Navigations go to the network first and fall back to the cached shell.
 * - Help data: GET /api/help/*, /api/session (who is signed in, so the app opens) and /api/config (the
 *   clinic's settings, which signed-in pages wait for) go to the network first;
 *   a good answer is kept, and used only when the network is unreachable. Nothing else from /api is
 *   stored: instance and task data (PHI) never enter this cache.
 * - Help videos are left to the browser: a player asks for parts of the file (Range, answered 206),
 *   which a cache cannot keep, and a whole clip is too big to keep for every answer. They play online.
 * - Keeping a copy is a bonus: if the cache refuses one (full, partial answer), the answer still goes
 *   to the page.
 * - Signing out, a 401, or /api/session saying nobody is signed in empties the data cache.
 */
const VERSION = 'v1';
// v2: the app is split into per-screen files; only those listed for offline use are kept.
const SHELL = 'pf-shell-v2';
const DATA = `pf-help-data-${VERSION}`;

// /api/config too: the clinic's name, time zone and calendar, which signed-in pages wait for.
const isData = (url) =>
  url.pathname === '/api/session' || url.pathname === '/api/config' || url.pathname.startsWith('/api/help/');

/** An entry's video file (`/api/help/entries/{id}/video/{sha256}`): never kept, never answered here. */
const isVideo = (url) => /^\/api\/help\/entries\/[^/]+\/video(?:\/|$)/.test(url.pathname);

/** Keeps a copy of a whole answer (200 only: never a part of a file); a refusal is not an error. */
async function keep(cache, request, response) {
  if (response.status !== 200) return;
  await cache.put(request, response).catch(() => undefined);
}

/** "Nobody is signed in on this browser" (`{ me: null }` from /api/session): as good as a 401 here. */
async function saysSignedOut(url, response) {
  if (url.pathname !== '/api/session') return false;
  const body = await response
    .clone()
    .json()
    .catch(() => null);
  return body?.me === null;
}

const assetsOf = (html) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);

/** The files the build lists for offline use (none if the list cannot be read). */
async function offlineAssets() {
  try {
    const response = await fetch('/offline-assets.json', { cache: 'no-cache' });
    if (!response.ok) return [];
    const { assets } = await response.json();
    return Array.isArray(assets)
      ? assets.filter((a) => typeof a === 'string' && a.startsWith('/assets/'))
      : [];
  } catch {
    return [];
  }
}

async function cacheShell() {
  const cache = await caches.open(SHELL);
  const response = await fetch('/', { cache: 'no-cache' });
  if (!response.ok) return;
  const html = await response.clone().text();
  const offline = await offlineAssets();
  await cache.put('/', response);
  await cache.addAll([...new Set(['/favicon.svg', ...assetsOf(html), ...offline])]);
  // The clinic's settings: signed-in pages wait for them, and the page that registered this worker
  // fetched them before the worker could keep a copy.
  const config = await fetch('/api/config').catch(() => null);
  if (config?.ok) await (await caches.open(DATA)).put('/api/config', config);
}

/** After a new release: keep the new release's files (fetching only the missing), drop the old ones. */
async function keepShell(response) {
  const cache = await caches.open(SHELL);
  const html = await response.clone().text();
  await cache.put('/', response);
  const wanted = new Set([...assetsOf(html), ...(await offlineAssets())]);
  if (wanted.size === 0) return;
  const missing = [];
  for (const path of wanted) if (!(await cache.match(path))) missing.push(path);
  await cache.addAll(missing).catch(() => undefined);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !wanted.has(path)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('pf-') && name !== SHELL && name !== DATA) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function networkFirstData(request) {
  const cache = await caches.open(DATA);
  try {
    const response = await fetch(request);
    if (response.status === 401 || (response.ok && (await saysSignedOut(new URL(request.url), response))))
      await caches.delete(DATA);
    else await keep(cache, request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    // Marked, so the page can say it shows a saved copy (browsers do not always report offline).
    if (cached) return markedSavedCopy(cached);
    throw error;
  }
}

function markedSavedCopy(cached) {
  const headers = new Headers(cached.headers);
  headers.set('Portalflow-Saved-Copy', '1');
  return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
}

async function navigation(request) {
  try {
    const response = await fetch(request);
    const url = new URL(request.url);
    // The staff app's pages all share one shell; keep the newest copy of it.
    const html = (response.headers.get('content-type') ?? '').includes('text/html');
    if (response.ok && html && !url.pathname.startsWith('/help/')) await keepShell(response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match('/', { cacheName: SHELL });
    if (cached) return cached;
    throw error;
  }
}

/** Hashed file names never change content, so a kept copy is always right; others come from the network. */
async function asset(request) {
  const cached = await caches.match(request, { cacheName: SHELL });
  return cached ?? fetch(request);
}

/*
 * A page that loaded its help before this worker controlled it asks for those answers to be kept:
 * fetched again here (with the page's cookies) and cached, so the very first visit is enough.
 */
self.addEventListener('message', (event) => {
  const { type, urls } = event.data ?? {};
  if (type !== 'keep' || !Array.isArray(urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(DATA);
      for (const href of urls) {
        const url = new URL(href, self.location.origin);
        if (url.origin !== self.location.origin || !isData(url) || isVideo(url)) continue;
        const response = await fetch(url, { credentials: 'same-origin' }).catch(() => null);
        if (response?.ok && !(await saysSignedOut(url, response))) await keep(cache, url, response);
      }
      event.source?.postMessage({ type: 'kept', urls });
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.pathname === '/api/auth/logout') {
    event.respondWith(caches.delete(DATA).then(() => fetch(request)));
    return;
  }
  if (request.method !== 'GET') return;
  // Media players ask for parts of a file: the network answers them as the browser expects.
  if (request.headers.has('range') || isVideo(url)) return;
  if (request.mode === 'navigate' && !url.pathname.startsWith('/api/')) {
    if (url.pathname.startsWith('/help/')) return;
    event.respondWith(navigation(request));
  } else if (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.svg') {
    event.respondWith(asset(request));
  } else if (isData(url)) {
    event.respondWith(networkFirstData(request));
  }
});
