//! `trace MODEL.json --x 0.5,-1.2 --y 1` prints, as one line of JSON, what one sample does in the
//! network: every neuron's z and a, the loss, every δ, ∂L/∂w and ∂L/∂b (see docs/model-format.md).
//! On any problem (a result that is not finite among them) it prints one line starting `trace:`
//! to standard error and exits with code 2.

use backprop_lab::core::model::{decode, trace, Model};
use std::process::ExitCode;

const USAGE: &str = "usage: trace MODEL.json --x X1,X2,… --y Y1,… (for softmax_ce, --y is the class index)";

/// What the command was asked to do.
enum Command {
    /// Print the usage line.
    Help,
    /// Trace input `x` with target `y` through the model in the file at `path`.
    Trace { path: String, x: Vec<f64>, y: Vec<f64> },
}

/// Comma-separated numbers, the flag named in the message if one is not a number.
fn numbers(flag: &str, text: &str) -> Result<Vec<f64>, String> {
    text.split(',')
        .map(|v| {
            let v = v.trim();
            v.parse::<f64>().map_err(|_| format!("{flag}: \"{v}\" is not a number"))
        })
        .collect()
}

/// Reads the arguments (after the program name) by hand: a path, `--x V` and `--y V` (or
/// `--x=V`), in any order.
fn parse(args: &[String]) -> Result<Command, String> {
    let (mut path, mut x, mut y) = (None, None, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value)),
            _ => (arg.as_str(), None),
        };
        match flag {
            "-h" | "--help" => return Ok(Command::Help),
            "--x" | "--y" => {
                let value = match inline {
                    Some(v) => v,
                    None => it.next().ok_or_else(|| format!("{flag} needs a value; {USAGE}"))?,
                };
                let slot = if flag == "--x" { &mut x } else { &mut y };
                if slot.replace(numbers(flag, value)?).is_some() {
                    return Err(format!("{flag} is given twice"));
                }
            }
            other if other.starts_with("--") => return Err(format!("unknown option {other}; {USAGE}")),
            other => {
                if let Some(first) = path.replace(other.to_string()) {
                    return Err(format!("one model file, please: {first} and {other} given"));
                }
            }
        }
    }
    match (path, x, y) {
        (Some(path), Some(x), Some(y)) => Ok(Command::Trace { path, x, y }),
        (None, ..) => Err(format!("no model file given; {USAGE}")),
        (_, None, _) => Err(format!("--x is missing; {USAGE}")),
        (_, _, None) => Err(format!("--y is missing; {USAGE}")),
    }
}

/// The JSON to print, or the one-line message for standard error.
fn run(args: &[String]) -> Result<String, String> {
    let (path, x, y) = match parse(args)? {
        Command::Help => return Ok(USAGE.to_string()),
        Command::Trace { path, x, y } => (path, x, y),
    };
    // Bytes, decoded as the page decodes them: a byte-order mark or UTF-16 is read, not refused.
    let bytes = std::fs::read(&path).map_err(|e| format!("{path}: {e}"))?;
    let model = Model::from_json(&decode(&bytes)).map_err(|e| format!("{path}: {e}"))?;
    let report = trace(&model, &x, &y).map_err(|e| e.to_string())?;
    serde_json::to_string(&report).map_err(|e| e.to_string())
}

#[allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line tool prints its result or its error"
)]
fn main() -> ExitCode {
    // args_os, not args: a non-UTF-8 argument is an error message, not a panic.
    let args: Result<Vec<String>, _> = std::env::args_os().skip(1).map(|a| a.into_string()).collect();
    let result = match args {
        Ok(args) => run(&args),
        Err(bad) => Err(format!("{} is not valid UTF-8", bad.to_string_lossy())),
    };
    match result {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("trace: {message}");
            ExitCode::from(2)
        }
    }
}
