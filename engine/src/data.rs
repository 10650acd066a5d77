//! The 2-D datasets a learner trains on: labelled points (x₁, x₂), generated from a seed, added
//! by hand, or imported from CSV ([`csv`](super::csv)).
//!
//! Every generated set lies in about [−1, 1]². `noise` (0–0.5) jitters each point by a normal
//! offset of standard deviation noise·0.5; for the regression sets it adds normal noise of that
//! deviation to the target instead.

use super::dataset::Dataset;
use super::rng::Rng;
use std::fmt;

/// Label of a cat in [`DatasetKind::CatsDogs`].
pub const CAT: f64 = 0.0;
/// Label of a dog in [`DatasetKind::CatsDogs`].
pub const DOG: f64 = 1.0;
/// What the two inputs of [`DatasetKind::CatsDogs`] mean, each scaled to −1 … 1.
pub const CATS_DOGS_FEATURES: [&str; 2] = ["ear pointiness", "snout length"];
/// Fewest and most points a generated set may have.
pub const POINTS_RANGE: (usize, usize) = (50, 1000);
/// Least and most noise a generated set may have (a share of the jitter's full width).
pub const NOISE_RANGE: (f64, f64) = (0.0, 0.5);
/// Least and most of the points a run may train on; the rest are the test set.
pub const TRAIN_SHARE_RANGE: (f64, f64) = (0.1, 0.9);

/// What the labels mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Task {
    /// Two classes, labelled 0 and 1.
    Binary,
    /// 3 or 4 classes, labelled 0 … k − 1.
    Classes(usize),
    /// A real-valued target.
    Regression,
}

impl Task {
    /// Whether `label` is a valid label for this task, and why not.
    pub fn check_label(self, label: f64) -> Result<(), String> {
        if !label.is_finite() {
            return Err("the label is not a finite number".to_string());
        }
        match self {
            Task::Binary if label != 0.0 && label != 1.0 => Err(format!("label {label} is not 0 or 1")),
            Task::Classes(k) if label.fract() != 0.0 || label < 0.0 || label >= k as f64 => {
                Err(format!("label {label} is not a class 0–{}", k.saturating_sub(1)))
            }
            _ => Ok(()),
        }
    }
}

/// The generated datasets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DatasetKind {
    /// The article's example: cats (0) and dogs (1) by ear pointiness (x₁) and snout length (x₂).
    /// Cats gather in one place; dogs of several kinds surround them, so no straight line
    /// separates the two.
    CatsDogs,
    /// A disc of radius 0.5 (label 1) inside a ring from 0.7 to 1.0 (label 0).
    Circle,
    /// Label 1 where x₁ and x₂ have the same sign, with a gap of 0.1 around the axes.
    Xor,
    /// Two round clusters, label 1 around (0.5, 0.5) and 0 around (−0.5, −0.5).
    Gaussians,
    /// Two interleaved spiral arms.
    Spiral,
    /// Two interleaved half circles.
    Moons,
    /// Three clusters, classes 0, 1 and 2.
    Blobs,
    /// Regression: the target is (x₁ + 2x₂)/3, a tilted plane.
    Plane,
    /// Regression: the target is a sum of three Gaussian bumps, two up and one down.
    Bumps,
}

impl DatasetKind {
    /// Every set, in the order a picker shows them (the article's first).
    pub const ALL: [DatasetKind; 9] = [
        DatasetKind::CatsDogs,
        DatasetKind::Circle,
        DatasetKind::Xor,
        DatasetKind::Gaussians,
        DatasetKind::Spiral,
        DatasetKind::Moons,
        DatasetKind::Blobs,
        DatasetKind::Plane,
        DatasetKind::Bumps,
    ];

    /// The short name used in files and URLs.
    pub fn name(self) -> &'static str {
        match self {
            DatasetKind::CatsDogs => "cats_dogs",
            DatasetKind::Circle => "circle",
            DatasetKind::Xor => "xor",
            DatasetKind::Gaussians => "gaussians",
            DatasetKind::Spiral => "spiral",
            DatasetKind::Moons => "moons",
            DatasetKind::Blobs => "blobs",
            DatasetKind::Plane => "plane",
            DatasetKind::Bumps => "bumps",
        }
    }

    /// What its labels mean.
    pub fn task(self) -> Task {
        match self {
            DatasetKind::Blobs => Task::Classes(3),
            DatasetKind::Plane | DatasetKind::Bumps => Task::Regression,
            _ => Task::Binary,
        }
    }
}

