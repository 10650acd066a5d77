//! `trace MODEL.json --x 0.5,-1.2 --y 1` prints, as JSON, what one sample does in the network:
//! every neuron's z and a, the loss, every δ, ∂L/∂w and ∂L/∂b (see docs/model-format.md).

use backprop_lab::core::model::{trace, Model};
use std::process::ExitCode;

const USAGE: &str = "usage: trace MODEL.json --x X1,X2,… --y Y (class index for softmax_ce)";

fn numbers(flag: &str, text: &str) -> Result<Vec<f64>, String> {
    text.split(',')
        .map(|v| {
            v.trim()
                .parse::<f64>()
                .map_err(|_| format!("{flag}: '{}' is not a number", v.trim()))
        })
        .collect()
}

fn run(args: &[String]) -> Result<String, String> {
    let (mut path, mut x, mut y) = (None, None, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--x" => x = Some(numbers("--x", it.next().ok_or("--x needs a value")?)?),
            "--y" => y = Some(numbers("--y", it.next().ok_or("--y needs a value")?)?),
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            other => path = Some(other.to_string()),
        }
    }
    let (Some(path), Some(x), Some(y)) = (path, x, y) else {
        return Err(USAGE.to_string());
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let model = Model::from_json(&text).map_err(|e| format!("{path}: {e}"))?;
    let report = trace(&model, &x, &y).map_err(|e| e.to_string())?;
    Ok(serde_json::to_string(&report).expect("a trace of finite numbers serialises"))
}

#[allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line tool prints its result or its error"
)]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("trace: {message}");
            ExitCode::from(2)
        }
    }
}
