// Launches Debian's Chromium through playwright-core (no browser downloads here), and the
// helpers the browser tests share: errors, rendering, axe-core, selecting with the mouse,
// reading the highlight.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdir, readFile } from 'node:fs/promises';
import { after, before } from 'node:test';
import { startServer } from './server.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A test file's server (`startServer(options)`) and Chromium: started before its tests, closed
 * after them; `ready(server, browser)` gets both. With `screenshots`, `target/e2e/` exists.
 */
export function serveAndLaunch(options, ready, { screenshots = false } = {}) {
  let server, browser;
  before(async () => {
    server = await startServer(options);
    browser = await launch();
    if (screenshots) await mkdir('target/e2e', { recursive: true });
    ready(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/** axe-core's violations on `page` (every shadow root included), as readable lines. */
export async function axeViolations(page) {
  const source = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Collects page errors and console errors, to assert the host page saw none. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  return errors;
}

/** Waits until the element matched by `selector` has rendered (ready or error state). */
export async function waitRendered(page, selector = 'essay-embed') {
  await page.waitForFunction((sel) => {
    const els = [...document.querySelectorAll(sel)];
    return els.length > 0 && els.every((el) => el.shadowRoot && el.shadowRoot.querySelector('.ee, .ee-error'));
  }, selector);
}

/**
 * Viewport points at the start of the nth occurrence of `needle` in body block `block` of
 * the element matched by `selector`, and at its end, in reading order: in right-to-left
 * text a character starts at its right edge.
 */
export async function textPoints(page, block, needle, nth = 0, selector = 'essay-embed') {
  return page.locator(selector).evaluate((el, [block, needle, nth]) => {
    const b = (el.shadowRoot ?? el).querySelector(`.ee-body > [data-block="${block}"]`);
    const rtl = getComputedStyle(b).direction === 'rtl';
    const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
    let node, seen = 0;
    while ((node = walker.nextNode())) {
      let at = -1;
      while ((at = node.data.indexOf(needle, at + 1)) >= 0) {
        if (seen++ < nth) continue;
        const r = document.createRange();
        // The first and last characters (a surrogate pair is one).
        const first = String.fromCodePoint(needle.codePointAt(0)).length;
        r.setStart(node, at);
        r.setEnd(node, at + first);
        const a = r.getClientRects()[0];
        const last = [...needle].pop().length;
        r.setStart(node, at + needle.length - last);
        r.setEnd(node, at + needle.length);
        const rects = r.getClientRects();
        const z = rects[rects.length - 1];
        return {
          x1: rtl ? a.right - 1 : a.left + 1, y1: a.top + a.height / 2,
          x2: rtl ? z.left + 1 : z.right - 1, y2: z.top + z.height / 2,
        };
      }
    }
    return null;
  }, [block, needle, nth]);
}

/** Presses the mouse at `from`, moves it to `to` in a few steps, and releases it. */
export async function drag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

/** Selects the nth occurrence of `needle` in body block `block` with the mouse. */
export async function selectWithMouse(page, block, needle, nth = 0, selector = 'essay-embed') {
  // Centre the block first: a drag that reaches the window's edge would scroll it.
  await page.locator(selector).evaluate((el, b) => (el.shadowRoot ?? el).querySelector(`[data-block="${b}"]`).scrollIntoView({ block: 'center' }), block);
  const p = await textPoints(page, block, needle, nth, selector);
  if (!p) throw new Error(`${needle} not found in block ${block}`);
  await drag(page, { x: p.x1, y: p.y1 }, { x: p.x2, y: p.y2 });
}

/**
 * The highlighted text (one range per block, joined by a blank line as in the essay's plain
 * text), the block it starts in and its offset there, once the element highlighted a
 * passage or showed a notice (null when nothing is highlighted).
 */
export async function highlighted(page, selector = 'essay-embed') {
  await page.waitForFunction((sel) => CSS.highlights.get('essay-embed-quote')?.size > 0
    || document.querySelector(sel)?.shadowRoot?.querySelector('.ee-notice'), selector);
  return page.evaluate(() => {
    const h = CSS.highlights.get('essay-embed-quote');
    if (!h?.size) return null;
    const ranges = [...h];
    const node = ranges[0].startContainer;
    const start = (node.nodeType === 3 ? node.parentElement : node).closest('[data-block]');
    return { text: ranges.map((r) => r.toString()).join('\n\n'), block: Number(start.dataset.block), offset: ranges[0].startOffset };
  });
}
