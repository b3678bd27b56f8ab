// Starts the app (no inline script: the page's CSP allows only files from this site) and
// registers the service worker that keeps the app usable offline.

// A message shown in place of the app: a heading, then a paragraph.
function message(title, text) {
  const main = document.createElement('main');
  main.className = 'wrap boot';
  const h1 = document.createElement('h1');
  h1.textContent = title;
  const p = document.createElement('p');
  p.textContent = text;
  main.append(h1, p);
  return main;
}

function fail(error) {
  const app = document.getElementById('app');
  if (!app) return;
  app.replaceChildren(message('The practice exam could not start', 'This browser could not run the app (' +
    (error && error.message ? error.message : error) + '). Try a current version of Chrome, Edge, Firefox or Safari.'));
}

// A panic in the app's wasm is a trap (std is built with panic=immediate-abort:
// scripts/wasm-common.sh), which reaches the page as an uncaught WebAssembly.RuntimeError. The
// app cannot go on after one, so say so in place of the app and offer a reload. Nothing here
// writes to storage: the progress saved so far stays as it is.
function crashed(error) {
  if (!(error instanceof WebAssembly.RuntimeError) || document.getElementById('crashed')) return;
  const main = message('Something went wrong', 'The practice exam stopped because of an error in the app (' +
    error.message + '). Your progress saved on this device is kept. Reload the page to go on.');
  main.id = 'crashed';
  main.setAttribute('role', 'alert');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'btn primary';
  button.textContent = 'Reload';
  button.addEventListener('click', () => location.reload());
  main.append(button);
  document.body.replaceChildren(main);
  button.focus();
}
window.addEventListener('error', (event) => crashed(event.error));
window.addEventListener('unhandledrejection', (event) => crashed(event.reason));

// Start fetching the question bank now, while the wasm downloads and compiles; the app takes
// this response instead of fetching again when the URL is the one it would fetch
// (src/browser.rs: bank_url, fetch_bank).
const bankParam = new URLSearchParams(location.search).get('bank');
const bankUrl = bankParam || 'bank.json';
// The outline (FOLDER/outline.json, named by the index) is fetched as soon as the index is in,
// not after the app has started: one round trip less before the first page. The app uses it
// only if its address is the one it would fetch itself (Index::outline_path in quiz-core).
const bankResponse = fetch(bankUrl);
const outlineResponse = bankResponse
  .then((response) => (response.ok ? response.clone().json() : null))
  .then((index) => (index && typeof index.folder === 'string'
    ? fetch(new URL(index.folder + '/outline.json', new URL(bankUrl, location.href)))
    : null));
window.__quizBank = { url: bankUrl, response: bankResponse, outline: outlineResponse };
bankResponse.catch(() => {});
outlineResponse.catch(() => {});

function preload(href) {
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = href;
  document.head.append(link);
}

// The chunks of split code this start will ask for as soon as the wasm runs, fetched now,
// beside the wasm: the stored progress's reader (below), the content check for a bank from
// elsewhere (the site's own bank was checked when it was built: `site_bank` in
// src/browser.rs), and the page group of the address's route
// (ROUTE_GROUPS: a route's first segment to its group, as `group_of` in src/lazy.rs says; a
// test there reads this line). The build fills in the file names.
const CHUNK_GROUPS = /*CHUNK-GROUPS*/{};
const ROUTE_GROUPS = { exam: 'exam', results: 'exam', quick: 'practice', review: 'review', custom: 'review', progress: 'records', settings: 'records' };
const routeGroup = ROUTE_GROUPS[(/^#\/(\w+)/.exec(location.hash) || [])[1]];
const checkGroup = bankParam ? CHUNK_GROUPS.check || [] : [];
// A returning visitor's stored progress is read by the `storage` chunk before the pages open
// (a first visit has none and fetches it at its first action). The key is quiz-core's
// STORAGE_KEY (a test in src/lazy.rs reads this line).
const STORAGE_KEY = 'quiz-progress';
let stored = false;
try { stored = localStorage.getItem(STORAGE_KEY) !== null; } catch { /* storage blocked: nothing stored */ }
const storageGroup = stored ? CHUNK_GROUPS.storage || [] : [];

// index.html holds the static part of the home page for the site's own bank
// (`quiz-author finish-site`). Any other page keeps only its header and the loading line, and a
// bank from elsewhere (?bank=) only the loading line, until the app shows itself.
const appRoot = document.getElementById('app');
if (appRoot && bankParam) {
  const main = document.createElement('main');
  main.className = 'wrap boot';
  main.append(...appRoot.querySelectorAll('main > .loading'));
  appRoot.replaceChildren(main);
} else if (appRoot && routeGroup) {
  const main = appRoot.querySelector('main');
  if (main) main.replaceChildren(...main.querySelectorAll(':scope > .loading'));
  appRoot.querySelector('nav [aria-current]')?.removeAttribute('aria-current');
}
for (const file of new Set([...checkGroup, ...storageGroup, ...(CHUNK_GROUPS[routeGroup] || [])])) {
  preload(new URL(file, import.meta.url).href);
}

// The glue is imported here, after the bank request is on its way (index.html preloads it and
// the wasm, so nothing waits for this line to start downloading).
import('./quiz_web.js')
  .then(({ default: init, start }) => init({ module_or_path: new URL('quiz_web_bg.wasm', import.meta.url) })
    // The app starts in a task of its own: instantiating the module and the app's first render
    // in one task blocked input for about 220 ms at 4x CPU; apart, for about 30 and 180 ms.
    .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
    .then(() => start()))
  .catch(fail);

// Calls `then` once the app's first screen is complete: no `.loading` placeholder (the page's own
// or one the app shows while a chunk or a bank piece arrives) is left in #app, but for those
// marked `later` (home's readiness panel, which may wait for the visitor to scroll to it). Gives
// up waiting after `limitMs`, so a screen that never completes (a bank that cannot load) still
// goes on.
function afterFirstScreen(limitMs, then) {
  const loading = () => appRoot && appRoot.querySelector('.loading:not(.later)');
  let waiting = true;
  const observer = new MutationObserver(() => { if (!loading()) done(); });
  const timer = setTimeout(() => done(), limitMs);
  function done() {
    if (!waiting) return;
    waiting = false;
    observer.disconnect();
    clearTimeout(timer);
    then();
  }
  if (loading()) observer.observe(appRoot, { childList: true, subtree: true });
  else done();
}

// The service worker's install downloads every file of the site (each page's chunks and every
// bank shard: some 200 requests). Registered at `load`, as it was, that install ran while a quick
// check was still fetching its first question and took network and CPU from it: Lighthouse's
// blocking time on /#/quick/all was 116 ms with it and 49 ms without it (median of 3, the same
// sitting; ARCHITECTURE.md, "Start-up"). So it is registered once the page has loaded and its
// first screen is complete.
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  const register = () => navigator.serviceWorker.register('sw.js').catch(() => {
    // Offline support is optional: the app works without it.
  });
  // A module script runs before the document has loaded, so `load` is always still to come.
  window.addEventListener('load', () => afterFirstScreen(10000, register), { once: true });
}
