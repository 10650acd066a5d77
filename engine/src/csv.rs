//! Points as CSV text: a learner's own file of `x1,x2,label` lines read in, and the points in
//! use written out as `x1,x2,label,set`, which reads back as the same points in the same sets.
//!
//! Reading is all or nothing: every bad line is reported with its number and reason, and then
//! no point is taken. Quotes of the file in a reason are at most [`QUOTE_CHARS`] characters.

use super::data::{Points, Task};
use super::rng::Rng;

/// Most data lines a file may have.
pub const MAX_ROWS: usize = 1000;
/// Most bytes a file may have (1000 exported rows take about 50 kB).
pub const MAX_BYTES: usize = 200_000;
/// Largest |x₁| and |x₂| taken. The output view shows ±1.5; the generated sets stay within it.
pub const COORD_LIMIT: f64 = 5.0;
/// Largest |label| taken as a regression target (the generated targets stay within ±1.1).
pub const TARGET_LIMIT: f64 = 10.0;
/// Most characters of the file quoted in a reason.
pub const QUOTE_CHARS: usize = 40;

/// The header line that [`write`] puts first.
pub const HEADER: &str = "x1,x2,label,set";

/// A column of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// The first input.
    X1,
    /// The second input.
    X2,
    /// The class, or the target of a regression.
    Label,
    /// `train` or `test`.
    Set,
}

impl Column {
    /// The column's name, as the header writes it.
    pub fn name(self) -> &'static str {
        match self {
            Column::X1 => "x1",
            Column::X2 => "x2",
            Column::Label => "label",
            Column::Set => "set",
        }
    }
}

/// Which set a row of the file goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Set {
    /// Trained on.
    Train,
    /// Held out to measure how well the network generalises.
    Test,
}

/// What is wrong with a line, or with the whole file.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A line has too few or too many values (`semicolons`: it holds a `;`, as some
    /// spreadsheets separate values).
    Columns {
        /// Values found.
        found: usize,
        /// Whether the line holds a semicolon.
        semicolons: bool,
    },
    /// A value is not a number (quoted).
    NotANumber {
        /// Its column.
        column: Column,
        /// What the file has there, cut to [`QUOTE_CHARS`].
        text: String,
    },
    /// A value is a number too large for any use (infinite or NaN included), or outside the
    /// limit of its column ([`COORD_LIMIT`], [`TARGET_LIMIT`]).
    OutOfRange {
        /// Its column.
        column: Column,
        /// What the file has there, cut to [`QUOTE_CHARS`].
        text: String,
        /// The column's limit: values must lie within ±limit.
        limit: f64,
    },
    /// A label that is not a class of the task (0 or 1 for two classes, 0 … k − 1 for k).
    NotAClass {
        /// What the file has there, cut to [`QUOTE_CHARS`].
        text: String,
        /// How many classes the task has.
        classes: usize,
    },
    /// The fourth value is neither `train` nor `test`.
    NotASet {
        /// What the file has there, cut to [`QUOTE_CHARS`].
        text: String,
    },
    /// This line is the first past [`MAX_ROWS`] data lines.
    TooManyRows,
    /// The file has no data line at all.
    Empty,
    /// The file is larger than [`MAX_BYTES`].
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// Every row says `test`: nothing would be left to train on.
    NoTrainingRow,
}

/// One reason a file was refused: a line's (`line`, 1-based) or the whole file's (`None`).
#[derive(Clone, Debug, PartialEq)]
pub struct CsvError {
    /// The line, counted from 1, or `None` for the whole file.
    pub line: Option<usize>,
    /// What is wrong.
    pub problem: Problem,
}

/// The points of a file that was read, each with the set its line names (if it names one).
#[derive(Clone, Debug, PartialEq)]
pub struct Rows {
    /// The points, in the file's order.
    pub points: Points,
    /// The set of each point, where its line has a fourth value.
    pub sets: Vec<Option<Set>>,
}

