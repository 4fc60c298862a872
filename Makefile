# essay-embed: `make demo` and `make test` work on a fresh machine (they install what is missing).
.PHONY: demo test build test-native test-browser test-e2e test-fuzz-build setup clean bench

PORT ?= 8080

# The partner page at /, and beside it the static site `essay-embed build` writes from the
# seed content (built here, never committed) at /site/.
DEMO_SITE ?= target/demo-site

demo: build
	cargo build --bin essay-embed
	$(or $(CARGO_TARGET_DIR),target)/debug/essay-embed build www/content/reinventing-nuclear-arms-control.json \
	  --out $(DEMO_SITE) --base-url http://127.0.0.1:$(PORT)/site/
	node tests/e2e/server.mjs $(PORT) $(DEMO_SITE)

build:
	scripts/build.sh

setup:
	scripts/setup.sh test

test: setup build test-native test-fuzz-build test-browser test-e2e

test-native:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
	cargo test --all-targets
	cargo test --doc
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps
	CARGO_TARGET_DIR=target/vendor-tests cargo test --manifest-path vendor/unicase/Cargo.toml
	CARGO_TARGET_DIR=target/vendor-tests cargo test --manifest-path vendor/pulldown-cmark-check/Cargo.toml

# The fuzz targets are a workspace of their own (fuzz/Cargo.toml): build them, so they cannot
# rot unnoticed. (Plain cargo, no sanitizers: `make fuzz` builds and runs them instrumented.)
test-fuzz-build:
	cargo build --manifest-path fuzz/Cargo.toml --target-dir target/fuzz-build --bins

test-browser:
	cargo test --target wasm32-unknown-unknown --test web

# The CLI first: the test server pre-renders pages with it and must not compile mid-request.
test-e2e:
	cargo build --bin essay-embed
	node --test --test-concurrency=1 tests/e2e/

# Benchmarks (not tests): criterion for the native core, then the browser benchmark in
# headless Chromium; writes bench/results.json, the tables in docs/performance.md and the
# short table in README.md.
bench: setup build
	cargo bench --bench core
	cargo bench --bench import
	node bench/run.mjs --native $(or $(CARGO_TARGET_DIR),target)/criterion --docs

clean:
	rm -rf pkg target/e2e

# Each cargo-fuzz target for FUZZ_SECONDS (default 60), instrumented (cargo-fuzz, installed
# when missing); fails when any target crashes. `make test` only builds them.
.PHONY: fuzz
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh
