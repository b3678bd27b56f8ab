// Service worker: the app opens with no network after the first visit.
// The build stamps the cache name with a build id (quiz-author's site.rs, `finish`); each
// deploy gets a new cache and the old ones are deleted.
const CACHE = 'quiz-__BUILD_ID__';
const SHELL = [
  './',
  'index.html',
  'boot.js',
  'quiz_web.js',
  'quiz_web_bg.wasm',
  'app.css',
  'manifest.webmanifest',
  'icon.svg',
  'bank.json',
];
// The build lists the chunk loader, the page chunks and the bank's pieces in precache.json
// (a list of its own keeps this script, part of the first screen, small).
const PRECACHE = 'precache.json';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => fetch(PRECACHE, { cache: 'reload' }).then((r) => r.json()).catch(() => [])
        .then((more) => Promise.all([...SHELL, ...more].map((url) => cache.add(new Request(url, { cache: 'reload' })).catch(() => {})))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('quiz-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

function networkFirst(request, fallbackUrl) {
  return fetch(request)
    .then((response) => {
      if (response && response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    })
    .catch(() =>
      caches.match(request, { ignoreSearch: !!fallbackUrl })
        .then((hit) => hit || (fallbackUrl ? caches.match(fallbackUrl) : undefined))
        .then((hit) => hit || Response.error())
    );
}

function cacheFirst(request) {
  return caches.match(request).then((hit) => hit || fetch(request).then((response) => {
    if (response && response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  }));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, new URL('index.html', scope).href));
  } else if (/-[0-9a-f]{10}\/[^/]+\.json$/.test(url.pathname)) {
    // A bank's shard: its folder is named by its content, so a copy never goes stale.
    event.respondWith(cacheFirst(request));
  } else if (url.origin !== scope.origin || url.pathname.endsWith('.json') || url.pathname.endsWith('/index.html')) {
    // Question banks (also ?bank= ones on other sites) and the page: fresh when online.
    event.respondWith(networkFirst(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});
