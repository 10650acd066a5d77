//! Your own data: points added and removed by clicking on the output view, or read from a CSV
//! file. Once edited, the lab trains on these points instead of the generated set; the weights
//! are kept (the inputs are still x₁ and x₂, the task the same), and the costs and readouts are
//! measured again at once. Clicked points go to the training set: they are what the learner wants
//! the network to learn. Noise, number of points and training share describe a generated set:
//! they do nothing to your own points; Regenerate and the dataset picker go back to a generated set.

use super::{Action, Lab, Notice};
use crate::core::csv::{self, CsvError, MAX_ROWS};
use crate::core::{Points, Rng, Task};
use std::rc::Rc;

/// A change to your own data.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Clicks on the output view add and remove points (true), or pick a training sample (false).
    Editing(bool),
    /// New points get this label: a class, or the target +1 or −1 for a regression.
    Pen(f64),
    /// A training point at `at` (x₁, x₂) with the pen's label, or with the other one (`other`:
    /// Shift was held): the other class of two, the next of several, the opposite sign.
    Add {
        /// Where, in the plane's coordinates.
        at: [f64; 2],
        /// Whether to use the other label.
        other: bool,
    },
    /// Takes away point `index` of the training set, or of the test set (`test`).
    Remove {
        /// Whether it is a test point.
        test: bool,
        /// Its index in its set.
        index: usize,
    },
    /// Your data becomes the points of this CSV file (its text); a broken file changes nothing.
    Import(Rc<str>),
}

/// Why a clicked point was not added or removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointRefusal {
    /// There are [`MAX_ROWS`] points already (what a CSV file may hold, so that an export reads back).
    TooMany,
    /// The last training point stays: there must be something to train on.
    LastTrainingPoint,
    /// Noise, number of points and training share describe a generated set, not your own points.
    GeneratedOnly,
}

/// Your own points, if the data was edited, and how clicks edit it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OwnData {
    editing: bool,
    pen: Option<f64>,
    points: Option<Rc<(Points, Points)>>,
    /// The training cost on the data as it was last changed, if it changed during this run.
    changed_cost: Option<f64>,
}

impl OwnData {
    /// Whether clicks on the output view add and remove points.
    pub fn editing(&self) -> bool {
        self.editing
    }

    /// The training and test points, once the data was edited or imported.
    pub fn points(&self) -> Option<&(Points, Points)> {
        self.points.as_deref()
    }

    /// The label new points get for `task`: the one chosen if it fits, else class 1 (the
    /// positive, blue one) or the target +1.
    pub fn pen(&self, task: Task) -> f64 {
        self.pen.filter(|&p| pens(task).contains(&p)).unwrap_or(1.0)
    }

    /// Back to the generated set.
    pub fn forget(&mut self) {
        self.points = None;
    }

    /// A new run starts: its first cost is measured on the data as it is.
    pub(super) fn new_run(&mut self) {
        self.changed_cost = None;
    }
}

/// The labels a click can give for `task`, as the toggle offers them.
pub fn pens(task: Task) -> Vec<f64> {
    match task {
        Task::Binary => vec![0.0, 1.0],
        Task::Classes(k) => (0..k).map(|c| c as f64).collect(),
        Task::Regression => vec![-1.0, 1.0],
    }
}

/// The label other than `pen` that Shift gives for `task`.
fn other_label(task: Task, pen: f64) -> f64 {
    match task {
        Task::Binary => 1.0 - pen,
        Task::Classes(k) => ((pen as usize + 1) % k.max(1)) as f64,
        Task::Regression => -pen,
    }
}

impl Lab {
    /// Your own points and how clicks edit them.
    pub fn own_data(&self) -> &OwnData {
        &self.own
    }

    /// The data in use as CSV ([`csv::write`]): your own points, or the generated set.
    pub fn data_csv(&self) -> String {
        match self.own.points() {
            Some((train, test)) => csv::write(train, test),
            None => {
                let (train, test) = self.generated();
                csv::write(&train, &test)
            }
        }
    }

