// The size budgets as scripts/size-budget.sh declares them, so that the browser tests check the
// same files against the same figures and a budget is written in one place only.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// No browser needed: this module does not import browser.mjs.
const here = path.dirname(fileURLToPath(import.meta.url));
export const BUDGET_SCRIPT = path.resolve(here, '..', '..', '..', 'scripts', 'size-budget.sh');

/**
 * The budget (KB gzip) and files of one group of scripts/size-budget.sh, by the name of its file
 * list (`EMBED`, `EMBED_PROGRESS`): the list is `NAME=(file ...)` and the check is
 * `group "title" KB "${NAME[@]}"` (KB may be `"${VAR:-KB}"`; the default is the budget).
 */
export async function sizeBudget(name, script = BUDGET_SCRIPT) {
  const text = await fs.readFile(script, 'utf8');
  const list = text.match(new RegExp(`^${name}=\\(([^)]*)\\)`, 'm'));
  const check = text.match(
    new RegExp(`^group "[^"]*" (?:(\\d+)|"\\$\\{\\w+:-(\\d+)\\}") "\\$\\{${name}\\[@\\]\\}"`, 'm'));
  if (!list || !check) {
    throw new Error(`${script} no longer declares ${name}=(...) and its group line; update tests/e2e/lib/budget.mjs`);
  }
  return { kb: Number(check[1] ?? check[2]), files: list[1].trim().split(/\s+/) };
}
