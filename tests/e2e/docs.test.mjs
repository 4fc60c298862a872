// The README and docs/ say what the code does: the README lists exactly the element's
// attributes and events (as the Custom Elements Manifest, itself checked against the code),
// every error code and share target the code has, only CLI flags and make targets that
// exist; every path they name and every relative link points at a file (and heading) that
// is there. No browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const text = (path) => readFileSync(join(ROOT, path), 'utf8');
const readme = text('README.md');
const docs = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md',
  ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Every file under `dir` whose name ends with `ext`, as paths relative to the root. */
function files(dir, ext) {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    return e.isDirectory() ? files(path, ext) : e.name.endsWith(ext) ? [path] : [];
  });
}
const rust = files('src', '.rs').map(text).join('\n');
const entry = text('js/essay-embed.js');

/** The README section that starts with `heading`, up to the next `## `. */
function section(heading) {
  const start = readme.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `README has no "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}
/** The first column of the Markdown table rows of `md`, backquotes removed. */
const firstColumn = (md) => [...md.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
const sorted = (xs) => [...new Set(xs)].sort();

/** GitHub's anchor for a heading. */
const slug = (heading) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');

const manifest = JSON.parse(text('js/custom-elements.json'));
const element = manifest.modules[0].declarations.find((d) => d.customElement);

test('the README lists exactly the attributes of the element', () => {
  const documented = firstColumn(section('Attributes'));
  assert.deepEqual(sorted(documented.filter((a) => a !== 'render-hash')), sorted(element.attributes.map((a) => a.name)));
  assert.ok(rust.includes('"render-hash"'), 'render-hash is documented but the code does not use it');
});

test('the README lists exactly the events the element fires', () => {
  assert.deepEqual(sorted(firstColumn(section('Events'))), sorted(element.events.map((e) => e.name)));
});

test('the README lists every error code the code reports, and no other', () => {
  // Rust: the arms of every `fn code(&self) -> &'static str`; the entry: `fail(this, 'code', ...)`.
  const codes = [];
  for (const m of rust.matchAll(/fn code\(&self\) -> &'static str \{([\s\S]*?)\n {4}\}/g)) {
    codes.push(...[...m[1].matchAll(/=> "([a-z-]+)"/g)].map((c) => c[1]));
  }
  codes.push(...[...entry.matchAll(/fail\(this, '([a-z-]+)'/g)].map((c) => c[1]));
  assert.ok(codes.length >= 8, `found only ${codes}`);
  const paragraph = section('Events').match(/Error codes:([\s\S]*?)\n\n/)[1];
  assert.deepEqual(sorted([...paragraph.matchAll(/`([a-z-]+)`/g)].map((m) => m[1])), sorted(codes));
});

test('the README lists every share target by the name the share attribute takes', () => {
  const targets = [...rust.matchAll(/Target::\w+ => "([a-z-]+)"/g)].map((m) => m[1]);
  assert.ok(targets.length >= 5);
  const listed = section('Sharing a passage').match(/The targets, for the `share`\s+attribute:([\s\S]*?)\n\n/)[1];
  for (const target of targets) assert.match(listed, new RegExp(`\`${target}\``), `share target ${target} is not in the README`);
});

test('every CLI flag and make target the docs name exists', () => {
  const usage = rust.match(/const USAGE: &str = "([\s\S]*?)";/)[1];
  const makefile = text('Makefile');
  for (const file of docs) {
    const md = text(file);
    for (const [, command, args] of md.matchAll(/essay-embed (render|check|build|import|schema)\b([^\n`|#]*)/g)) {
      for (const [flag] of args.matchAll(/--[a-z-]+/g)) {
        assert.ok(usage.includes(flag), `${file}: essay-embed ${command} ${flag} is not in the CLI's usage`);
      }
    }
    for (const [, target] of md.matchAll(/\bmake ([a-z][a-z-]*)/g)) {
      assert.match(makefile, new RegExp(`^${target}:`, 'm'), `${file}: make ${target} is not a target of the Makefile`);
    }
  }
});

test('every relative link in the Markdown files points at a file and heading that exist', () => {
  const broken = [];
  for (const file of docs) {
    const md = text(file).replace(/```[\s\S]*?```/g, '');
    for (const [, target] of md.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const [path, anchor] = target.split('#');
      const resolved = path ? join(dirname(join(ROOT, file)), path) : join(ROOT, file);
      if (!existsSync(resolved)) { broken.push(`${file}: ${target}`); continue; }
      if (anchor && resolved.endsWith('.md')) {
        const headings = [...readFileSync(resolved, 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1]));
        if (!headings.includes(anchor)) broken.push(`${file}: ${target} (no such heading in ${relative(ROOT, resolved)})`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

test('every path of the repository the docs name exists', () => {
  const missing = [];
  for (const file of docs) {
    const md = text(file);
    for (const m of md.matchAll(/\b(?:src|tests|scripts|bench|benches|vendor|fuzz|js|www|docs)\/[A-Za-z0-9_./-]*[A-Za-z0-9_/]/g)) {
      // Placeholders (`<id>/`, `NAME.json`) stand for files a reader makes.
      if (md[m.index + m[0].length] === '<' || m[0].includes('NAME')) continue;
      if (!existsSync(join(ROOT, m[0]))) missing.push(`${file}: ${m[0]}`);
    }
  }
  assert.deepEqual([...new Set(missing)], []);
});

test('the README stays the front door: under 260 lines, the two commands first', () => {
  const lines = readme.split('\n').length;
  assert.ok(lines <= 260, `README.md has ${lines} lines; move detail into docs/`);
  const firstCode = readme.match(/```sh\n([\s\S]*?)```/)[1];
  assert.match(firstCode, /^make demo\b/m);
  assert.match(firstCode, /^make test\b/m);
});
