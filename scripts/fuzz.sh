#!/usr/bin/env bash
# Runs each cargo-fuzz target for a bounded time: FUZZ_SECONDS (default 60) each, or only the
# targets named as arguments. Installs cargo-fuzz when missing. Not part of `make test`.
#
# cargo-fuzz builds with nightly-only rustc flags (-Zsanitizer=address and friends). This
# machine has one stable toolchain and no nightly can be fetched, so RUSTC_BOOTSTRAP=1 lets
# the stable compiler accept them. It is set for the fuzz build only, never for the
# project's own build or tests.
#
# libFuzzer adds what it finds to the first corpus directory: that is fuzz/work/<target>
# (not committed); the committed seeds (fuzz/corpus/<target>) and past failures
# (fuzz/regressions/<target>) are read only. A failing input lands in
# fuzz/artifacts/<target>/: fix it, then copy it to fuzz/regressions/<target>/, where
# `cargo test --test fuzz` replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(document markdown anchor)

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1

root=$PWD
failed=()
for target in "${targets[@]}"; do
  mkdir -p "fuzz/work/$target" "fuzz/regressions/$target"
  echo "fuzz: $target for ${seconds}s"
  # A crash (or a timeout, or running out of memory) ends that target's run with a failure
  # status and leaves the input in fuzz/artifacts/<target>/; the other targets still run.
  if ! cargo fuzz run "$target" "$root/fuzz/work/$target" "$root/fuzz/corpus/$target" "$root/fuzz/regressions/$target" -- \
    -dict="$root/fuzz/dict/$target.dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1; then
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
