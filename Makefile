# essay-embed: `make demo` and `make test` work on a fresh machine (they install what is missing).
.PHONY: demo test build test-native test-browser test-e2e setup clean

PORT ?= 8080

demo: build
	node tests/e2e/server.mjs $(PORT)

build:
	scripts/build.sh

setup:
	scripts/setup.sh test

test: setup build test-native test-browser test-e2e

test-native:
	cargo test --all-targets
	cargo test --doc
	CARGO_TARGET_DIR=target/vendor-tests cargo test --manifest-path vendor/unicase/Cargo.toml

test-browser:
	cargo test --target wasm32-unknown-unknown --test web

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

clean:
	rm -rf pkg target/e2e
