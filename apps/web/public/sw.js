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
 * - Help videos a staff member opened are kept whole for offline use (the front desk opens help during
 *   a network outage): the first time one plays, the worker fetches the whole file once, beside the
 *   player's own requests, and keeps it. A player asks for parts of the file (Range); from then on the
 *   worker cuts those parts from the kept copy and answers 206 itself, online or not (the address
 *   carries the file's hash, so a kept copy never goes stale). Budget: VIDEO_BUDGET (100 MB) for all
 *   kept videos together; keeping a new one drops the ones kept longest ago until it fits. A file
 *   bigger than the whole budget is never kept and plays online only.
 * - Keeping a copy is a bonus: if the cache refuses one (full, partial answer), the answer still goes
 *   to the page.
 * - Signing out, a 401, or /api/session saying nobody is signed in empties the data and video caches.
 * - The patients' public help page (/help/<clinic>…, no session; registered for the /help/ scope, so a
 *   patient's phone never downloads the staff app) works the same way for what a patient opened: the
 *   page and its code, the clinic's help (network first, the kept copy when offline; not its hours) and
 *   a clip they played, kept whole and answered in parts as above. All of it is the same for everyone
 *   and carries nothing of the patient (their searches are not kept), so it lives in caches of its
 *   own (PUBLIC, PUBLIC_VIDEOS) that a staff sign-out leaves alone: on a shared front-desk computer a
 *   sign-out then neither breaks a patient's offline clip nor leaves anything behind the sign-in.
 *   Public and staff clips share the one VIDEO_BUDGET: keeping a clip of either drops the clips of
 *   either kept longest ago, so two pages of one browser never hold 200 MB between them.
 */
const VERSION = 'v1';
// v2: the app is split into per-screen files; only those listed for offline use are kept.
const SHELL = 'pf-shell-v2';
const DATA = `pf-help-data-${VERSION}`;
const VIDEOS = 'pf-help-videos-v1';
/** The public help page, its code and the clinic's public answers: kept across staff sign-outs. */
const PUBLIC = 'pf-public-help-v1';
/** Public help clips a patient played: kept across staff sign-outs, within the shared budget. */
const PUBLIC_VIDEOS = 'pf-public-videos-v1';
/** Every public help address is the same page (help.html): it is kept once, under this key. */
const PUBLIC_PAGE = '/help/';
/** When a clip was kept (ms), on the kept copy only: the shared budget drops the oldest of both caches. */
const KEPT_AT = 'Portalflow-Kept-At';
/** All kept help videos together; the server takes videos of up to 50 MB, so two always fit. */
const VIDEO_BUDGET = 100 * 1024 * 1024;

// /api/config too: the clinic's name, time zone and calendar, which signed-in pages wait for.
const isData = (url) =>
  url.pathname === '/api/session' || url.pathname === '/api/config' || url.pathname.startsWith('/api/help/');

/** An entry's video file (`/api/help/entries/{id}/video/{sha256}`): kept whole, in its own cache. */
const isStaffVideo = (url) => /^\/api\/help\/entries\/[^/]+\/video(?:\/|$)/.test(url.pathname);
/** A public entry's video file (`/api/public/help/{clinic}/videos/{id}/{sha256}`). */
const isPublicVideo = (url) => /^\/api\/public\/help\/[^/]+\/videos\/[^/]+\/[0-9a-f]{64}$/.test(url.pathname);
const isVideo = (url) => isStaffVideo(url) || isPublicVideo(url);

/** A page of the public help (`/help/<clinic>…`). */
const isPublicPage = (url) => /^\/help\/[^/]+/.test(url.pathname);
/**
 * The clinic's public help and a clip's captions. Never a search (a patient's own words), nor the
 * clinic's hours: an old copy could say the clinic is open on a day it closed; offline, none are shown.
 */
const isPublicData = (url) =>
  /^\/api\/public\/help\/[^/]+(?:\/videos\/[^/]+\/captions\/[^/]+)?$/.test(url.pathname);
/** This worker was registered by the public help page (scope /help/), not by the staff app. */
const forPatients = () => new URL(self.registration.scope).pathname === PUBLIC_PAGE;

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
  // A patient's phone keeps only what the public page it opened needs, fetched as it is used.
  event.waitUntil((forPatients() ? Promise.resolve() : cacheShell()).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('pf-') && ![SHELL, DATA, VIDEOS, PUBLIC, PUBLIC_VIDEOS].includes(name))
          await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/**
 * Nobody is signed in any more: nothing behind the sign-in stays on the device. The public help's
 * caches stay: anyone may read them without signing in, and a patient's offline clip keeps playing.
 */
const forgetSignedIn = () => Promise.all([caches.delete(DATA), caches.delete(VIDEOS)]);

async function networkFirstData(request) {
  const cache = await caches.open(DATA);
  try {
    const response = await fetch(request);
    if (response.status === 401 || (response.ok && (await saysSignedOut(new URL(request.url), response))))
      await forgetSignedIn();
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

/** The public help page: the network first, else the kept page (every public address is the same page). */
async function publicPage(request) {
  try {
    const response = await fetch(request);
    const html = (response.headers.get('content-type') ?? '').includes('text/html');
    if (response.ok && html) await keepPublicPage(response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(PUBLIC_PAGE, { cacheName: PUBLIC });
    if (cached) return cached;
    throw error;
  }
}

/** Keeps the public page and the code it loads; after a new release, drops the old release's code. */
async function keepPublicPage(response) {
  const cache = await caches.open(PUBLIC);
  const html = await response.clone().text();
  const before = await cache.match(PUBLIC_PAGE);
  const changed = !before || (await before.text()) !== html;
  await cache.put(PUBLIC_PAGE, response).catch(() => undefined);
  if (!changed) return;
  const wanted = new Set(['/favicon.svg', ...assetsOf(html)]);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !wanted.has(path)) await cache.delete(request);
  }
  const missing = [];
  for (const path of wanted) if (!(await cache.match(path))) missing.push(path);
  await cache.addAll(missing).catch(() => undefined);
}

/** The public help's answers: the network first, the kept copy when it cannot be reached. */
async function networkFirstPublic(request) {
  const cache = await caches.open(PUBLIC);
  try {
    // Asked of the server (a 304 when unchanged), not of the browser's own cache: offline, that cache
    // would answer unmarked, and the page could not tell the patient they read a saved copy.
    const response = await fetch(request, { cache: 'no-cache' });
    await keep(cache, request, response.clone());
    return response;
  } catch (error) {
    // The page asks with its own headers (Accept); a copy kept from a message was asked without.
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached) return markedSavedCopy(cached);
    throw error;
  }
}

/** Whether a request comes from a public help page (the code a patient's page loads). */
function fromPublicPage(request) {
  try {
    return isPublicPage(new URL(request.referrer));
  } catch {
    return false;
  }
}

/** Hashed file names never change content, so a kept copy is always right; others come from the network. */
async function asset(request) {
  const cached =
    (await caches.match(request, { cacheName: SHELL })) ??
    (await caches.match(request, { cacheName: PUBLIC }));
  if (cached) return cached;
  const response = await fetch(request);
  // Code the public page loads later (after its first visit) is kept for it too.
  if (fromPublicPage(request)) await keep(await caches.open(PUBLIC), request, response.clone());
  return response;
}

/** The kept copy of a help video, answered whole or in the part the player asks for. */
async function video(request, event) {
  const url = new URL(request.url);
  const kept = await caches.match(url.pathname, { cacheName: videoCache(url) });
  if (kept) return partOf(kept, request.headers.get('range'));
  // Not kept yet: the network answers the player now; the whole file is fetched once beside it.
  event.waitUntil(keepVideo(url));
  return fetch(request);
}

/** Public clips and staff clips are kept apart: a staff sign-out empties only the staff one. */
const videoCache = (url) => (isPublicVideo(url) ? PUBLIC_VIDEOS : VIDEOS);

/** Videos being fetched whole right now (a player asks several times while the first is on its way). */
const keeping = new Map();

/** Fetches a help video whole and keeps it, within the budget. A refusal is not an error. */
function keepVideo(url) {
  const key = url.pathname;
  if (!keeping.has(key)) {
    keeping.set(
      key,
      (async () => {
        const cache = await caches.open(videoCache(url));
        if (await cache.match(key)) return;
        const controller = new AbortController();
        // The public page has no session, so its clips are asked for without one.
        const credentials = isPublicVideo(url) ? 'omit' : 'same-origin';
        const response = await fetch(key, { credentials, signal: controller.signal });
        const size = Number(response.headers.get('content-length'));
        if (response.status !== 200 || !(size > 0) || size > VIDEO_BUDGET) {
          controller.abort();
          return;
        }
        const body = await response.blob();
        await makeRoom(body.size);
        const headers = new Headers({
          'Content-Type': response.headers.get('content-type') ?? 'application/octet-stream',
          'Content-Length': String(body.size),
          [KEPT_AT]: String(Date.now()),
        });
        await cache.put(key, new Response(body, { status: 200, headers }));
      })()
        .catch(() => undefined)
        .finally(() => keeping.delete(key)),
    );
  }
  return keeping.get(key);
}

/**
 * Drops the videos kept longest ago, staff and public together, until `bytes` fit in the budget. A
 * cache lists its videos in the order they were kept; across the two, the time each was kept decides.
 */
async function makeRoom(bytes) {
  const kept = [];
  for (const name of [VIDEOS, PUBLIC_VIDEOS]) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      kept.push({
        cache,
        request,
        size: Number(response?.headers.get('content-length')) || 0,
        at: Number(response?.headers.get(KEPT_AT)) || 0,
      });
    }
  }
  kept.sort((a, b) => a.at - b.at);
  let total = kept.reduce((sum, k) => sum + k.size, 0);
  for (const k of kept) {
    if (total + bytes <= VIDEO_BUDGET) break;
    await k.cache.delete(k.request);
    total -= k.size;
  }
}

