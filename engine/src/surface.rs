//! Toy loss surfaces of two variables, each with its analytic gradient beside it: the landscapes
//! on which a learner watches gradient descent roll downhill.

/// A rectangle of the (x, y) plane.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    /// Smallest and largest x.
    pub x: (f64, f64),
    /// Smallest and largest y.
    pub y: (f64, f64),
}

impl Bounds {
    /// Whether (x, y) lies inside (edges included).
    pub fn contains(&self, p: [f64; 2]) -> bool {
        (self.x.0..=self.x.1).contains(&p[0]) && (self.y.0..=self.y.1).contains(&p[1])
    }
}

/// A function f(x, y) to descend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Surface {
    /// f = x² + y²: one round minimum; every rate below 1 converges.
    Bowl,
    /// f = ½(x² + 25y²): a narrow valley (condition number 25); too large a rate zigzags across it.
    Valley,
    /// f = (1 − x)² + 100(y − x²)²: a curved, flat-bottomed valley, minimum at (1, 1).
    Rosenbrock,
    /// f = (x² + y − 11)² + (x + y² − 7)²: four minima, all with f = 0.
    Himmelblau,
    /// f = x² − y²: a saddle at the origin, no minimum.
    Saddle,
    /// f = 20 + x² + y² − 10(cos 2πx + cos 2πy): a grid of local minima around the global one at 0.
    Rastrigin,
    /// f = x⁴ − 3x² + x + y²: a shallow local minimum on the right, the deeper global one on the left.
    TwoMinima,
}

/// x of the global minimum of x⁴ − 3x² + x (a root of 4x³ − 6x + 1).
const TWO_MINIMA_LEFT: f64 = -1.300_839_565_941_577_2;
/// x of the local minimum of x⁴ − 3x² + x.
const TWO_MINIMA_RIGHT: f64 = 1.130_901_122_629_985_9;

impl Surface {
    /// Every surface, in the order a menu lists them.
    pub const ALL: [Surface; 7] = [
        Surface::Bowl,
        Surface::Valley,
        Surface::Rosenbrock,
        Surface::Himmelblau,
        Surface::Saddle,
        Surface::Rastrigin,
        Surface::TwoMinima,
    ];

    /// f(x, y).
    pub fn value(self, x: f64, y: f64) -> f64 {
        use std::f64::consts::TAU;
        match self {
            Surface::Bowl => x * x + y * y,
            Surface::Valley => 0.5 * (x * x + 25.0 * y * y),
            Surface::Rosenbrock => (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2),
            Surface::Himmelblau => (x * x + y - 11.0).powi(2) + (x + y * y - 7.0).powi(2),
            Surface::Saddle => x * x - y * y,
            Surface::Rastrigin => 20.0 + x * x + y * y - 10.0 * (libm::cos(TAU * x) + libm::cos(TAU * y)),
            Surface::TwoMinima => x.powi(4) - 3.0 * x * x + x + y * y,
        }
    }

