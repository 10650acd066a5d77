//! The engine's benchmarks compiled to wasm and run in headless Chromium: not a test of speed
//! (nothing is asserted about time), a way to measure it in the browser. `scripts/bench.sh` runs it
//! with `--release` and `--nocapture`-style console output.
#![cfg(target_arch = "wasm32")]

use backprop_engine::bench;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn engine_benchmarks_in_the_browser() {
    let performance = web_sys::window()
        .and_then(|w| w.performance())
        .expect("performance.now is available");
    let clock = || performance.now();
    // Short runs in a debug build (the normal test pass), full ones in a release build.
    let min_ms = if cfg!(debug_assertions) { 5.0 } else { 1000.0 };
    let results = bench::run_all(&clock, min_ms);
    assert_eq!(results.len(), bench::SHAPES.len() + 2);
    assert!(results.iter().all(|m| m.value.is_finite() && m.value > 0.0));
    console_log!("wasm32 in headless Chromium:\n\n{}", bench::table(&results));
}
