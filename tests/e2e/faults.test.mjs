// Reliability tests: what the study app and the blog embed do when things go wrong — bad stored
// progress, a full storage quota, two tabs at once, a tab closed past an exam's deadline, a bank
// that changed between visits, and a hostile bank. Each test checks the screen AND localStorage.
// Run: cd tests && SITE_DIR=/work/main/dist node --test --test-concurrency=1 e2e/faults.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serve } from './lib/server.mjs';
import { launch, newPage, progress, PHONE, DESKTOP, SITE_DIR, FIXTURES, fixtureBanks, splitBank } from './lib/browser.mjs';
import { siteServer, bankQuery, ready, answerRight, answerWrong } from './lib/app.mjs';

const KEY = 'quiz-progress';
const BACKUP = 'quiz-progress.backup.';

let browser, server, scratch;
before(async () => {
  browser = await launch();
  server = await siteServer();
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'faults-'));
  server.mount('/scratch/', scratch);
});
after(async () => {
  await browser?.close();
  await server?.close();
  await fs.rm(scratch, { recursive: true, force: true });
});

async function fresh(viewport = PHONE, options = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await newPage(context);
  return { context, page };
}

const storage = (page) => page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
const backups = (all) => Object.keys(all).filter((k) => k.startsWith(BACKUP));

/** Answers the current quick-check question (right or wrong), checks it, and goes on. */
async function checkOne(page, right = true) {
  if (right) await answerRight(page); else await answerWrong(page);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.locator('.feedback').waitFor();
  await page.locator('.feedback button').click();
}

async function quickCheck(page, domain, answers = [true, true, true]) {
  await page.goto(server.url + bankQuery('exam-bank') + `#/quick/domain/${domain}`);
  await page.locator('#q-heading').waitFor();
  for (const right of answers) await checkOne(page, right);
  await page.locator('main h1', { hasText: /You got \d of \d right/ }).waitFor();
}

// ---------------------------------------------------------------- bad stored progress

const BAD_VALUES = [
  ['truncated JSON', '{"version":2,"settings":{"theme":"dark","shuffle_options":true},"exams":{"sample-exam":{"attempts":[{"id":"x","fin', /damaged/],
  ['foreign JSON object', '{"theme":"dark"}', /not a progress record/],
  ['foreign JSON array', '[1,2,3]', /not a progress record/],
  ['a future version', '{"version":99,"exams":{"sample-exam":{"attempts":[],"stats":{}}},"new_field":[1,2]}', /newer version/],
];

for (const [name, value, why] of BAD_VALUES) {
  test(`stored progress that is ${name}: banner, byte-identical backup, clean start, next answer saved`, async () => {
    const { context, page } = await fresh();
    await context.addInitScript((v) => {
      if (!sessionStorage.getItem('seeded')) { localStorage.setItem('quiz-progress', v); sessionStorage.setItem('seeded', '1'); }
    }, value);
    await page.goto(server.url + bankQuery('exam-bank'));
    await ready(page);
    const banner = page.locator('.banner');
    await banner.waitFor();
    const text = await banner.innerText();
    assert.match(text, /could not be used/);
    assert.match(text, why);

    let all = await storage(page);
    const keys = backups(all);
    assert.equal(keys.length, 1, `one backup key: ${JSON.stringify(Object.keys(all))}`);
    assert.match(keys[0], /^quiz-progress\.backup\.\d{13}$/);
    assert.ok(text.includes(keys[0]), 'the banner names the backup key');
    assert.equal(all[keys[0]], value, 'the old value is kept byte for byte');
    const clean = JSON.parse(all[KEY]);
    assert.equal(clean.version, 4, 'a clean record was written');
    assert.equal(clean.exams['sample-exam'], undefined, 'nothing of the bad value was used');
    assert.notEqual(clean.settings?.theme, 'dark');

    // The app works and the next answer is saved normally.
    await page.goto(server.url + bankQuery('exam-bank') + '#/quick/domain/sample-exam-d1');
    await page.locator('#q-heading').waitFor();
    await answerRight(page);
    await page.getByRole('button', { name: 'Check answer' }).click();
    await page.locator('.feedback.ok').waitFor();
    all = await storage(page);
    const rec = JSON.parse(all[KEY]);
    assert.equal(rec.exams['sample-exam'].attempts.length, 1);
    assert.equal(rec.exams['sample-exam'].attempts[0].outcomes.length, 1);
    assert.equal(rec.exams['sample-exam'].attempts[0].outcomes[0].correct, true);
    assert.deepEqual(backups(all), keys, 'still exactly the one backup');
    assert.equal(all[keys[0]], value, 'the backup is untouched by later saves');
    // The next start has nothing to complain about.
    await page.reload();
    await page.locator('#q-heading, main h1').first().waitFor();
    assert.equal(await page.locator('.banner').count(), 0, 'no banner once the record is good');
    assert.deepEqual(backups(await storage(page)), keys);
    await context.close();
  });
}

