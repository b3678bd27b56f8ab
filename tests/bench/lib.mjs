// What the benchmark scripts share: a phone-like page and the median of their runs.

/** How many times slower than this machine's the CPU of a benchmark's page is. */
export const THROTTLE = 4;

/** The middle of `xs` (the upper of the two middles for an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * A fresh context and page the size of a phone, without the service worker (each load is a
 * first visit), its CPU slowed THROTTLE times through the DevTools protocol, and with `slowNetwork` also
 * Lighthouse's mobile network (150 ms, 1.6 Mbps down, 750 kbps up).
 */
export async function throttledPage(browser, { slowNetwork = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  if (slowNetwork) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  }
  return { context, page, cdp };
}
