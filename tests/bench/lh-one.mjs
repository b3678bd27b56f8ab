// Dev helper: one Lighthouse run on a path of the built site, printing metrics and the main-thread breakdown.
import fs from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SITE_DIR } from '../e2e/lib/browser.mjs';
import { serve } from '../e2e/lib/server.mjs';
const server = await serve({ root: SITE_DIR, gzip: true });
const out = '/tmp/lh/report.json';
try {
  await promisify(execFile)(process.env.LIGHTHOUSE || 'lighthouse', [server.url + (process.argv[2] || ''), '--quiet', '--only-categories=performance', '--output=json', `--output-path=${out}`,
    '--chrome-path=/usr/bin/chromium', '--chrome-flags=--headless=new --no-sandbox --disable-gpu'], { timeout: 180000 });
} finally { await server.close(); }
const r = JSON.parse(fs.readFileSync(out, 'utf8')); const a = r.audits;
console.log('score', Math.round(r.categories.performance.score * 100));
for (const k of ['first-contentful-paint', 'largest-contentful-paint', 'speed-index', 'total-blocking-time', 'cumulative-layout-shift', 'interactive', 'total-byte-weight'])
  console.log(k, a[k].displayValue, a[k].score);
console.log('bootup', JSON.stringify(a['bootup-time'].details.items.map(i => [i.url.slice(-40), Math.round(i.total), Math.round(i.scripting), Math.round(i.scriptParseCompile)])));
console.log('mainthread', JSON.stringify(a['mainthread-work-breakdown'].details.items.map(i => [i.group, Math.round(i.duration)])));
console.log('long tasks', JSON.stringify((a['long-tasks'].details?.items || []).map(i => [i.url.slice(-40), Math.round(i.startTime), Math.round(i.duration)])));
console.log('lcp element', JSON.stringify(a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet));
console.log('lcp phases', JSON.stringify(a['largest-contentful-paint-element']?.details?.items?.[1]?.items));
console.log('requests', JSON.stringify(a['network-requests'].details.items.map(i => [i.url.slice(-36), i.transferSize, Math.round(i.networkRequestTime), Math.round(i.networkEndTime)])));