    /// The generated points of the settings (the run draws the same ones).
    fn generated(&self) -> (Points, Points) {
        self.settings.data.generate().unwrap_or_else(|_| {
            // The table's limits keep the settings valid; should they not be, nothing is lost.
            let task = self.settings.data.kind.task();
            (Points::new(task), Points::new(task))
        })
    }

    /// Carries out an edit of the data.
    pub(super) fn edit(&mut self, edit: Edit) {
        let task = self.settings.data.kind.task();
        match edit {
            Edit::Editing(on) => self.own.editing = on,
            Edit::Pen(label) => {
                if pens(task).contains(&label) {
                    self.own.pen = Some(label);
                }
            }
            Edit::Add { at, other } => {
                let pen = self.own.pen(task);
                let label = if other { other_label(task, pen) } else { pen };
                let (mut train, test) = self.current();
                if train.len() + test.len() >= MAX_ROWS {
                    self.message = Some(Notice::PointRefused(PointRefusal::TooMany));
                    return;
                }
                let fits = at.iter().all(|x| x.abs() <= csv::COORD_LIMIT);
                if !fits || train.add(at, label).is_err() {
                    // A click always lands in the view; anything else is no point of it.
                    return;
                }
                self.use_points(train, test, None);
            }
            Edit::Remove { test: from_test, index } => {
                let (mut train, mut test) = self.current();
                let set = if from_test { &mut test } else { &mut train };
                if index >= set.len() {
                    return;
                }
                if !from_test && set.len() == 1 {
                    self.message = Some(Notice::PointRefused(PointRefusal::LastTrainingPoint));
                    return;
                }
                set.xs.remove(index);
                set.labels.remove(index);
                self.use_points(train, test, (!from_test).then_some(index));
            }
            Edit::Import(text) => match csv::read(&text, task) {
                Ok(rows) => {
                    let share = self.settings.data.train_fraction;
                    let (train, test) = rows.split(share, &mut Rng::new(self.settings.data.seed));
                    let outside = train
                        .xs
                        .iter()
                        .chain(&test.xs)
                        .filter(|x| x.iter().any(|v| v.abs() > crate::app::draw::field::EXTENT))
                        .count();
                    let counts = (train.len(), test.len(), outside);
                    self.use_points(train, test, None);
                    self.selection.pick(0, self.run.train().len());
                    self.message = Some(Notice::Imported {
                        train: counts.0,
                        test: counts.1,
                        outside: counts.2,
                    });
                }
                Err(errors) => self.message = Some(Notice::BadCsv(Rc::new(errors))),
            },
        }
    }

    /// The points in use, your own or the generated ones, to be edited.
    fn current(&self) -> (Points, Points) {
        match self.own.points() {
            Some((train, test)) => (train.clone(), test.clone()),
            None => self.generated(),
        }
    }

    /// Trains on these points from now on, with the same weights: the walk ends (its numbers were
    /// for the old data), the chosen sample follows the removal of training point `removed`, and
    /// the costs and readouts are measured again.
    fn use_points(&mut self, train: Points, test: Points, removed: Option<usize>) {
        self.run.set_points(&train, &test, &self.settings.features);
        self.own.points = Some(Rc::new((train, test)));
        self.walk.end();
        let sample = self.selection.sample();
        let sample = match removed {
            Some(r) if r < sample => sample - 1,
            _ => sample,
        };
        let len = self.run.train().len();
        self.selection.pick(sample.min(len.saturating_sub(1)), len);
        self.message = None;
        self.restate();
        self.own.changed_cost = self.record.latest().map(|c| c.train);
    }

    /// The training cost a cost must grow to [`EXPLODED`](super::EXPLODED) times for training to
    /// count as exploded: the run's first, or the cost right after the data last changed if that
    /// is higher (new points can raise the cost a lot, and that is no explosion).
    pub(super) fn explosion_baseline(&self) -> f64 {
        let first = self.record.history().first().map_or(f64::INFINITY, |c| c.train);
        self.own.changed_cost.map_or(first, |changed| first.max(changed))
    }

