import { launch } from '../e2e/lib/browser.mjs';
import { serve } from '../e2e/lib/server.mjs';
const server = await serve({ root: '/work/main/dist' });
const browser = await launch();
const agg = new Map();
for (let i = 0; i < 3; i++) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await page.addInitScript(() => {
    const tick = () => { if (document.querySelector('#q-heading')) { window.__fq = performance.now(); return; } requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await cdp.send('Profiler.start');
  await page.goto(server.url + '#/quick/all');
  await page.waitForFunction(() => window.__fq !== undefined, null, { timeout: 60000 });
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas; const samples = profile.samples;
  for (let k = 0; k < samples.length; k++) {
    const n = byId.get(samples[k]);
    const name = (n.callFrame.functionName || '(anon)') + ' ' + (n.callFrame.url.split('/').pop() || '');
    agg.set(name, (agg.get(name) || 0) + (dt[k] || 0) / 1000);
  }
  await context.close();
}
const top = [...agg.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
for (const [n, t] of top) console.log((t / 3).toFixed(1).padStart(8), 'ms', n.slice(0, 110));
await browser.close();
process.exit(0);
