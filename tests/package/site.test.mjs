// The site quiz-author builds for a new exam, with the quiz-author installed from its packages
// (tests/package/install.sh runs this with QUIZ_AUTHOR, the installed binary, and EXAM, a folder
// `quiz-author init` wrote):
//  - `quiz-author build` writes a site that opens in Chromium with the exam's title and
//    questions, and whose embed works on a page of another origin;
//  - `quiz-author serve` shows a saved edit in an open page without a rebuild by hand, and an
//    invalid edit as a banner (and in the terminal) while the last good bank is still served.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { serve } from '../e2e/lib/server.mjs';
import { launch, newPage, axe, shot, PHONE } from '../e2e/lib/browser.mjs';
import { ready } from '../e2e/lib/app.mjs';

const BIN = process.env.QUIZ_AUTHOR;
const EXAM = process.env.EXAM;
let browser, work;

before(async () => {
  assert.ok(BIN && EXAM, 'run by tests/package/install.sh (QUIZ_AUTHOR and EXAM set)');
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'quiz-site-'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (work) await fs.rm(work, { recursive: true, force: true });
});

const questionsFile = (exam) => path.join(exam, 'content/questions/example.json');

test('quiz-author build: the study app with the exam\'s title and questions, and its embed on another origin', async () => {
  const site = path.join(work, 'site');
  execFileSync(BIN, ['build', EXAM, '--out', site], { stdio: ['ignore', 'ignore', 'inherit'] });
  const host = await serve({ root: site, base: '/exam/', headers: { 'Access-Control-Allow-Origin': '*' } });
  const blogDir = path.join(work, 'blog');
  await fs.mkdir(blogDir);
  const context = await browser.newContext({ viewport: PHONE });
  try {
    const page = await newPage(context);
    // Served from a sub-path, as a static host may.
    const html = await fs.readFile(path.join(site, 'index.html'), 'utf8');
    assert.match(html, /<h1 id="home-title" tabindex="-1">Packaged exam<\/h1>/, 'the title is prerendered');
    await page.goto(host.url);
    await ready(page);
    assert.equal(await page.locator('#home-title').innerText(), 'Packaged exam');
    assert.match(await page.locator('.lead').innerText(), /2 questions · 4 minutes · pass mark 70%/);
    await page.goto(host.url + '#/quick/all');
    await page.locator('#q-heading').waitFor();
    await page.locator('.options .opt label').first().click();
    await page.getByRole('button', { name: 'Check answer' }).click();
    await page.locator('.feedback').waitFor();
    await shot(page, 'packaged-site-quick-check');
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(page.errors, []);

    // The embed, from the built site, on a blog of another origin.
    const objective = JSON.parse(await fs.readFile(path.join(site, 'bank.json'), 'utf8'))
      .blueprint.domains[0].sections[0].objectives[0].id;
    await fs.writeFile(path.join(blogDir, 'post.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Post</title><link rel="icon" href="data:,"></head><body><main><h1>A post</h1>
<div data-quiz data-bank="${host.url}bank.json" data-objective="${objective}" data-count="2"></div>
<script type="module" src="${host.url}quiz-embed.js"></script></main></body></html>`);
    const blog = await serve({ root: blogDir });
    try {
      const post = await newPage(context);
      await post.goto(`http://localhost:${blog.port}/post.html`);
      const quiz = post.locator('[data-quiz]');
      await quiz.locator('.q').waitFor({ state: 'visible', timeout: 15000 });
      assert.equal(await quiz.locator('.ct').innerText(), 'QUESTION 1 OF 2');
      const picks = (await quiz.locator('.hint').count()) ? 2 : 1;
      for (let i = 0; i < picks; i++) await quiz.locator('label.opt').nth(i).click();
      await quiz.locator('[data-act="check"]').click();
      await quiz.locator('.fb').waitFor({ state: 'visible' });
      assert.match(await quiz.locator('.fb').innerText(), /^(Correct|Incorrect)\./);
      assert.deepEqual(post.errors, []);
    } finally {
      await blog.close();
    }
  } finally {
    await context.close();
    await host.close();
  }
});

/** A free TCP port on 127.0.0.1. */
async function freePort() {
  const server = net.createServer();
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

test('quiz-author serve: a saved edit shows in the open page; an invalid one is reported in the page and the terminal, and the last good bank stays', async () => {
  const exam = path.join(work, 'served-exam');
  await fs.cp(EXAM, exam, { recursive: true });
  const port = await freePort();
  const server = spawn(BIN, ['serve', exam, '--port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let terminal = '';
  server.stderr.on('data', (d) => { terminal += d; });
  const context = await browser.newContext({ viewport: PHONE });
  try {
    const url = `http://127.0.0.1:${port}/`;
    for (let i = 0; !/serving http/.test(terminal); i++) {
      assert.ok(i < 100, `serve did not start:\n${terminal}`);
      await new Promise((done) => setTimeout(done, 100));
    }
    const page = await newPage(context);
    await page.goto(url + '#/quick/all');
    await page.locator('#q-heading').waitFor();
    const file = questionsFile(exam);
    const original = await fs.readFile(file, 'utf8');
    const questions = JSON.parse(original).questions;
    const first = questions[0];
    // An edit to every stem (the quick check's order is random): the page reloads with it.
    const edited = JSON.parse(original);
    for (const q of edited.questions) q.stem = q.stem + ' (edited while served)';
    await fs.writeFile(file, JSON.stringify(edited, null, 2));
    await page.locator('.stem', { hasText: 'edited while served' }).waitFor({ timeout: 15000 });
    assert.equal(await page.locator('#quiz-serve-banner').count(), 0);

    // An invalid edit: the banner names the problem and where; the bank is the last good one.
    const bank = await (await fetch(url + 'bank.json')).text();
    const broken = JSON.parse(original);
    broken.questions[0].kind = 'singel';
    await fs.writeFile(file, JSON.stringify(broken, null, 2));
    const banner = page.locator('#quiz-serve-banner');
    await banner.waitFor({ timeout: 15000 });
    assert.match(await banner.innerText(), /"singel" is not one of "single" or "multiple"/);
    assert.match(await banner.innerText(), /example\.json:\d+:\d+/);
    assert.match(terminal, /error\[schema\]: "singel"/);
    assert.match(terminal, /the last good bank is still served/);
    assert.equal(await (await fetch(url + 'bank.json')).text(), bank, 'invalid content never replaces the last good bank');
    await shot(page, 'packaged-serve-banner');
    // The page still works on the last good bank.
    await page.locator('.options .opt label').first().click();
    await page.getByRole('button', { name: 'Check answer' }).click();
    await page.locator('.feedback').waitFor();

    // Fixed: the banner goes and the page reloads onto the new bank.
    await fs.writeFile(file, original);
    await banner.waitFor({ state: 'detached', timeout: 15000 });
    await page.locator('#q-heading').waitFor();
    assert.equal(await page.locator('.stem', { hasText: 'edited while served' }).count(), 0);
    assert.ok(first.id);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
    server.kill();
    // The folder serve builds its site in (one per port, emptied at its next start on that port).
    await fs.rm(path.join(os.tmpdir(), `quiz-author-serve-${port}`), { recursive: true, force: true });
  }
});
