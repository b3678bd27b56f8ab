// Starts the app (no inline script: the page's CSP allows only files from this site) and
// registers the service worker that keeps the app usable offline.

function fail(error) {
  const app = document.getElementById('app');
  if (!app) return;
  const main = document.createElement('main');
  main.className = 'wrap boot';
  const h1 = document.createElement('h1');
  h1.textContent = 'The practice exam could not start';
  const p = document.createElement('p');
  p.textContent = 'This browser could not run the app (' + (error && error.message ? error.message : error) +
    '). Try a current version of Chrome, Edge, Firefox or Safari.';
  main.append(h1, p);
  app.replaceChildren(main);
}

// Start fetching the question bank now, while the wasm downloads and compiles; the app takes
// this response instead of fetching again when the URL is the one it would fetch
// (src/browser.rs: bank_url, fetch_bank).
const bankUrl = new URLSearchParams(location.search).get('bank') || 'bank.json';
window.__quizBank = { url: bankUrl, response: fetch(bankUrl) };
window.__quizBank.response.catch(() => {});

function preload(href) {
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = href;
  document.head.append(link);
}

// The bank's outline (every question without its text) is the app's next request once the wasm
// has read the index: ask for it as soon as the index is in (the path is `Index::outline_path`
// in quiz-core's bundle.rs), so that request does not wait for the wasm.
window.__quizBank.response
  .then((r) => (r.ok ? r.clone().json() : null))
  .then((index) => {
    if (index && typeof index.folder === 'string' && /^bank-[0-9a-f]+$/.test(index.folder)) {
      preload(new URL(index.folder + '/outline.json', new URL(bankUrl, location.href)).href);
    }
  })
  .catch(() => {});

// The chunks of split code this start will ask for as soon as the wasm runs, fetched now,
// beside the wasm: the content check for a bank from elsewhere (the site's own bank was checked
// when it was built: `site_bank` in src/browser.rs), and the page group of the address's route
// (ROUTE_GROUPS: a route's first segment to its group, as `group_of` in src/lazy.rs says; a
// test there reads this line). The build fills in the file names.
const CHUNK_GROUPS = /*CHUNK-GROUPS*/{};
const ROUTE_GROUPS = { exam: 'exam', results: 'exam', quick: 'practice', progress: 'records', settings: 'records' };
const routeGroup = ROUTE_GROUPS[(/^#\/(\w+)/.exec(location.hash) || [])[1]];
const checkGroup = new URLSearchParams(location.search).get('bank') ? CHUNK_GROUPS.check || [] : [];
for (const file of new Set([...checkGroup, ...(CHUNK_GROUPS[routeGroup] || [])])) {
  preload(new URL(file, import.meta.url).href);
}

// The glue is imported here, after the bank request is on its way (index.html preloads it and
// the wasm, so nothing waits for this line to start downloading).
import('./quiz_web.js')
  .then(({ default: init, start }) => init({ module_or_path: new URL('quiz_web_bg.wasm', import.meta.url) }).then(() => start()))
  .catch(fail);

if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('sw.js').catch(() => {
      // Offline support is optional: the app works without it.
    });
  });
}
