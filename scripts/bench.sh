#!/usr/bin/env bash
# Measures the engine's speed natively and compiled to wasm in headless Chromium, and prints both
# tables (copy them into docs/benchmarks.md). Takes about two minutes after the first build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
cargo run --release --locked -p backprop-engine --bin bench
echo
cargo test --release --locked -p backprop-engine --target wasm32-unknown-unknown --test bench_wasm -- --nocapture 2>&1 \
  | grep -E '^(wasm32|\|)'
echo
# Frames per second of the page itself while it trains (the release bundle in headless Chromium).
trunk --skip-version-check build --release
node scripts/bench-frames.mjs
