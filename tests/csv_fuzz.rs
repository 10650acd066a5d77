//! The CSV importer against 100 000 random inputs: random bytes, random text from the pieces a
//! CSV file is made of, and valid files with random mutations. None may panic; a file is either
//! read whole or refused with reasons that name a line of the file (or the whole file for the
//! few problems that are the whole file's), each quote of the file at most 40 characters.
#![cfg(not(target_arch = "wasm32"))]

use backprop_lab::core::csv::{self, CsvError, Problem, MAX_ROWS, QUOTE_CHARS};
use backprop_lab::core::model::decode;
use backprop_lab::core::{Points, Rng, Task};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Inputs tried, over all strategies.
const CASES: u32 = 100_000;

const TASKS: [Task; 3] = [Task::Binary, Task::Classes(3), Task::Regression];

/// A valid file of 1–30 rows for `task`, with a header or not, a set column or not.
fn valid_file() -> impl Strategy<Value = (String, Task)> {
    (
        0..TASKS.len(),
        proptest::collection::vec(
            (-5.0..5.0f64, -5.0..5.0f64, 0u8..3, -10.0..10.0f64, any::<bool>()),
            1..30,
        ),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(t, rows, header, sets)| {
            let task = TASKS[t];
            let mut text = if header {
                "x1,x2,label\n".to_string()
            } else {
                String::new()
            };
            for (k, (x1, x2, class, target, test)) in rows.iter().enumerate() {
                let label = match task {
                    Task::Binary => (class % 2).to_string(),
                    Task::Classes(_) => class.to_string(),
                    Task::Regression => target.to_string(),
                };
                // The first row trains, so that a file of sets always has a training row.
                let set = if !sets {
                    ""
                } else if *test && k > 0 {
                    ",test"
                } else {
                    ",train"
                };
                text.push_str(&format!("{x1},{x2},{label}{set}\n"));
            }
            (text, task)
        })
}

/// `text` with `mutations` applied to its bytes, read back as text the way the page decodes a file.
fn mutate(text: &str, mutations: &[(u8, usize, u8)]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for &(kind, at, byte) in mutations {
        let at = at % (bytes.len() + 1);
        match kind {
            0 => bytes.insert(at, byte),
            1 if at < bytes.len() => {
                bytes.remove(at);
            }
            _ if at < bytes.len() => bytes[at] = byte,
            _ => bytes.push(byte),
        }
    }
    decode(&bytes)
}

/// The quotes of the file in a problem.
fn quoted(problem: &Problem) -> Option<&str> {
    match problem {
        Problem::NotANumber { text, .. }
        | Problem::OutOfRange { text, .. }
        | Problem::NotAClass { text, .. }
        | Problem::NotASet { text } => Some(text),
        _ => None,
    }
}

/// What must hold for any input: read whole and valid, or refused with reasons tied to lines.
fn check(text: &str, task: Task) -> Result<(), TestCaseError> {
    let lines = text.split(['\n', '\r']).count();
    match csv::read(text, task) {
        Ok(rows) => {
            let p = &rows.points;
            prop_assert!(!p.is_empty() && p.len() <= MAX_ROWS);
            prop_assert_eq!(
                (p.xs.len(), p.labels.len(), rows.sets.len()),
                (p.len(), p.len(), p.len())
            );
            prop_assert!(p
                .xs
                .iter()
                .flatten()
                .all(|x| x.is_finite() && x.abs() <= csv::COORD_LIMIT));
            for &label in &p.labels {
                prop_assert!(task.check_label(label).is_ok(), "label {} for {:?}", label, task);
            }
            let (train, test) = rows.split(0.8, &mut Rng::new(1));
            prop_assert!(!train.is_empty(), "always something to train on");
            prop_assert_eq!(train.len() + test.len(), p.len());
            // What was read writes out and reads back as the same points.
            let again = csv::read(&csv::write(&train, &test), task).expect("its own output reads back");
            prop_assert_eq!(again.points.len(), p.len());
        }
        Err(errors) => {
            prop_assert!(!errors.is_empty(), "a refusal has a reason");
            for CsvError { line, problem } in &errors {
                match line {
                    Some(n) => prop_assert!((1..=lines).contains(n), "line {} of {}", n, lines),
                    None => prop_assert!(
                        matches!(
                            problem,
                            Problem::Empty | Problem::TooLarge { .. } | Problem::NoTrainingRow
                        ),
                        "{:?} belongs to a line",
                        problem
                    ),
                }
                if let Some(q) = quoted(problem) {
                    prop_assert!(q.chars().count() <= QUOTE_CHARS + 1, "{:?}", q);
                }
            }
        }
    }
    Ok(())
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        // Shrinking a failure is worth it; a test of no failure does not shrink.
        failure_persistence: None,
        ..Config::default()
    })
}

