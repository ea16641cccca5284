/*
 * Youzhi's service worker (issue 14 item 4: the inspector's phone form works offline).
 *
 * - The app shell: pages are fetched from the network first and fall back to the cached
 *   index.html; the hashed files under /assets/ are served from the cache once fetched (the page
 *   also adds what it loaded before this worker took over, lazily loaded screens included:
 *   features/inspections/serviceWorker.ts, which knows the cache names below).
 * - A few GET answers the form needs to start without a network — the session user, the unit
 *   tree and the inspection templates — network first, the last answer when offline (the page
 *   requests them once through this worker). Logging in or out forgets them.
 * - Everything else (every other API call, every write) goes to the network untouched: the
 *   inspections themselves queue in IndexedDB in the page, not here.
 */
const SHELL = 'youzhi-shell-v1';
const DATA = 'youzhi-data-v1';
const DATA_PATHS = [/^\/api\/v1\/auth\/me$/, /^\/api\/v1\/units\/tree$/, /^\/api\/v1\/inspection-templates(\/[a-z0-9-]+)?$/];
const STATIC = ['/favicon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      const res = await fetch('/', { credentials: 'same-origin' });
      if (res.ok) {
        const html = await res.clone().text();
        await cache.put('/', res);
        const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
        await cache.addAll([...new Set([...assets, ...STATIC])]);
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== SHELL && key !== DATA) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

async function networkFirst(request, cacheName, key) {
  const cache = await caches.open(cacheName);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(key, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(key);
    if (hit) return hit;
    throw err;
  }
}

/** A page of the app: the network, else the cached index.html (kept fresh from each app page loaded). */
async function appPage(request) {
  const cache = await caches.open(SHELL);
  try {
    const res = await fetch(request);
    if (res.ok && (res.headers.get('content-type') || '').includes('text/html')) {
      if ((await res.clone().text()).includes('<div id="root">')) await cache.put('/', res.clone());
    }
    return res;
  } catch (err) {
    const hit = await cache.match('/');
    if (hit) return hit;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const key = new URL(request.url).pathname;
  const hit = await cache.match(key);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) await cache.put(key, res.clone());
  return res;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== 'GET') {
    // Another user may log in on this phone: forget the last user's answers.
    if (url.pathname === '/api/v1/auth/login' || url.pathname === '/api/v1/auth/logout') event.waitUntil(caches.delete(DATA));
    return;
  }
  if (request.mode === 'navigate') {
    // The server's own pages (API docs, public forms, survey and rating pages) are not the app.
    if (/^\/(api|open311|public|s|r)\//.test(url.pathname)) return;
    event.respondWith(appPage(request));
    return;
  }
  if (url.pathname.startsWith('/assets/') || STATIC.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (DATA_PATHS.some((p) => p.test(url.pathname)) && !url.search) {
    event.respondWith(networkFirst(request, DATA, url.pathname));
  }
});
