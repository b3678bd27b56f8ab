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

// The chunks of split code this start will ask for as soon as the wasm runs, fetched now,
// beside the wasm: the bank's content check always, and the page group of the address's route
// (the same routes as `Chunks::of` in src/lazy.rs). The build fills in the file names.
const CHUNK_GROUPS = /*CHUNK-GROUPS*/{};
const routeGroup = /^#\/(exam|quick|results)\b/.test(location.hash) ? 'study'
  : /^#\/(progress|settings)\b/.test(location.hash) ? 'records' : null;
for (const file of new Set([...(CHUNK_GROUPS.check || []), ...(CHUNK_GROUPS[routeGroup] || [])])) {
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = new URL(file, import.meta.url).href;
  document.head.append(link);
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
