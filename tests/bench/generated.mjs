// Synthetic banks for the benchmarks (scripts/gen-bank.py): bundled on their own, or as the
// bank of a copy of the site, as if the site had been built with them (no ?bank=, so the app
// treats it as its own bank, exactly as it does the shipped one; `quiz-author finish-site` then
// writes what depends on the bank, as scripts/build-web.sh does).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO_DIR, SITE_DIR } from '../e2e/lib/browser.mjs';

/** Bundles a generated bank of `n` questions to `DIR/bank-N.json` (and its folder). */
export function bundleGenerated(dir, n) {
  const content = path.join(dir, `content-${n}`);
  const out = path.join(dir, `bank-${n}.json`);
  execFileSync('python3', [path.join(REPO_DIR, 'scripts/gen-bank.py'), String(n), content]);
  execFileSync('cargo', ['run', '-q', '--release', '-p', 'quiz-author', '--', 'bundle', content, '--out', out],
    { cwd: REPO_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

/** A copy of the built site in `DIR/site-N/` whose own bank is a generated one of `n` questions. */
export function siteWithGeneratedBank(dir, n) {
  const site = path.join(dir, `site-${n}`);
  fs.cpSync(SITE_DIR, site, { recursive: true });
  for (const name of fs.readdirSync(site)) {
    if (name === 'bank.json' || /^bank-[0-9a-f]+$/.test(name)) fs.rmSync(path.join(site, name), { recursive: true });
  }
  const content = path.join(dir, `site-content-${n}`);
  execFileSync('python3', [path.join(REPO_DIR, 'scripts/gen-bank.py'), String(n), content]);
  execFileSync('cargo', ['run', '-q', '--release', '-p', 'quiz-author', '--', 'bundle', content, '--out', path.join(site, 'bank.json')],
    { cwd: REPO_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
  // What a build with this bank writes into the site: the prerendered home's figures, the
  // preloads of this bank's index and outline (the copied index.html named the shipped bank's
  // outline, a request that failed while this one's waited for boot.js), the precache list.
  execFileSync('cargo', ['run', '-q', '--release', '-p', 'quiz-author', '--', 'finish-site', site],
    { cwd: REPO_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
  return site;
}
