// The embed as its npm package: `scripts/package.sh npm` packs the embed and the bank of the
// built site in SITE_DIR, the tarball is installed into an empty project, and the installed
// package folder is served as a CDN would (http://127.0.0.1:A, CORS headers) to a blog page on
// another origin (http://localhost:B) that pastes the README's two-line snippet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serve } from './lib/server.mjs';
import { launch, newPage, shot, SITE_DIR, REPO_DIR, PHONE } from './lib/browser.mjs';

const CDN = /https:\/\/cdn\.jsdelivr\.net\/npm\/([^/@"]+)@([^/"]+)\//g;
let browser, cdn, blog, work, installed, manifest, tarball;

/** The workspace's version, the one place versions are written (Cargo.toml [workspace.package]). */
async function cargoVersion() {
  const toml = await fs.readFile(path.join(REPO_DIR, 'Cargo.toml'), 'utf8');
  const section = toml.split(/^\[/m).find((s) => s.startsWith('workspace.package]'));
  return section.match(/^version\s*=\s*"([^"]+)"/m)[1];
}

before(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'npm-package-'));
  execFileSync(path.join(REPO_DIR, 'scripts/package.sh'), ['--site', SITE_DIR, '--out', path.join(work, 'packages'), 'npm'],
    { stdio: ['ignore', 'inherit', 'inherit'] });
  const tgz = (await fs.readdir(path.join(work, 'packages'))).filter((f) => f.endsWith('.tgz'));
  assert.equal(tgz.length, 1, `one tarball: ${tgz}`);
  tarball = path.join(work, 'packages', tgz[0]);
  // An empty project that installs the tarball (it has no dependencies: offline is enough).
  const project = path.join(work, 'blog');
  await fs.mkdir(project);
  await fs.writeFile(path.join(project, 'package.json'), '{ "name": "blog", "private": true }\n');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
    { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] });
  const modules = path.join(project, 'node_modules');
  const [name] = (await fs.readdir(modules)).filter((n) => !n.startsWith('.'));
  installed = path.join(modules, name);
  manifest = JSON.parse(await fs.readFile(path.join(installed, 'package.json'), 'utf8'));
  cdn = await serve({ root: installed, headers: { 'Access-Control-Allow-Origin': '*' } });
  const pages = path.join(work, 'pages');
  await fs.mkdir(pages);
  blog = await serve({ root: pages });
  blog.dir = pages;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await cdn?.close();
  await blog?.close();
  if (work) await fs.rm(work, { recursive: true, force: true });
});

