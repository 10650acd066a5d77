#!/usr/bin/env bash
# Runs every check and test: formatting, lints, native tests (the math), browser tests
# (components in headless Chromium) and end-to-end tests (the release bundle in headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

stage() { printf '\n==> %s\n' "$*"; }

stage "formatting"
cargo fmt --check
stage "lints (native and wasm)"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy --workspace --all-targets --locked --target wasm32-unknown-unknown -- -D warnings
stage "native tests"
cargo test --workspace --locked
stage "browser tests (wasm-bindgen-test in headless Chromium): components, the benchmark code, the seeded run"
# The runner's 20 s is for a whole test file; a debug build of the app on a busy two-core machine
# needs more (a clean-clone run timed out in browser.rs while other builds ran).
export WASM_BINDGEN_TEST_TIMEOUT=240
cargo test --locked --target wasm32-unknown-unknown --test browser --test browser_boundary --test browser_charts --test browser_neurons --test browser_surface --test browser_real_surface --test portable_run
cargo test --locked -p backprop-engine --target wasm32-unknown-unknown --test bench_wasm
stage "release build"
trunk --skip-version-check build --release
stage "end-to-end tests on dist/ (playwright-core driving Debian's Chromium)"
node --test tests/e2e/