/// A setting of a generated set that was refused; `Display` gives a sentence a learner can read.
#[derive(Clone, Debug, PartialEq)]
pub enum DataError {
    /// Too few or too many points.
    Points(usize),
    /// Noise outside 0–0.5.
    Noise(f64),
    /// Training share outside 10–90 %.
    TrainFraction(f64),
    /// A point or label that does not fit.
    BadPoint(String),
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (lo, hi) = POINTS_RANGE;
        match self {
            DataError::Points(n) => write!(f, "the number of points must be between {lo} and {hi} ({n} asked)"),
            DataError::Noise(_) => {
                let (lo, hi) = NOISE_RANGE;
                write!(f, "noise must be between {} and {} %", lo * 100.0, hi * 100.0)
            }
            DataError::TrainFraction(_) => {
                let (lo, hi) = TRAIN_SHARE_RANGE;
                write!(
                    f,
                    "the training share must be between {} and {} %",
                    lo * 100.0,
                    hi * 100.0
                )
            }
            DataError::BadPoint(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for DataError {}

/// The settings of a generated set, validated once by [`DataSettings::check`].
#[derive(Clone, Debug, PartialEq)]
pub struct DataSettings {
    /// Which set.
    pub kind: DatasetKind,
    /// Number of points, train and test together (50–1000).
    pub points: usize,
    /// Jitter, 0–0.5.
    pub noise: f64,
    /// Share of the points used for training, 0.1–0.9.
    pub train_fraction: f64,
    /// Seed of the points and of the split.
    pub seed: u64,
}

impl Default for DataSettings {
    fn default() -> Self {
        Self {
            kind: DatasetKind::CatsDogs,
            points: 250,
            noise: 0.1,
            train_fraction: 0.8,
            seed: 42,
        }
    }
}

impl DataSettings {
    /// Refuses any setting out of its range, with the reason.
    pub fn check(&self) -> Result<(), DataError> {
        let (lo, hi) = POINTS_RANGE;
        if !(lo..=hi).contains(&self.points) {
            return Err(DataError::Points(self.points));
        }
        if !(NOISE_RANGE.0..=NOISE_RANGE.1).contains(&self.noise) {
            return Err(DataError::Noise(self.noise));
        }
        if !(TRAIN_SHARE_RANGE.0..=TRAIN_SHARE_RANGE.1).contains(&self.train_fraction) {
            return Err(DataError::TrainFraction(self.train_fraction));
        }
        Ok(())
    }

    /// The training and test points these settings describe.
    pub fn generate(&self) -> Result<(Points, Points), DataError> {
        self.check()?;
        let mut rng = Rng::new(self.seed);
        let all = Points::generate(self.kind, self.points, self.noise, &mut rng);
        Ok(all.split(self.train_fraction, &mut rng))
    }
}

/// Labelled points: `labels[i]` is 0/1 for [`Task::Binary`], the class index for
/// [`Task::Classes`], the target value for [`Task::Regression`].
#[derive(Clone, Debug, PartialEq)]
pub struct Points {
    /// What the labels mean.
    pub task: Task,
    /// The points (x₁, x₂).
    pub xs: Vec<[f64; 2]>,
    /// One label per point.
    pub labels: Vec<f64>,
}

/// A normal sample around `center` with deviation `sd` in each coordinate.
fn around(rng: &mut Rng, center: [f64; 2], sd: f64) -> [f64; 2] {
    [center[0] + sd * rng.normal(), center[1] + sd * rng.normal()]
}

fn bumps(x: [f64; 2]) -> f64 {
    let bump = |c: [f64; 2], s: f64, h: f64| {
        let d2 = (x[0] - c[0]).powi(2) + (x[1] - c[1]).powi(2);
        h * libm::exp(-d2 / (2.0 * s * s))
    };
    bump([0.4, 0.4], 0.35, 1.0) + bump([-0.4, -0.3], 0.35, -1.0) + bump([-0.3, 0.5], 0.25, 0.6)
}

impl Points {
    /// No points yet, for `task`.
    pub fn new(task: Task) -> Self {
        Self {
            task,
            xs: Vec::new(),
            labels: Vec::new(),
        }
    }

    /// `n` points of `kind` with the given noise (see the module docs), from `rng`.
    pub fn generate(kind: DatasetKind, n: usize, noise: f64, rng: &mut Rng) -> Points {
        let mut points = Points::new(kind.task());
        let jitter = noise * 0.5;
        let tau = std::f64::consts::TAU;
        for k in 0..n {
            let (x, label) = match kind {
                DatasetKind::Circle => {
                    let inside = k % 2 == 0;
                    let r = if inside {
                        rng.uniform(0.0, 0.5)
                    } else {
                        rng.uniform(0.7, 1.0)
                    };
                    let angle = rng.uniform(0.0, tau);
                    (
                        [r * libm::cos(angle), r * libm::sin(angle)],
                        if inside { 1.0 } else { 0.0 },
                    )
                }
                DatasetKind::CatsDogs => {
                    if k % 2 == 0 {
                        (around(rng, [0.35, -0.35], 0.17), CAT)
                    } else {
                        // Beagles (floppy ears, long snouts), huskies (pointy ears, long snouts),
                        // pugs (floppy ears, short snouts), chihuahuas (very pointy ears, very short snouts).
                        let u = rng.next_f64();
                        let (center, sd) = match u {
                            u if u < 0.3 => ([-0.5, 0.45], 0.2),
                            u if u < 0.55 => ([0.55, 0.45], 0.15),
                            u if u < 0.75 => ([-0.45, -0.6], 0.15),
                            _ => ([0.85, -0.85], 0.1),
                        };
                        (around(rng, center, sd), DOG)
                    }
                }
                DatasetKind::Xor => {
                    let mut side = || {
                        let v = rng.uniform(0.1, 1.0);
                        if rng.next_f64() < 0.5 {
                            -v
                        } else {
                            v
                        }
                    };
                    let x = [side(), side()];
                    (x, if x[0] * x[1] > 0.0 { 1.0 } else { 0.0 })
                }
                DatasetKind::Gaussians => {
                    let one = k % 2 == 0;
                    let c = if one { 0.5 } else { -0.5 };
                    (around(rng, [c, c], 0.2), if one { 1.0 } else { 0.0 })
                }
                DatasetKind::Spiral => {
                    let arm = k % 2;
                    let i = (k / 2) as f64 / (n / 2).max(1) as f64;
                    let r = 0.05 + 0.9 * i;
                    let t = 1.75 * tau * i + arm as f64 * std::f64::consts::PI;
                    ([r * libm::sin(t), r * libm::cos(t)], if arm == 0 { 1.0 } else { 0.0 })
                }
                DatasetKind::Moons => {
                    let t = rng.uniform(0.0, std::f64::consts::PI);
                    let upper = k % 2 == 0;
                    let (x, y) = if upper {
                        (libm::cos(t), libm::sin(t))
                    } else {
                        (1.0 - libm::cos(t), 0.5 - libm::sin(t))
                    };
                    ([(x - 0.5) / 1.5, (y - 0.25) / 1.5], if upper { 1.0 } else { 0.0 })
                }
                DatasetKind::Blobs => {
                    let class = k % 3;
                    let angle = std::f64::consts::FRAC_PI_2 + class as f64 * tau / 3.0;
                    let center = [0.6 * libm::cos(angle), 0.6 * libm::sin(angle)];
                    (around(rng, center, 0.18), class as f64)
                }
                DatasetKind::Plane | DatasetKind::Bumps => {
                    let x = [rng.uniform(-1.0, 1.0), rng.uniform(-1.0, 1.0)];
                    let target = if kind == DatasetKind::Plane {
                        (x[0] + 2.0 * x[1]) / 3.0
                    } else {
                        bumps(x)
                    };
                    (x, target + jitter * rng.normal())
                }
            };
            let x = if kind.task() == Task::Regression {
                x
            } else {
                [x[0] + jitter * rng.normal(), x[1] + jitter * rng.normal()]
            };
            points.xs.push(x);
            points.labels.push(label);
        }
        points
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.xs.len()
    }

    /// Whether there are no points.
    pub fn is_empty(&self) -> bool {
        self.xs.is_empty()
    }

    /// Splits at random into training points (round(n·f), at least one) and test points.
    pub fn split(&self, train_fraction: f64, rng: &mut Rng) -> (Points, Points) {
        let mut order: Vec<usize> = (0..self.len()).collect();
        rng.shuffle(&mut order);
        let n_train = ((self.len() as f64 * train_fraction).round() as usize).clamp(1.min(self.len()), self.len());
        let pick = |idx: &[usize]| Points {
            task: self.task,
            xs: idx.iter().map(|&i| self.xs[i]).collect(),
            labels: idx.iter().map(|&i| self.labels[i]).collect(),
        };
        (pick(&order[..n_train]), pick(&order[n_train..]))
    }

    /// Adds a point, if its coordinates are finite and its label fits the task.
    pub fn add(&mut self, x: [f64; 2], label: f64) -> Result<(), DataError> {
        if !(x[0].is_finite() && x[1].is_finite()) {
            return Err(DataError::BadPoint("a point needs two finite coordinates".to_string()));
        }
        self.task.check_label(label).map_err(DataError::BadPoint)?;
        self.xs.push(x);
        self.labels.push(label);
        Ok(())
    }

    /// Removes and returns the point nearest to `x`, if one lies within `within` (a radius that
    /// is not a positive number removes nothing).
    pub fn remove_nearest(&mut self, x: [f64; 2], within: f64) -> Option<([f64; 2], f64)> {
        let d2 = |p: &[f64; 2]| (p[0] - x[0]).powi(2) + (p[1] - x[1]).powi(2);
        let (k, best) = self.xs.iter().enumerate().min_by(|a, b| d2(a.1).total_cmp(&d2(b.1)))?;
        if !(within > 0.0 && d2(best) <= within * within) {
            return None;
        }
        Some((self.xs.remove(k), self.labels.remove(k)))
    }

    /// The points as network inputs and targets: 2 inputs; targets [label] for binary and
    /// regression, one-hot vectors of length k for k classes (all zero for a label that is not a
    /// class, which [`Points::add`] and [`csv::read`](super::csv::read) never let in).
    pub fn to_dataset(&self) -> Dataset {
        let outputs = match self.task {
            Task::Classes(k) => k,
            _ => 1,
        };
        let mut data = Dataset::new(2, outputs);
        let mut target = vec![0.0; outputs];
        for (x, &label) in self.xs.iter().zip(&self.labels) {
            match self.task {
                Task::Classes(k) => {
                    target.fill(0.0);
                    if self.task.check_label(label).is_ok() && (label as usize) < k {
                        target[label as usize] = 1.0;
                    }
                }
                _ => target[0] = label,
            }
            data.push(x, &target);
        }
        data
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(points: &Points, label: f64) -> usize {
        points.labels.iter().filter(|&&l| l == label).count()
    }

    #[test]
    fn every_set_has_its_size_task_and_labels() {
        for kind in DatasetKind::ALL {
            let p = Points::generate(kind, 300, 0.0, &mut Rng::new(1));
            assert_eq!((p.len(), p.labels.len(), p.task), (300, 300, kind.task()), "{kind:?}");
            // The cluster sets draw from normal distributions: a rare point may lie further out.
            let inside = p.xs.iter().filter(|x| x[0].abs() <= 1.3 && x[1].abs() <= 1.3).count();
            assert!(
                inside >= 297,
                "{kind:?} stays near [−1, 1]²: {inside} of 300 inside ±1.3"
            );
            match kind.task() {
                Task::Binary => {
                    assert_eq!(count(&p, 0.0) + count(&p, 1.0), 300, "{kind:?}");
                    assert!(count(&p, 1.0).abs_diff(150) <= 30, "{kind:?}: {} ones", count(&p, 1.0));
                }
                Task::Classes(k) => {
                    for c in 0..k {
                        assert_eq!(count(&p, c as f64), 100, "{kind:?} class {c}");
                    }
                }
                Task::Regression => {
                    assert!(p.labels.iter().all(|l| l.is_finite() && l.abs() <= 1.1), "{kind:?}");
                    let spread = p.labels.iter().fold(0.0_f64, |m, l| m.max(l.abs()));
                    assert!(spread > 0.5, "{kind:?} has a real range of targets");
                }
            }
        }
    }

    #[test]
    fn same_seed_same_points_other_seed_other_points() {
        for kind in DatasetKind::ALL {
            let a = Points::generate(kind, 100, 0.2, &mut Rng::new(5));
            assert_eq!(a, Points::generate(kind, 100, 0.2, &mut Rng::new(5)));
            assert_ne!(a, Points::generate(kind, 100, 0.2, &mut Rng::new(6)), "{kind:?}");
        }
    }

    #[test]
    fn circle_and_xor_geometry_at_zero_noise() {
        let p = Points::generate(DatasetKind::Circle, 200, 0.0, &mut Rng::new(2));
        for (x, &l) in p.xs.iter().zip(&p.labels) {
            let r = x[0].hypot(x[1]);
            assert!(if l == 1.0 { r < 0.5 } else { (0.7..=1.0).contains(&r) });
        }
        let p = Points::generate(DatasetKind::Xor, 200, 0.0, &mut Rng::new(2));
        for (x, &l) in p.xs.iter().zip(&p.labels) {
            assert!(x[0].abs() >= 0.1 && x[1].abs() >= 0.1);
            assert_eq!(l == 1.0, x[0] * x[1] > 0.0);
        }
    }

    /// The best accuracy of any straight line w·x + b > 0 (either side), by a search over
    /// 360 directions and every useful offset.
    fn best_line_accuracy(p: &Points) -> f64 {
        let mut best = 0.0_f64;
        for step in 0..360 {
            let angle = f64::from(step).to_radians();
            let (c, s) = (angle.cos(), angle.sin());
            let mut proj: Vec<(f64, f64)> =
                p.xs.iter()
                    .zip(&p.labels)
                    .map(|(x, &l)| (c * x[0] + s * x[1], l))
                    .collect();
            proj.sort_by(|a, b| a.0.total_cmp(&b.0));
            // Threshold between positions k−1 and k: ones above, zeros below.
            let ones_total = proj.iter().filter(|q| q.1 == 1.0).count();
            let mut zeros_below = 0;
            let mut ones_below = 0;
            for k in 0..=proj.len() {
                let right = zeros_below + (ones_total - ones_below);
                let acc = right.max(proj.len() - right) as f64 / proj.len() as f64;
                best = best.max(acc);
                if k < proj.len() {
                    if proj[k].1 == 1.0 {
                        ones_below += 1;
                    } else {
                        zeros_below += 1;
                    }
                }
            }
        }
        best
    }

    #[test]
    fn cats_and_dogs_differ_but_no_straight_line_separates_them() {
        let p = Points::generate(DatasetKind::CatsDogs, 1000, 0.1, &mut Rng::new(3));
        let centroid = |label: f64| {
            let xs: Vec<&[f64; 2]> =
                p.xs.iter()
                    .zip(&p.labels)
                    .filter(|(_, &l)| l == label)
                    .map(|(x, _)| x)
                    .collect();
            let n = xs.len() as f64;
            [
                xs.iter().map(|x| x[0]).sum::<f64>() / n,
                xs.iter().map(|x| x[1]).sum::<f64>() / n,
            ]
        };
        let (cat, dog) = (centroid(CAT), centroid(DOG));
        assert!(
            cat[0] > dog[0] && cat[1] < dog[1],
            "cats: pointier ears, shorter snouts on average"
        );
        assert!((cat[0] - dog[0]).hypot(cat[1] - dog[1]) > 0.2, "{cat:?} vs {dog:?}");
        let acc = best_line_accuracy(&p);
        assert!((0.6..0.9).contains(&acc), "the best straight line gets {acc}");
        // The search itself works: the two Gaussians are nearly separable by a line.
        let g = Points::generate(DatasetKind::Gaussians, 400, 0.0, &mut Rng::new(3));
        assert!(best_line_accuracy(&g) > 0.97);
    }

    #[test]
    fn split_keeps_every_point_once() {
        let p = Points::generate(DatasetKind::Moons, 250, 0.1, &mut Rng::new(4));
        for (f, n_train) in [(0.1, 25), (0.5, 125), (0.9, 225)] {
            let (train, test) = p.split(f, &mut Rng::new(9));
            assert_eq!((train.len(), test.len()), (n_train, 250 - n_train));
            let mut all: Vec<(u64, u64, u64)> = train
                .xs
                .iter()
                .zip(&train.labels)
                .chain(test.xs.iter().zip(&test.labels))
                .map(|(x, l)| (x[0].to_bits(), x[1].to_bits(), l.to_bits()))
                .collect();
            let mut original: Vec<(u64, u64, u64)> =
                p.xs.iter()
                    .zip(&p.labels)
                    .map(|(x, l)| (x[0].to_bits(), x[1].to_bits(), l.to_bits()))
                    .collect();
            all.sort_unstable();
            original.sort_unstable();
            assert_eq!(all, original);
        }
    }

    #[test]
    fn datasets_encode_their_targets() {
        let blobs = Points::generate(DatasetKind::Blobs, 60, 0.1, &mut Rng::new(1)).to_dataset();
        assert_eq!((blobs.len(), blobs.dim()), (60, 2));
        for i in 0..60 {
            let t = blobs.target(i);
            assert_eq!(t.len(), 3);
            assert_eq!(t.iter().sum::<f64>(), 1.0);
            assert_eq!(t[i % 3], 1.0, "class {} one-hot", i % 3);
        }
        let circle = Points::generate(DatasetKind::Circle, 10, 0.0, &mut Rng::new(1));
        let data = circle.to_dataset();
        assert_eq!(data.target(0), [circle.labels[0]]);
        assert_eq!(data.input(3), circle.xs[3]);
    }

    #[test]
    fn points_can_be_added_and_removed_by_hand() {
        let mut p = Points::new(Task::Binary);
        p.add([0.2, 0.3], 1.0).unwrap();
        p.add([-0.5, 0.1], 0.0).unwrap();
        assert_eq!(p.add([0.0, 0.0], 2.0).unwrap_err().to_string(), "label 2 is not 0 or 1");
        assert!(p.add([f64::NAN, 0.0], 1.0).is_err());
        assert_eq!(p.remove_nearest([0.9, 0.9], 0.1), None, "nothing close enough");
        assert_eq!(p.remove_nearest([0.2, 0.3], f64::NAN), None, "no radius, no removal");
        assert_eq!(p.remove_nearest([0.2, 0.3], -1.0), None);
        assert_eq!(p.remove_nearest([0.25, 0.25], 0.1), Some(([0.2, 0.3], 1.0)));
        assert_eq!(p.len(), 1);
    }

    #[test]
    fn settings_are_checked_with_readable_reasons() {
        let ok = DataSettings::default();
        assert_eq!(ok.check(), Ok(()));
        let (train, test) = ok.generate().unwrap();
        assert_eq!((train.len(), test.len()), (200, 50));
        let bad = |f: fn(&mut DataSettings)| {
            let mut s = DataSettings::default();
            f(&mut s);
            s.check().unwrap_err().to_string()
        };
        assert_eq!(
            bad(|s| s.points = 10),
            "the number of points must be between 50 and 1000 (10 asked)"
        );
        assert_eq!(
            bad(|s| s.points = 5000),
            "the number of points must be between 50 and 1000 (5000 asked)"
        );
        assert_eq!(bad(|s| s.noise = 0.8), "noise must be between 0 and 50 %");
        assert_eq!(bad(|s| s.noise = f64::NAN), "noise must be between 0 and 50 %");
        assert_eq!(
            bad(|s| s.train_fraction = 0.95),
            "the training share must be between 10 and 90 %"
        );
        assert_eq!(
            bad(|s| s.train_fraction = 0.05),
            "the training share must be between 10 and 90 %"
        );
        assert_eq!(bad(|s| s.noise = -0.1), "noise must be between 0 and 50 %");
        assert_eq!(
            Task::Classes(0).check_label(0.0).unwrap_err(),
            "label 0 is not a class 0–0"
        );
    }
}
