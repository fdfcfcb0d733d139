// Drives code-server (already serving at OSS_E2E_URL with the oss extension installed) in
// Debian's headless Chromium through playwright-core, as a student would use it, and checks
// what is on the screen. Every wait is bounded; a screenshot is kept at each step.
// Closes with "vscode-e2e: N passed, N failed"; exit 1 if any failed.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const base = process.env.OSS_E2E_URL;
const examples = process.env.OSS_E2E_EXAMPLES;
const art = process.env.OSS_E2E_ARTIFACTS;
const WAIT = Number(process.env.OSS_E2E_WAIT_MS || 60000);
const t0 = Date.now();
const log = (...a) => console.log(`[vscode-e2e ${String(Date.now() - t0).padStart(6)} ms]`, ...a);
const results = [];
const check = (name, ok, detail) => {
  results.push({ name, ok, detail });
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}     ${name.padEnd(18)} ${detail}`);
};
let shot = 0;
const screenshot = async (page, name) => {
  const file = path.join(art, `${String(++shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file }).catch((e) => log('screenshot failed', e.message));
  log('screenshot', file);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Polls fn until it returns a truthy value or ms pass; returns the last value. */
async function until(fn, ms = WAIT, every = 500) {
  const end = Date.now() + ms;
  let v;
  do {
    try { v = await fn(); } catch (e) { v = undefined; }
    if (v) return v;
    await sleep(every);
  } while (Date.now() < end);
  return v;
}

const browser = await chromium.launch({
  executablePath: process.env.OSS_E2E_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
  timeout: 60000,
});
const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
const page = await context.newPage();
page.setDefaultTimeout(WAIT);
const browserErrors = [];
page.on('pageerror', (e) => browserErrors.push(e.message));

async function command(title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 15000 });
  await page.keyboard.press('Enter');
}

