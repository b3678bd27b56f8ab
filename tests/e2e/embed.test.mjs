// Browser tests for the blog embed (quiz-embed.js + the quiz-embed wasm), against the built site
// in SITE_DIR (default dist/; build it with scripts/build-web.sh or scripts/build-embed.sh).
// The embed's files are served from one origin (http://127.0.0.1:A, with CORS headers, as a CDN
// would) and the blog pages from another (http://localhost:B), as in real use.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve } from './lib/server.mjs';
import { sizeBudget } from './lib/budget.mjs';
import { createRequire } from 'node:module';
import { launch, newPage, shot, splitBank, SITE_DIR, REPO_DIR, ARTIFACTS, PHONE } from './lib/browser.mjs';

const require = createRequire(import.meta.url);

/** axe-core on the widgets only (the host page is not ours): serious and critical violations. */
async function axeWidgets(p, selectors) {
  await p.evaluate(await fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await p.evaluate((include) => axe.run({ include }, { resultTypes: ['violations'] }), selectors);
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

const CORS = { 'Access-Control-Allow-Origin': '*' };
let browser, assets, pages, pagesDir, A;

// ---- a small fixture bank: right options say "Right", wrong ones "Wrong" ----------------------
const option = (id, correct, label) => ({
  id, correct, text: `<p>${label} <code>${id}</code></p>`, reason: `<p>Reason for ${label.toLowerCase()} ${id}.</p>`,
});
const single = (id, objective) => ({
  id, objective, kind: 'single', difficulty: 'easy', stem: `<p>Stem of <strong>${id}</strong>?</p>`,
  options: [option('a', true, 'Right'), option('b', false, 'Wrong'), option('c', false, 'Wrong')],
  explanation: `<p>Explanation of ${id}.</p>`,
  references: [{ title: `Docs for ${id}`, url: `https://docs.example.org/${id}` }],
});
const multiple = (id, objective) => ({
  ...single(id, objective), kind: 'multiple', choose: 2,
  options: [option('a', true, 'Right'), option('b', true, 'Right'), option('c', false, 'Wrong'), option('d', false, 'Wrong')],
});
const BANK = {
  blueprint: {
    id: 'fixture-exam', title: 'Fixture exam', version: '1', question_count: 4, duration_minutes: 5, pass_percent: 70,
    domains: [{
      id: 'dom', title: 'Domain', weight_percent: 100,
      sections: [{
        id: 'sec', title: 'Section', objectives: [
          { id: 'o1', statement: 'Objective one <not html>', tier: 1 },
          { id: 'o2', statement: 'Objective two', tier: 1 },
          { id: 'o3', statement: 'Objective three', tier: 1 },
          { id: 'empty', statement: 'Nothing here yet', tier: 3 },
        ],
      }],
    }],
  },
  notes: ['o1', 'o2', 'o3'].map((o) => ({ objective: o, know: `<p>Know-${o}.</p>`, trap: `<p>Trap-${o}.</p>` })),
  questions: [
    single('o1-q1', 'o1'), single('o1-q2', 'o1'), single('o1-q3', 'o1'),
    multiple('o2-q1', 'o2'), single('o2-q2', 'o2'),
    single('o3-q1', 'o3'), single('o3-q2', 'o3'),
  ],
};

const LOADER = () => `${A}/quiz-embed.js`;
const BANK_URL = () => `${A}/fx/bank.json`;
const widget = (id, attrs = '') => `<div id="${id}" data-quiz data-bank="${BANK_URL()}" ${attrs}></div>`;

/** Writes a blog page; returns its URL on the blog's origin (http://localhost:PORT), or with
 *  `sameOrigin` on the origin that serves the embed and the bank (as the study app's site would). */
async function page(name, body, { head = '', script = true, sameOrigin = false } = {}) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="page.css">${head}</head>
<body><main><h1>Blog post</h1><p class="lead">Some text before.</p>${body}
<button class="host-btn">Host button</button><a href="#x">a host link</a></main>
${script ? `<script type="module" src="${LOADER()}"></script>` : ''}</body></html>`;
  await fs.writeFile(path.join(pagesDir, name + '.html'), html);
  return sameOrigin ? `${A}/pages/${name}.html` : `http://localhost:${pages.port}/${name}.html`;
}

async function open(url, { viewport = PHONE, storage } = {}) {
  const context = await browser.newContext({ viewport });
  if (storage !== undefined) {
    await context.addInitScript((s) => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem('quiz-progress', s); sessionStorage.setItem('seeded', '1'); } }, storage);
  }
  const p = await newPage(context);
  p.csp = [];
  p.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) p.csp.push(m.text()); });
  await p.goto(url);
  return p;
}

