//! Prints the engine's native speed benchmarks as a Markdown table.

use backprop_lab::core::bench;
use std::time::Instant;

#[allow(clippy::print_stdout, reason = "a command-line tool prints its results")]
fn main() {
    let start = Instant::now();
    let clock = || start.elapsed().as_secs_f64() * 1000.0;
    let results = bench::run_all(&clock, 1000.0);
    println!("native ({}):\n\n{}", std::env::consts::ARCH, bench::table(&results));
}
