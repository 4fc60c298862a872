#!/usr/bin/env bash
# Installs what the build and tests need and is missing; skips what is already there.
# Usage: scripts/setup.sh [build|test]   (test also installs Chromium and its driver)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-build}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The standard library's source, so the release wasm can rebuild std for size (build.sh).
if ! rustup component list --installed | grep -q '^rust-src'; then
  echo "setup: adding the rust-src component"
  rustup component add rust-src || echo "setup: rust-src unavailable; the wasm will be larger" >&2
fi

# The wasm-bindgen CLI must be exactly the version Cargo.lock pins for the library.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  echo "setup: installing wasm-bindgen-cli $want (found: ${have:-none}); this takes a few minutes"
  cargo install wasm-bindgen-cli --version "$want"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/esbuild ] || [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi

# Python's feedparser, for the end-to-end feed tests (pinned in tests/e2e/requirements.txt).
if [ "$what" = test ] && ! python3 -c 'import feedparser, sgmllib' 2>/dev/null; then
  echo "setup: pip install -r tests/e2e/requirements.txt"
  python3 -m pip install --quiet --disable-pip-version-check -r tests/e2e/requirements.txt
fi

if [ "$what" = test ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  echo "setup: installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi
