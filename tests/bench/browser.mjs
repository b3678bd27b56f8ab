// Browser timings in headless Chromium with 4x CPU throttling (DevTools protocol). Prints figures;
// it asserts nothing. Run by `make bench` (scripts/bench.sh) against the release site in SITE_DIR.
//
//  1. Navigation to the first question visible, median of LOADS loads (default 10), for the app
//     (a quick check, #/quick/all), the blog embed, and quizdown (npm) rendering the same 59
//     questions as Markdown: the best-known JS quiz widget, as a reference; and a static page
//     with the heading in its HTML, the floor of this measurement on this machine.
//  2. Answer click to the next frame after the click (feedback painted), p50/p95 over 100 answers
//     in a 59-question exam drawn from a generated 1,000-question bank; the same for quizdown.
//  3. Wasm linear memory (and JS heap) after loading 1,000 and 10,000 question banks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { launch, SITE_DIR, REPO_DIR, TESTS_DIR } from '../e2e/lib/browser.mjs';
import { serve } from '../e2e/lib/server.mjs';
import { bundleGenerated, siteWithGeneratedBank } from './generated.mjs';
import { THROTTLE, throttledPage } from './lib.mjs';

const LOADS = Number(process.env.BENCH_LOADS || 10);
const ANSWERS = 100;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'quiz-bench-'));

