// The published JSON Schema (www/schema/essay-embed.schema.json, generated from the Rust types
// the reader uses) checked with a real validator, ajv: every fixture and the demo content
// validate, and for each case of tests/schema/cases.json ajv says what the reader says
// (tests/schema.rs checks the reader's side of the same table). No browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';

const read = (path) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
const schema = read('www/schema/essay-embed.schema.json');
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const why = () => JSON.stringify(validate.errors?.slice(0, 3));

test('every fixture and the demo content validate against the schema', () => {
  const files = [
    ...readdirSync(new URL('../fixtures/', import.meta.url)).filter((f) => f.endsWith('.json')).map((f) => `tests/fixtures/${f}`),
    ...readdirSync(new URL('../../www/content/', import.meta.url)).filter((f) => f.endsWith('.json')).map((f) => `www/content/${f}`),
  ];
  assert.ok(files.length >= 6, `${files}`);
  for (const file of files) assert.ok(validate(read(file)), `${file}: ${why()}`);
});

test('the schema and the reader agree on every case of the table', () => {
  const { cases } = read('tests/schema/cases.json');
  assert.ok(cases.length >= 20);
  const wrong = cases.filter((c) => validate(c.content) !== c.valid).map((c) => `${c.name}: the schema says ${!c.valid} ${why()}`);
  assert.deepEqual(wrong, []);
  // The table covers both answers and each kind of case the issue names.
  assert.ok(cases.some((c) => c.valid) && cases.some((c) => !c.valid));
  for (const kind of ['shorthand', 'unknown fields', 'a string where an object goes']) {
    assert.ok(cases.some((c) => c.name.includes(kind)), kind);
  }
});