// ---------------------------------------------------------------- quota

/** Fills localStorage with other keys until not even one more character fits. */
async function fillStorage(page) {
  return page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try { localStorage.setItem(`filler-${n}`, chunk); n++; } catch { break; }
      }
    }
    return n;
  });
}

test('storage full at start-up: warning, a quick check still finishes, nothing stored is lost', async () => {
  const { context, page } = await fresh();
  await quickCheck(page, 'sample-exam-d2', [true, false, true]);
  const before = await storage(page);
  const old = before[KEY];
  assert.equal(JSON.parse(old).exams['sample-exam'].attempts.length, 1);
  const fillers = await fillStorage(page);
  assert.ok(fillers > 3, `filled with ${fillers} keys`);
  const full = await storage(page);

  // Start again with the storage full and finish a quick check on another domain.
  await page.goto(server.url + bankQuery('exam-bank') + '#/');
  await page.reload();
  await ready(page);
  await quickCheck(page, 'sample-exam-d1', [true, true, false]);
  const banner = page.locator('.banner.warn');
  await banner.waitFor();
  assert.match(await banner.innerText(), /Storage is full/);
  assert.equal(await banner.count(), 1, 'warned once');
  assert.match(await page.locator('main h1').innerText(), /You got 2 of 3 right/);

  const after = await storage(page);
  assert.deepEqual(Object.keys(after).sort(), Object.keys(full).sort(), 'no key appeared or disappeared');
  for (const [k, v] of Object.entries(full)) assert.equal(after[k], v, `${k} is unchanged`);
  assert.equal(after[KEY], old, 'the stored progress was not damaged by failed writes');
  assert.equal(backups(after).length, 0);

  // Space comes back: the next answer is saved and both attempts are there.
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('filler-')) localStorage.removeItem(k); });
  await page.goto(server.url + bankQuery('exam-bank') + '#/quick/domain/sample-exam-d3');
  await page.locator('#q-heading').waitFor();
  await checkOne(page, true);
  const rec = await progress(page);
  assert.ok(rec.exams['sample-exam'].attempts.length >= 2, 'the earlier attempt survived and the new one is saved');
  await context.close();
});

test('damaged progress and a full storage: the damaged value is never overwritten before a copy is kept', async () => {
  const { context, page } = await fresh();
  await page.goto(server.url + bankQuery('exam-bank') + '#/');
  await ready(page);
  const damaged = '{"version":2,"exams":{"sample-exam":{"attempts":[{"id":"trunc';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, damaged]);
  await fillStorage(page);
  const full = await storage(page);

  await page.reload();
  await ready(page);
  const banner = page.locator('.banner.warn').first();
  await banner.waitFor();
  assert.match(await banner.innerText(), /left untouched/);
  await quickCheck(page, 'sample-exam-d1', [true, true, true]);
  assert.match(await page.locator('main h1').innerText(), /You got 3 of 3 right/);
  const after = await storage(page);
  assert.equal(after[KEY], damaged, 'the damaged value is still there, byte for byte');
  assert.deepEqual(Object.keys(after).sort(), Object.keys(full).sort());

  // Room again: the next save first keeps the copy, then writes the new progress.
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('filler-')) localStorage.removeItem(k); });
  await page.goto(server.url + bankQuery('exam-bank') + '#/quick/domain/sample-exam-d2');
  await page.locator('#q-heading').waitFor();
  await checkOne(page, true);
  const now = await storage(page);
  const kept = backups(now);
  assert.equal(kept.length, 1);
  assert.equal(now[kept[0]], damaged);
  assert.equal(JSON.parse(now[KEY]).version, 4);
  await context.close();
});

test('unreadable progress written while the app is open (another app version): copied aside before the next save', async () => {
  const { context, page } = await fresh();
  await page.goto(server.url + bankQuery('exam-bank') + '#/quick/domain/sample-exam-d1');
  await page.locator('#q-heading').waitFor();
  await checkOne(page, true);
  const newer = '{"version":99,"exams":{}}';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, newer]);
  await checkOne(page, true);
  const banner = page.locator('.banner.warn');
  await banner.waitFor();
  assert.match(await banner.innerText(), /a copy was kept/);
  const all = await storage(page);
  const kept = backups(all);
  assert.equal(kept.length, 1);
  assert.equal(all[kept[0]], newer, 'the newer value is kept byte for byte');
  const rec = JSON.parse(all[KEY]);
  assert.equal(rec.version, 4);
  assert.equal(rec.exams['sample-exam'].attempts[0].outcomes.length, 2, 'both answers are saved');
  await context.close();
});

// ---------------------------------------------------------------- two tabs

test('a trap in the app (a panic in the release build): a readable message with Reload, and the saved progress untouched', async () => {
  const { context, page } = await fresh(PHONE);
  await page.goto(server.url + bankQuery('exam-bank') + '#/quick/all');
  await page.locator('#q-heading').waitFor();
  await answerRight(page);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.locator('.feedback').waitFor();
  await page.waitForFunction((key) => localStorage.getItem(key) !== null, KEY);
  const before = await storage(page);
  // What a panic becomes with panic=immediate-abort: the wasm executes `unreachable`, and the
  // trap reaches the page as an uncaught WebAssembly.RuntimeError.
  await page.evaluate(() => setTimeout(() => {
    new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0,
      3, 2, 1, 0, 7, 5, 1, 1, 116, 0, 0, 10, 5, 1, 3, 0, 0, 11]))).exports.t();
  }));
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.locator('h1').innerText(), /Something went wrong/);
  assert.match(await alert.innerText(), /unreachable/);
  const reload = alert.getByRole('button', { name: 'Reload' });
  assert.equal(await reload.evaluate((b) => b === document.activeElement), true, 'Reload has the focus');
  assert.deepEqual(await storage(page), before, 'stored progress untouched');
  await reload.click();
  await page.locator('#q-heading, main h1').first().waitFor();
  assert.deepEqual(JSON.parse((await storage(page))[KEY]).exams, JSON.parse(before[KEY]).exams, 'progress still there after the reload');
  await context.close();
});

test('page code that cannot be downloaded: a retry message instead of a crash, and Try again opens the page', async () => {
  const { context, page } = await fresh(PHONE, { serviceWorkers: 'block' });
  await page.route(/\/split_practice\.[^/]*\.wasm$/, (route) => route.abort('internetdisconnected'));
  await page.goto(server.url + bankQuery('exam-bank') + '#/quick/all');
  const heading = page.locator('main h1');
  await heading.waitFor();
  assert.match(await heading.innerText(), /This page could not be opened/);
  // The rest of the app still works: home opens.
  await page.getByRole('link', { name: 'Home' }).click();
  await page.getByRole('button', { name: 'Start full exam' }).waitFor();

  await page.goto(server.url + bankQuery('exam-bank') + '#/quick/all');
  await page.getByRole('button', { name: 'Try again' }).waitFor();
  assert.match(await heading.innerText(), /This page could not be opened/);

  // The connection is back: Try again fetches the code and opens the quick check.
  await page.unroute(/\/split_practice\.[^/]*\.wasm$/);
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('#q-heading').waitFor();
  await answerRight(page);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.locator('.feedback').waitFor();
  await context.close();
});

test('the code that saves cannot be downloaded: a banner says so, the answers stay in the tab (also of a quick check left meanwhile) and are saved once it can be; a returning visitor is told, and nothing stored is touched', async () => {
  const { context, page } = await fresh(PHONE, { serviceWorkers: 'block' });
  const storageCode = /\/split_storage\.[^/]*\.wasm$/;
  await page.route(storageCode, (route) => route.abort('internetdisconnected'));
  await page.goto(server.url + bankQuery('exam-bank') + '#/quick/domain/sample-exam-d1');
  await page.locator('#q-heading').waitFor();
  await answerRight(page);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.locator('.feedback').waitFor();
  const banner = page.locator('.banner', { hasText: 'progress is not being saved' });
  await banner.waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null);

  // Another topic's quick check, still offline: the first one, left with one answer, waits too.
  await page.evaluate(() => { location.hash = '#/quick/domain/sample-exam-d2'; });
  await page.locator('#q-heading', { hasText: 'Question 1 of' }).waitFor();
  await answerRight(page);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.locator('.feedback').waitFor();

  // The connection is back: the next answer fetches the code and saves all three answers.
  await page.unroute(storageCode);
  await page.locator('.feedback').getByRole('button', { name: 'Next question →' }).click();
  await answerWrong(page);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.locator('.feedback').waitFor();
  // How many answers each stored attempt holds (run in the page; the wait runs it as text).
  const outcomes = (k) => (JSON.parse(localStorage.getItem(k) || 'null')?.exams['sample-exam']?.attempts || []).map((a) => a.outcomes.length).sort();
  await page.waitForFunction(`(${outcomes})(${JSON.stringify(KEY)}).join() === '1,2'`);
  assert.deepEqual(await page.evaluate(outcomes, KEY), [1, 2], 'both quick checks are recorded');
  const stored = await page.evaluate((k) => localStorage.getItem(k), KEY);

  // A returning visitor whose reader of stored progress cannot be downloaded: told so, in place
  // of the pages, and the stored progress is left as it was.
  await page.route(storageCode, (route) => route.abort('internetdisconnected'));
  await page.reload();
  await page.getByRole('heading', { name: 'The exam could not be opened' }).waitFor();
  assert.match(await page.locator('main').innerText(), /did not download/);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), stored);
  await page.unroute(storageCode);
  await page.reload();
  await page.locator('#q-heading').waitFor();
  assert.deepEqual(await page.evaluate(outcomes, KEY), [1, 2]);
  // (The blocked downloads are logged to the console; the app never crashed.)
  assert.equal(await page.locator('#crashed').count(), 0);
  await context.close();
});

test('two tabs answering at once: stored progress keeps both finished attempts', async () => {
  const context = await browser.newContext({ viewport: PHONE });
  const a = await newPage(context);
  const b = await newPage(context);
  for (const [p, d] of [[a, 'sample-exam-d1'], [b, 'sample-exam-d2']]) {
    await p.goto(server.url + bankQuery('exam-bank') + `#/quick/domain/${d}`);
    await p.locator('#q-heading').waitFor();
  }
  // Interleave: A, B, A, B, ... each answer is checked (and saved) before the other tab's.
  for (let i = 0; i < 3; i++) {
    await checkOne(a, true);
    await checkOne(b, i !== 1);
  }
  await a.locator('main h1', { hasText: 'You got 3 of 3 right' }).waitFor();
  await b.locator('main h1', { hasText: 'You got 2 of 3 right' }).waitFor();
  await a.waitForTimeout(300);
  const rec = await progress(a);
  const attempts = rec.exams['sample-exam'].attempts;
  assert.equal(attempts.length, 2, JSON.stringify(attempts.map((x) => x.id)));
  const scopes = attempts.map((x) => x.scope?.id ?? x.scope).map(String).sort();
  assert.deepEqual(scopes, ['sample-exam-d1', 'sample-exam-d2']);
  for (const x of attempts) assert.equal(x.outcomes.length, 3, 'every answer of both tabs is kept');
  assert.equal(attempts.reduce((n, x) => n + x.outcomes.filter((o) => o.correct).length, 0), 5);
  assert.equal(Object.keys(rec.exams['sample-exam'].stats).length, 6, 'stats for all six questions');
  assert.deepEqual(await progress(b), rec, 'both tabs see the same record');
  // Both tabs' progress screens show both.
  for (const p of [a, b]) {
    await p.goto(server.url + bankQuery('exam-bank') + '#/progress');
    await ready(p);
    assert.equal(await p.locator('table.history tbody tr').count(), 2);
  }
  await context.close();
});

// ---------------------------------------------------------------- tab closed past the deadline