/** Waits until the quiz in `#id` shows its first question. */
async function ready(p, id) {
  await p.locator(`#${id} .q`).waitFor({ state: 'visible', timeout: 15000 });
  return p.locator(`#${id}`);
}

/** Answers the current question of widget `w`: the right option(s), or a wrong one. */
async function answer(w, right = true) {
  const hint = await w.locator('.hint').count();
  if (right) {
    const picks = hint ? 2 : 1;
    for (let i = 0; i < picks; i++) await w.locator('label.opt', { hasText: 'Right' }).nth(i).click();
  } else {
    await w.locator('label.opt', { hasText: 'Wrong' }).first().click();
  }
  await w.locator('[data-act="check"]').click();
  await w.locator('.fb').waitFor({ state: 'visible' });
}

before(async () => {
  for (const f of ['quiz-embed.js', 'quiz_embed.js', 'quiz_embed_bg.wasm', 'quiz-embed.css']) {
    await fs.access(path.join(SITE_DIR, f)).catch(() => {
      throw new Error(`${f} is missing from ${SITE_DIR}: run scripts/build-embed.sh ${SITE_DIR} first`);
    });
  }
  const fx = await fs.mkdtemp(path.join(os.tmpdir(), 'embed-fx-'));
  splitBank(BANK, path.join(fx, 'bank.json'));
  await fs.writeFile(path.join(fx, 'not-json.json'), '<html>oops</html>');
  assets = await serve({ root: SITE_DIR, headers: CORS });
  assets.mount('/fx/', fx);
  A = assets.origin;
  pagesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'embed-pages-'));
  await fs.writeFile(path.join(pagesDir, 'page.css'),
    'body{font:18px/1.6 Georgia,serif;color:rgb(40,40,40);background:rgb(250,248,240)} p{margin:0 0 12px} .host-btn{background:rgb(200,0,0);color:white;padding:6px} a{color:rgb(0,0,200)}');
  pages = await serve({ root: pagesDir });
  assets.mount('/pages/', pagesDir);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await assets?.close();
  await pages?.close();
});

test('three widgets on a page from another origin answer independently, with feedback, explanation, reasons and note', async () => {
  const url = await page('three', [
    widget('w1', 'data-objective="o1" data-count="3" data-seed="1" data-app-url="https://example.org/quiz/"'),
    widget('w2', 'data-objective="o2" data-count="2" data-theme="dark"'),
    widget('w3', 'data-questions="o3-q2,o3-q1" data-theme="light"'),
  ].join('<p>Between widgets.</p>'));
  const p = await open(url);
  assert.notEqual(new URL(url).origin, A, 'the page and the assets are on different origins');
  const [w1, w2, w3] = [await ready(p, 'w1'), await ready(p, 'w2'), await ready(p, 'w3')];

  await assert.doesNotReject(w1.locator('.sc', { hasText: 'Objective one <not html>' }).waitFor(), 'text is inserted as text');
  assert.equal(await w1.locator('.ct').innerText(), 'QUESTION 1 OF 3');
  assert.match(await w3.locator('.stem').innerText(), /o3-q2/, 'data-questions keeps its order');

  await answer(w1, true);
  assert.match(await w1.locator('.fb').innerText(), /^Correct\./);
  assert.match(await w1.locator('.ex').innerText(), /Explanation of o1-q/);
  assert.match(await w1.locator('.note').innerText(), /Know-o1\.[\s\S]*Trap-o1\./);
  assert.equal(await w1.locator('.why').count(), 3, 'a reason for every option');
  assert.equal(await w1.locator('a.app').getAttribute('href'), 'https://example.org/quiz/');
  // The question's source: a link that opens in a new tab with no handle on the post.
  const src = w1.locator('.src a');
  assert.equal(await src.count(), 1);
  assert.match(await src.getAttribute('href'), /^https:\/\/docs\.example\.org\/o1-q\d$/);
  assert.match(await src.innerText(), /^Docs for o1-q\d/);
  assert.equal(await src.getAttribute('target'), '_blank');
  assert.deepEqual((await src.getAttribute('rel')).split(' ').sort(), ['noopener', 'noreferrer']);
  // The other widgets did not move.
  assert.equal(await w2.locator('.fb').count(), 0);
  assert.equal(await w3.locator('.fb').count(), 0);

  await answer(w2, false);
  assert.match(await w2.locator('.fb').innerText(), /^Incorrect\./);
  assert.ok(await w2.locator('label.opt.ok').count() >= 1, 'the right answer is marked');
  assert.equal(await w1.locator('.ct').innerText(), 'QUESTION 1 OF 3');

  await answer(w3, true);
  await w3.locator('[data-act="next"]').click();
  assert.match(await w3.locator('.stem').innerText(), /o3-q1/);
  await answer(w3, false);
  await w3.locator('[data-act="next"]').click();
  assert.match(await w3.locator('.sum').innerText(), /1 of 2 correct/);

  // Dark and light themes really differ.
  const bg = (w) => w.locator('.qz').evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(await bg(w2), await bg(w3));

  // The study app is not on this blog's origin: nothing is written there, and the progress
  // module is never fetched.
  assert.equal(await p.evaluate(() => localStorage.getItem('quiz-progress')), null);
  assert.equal(assets.requests.filter((r) => r.includes('progress')).length, 0);
  assert.deepEqual(p.errors, []);
  assert.deepEqual(await axeWidgets(p, ['#w1', '#w2', '#w3']), []);
  await shot(p, 'embed-three-widgets-390');
  await p.context().close();
});

