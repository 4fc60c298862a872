// The Custom Elements Manifest (js/custom-elements.json, copied into pkg/ by `make build`) and
// the TypeScript declarations say what the code does: every attribute the entry script or the
// shell reads, every event either fires, every `--essay-embed-*` custom property of the
// stylesheet and every documented CSS part. No browser needed; needs a built pkg/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const text = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const manifest = JSON.parse(text('js/custom-elements.json'));
const element = manifest.modules[0].declarations.find((d) => d.customElement);
const names = (list) => new Set(list.map((x) => x.name));
const rust = readdirSync(new URL('../../src/web/', import.meta.url)).filter((f) => f.endsWith('.rs')).map((f) => text(`src/web/${f}`)).join('\n');
const entry = text('js/essay-embed.js');
const css = text('src/web/style.css');
const dts = text('js/essay-embed.d.ts');

test('pkg/ ships the manifest, and package.json points editors to it', () => {
  assert.deepEqual(JSON.parse(text('pkg/custom-elements.json')), manifest);
  assert.equal(JSON.parse(text('pkg/package.json')).customElements, 'custom-elements.json');
  assert.equal(element.tagName, 'essay-embed');
});

test('every attribute the code reads is in the manifest', () => {
  const attributes = names(element.attributes);
  const observed = JSON.parse(entry.match(/const ATTRIBUTES = (\[[^\]]*\])/)[1].replaceAll("'", '"'));
  const read = [
    ...observed,
    ...[...entry.matchAll(/getAttribute\('([a-z-]+)'\)/g)].map((m) => m[1]),
    ...[...rust.matchAll(/attr\([a-z&.]+, "([a-z-]+)"\)/g)].map((m) => m[1]),
    ...[...css.matchAll(/:host\(\[([a-z-]+)/g)].map((m) => m[1]).filter((a) => a !== 'hidden'),
  ];
  assert.ok(read.length > 10);
  assert.deepEqual([...new Set(read)].filter((a) => !attributes.has(a) && !a.startsWith('render-')), []);
});

test('every event fired is in the manifest and in HTMLElementEventMap', () => {
  const fired = new Set([...`${rust}\n${entry}`.matchAll(/["'](essay-embed:[a-z]+)["']/g)].map((m) => m[1]));
  assert.ok(fired.size >= 3, [...fired].join());
  const map = dts.slice(dts.indexOf('interface HTMLElementEventMap'));
  for (const name of fired) {
    assert.ok(names(element.events).has(name), `${name} missing from the manifest`);
    assert.ok(map.includes(`'${name}'`), `${name} missing from HTMLElementEventMap`);
  }
});

test('the custom properties and CSS parts are those of the stylesheet and the renderer', () => {
  const properties = new Set(css.match(/--essay-embed-[a-z-]+/g));
  assert.deepEqual(names(element.cssProperties), properties);
  const documented = css.match(/Parts for ::part\(\):([^.]*)\./)[1].split(',').map((p) => p.replace(/[\s*]+/g, ' ').trim());
  assert.deepEqual(names(element.cssParts), new Set(documented));
  const core = readdirSync(new URL('../../src/render/', import.meta.url), { recursive: true }).filter((f) => f.endsWith('.rs')).map((f) => text(`src/render/${f}`)).join('\n');
  for (const part of documented) assert.ok(core.includes(`"${part}"`), `part ${part} is not rendered`);
});
