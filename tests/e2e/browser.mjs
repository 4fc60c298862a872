// Launches Debian's Chromium through playwright-core (no browser downloads here).
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
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
