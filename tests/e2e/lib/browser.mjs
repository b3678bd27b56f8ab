// Browser helpers for the e2e suites: launch Debian's chromium through playwright-core,
// collect console errors, run axe-core, and take screenshots.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
export const TESTS_DIR = path.resolve(here, '..', '..');
export const REPO_DIR = path.resolve(TESTS_DIR, '..');
export const ARTIFACTS = path.join(TESTS_DIR, 'artifacts');
export const SITE_DIR = path.resolve(REPO_DIR, process.env.SITE_DIR || 'dist');
/** The test banks, each one JSON object (blueprint, notes, questions with HTML fields). */
export const FIXTURES = path.join(TESTS_DIR, 'fixtures');

/**
 * Writes `bank` (a path to a whole test bank, or the bank as an object) as the browser loads
 * banks: the index at `out` and its shards beside it, split by quiz-author itself (its hidden
 * `split-bundle` command, which neither validates nor renders, so hostile banks stay hostile).
 */
export function splitBank(bank, out) {
  const args = ['run', '-q', '--release', '-p', 'quiz-author', '--', 'split-bundle', typeof bank === 'string' ? bank : '-', '--out', out];
  execFileSync('cargo', args, { cwd: REPO_DIR, input: typeof bank === 'string' ? '' : JSON.stringify(bank), stdio: ['pipe', 'ignore', 'inherit'] });
}

let splitFixtures;
/** A folder with every fixture bank split for the browser (`NAME.json` and its shards), made once. */
export function fixtureBanks() {
  splitFixtures ||= (async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'quiz-fixtures-'));
    for (const name of await fs.readdir(FIXTURES)) {
      if (name.endsWith('.json')) splitBank(path.join(FIXTURES, name), path.join(dir, name));
    }
    return dir;
  })();
  return splitFixtures;
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A new page whose console errors and page errors are collected in `page.errors`. */
export async function newPage(context) {
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

/** Runs axe-core in the page; returns violations of impact serious or critical. */
export async function axe(page) {
  const source = await fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

export async function shot(page, name) {
  await fs.mkdir(ARTIFACTS, { recursive: true });
  // The whole page, cut at 5000 px: grow the viewport rather than use fullPage, which hangs on
  // very tall pages (a 59-question review).
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.min(height, 5000)) });
  await page.screenshot({ path: path.join(ARTIFACTS, name + '.png') });
  await page.setViewportSize(viewport);
}

/** Whether the page scrolls sideways (content wider than the viewport). */
export async function overflowsX(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

export async function progress(page) {
  await saved(page);
  return page.evaluate(() => JSON.parse(localStorage.getItem('quiz-progress') || 'null'));
}

/** Waits until the study app has saved what was just done: it saves answers and checks after
 * the frame that shows them (an animation frame, then a task), so wait for the same point. */
export async function saved(page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
}
