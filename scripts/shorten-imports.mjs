// Renames the wasm's imports from its own glue to short names, in the wasm and in the glue.
//
// wasm-bindgen names each import after the function it wraps plus a 64-bit hash
// (`__wbg_addEventListener_3f1b9c0e7d2a4c55`); with ~100 imports that is 6 KB of names in the
// wasm and the same again in the glue, and the hashes do not compress. Both files are ours
// and are only ever loaded together, so the names can be anything that matches: `a`, `b`, ...
// Imports from snippets (`dom.js`, looked up by their exported names) are left alone.
//
// Usage: node scripts/shorten-imports.mjs WASM GLUE_JS   (rewrites both in place)
import { readFileSync, writeFileSync } from 'node:fs';

const [wasmPath, gluePath] = process.argv.slice(2);
if (!wasmPath || !gluePath) {
  console.error('usage: node scripts/shorten-imports.mjs WASM GLUE_JS');
  process.exit(2);
}
const GLUE_MODULE = './' + gluePath.split('/').pop().replace(/\.js$/, '_bg.js');

const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, 'utf8');

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}
function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}
const text = (s) => Buffer.concat([u32(Buffer.byteLength(s)), Buffer.from(s)]);

/** `a`..`z`, `A`..`Z`, then two letters, ...: short, valid identifiers, never a JS keyword
 * of one or two letters except `do`, `if`, `in` (skipped). */
function* shortNames() {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of letters) yield a;
  for (const a of letters) {
    for (const b of letters) {
      if (!['do', 'if', 'in'].includes(a + b)) yield a + b;
    }
  }
}

if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath}: not a wasm module`);
const parts = [wasm.subarray(0, 8)];
let at = 8;
let renamed = 0;
while (at < wasm.length) {
  const id = wasm[at];
  const [size, body] = readU32(wasm, at + 1);
  const end = body + size;
  if (id !== 2) {
    parts.push(wasm.subarray(at, end));
    at = end;
    continue;
  }
  // The import section: count, then (module, name, kind, description) per import.
  let [count, p] = readU32(wasm, body);
  const names = shortNames();
  const entries = [u32(count)];
  for (let i = 0; i < count; i++) {
    let length;
    [length, p] = readU32(wasm, p);
    const module = wasm.toString('utf8', p, p + length);
    p += length;
    [length, p] = readU32(wasm, p);
    let name = wasm.toString('utf8', p, p + length);
    p += length;
    const descriptionStart = p;
    const kind = wasm[p++];
    if (kind === 0) [, p] = readU32(wasm, p); // function: type index
    else throw new Error(`import ${module} ${name}: kind ${kind} is not handled`);
    if (module === GLUE_MODULE) {
      // The glue defines it exactly once, as a key of its import object: `name: function`.
      const key = new RegExp(`(?<![\\w$.])${name}(?=\\s*:)`, 'g');
      const uses = glue.match(key)?.length ?? 0;
      const anywhere = glue.split(name).length - 1;
      if (uses !== 1 || anywhere !== 1) {
        throw new Error(`${gluePath}: import ${name} appears ${anywhere} times (${uses} as a key)`);
      }
      const short = names.next().value;
      glue = glue.replace(key, short);
      name = short;
      renamed++;
    }
    entries.push(text(module), text(name), wasm.subarray(descriptionStart, p));
  }
  const section = Buffer.concat(entries);
  parts.push(Buffer.from([2]), u32(section.length), section);
  at = end;
}
writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(gluePath, glue);
console.log(`shorten-imports: ${renamed} imports renamed`);