test('tab closed mid-exam, reopened after the deadline: the exam is submitted with its answers', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const t0 = Date.parse('2030-01-01T10:00:00Z');
  await context.clock.install({ time: t0 });
  let page = await newPage(context);
  await page.goto(server.url + bankQuery('tiny-bank'));
  await ready(page);
  await page.getByRole('button', { name: 'Start full exam' }).click();
  await page.locator('#q-heading').waitFor();
  await answerRight(page);
  const active = (await progress(page)).exams['tiny-exam'].active;
  assert.ok(active, 'the running exam is saved');
  const answered = active.responses.filter((r) => r.selected.length > 0).length;
  assert.equal(answered, 1);
  assert.ok(Math.abs(active.deadline_ms - (t0 + 60_000)) < 5000, 'a one-minute deadline');
  await page.close();

  // Ten minutes later the tab is opened again.
  await context.clock.setFixedTime(t0 + 10 * 60_000);
  page = await newPage(context);
  assert.ok(await page.evaluate(() => Date.now()) >= t0 + 10 * 60_000, 'the clock moved');
  await page.goto(server.url + bankQuery('tiny-bank') + '#/exam');
  await page.locator('.result-head h1').waitFor();
  assert.match(await page.locator('.result-head h1').innerText(), /50%/);
  assert.match(await page.locator('.facts').innerText(), /when time ran out/);
  assert.match(await page.locator('.banner').innerText(), /Time is up/);
  const items = page.locator('.review-item');
  await page.getByLabel(/^All/).check();
  assert.equal(await items.count(), 2);
  assert.match(await items.nth(0).locator('h3').innerText(), /Correct/);
  assert.match(await items.nth(1).locator('h3').innerText(), /(Unanswered|Not answered|Wrong)/);
  const rec = (await progress(page)).exams['tiny-exam'];
  assert.equal(rec.active, null, 'no unfinished exam left');
  assert.equal(rec.attempts.length, 1);
  assert.equal(rec.attempts[0].id, active.id, 'the same attempt was submitted');
  assert.equal(rec.attempts[0].outcomes.length, 2);
  assert.equal(rec.attempts[0].outcomes.filter((o) => o.correct).length, 1);
  assert.ok(rec.attempts[0].finished_ms <= active.deadline_ms + 1000,
    `finished at the deadline, not at reopening (${rec.attempts[0].finished_ms - active.deadline_ms} ms after)`);
  assert.deepEqual(page.errors, []);
  await context.close();
});

// ---------------------------------------------------------------- bank changed between visits

