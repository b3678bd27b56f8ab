// Two builds of the site side by side, as a phone on a slow network gets them: Chromium with 4x
// CPU slowdown and 150 ms / 1.6 Mbps (Lighthouse's mobile figures) applied through the DevTools
// protocol, loads of the two alternating so that the machine's load falls on both alike.
// Prints, for each, the median time until the first question is visible and the blocking time
// (the part of each long task over 50 ms) of the tasks before it. A tool for a before/after
// comparison of a change; it asserts nothing.
// Run: cd tests && A=path/to/old/dist B=../dist [LOADS=8] node bench/compare.mjs [#/quick/all]
import { launch } from '../e2e/lib/browser.mjs';
import { serve } from '../e2e/lib/server.mjs';
import { median, throttledPage } from './lib.mjs';

const builds = { A: process.env.A, B: process.env.B };
if (!builds.A || !builds.B) throw new Error('set A and B to the two built sites');
const LOADS = Number(process.env.LOADS || 8);
const route = process.argv[2] || '#/quick/all';

// In the page before it loads: the long tasks until the first question (or home's title) shows.
const PROBE = () => {
  window.__blocking = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (window.__shownMs === undefined) window.__blocking += Math.max(0, e.duration - 50);
  }).observe({ type: 'longtask', buffered: true });
  const shown = () => (location.hash.length > 2 ? document.querySelector('#q-heading') : document.querySelector('#home-title'));
  const tick = () => { if (shown()) { window.__shownMs = performance.now(); return; } requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
};

const servers = { A: await serve({ root: builds.A, gzip: true }), B: await serve({ root: builds.B, gzip: true }) };
const browser = await launch();
const results = { A: [], B: [] };
try {
  for (let i = 0; i < LOADS; i++) {
    for (const k of ['A', 'B']) {
      const { context, page } = await throttledPage(browser, { slowNetwork: true });
      await page.addInitScript(PROBE);
      await page.goto(servers[k].url + route);
      await page.waitForFunction(() => window.__shownMs !== undefined, null, { timeout: 60000 });
      results[k].push(await page.evaluate(() => [window.__shownMs, window.__blocking]));
      await context.close();
    }
  }
} finally {
  await browser.close();
  await servers.A.close();
  await servers.B.close();
}
console.log(`${route}: median of ${LOADS} loads each (4x CPU, 150 ms, 1.6 Mbps)`);
for (const k of ['A', 'B']) {
  const shown = results[k].map((r) => r[0]);
  console.log(`  ${k} ${builds[k]}: first question at ${median(shown).toFixed(0)} ms (${Math.min(...shown).toFixed(0)}..${Math.max(...shown).toFixed(0)}), blocking time before it ${median(results[k].map((r) => r[1])).toFixed(0)} ms`);
}