test('on the study app\'s origin, answers count toward its progress record', async () => {
  const url = await page('same-origin', [
    widget('s1', 'data-objective="o1" data-count="2"'),
    widget('s2', 'data-objective="o2"'),
  ].join(''), { sameOrigin: true });
  const p = await open(url);
  const [s1, s2] = [await ready(p, 's1'), await ready(p, 's2')];
  await answer(s1, true);
  await s1.locator('[data-act="next"]').click();
  await answer(s1, false);
  await answer(s2, true);
  await p.waitForFunction(() => {
    const r = JSON.parse(localStorage.getItem('quiz-progress') || 'null');
    const ex = r && r.exams['fixture-exam'];
    return ex && ex.attempts.length === 2 && ex.attempts.some((a) => a.outcomes.length === 2);
  }, null, { timeout: 10000 });
  const rec = await p.evaluate(() => JSON.parse(localStorage.getItem('quiz-progress')));
  assert.equal(rec.version, 4);
  const attempts = rec.exams['fixture-exam'].attempts;
  assert.deepEqual(attempts.map((a) => a.outcomes.map((o) => o.correct)).sort(), [[true], [true, false]]);
  assert.ok(attempts.every((a) => a.mode === 'quick-check'));
  assert.deepEqual(attempts.map((a) => a.scope.id).sort(), ['o1', 'o2']);
  assert.deepEqual(p.errors, []);
  await p.context().close();

  // A blog on another origin whose data-app-url points at its own origin counts too.
  const q = await open(await page('app-url', widget('s3', `data-objective="o3" data-app-url="/app/"`)));
  await answer(await ready(q, 's3'), true);
  await q.waitForFunction(() => localStorage.getItem('quiz-progress'), null, { timeout: 10000 });
  await q.context().close();
});

test('multiple-select enforces "choose 2" with a polite message', async () => {
  const p = await open(await page('multi', widget('m', 'data-questions="o2-q1"')));
  const w = await ready(p, 'm');
  assert.match(await w.locator('.hint').innerText(), /Choose 2/);
  await w.locator('label.opt', { hasText: 'Wrong' }).nth(0).click();
  await w.locator('label.opt', { hasText: 'Wrong' }).nth(1).click();
  await w.locator('label.opt', { hasText: 'Right' }).nth(0).click();
  assert.match(await w.locator('.msg').innerText(), /choose at most 2/);
  assert.equal(await w.locator('input:checked').count(), 2);
  await p.context().close();
});