test('bank changed between visits: progress for the remaining questions is kept, the stale exam set aside', async () => {
  const { context, page } = await fresh(DESKTOP);
  await quickCheck(page, 'sample-exam-d1', [true, false, true]);
  await page.goto(server.url + bankQuery('exam-bank') + '&seed=1#/');
  await ready(page);
  await page.getByRole('button', { name: 'Start full exam' }).click();
  await page.locator('#q-heading').waitFor();
  await answerRight(page);
  const before = (await progress(page)).exams['sample-exam'];
  assert.ok(before.active);
  const seen = Object.keys(before.stats);
  assert.equal(seen.length, 3);

  // The new bank: same blueprint id; the exam's first question and one unseen question removed,
  // and one question that was answered edited (stem and an option's text).
  const bank = JSON.parse(await fs.readFile(path.join(FIXTURES, 'exam-bank.json'), 'utf8'));
  const removed = [before.active.paper.items[0].question_id];
  const unseen = bank.questions.find((q) => !seen.includes(q.id) && !before.active.paper.items.some((i) => i.question_id === q.id)
    && q.objective.startsWith('sample-exam-d1'));
  if (unseen) removed.push(unseen.id);
  const kept = seen.filter((id) => !removed.includes(id));
  assert.ok(kept.length >= 2, 'some answered questions remain');
  const edited = bank.questions.find((q) => q.id === kept[0]);
  edited.stem = '<p>EDITED stem of ' + edited.id + '</p>';
  edited.options[1].text = '<p>Beta choice, reworded</p>';
  bank.questions = bank.questions.filter((q) => !removed.includes(q.id));
  bank.blueprint.version = '2';
  splitBank(bank, path.join(scratch, 'changed-bank.json'));

  await page.goto(server.url + '?bank=/scratch/changed-bank.json#/');
  await ready(page);
  assert.match(await page.locator('main h1').innerText(), /Sample Practice Exam/, 'the app opens');
  const banner = page.locator('.banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), /set aside because the question bank has changed/);
  assert.equal(await page.getByRole('link', { name: /Resume/ }).count(), 0, 'nothing to resume');
  assert.equal(await page.getByRole('button', { name: 'Start full exam' }).isDisabled(), false);

  const after = (await progress(page)).exams['sample-exam'];
  assert.equal(after.active, null, 'the stale exam is no longer active');
  assert.equal(after.attempts.length, 1, 'the quick check is kept');
  assert.deepEqual(after.attempts[0], before.attempts[0], 'byte for byte');
  for (const id of kept) assert.deepEqual(after.stats[id], before.stats[id], `stats for ${id} kept`);
  for (const id of seen) assert.ok(after.stats[id], `stats for ${id} not deleted (even if removed from the bank)`);

  await page.goto(server.url + '?bank=/scratch/changed-bank.json#/progress');
  await ready(page);
  assert.match(await page.locator('table.history').innerText(), /Quick check/);
  assert.equal(await page.locator('table.history tbody tr').count(), 1);
  // The results of the quick check still open and show the edited question's new text.
  await page.goto(server.url + '?bank=/scratch/changed-bank.json#/quick/domain/sample-exam-d2');
  await page.locator('#q-heading').waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

// ---------------------------------------------------------------- hostile content

const PWN = 'window.__pwned=1';

// A full exam from home at `url` with its first question answered, submitted; its review
// listing every question with every row and study note open (all their fields on screen).
async function examReviewOpen(page, url) {
  await page.goto(url);
  await ready(page);
  await page.getByRole('button', { name: 'Start full exam' }).click();
  await page.locator('#q-heading').waitFor();
  await answerRight(page);
  await page.getByRole('button', { name: 'Submit exam…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Submit now' }).click();
  await page.locator('.result-head h1').waitFor();
  await page.getByLabel(/^All/).check();
  for (const d of await page.locator('details').all()) await d.evaluate((n) => { n.open = true; });
}

async function assertInert(p, where) {
  assert.equal(await p.evaluate(() => typeof window.__pwned), 'undefined', `${where}: content ran`);
  const ran = p.errors.filter((e) => !/Content.Security.Policy|Refused to/i.test(e));
  // An <img src=x> fails to load (404): that is the only other error allowed.
  assert.deepEqual(ran.filter((e) => !/Failed to load resource/.test(e)), [], `${where}: unexpected errors`);
}

test('hostile bank in the app: no script, handler or javascript: link runs; escaped text shows literally', async () => {
  const { context, page } = await fresh(DESKTOP);
  page.csp = [];
  page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) page.csp.push(m.text()); });
  await page.goto(server.url + bankQuery('hostile-bank') + '#/quick/objective/hostile-o1');
  await page.locator('#q-heading').waitFor();
  await page.waitForTimeout(300);
  await assertInert(page, 'question shown');
  const stem = page.locator('.stem');
  // The stem holds markup outside the allowlist, so the whole field is its source, as text.
  assert.match(await stem.innerText(), /^<p>Hostile stem \d <script>window\.__pwned=1<\/script><img src=x onerror="window\.__pwned=1">/, 'the source is shown as text');
  assert.ok((await stem.innerText()).includes('<p class="lit">LITERAL &lt;script&gt;'), 'escaped text stays as written');
  assert.equal(await stem.locator('*').count(), 0, 'a refused field makes no elements');
  assert.match(await page.locator('.exam-title').innerText(), /Objective statement <script>/, 'the statement is text');

  // Click the javascript: link in the stem and the one inside option b's text, then answer.
  const link = stem.locator('a.jslink');
  if (await link.count()) await link.click({ force: true }).catch(() => {});
  await page.locator('.options .opt label', { hasText: 'Beta choice' }).locator('a').first().click({ force: true }).catch(() => {});
  await assertInert(page, 'links clicked');
  assert.ok((await page.locator('.options').innerText()).includes(`Gamma choice <script>${PWN}</script>`));
  await answerRight(page);
  await page.getByRole('button', { name: 'Check answer' }).click();
  const fb = page.locator('.feedback');
  await fb.waitFor();
  await page.waitForTimeout(300);
  assert.ok((await fb.innerText()).includes(`EXPLAINED &lt;script&gt;${PWN}&lt;/script&gt;`), 'a refused explanation is its source, as text');
  assert.equal(await fb.locator('.explanation *').count(), 0);
  // Of the four references only the plain https one is a link; its title is text.
  const sources = fb.locator('.sources a');
  assert.equal(await sources.count(), 1);
  assert.equal(await sources.getAttribute('href'), 'https://docs.example.org/safe');
  assert.ok((await sources.innerText()).includes('Safe page <b>bold?</b>'));
  assert.equal(await fb.locator('.sources b, .sources img').count(), 0, 'reference titles made no elements');
  await fb.locator('.note').evaluate((n) => n.tagName === 'DETAILS' && (n.open = true)).catch(() => {});
  for (const a of await page.locator('a[href^="javascript:"]').all()) await a.click({ force: true }).catch(() => {});
  await assertInert(page, 'feedback and note shown');
  for (const v of page.csp) assert.match(v, /^Refused to|has been blocked/, `a CSP message that is not a block: ${v}`);

  // A full exam and its review (reasons shown) too.
  await examReviewOpen(page, server.url + bankQuery('hostile-bank') + '#/');
  for (const a of await page.locator('a[href^="javascript:"]').all()) await a.click({ force: true }).catch(() => {});
  await page.waitForTimeout(300);
  await assertInert(page, 'review');
  assert.ok((await page.locator('.review-item').first().innerText()).includes(`Gamma reason <script>${PWN}</script>`));
  assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined');
  await context.close();
});

