// Byte budgets of what a page downloads (deterministic, so checked in every run): the entry
// script alone <= 4 KB gzip, the full widget within BUDGETS.full (1 KB = 1,000 bytes). Prints the
// table of raw, gzip -9 and brotli sizes. Needs a built pkg/ (`make build`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUDGETS, sizes, table } from '../../scripts/sizes.mjs';

const rows = sizes();
const part = (name) => rows.find((r) => r.part === name);

test('byte sizes of the widget', (t) => {
  for (const line of table(rows).split('\n')) t.diagnostic(line);
  // Every script and wasm in pkg/ is counted, snippets included.
  assert.ok(part('full').files.some((f) => f.endsWith('.wasm')));
  assert.ok(part('full').files.some((f) => /^pkg\/immutable\/essay-embed-core\.[0-9a-f]{16}\.js$/.test(f)));
});

test(`the entry script is at most ${BUDGETS.entry / 1000} KB gzip`, () => {
  assert.ok(part('entry').gzip <= BUDGETS.entry, `entry: ${part('entry').gzip} bytes gzip`);
});

test(`the full widget is at most ${BUDGETS.full / 1000} KB gzip`, () => {
  const full = part('full');
  assert.equal(full.gzip, part('entry').gzip + part('glue').gzip + part('wasm').gzip);
  assert.ok(
    full.gzip <= BUDGETS.full,
    `full widget: ${full.gzip} bytes gzip (if the build warned that std could not be rebuilt ` +
      'for size, add rust-src: `rustup component add rust-src`)',
  );
});
