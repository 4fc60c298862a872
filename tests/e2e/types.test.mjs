// The TypeScript declarations a package user gets (pkg/essay-embed.d.ts and the content
// interfaces generated from the Rust types, pkg/essay-embed-content.d.ts) type-check a page's
// use of the element, its attributes, events and content (tests/types/usage.ts, with tsc
// --strict, pinned in package.json); and each `@ts-expect-error` case there is a real type
// error: without its directive, tsc reports an error on exactly that line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/sizes.mjs';

const TSC = join(ROOT, 'node_modules/.bin/tsc');
const USAGE = join(ROOT, 'tests/types/usage.ts');

function tsc(project) {
  try {
    execFileSync(TSC, ['-p', project, '--pretty', 'false'], { encoding: 'utf8' });
    return [];
  } catch (e) {
    return String(e.stdout).split('\n').filter((l) => l.includes('error TS'));
  }
}

test('the element, its events and the content types type-check as a page uses them', () => {
  assert.deepEqual(tsc(join(ROOT, 'tests/types/tsconfig.json')), []);
});

test('every negative case is a type error on its own line', () => {
  const lines = readFileSync(USAGE, 'utf8').split('\n');
  const expected = [];
  const stripped = lines.map((line, i) => {
    if (!line.trim().startsWith('// @ts-expect-error')) return line;
    expected.push(i + 2); // 1-based number of the line after the directive
    return '';
  });
  assert.ok(expected.length >= 7, 'the negative cases are there');
  const dir = mkdtempSync(join(ROOT, 'tests/types/.neg-'));
  try {
    writeFileSync(join(dir, 'usage.ts'), stripped.join('\n').replaceAll("'../../pkg/", "'../../../pkg/"));
    const config = JSON.parse(readFileSync(join(ROOT, 'tests/types/tsconfig.json'), 'utf8'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
    const errors = tsc(dir);
    const at = [...new Set(errors.map((e) => Number(/usage\.ts\((\d+),/.exec(e)?.[1])))];
    assert.deepEqual(at.sort((a, b) => a - b), expected, errors.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