test('the quiz works from the keyboard, and focus follows the quiz', async () => {
  const p = await open(await page('keys', widget('k', 'data-questions="o1-q1,o1-q2"')));
  const w = await ready(p, 'k');
  await w.locator('input').first().focus();
  await p.keyboard.press('ArrowDown');
  const active = () => p.evaluate(() => {
    const host = document.activeElement;
    const inner = host && host.shadowRoot && host.shadowRoot.activeElement;
    return inner ? inner.tagName + ':' + (inner.getAttribute('data-k') ?? inner.className) : host && host.tagName;
  });
  assert.match(await active(), /^INPUT:\d/, 'focus stays on the options after a re-render');
  assert.equal(await w.locator('input:checked').count(), 1);
  await p.keyboard.press('Tab');
  assert.equal(await active(), 'BUTTON:btn');
  await p.keyboard.press('Enter');
  await w.locator('.fb').waitFor();
  assert.match(await active(), /^DIV:fb/, 'focus moves to the feedback');
  await p.keyboard.press('Tab');
  assert.equal(await active(), 'A:', 'the source link is next (it opens in a new tab)');
  await p.keyboard.press('Tab');
  assert.equal(await active(), 'BUTTON:btn');
  await p.keyboard.press('Enter');
  assert.match(await w.locator('.ct').innerText(), /QUESTION 2 OF 2/);
  assert.match(await active(), /^DIV:stem/, 'focus moves to the next question');
  await p.context().close();
});

test('the host page keeps its own styles, and the widget adds nothing to the document', async () => {
  const url = await page('host-styles', widget('h', 'data-objective="o1"'), { script: false });
  const p = await open(url);
  const snapshot = () => p.evaluate(() => {
    const props = ['color', 'background-color', 'font-family', 'font-size', 'line-height', 'margin-top', 'padding-top', 'display', 'text-transform'];
    const pick = (sel) => { const cs = getComputedStyle(document.querySelector(sel)); return props.map((k) => cs.getPropertyValue(k)); };
    return {
      body: pick('body'), p: pick('p.lead'), h1: pick('h1'), button: pick('.host-btn'), a: pick('a'),
      sheets: document.styleSheets.length, adopted: document.adoptedStyleSheets.length,
      headNodes: document.head.children.length,
    };
  });
  const beforeStyles = await snapshot();
  await p.evaluate((src) => {
    const s = document.createElement('script');
    s.type = 'module';
    s.src = src;
    document.body.append(s);
  }, LOADER());
  await ready(p, 'h');
  const afterStyles = await snapshot();
  assert.deepEqual(afterStyles, beforeStyles);
  await p.context().close();
});

test('the widget stays visible and usable under a hostile stylesheet', async () => {
  const hostile = await fs.readFile(path.join(REPO_DIR, 'demo', 'hostile.css'), 'utf8');
  await fs.writeFile(path.join(pagesDir, 'hostile.css'), hostile);
  const p = await open(await page('hostile', widget('x', 'data-objective="o1" data-count="2"'), {
    head: '<link rel="stylesheet" href="hostile.css">',
  }));
  const w = await ready(p, 'x');
  const style = await w.locator('.stem').evaluate((e) => {
    const cs = getComputedStyle(e);
    return { size: cs.fontSize, transform: cs.textTransform, family: cs.fontFamily, spacing: cs.letterSpacing, color: cs.color };
  });
  assert.equal(style.size, '16px', 'inherited font size is reset');
  assert.equal(style.transform, 'none');
  assert.doesNotMatch(style.family, /Georgia/);
  assert.equal(style.spacing, 'normal');
  const check = w.locator('[data-act="check"]');
  const box = await check.boundingBox();
  assert.ok(box && box.height >= 44 && box.width > 60, `the check button is visible (${JSON.stringify(box)})`);
  const host = await p.locator('#x').evaluate((e) => getComputedStyle(e).backgroundImage);
  assert.equal(host, 'none', 'the host box is reset too');
  await answer(w, true);
  assert.match(await w.locator('.fb').innerText(), /Correct/);
  await shot(p, 'embed-hostile-390');
  await p.context().close();
});

test('works under a strict Content-Security-Policy (no inline script, wasm-unsafe-eval only)', async () => {
  const csp = `default-src 'none'; script-src ${A} 'wasm-unsafe-eval'; connect-src ${A}; style-src 'self'; img-src 'self' data:; base-uri 'none'`;
  const strict = await serve({ root: pagesDir, headers: { 'Content-Security-Policy': csp } });
  try {
    await page('csp', widget('c', 'data-objective="o1"'));
    const p = await open(`http://localhost:${strict.port}/csp.html`);
    const w = await ready(p, 'c');
    await answer(w, false);
    assert.match(await w.locator('.fb').innerText(), /Incorrect/);
    // The styles applied (constructed stylesheet), so the button has the accent colour.
    const bg = await w.locator('[data-act="next"]').evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.equal(bg, 'rgb(29, 78, 216)');
    assert.deepEqual(p.csp, [], 'no CSP violations');
    assert.deepEqual(p.errors, []);
    await p.context().close();
  } finally {
    await strict.close();
  }
});

test('a bank that fails to load, an unreadable bank, an unknown or empty objective show a readable message', async () => {
  const p = await open(await page('broken', [
    `<div id="b1" data-quiz data-bank="${A}/fx/missing.json" data-objective="o1"></div>`,
    `<div id="b2" data-quiz data-bank="${A}/fx/not-json.json" data-objective="o1"></div>`,
    widget('b3', 'data-objective="nope"'),
    widget('b4', 'data-objective="empty"'),
    `<div id="b5" data-quiz data-bank="http://127.0.0.1:9/bank.json" data-objective="o1"></div>`,
  ].join('')));
  const msg = async (id) => {
    const e = p.locator(`#${id} .err`);
    await e.waitFor({ state: 'visible', timeout: 15000 });
    return e.innerText();
  };
  assert.match(await msg('b1'), /could not load its questions/);
  // The detail line says why (HTTP 404 from a CDN that sends CORS headers on errors, else a
  // network error); the test server sends no CORS headers on a 404, so the browser hides it.
  assert.match(await p.locator('#b1 .err-d').innerText(), /HTTP 404|Failed to fetch/);
  assert.match(await msg('b2'), /^Sorry, the question bank could not be read/);
  assert.match(await msg('b3'), /“nope”/);
  assert.match(await msg('b4'), /no questions on this topic yet/);
  assert.match(await msg('b5'), /could not load its questions/);
  const box = await p.locator('#b1 .qz').boundingBox();
  assert.ok(box.height > 30, 'the message takes space: no blank hole');
  await shot(p, 'embed-errors-390');
  await p.context().close();
});

test('a widget inserted after load appears; including the script twice makes one widget per element', async () => {
  const seen = assets.requests.length;
  const p = await open(await page('late', widget('first', 'data-objective="o1"') +
    `<script type="module" src="${LOADER()}"></script><script type="module" src="${LOADER()}?again"></script>`));
  await ready(p, 'first');
  await p.evaluate((bank) => {
    const d = document.createElement('div');
    d.id = 'late';
    d.setAttribute('data-quiz', '');
    d.dataset.bank = bank;
    d.dataset.objective = 'o3';
    document.querySelector('main').append(d);
  }, BANK_URL());
  const late = await ready(p, 'late');
  assert.match(await late.locator('.sc').innerText(), /Objective three/);
  const counts = await p.evaluate(() => [...document.querySelectorAll('[data-quiz]')]
    .map((e) => e.shadowRoot ? e.shadowRoot.querySelectorAll('.qz').length : 0));
  assert.deepEqual(counts, [1, 1]);
  // The quiz module was fetched once, even though the loader was included under two URLs.
  assert.equal(assets.requests.slice(seen).filter((r) => r === '/quiz_embed_bg.wasm').length, 1);
  assert.equal(assets.requests.slice(seen).filter((r) => r === '/quiz_embed.js').length, 1);
  await answer(p.locator('#first'), true);
  assert.equal(await p.locator('#first .fb').count(), 1);
  await p.context().close();
});

