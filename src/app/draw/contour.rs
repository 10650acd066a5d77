//! Contour lines of a function sampled on a grid: marching squares, each crossing placed along its
//! cell's edge by linear interpolation between the two samples, the pieces joined into polylines.
//! Smooth lines at any zoom, where the edges of colour bands in an image are pixel staircases.

use crate::core::Bounds;
use std::collections::HashMap;

/// One piece of a contour line inside a cell: its two ends, each an edge of the grid (by index)
/// and the point where the line crosses it.
type Piece = [(usize, [f64; 2]); 2];

/// The lines where the function sampled as `values` equals `level`, in the function's
/// coordinates. `values` holds `n` × `n` samples over `bounds`, in rows from the bottom (y =
/// bounds.y.0), each row from x = bounds.x.0: the order of the surfaces' `sample_grid`. A
/// sample that is missing (past the end of `values`) or not finite leaves the cells around it
/// without lines. A line that closes ends on its first point.
pub fn contour_lines(values: &[f64], n: usize, bounds: Bounds, level: f64) -> Vec<Vec<[f64; 2]>> {
    if n < 2 || !level.is_finite() {
        return Vec::new();
    }
    let sample = |i: usize, j: usize| values.get(j * n + i).copied().filter(|v| v.is_finite());
    let along = |(lo, hi): (f64, f64), k: f64| lo + (hi - lo) * k / (n - 1) as f64;
    // Edges are numbered: the one from sample (i, j) to (i + 1, j), then the ones from (i, j)
    // to (i, j + 1).
    let across = |i: usize, j: usize| j * (n - 1) + i;
    let up = |i: usize, j: usize| n * (n - 1) + j * n + i;
    // Where the line crosses from sample p = (i, j, value) to sample q.
    let cross = |p: (usize, usize, f64), q: (usize, usize, f64)| {
        let s = (level - p.2) / (q.2 - p.2);
        let (x, y) = (
            p.0 as f64 + s * (q.0 as f64 - p.0 as f64),
            p.1 as f64 + s * (q.1 as f64 - p.1 as f64),
        );
        [along(bounds.x, x), along(bounds.y, y)]
    };

    let mut pieces: Vec<Piece> = Vec::new();
    for j in 0..n - 1 {
        for i in 0..n - 1 {
            let (Some(a), Some(b), Some(c), Some(d)) =
                (sample(i, j), sample(i + 1, j), sample(i + 1, j + 1), sample(i, j + 1))
            else {
                continue;
            };
            // The corners anticlockwise from the bottom left, and the edges between them.
            let corners = [(i, j, a), (i + 1, j, b), (i + 1, j + 1, c), (i, j + 1, d)];
            let edges = [across(i, j), up(i + 1, j), across(i, j + 1), up(i, j)];
            let above = corners.map(|p| p.2 > level);
            let crossed: Vec<usize> = (0..4).filter(|&k| above[k] != above[(k + 1) % 4]).collect();
            let piece = |k: usize, l: usize| -> Piece {
                let end = |e: usize| (edges[e], cross(corners[e], corners[(e + 1) % 4]));
                [end(k), end(l)]
            };
            match crossed[..] {
                [k, l] => pieces.push(piece(k, l)),
                [_, _, _, _] => {
                    // A saddle: the cell's centre decides whether the corners at the bottom left
                    // and top right are joined (cutting off the other two) or apart.
                    let centre_above = (a + b + c + d) / 4.0 > level;
                    if centre_above == above[0] {
                        pieces.push(piece(0, 1));
                        pieces.push(piece(2, 3));
                    } else {
                        pieces.push(piece(3, 0));
                        pieces.push(piece(1, 2));
                    }
                }
                _ => {}
            }
        }
    }

    // Each crossed edge is shared by at most two pieces: follow them from piece to piece, first
    // from the ends of open lines (an edge with one piece), then around what is left (loops).
    let mut at_edge: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, piece) in pieces.iter().enumerate() {
        for (edge, _) in piece {
            at_edge.entry(*edge).or_default().push(k);
        }
    }
    let open_ends = pieces.iter().enumerate().flat_map(|(k, piece)| {
        (0..2)
            .filter(|&end| at_edge[&piece[end].0].len() == 1)
            .map(move |end| (k, end))
    });
    let starts: Vec<(usize, usize)> = open_ends.chain((0..pieces.len()).map(|k| (k, 0))).collect();
    let mut used = vec![false; pieces.len()];
    let mut lines = Vec::new();
    for (first, end) in starts {
        if used[first] {
            continue;
        }
        let mut line = vec![pieces[first][end].1];
        let (mut k, mut from) = (first, end);
        loop {
            used[k] = true;
            let (edge, point) = pieces[k][1 - from];
            line.push(point);
            let Some(&next) = at_edge[&edge].iter().find(|&&other| !used[other]) else {
                break;
            };
            from = if pieces[next][0].0 == edge { 0 } else { 1 };
            k = next;
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(half: f64) -> Bounds {
        Bounds {
            x: (-half, half),
            y: (-half, half),
        }
    }

    /// `f` sampled on `n` × `n` points over `b`, in the grid order.
    fn sampled(f: impl Fn(f64, f64) -> f64, n: usize, b: Bounds) -> Vec<f64> {
        let at = |(lo, hi): (f64, f64), k: usize| lo + (hi - lo) * k as f64 / (n - 1) as f64;
        (0..n)
            .flat_map(|j| (0..n).map(move |i| (i, j)))
            .map(|(i, j)| f(at(b.x, i), at(b.y, j)))
            .collect()
    }

    #[test]
    fn a_bowls_contours_are_circles() {
        let b = square(2.0);
        let n = 41; // a sample every 0.1
        let values = sampled(|x, y| x * x + y * y, n, b);
        for r in [0.35, 0.5, 1.0, 1.5, 1.9] {
            let lines = contour_lines(&values, n, b, r * r);
            assert_eq!(lines.len(), 1, "r = {r}: one line");
            let line = &lines[0];
            assert_eq!(line.first(), line.last(), "r = {r}: it closes");
            // One point on each cell edge it crosses: about 2πr / 0.1 · 4/π of them.
            assert!(line.len() as f64 > 60.0 * r, "r = {r}: {} points", line.len());
            for p in line {
                let off = p[0].hypot(p[1]) - r;
                assert!(off.abs() < 0.01, "r = {r}: {p:?} is {off} off the circle");
            }
            // Neighbouring points are neighbours on the circle: no jumps, no steps.
            for w in line.windows(2) {
                let step = (w[1][0] - w[0][0]).hypot(w[1][1] - w[0][1]);
                assert!(
                    step <= 0.1 * std::f64::consts::SQRT_2 + 1e-9,
                    "r = {r}: a step of {step}"
                );
            }
            let angles: Vec<f64> = line.iter().map(|p| p[1].atan2(p[0])).collect();
            let turned: f64 = angles
                .windows(2)
                .map(|w| {
                    (w[1] - w[0] + 3.0 * std::f64::consts::PI).rem_euclid(std::f64::consts::TAU) - std::f64::consts::PI
                })
                .sum();
            assert!(
                (turned.abs() - std::f64::consts::TAU).abs() < 1e-6,
                "r = {r}: once round"
            );
        }
        assert!(contour_lines(&values, n, b, 9.0).is_empty(), "above every sample");
        assert!(contour_lines(&values, n, b, f64::NAN).is_empty());
    }

    #[test]
    fn a_plane_crosses_the_window_in_one_straight_open_line() {
        let b = square(1.0);
        let n = 11;
        let values = sampled(|x, y| x + 0.5 * y, n, b);
        let lines = contour_lines(&values, n, b, 0.2);
        assert_eq!(lines.len(), 1);
        let line = &lines[0];
        assert_ne!(line.first(), line.last());
        for p in line {
            assert!((p[0] + 0.5 * p[1] - 0.2).abs() < 1e-12, "{p:?}");
        }
        let ys: Vec<f64> = line.iter().map(|p| p[1]).collect();
        let (low, high) = (
            ys.iter().cloned().fold(f64::MAX, f64::min),
            ys.iter().cloned().fold(f64::MIN, f64::max),
        );
        assert!((low + 1.0).abs() < 1e-12 && (high - 1.0).abs() < 1e-12, "edge to edge");
    }

    #[test]
    fn missing_samples_leave_their_cells_blank_and_saddles_split_cleanly() {
        let b = square(1.0);
        let n = 11;
        let values = sampled(|x, y| x * x + y * y, n, b);
        // Only the lower half computed yet: the circle is cut, its lower arc drawn.
        let half = &values[..n * 6];
        let lines = contour_lines(half, n, b, 0.5);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].iter().all(|p| p[1] <= 0.0 + 1e-12));
        let mut holed = values.clone();
        holed[5 * n + 5] = f64::NAN;
        assert!(contour_lines(&holed, n, b, 0.5)
            .iter()
            .flatten()
            .all(|p| p[0].is_finite()));
        // x·y = ±0.001 with the saddle point in the middle of a cell (ten samples a side): the
        // two branches of each stay apart, and each crossing is exact (x·y is linear along an edge).
        let n = 10;
        let saddle = sampled(|x, y| x * y, n, b);
        for level in [1e-3, -1e-3] {
            let lines = contour_lines(&saddle, n, b, level);
            assert_eq!(lines.len(), 2, "{level}: {lines:?}");
            for line in &lines {
                assert!(line.iter().all(|p| (p[0] * p[1] - level).abs() < 1e-12));
                let right = line[0][0] > 0.0;
                assert!(line.iter().all(|p| (p[0] > 0.0) == right), "{level}: one branch a line");
            }
        }
    }
}