    /// ∇f(x, y) = [∂f/∂x, ∂f/∂y].
    pub fn gradient(self, x: f64, y: f64) -> [f64; 2] {
        use std::f64::consts::TAU;
        match self {
            Surface::Bowl => [2.0 * x, 2.0 * y],
            Surface::Valley => [x, 25.0 * y],
            Surface::Rosenbrock => [-2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x)],
            Surface::Himmelblau => {
                let (a, b) = (x * x + y - 11.0, x + y * y - 7.0);
                [4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b]
            }
            Surface::Saddle => [2.0 * x, -2.0 * y],
            Surface::Rastrigin => [
                2.0 * x + 10.0 * TAU * libm::sin(TAU * x),
                2.0 * y + 10.0 * TAU * libm::sin(TAU * y),
            ],
            Surface::TwoMinima => [4.0 * x.powi(3) - 6.0 * x + 1.0, 2.0 * y],
        }
    }

    /// A window that frames the interesting part: the minima and the default start.
    pub fn bounds(self) -> Bounds {
        match self {
            Surface::Bowl => Bounds {
                x: (-2.0, 2.0),
                y: (-2.0, 2.0),
            },
            Surface::Valley => Bounds {
                x: (-3.0, 3.0),
                y: (-1.0, 1.0),
            },
            Surface::Rosenbrock => Bounds {
                x: (-2.0, 2.0),
                y: (-1.0, 3.0),
            },
            Surface::Himmelblau => Bounds {
                x: (-5.0, 5.0),
                y: (-5.0, 5.0),
            },
            Surface::Saddle => Bounds {
                x: (-2.0, 2.0),
                y: (-2.0, 2.0),
            },
            Surface::Rastrigin => Bounds {
                x: (-3.0, 3.0),
                y: (-3.0, 3.0),
            },
            Surface::TwoMinima => Bounds {
                x: (-2.0, 2.0),
                y: (-1.5, 1.5),
            },
        }
    }

    /// The minima inside [`Surface::bounds`], the global one first. Rastrigin lists only its
    /// global minimum (it has one local minimum near every point of the integer grid); the
    /// saddle has none.
    pub fn minima(self) -> &'static [[f64; 2]] {
        match self {
            Surface::Bowl | Surface::Valley | Surface::Rastrigin => &[[0.0, 0.0]],
            Surface::Rosenbrock => &[[1.0, 1.0]],
            Surface::Himmelblau => &[
                [3.0, 2.0],
                [-2.805_118_086_952_745, 3.131_312_518_250_573],
                [-3.779_310_253_377_747, -3.283_185_991_286_169_6],
                [3.584_428_340_330_491_7, -1.848_126_526_964_403_6],
            ],
            Surface::Saddle => &[],
            Surface::TwoMinima => &[[TWO_MINIMA_LEFT, 0.0], [TWO_MINIMA_RIGHT, 0.0]],
        }
    }

    /// Where a run starts unless the learner clicks elsewhere.
    pub fn default_start(self) -> [f64; 2] {
        match self {
            Surface::Bowl => [1.6, 1.2],
            Surface::Valley => [-2.5, 0.8],
            Surface::Rosenbrock => [-1.5, 2.5],
            Surface::Himmelblau => [0.0, 0.0],
            Surface::Saddle => [1.5, 0.01],
            Surface::Rastrigin => [2.3, -1.6],
            Surface::TwoMinima => [1.8, 1.0],
        }
    }

    /// The short name used in files, URLs and menus.
    pub fn name(self) -> &'static str {
        match self {
            Surface::Bowl => "bowl",
            Surface::Valley => "valley",
            Surface::Rosenbrock => "rosenbrock",
            Surface::Himmelblau => "himmelblau",
            Surface::Saddle => "saddle",
            Surface::Rastrigin => "rastrigin",
            Surface::TwoMinima => "two_minima",
        }
    }

    /// f on an n×n grid over `bounds` (n ≥ 2), into `out` (cleared first): row by row from
    /// y = y.0 to y.1, each row from x = x.0 to x.1, both ends included.
    pub fn sample_grid(self, n: usize, bounds: Bounds, out: &mut Vec<f64>) {
        out.clear();
        let at = |(lo, hi): (f64, f64), k: usize| lo + (hi - lo) * k as f64 / (n - 1) as f64;
        for row in 0..n {
            let y = at(bounds.y, row);
            for col in 0..n {
                out.push(self.value(at(bounds.x, col), y));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rng;

    #[test]
    fn gradients_match_central_differences() {
        let h = 1e-6;
        let mut rng = Rng::new(13);
        for s in Surface::ALL {
            let b = s.bounds();
            for _ in 0..300 {
                let (x, y) = (rng.uniform(b.x.0, b.x.1), rng.uniform(b.y.0, b.y.1));
                let numeric = [
                    (s.value(x + h, y) - s.value(x - h, y)) / (2.0 * h),
                    (s.value(x, y + h) - s.value(x, y - h)) / (2.0 * h),
                ];
                let analytic = s.gradient(x, y);
                for k in 0..2 {
                    let scale = analytic[k].abs().max(1.0);
                    let err = (numeric[k] - analytic[k]).abs() / scale;
                    assert!(err < 1e-6, "{s:?} at ({x}, {y}): {numeric:?} vs {analytic:?}");
                }
            }
        }
    }

    /// Newton's method on ∇f from `start`, with the Hessian by central differences of the gradient.
    fn newton(s: Surface, mut p: [f64; 2]) -> [f64; 2] {
        let h = 1e-6;
        for _ in 0..100 {
            let g = s.gradient(p[0], p[1]);
            let col = |k: usize| {
                let (mut up, mut down) = (p, p);
                up[k] += h;
                down[k] -= h;
                let (gu, gd) = (s.gradient(up[0], up[1]), s.gradient(down[0], down[1]));
                [(gu[0] - gd[0]) / (2.0 * h), (gu[1] - gd[1]) / (2.0 * h)]
            };
            let (c0, c1) = (col(0), col(1));
            let det = c0[0] * c1[1] - c1[0] * c0[1];
            p[0] -= (c1[1] * g[0] - c1[0] * g[1]) / det;
            p[1] -= (-c0[1] * g[0] + c0[0] * g[1]) / det;
        }
        p
    }

    #[test]
    fn the_listed_minima_are_minima_and_the_first_is_lowest() {
        for s in Surface::ALL {
            let minima = s.minima();
            for (k, m) in minima.iter().enumerate() {
                assert!(s.bounds().contains(*m), "{s:?} minimum {k} inside the window");
                let polished = newton(s, *m);
                assert!(
                    (polished[0] - m[0]).abs() < 1e-9 && (polished[1] - m[1]).abs() < 1e-9,
                    "{s:?} {m:?} vs {polished:?}"
                );
                let f = s.value(m[0], m[1]);
                for (dx, dy) in [(1e-3, 0.0), (-1e-3, 0.0), (0.0, 1e-3), (0.0, -1e-3), (7e-4, 7e-4)] {
                    assert!(s.value(m[0] + dx, m[1] + dy) > f, "{s:?}: {m:?} is a minimum");
                }
                assert!(
                    s.value(minima[0][0], minima[0][1]) <= f + 1e-12,
                    "{s:?}: the first is the lowest"
                );
            }
        }
        for m in Surface::Himmelblau.minima() {
            assert!(Surface::Himmelblau.value(m[0], m[1]) < 1e-20);
        }
        assert_eq!(Surface::Rosenbrock.value(1.0, 1.0), 0.0);
        assert!(Surface::Saddle.minima().is_empty());
    }

    #[test]
    fn starts_lie_inside_their_windows() {
        for s in Surface::ALL {
            assert!(s.bounds().contains(s.default_start()), "{s:?}");
        }
    }

    fn descend(s: Surface, mut p: [f64; 2], eta: f64, steps: usize) -> [f64; 2] {
        for _ in 0..steps {
            let g = s.gradient(p[0], p[1]);
            p = [p[0] - eta * g[0], p[1] - eta * g[1]];
        }
        p
    }

    fn near(p: [f64; 2], q: [f64; 2]) -> bool {
        (p[0] - q[0]).hypot(p[1] - q[1]) < 1e-4
    }

    #[test]
    fn gradient_descent_reaches_a_minimum() {
        for (s, eta) in [
            (Surface::Bowl, 0.1),
            (Surface::Valley, 0.07),
            (Surface::TwoMinima, 0.02),
        ] {
            let end = descend(s, s.default_start(), eta, 5000);
            assert!(s.minima().iter().any(|&m| near(end, m)), "{s:?} ended at {end:?}");
        }
        // Too large a rate on the valley: every step overshoots across it and the run flies off.
        let end = descend(Surface::Valley, Surface::Valley.default_start(), 0.1, 100);
        assert!(end[1].abs() > 1e6, "{end:?}");
    }

    #[test]
    fn different_starts_end_in_different_minima() {
        // The article: gradient descent reaches a local minimum, which one depends on the start.
        let s = Surface::TwoMinima;
        let right = descend(s, [1.8, 1.0], 0.02, 5000);
        let left = descend(s, [-1.8, -1.0], 0.02, 5000);
        assert!(
            near(right, s.minima()[1]) && near(left, s.minima()[0]),
            "{right:?} {left:?}"
        );
        assert!(s.value(left[0], left[1]) < s.value(right[0], right[1]));
    }

    #[test]
    fn grid_rows_run_along_x_from_the_bottom() {
        let b = Bounds {
            x: (-1.0, 2.0),
            y: (0.0, 4.0),
        };
        let mut out = Vec::new();
        Surface::Rosenbrock.sample_grid(5, b, &mut out);
        assert_eq!(out.len(), 25);
        let f = |x, y| Surface::Rosenbrock.value(x, y);
        assert_eq!(out[0], f(-1.0, 0.0));
        assert_eq!(out[4], f(2.0, 0.0));
        assert_eq!(out[20], f(-1.0, 4.0));
        assert_eq!(out[24], f(2.0, 4.0));
        assert_eq!(out[7], f(0.5, 1.0));
    }
}