impl Rows {
    /// The training and test points: each row where its line says, the rows that say nothing
    /// split at random with `train_fraction` of them (at least one) for training when no row
    /// says train.
    pub fn split(&self, train_fraction: f64, rng: &mut Rng) -> (Points, Points) {
        let task = self.points.task;
        let (mut train, mut test) = (Points::new(task), Points::new(task));
        let mut free = Points::new(task);
        for ((x, &label), set) in self.points.xs.iter().zip(&self.points.labels).zip(&self.sets) {
            let to = match set {
                Some(Set::Train) => &mut train,
                Some(Set::Test) => &mut test,
                None => &mut free,
            };
            to.xs.push(*x);
            to.labels.push(label);
        }
        let (mut free_train, free_test) = free.split(train_fraction, rng);
        if train.is_empty() && free_train.is_empty() && !free_test.is_empty() {
            // `Points::split` keeps one point for training whenever it has any: unreachable, but
            // a training set must never be empty.
            free_train = free_test.clone();
        }
        train.xs.extend(free_train.xs);
        train.labels.extend(free_train.labels);
        test.xs.extend(free_test.xs);
        test.labels.extend(free_test.labels);
        (train, test)
    }
}

/// The first [`QUOTE_CHARS`] characters of `text`, control characters shown as U+FFFD and an
/// ellipsis where it was cut.
pub fn quote(text: &str) -> String {
    let mut out: String = text
        .chars()
        .take(QUOTE_CHARS)
        .map(|c| if c.is_control() { char::REPLACEMENT_CHARACTER } else { c })
        .collect();
    if text.chars().nth(QUOTE_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// A field without the spaces and the double quotes around it.
fn unquoted(field: &str) -> &str {
    let field = field.trim();
    field
        .strip_prefix('"')
        .and_then(|f| f.strip_suffix('"'))
        .map_or(field, str::trim)
}

/// Whether a line is a header: three or four values, none of them a number.
fn is_header(fields: &[&str]) -> bool {
    (3..=4).contains(&fields.len()) && fields.iter().all(|f| unquoted(f).parse::<f64>().is_err())
}

/// One number of `column`, within ±`limit`.
fn number(field: &str, column: Column, limit: f64) -> Result<f64, Problem> {
    let text = unquoted(field);
    let value: f64 = text.parse().map_err(|_| Problem::NotANumber {
        column,
        text: quote(text),
    })?;
    if value.is_finite() && value.abs() <= limit {
        Ok(value)
    } else {
        Err(Problem::OutOfRange {
            column,
            text: quote(text),
            limit,
        })
    }
}

/// One line's values as a point, its label and its set, or why not.
fn parse_line(fields: &[&str], task: Task) -> Result<([f64; 2], f64, Option<Set>), Problem> {
    if !(3..=4).contains(&fields.len()) {
        return Err(Problem::Columns {
            found: fields.len(),
            semicolons: fields.iter().any(|f| f.contains(';')),
        });
    }
    let x1 = number(fields[0], Column::X1, COORD_LIMIT)?;
    let x2 = number(fields[1], Column::X2, COORD_LIMIT)?;
    let label = match task {
        Task::Regression => number(fields[2], Column::Label, TARGET_LIMIT)?,
        Task::Binary | Task::Classes(_) => {
            let classes = if let Task::Classes(k) = task { k } else { 2 };
            let text = unquoted(fields[2]);
            match text.parse::<f64>() {
                Ok(l) if l.fract() == 0.0 && (0.0..classes as f64).contains(&l) => l,
                _ => {
                    return Err(Problem::NotAClass {
                        text: quote(text),
                        classes,
                    })
                }
            }
        }
    };
    let set = match fields.get(3).map(|f| unquoted(f)) {
        None => None,
        Some(s) if s.eq_ignore_ascii_case("train") => Some(Set::Train),
        Some(s) if s.eq_ignore_ascii_case("test") => Some(Set::Test),
        Some(s) => return Err(Problem::NotASet { text: quote(s) }),
    };
    Ok(([x1, x2], label, set))
}

/// Reads CSV text of `x1,x2,label` lines (and an optional fourth value, `train` or `test`) for
/// `task`. A first line of names, blank lines and a byte-order mark are skipped; values may have
/// spaces and double quotes around them. Every bad line is reported, and then nothing is read.
pub fn read(text: &str, task: Task) -> Result<Rows, Vec<CsvError>> {
    if text.len() > MAX_BYTES {
        return Err(vec![CsvError {
            line: None,
            problem: Problem::TooLarge { bytes: text.len() },
        }]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A file from an old Mac ends its lines with a carriage return alone.
    let lines: Box<dyn Iterator<Item = &str>> = if text.contains('\n') {
        Box::new(text.lines())
    } else {
        Box::new(text.split('\r'))
    };
    let mut rows = Rows {
        points: Points::new(task),
        sets: Vec::new(),
    };
    let mut errors = Vec::new();
    let (mut seen_line, mut data_lines) = (false, 0);
    for (k, raw) in lines.enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').collect();
        let first = !seen_line;
        seen_line = true;
        if first && is_header(&fields) {
            continue;
        }
        data_lines += 1;
        if data_lines > MAX_ROWS {
            errors.push(CsvError {
                line: Some(k + 1),
                problem: Problem::TooManyRows,
            });
            break;
        }
        match parse_line(&fields, task) {
            Ok((x, label, set)) => {
                rows.points.xs.push(x);
                rows.points.labels.push(label);
                rows.sets.push(set);
            }
            Err(problem) => errors.push(CsvError {
                line: Some(k + 1),
                problem,
            }),
        }
    }
    if errors.is_empty() && rows.points.is_empty() {
        errors.push(CsvError {
            line: None,
            problem: Problem::Empty,
        });
    }
    if errors.is_empty() && rows.sets.iter().all(|&s| s == Some(Set::Test)) {
        errors.push(CsvError {
            line: None,
            problem: Problem::NoTrainingRow,
        });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// A number as the file writes it: whole numbers without a point, others in the shortest form
/// that reads back to the same `f64`.
fn write_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x}")
    } else {
        format!("{x:?}")
    }
}

/// The training and test points as CSV: the [`HEADER`], then one `x1,x2,label,set` line a
/// point, the training points first. [`read`] gives them back, bit for bit, in the same sets.
pub fn write(train: &Points, test: &Points) -> String {
    let mut out = String::with_capacity(48 * (train.len() + test.len() + 1));
    out.push_str(HEADER);
    out.push('\n');
    for (points, set) in [(train, "train"), (test, "test")] {
        for (x, &label) in points.xs.iter().zip(&points.labels) {
            let line = [write_number(x[0]), write_number(x[1]), write_number(label)].join(",");
            out.push_str(&line);
            out.push(',');
            out.push_str(set);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str, task: Task) -> Vec<(Option<usize>, Problem)> {
        read(text, task)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.line, e.problem))
            .collect()
    }

    #[test]
    fn a_good_file_is_read_with_or_without_a_header_and_sets() {
        let rows = read("x1,x2,label\n0.5,-0.25,1\n\n  -1 , 2e-1 , 0  \n", Task::Binary).unwrap();
        assert_eq!(rows.points.xs, [[0.5, -0.25], [-1.0, 0.2]]);
        assert_eq!((rows.points.labels, rows.sets), (vec![1.0, 0.0], vec![None, None]));
        let excel = read("\u{feff}\"x1\";\"x2\"\r\n", Task::Binary);
        assert!(excel.is_err(), "a semicolon file is refused");
        let quoted = read("\u{feff}\"x1\",\"x2\",\"y\"\r\n\"0.1\",\"0.2\",\"1\"\r\n", Task::Binary).unwrap();
        assert_eq!((quoted.points.xs, quoted.points.labels), (vec![[0.1, 0.2]], vec![1.0]));
        let sets = read("0,0,1,train\n1,1,0,TEST\n", Task::Binary).unwrap();
        assert_eq!(sets.sets, [Some(Set::Train), Some(Set::Test)]);
        let reg = read("0,0,-3.5\n", Task::Regression).unwrap();
        assert_eq!(reg.points.labels, [-3.5]);
        let mac = read("x1,x2,label\r0,0,2\r1,1,0", Task::Classes(3)).unwrap();
        assert_eq!(mac.points.labels, [2.0, 0.0], "lines ended by a carriage return alone");
    }

    #[test]
    fn every_bad_line_is_reported_with_its_number_and_nothing_is_read() {
        let text = "x1,x2,label\n0.5,0.5,1\n0.1,0.2\nabc,0,1\n0,NaN,0\n0,0,2\n0,0,1,4\n0;0;1\n0,7,1\n1e400,0,1\n";
        let got = problems(text, Task::Binary);
        let number = |column, text: &str| Problem::NotANumber {
            column,
            text: text.to_string(),
        };
        let range = |column, text: &str| Problem::OutOfRange {
            column,
            text: text.to_string(),
            limit: COORD_LIMIT,
        };
        assert_eq!(
            got,
            [
                (
                    Some(3),
                    Problem::Columns {
                        found: 2,
                        semicolons: false
                    }
                ),
                (Some(4), number(Column::X1, "abc")),
                (Some(5), range(Column::X2, "NaN")),
                (
                    Some(6),
                    Problem::NotAClass {
                        text: "2".into(),
                        classes: 2
                    }
                ),
                (Some(7), Problem::NotASet { text: "4".into() }),
                (
                    Some(8),
                    Problem::Columns {
                        found: 1,
                        semicolons: true
                    }
                ),
                (Some(9), range(Column::X2, "7")),
                (Some(10), range(Column::X1, "1e400")),
            ]
        );
        assert_eq!(
            problems("0,0,1.5\n0,0,3\n", Task::Classes(3)),
            [
                (
                    Some(1),
                    Problem::NotAClass {
                        text: "1.5".into(),
                        classes: 3
                    }
                ),
                (
                    Some(2),
                    Problem::NotAClass {
                        text: "3".into(),
                        classes: 3
                    }
                ),
            ]
        );
        let target = problems("0,0,11\n", Task::Regression);
        assert_eq!(
            target,
            [(
                Some(1),
                Problem::OutOfRange {
                    column: Column::Label,
                    text: "11".into(),
                    limit: TARGET_LIMIT
                }
            )]
        );
    }

    #[test]
    fn whole_file_problems_have_no_line() {
        assert_eq!(problems("", Task::Binary), [(None, Problem::Empty)]);
        assert_eq!(problems("x1,x2,label\n\n \n", Task::Binary), [(None, Problem::Empty)]);
        assert_eq!(problems("0,0,1,test\n", Task::Binary), [(None, Problem::NoTrainingRow)]);
        let big = "0,0,1\n".repeat(MAX_ROWS + 5);
        assert_eq!(
            problems(&big, Task::Binary),
            [(Some(MAX_ROWS + 1), Problem::TooManyRows)],
            "the first line past the limit, and no more"
        );
        let header_and_most = format!("x1,x2,label\n{}", "0,0,1\n".repeat(MAX_ROWS));
        assert_eq!(read(&header_and_most, Task::Binary).unwrap().points.len(), MAX_ROWS);
        let huge = "0".repeat(MAX_BYTES + 1);
        assert_eq!(
            problems(&huge, Task::Binary),
            [(None, Problem::TooLarge { bytes: MAX_BYTES + 1 })]
        );
    }

    #[test]
    fn a_quote_is_short_and_shows_no_control_characters() {
        let long = "é".repeat(100);
        let q = quote(&long);
        assert_eq!(q.chars().count(), QUOTE_CHARS + 1);
        assert!(q.ends_with('…'));
        assert_eq!(quote("a\u{0}b"), "a\u{fffd}b");
        assert_eq!(
            quote(&"x".repeat(QUOTE_CHARS)),
            "x".repeat(QUOTE_CHARS),
            "not cut: no ellipsis"
        );
        let got = problems(&format!("{},0,1\n", "y".repeat(500)), Task::Binary);
        assert_eq!(
            got,
            [(
                Some(1),
                Problem::NotANumber {
                    column: Column::X1,
                    text: format!("{}…", "y".repeat(QUOTE_CHARS))
                }
            )]
        );
    }

    #[test]
    fn what_is_written_reads_back_bit_for_bit_in_the_same_sets() {
        let mut train = Points::new(Task::Regression);
        let mut test = Points::new(Task::Regression);
        for (x, l) in [([0.1, -0.2], 0.3), ([1e-7, -0.0], -1.0 / 3.0), ([4.999, 2.0], 9.5)] {
            train.add(x, l).unwrap();
        }
        test.add([-1.5, 1.25], 1e-300).unwrap();
        let text = write(&train, &test);
        assert!(text.starts_with("x1,x2,label,set\n0.1,-0.2,0.3,train\n"), "{text}");
        assert!(text.ends_with("-1.5,1.25,1e-300,test\n"), "{text}");
        let rows = read(&text, Task::Regression).unwrap();
        let (back_train, back_test) = rows.split(0.5, &mut Rng::new(1));
        let bits = |p: &Points| -> Vec<[u64; 3]> {
            p.xs.iter()
                .zip(&p.labels)
                .map(|(x, l)| [x[0].to_bits(), x[1].to_bits(), l.to_bits()])
                .collect()
        };
        assert_eq!(bits(&back_train), bits(&train));
        assert_eq!(bits(&back_test), bits(&test));
    }

    #[test]
    fn rows_without_a_set_are_split_by_the_training_share() {
        let text = "0,0,1\n".repeat(10) + "1,1,0,test\n";
        let rows = read(&text, Task::Binary).unwrap();
        let (train, test) = rows.split(0.8, &mut Rng::new(3));
        assert_eq!(
            (train.len(), test.len()),
            (8, 3),
            "8 of the 10 free rows, and the test row"
        );
        assert!(test.xs.contains(&[1.0, 1.0]));
    }
}
