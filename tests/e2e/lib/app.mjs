// Helpers that know the study app's screens.
import { serve } from './server.mjs';
import { SITE_DIR, fixtureBanks } from './browser.mjs';

/** Serves the built site (at `base`) and the fixture banks at /fixtures/. */
export async function siteServer(base = '/') {
  const server = await serve({ root: SITE_DIR, base });
  server.mount('/fixtures/', await fixtureBanks());
  return server;
}

export const bankQuery = (name) => `?bank=/fixtures/${name}.json`;

/** Waits until the app shows a screen (its h1), not the loading text. */
export async function ready(page) {
  await page.locator('main h1').first().waitFor({ state: 'visible', timeout: 15000 });
  // The site's own home page is in index.html (quiz-author finish-site, quiz-author/src/site.rs) with a loading line
  // under its heading, which goes when the app takes the page's place.
  await page.locator('main > p.loading').first().waitFor({ state: 'detached', timeout: 15000 });
}

/** Clicks the option whose text contains `text` on the current question. */
export async function choose(page, text) {
  await page.locator('.options .opt label', { hasText: text }).first().click();
}

/** Answers the current question correctly (fixture banks: right options are Alpha, and Gamma on multiples). */
export async function answerRight(page) {
  await choose(page, 'Alpha choice');
  const legend = await page.locator('.options legend').innerText();
  if (/Choose 2/.test(legend)) await choose(page, 'Gamma choice, also right');
}

export async function answerWrong(page) {
  await choose(page, 'Beta choice');
}

export async function currentIndex(page) {
  const h = await page.locator('#q-heading').innerText();
  return Number(/Question (\d+) of/.exec(h)[1]) - 1;
}