/**
 * A blog post on its own origin (no CSP) with one widget on `bank` (a fixture) and `objective`,
 * the embed and the bank served from a second origin. `close()` stops both servers.
 */
async function blogPost(bank, objective) {
  const assets = await serve({ root: SITE_DIR, headers: { 'Access-Control-Allow-Origin': '*' } });
  assets.mount('/fixtures/', await fixtureBanks());
  const pagesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'faults-pages-'));
  const blog = await serve({ root: pagesDir });
  await fs.writeFile(path.join(pagesDir, 'post.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>post</title><link rel="icon" href="data:,"></head><body><main><h1>Post</h1>
<div id="w" data-quiz data-bank="${assets.origin}/fixtures/${bank}" data-objective="${objective}" data-count="2" data-seed="3"></div>
</main><script type="module" src="${assets.origin}/quiz-embed.js"></script></body></html>`);
  return {
    url: `http://localhost:${blog.port}/post.html`,
    async close() {
      await assets.close();
      await blog.close();
      await fs.rm(pagesDir, { recursive: true, force: true });
    },
  };
}

test('hostile bank in the blog embed (a page with no CSP): nothing runs; escaped text shows literally', async () => {
  const post = await blogPost('hostile-bank.json', 'hostile-o1');
  try {
    const context = await browser.newContext({ viewport: PHONE });
    const p = await newPage(context);
    await p.goto(post.url);
    const w = p.locator('#w');
    await w.locator('.q').waitFor({ state: 'visible', timeout: 15000 });
    await p.waitForTimeout(300);
    await assertInert(p, 'embed question');
    const stem = await w.locator('.stem').innerText();
    // Markup outside the allowlist: the whole field is its source, as text.
    assert.match(stem, /^<p>Hostile stem \d <script>window\.__pwned=1<\/script>/);
    assert.ok(stem.includes('<p class="lit">LITERAL &lt;script&gt;'), stem);
    assert.equal(await w.locator('.stem *').count(), 0);
    for (const a of await w.locator('a').all()) await a.click({ force: true, timeout: 2000 }).catch(() => {});
    await assertInert(p, 'embed links clicked');
    const opts = await w.locator('label.opt').allInnerTexts();
    assert.ok(opts.some((t) => t.includes(`Gamma choice <script>${PWN}</script>`)), opts.join(' | '));
    await w.locator('label.opt', { hasText: 'Alpha choice' }).click();
    await w.locator('[data-act="check"]').click();
    await w.locator('.fb').waitFor({ state: 'visible' });
    await p.waitForTimeout(300);
    for (const a of await w.locator('a').all()) await a.click({ force: true, timeout: 2000 }).catch(() => {});
    await assertInert(p, 'embed feedback');
    const fbText = await w.locator('.qz').innerText();
    assert.ok(fbText.includes(`EXPLAINED &lt;script&gt;${PWN}&lt;/script&gt;`), fbText);
    // Of the four references only the plain https one is a link; its title is text.
    const src = w.locator('.src a');
    assert.equal(await src.count(), 1);
    assert.equal(await src.getAttribute('href'), 'https://docs.example.org/safe');
    assert.ok((await src.innerText()).includes('Safe page <b>bold?</b>'));
    assert.equal(await w.locator('.src b, .src img').count(), 0, 'reference titles made no elements');
    // No element in the widget carries an event handler, a script or a javascript: URL.
    const bad = await w.evaluate((host) => [...host.shadowRoot.querySelectorAll('*')].filter((el) =>
      el.tagName === 'SCRIPT' || [...el.attributes].some((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value))).map((el) => el.outerHTML));
    assert.deepEqual(bad, []);
    await context.close();
  } finally {
    await post.close();
  }
});

// ---------------------------------------------------------------- markup outside the allowlist

// tests/fixtures/vectors-bank.json: every text field carries one of the vectors (meta
// refresh, <base>, a form with a password field, SVG, MathML) beside allowed markup.
const REFUSED = 'form, input[type="password"], svg, math, base, meta, style, script, img';
const NOT_MARKUP = [
  '<meta http-equiv="refresh" content="1;url=/navigated?by=meta">',
  '<form action="/navigated?by=form" method="get"><input type="password" name="pw"',
  '<svg width="10" height="10" onload="window.__pwned=1">',
  '<math><mtext><table><mglyph><style>',
  '<base href="https://evil.example/">',
];

