#!/usr/bin/env bash
# Builds pkg/: the entry script, the wasm renderer and its glue, type declarations and a
# package.json. cargo -> wasm-bindgen (the locked version) -> wasm-opt -Oz (npm binaryen)
# -> esbuild (npm) to make the glue and its snippets one file -> terser (npm) for the scripts;
# writes the widget's stylesheet as pkg/essay-embed.css (for pre-rendered elements); prints
# the byte sizes (scripts/sizes.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build

# The standard library is rebuilt with the crate, panicking straight to a trap
# (`-Cpanic=immediate-abort`): the prebuilt std formats every panic message and location
# before it aborts, which in wasm32 goes nowhere but costs 10.7 KB gzip (core::fmt, the
# Debug impls, the locations). A panic traps either way, so nothing a page sees changes.
# -Zfmt-debug=none and -Zlocation-detail=none take out what is left of Debug and of
# panic locations (Debug is only ever shown by tests, which use the prebuilt std): -0.8 KB.
# The flags are unstable; RUSTC_BOOTSTRAP=1 lets this stable toolchain use them (the same
# compiler, no nightly download). Where that fails (no rust-src, a toolchain that renamed
# the flag), the prebuilt std is used with a warning, and the size budget test says so.
mkdir -p target  # a fresh clone has none yet; cargo's messages are kept there
wasm=target/wasm-size/wasm32-unknown-unknown/release/essay_embed.wasm
if rustup component list --installed 2>/dev/null | grep -q '^rust-src' \
  && RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none" \
    cargo build --lib --release --target wasm32-unknown-unknown --target-dir target/wasm-size \
      -Zbuild-std=std,panic_abort --message-format=json-render-diagnostics >target/wasm-build.json; then
  :
else
  echo "build: WARNING: std could not be rebuilt for size; using the prebuilt std (+10.7 KB gzip)" >&2
  cargo build --lib --release --target wasm32-unknown-unknown --message-format=json-render-diagnostics >target/wasm-build.json
  wasm=target/wasm32-unknown-unknown/release/essay_embed.wasm
fi
rm -rf pkg && mkdir -p pkg
wasm-bindgen "$wasm" \
  --out-dir pkg --out-name essay-embed-core --target web --remove-name-section --remove-producers-section
node scripts/shorten-imports.mjs pkg/essay-embed-core_bg.wasm pkg/essay-embed-core.js
# The glue imports its snippets (wasm-bindgen's inline_js and src/web/dom.js): two more
# requests, in series behind it. esbuild makes them one module; the snippets go.
node_modules/.bin/esbuild pkg/essay-embed-core.js --bundle --format=esm --log-level=warning --log-override:duplicate-object-key=silent \
  --outfile=pkg/essay-embed-core.bundle.js
mv pkg/essay-embed-core.bundle.js pkg/essay-embed-core.js
rm -rf pkg/snippets
# The stylesheet the wasm adopts (build.rs minified it into the crate's OUT_DIR), as a file
# for pre-rendered elements' <link rel="stylesheet">.
out_dir=$(node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map(JSON.parse);
  const m = lines.filter((l) => l.reason === "build-script-executed" && /[/#]essay-embed[@#]/.test(l.package_id)).pop();
  process.stdout.write(m ? m.out_dir : "");' target/wasm-build.json)
[ -f "$out_dir/style.min.css" ] || { echo "build: no minified stylesheet in '$out_dir'" >&2; exit 1; }
cp "$out_dir/style.min.css" pkg/essay-embed.css
# --converge reruns -Oz until it stops shrinking the module: -0.45 KB gzip.
node_modules/.bin/wasm-opt -Oz --converge pkg/essay-embed-core_bg.wasm -o pkg/essay-embed-core_bg.wasm
# The Custom Elements Manifest (editors, Storybook) and the content's TypeScript types
# (generated from the Rust types; tests keep both current) go beside the entry.
cp js/essay-embed.js js/essay-embed.d.ts js/essay-embed-content.d.ts js/custom-elements.json pkg/
# Minify what a page downloads besides the wasm (terser, from npm): the entry, the glue and
# its snippets. -2.4 KB gzip; names the page sees (exports, events, the element) are kept.
for f in pkg/essay-embed.js pkg/essay-embed-core.js; do
  node_modules/.bin/terser "$f" --module --compress --mangle --output "$f"
done
# The glue and the wasm get names that carry a hash of their content, in pkg/immutable/, so a
# CDN may cache them forever; the entry keeps its name (a short cache) and names them, so a
# new build is picked up when the entry's cache expires, and an old glue never meets a new wasm.
mkdir -p pkg/immutable
hashed() { echo "$1.$(sha256sum "$2" | cut -c1-16).$3"; }
glue_file=$(hashed essay-embed-core pkg/essay-embed-core.js js)
wasm_file=$(hashed essay-embed-core pkg/essay-embed-core_bg.wasm wasm)
mv pkg/essay-embed-core.js "pkg/immutable/$glue_file"
mv pkg/essay-embed-core_bg.wasm "pkg/immutable/$wasm_file"
node -e '
  const fs = require("fs");
  const [entry, ...pairs] = process.argv.slice(1);
  let text = fs.readFileSync(entry, "utf8");
  for (let i = 0; i < pairs.length; i += 2) {
    const [from, to] = [JSON.stringify(pairs[i]), JSON.stringify(pairs[i + 1])];
    if (text.split(from).length !== 2) throw new Error(`build: ${from} is not exactly once in ${entry}`);
    text = text.replace(from, to);
  }
  fs.writeFileSync(entry, text);' pkg/essay-embed.js \
  ./essay-embed-core.js "./immutable/$glue_file" ./essay-embed-core_bg.wasm "./immutable/$wasm_file"
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
cat > pkg/package.json <<JSON
{
  "name": "essay-embed",
  "version": "$version",
  "description": "Embed an essay in any page with one script tag; share a highlighted passage with a link that brings the next reader to it.",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "essay-embed.js",
  "module": "essay-embed.js",
  "types": "essay-embed.d.ts",
  "customElements": "custom-elements.json",
  "exports": { ".": { "types": "./essay-embed.d.ts", "default": "./essay-embed.js" } },
  "files": ["essay-embed.js", "essay-embed.d.ts", "essay-embed-content.d.ts", "custom-elements.json", "immutable/", "essay-embed-core.d.ts", "essay-embed-core_bg.wasm.d.ts", "essay-embed.css"],
  "sideEffects": ["./essay-embed.js"]
}
JSON
node scripts/sizes.mjs
