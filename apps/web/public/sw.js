/*
 * portalflow service worker: the staff help (FAQ) keeps working offline after one visit.
 *
 * - App shell: on install, the start page and the scripts and styles it references are cached;
 *   later visits refresh them. Navigations go to the network first and fall back to the cached shell.
 * - Help data: GET /api/help/* and /api/me (who is signed in, so the app opens) go to the network first;
 *   a good answer is kept, and used only when the network is unreachable. Nothing else from /api is
 *   stored: instance and task data (PHI) never enter this cache.
 * - Signing out, or a 401, empties the data cache.
 */
const VERSION = 'v1';
const SHELL = `pf-shell-${VERSION}`;
const DATA = `pf-help-data-${VERSION}`;

const isData = (url) => url.pathname === '/api/me' || url.pathname.startsWith('/api/help/');

const assetsOf = (html) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);

async function cacheShell() {
  const cache = await caches.open(SHELL);
  const response = await fetch('/', { cache: 'no-cache' });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put('/', response);
  await cache.addAll([...new Set(['/favicon.svg', ...assetsOf(html)])]);
}

/** After a new release: keep the new shell's files, drop the old release's hashed ones. */
async function keepShell(response) {
  const cache = await caches.open(SHELL);
  const html = await response.clone().text();
  await cache.put('/', response);
  const wanted = new Set(assetsOf(html));
  if (wanted.size === 0) return;
  await cache.addAll([...wanted]).catch(() => undefined);
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
    if (response.ok) await cache.put(request, response.clone());
    else if (response.status === 401) await caches.delete(DATA);
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw error;
  }
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

async function asset(request) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  // Hashed file names never change content, so a cached copy is always right.
  if (response.ok) await cache.put(request, response.clone());
  return response;
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
        if (url.origin !== self.location.origin || !isData(url)) continue;
        const response = await fetch(url, { credentials: 'same-origin' }).catch(() => null);
        if (response?.ok) await cache.put(url, response);
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
  if (request.mode === 'navigate' && !url.pathname.startsWith('/api/')) {
    if (url.pathname.startsWith('/help/')) return;
    event.respondWith(navigation(request));
  } else if (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.svg') {
    event.respondWith(asset(request));
  } else if (isData(url)) {
    event.respondWith(networkFirstData(request));
  }
});