/**
 * A whole kept file as the player asked for it: all of it (200), one part of it (206 with
 * Content-Range), or 416 for a part past its end. Several parts at once are answered whole.
 */
async function partOf(kept, range) {
  const body = await kept.blob();
  const size = body.size;
  const type = kept.headers.get('content-type') ?? 'application/octet-stream';
  const whole = () =>
    new Response(body, {
      status: 200,
      headers: { 'Content-Type': type, 'Content-Length': String(size), 'Accept-Ranges': 'bytes' },
    });
  const m = /^bytes=(\d*)-(\d*)$/.exec((range ?? '').trim());
  if (!m || (m[1] === '' && m[2] === '')) return whole();
  let start;
  let end;
  if (m[1] === '') {
    // "bytes=-500": the last 500 bytes.
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || end < start)
    return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}` } });
  return new Response(body.slice(start, end + 1, type), {
    status: 206,
    statusText: 'Partial Content',
    headers: {
      'Content-Type': type,
      'Content-Length': String(end - start + 1),
      'Content-Range': `bytes ${start}-${end}/${size}`,
      'Accept-Ranges': 'bytes',
    },
  });
}

/*
 * A page that loaded its help before this worker controlled it asks for those answers to be kept:
 * fetched again here (with the page's cookies) and cached, so the very first visit is enough. A page
 * this worker controls asks too (it may have taken over after the page's requests): what is kept
 * already then stays as it is, since its requests came through here and refreshed it.
 */
self.addEventListener('message', (event) => {
  const { type, urls, controlled } = event.data ?? {};
  if (type !== 'keep' || !Array.isArray(urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(DATA);
      const publicCache = await caches.open(PUBLIC);
      for (const href of urls) {
        const url = new URL(href, self.location.origin);
        if (url.origin !== self.location.origin) continue;
        if (isVideo(url)) {
          await keepVideo(url);
          continue;
        }
        if (isPublicPage(url) || isPublicData(url)) {
          const key = isPublicPage(url) ? PUBLIC_PAGE : url;
          if (controlled === true && (await publicCache.match(key, { ignoreVary: true }))) continue;
          const response = await fetch(url, { credentials: 'omit' }).catch(() => null);
          if (!response?.ok) continue;
          if (isPublicPage(url)) await keepPublicPage(response);
          else await keep(publicCache, url, response);
          continue;
        }
        if (!isData(url) || (controlled === true && (await cache.match(url)))) continue;
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
    event.respondWith(forgetSignedIn().then(() => fetch(request)));
    return;
  }
  if (request.method !== 'GET') return;
  if (isVideo(url)) {
    event.respondWith(video(request, event));
    return;
  }
  // Other files asked for in parts: the network answers them as the browser expects.
  if (request.headers.has('range')) return;
  if (request.mode === 'navigate' && !url.pathname.startsWith('/api/')) {
    event.respondWith(isPublicPage(url) ? publicPage(request) : navigation(request));
  } else if (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.svg') {
    event.respondWith(asset(request));
  } else if (isData(url)) {
    event.respondWith(networkFirstData(request));
  } else if (isPublicData(url)) {
    event.respondWith(networkFirstPublic(request));
  }
});