/** Nothing of the vectors reached `root`'s DOM, the page stayed where it was, and its base URL
 * is its own; returns the text `root` shows. */
async function assertNoVector(p, root, where, url) {
  // A meta refresh fires after its delay (1 s here): wait past it.
  await p.waitForTimeout(1500);
  assert.equal(p.url(), url, `${where}: the page navigated`);
  assert.equal(await p.evaluate(() => typeof window.__pwned), 'undefined', `${where}: content ran`);
  assert.deepEqual(await root.evaluate((r, sel) => [...(r.shadowRoot || r).querySelectorAll(sel)].map((e) => e.outerHTML), REFUSED), [], `${where}: refused elements in the DOM`);
  assert.equal(await p.evaluate(() => document.querySelectorAll('base').length), 0, `${where}: a <base> element`);
  assert.ok(await p.evaluate(() => [document.URL, document.URL.split('#')[0]].includes(document.baseURI)), `${where}: base URL changed`);
  return root.evaluate((r) => (r.shadowRoot ? r.shadowRoot.querySelector('.qz') : r).innerText);
}

test('app, bank from a second origin: meta refresh, base, password form, SVG and MathML stay text', async () => {
  const banks = await serve({ root: await fixtureBanks(), headers: { 'Access-Control-Allow-Origin': '*' } });
  try {
    const { context, page } = await fresh(DESKTOP);
    const bank = `http://localhost:${banks.port}/vectors-bank.json`;
    const url = server.url + '?bank=' + encodeURIComponent(bank) + '#/quick/objective/vectors-o1';
    await page.goto(url);
    await page.locator('#q-heading').waitFor();
    const main = page.locator('main');
    let text = await assertNoVector(page, main, 'question', url);
    for (const vector of NOT_MARKUP.slice(0, 4)) assert.ok(text.includes(vector), `shown as text: ${vector}`);
    assert.ok(text.includes('Delta choice, allowed markup'), 'an allowed field is markup');
    assert.equal(await page.locator('.options em', { hasText: 'allowed' }).count(), 1, 'allowed markup makes its element');
    await answerRight(page);
    await page.getByRole('button', { name: 'Check answer' }).click();
    await page.locator('.feedback').waitFor();
    text = await assertNoVector(page, main, 'feedback and note', url);
    for (const vector of NOT_MARKUP) assert.ok(text.includes(vector), `shown as text: ${vector}`);
    assert.ok(text.includes('EXPLAINED') && text.includes('KNOWN') && text.includes('TRAPPED'));

    // A full exam's review shows every field of the answered question (reasons too).
    await examReviewOpen(page, server.url + '?bank=' + encodeURIComponent(bank) + '#/');
    text = await assertNoVector(page, page.locator('.review-item').first(), 'review', page.url());
    assert.ok(text.includes('Gamma reason <form action="/navigated?by=form"'), text);
    await context.close();
  } finally {
    await banks.close();
  }
});

test('embed (a page with no CSP): meta refresh, base, password form, SVG and MathML stay text', async () => {
  const post = await blogPost('vectors-bank.json', 'vectors-o1');
  try {
    const context = await browser.newContext({ viewport: PHONE });
    const p = await newPage(context);
    const url = post.url;
    await p.goto(url);
    const w = p.locator('#w');
    await w.locator('.q').waitFor({ state: 'visible', timeout: 15000 });
    let text = await assertNoVector(p, w, 'embed question', url);
    for (const vector of NOT_MARKUP.slice(0, 4)) assert.ok(text.includes(vector), `shown as text: ${vector}`);
    assert.equal(await w.locator('.ot em', { hasText: 'allowed' }).count(), 1, 'allowed markup makes its element');
    await w.locator('label.opt', { hasText: 'Alpha choice' }).click();
    await w.locator('[data-act="check"]').click();
    await w.locator('.fb').waitFor({ state: 'visible' });
    text = await assertNoVector(p, w, 'embed feedback', url);
    for (const vector of NOT_MARKUP) assert.ok(text.includes(vector), `shown as text: ${vector}`);
    assert.ok(text.includes('EXPLAINED') && text.includes('KNOWN') && text.includes('TRAPPED') && text.includes('Alpha reason <svg'));
    await context.close();
  } finally {
    await post.close();
  }
});