    /// What `action` does to your own points before it is carried out: picking a dataset or
    /// Regenerate goes back to a generated set; a setting of generated data (noise, points,
    /// training share) is refused with a message while your own points are in use (true: the
    /// action is not carried out, the points stay).
    pub(super) fn own_data_first(&mut self, action: &Action) -> bool {
        match action {
            Action::SetDataset(_) | Action::Regenerate => self.own.forget(),
            Action::SetNoise(_) | Action::SetPoints(_) | Action::SetTrainShare(_) if self.own.points.is_some() => {
                self.message = Some(Notice::PointRefused(PointRefusal::GeneratedOnly));
                return true;
            }
            _ => {}
        }
        false
    }
}

/// The errors of a refused file, kept behind an `Rc`: a notice is cloned with the lab.
pub type CsvErrors = Rc<Vec<CsvError>>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::settings::Settings;
    use crate::core::DatasetKind;

    fn lab() -> Lab {
        Lab::new(Settings::default())
    }

    fn edit(lab: &mut Lab, edit: Edit) {
        lab.apply(Action::Edit(edit));
    }

    /// The plane's training points as (x₁, x₂, first target).
    fn plane_train(lab: &Lab) -> Vec<(f64, f64, f64)> {
        let train = &lab.run().plane().0;
        (0..train.len())
            .map(|i| (train.input(i)[0], train.input(i)[1], train.target(i)[0]))
            .collect()
    }

    #[test]
    fn a_click_adds_a_training_point_and_keeps_the_weights() {
        let mut lab = lab();
        lab.apply(Action::Step);
        let weights = lab.trainer().network().params().to_vec();
        let (train, test) = (lab.run().train().len(), lab.run().test().len());
        let cost = lab.latest_cost().unwrap().train;
        edit(&mut lab, Edit::Pen(0.0));
        edit(
            &mut lab,
            Edit::Add {
                at: [0.3, -0.4],
                other: false,
            },
        );
        assert_eq!((lab.run().train().len(), lab.run().test().len()), (train + 1, test));
        assert_eq!(
            plane_train(&lab).last(),
            Some(&(0.3, -0.4, 0.0)),
            "class 0, at the click"
        );
        assert_eq!(lab.trainer().network().params(), &weights[..], "the weights are kept");
        assert_ne!(
            lab.latest_cost().unwrap().train,
            cost,
            "the cost is measured on the new data"
        );
        assert_eq!(
            lab.record().history().len(),
            2,
            "restated, not a new point on the chart"
        );
        edit(
            &mut lab,
            Edit::Add {
                at: [0.5, 0.5],
                other: true,
            },
        );
        assert_eq!(
            plane_train(&lab).last(),
            Some(&(0.5, 0.5, 1.0)),
            "Shift: the other class"
        );
        assert_eq!(lab.own_data().points().unwrap().0.len(), train + 2);
        // The run goes on with the new data.
        lab.apply(Action::Step);
        assert_eq!(lab.trainer().steps(), 2);
    }

    #[test]
    fn the_other_label_of_several_classes_and_of_a_regression() {
        let mut lab = Lab::new(Settings {
            data: crate::core::DataSettings {
                kind: DatasetKind::Blobs,
                ..Default::default()
            },
            ..Settings::default()
        });
        edit(&mut lab, Edit::Pen(2.0));
        edit(
            &mut lab,
            Edit::Add {
                at: [0.0, 0.0],
                other: true,
            },
        );
        let train = &lab.run().plane().0;
        assert_eq!(
            train.target(train.len() - 1),
            [1.0, 0.0, 0.0],
            "after class 2 comes class 0"
        );
        edit(&mut lab, Edit::Pen(7.0));
        assert_eq!(lab.own_data().pen(Task::Classes(3)), 2.0, "no class 7: the pen stays");
        lab.apply(Action::SetDataset(DatasetKind::Plane));
        assert!(lab.own_data().points().is_none(), "a dataset picked is that dataset");
        assert_eq!(lab.own_data().pen(Task::Regression), 1.0, "class 2 is no target: +1");
        edit(
            &mut lab,
            Edit::Add {
                at: [0.1, 0.1],
                other: true,
            },
        );
        assert_eq!(plane_train(&lab).last(), Some(&(0.1, 0.1, -1.0)));
    }

    #[test]
    fn a_click_on_a_point_removes_it_and_the_chosen_sample_follows() {
        let mut lab = lab();
        lab.apply(Action::PickSample(10));
        let before = plane_train(&lab);
        edit(&mut lab, Edit::Remove { test: false, index: 3 });
        let after = plane_train(&lab);
        assert_eq!(after.len(), before.len() - 1);
        assert_eq!(after[3], before[4]);
        assert_eq!(lab.selection().sample(), 9, "still the same point");
        let tests = lab.run().test().len();
        edit(&mut lab, Edit::Remove { test: true, index: 0 });
        assert_eq!(lab.run().test().len(), tests - 1);
        edit(&mut lab, Edit::Remove { test: true, index: 999 });
        assert_eq!(lab.run().test().len(), tests - 1, "no such point: nothing happens");
        for _ in 1..tests {
            edit(&mut lab, Edit::Remove { test: true, index: 0 });
        }
        assert_eq!(lab.run().test().len(), 0);
        let cost = lab.latest_cost().unwrap();
        assert!(
            cost.train.is_finite() && cost.test.is_nan(),
            "no test points: no test cost, not 0"
        );
        assert!(lab.record().accuracy().unwrap().1.is_nan());
        lab.apply(Action::Step);
        assert!(lab.latest_cost().unwrap().train.is_finite(), "training goes on");
    }

    #[test]
    fn the_last_training_point_and_the_thousand_and_first_are_refused() {
        let mut lab = lab();
        edit(&mut lab, Edit::Import("0,0,1\n".into()));
        assert_eq!(lab.run().train().len(), 1);
        edit(&mut lab, Edit::Remove { test: false, index: 0 });
        assert_eq!(lab.run().train().len(), 1);
        assert_eq!(
            lab.message(),
            Some(&Notice::PointRefused(PointRefusal::LastTrainingPoint))
        );
        edit(&mut lab, Edit::Import("0,0,1\n".repeat(MAX_ROWS).into()));
        assert_eq!(lab.run().train().len() + lab.run().test().len(), MAX_ROWS);
        edit(
            &mut lab,
            Edit::Add {
                at: [0.0, 0.0],
                other: false,
            },
        );
        assert_eq!(lab.run().train().len() + lab.run().test().len(), MAX_ROWS);
        assert_eq!(lab.message(), Some(&Notice::PointRefused(PointRefusal::TooMany)));
    }

    #[test]
    fn an_import_replaces_the_data_and_keeps_the_weights() {
        let mut lab = lab();
        lab.apply(Action::Step);
        let weights = lab.trainer().network().params().to_vec();
        edit(
            &mut lab,
            Edit::Import("x1,x2,label\n0.5,0.5,1,train\n-0.5,-0.5,0,train\n2,0,0,test\n".into()),
        );
        assert_eq!(plane_train(&lab), [(0.5, 0.5, 1.0), (-0.5, -0.5, 0.0)]);
        assert_eq!(lab.run().test().len(), 1);
        assert_eq!(lab.trainer().network().params(), &weights[..]);
        assert_eq!(
            lab.message(),
            Some(&Notice::Imported {
                train: 2,
                test: 1,
                outside: 1
            }),
            "(2, 0) lies outside the view's ±1.5"
        );
        // Reset: new first weights, your points kept.
        lab.apply(Action::Reset);
        assert_eq!(plane_train(&lab).len(), 2);
        // Noise applies to generated sets only: refused, the points stay.
        lab.apply(Action::SetNoise(0.3));
        assert_eq!(plane_train(&lab).len(), 2);
        assert_eq!(lab.message(), Some(&Notice::PointRefused(PointRefusal::GeneratedOnly)));
        assert_eq!(lab.settings().data.noise, 0.1);
        // Regenerate goes back to a generated set.
        lab.apply(Action::Regenerate);
        assert!(lab.own_data().points().is_none());
        assert_eq!(lab.run().train().len(), 200);
    }

    #[test]
    fn a_cost_raised_by_new_data_is_no_explosion() {
        let mut lab = Lab::new(Settings {
            data: crate::core::DataSettings {
                kind: DatasetKind::Plane,
                ..Default::default()
            },
            ..Settings::default()
        });
        lab.apply(Action::Step);
        let first = lab.record().history()[0].train;
        let far: String = (0..40)
            .map(|k| format!("0.{k:02},0.5,{}\n", if k % 2 == 0 { 9.5 } else { -9.5 }))
            .collect();
        edit(&mut lab, Edit::Import(far.into()));
        let raised = lab.latest_cost().unwrap().train;
        assert!(raised > 10.0 * first, "targets of ±9.5: {raised} against {first}");
        lab.apply(Action::Step);
        assert_ne!(
            lab.message(),
            Some(&Notice::Diverged),
            "a step on the new data is no divergence"
        );
        assert_eq!(lab.trainer().steps(), 2);
        // A learning rate that does blow the cost up is still caught.
        lab.apply(Action::SetLearningRate(10.0));
        for _ in 0..20 {
            lab.apply(Action::Step);
        }
        assert_eq!(lab.message(), Some(&Notice::Diverged));
    }

    #[test]
    fn a_broken_import_changes_nothing_and_says_which_lines() {
        let mut lab = lab();
        edit(
            &mut lab,
            Edit::Add {
                at: [0.1, 0.1],
                other: false,
            },
        );
        lab.apply(Action::Step);
        let before = lab.clone();
        edit(&mut lab, Edit::Import("x1,x2,label\n0,0,1\n0,zero,1\n0,0,5\n".into()));
        let Some(Notice::BadCsv(errors)) = lab.message() else {
            panic!("{:?}", lab.message())
        };
        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [Some(3), Some(4)]);
        lab.apply(Action::DismissMessage);
        assert_eq!(lab, before, "data, weights, record: all as before");
    }

    #[test]
    fn the_export_is_the_data_and_reads_back_as_it() {
        let mut lab = lab();
        let generated = lab.data_csv();
        assert_eq!(generated.lines().count(), 251, "a header and 250 points");
        assert_eq!(generated.lines().filter(|l| l.ends_with(",test")).count(), 50);
        edit(&mut lab, Edit::Remove { test: false, index: 0 });
        edit(
            &mut lab,
            Edit::Add {
                at: [0.25, -0.75],
                other: false,
            },
        );
        let text = lab.data_csv();
        let mut other = Lab::new(Settings::default());
        other.apply(Action::Edit(Edit::Import(text.as_str().into())));
        assert_eq!(plane_train(&other), plane_train(&lab));
        assert_eq!(other.data_csv(), text);
        assert!(text.contains("\n0.25,-0.75,1,train\n"), "a clicked point trains");
    }

    #[test]
    fn a_first_edit_starts_from_the_points_drawn() {
        let mut lab = lab();
        let before = plane_train(&lab);
        edit(
            &mut lab,
            Edit::Add {
                at: [0.0, 0.0],
                other: false,
            },
        );
        assert_eq!(plane_train(&lab)[..before.len()], before[..]);
        // A new network shape keeps your points.
        lab.apply(Action::AddLayer);
        assert_eq!(plane_train(&lab).len(), before.len() + 1);
    }
}
