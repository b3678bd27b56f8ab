// Starts the app (no inline script: the page's CSP allows only files from this site) and
// registers the service worker that keeps the app usable offline.
import init, { start } from './quiz_web.js';

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

init({ module_or_path: new URL('quiz_web_bg.wasm', import.meta.url) })
  .then(() => start())
  .catch(fail);

if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('sw.js').catch(() => {
      // Offline support is optional: the app works without it.
    });
  });
}