async function openFile(name) {
  await page.keyboard.press('Escape');
  const open = page.locator('.tabs-container .tab', { hasText: name }).first();
  if (await open.count()) {
    await open.click();
    await page.locator(`.tab.active:has-text("${name}")`).first().waitFor({ timeout: 15000 });
    return;
  }
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label*="${name}"], .tab.active:has-text("${name}")`).first().waitFor({ timeout: 15000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 15000 });
}

/** The status bar's problems item: its accessible label, e.g. "No Problems" / "2 Warnings". */
async function problemsLabel() {
  const item = page.locator('[id="status.problems"]').first();
  const label = (await item.getAttribute('aria-label').catch(() => null))
    || (await item.locator('a, .statusbar-item-label').first().getAttribute('aria-label').catch(() => null))
    || '';
  return { label, text: (await item.innerText().catch(() => '')).replace(/\s+/g, ' ').trim() };
}
function counts({ label, text }) {
  if (/no problems/i.test(label)) return { errors: 0, warnings: 0, infos: 0 };
  const n = (re) => { const m = label.match(re); return m ? +m[1] : 0; };
  if (/errors?|warnings?|infos?/i.test(label)) {
    return { errors: n(/errors?:?\s*(\d+)/i), warnings: n(/warnings?:?\s*(\d+)/i), infos: n(/infos?:?\s*(\d+)/i) };
  }
  const m = text.match(/(\d+)\D+(\d+)/); // icons, then the two numbers
  return m ? { errors: +m[1], warnings: +m[2] } : undefined;
}

try {
  // 1. VS Code opens the repository's examples folder.
  await page.goto(`${base}/?folder=${encodeURIComponent(examples)}`, { waitUntil: 'domcontentloaded', timeout: 60000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: WAIT });
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: WAIT }).catch(() => {});
  log('workbench up');
  await screenshot(page, 'workbench');

  // 2. fork-cow.oss: coloured, no problems once the server (deep tier included) has judged it.
  await openFile('fork-cow.oss');
  const lang = await until(async () => (await page.locator('[id="status.editor.mode"]').innerText()).trim(), 15000);
  check('language', /oss/i.test(lang || ''), `status bar language of fork-cow.oss: ${JSON.stringify(lang)}`);
  const tokenClasses = await until(async () => {
    const cls = await page.locator('.view-line span span').evaluateAll((els) => [...new Set(els.map((e) => e.className))]);
    return cls.length >= 4 ? cls : undefined;
  }, 20000);
  check('colour', (tokenClasses || []).length >= 4,
    `distinct token classes on screen: ${(tokenClasses || []).length} (the TextMate grammar colours keywords, numbers, comments, strings)`);

  // 3. the code lens "▶ Run" above the scenario: it comes from the language server, so the server runs.
  const lens = await until(async () => {
    const t = await page.locator('.codelens-decoration').allInnerTexts();
    // "▶ Run" above the scenario, and a verdict on each of the 4 expect lines once the deep tier judged
    return t.some((x) => /Run/.test(x)) && t.filter((x) => /holds/.test(x)).length >= 4 ? t : undefined;
  }, WAIT);
  check('codelens', !!lens, `code lenses: ${JSON.stringify((lens || []).map((s) => s.replace(/\s+/g, ' ')).slice(0, 6))}`);
  await screenshot(page, 'fork-cow-lenses');

  // 4. Problems: fork-cow holds all its expectations, so none (asked until the deep tier had time).
  await sleep(1000); // the verdicts are in: the deep tier has published
  const fc = await problemsLabel();
  const fcCounts = counts(fc);
  check('problems-clean', !!fcCounts && fcCounts.errors === 0 && fcCounts.warnings === 0,
    `fork-cow.oss: status bar ${JSON.stringify(fc.label || fc.text)}`);

  // 5. hover on `write x[0]` (the child's copy-on-write): the page walk from the run.
  const line = page.locator('.view-line', { hasText: 'write x[0]' }).first();
  const word = line.locator('span span', { hasText: /^write$/ }).first();
  let hoverText = '';
  await until(async () => {
    await page.mouse.move(5, 5);
    await sleep(300);
    await word.hover({ timeout: 5000 });
    const h = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-resizable-hover .monaco-hover-content').first();
    await h.waitFor({ state: 'visible', timeout: 5000 });
    hoverText = (await h.innerText()).replace(/[ \t]+/g, ' ');
    return /page walk/i.test(hoverText);
  }, WAIT, 1000);
  await screenshot(page, 'fork-cow-hover');
  const va = hoverText.match(/0x7fff[0-9a-f]+/)?.[0];
  check('hover', /copy-on-write/i.test(hoverText) && /page walk/i.test(hoverText) && !!va && /cow/i.test(hoverText),
    `hover on \`write x[0]\`: ${hoverText.length} chars; virtual address ${va}; ${JSON.stringify(hoverText.split('\n').filter((s) => /page walk|PML4|physical|fault/i.test(s)).slice(0, 4))}`);
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');

  // 6. a scenario with problems: segfault.oss (its warnings show in the status bar and the Problems panel).
  await openFile('segfault.oss');
  // Expected: the two static warnings `oss check` gives (OSS1303 write to a read-only mapping,
  // OSS1302 an access past the VMA), no error, and the run's two SIGSEGVs as infos (OSS2301,
  // from the deep tier). Asked until they are all there (the deep tier publishes last).
  const want = { errors: 0, warnings: 2, infos: 2 };
  const same = (c) => c && c.errors === want.errors && c.warnings === want.warnings && c.infos === want.infos;
  const sf = await until(async () => {
    const c = counts(await problemsLabel());
    return same(c) ? c : undefined;
  }, WAIT);
  await sleep(1000); // and nothing else arrives after them
  const sfNow = await problemsLabel();
  const sfCounts = counts(sfNow);
  await page.keyboard.press('Control+Shift+M');
  const rows = await until(async () => {
    const r = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
    return r.length ? r : undefined;
  }, 15000);
  await screenshot(page, 'segfault-problems');
  const panelText = (rows || []).join('\n');
  check('problems', !!sf && same(sfCounts) && /OSS1303/.test(panelText) && /OSS1302/.test(panelText) && /OSS2301/.test(panelText),
    `segfault.oss: status bar ${JSON.stringify(sfNow.label || sfNow.text)} (want ${JSON.stringify(want)}); Problems panel rows: ${JSON.stringify((rows || []).map((s) => s.replace(/\s+/g, ' ')).slice(0, 4))}`);
  await page.keyboard.press('Control+Shift+M');

  // 6b. shared data in lost-update.oss (after 6: its expected race adds an info to the status
  // bar's counts): `int` coloured apart from the name, and a hover on the declaration says what
  // the variable is and its value when the run ended.
  await openFile('lost-update.oss');
  const decl = page.locator('.view-line', { hasText: 'int count' }).first();
  const classes = await until(async () => {
    const intCls = await decl.locator('span span', { hasText: /^int$/ }).first().getAttribute('class').catch(() => null);
    const nameCls = await decl.locator('span span', { hasText: /^count$/ }).first().getAttribute('class').catch(() => null);
    return intCls && nameCls ? { intCls, nameCls } : undefined;
  }, 20000);
  const countWord = decl.locator('span span', { hasText: /^count$/ }).first();
  let dataHover = '';
  await until(async () => {
    await page.mouse.move(5, 5);
    await sleep(300);
    await countWord.hover({ timeout: 5000 });
    const h = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-resizable-hover .monaco-hover-content').first();
    await h.waitFor({ state: 'visible', timeout: 5000 });
    dataHover = (await h.innerText()).replace(/[ \t]+/g, ' ');
    return /when the run ended/.test(dataHover);
  }, WAIT, 1000);
  await screenshot(page, 'lost-update-hover');
  check('data-hover', !!classes && classes.intCls !== classes.nameCls && /shared by every task/.test(dataHover)
      && /when the run ended: count = \d/.test(dataHover),
    `\`int\` class ${JSON.stringify(classes?.intCls)} vs \`count\` ${JSON.stringify(classes?.nameCls)}; hover on count: ${JSON.stringify(dataHover.split('\n').filter((l) => /read|ended|schedule/.test(l)).slice(0, 4))}`);
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');

  // 6c. a pipe: the hover on `write p.write 96 KiB` in pipe-producer-consumer.oss tells the fill
  // level the run saw. Worked by hand: the buffer is 64 KiB (pipe(7)) and the consumer reads
  // nothing before 10 ms, so 64 KiB go in at once and the write returns (at 12 ms) with it full.
  await openFile('pipe-producer-consumer.oss');
  const wWord = page.locator('.view-line', { hasText: 'write p.write 96 KiB' }).first().locator('span span', { hasText: /^write$/ }).first();
  let pipeHover = '';
  await until(async () => {
    await page.mouse.move(5, 5);
    await sleep(300);
    await wWord.hover({ timeout: 5000 });
    const h = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-resizable-hover .monaco-hover-content').first();
    await h.waitFor({ state: 'visible', timeout: 5000 });
    pipeHover = (await h.innerText()).replace(/[ \t]+/g, ' ');
    return /pipe p:/.test(pipeHover);
  }, WAIT, 1000);
  await screenshot(page, 'pipe-hover');
  // and it is write(2) on a descriptor, not the memory write's doc ("may take a copy-on-write fault")
  check('pipe-hover', /pipe p: 96 KiB written; 64 KiB of 64 KiB buffered/.test(pipeHover)
      && /write\(2\) to a pipe/.test(pipeHover) && !/copy-on-write/.test(pipeHover),
    `hover on \`write p.write 96 KiB\`: ${JSON.stringify(pipeHover.split('\n').filter((l) => /pipe p|write\(2\)|copy-on-write/.test(l)).slice(0, 3))}`);
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');

  // 6d. a signal name: SIGUSR1 in `kill racy SIGUSR1` (signal-pause-race.oss) is coloured as a
  // constant, apart from the variable `got` and the process `racy`: VS Code's own token inspector
  // shows the grammar's constant.language.signal.oss and the server's semantic token enumMember (a
  // "variable" token used to outrank the grammar and paint SIGUSR1 in the variables' colour).
  await openFile('signal-pause-race.oss');
  const killLine = page.locator('.view-line', { hasText: 'kill racy SIGUSR1' }).first();
  const sigSpan = killLine.locator('span span', { hasText: /^SIGUSR1$/ }).first();
  // asked until the server's semantic tokens are painted (the process `racy` then differs from the variable
  // `got`; the grammar alone paints both as plain names), so the colours and the inspector are the final ones
  const sigColours = await until(async () => {
    const colour = async (l) => l.evaluate((e) => getComputedStyle(e).color).catch(() => null);
    const sig = await colour(killLine.locator('span span', { hasText: /^SIGUSR1$/ }).first());
    const name = await colour(killLine.locator('span span', { hasText: /^racy$/ }).first());
    const variable = await colour(page.locator('.view-line', { hasText: 'if (got == 0)' }).first()
      .locator('span span', { hasText: /^got$/ }).first());
    return sig && name && variable && name !== variable ? { sig, name, variable } : undefined;
  }, 20000);
  await sigSpan.click();
  await command('Developer: Inspect Editor Tokens and Scopes');
  const scopes = await until(async () => {
    const t = await page.locator('.token-inspect-widget').first().innerText().catch(() => '');
    return /oss/.test(t) ? t : undefined;
  }, 15000);
  await screenshot(page, 'signal-scope');
  check('signal-colour', !!sigColours && sigColours.sig !== sigColours.name && sigColours.sig !== sigColours.variable
      && /constant\.language\.signal\.oss/.test(scopes || '') && /semantic token type\s+enumMember/.test(scopes || ''),
    `SIGUSR1 ${sigColours?.sig} vs racy ${sigColours?.name} and got ${sigColours?.variable}; inspector: ${JSON.stringify((scopes || '').split('\n').filter((l) => /\.oss|semantic token type/.test(l)).slice(0, 3))}`);
  await page.keyboard.press('Escape');

  // 7. the timeline webview: oss: Show Timeline on fork-cow draws the run's SVG.
  await openFile('fork-cow.oss');
  await command('oss: Show Timeline');
  let svg;
  await until(async () => {
    for (const f of page.frames()) {
      const n = await f.locator('svg').count().catch(() => 0);
      if (n > 0 && f !== page.mainFrame()) {
        const rects = await f.locator('svg rect').count().catch(() => 0);
        const title = await f.locator('h1, h2').allInnerTexts().catch(() => []);
        svg = { url: f.url().slice(0, 60), svgs: n, rects, title };
        return true;
      }
    }
    return false;
  }, WAIT, 1000);
  await sleep(1000);
  await screenshot(page, 'timeline-webview');
  const tab = await page.locator('.tab', { hasText: /timeline/i }).first().innerText().catch(() => '');
  check('timeline', !!svg && svg.rects > 0,
    svg ? `webview tab ${JSON.stringify(tab.trim())}: ${svg.svgs} svg, ${svg.rects} rect(s); headings ${JSON.stringify(svg.title.slice(0, 4))}` : 'no svg in any webview frame');

  // 8. readable: the timeline's text as rendered (its CSS size times the SVG's scale on screen)
  // is at least 11 px, and the report takes the dark theme's background, not white.
  let look;
  for (const f of page.frames()) {
    if (f === page.mainFrame()) continue;
    const n = await f.locator('svg.timeline').count().catch(() => 0);
    if (n === 0) continue;
    look = await f.evaluate(() => {
      const svg = document.querySelector('svg.timeline');
      const ctm = svg.getScreenCTM();
      const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
      const sizes = [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
      const rgb = (getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g) || ['255', '255', '255']).map(Number);
      const luminance = (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255;
      const mem = document.getElementById('memory');
      return { texts: sizes.length, minPx: Math.min(...sizes), scale, luminance, bg: getComputedStyle(document.body).backgroundColor,
        memoryHidden: !mem || getComputedStyle(mem).display === 'none',
        svgWidth: Math.round(svg.getBoundingClientRect().width), viewWidth: document.documentElement.clientWidth };
    }).catch((e) => ({ error: String(e) }));
    break;
  }
  check('timeline-readable', !!look && look.texts > 0 && look.minPx >= 11,
    look ? `${look.texts} text(s), the smallest ${look.minPx?.toFixed?.(1)} px on screen (scale ${look.scale?.toFixed?.(2)}; svg ${look.svgWidth} px in a ${look.viewWidth} px view)${look.error ? ' ' + look.error : ''}` : 'no timeline svg');
  check('timeline-focused', !!look && look.memoryHidden === true,
    look ? `Show Timeline shows the timeline alone: the address-space section is ${look.memoryHidden ? 'hidden' : 'shown too'}` : 'no timeline svg');
  check('timeline-theme', !!look && look.luminance < 0.4,
    look ? `the report's background ${look.bg} (luminance ${look.luminance?.toFixed?.(2)}) in the dark theme` : 'no timeline svg');

  // 9. the server's state in the status bar, and every expect line in the Testing view
  const statusText = await until(async () => {
    const t = (await page.locator('.statusbar-item').allInnerTexts()).join(' | ');
    return /oss: ready/.test(t) ? t : undefined;
  }, 15000);
  check('status-bar', !!statusText, statusText ? 'the status bar says "oss: ready"' : 'no "oss: ready" in the status bar');
  await openFile('fork-cow.oss');
  await command('Test: Run All Tests');
  await command('Testing: Focus on Test Explorer View');
  // the files' rows, and the run's tally ("7/7": every expect line of the open files passed)
  const tested = await until(async () => {
    const rows = await page.locator('.test-explorer .monaco-list-row').evaluateAll((els) =>
      els.map((e) => (e.getAttribute('aria-label') || e.textContent || '').replace(/\s+/g, ' ')));
    const text = (await page.locator('.test-explorer').first().innerText().catch(() => '')).replace(/\s+/g, ' ');
    const tally = /(\d+)\/(\d+)/.exec(text);
    return rows.some((r) => /fork-cow\.oss/.test(r)) && tally && Number(tally[1]) > 0 && tally[1] === tally[2]
      ? { rows, tally: tally[0] } : undefined;
  }, 30000);
  await screenshot(page, 'testing-view');
  check('testing-view', !!tested,
    tested ? `Test Explorer: ${tested.tally} expectations passed; rows ${JSON.stringify(tested.rows.slice(0, 4))}` : 'no passed tally for fork-cow.oss in the Test Explorer');
} catch (e) {
  check('harness', false, `${e.message.split('\n')[0]}`);
  await screenshot(page, 'harness-error');
}
if (browserErrors.length) log('page errors:', browserErrors.slice(0, 5));
await browser.close();
const failed = results.filter((r) => !r.ok).length;
fs.writeFileSync(path.join(art, 'results.json'), JSON.stringify({ ms: Date.now() - t0, results }, null, 2));
console.log(`vscode-e2e: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