/// Pieces of CSV: numbers good and bad, separators, words, line ends, odd characters.
const PIECES: [&str; 24] = [
    ",",
    ",",
    ",",
    "\n",
    "\n",
    "\r\n",
    "\r",
    ";",
    "\"",
    " ",
    "\u{feff}",
    "x1,x2,label",
    "train",
    "test",
    "NaN",
    "-inf",
    "1e308",
    "1e-320",
    "貓",
    "0",
    "1",
    "2",
    "-0.5",
    "4.75",
];

/// A valid file of 1–30 rows for `task`, with a header or not, a set column or not.
fn valid_text(task: Task, rng: &mut Rng) -> String {
    let mut text = if rng.below(2) == 0 {
        "x1,x2,label\n".to_string()
    } else {
        String::new()
    };
    let sets = rng.below(2) == 0;
    for k in 0..1 + rng.below(30) {
        let label = match task {
            Task::Binary => rng.below(2).to_string(),
            Task::Classes(n) => rng.below(n).to_string(),
            Task::Regression => rng.uniform(-10.0, 10.0).to_string(),
        };
        let set = match (sets, k > 0 && rng.below(3) == 0) {
            (false, _) => "",
            (true, true) => ",test",
            (true, false) => ",train",
        };
        let (x1, x2) = (rng.uniform(-5.0, 5.0), rng.uniform(-5.0, 5.0));
        text.push_str(&format!("{x1},{x2},{label}{set}\n"));
    }
    text
}

/// One input of `kind`: random bytes (0), random pieces of CSV and characters (1), or a valid
/// file with a few bytes inserted, deleted or replaced (2), as the page decodes a file's bytes.
fn input(kind: usize, task: Task, rng: &mut Rng) -> String {
    match kind {
        0 => {
            let bytes: Vec<u8> = (0..rng.below(200)).map(|_| rng.next_u64() as u8).collect();
            decode(&bytes)
        }
        1 => (0..rng.below(40))
            .map(|_| match rng.below(5) {
                0 => char::from_u32((rng.next_u64() % 0x11_0000) as u32).map_or(String::new(), String::from),
                _ => PIECES[rng.below(PIECES.len())].to_string(),
            })
            .collect(),
        _ => {
            let mutations: Vec<(u8, usize, u8)> = (0..rng.below(6))
                .map(|_| (rng.below(3) as u8, rng.next_u64() as usize, rng.next_u64() as u8))
                .collect();
            mutate(&valid_text(task, rng), &mutations)
        }
    }
}

#[test]
fn no_input_panics_and_every_refusal_names_its_line() {
    // proptest draws the seed, the kind of input and the tasks; the input is built from the
    // seed (building it from proptest's own strategies took minutes in a debug build).
    let cases = (any::<u64>(), 0..3usize, 0..TASKS.len(), 0..TASKS.len());
    runner(CASES)
        .run(&cases, |(seed, kind, made_for, read_as)| {
            let text = input(kind, TASKS[made_for], &mut Rng::new(seed));
            check(&text, TASKS[read_as])
        })
        .unwrap();
}

#[test]
fn every_valid_file_is_read_whole() {
    runner(1_000)
        .run(&valid_file(), |(text, task)| {
            let rows = csv::read(&text, task).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            let data_lines = text.lines().filter(|l| !l.starts_with("x1")).count();
            prop_assert_eq!(rows.points.len(), data_lines);
            Ok(())
        })
        .unwrap();
}

#[test]
fn random_points_write_and_read_back_bit_for_bit() {
    let points = proptest::collection::vec(((-5.0..5.0f64, -5.0..5.0f64), -10.0..10.0f64, any::<bool>()), 1..50);
    runner(1_000)
        .run(&points, |rows| {
            let (mut train, mut test) = (Points::new(Task::Regression), Points::new(Task::Regression));
            for &((x1, x2), label, is_test) in &rows {
                let to = if is_test && !train.is_empty() {
                    &mut test
                } else {
                    &mut train
                };
                to.add([x1, x2], label).unwrap();
            }
            let back = csv::read(&csv::write(&train, &test), Task::Regression).unwrap();
            let (train2, test2) = back.split(0.5, &mut Rng::new(2));
            prop_assert_eq!(train2, train);
            prop_assert_eq!(test2, test);
            Ok(())
        })
        .unwrap();
}
