// The README's picture of the demo: `node scripts/screenshot.mjs` (after `make build`) serves
// the demo page as `make demo` does, opens it in headless Chromium (playwright-core, Debian's
// /usr/bin/chromium) and writes docs/demo.png, the first screen of a desktop window.
import { join } from 'node:path';
import { startServer } from '../tests/e2e/server.mjs';
import { launch } from '../tests/e2e/browser.mjs';
import { ROOT } from './sizes.mjs';

const out = join(ROOT, 'docs/demo.png');
const server = await startServer();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 }, colorScheme: 'light' });
  await page.goto(`${server.url}/`);
  // Every element on the first screen rendered (the lazy ones below it never are).
  await page.waitForFunction(() => [...document.querySelectorAll('essay-embed')]
    .filter((el) => el.getBoundingClientRect().top < innerHeight)
    .every((el) => el.shadowRoot?.querySelector('.ee')));
  // Fonts and images settled, nothing mid-transition.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