/** 59 questions from the real content, as quizdown Markdown. */
function quizdownPage() {
  const qdir = path.join(REPO_DIR, 'content/questions');
  const questions = fs.readdirSync(qdir).sort().flatMap((f) => JSON.parse(fs.readFileSync(path.join(qdir, f), 'utf8')).questions);
  // Stems with list lines confuse quizdown's parser; skip those so the page holds 59 questions.
  const picked = questions.filter((q) => !/^\s*([-*+]|\d+\.)\s/m.test(q.stem)).filter((_, i) => i % 3 === 0).slice(0, 59);
  const md = picked.map((q) => {
    const marker = q.kind === 'multiple' ? '-' : '1.';
    const options = q.options.map((o) => `${marker} [${o.correct ? 'x' : ' '}] ${o.text.replace(/\n/g, ' ')}`).join('\n');
    // Stems may hold fenced code; keep them as they are (quizdown renders Markdown).
    return `### ${q.stem.split('\n')[0]}\n\n${q.stem.split('\n').slice(1).join('\n')}\n\n${options}\n`;
  }).join('\n');
  fs.copyFileSync(path.join(TESTS_DIR, 'node_modules/quizdown/public/build/quizdown.js'), path.join(work, 'quizdown.js'));
  fs.writeFileSync(path.join(work, 'quizdown.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>quizdown</title>
<script src="quizdown.js"></script><script>quizdown.init({ shuffleAnswers: false });</script></head>
<body><div class="quizdown">\n---\nshuffleAnswers: false\n---\n\n${md}\n</div></body></html>`);
}

function embedPage(name = 'embed.html', bank = '/bank.json') {
  fs.writeFileSync(path.join(work, name), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>embed</title></head><body>
<h1>A post</h1><div data-quiz data-bank="${bank}" data-objective="sparkml-pipeline" data-count="3" data-seed="1"></div>
<script type="module" src="/quiz-embed.js"></script></body></html>`);
}

/**
 * What a first visit to `url` downloads before its first question shows: every file the page
 * requested by then, at its gzip -9 size (what a static host serving gzip sends; the local
 * server sends files as they are). `/bench/` files come from the bench's folder, others from
 * the site.
 */
async function bytesBeforeFirstQuestion(browser, url) {
  const { context, page } = await throttledPage(browser);
  await page.addInitScript(FIRST_QUESTION_PROBE);
  const origin = new URL(url).origin;
  const paths = [];
  page.on('request', (r) => { const u = new URL(r.url()); if (u.origin === origin) paths.push(u.pathname); });
  await page.goto(url);
  await page.waitForFunction(() => window.__firstQuestionMs !== undefined, null, { timeout: 60000 });
  const seen = [...new Set(paths)];
  await context.close();
  let bytes = 0;
  for (const p of seen) {
    const local = (dir, rest) => path.join(dir, rest === '' ? 'index.html' : rest);
    const file = p.startsWith('/bench/') ? local(work, p.slice('/bench/'.length))
      : p.startsWith('/site-2000/') ? local(path.join(work, 'site-2000'), p.slice('/site-2000/'.length))
        : local(SITE_DIR, p.slice(1));
    if (fs.existsSync(file) && fs.statSync(file).isFile()) bytes += zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  }
  return { bytes, files: seen.length };
}

/** The floor of the measurement: a static page whose question heading is in the HTML. */
function staticPage() {
  fs.writeFileSync(path.join(work, 'static.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>static</title></head><body>
<h1 id="q-heading">Question 1 of 10</h1><p>No script: the browser only parses and paints.</p></body></html>`);
}

// Marks, in the page, the first animation frame in which a question is on screen.
const FIRST_QUESTION_PROBE = () => {
  const shown = () =>
    document.querySelector('#q-heading') ||
    [...document.querySelectorAll('[data-quiz]')].some((e) => e.shadowRoot?.querySelector('fieldset.q')) ||
    [...document.querySelectorAll('.quizdown')].some((e) => e.shadowRoot?.querySelector('h3'));
  const tick = () => {
    if (shown()) { window.__firstQuestionMs = performance.now(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

// Records, for every click on an answer, the time from the click to the next frame.
const ANSWER_PROBE = () => {
  window.__answerMs = [];
  document.addEventListener('click', (e) => {
    const onAnswer = e.composedPath().some((n) => n.tagName === 'LABEL' || (n.tagName === 'INPUT' && /radio|checkbox/.test(n.type)));
    if (!onAnswer) return;
    const t0 = e.timeStamp;
    requestAnimationFrame(() => setTimeout(() => window.__answerMs.push(performance.now() - t0), 0));
  }, true);
};

async function firstQuestion(browser, url) {
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    const { context, page } = await throttledPage(browser);
    await page.addInitScript(FIRST_QUESTION_PROBE);
    await page.goto(url);
    await page.waitForFunction(() => window.__firstQuestionMs !== undefined, null, { timeout: 60000 });
    times.push(await page.evaluate(() => window.__firstQuestionMs));
    await context.close();
  }
  return times;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x) => `${x.toFixed(0)} ms`;

async function appAnswers(browser, base) {
  const { context, page } = await throttledPage(browser);
  await page.addInitScript(ANSWER_PROBE);
  await page.goto(`${base}?bank=/bench/bank-1000.json&seed=7`);
  await page.getByRole('button', { name: 'Start full exam' }).click({ timeout: 60000 });
  await page.locator('#q-heading').waitFor({ timeout: 60000 });
  for (let k = 0; k < ANSWERS; k++) {
    const index = k % 59;
    if (k > 0) await page.locator('.nav-q').nth(index).click();
    await page.locator('.options .opt label').nth((k >> 1) % 4).click();
    await page.waitForFunction((n) => window.__answerMs.length >= n, k + 1);
  }
  const times = await page.evaluate(() => window.__answerMs);
  await context.close();
  return times;
}

async function quizdownAnswers(browser, url) {
  const { context, page } = await throttledPage(browser);
  await page.addInitScript(ANSWER_PROBE);
  await page.goto(url);
  const root = page.locator('.quizdown');
  await root.locator('h3').first().waitFor({ timeout: 60000 });
  const next = root.locator('button[title="Next"]');
  const previous = root.locator('button[title="Previous"]');
  let shown = 1;
  let furthest = 1;
  for (let k = 0; k < ANSWERS; k++) {
    await root.locator('.animated label').nth((k >> 1) % 3).click();
    await page.waitForFunction((n) => window.__answerMs.length >= n, k + 1);
    if (await next.isEnabled()) {
      await next.click();
      furthest = Math.max(furthest, ++shown);
    } else {
      // End of the quiz: back to the first question.
      while (await previous.isEnabled()) await previous.click();
      shown = 1;
    }
  }
  console.log(`  (quizdown page holds ${furthest} questions)`);
  const times = await page.evaluate(() => window.__answerMs);
  await context.close();
  return times;
}

// Keeps every wasm memory the page instantiates (the app's shell exports it; its chunks import
// the same one), so the bench can read their sizes. (CDP's Runtime.queryObjects on
// WebAssembly.Memory hangs the renderer once split chunks share the memory.)
const MEMORY_PROBE = () => {
  window.__wasmMemories = [];
  const keep = (result) => {
    const exports = (result.instance || result).exports || {};
    for (const v of Object.values(exports)) if (v instanceof WebAssembly.Memory) window.__wasmMemories.push(v);
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = (...args) => original.apply(WebAssembly, args).then(keep);
  }
};

async function wasmMemory(browser, url) {
  const { context, page, cdp } = await throttledPage(browser);
  await page.addInitScript(MEMORY_PROBE);
  await page.goto(url);
  await page.locator('main h1').first().waitFor({ timeout: 120000 });
  await page.getByRole('button', { name: 'Start full exam' }).waitFor({ timeout: 120000 });
  const wasm = await page.evaluate(() => Math.max(0, ...window.__wasmMemories.map((m) => m.buffer.byteLength)));
  const heap = await cdp.send('Runtime.getHeapUsage');
  await context.close();
  return { wasm, js: heap.usedSize };
}

const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;

async function main() {
  bundleGenerated(work, 1000);
  bundleGenerated(work, 10000);
  bundleGenerated(work, 2000);
  const site2000 = siteWithGeneratedBank(work, 2000);
  quizdownPage();
  embedPage();
  embedPage('embed-2000.html', '/bench/bank-2000.json');
  staticPage();
  const server = await serve({ root: SITE_DIR });
  server.mount('/bench/', work);
  server.mount('/site-2000/', site2000);
  const browser = await launch();
  try {
    console.log(`Chromium, ${THROTTLE}x CPU throttling, 390x844, service worker off (cold loads from localhost)`);
    const app = await firstQuestion(browser, `${server.url}#/quick/all`);
    const embed = await firstQuestion(browser, `${server.origin}/bench/embed.html`);
    const qd = await firstQuestion(browser, `${server.origin}/bench/quizdown.html`);
    const floor = await firstQuestion(browser, `${server.origin}/bench/static.html`);
    console.log(`\nNavigation to first question visible (median of ${LOADS}; min..max):`);
    for (const [name, t] of [['study app (quick check)', app], ['blog embed', embed], ['quizdown 0.4.1, same 59 questions', qd],
      ['floor: static HTML, no script', floor]]) {
      console.log(`  ${name.padEnd(36)} ${ms(pct(t, 50)).padStart(8)}   (${ms(Math.min(...t))}..${ms(Math.max(...t))})`);
    }
    console.log(`  ratio quizdown / app: ${(pct(qd, 50) / pct(app, 50)).toFixed(2)}   quizdown / embed: ${(pct(qd, 50) / pct(embed, 50)).toFixed(2)}`);

    console.log('\nBytes before the first question, first visit (gzip -9 of every file requested by then; goals: app 200 KB, widget 60 KB):');
    for (const [name, url] of [['study app #/quick/all, real bank', `${server.url}#/quick/all`],
      ['study app #/quick/all, 2,000 generated', `${server.origin}/site-2000/#/quick/all`],
      ['blog page, one 3-question widget, real bank', `${server.origin}/bench/embed.html`],
      ['blog page, one widget, 2,000 generated', `${server.origin}/bench/embed-2000.html`]]) {
      const { bytes, files } = await bytesBeforeFirstQuestion(browser, url);
      console.log(`  ${name.padEnd(44)} ${(bytes / 1024).toFixed(1).padStart(7)} KB in ${files} files`);
    }

    const appLat = await appAnswers(browser, server.url);
    const qdLat = await quizdownAnswers(browser, `${server.origin}/bench/quizdown.html`);
    console.log(`\nAnswer click to next frame (${ANSWERS} answers; 59-question exam from a 1,000-question bank):`);
    console.log(`  study app   p50 ${ms(pct(appLat, 50))}   p95 ${ms(pct(appLat, 95))}   max ${ms(Math.max(...appLat))}`);
    console.log(`  quizdown    p50 ${ms(pct(qdLat, 50))}   p95 ${ms(pct(qdLat, 95))}   max ${ms(Math.max(...qdLat))}`);
    console.log(`  ratio quizdown / app (p95): ${(pct(qdLat, 95) / pct(appLat, 95)).toFixed(2)}`);

    console.log('\nMemory after loading a bank (wasm linear memory; JS heap used):');
    for (const n of [1000, 10000]) {
      const m = await wasmMemory(browser, `${server.url}?bank=/bench/bank-${n}.json`);
      console.log(`  ${String(n).padStart(6)} questions   wasm ${mb(m.wasm)}   JS heap ${mb(m.js)}`);
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
