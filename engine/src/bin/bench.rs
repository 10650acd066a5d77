//! Prints the engine's native speed benchmarks as a Markdown table.

use backprop_engine::bench;
use std::time::Instant;

#[allow(clippy::print_stdout, reason = "a command-line tool prints its results")]
fn main() {
    let start = Instant::now();
    let clock = || start.elapsed().as_secs_f64() * 1000.0;
    // Optional argument: the least time per benchmark in ms (default 1000), e.g. 20 under a profiler.
    let min_ms = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000.0);
    let results = bench::run_all(&clock, min_ms);
    println!("native ({}):\n\n{}", std::env::consts::ARCH, bench::table(&results));
}