test('the package: its version is the workspace\'s, MIT, the embed with its wasm, glue and CSS, and the bank with its shards', async (t) => {
  assert.equal(manifest.version, await cargoVersion());
  assert.equal(path.basename(tarball), `${manifest.name}-${manifest.version}.tgz`);
  assert.equal(manifest.license, 'MIT');
  const files = await fs.readdir(installed);
  for (const f of ['quiz-embed.js', 'quiz_embed.js', 'quiz_embed_bg.wasm', 'quiz-embed.css', 'quiz_embed_progress.js',
    'quiz_embed_progress_bg.wasm', 'bank.json', 'README.md', 'package.json']) {
    assert.ok(files.includes(f), `${f} is in the package`);
  }
  const index = JSON.parse(await fs.readFile(path.join(installed, 'bank.json'), 'utf8'));
  const shards = await fs.readdir(path.join(installed, index.folder));
  assert.ok(shards.includes('outline.json'), 'the bank\'s outline is in the package');
  const expected = index.objectives.reduce((n, o) => n + o.shards.length, 0);
  assert.equal(shards.length, expected + 1, 'every shard of the bank is in the package');
  assert.deepEqual(files.filter((f) => f.startsWith('bank-')), [index.folder], 'only the index\'s own shard folder');
  // Byte for byte what the site serves.
  for (const f of ['quiz-embed.js', 'quiz_embed_bg.wasm', 'bank.json']) {
    assert.ok((await fs.readFile(path.join(installed, f))).equals(await fs.readFile(path.join(SITE_DIR, f))), f);
  }
  // The README's snippet is the CDN form of this very package and version.
  const readme = await fs.readFile(path.join(installed, 'README.md'), 'utf8');
  const urls = [...readme.matchAll(CDN)].map((m) => `${m[1]}@${m[2]}`);
  assert.ok(urls.length >= 2, 'the README has CDN URLs');
  assert.deepEqual([...new Set(urls)], [`${manifest.name}@${manifest.version}`]);
  assert.match(readme, new RegExp(`src="https://cdn.jsdelivr.net/npm/${manifest.name}@${manifest.version}/quiz-embed.js"`));
  assert.match(readme, new RegExp(`data-bank="https://cdn.jsdelivr.net/npm/${manifest.name}@${manifest.version}/bank.json"`));
  // The project's docs show the CDN form of the package as it is now.
  for (const doc of ['README.md', 'docs/embed.md']) {
    const text = await fs.readFile(path.join(REPO_DIR, doc), 'utf8');
    const named = [...new Set([...text.matchAll(CDN)].map((m) => `${m[1]}@${m[2]}`))];
    assert.deepEqual(named, [`${manifest.name}@${manifest.version}`], `${doc}'s CDN URLs`);
  }
  t.diagnostic(`${path.basename(tarball)}: ${(await fs.stat(tarball)).size} bytes`);
});

test('a page on another origin pasting the README\'s snippet (the CDN served locally) shows a quiz that checks answers', async () => {
  const readme = await fs.readFile(path.join(installed, 'README.md'), 'utf8');
  const snippet = readme.match(/```html\n([\s\S]*?)```/)[1].replaceAll(CDN, `${cdn.origin}/`);
  assert.match(snippet, /<div data-quiz [^>]*data-objective="[a-z0-9-]+"/);
  await fs.writeFile(path.join(blog.dir, 'post.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>A post</title><link rel="icon" href="data:,"></head><body><main><h1>A post</h1><p>Some text.</p>
${snippet.replace('<div data-quiz ', '<div id="quiz" data-seed="7" data-quiz ')}</main></body></html>`);
  const context = await browser.newContext({ viewport: PHONE });
  const p = await newPage(context);
  const url = `http://localhost:${blog.port}/post.html`;
  await p.goto(url);
  assert.notEqual(new URL(url).origin, cdn.origin, 'the page and the package are on different origins');
  const w = p.locator('#quiz');
  await w.locator('.q').waitFor({ state: 'visible', timeout: 15000 });
  assert.equal(await w.locator('.ct').innerText(), 'QUESTION 1 OF 3');
  assert.ok((await w.locator('.stem').innerText()).length > 20, 'the question\'s stem is shown');
  const picks = (await w.locator('.hint').count()) ? 2 : 1;
  for (let i = 0; i < picks; i++) await w.locator('label.opt').nth(i).click();
  await w.locator('[data-act="check"]').click();
  await w.locator('.fb').waitFor({ state: 'visible' });
  assert.match(await w.locator('.fb').innerText(), /^(Correct|Incorrect)\./);
  assert.ok(await w.locator('.why').count() >= 2, 'reasons are shown after checking');
  // Everything came from the package's origin: the loader, the wasm and the bank's pieces.
  for (const f of ['/quiz-embed.js', '/quiz_embed_bg.wasm', '/quiz-embed.css', '/bank.json']) {
    assert.ok(cdn.requests.includes(f), `${f} was fetched from the package`);
  }
  assert.ok(cdn.requests.some((r) => /^\/bank-[0-9a-f]+\/.+\.json$/.test(r)), 'a shard was fetched');
  assert.deepEqual(p.errors, []);
  await shot(p, 'npm-package-embed-390');
  await context.close();
});
