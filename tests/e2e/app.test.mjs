// Browser tests of the study app (quiz-web), built into SITE_DIR (default dist/) by
// scripts/build-web.sh. Run: cd tests && node --test --test-concurrency=1 e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { launch, newPage, axe, shot, overflowsX, progress, saved, PHONE, DESKTOP } from './lib/browser.mjs';
import { serve } from './lib/server.mjs';
import { fixtureBanks } from './lib/browser.mjs';
import { siteServer, bankQuery, ready, choose, answerRight, answerWrong, currentIndex } from './lib/app.mjs';

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await siteServer();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function fresh(viewport = PHONE, options = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await newPage(context);
  return { context, page };
}

const examRecord = (record, examId) => record?.exams?.[examId];

test('full exam: answer, flag, reload mid-exam, choose-N limit, submit, per-domain results', async () => {
  const { context, page } = await fresh();
  // A shared exam link: seed 23 puts single-select questions first and a multiple-select third.
  await page.goto(server.url + bankQuery('exam-bank') + '&seed=23');
  await ready(page);
  assert.match(await page.locator('main h1').innerText(), /Sample Practice Exam/);
  await page.getByRole('button', { name: 'Start full exam' }).click();
  await page.locator('#q-heading').waitFor();
  assert.match(await page.locator('#q-heading').innerText(), /Question 1 of 6/);
  // Focus moved to the question heading.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'q-heading');

  await answerRight(page);                       // Q1 right
  await page.getByRole('button', { name: 'Next →' }).click();
  await answerWrong(page);                       // Q2 wrong
  await page.keyboard.press('f');                // flag Q2 by keyboard
  await page.locator('#q-heading .badge.flag').waitFor();
  await page.keyboard.press('ArrowRight');       // Q3 by keyboard
  assert.equal(await currentIndex(page), 2);

  const stored = examRecord(await progress(page), 'sample-exam');
  assert.ok(stored.active, 'the active exam is saved');
  assert.equal(stored.active.responses[0].selected.length > 0, true);
  assert.equal(stored.active.responses[1].flagged, true);
  const deadline = stored.active.deadline_ms;

  await page.waitForTimeout(1200);
  await page.reload();
  await page.locator('#q-heading').waitFor().catch(async () => {
    // Reload lands on #/exam; if it went home, the resume link must be there.
    await page.getByRole('link', { name: /Resume/ }).click();
  });
  await page.locator('#q-heading').waitFor();
  assert.equal(await currentIndex(page), 2, 'same question after reload');
  assert.equal(await page.locator('.nav-q.answered').count(), 2);
  assert.equal(await page.locator('.nav-q.flagged').count(), 1);
  const left = await page.locator('#time-left').innerText();
  const [m, s] = left.split(':').map(Number);
  const leftMs = (m * 60 + s) * 1000;
  assert.ok(Math.abs(leftMs - (deadline - Date.now())) < 3000, `timer ${left} matches the stored deadline`);
  assert.ok(leftMs < 30 * 60 * 1000, 'time kept running across the reload');
  assert.equal(examRecord(await progress(page), 'sample-exam').active.deadline_ms, deadline);

  // Answer the rest right; on a multiple-select question try a third pick.
  let sawLimit = false;
  for (let i = 2; i < 6; i++) {
    await page.locator('.nav-q').nth(i).click();
    await answerRight(page);
    const legend = await page.locator('.options legend').innerText();
    if (/Choose 2/.test(legend) && !sawLimit) {
      await choose(page, 'Delta choice');
      await page.locator('.notice').waitFor();
      assert.match(await page.locator('.notice').innerText(), /choose 2/i);
      assert.equal(await page.locator('.options input:checked').count(), 2);
      sawLimit = true;
    }
  }
  assert.ok(sawLimit, 'the exam had a multiple-select question');

  await page.getByRole('button', { name: 'Submit exam…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Flagged for review: 2/);
  assert.match(await dialog.innerText(), /Unanswered: none/);
  await dialog.getByRole('button', { name: 'Submit now' }).click();

  await page.locator('.result-head h1').waitFor();
  assert.match(await page.locator('.result-head h1').innerText(), /83%/);   // 5 of 6
  assert.match(await page.locator('.share-link').getAttribute('href'), /[?&]seed=23(&|$)/, 'the exam can be shared as a link');
  assert.match(await page.locator('.verdict').innerText(), /Pass/);
  const chart = page.locator('#dom-title ~ figure svg');
  const label = await chart.getAttribute('aria-label');
  for (const d of ['Data Preparation', 'Model Training', 'Operations']) assert.match(label, new RegExp(d));
  assert.equal(await chart.locator('rect.bar').count(), 3);
  assert.ok(await page.locator('table').count() >= 1, 'per-section table');

  const rec = examRecord(await progress(page), 'sample-exam');
  assert.equal(rec.active, null);
  assert.equal(rec.attempts.length, 1);
  assert.equal(rec.attempts[0].percent, 83);
  assert.equal(rec.attempts[0].domains.length, 3);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('keyboard picks on a multiple-select question: the "choose at most N" notice shows and is announced', async () => {
  const { context, page } = await fresh();
  // Seed 23 puts a multiple-select ("Choose 2") question third.
  await page.goto(server.url + bankQuery('exam-bank') + '&seed=23');
  await ready(page);
  await page.getByRole('button', { name: 'Start full exam' }).click();
  await page.locator('#q-heading').waitFor();
  await page.locator('.nav-q').nth(2).click();
  await page.locator('#q-heading', { hasText: 'Question 3 of' }).waitFor();
  assert.match(await page.locator('.options legend').innerText(), /Choose 2/);
  await page.locator('#q-heading').focus();
  await page.keyboard.press('1');
  await page.keyboard.press('2');
  await page.waitForFunction(() => document.querySelectorAll('.options input:checked').length === 2);
  assert.equal(await page.locator('.notice').innerText(), '', 'no notice while the picks are allowed');
  await page.keyboard.press('3');
  const notice = page.locator('.notice');
  await page.waitForFunction(() => /choose 2/i.test(document.querySelector('.notice')?.textContent || ''), null, { timeout: 5000 });
  assert.match(await notice.innerText(), /choose 2/i);
  // The same live region a pointer pick writes to: role=status is a polite live region.
  assert.equal(await notice.getAttribute('role'), 'status');
  assert.equal(await page.locator('.options input:checked').count(), 2, 'the third pick was refused');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('time-out: the exam submits itself at the deadline', async () => {
  const { context, page } = await fresh();
  await page.clock.install();
  await page.goto(server.url + bankQuery('tiny-bank'));
  await ready(page);
  assert.match(await page.locator('.lead').innerText(), /1 minutes/);
  await page.getByRole('button', { name: 'Start full exam' }).click();
  await page.locator('#q-heading').waitFor();
  await answerRight(page);
  assert.equal(await page.locator('#time-left').innerText(), '1:00');
  await page.clock.runFor(31_000);
  assert.match(await page.locator('#time-left').innerText(), /^0:(29|30)$/);
  assert.match(await page.locator('#announcer').innerText(), /30 seconds left/);
  await page.clock.runFor(31_000);
  await page.locator('.result-head h1').waitFor();
  assert.match(await page.locator('.facts').innerText(), /when time ran out/);
  const rec = examRecord(await progress(page), 'tiny-exam');
  assert.equal(rec.attempts.length, 1);
  assert.equal(rec.attempts[0].outcomes.length, 2);
  assert.equal(rec.active, null);
  await context.close();
});

test('time-out while away: reopening after the deadline submits the exam', async () => {
  const { context, page } = await fresh();
  await page.goto(server.url + bankQuery('tiny-bank'));
  await ready(page);
  await page.getByRole('button', { name: 'Start full exam' }).click();
  await page.locator('#q-heading').waitFor();
  await answerRight(page);
  await saved(page);
  // Pretend the tab was closed for two minutes: move the stored attempt back in time.
  await page.evaluate(() => {
    const r = JSON.parse(localStorage.getItem('quiz-progress'));
    const a = r.exams['tiny-exam'].active;
    a.started_ms -= 120_000;
    a.deadline_ms -= 120_000;
    localStorage.setItem('quiz-progress', JSON.stringify(r));
  });
  await page.reload();
  await page.locator('.result-head h1').waitFor();
  assert.match(await page.locator('.result-head h1').innerText(), /50%/);
  assert.match(await page.locator('.facts').innerText(), /when time ran out/);
  const rec = examRecord(await progress(page), 'tiny-exam');
  assert.equal(rec.attempts.length, 1);
  assert.equal(rec.active, null);
  await context.close();
});

test('quick check: feedback, explanation and study note after each answer', async () => {
  const { context, page } = await fresh();
  await page.goto(server.url + bankQuery('exam-bank') + '#/quick/domain/sample-exam-d1');
  await page.locator('#q-heading').waitFor();
  assert.match(await page.locator('.exam-title').innerText(), /Quick check: Data Preparation/);
  const check = page.getByRole('button', { name: 'Check answer' });
  assert.equal(await check.isDisabled(), true);
  for (let i = 0; i < 3; i++) {
    assert.match(await page.locator('#q-heading').innerText(), new RegExp(`Question ${i + 1} of 3`));
    if (i === 0) await answerWrong(page); else await answerRight(page);
    await check.click();
    const fb = page.locator('.feedback');
    await fb.waitFor();
    assert.match(await fb.locator('h2').innerText(), i === 0 ? /Not quite/ : /Correct/);
    assert.match(await fb.innerText(), /Alpha/);                  // explanation
    assert.match(await fb.locator('.note').innerText(), /Key fact for Data Preparation/);
    assert.equal(await page.locator('.options input:disabled').count() > 0, true, 'answer locked');
    // The question's sources: links that open in a new tab with no handle on this page.
    const links = fb.locator('.sources a');
    assert.equal(await links.count(), 2);
    assert.match(await links.first().getAttribute('href'), /^https:\/\/docs\.example\.org\/guides\/sample-exam-d1-/);
    assert.match(await links.first().innerText(), /Guide to sample-exam-d1-/);
    for (const a of await links.all()) {
      assert.equal(await a.getAttribute('target'), '_blank');
      assert.deepEqual((await a.getAttribute('rel')).split(' ').sort(), ['noopener', 'noreferrer']);
    }
    if (i === 0) {
      await context.route('https://docs.example.org/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>doc</title>' }));
      const [tab] = await Promise.all([context.waitForEvent('page'), links.first().click()]);
      await tab.waitForLoadState();
      assert.equal(await tab.evaluate(() => window.opener), null, 'the opened page cannot reach the app');
      assert.match(tab.url(), /^https:\/\/docs\.example\.org\/guides\//);
      await tab.close();
    }
    await fb.getByRole('button', { name: /Next question|See summary/ }).click();
  }
  assert.match(await page.locator('main h1').innerText(), /You got 2 of 3 right/);
  const attempts = examRecord(await progress(page), 'sample-exam').attempts;
  assert.equal(attempts.length, 1);
  assert.equal(attempts[0].mode, 'quick-check');
  assert.equal(attempts[0].outcomes.length, 3);
  assert.equal(attempts[0].outcomes.filter((o) => o.correct).length, 2);
  await context.close();
});

test('review: wrong-only and flagged-only filters, your answer against the correct one, retake the missed', async () => {
  const { context, page } = await fresh(DESKTOP);
  await page.goto(server.url + bankQuery('exam-bank'));
  await ready(page);
  await page.getByRole('button', { name: 'Start full exam' }).click();
  await page.locator('#q-heading').waitFor();
  await answerWrong(page);
  await page.keyboard.press('ArrowRight');
  await answerRight(page);
  await page.keyboard.press('f');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('1');   // keyboard pick: first option shown
  await page.getByRole('button', { name: 'Submit exam…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Submit now' }).click();
  await page.locator('.result-head h1').waitFor();

  const items = page.locator('.review-item');
  // With wrong answers, the review opens on them.
  assert.ok(await page.getByLabel(/Wrong only/).isChecked(), 'wrong only is chosen at first');
  const wrong = await items.count();
  assert.ok(wrong >= 4 && wrong <= 5, `wrong-only shows the wrong ones (${wrong})`);
  await page.getByLabel(/^All/).check();
  assert.equal(await items.count(), 6);
  await page.getByLabel(/Wrong only/).check();
  assert.equal(await items.count(), wrong);
  const first = items.first();
  assert.match(await first.locator('h3').innerText(), /Question 1 — Wrong/);
  // A row opens in place to show the question, the answers and the reasons.
  assert.equal(await first.locator('.ropts').isVisible(), false, 'rows start collapsed');
  await first.locator(':scope > summary').click();
  assert.match(await first.locator('.ropt.wrong').innerText(), /Your answer/);
  assert.match(await first.locator('.ropt.right').first().innerText(), /Correct answer/);
  assert.match(await first.locator('.explanation').innerText(), /Explanation/);
  assert.equal(await first.locator('.sources a[target="_blank"][rel="noopener noreferrer"]').count(), 2, 'sources in the review');
  assert.match(await first.locator('.ropt').nth(1).locator('.reason').innerText(), /(right|wrong)/);
  // The objective's study note is one click away in the review.
  const note = first.locator('details.note');
  await note.locator('summary').click();
  assert.match(await note.innerText(), /Know[\s\S]*Trap/);
  await page.getByLabel(/Flagged only/).check();
  assert.equal(await items.count(), 1);
  assert.match(await items.first().locator('h3').innerText(), /Question 2 — Correct/);

  await page.getByRole('button', { name: 'Retake only the ones I missed' }).click();
  await page.locator('#q-heading').waitFor();
  assert.match(await page.locator('#q-heading').innerText(), new RegExp(`of ${wrong}$`));
  assert.match(await page.locator('.exam-title').innerText(), /Retake/);
  assert.equal(await page.locator('#time-left').count(), 0, 'a retake is untimed');
  const active = examRecord(await progress(page), 'sample-exam').active;
  assert.equal(active.mode, 'retake');
  assert.equal(active.scope.scope, 'questions');
  assert.equal(active.scope.id.length, wrong);
  await context.close();
});

test('results of a full exam on a phone: one collapsed row per question, under 20,000 px; a row opens in place by click or keyboard; then an estimated score on home and progress', async () => {
  const { context, page } = await fresh(PHONE);
  await page.goto(server.url);
  await ready(page);
  await page.getByRole('button', { name: 'Start full exam' }).click();
  await page.locator('#q-heading').waitFor();
  const total = Number(/of (\d+)/.exec(await page.locator('#q-heading').innerText())[1]);
  assert.ok(total >= 50, `a full-length exam (${total} questions)`);
  await page.getByRole('button', { name: 'Submit exam…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Submit now' }).click();
  await page.locator('.result-head h1').waitFor();
  const rows = page.locator('.review-item');
  assert.ok(await page.getByLabel(/Wrong only/).isChecked(), 'nothing was answered: wrong only is chosen');
  assert.equal(await rows.count(), total);
  await page.getByLabel(/^All/).check();
  assert.equal(await rows.count(), total);
  assert.equal(await page.locator('.review-item[open]').count(), 0, 'every row starts collapsed');
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height < 20_000, `the results page is ${height} px tall at 390 px`);
  // A row: the number, the result and the start of the stem.
  const first = rows.first();
  assert.match(await first.locator(':scope > summary').innerText(), /^Question 1 — Unanswered\s+\S.{20,}/);
  assert.equal(await first.locator('.ropts').isVisible(), false);
  await first.locator(':scope > summary').click();
  assert.ok(await first.evaluate((d) => d.open), 'a click opens the row');
  assert.ok(await first.locator('.ropts').isVisible());
  assert.ok(await first.locator('.stem').isVisible());
  // By keyboard: Tab reaches the next row, Enter opens it, Space closes it again.
  const second = rows.nth(1);
  await second.locator(':scope > summary').focus();
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY');
  await page.keyboard.press('Enter');
  assert.ok(await second.evaluate((d) => d.open), 'Enter opens the focused row');
  await page.keyboard.press('Space');
  assert.equal(await second.evaluate((d) => d.open), false, 'Space closes it');
  const opened = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(opened > height, 'the open row adds its content to the page');
  await shot(page, 'results-review-phone');
  assert.deepEqual(await axe(page), []);

  // The exam's answers give an estimate of the score, on home and on the progress page.
  await page.goto(server.url + '#/');
  await page.reload();   // a fresh visit, at the top of the page
  await ready(page);
  const estimate = page.locator('.estimate');
  await page.waitForTimeout(500);
  assert.equal(await estimate.count(), 0, 'below the fold on a phone, the panel waits for the visitor to scroll');
  await page.locator('#ready-title').scrollIntoViewIfNeeded();
  await estimate.waitFor();
  assert.match(await estimate.innerText(), /Estimated score (\d+)–(\d+)% · most likely \d+% · chance of passing \d+%/);
  assert.match(await estimate.innerText(), new RegExp(`each of the ${total} questions you have answered`));
  const [, low, high] = /Estimated score (\d+)–(\d+)%/.exec(await estimate.innerText()).map(Number);
  assert.ok(low <= high && high < 50, `nothing right gives a low estimate (${low}–${high})`);
  await shot(page, 'home-estimate-phone');
  await page.goto(server.url + '#/progress');
  await page.locator('#ready2-title').waitFor();
  await page.locator('.estimate').waitFor();
  assert.match(await page.locator('.estimate').innerText(), /Estimated score \d+–\d+%/);
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('spaced review: answered questions come due as time passes; #/review serves them most overdue first; "I guessed" brings a right answer back sooner', async () => {
  const t0 = Date.parse('2026-03-02T08:00:00Z');
  const context = await browser.newContext({ viewport: PHONE });
  await context.clock.setFixedTime(t0);
  const page = await newPage(context);
  const home = server.url + bankQuery('exam-bank') + '#/';
  await page.goto(server.url + bankQuery('exam-bank') + '#/quick/domain/sample-exam-d2');
  await page.locator('#q-heading').waitFor();
  // The first wrong, the second right, the third right but marked "I guessed".
  const stems = [];
  for (let i = 0; i < 3; i++) {
    stems.push(await page.locator('.stem').innerText());
    if (i === 0) await answerWrong(page); else await answerRight(page);
    await page.getByRole('button', { name: 'Check answer' }).click();
    await page.locator('.feedback').waitFor();
    if (i === 2) await page.getByLabel(/I guessed/).check();
    else assert.equal(await page.getByLabel(/I guessed/).count(), i === 0 ? 0 : 1, 'offered for a right answer only');
    await page.locator('.feedback').getByRole('button', { name: /Next question|See summary/ }).click();
  }
  // The schedule is replayed in a chunk of its own once the answers are recorded (the last
  // time after "I guessed" was ticked).
  await page.waitForFunction(() => {
    const exam = JSON.parse(localStorage.getItem('quiz-progress')).exams['sample-exam'];
    const [, right, guessed] = exam.attempts[0].outcomes.map((o) => exam.schedule[o.question_id]);
    return guessed && right && guessed.due_ms !== right.due_ms;
  });
  const record = examRecord(await progress(page), 'sample-exam');
  const [wrong, right, guessed] = record.attempts[0].outcomes;
  assert.equal(guessed.guessed, true, 'the guess is kept with the answer');
  const due = (o) => record.schedule[o.question_id].due_ms;
  assert.ok(due(wrong) < due(guessed) && due(guessed) < due(right),
    `missed first, then the guess, then the known one (${due(wrong) - t0}, ${due(guessed) - t0}, ${due(right) - t0} ms)`);

  const way = page.locator('.way', { hasText: 'Spaced review' });
  await page.goto(home);
  await ready(page);
  assert.match(await way.innerText(), /Nothing due now/);
  // Two minutes later the missed question is due.
  await context.clock.setFixedTime(t0 + 2 * 60_000);
  await page.reload();
  await ready(page);
  assert.match(await way.innerText(), /1 due/);
  // A day later all three are; the session serves them most overdue first.
  await context.clock.setFixedTime(t0 + 24 * 3_600_000);
  await page.reload();
  await ready(page);
  assert.match(await way.innerText(), /3 due/);
  await way.getByRole('link', { name: 'Review them' }).click();
  await page.locator('#q-heading').waitFor();
  assert.match(await page.locator('.exam-title').innerText(), /Spaced review/);
  assert.match(await page.locator('#q-heading').innerText(), /of 3$/);
  assert.deepEqual(await axe(page), []);
  for (const expected of [stems[0], stems[2], stems[1]]) {
    assert.equal(await page.locator('.stem').innerText(), expected);
    await answerRight(page);
    await page.getByRole('button', { name: 'Check answer' }).click();
    await page.locator('.feedback').getByRole('button', { name: /Next question|See summary/ }).click();
  }
  await page.locator('main h1').filter({ hasText: 'You got 3 of 3 right' }).waitFor();
  // Reviewed, they are due again only later: nothing now, and #/review says when.
  await page.goto(home);
  await ready(page);
  assert.match(await way.innerText(), /Nothing due now/);
  await page.goto(server.url + bankQuery('exam-bank') + '#/review');
  await page.locator('main h1').filter({ hasText: 'Nothing to review now' }).waitFor();
  assert.match(await page.locator('main').innerText(), /The next question is due in \d+ (minute|hour|day)s?\./);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('custom practice: the chosen topics and count, "missed before", a shared link that draws the same paper, timed with feedback at the end', async () => {
  const { context, page } = await fresh();
  const base = server.url + bankQuery('exam-bank');
  await page.goto(base + '#/');
  await ready(page);
  await page.locator('.way', { hasText: 'Custom practice' }).getByRole('link', { name: 'Build a practice' }).click();
  await page.locator('main h1').filter({ hasText: 'Custom practice' }).waitFor();
  const start = page.getByRole('button', { name: 'Start practice' });
  const summary = page.locator('#custom-summary');
  assert.equal(await start.isDisabled(), true, 'nothing chosen yet');
  assert.match(await summary.innerText(), /Choose at least one topic/);
  // A whole domain, and one objective of another (inside its closed list).
  await page.getByLabel('Data Preparation', { exact: true }).check();
  const operations = page.locator('.topic-domain', { hasText: 'Operations' });
  await operations.locator('details summary').click();
  await operations.locator('.objectives input').first().check();
  assert.equal(await page.getByLabel('Operations', { exact: true }).isChecked(), true, 'its only objective makes the domain whole');
  const training = page.locator('.topic-domain', { hasText: 'Model Training' });
  await training.locator('details summary').click();
  await training.locator('.objectives input').first().check();
  assert.equal(await page.getByLabel('Model Training', { exact: true }).evaluate((i) => i.indeterminate), true, 'a part of a domain shows as mixed');
  await training.locator('.objectives input').first().uncheck();
  await page.getByLabel(/How many/).fill('4');
  await page.getByLabel(/How many/).blur();
  assert.match(await summary.innerText(), /This practice has 4 questions/);
  assert.deepEqual(await axe(page), []);
  await start.click();
  await page.locator('#q-heading').waitFor();
  assert.match(await page.locator('.exam-title').first().innerText(), /Custom practice/);
  assert.equal(await page.locator('#time-left').count(), 0, 'untimed');
  for (let i = 0; i < 4; i++) {
    assert.match(await page.locator('#q-heading').innerText(), new RegExp(`Question ${i + 1} of 4`));
    if (i === 0) await answerWrong(page); else await answerRight(page);
    await page.getByRole('button', { name: 'Check answer' }).click();
    await page.locator('.feedback').getByRole('button', { name: /Next question|See summary/ }).click();
  }
  await page.locator('main h1').filter({ hasText: 'You got 3 of 4 right' }).waitFor();
  const [attempt] = examRecord(await progress(page), 'sample-exam').attempts;
  assert.equal(attempt.mode, 'custom');
  assert.equal(attempt.outcomes.length, 4);
  for (const o of attempt.outcomes) assert.match(o.question_id, /^sample-exam-(d1|d3)-/, 'drawn from the chosen topics');
  const missed = attempt.outcomes.find((o) => !o.correct).question_id;

  // A new builder starts empty: the same topics again, this time the questions missed before.
  await page.getByRole('link', { name: 'New custom practice' }).click();
  await page.locator('main h1').filter({ hasText: 'Custom practice' }).waitFor();
  await page.getByLabel('Data Preparation', { exact: true }).check();
  await page.getByLabel('Operations', { exact: true }).check();
  await page.getByLabel('Missed before').check();
  assert.match(await summary.innerText(), /Only 1 question matches/);
  await page.getByLabel(/^At the end/).check();
  await page.getByLabel(/^Timed/).check();
  assert.match(await page.locator('label[for=custom-timed]').innerText(), /Timed: 5 minutes/, '30 minutes for 6 questions: 5 for the 1 that matches');
  await page.getByLabel('Any question').check();
  const link = await page.locator('.share-link').getAttribute('href');
  assert.match(link, /#\/custom\/domains=sample-exam-d1,sample-exam-d3&n=20&timed=yes&feedback=end&pick=any&seed=\d+$/);
  await page.getByLabel('Missed before').check();
  await start.click();
  await page.locator('#q-heading').waitFor();
  assert.match(await page.locator('.exam-title').innerText(), /Custom practice/);
  assert.match(await page.locator('#q-heading').innerText(), /Question 1 of 1/);
  assert.match(await page.locator('.stem').innerText(), new RegExp(missed));
  assert.match(await page.locator('#time-left').innerText(), /^(5:00|4:59)$/, 'one question at the exam\'s pace');
  await answerRight(page);
  await page.getByRole('button', { name: 'Submit exam…' }).click();
  await page.getByRole('button', { name: 'Submit now' }).click();
  await page.locator('.result-head').waitFor();
  assert.match(await page.locator('.result-head').innerText(), /Custom practice/);

  // The shared link, opened on another device: the same choices, and the same paper.
  const papers = [];
  for (let k = 0; k < 2; k++) {
    const other = await fresh();
    await other.page.goto(link);
    await other.page.locator('main h1').filter({ hasText: 'Custom practice' }).waitFor();
    assert.match(await other.page.locator('.notice').innerText(), /shared link/);
    assert.equal(await other.page.getByLabel('Data Preparation', { exact: true }).isChecked(), true);
    assert.equal(await other.page.getByLabel('Model Training', { exact: true }).isChecked(), false);
    assert.equal(await other.page.getByLabel(/^Timed/).isChecked(), true);
    assert.equal(await other.page.getByLabel(/^At the end/).isChecked(), true);
    assert.match(await other.page.locator('#custom-summary').innerText(), /9 questions match, so this practice has 9/);
    await other.page.getByRole('button', { name: 'Start practice' }).click();
    await other.page.locator('#q-heading').waitFor();
    assert.match(await other.page.locator('#time-left').innerText(), /^(45:00|44:59)$/);
    const active = examRecord(await progress(other.page), 'sample-exam').active;
    papers.push(active.paper.items.map((i) => i.question_id));
    assert.deepEqual(other.page.errors, []);
    await other.context.close();
  }
  assert.equal(papers[0].length, 9);
  assert.deepEqual(papers[0], papers[1], 'the link\'s seed draws the same questions in the same order');
  // A link the exam cannot read says so and opens an empty builder.
  await page.goto(base + '#/custom/domains=nope&n=3');
  await page.locator('main h1').filter({ hasText: 'Custom practice' }).waitFor();
  assert.match(await page.locator('main .error').innerText(), /names "nope", which this exam does not have/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('custom practice, timed with feedback after each answer: at the deadline it ends with what was answered', async () => {
  const { context, page } = await fresh();
  await page.clock.install();
  await page.goto(server.url + bankQuery('exam-bank') + '#/custom/domains=sample-exam-d2&n=3&timed=yes&feedback=each&seed=5');
  await page.locator('main h1').filter({ hasText: 'Custom practice' }).waitFor();
  await page.getByRole('button', { name: 'Start practice' }).click();
  await page.locator('#q-heading').waitFor();
  assert.equal(await page.locator('#time-left').innerText(), '15:00', '30 minutes for 6 questions: 15 for 3');
  await answerRight(page);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.locator('.feedback').getByRole('button', { name: 'Next question →' }).click();
  await page.clock.runFor(15 * 60_000);
  await page.locator('main h1').filter({ hasText: 'You got 1 of 3 right' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Time is up: you answered 1 of the 3 questions/);
  assert.match(await page.locator('#announcer').innerText(), /Time is up/);
  const [attempt] = examRecord(await progress(page), 'sample-exam').attempts;
  assert.equal(attempt.mode, 'custom');
  assert.equal(attempt.outcomes.length, 1, 'only the answered question counts');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a progress record of format 2 gets its review schedule at start: home counts the due questions', async () => {
  const t0 = Date.parse('2026-03-02T08:00:00Z');
  const context = await browser.newContext({ viewport: PHONE });
  await context.clock.setFixedTime(t0);
  const page = await newPage(context);
  await page.goto(server.url + bankQuery('exam-bank'));
  await ready(page);
  const hourAgo = t0 - 3_600_000;
  const v2 = { version: 2, settings: { theme: 'system', shuffle_options: true }, exams: { 'sample-exam': {
    attempts: [{ id: 'old', mode: 'quick-check', scope: { scope: 'all' }, started_ms: hourAgo, finished_ms: hourAgo,
      question_count: 2, percent: 50, passed: false, domains: [],
      outcomes: [{ question_id: 'sample-exam-d1-o1-q1', correct: false }, { question_id: 'sample-exam-d1-o1-q2', correct: true }] }],
    active: null, stats: {} } } };
  await page.evaluate((v) => localStorage.setItem('quiz-progress', JSON.stringify(v)), v2);
  await page.reload();
  await ready(page);
  // Both came due within the hour (1 and 10 minutes after their answer).
  await page.locator('.way', { hasText: 'Spaced review' }).filter({ hasText: '2 due' }).waitFor();
  const saved = await progress(page);
  assert.equal(saved.version, 4);
  assert.deepEqual(Object.keys(saved.exams['sample-exam'].schedule).sort(), ['sample-exam-d1-o1-q1', 'sample-exam-d1-o1-q2']);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('export then import progress; reset; a bad file is refused', async () => {
  const { context, page } = await fresh(DESKTOP, { acceptDownloads: true });
  await page.goto(server.url + bankQuery('exam-bank') + '#/quick/domain/sample-exam-d2');
  await page.locator('#q-heading').waitFor();
  for (let i = 0; i < 3; i++) {
    await answerRight(page);
    await page.getByRole('button', { name: 'Check answer' }).click();
    await page.locator('.feedback .btn.primary').click();
  }
  await page.waitForFunction(() => Object.keys(JSON.parse(localStorage.getItem('quiz-progress')).exams['sample-exam'].schedule).length === 3);
  await page.goto(server.url + bankQuery('exam-bank') + '#/progress');
  await ready(page);
  assert.match(await page.locator('table.history').innerText(), /Quick check/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
  assert.match(download.suggestedFilename(), /^quiz-progress-\d{4}-\d{2}-\d{2}\.json$/);
  const file = await download.path();
  const exported = JSON.parse(await fs.readFile(file, 'utf8'));
  assert.equal(exported.exams['sample-exam'].attempts.length, 1);
  const schedule = exported.exams['sample-exam'].schedule;
  assert.equal(Object.keys(schedule).length, 3, 'the review schedule is exported');

  await page.getByRole('button', { name: 'Reset progress…' }).click();
  await page.getByRole('button', { name: 'Yes, delete everything' }).click();
  await page.getByText('No attempts yet.').waitFor();
  assert.equal(examRecord(await progress(page), 'sample-exam'), undefined);

  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByText(/Imported: 1 new attempt added/).waitFor();
  assert.equal(examRecord(await progress(page), 'sample-exam').attempts.length, 1);
  assert.deepEqual(examRecord(await progress(page), 'sample-exam').schedule, schedule, 'and imported as it was');
  assert.match(await page.locator('table.history').innerText(), /Quick check/);

  await page.locator('input[type=file]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await page.getByText(/could not be imported: the saved data is not a progress record/).waitFor();
  assert.equal(examRecord(await progress(page), 'sample-exam').attempts.length, 1);
  await context.close();
});

test('start-up with corrupted localStorage: app opens, old value kept in a backup key', async () => {
  const { context, page } = await fresh();
  await page.goto(server.url + bankQuery('exam-bank'));
  await ready(page);
  await page.evaluate(() => localStorage.setItem('quiz-progress', '{"version": 2, "exams": [broken'));
  await page.reload();
  await ready(page);
  const banner = page.locator('.banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), /could not be used/);
  const storage = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
  const backups = Object.keys(storage).filter((k) => k.startsWith('quiz-progress.backup.'));
  assert.equal(backups.length, 1);
  assert.equal(storage[backups[0]], '{"version": 2, "exams": [broken');
  assert.equal(JSON.parse(storage['quiz-progress']).version, 4, 'a clean record was written');
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  assert.equal(await page.locator('.banner').count(), 0);
  // A newer-version record is also kept aside rather than overwritten.
  await page.evaluate(() => localStorage.setItem('quiz-progress', '{"version": 99}'));
  await page.reload();
  await page.locator('.banner').waitFor();
  assert.match(await page.locator('.banner').innerText(), /newer version/);
  await context.close();
});

test('code splitting: home downloads the shell (and the content check for a bank from elsewhere); each page group arrives once, when first opened', async () => {
  const { context, page } = await fresh(PHONE, { serviceWorkers: 'block' });
  const chunks = [];
  page.on('request', (r) => { if (/\/(split_|chunk_)[^/]*\.wasm$/.test(r.url())) chunks.push(r.url().split('/').pop()); });
  await page.goto(server.url + bankQuery('exam-bank'));
  await ready(page);
  await page.getByRole('button', { name: 'Start full exam' }).waitFor();
  // Home needs no page chunk; a bank from elsewhere (?bank=) gets the content check beside it.
  assert.ok(chunks.some((c) => c.startsWith('split_check.')), `content check fetched: ${chunks}`);
  assert.ok(!chunks.some((c) => /^split_(exam|practice|records)\./.test(c)), `no page chunk for home: ${chunks}`);

  await page.getByRole('link', { name: 'Choose a topic' }).click();
  await ready(page);
  assert.match(await page.locator('main h1').innerText(), /Quick check/);
  assert.ok(chunks.some((c) => c.startsWith('split_practice.')), `quick check chunk fetched: ${chunks}`);
  assert.ok(!chunks.some((c) => /^split_(exam|records)\./.test(c)), `exam and progress code not fetched yet: ${chunks}`);

  // The exam's chunk arrives when an exam starts, and the exam works.
  await page.goto(server.url + bankQuery('exam-bank') + '#/');
  await page.getByRole('button', { name: 'Start full exam' }).click();
  await page.locator('#q-heading').waitFor();
  await answerRight(page);
  assert.equal(await page.locator('.options input:checked').count() > 0, true);
  assert.ok(chunks.some((c) => c.startsWith('split_exam.')), `exam chunk fetched: ${chunks}`);
  assert.equal(chunks.length, new Set(chunks).size, `no chunk fetched twice: ${chunks}`);

  await page.getByRole('link', { name: 'Progress' }).click();
  await ready(page);
  assert.ok(chunks.some((c) => c.startsWith('split_records.')), 'progress code fetched when opened');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the site\'s own bank, checked when it was built, opens a quick check without the content check\'s code; a first visit fetches the code that saves at its first action', async () => {
  const { context, page } = await fresh(PHONE, { serviceWorkers: 'block' });
  const chunks = [];
  page.on('request', (r) => { if (/\/(split_|chunk_)[^/]*\.wasm$/.test(r.url())) chunks.push(r.url().split('/').pop()); });
  await page.goto(server.url + '#/quick/all');
  await page.locator('#q-heading').waitFor();
  await page.waitForTimeout(300);
  assert.ok(chunks.some((c) => c.startsWith('split_practice.')), `quick check chunk fetched: ${chunks}`);
  assert.ok(!chunks.some((c) => /^split_(check|exam|records|storage)\./.test(c)), `only the quick check's code: ${chunks}`);

  // The first answer is saved: the storage code arrives with the first pick.
  await page.locator('.options .opt label').first().click();
  const check = page.getByRole('button', { name: 'Check answer' });
  if (await check.isDisabled()) await page.locator('.options .opt label').nth(1).click();
  await check.click();
  await page.locator('.feedback').waitFor();
  await page.waitForFunction(() => {
    const r = JSON.parse(localStorage.getItem('quiz-progress') || 'null');
    return r && Object.values(r.exams).some((e) => e.attempts.length === 1);
  });
  assert.equal(chunks.filter((c) => c.startsWith('split_storage.')).length, 1, `storage code fetched once: ${chunks}`);

  // A returning visitor: the stored record is read before the pages open (boot.js preloads its
  // reader beside the shell).
  await page.goto(server.url + '#/progress');
  chunks.length = 0;
  await page.reload();
  await ready(page);
  assert.equal(chunks.filter((c) => c.startsWith('split_storage.')).length, 1, `storage code fetched at start, once: ${chunks}`);
  assert.doesNotMatch(await page.locator('main').innerText(), /Nothing answered yet/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

// Waits up to `ms` for `check()` to hold; returns whether it did.
async function within(ms, check) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (check()) return true;
  return check();
}

test('a first visit fetches its first screen before the service worker downloads the rest of the site, and registers it once that screen is complete', async () => {
  // A quick check: its first question's shard comes before the service worker.
  let { context, page } = await fresh();
  let from = server.requests.length;
  await page.goto(server.url + '#/quick/all');
  await page.locator('#q-heading').waitFor();
  // Registered once the screen is complete, not at the 10 s fallback.
  assert.ok(await within(5000, () => server.requests.slice(from).includes('/sw.js')), 'the service worker registered within 5 s of the question');
  const installed = () => page.evaluate(() => Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), 20000))]));
  assert.ok(await installed(), 'the service worker installed');
  let seen = server.requests.slice(from);
  const firstShard = seen.findIndex((p) => /\/bank-[^/]+\/[^/]+\.json$/.test(p) && !p.endsWith('/outline.json'));
  const worker = seen.indexOf('/sw.js');
  assert.ok(firstShard >= 0, `a shard was fetched: ${seen.join(' ')}`);
  assert.ok(worker > firstShard, `the service worker came after the first question's shard (request ${worker} and ${firstShard})`);
  // It still installs, and its install still downloads every file for offline use.
  assert.ok(seen.indexOf('/precache.json') > worker, 'the install fetched the precache list');
  assert.deepEqual(page.errors, []);
  await context.close();

  // Home on a phone: its readiness panel waits below the fold for the visitor to scroll, and
  // the service worker does not wait for it.
  ({ context, page } = await fresh());
  const pageChunks = [];
  page.on('request', (r) => { if (/\/split_[^/]*\.wasm$/.test(r.url())) pageChunks.push(r.url().split('/').pop()); });
  from = server.requests.length;
  await page.goto(server.url);
  await ready(page);
  assert.ok(await within(5000, () => server.requests.slice(from).includes('/sw.js')), 'home registered the service worker within 5 s');
  assert.equal(await page.locator('#app .loading.later').count(), 1, 'the readiness panel is still a placeholder');
  assert.ok(!pageChunks.some((c) => c.startsWith('split_records.')), `the page has not fetched the panel's code: ${pageChunks}`);
  assert.ok(await installed(), 'the service worker installed');
  await context.close();
});

test('offline: after the first visit the app opens with no network', async () => {
  const { context, page } = await fresh();
  await page.goto(server.url);
  await ready(page);
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
    return reg.active.state;
  });
  const keys = await page.evaluate(() => caches.keys());
  assert.ok(keys.some((k) => k.startsWith('quiz-')), 'a build cache exists');
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  assert.ok((await page.locator('main h1').innerText()).length > 3);
  await page.getByRole('link', { name: 'Choose a topic' }).click();
  await ready(page);
  assert.match(await page.locator('main h1').innerText(), /Quick check/);
  assert.equal(await page.locator('.error').count(), 0);
  await context.close();
});

test('prerendered home: the title is in the HTML, in the place and markup the app gives it; other pages and other banks do not show it', async () => {
  // What a browser paints before any script runs.
  const still = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const html = await still.newPage();
  await html.goto(server.url);
  const shape = () => {
    const sig = (el) => [el.tagName, [...el.attributes].map((a) => `${a.name}=${a.value}`).sort().join(' '),
      [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('')];
    const parts = ['a.skip', 'header.top', '#announcer', 'section[aria-labelledby=home-title]'];
    return parts.map((sel) => [...document.querySelector('#app ' + sel).querySelectorAll('*')]
      .concat(document.querySelector('#app ' + sel)).map(sig));
  };
  const box = () => { const r = document.querySelector('#home-title').getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
  const before = { shape: await html.evaluate(shape), box: await html.evaluate(box), title: await html.title() };
  await still.close();
  assert.match(before.shape[3][0][2], /Databricks/, 'the exam title is in the HTML');

  const { context, page } = await fresh();
  await page.goto(server.url);
  await ready(page);
  await page.getByRole('button', { name: 'Start full exam' }).waitFor();
  assert.deepEqual(await page.evaluate(shape), before.shape, 'quiz-author/src/site.rs (prerendered_home) writes what the app renders (app.rs Root, home.rs Home)');
  assert.deepEqual(await page.evaluate(box), before.box, 'the heading does not move when the app takes over');
  assert.equal(await page.title(), before.title);
  // Layout shifts so far (the observer reports buffered ones at once; none reported means none).
  const shifts = await page.evaluate(() => new Promise((done) => {
    new PerformanceObserver((l) => done(l.getEntries().reduce((sum, e) => sum + e.value, 0)))
      .observe({ type: 'layout-shift', buffered: true });
    setTimeout(() => done(0), 500);
  }));
  assert.ok(shifts < 0.01, `no layout shift (${shifts})`);

  // Another page: boot.js keeps the header and the loading line only.
  const other = await newPage(context);
  await other.goto(server.url + '#/progress', { waitUntil: 'domcontentloaded' });
  assert.equal(await other.locator('#home-title').count(), 0, 'boot.js took the home title out');
  await other.locator('main h1', { hasText: 'Progress' }).waitFor();
  assert.deepEqual(await other.locator('nav a[aria-current=page]').allInnerTexts(), ['Progress']);
  // A bank from elsewhere never shows the site's own title.
  await page.goto(server.url + bankQuery('exam-bank'), { waitUntil: 'domcontentloaded' });
  assert.equal(await page.locator('#home-title', { hasText: 'Databricks' }).count(), 0);
  await ready(page);
  assert.match(await page.locator('main h1').innerText(), /Sample Practice Exam/);
  await context.close();
});

test('the real bank: home reads the index and the outline; a quick check fetches only its questions; offline, an unopened topic still opens', async () => {
  const { context, page } = await fresh();
  const pieces = [];
  page.on('request', (r) => { const p = new URL(r.url()).pathname; if (/^\/bank(-[0-9a-f]{10}\/[^/]+)?\.json$/.test(p)) pieces.push(p); });
  await page.goto(server.url);
  await ready(page);
  assert.match(await page.locator('.fineprint').innerText(), /\d{3} questions in the bank/);
  await page.waitForTimeout(300);
  // Once each: the page's head preloads both, and boot.js's fetches take those responses.
  assert.deepEqual(pieces.map((p) => p.replace(/^\/bank-[0-9a-f]{10}\//, '/FOLDER/')).sort(), ['/FOLDER/outline.json', '/bank.json'], `home: ${pieces}`);
  const preloads = await page.locator('link[rel=preload][data-bank]').evaluateAll((links) => links.map((l) => new URL(l.href).pathname));
  assert.deepEqual(preloads.map((p) => p.replace(/^\/bank-[0-9a-f]{10}\//, '/FOLDER/')), ['/bank.json', '/FOLDER/outline.json']);

  pieces.length = 0;
  await page.goto(server.url + '#/quick/objective/sparkml-pipeline');
  await page.locator('#q-heading').waitFor();
  const shards = pieces.filter((p) => /^\/bank-[0-9a-f]{10}\/(?!outline)/.test(p));
  assert.ok(shards.length >= 1 && shards.length <= 3, `the quick check's shards only: ${pieces}`);
  assert.ok(shards.every((s) => /\/sparkml-pipeline-\d+\.json$/.test(s)), `${shards}`);
  assert.notEqual(await page.locator('.stem').innerText(), '…', 'the question has its text');

  // The service worker precached every shard: offline, a topic never opened before opens.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
  await page.waitForFunction(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys.find((k) => k.startsWith('quiz-')));
    return (await cache.keys()).filter((r) => /\/bank-[0-9a-f]{10}\//.test(r.url)).length > 100;
  }, null, { timeout: 20000 });
  await context.setOffline(true);
  await page.goto(server.url + '#/quick/objective/monitoring-alerts');
  await page.locator('#q-heading').waitFor();
  assert.notEqual(await page.locator('.stem').innerText(), '…');
  await page.locator('.options .opt label').first().click();
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.locator('.feedback .sources a').first().waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a shard that cannot be downloaded: a retry message, and Try again opens the questions', async () => {
  const { context, page } = await fresh();
  await page.goto(server.url + bankQuery('exam-bank'));
  await ready(page);
  let blocked = true;
  await context.route(/\/exam-bank-[0-9a-f]{10}\/(?!outline)[^/]+\.json$/, (route) => (blocked ? route.abort() : route.continue()));
  await page.goto(server.url + bankQuery('exam-bank') + '#/quick/domain/sample-exam-d1');
  await page.getByRole('heading', { name: 'These questions could not be opened' }).waitFor();
  assert.match(await page.locator('main').innerText(), /did not download/);
  blocked = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('#q-heading').waitFor();
  assert.match(await page.locator('.stem').innerText(), /Question/);
  await context.close();
});

test('a full exam shows its first question once that question\'s shard is in; the others follow', async () => {
  const { context, page } = await fresh();
  await page.goto(server.url + bankQuery('exam-bank'));
  await ready(page);
  const held = [];
  let first = null;
  await context.route(/\/exam-bank-[0-9a-f]{10}\/(?!outline)[^/]+\.json$/, (route) => {
    if (!first) { first = route.request().url(); route.continue(); } else held.push(route);
  });
  await page.getByRole('button', { name: 'Start full exam' }).click();
  await page.locator('#q-heading').waitFor();
  assert.match(await page.locator('.stem').innerText(), /Question/, 'the first question has its text');
  await page.waitForTimeout(300);
  assert.ok(held.length >= 1, 'the other shards were asked for, and are still on their way');
  // A question whose shard is held says so, then appears once it arrives.
  let waited = false;
  for (let i = 1; i < 6 && !waited; i++) {
    await page.keyboard.press('ArrowRight');
    waited = await page.locator('main .loading').count() > 0;
  }
  assert.ok(waited, 'some question waits for its shard');
  for (const route of held) await route.continue();
  await page.locator('#q-heading').waitFor();
  assert.match(await page.locator('.stem').innerText(), /Question/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('another bank via ?bank=', async () => {
  const { context, page } = await fresh();
  await page.goto(server.url + bankQuery('other-bank'));
  await ready(page);
  assert.match(await page.locator('main h1').innerText(), /Other Certification Exam/);
  assert.match(await page.locator('.lead').innerText(), /3 questions · 15 minutes · pass mark 60%/);
  const table = await page.locator('table').innerText();
  assert.match(table, /Other Domain One/);
  assert.match(table, /60%/);
  assert.equal(await page.title(), 'Other Certification Exam');
  // A missing bank shows an error instead of a blank page.
  await page.goto(server.url + '?bank=/fixtures/missing.json');
  await ready(page);
  assert.match(await page.locator('main').innerText(), /could not be loaded: HTTP 404/);
  // A bank that breaks a content rule (two correct answers to a single-answer question) is
  // refused by the check that arrives beside it, with the rule's message.
  await page.goto(server.url + '?bank=/fixtures/invalid-bank.json');
  await page.getByRole('heading', { name: 'The exam could not be opened' }).waitFor();
  assert.match(await page.locator('main').innerText(), /the question bank is invalid: .*tiny-exam-d1-o1-q1/);
  assert.match(await page.locator('main').innerText(), /invalid-bank\.json/);
  await context.close();
});

test('a bank from another origin: "Questions from …" on every page, and its progress apart from the own bank with the same exam id', async () => {
  // The same fixture bank (exam id sample-exam) on a second origin, with CORS as a host would send.
  const elsewhere = await serve({ root: await fixtureBanks(), headers: { 'Access-Control-Allow-Origin': '*' } });
  const foreign = server.url + '?bank=' + encodeURIComponent(elsewhere.url + 'exam-bank.json');
  const label = `Questions from ${new URL(elsewhere.origin).host}`;
  const { context, page } = await fresh({ width: 360, height: 740 }, { colorScheme: 'dark' });
  try {
    // An attempt on the own bank first: the record as it is kept today, under the exam id.
    await page.goto(server.url + bankQuery('exam-bank') + '#/quick/domain/sample-exam-d2');
    await page.locator('#q-heading').waitFor();
    assert.equal(await page.locator('#source').isVisible(), false, 'no source label for the own bank');
    await answerRight(page);
    await page.getByRole('button', { name: 'Check answer' }).click();
    await page.locator('.feedback').waitFor();
    // The answer is recorded, then the review schedule replayed in a chunk of its own (which
    // arrives later while the service worker's install is downloading the site): the record is
    // whole once both are in.
    await page.waitForFunction(() => {
      const own = JSON.parse(localStorage.getItem('quiz-progress') || 'null')?.exams?.['sample-exam'];
      return own?.attempts.length === 1 && Object.keys(own.schedule || {}).length > 0;
    }, null, { timeout: 15000 });
    const ownBefore = examRecord(await progress(page), 'sample-exam');
    assert.equal(ownBefore.attempts.length, 1);

    // A quick check on the bank from elsewhere that declares the same exam id.
    await page.goto(foreign + '#/quick/domain/sample-exam-d1');
    await page.locator('#q-heading').waitFor();
    for (let i = 0; i < 3; i++) {
      await answerWrong(page);
      await page.getByRole('button', { name: 'Check answer' }).click();
      await page.locator('.feedback button').click();
    }
    const record = await progress(page);
    assert.deepEqual(record.exams['sample-exam'], ownBefore, 'the own exam\'s progress is untouched');
    const theirs = record.exams[`${elsewhere.origin}/sample-exam`];
    assert.equal(theirs.attempts.length, 1, 'the foreign attempt is kept under its origin');
    assert.ok(theirs.attempts[0].outcomes.every((o) => !o.correct));

    // The label on every page (visible, accessible, no sideways scroll at 360 px in dark mode).
    for (const hash of ['#/', '#/quick', '#/progress', '#/settings']) {
      await page.goto(foreign + hash);
      await ready(page);
      const source = page.locator('#source');
      await source.waitFor({ state: 'visible' });
      assert.equal(await source.innerText(), label, hash);
      assert.equal(await overflowsX(page), false, `${hash}: no sideways scroll`);
      assert.deepEqual(await axe(page), [], `${hash}: axe`);
    }
    await shot(page, 'foreign-bank-label-360-dark');

    // The own bank's progress page shows only its own attempt.
    await page.goto(server.url + bankQuery('exam-bank') + '#/progress');
    await ready(page);
    assert.equal(await page.locator('#source').isVisible(), false);
    assert.equal(await page.locator('table.history tbody tr').count(), 1);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
    await elsewhere.close();
  }
});

test('served from a sub-path', async () => {
  const sub = await siteServer('/my-site/quiz/');
  const { context, page } = await fresh();
  try {
    await page.goto(sub.url);
    await ready(page);
    assert.ok(sub.requests.includes('/my-site/quiz/bank.json'), 'bank.json fetched beside index.html');
    assert.ok(sub.requests.includes('/my-site/quiz/quiz_web_bg.wasm'));
    await page.getByRole('link', { name: 'Progress', exact: true }).click();
    await ready(page);
    assert.equal(new URL(page.url()).pathname, '/my-site/quiz/');
    assert.equal(new URL(page.url()).hash, '#/progress');
    await page.goBack();
    await ready(page);
    assert.equal(await page.locator('#home-title').count(), 1);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
    await sub.close();
  }
});

// Every screen at phone and desktop sizes, light and dark: screenshots, axe, no sideways scroll.
for (const scheme of ['light', 'dark']) {
  for (const [name, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    test(`screens (${name}, ${scheme}): axe finds nothing serious, no horizontal scroll`, async () => {
      const { context, page } = await fresh(viewport, { colorScheme: scheme });
      const problems = [];
      const visit = async (screen) => {
        await page.waitForTimeout(150);
        await shot(page, `${screen}-${name}-${scheme}`);
        const v = await axe(page);
        if (v.length) problems.push({ screen, v });
        if (await overflowsX(page)) problems.push({ screen, overflow: true });
      };
      await page.goto(server.url);
      await ready(page);
      await visit('home');
      await page.getByRole('button', { name: 'Start full exam' }).click();
      await page.locator('#q-heading').waitFor();
      await page.locator('.options .opt label').first().click();
      await page.keyboard.press('f');
      await page.keyboard.press('ArrowRight');
      await visit('exam');
      await page.getByRole('button', { name: 'Submit exam…' }).click();
      await page.getByRole('dialog').waitFor();
      await visit('exam-submit');
      await page.getByRole('button', { name: 'Submit now' }).click();
      await page.locator('.result-head').waitFor();
      await page.locator('.review-item > summary').first().click();
      await visit('results');
      await page.goto(server.url + '#/quick');
      await ready(page);
      await visit('quick-picker');
      await page.locator('.sections a').first().click();
      await page.locator('#q-heading').waitFor();
      await page.locator('.options .opt label').first().click();
      await page.getByRole('button', { name: 'Check answer' }).click();
      await page.locator('.feedback').waitFor();
      await visit('quick-feedback');
      await page.goto(server.url + '#/progress');
      await ready(page);
      await visit('progress');
      await page.goto(server.url + '#/settings');
      await ready(page);
      await visit('settings');
      await page.goto(server.url + '#/review');
      await page.locator('main h1').waitFor();
      await visit('review');
      // The custom-practice builder with a domain chosen (one section open), then its practice
      // with feedback after each answer, timed.
      await page.goto(server.url + '#/custom');
      await ready(page);
      await page.locator('.topic-domain .topic input').first().check();
      await page.locator('.topics details summary').first().click();
      await page.getByLabel(/^Timed/).check();
      await visit('custom');
      await page.getByRole('button', { name: 'Start practice' }).click();
      await page.locator('#q-heading').waitFor();
      await visit('custom-practice');
      if (name === 'phone') {
        await page.setViewportSize({ width: 360, height: 740 });
        for (const hash of ['#/', '#/progress', '#/quick', '#/custom']) {
          await page.goto(server.url + hash);
          await ready(page);
          if (await overflowsX(page)) problems.push({ screen: hash + ' at 360', overflow: true });
        }
      }
      assert.deepEqual(problems, []);
      assert.deepEqual(page.errors, []);
      await context.close();
    });
  }
}

test('storage full: a warning banner, and the exam goes on in memory', async () => {
  const { context, page } = await fresh();
  await page.goto(server.url + bankQuery('exam-bank'));
  await ready(page);
  await page.evaluate(() => {
    Storage.prototype.setItem = function () { throw new DOMException('quota', 'QuotaExceededError'); };
  });
  await page.getByRole('button', { name: 'Start full exam' }).click();
  await page.locator('#q-heading').waitFor();
  await page.locator('.banner').waitFor();
  assert.match(await page.locator('.banner').innerText(), /Storage is full/);
  await answerRight(page);
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('.nav-q.answered').count(), 1, 'answers still count');
  assert.equal(examRecord(await progress(page), 'sample-exam')?.active ?? null, null, 'nothing was written');
  assert.equal(await page.locator('.banner').count(), 1, 'the warning is shown once');
  await context.close();
});

test('settings: theme and shuffle are saved in the progress record and applied', async () => {
  const { context, page } = await fresh();
  await page.goto(server.url + bankQuery('exam-bank') + '#/settings');
  await ready(page);
  await page.getByLabel('Dark').check();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.getByLabel(/Shuffle the order/).uncheck();
  let rec = await progress(page);
  assert.equal(rec.settings.theme, 'dark');
  assert.equal(rec.settings.shuffle_options, false);
  await page.reload();
  await ready(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await page.getByLabel('Dark').isChecked(), true);
  assert.equal(await page.getByLabel(/Shuffle the order/).isChecked(), false);
  // With shuffling off, options keep their authored order (Alpha first).
  await page.goto(server.url + bankQuery('exam-bank') + '#/');
  await ready(page);
  await page.getByRole('button', { name: 'Start full exam' }).click();
  await page.locator('#q-heading').waitFor();
  assert.match(await page.locator('.options .opt label').first().innerText(), /Alpha/);
  await page.goto(server.url + bankQuery('exam-bank') + '#/settings');
  await ready(page);
  await page.getByLabel('Same as my device').check();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined);
  rec = await progress(page);
  assert.equal(rec.settings.theme, 'system');
  await context.close();
});

test('drill: missed questions come first, with feedback', async () => {
  const { context, page } = await fresh();
  await page.goto(server.url + bankQuery('exam-bank') + '#/quick/objective/sample-exam-d3-o1');
  await page.locator('#q-heading').waitFor();
  await answerWrong(page);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.locator('.feedback').waitFor();
  const missed = (await progress(page)).exams['sample-exam'].attempts[0].outcomes[0].question_id;
  await page.goto(server.url + bankQuery('exam-bank') + '#/');
  await ready(page);
  await page.getByRole('button', { name: 'Start drill' }).click();
  await page.locator('#q-heading').waitFor();
  assert.match(await page.locator('.exam-title').innerText(), /Drill/);
  assert.match(await page.locator('#q-heading').innerText(), /Question 1 of 10/);
  assert.ok((await page.locator('.stem').innerText()).includes(missed), 'the missed question is first');
  await answerRight(page);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.locator('.feedback.ok').waitFor();
  const drill = (await progress(page)).exams['sample-exam'].attempts.find((a) => a.mode === 'drill');
  assert.equal(drill.outcomes.length, 1);
  assert.equal(drill.outcomes[0].question_id, missed);
  await context.close();
});