test('unreadable stored progress is never overwritten; readable progress is merged, not replaced', async () => {
  const corrupt = '{"version": 2, "exams": {"x": BROKEN';
  let p = await open(await page('corrupt', widget('k', 'data-objective="o1"'), { sameOrigin: true }), { storage: corrupt });
  const w = await ready(p, 'k');
  const fetched = p.waitForResponse((r) => r.url().endsWith('quiz_embed_progress_bg.wasm'), { timeout: 10000 });
  await answer(w, true);
  await fetched; // the progress module ran, and chose not to write
  await p.waitForTimeout(500);
  assert.equal(await p.evaluate(() => localStorage.getItem('quiz-progress')), corrupt);
  await p.context().close();

  const existing = JSON.stringify({
    version: 2, settings: { theme: 'dark', shuffle_options: false },
    exams: { 'other-exam': { attempts: [], stats: { q9: { seen: 3, correct: 2, last_seen_ms: 5 } } } },
  });
  p = await open(await page('merge', widget('g', 'data-objective="o1"'), { sameOrigin: true }), { storage: existing });
  await answer(await ready(p, 'g'), true);
  await p.waitForFunction(() => JSON.parse(localStorage.getItem('quiz-progress')).exams['fixture-exam'], null, { timeout: 10000 });
  const rec = await p.evaluate(() => JSON.parse(localStorage.getItem('quiz-progress')));
  assert.equal(rec.settings.theme, 'dark', 'settings kept');
  assert.equal(rec.exams['other-exam'].stats.q9.seen, 3, 'other exams kept');
  assert.equal(rec.exams['fixture-exam'].attempts[0].outcomes[0].correct, true);
  await p.context().close();
});

test('the demo blog post works with the real bank (if built)', async (t) => {
  try { await fs.access(path.join(SITE_DIR, 'demo', 'blog-post.html')); await fs.access(path.join(SITE_DIR, 'bank.json')); } catch {
    t.skip('no demo or bank.json in SITE_DIR');
    return;
  }
  const site = await serve({ root: SITE_DIR });
  try {
    const p = await open(site.url + 'demo/blog-post.html');
    for (const i of [0, 1, 2]) await p.locator('[data-quiz]').nth(i).locator('.q').waitFor({ timeout: 15000 });
    // Each widget fetched the index and one shard of its own objective, never the whole bank.
    const pieces = site.requests.filter((r) => /\/bank(-[0-9a-f]{10}\/.*)?\.json$/.test(r));
    const shards = pieces.filter((r) => r.includes('/bank-')).map((r) => r.split('/').pop()).sort();
    assert.equal(pieces.filter((r) => r.endsWith('/bank.json')).length, 1, `the index once: ${pieces}`);
    assert.equal(shards.length, 3, `one shard per widget: ${shards}`);
    for (const [shard, objective] of shards.map((s, i) => [s, ['deploy-strategy-compare', 'lifecycle-deploy-code', 'monitoring-statistical-tests'][i]])) {
      assert.match(shard, new RegExp(`^${objective}-\\d+\\.json$`));
    }
    const first = p.locator('[data-quiz]').first();
    await first.locator('label.opt').first().click();
    await first.locator('[data-act="check"]').click();
    await first.locator('.fb').waitFor();
    assert.ok(await first.locator('.note').count() === 1, 'the objective has a study note');
    // Same origin as the app (dist/): the answer counts toward the app's progress, under the
    // page's strict CSP.
    await p.waitForFunction(() => localStorage.getItem('quiz-progress'), null, { timeout: 10000 });
    assert.deepEqual(p.errors, []);
    await shot(p, 'embed-demo-390');
    await first.screenshot({ path: path.join(ARTIFACTS, 'embed-demo-first-390.png') });
    const dark = p.locator('[data-quiz]').nth(1);
    await dark.locator('label.opt').nth(1).click();
    await dark.screenshot({ path: path.join(ARTIFACTS, 'embed-demo-dark-390.png') });
    await p.context().close();
  } finally {
    await site.close();
  }
});

test('the embed payload stays within its size budget (gzip -9)', async () => {
  // The budgets and file lists are scripts/size-budget.sh's (60 KB for the quiz, 40 KB for the
  // progress module), read from it so that the two checks cannot drift apart.
  const gz = async (f) => zlib.gzipSync(await fs.readFile(path.join(SITE_DIR, f)), { level: 9 }).length;
  for (const [what, list] of [['quiz payload', 'EMBED'], ['progress module', 'EMBED_PROGRESS']]) {
    const { kb, files } = await sizeBudget(list);
    let total = 0;
    for (const f of files) total += await gz(f);
    assert.ok(total <= kb * 1024,
      `${what} (${files.join(', ')}) ${total} B gzip exceeds its ${kb} KB budget (scripts/size-budget.sh)`);
  }
});
