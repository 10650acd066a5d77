//! The small square pictures on the dataset picker: a few dozen points of each generated set,
//! drawn as dots coloured by their label on a pale square, like TensorFlow Playground's four data
//! squares.
//!
//! An icon shows the same plane as the output view ([`BOUNDS`](super::field::BOUNDS), x₂ growing upwards) and colours a
//! point as the output view does ([`label_color`]), so a learner recognises the set once it is
//! picked. The points come from a fixed seed and no noise, never the learner's settings: an icon
//! stays the same whatever happens on the page.

use super::color::Rgb;
use super::field::{label_color, Grid};
use crate::core::{DatasetKind, Points, Rng};

/// Pixels along each side of an icon.
pub const ICON_SIZE: usize = 48;
/// Points drawn on an icon.
pub const ICON_POINTS: usize = 120;
/// Seed of every icon's points.
pub const ICON_SEED: u64 = 2;
/// Radius of a dot, in pixels; its edge is smoothed over one more pixel.
pub const DOT_RADIUS: f64 = 1.5;
/// The colour of an icon where no dot lies: white, paler than any label colour (even the
/// neutral grey of a regression target of zero).
pub const BACKGROUND: Rgb = Rgb(0xff, 0xff, 0xff);

/// The points an icon of `kind` shows: [`ICON_POINTS`] of them from [`ICON_SEED`], without noise.
pub fn icon_points(kind: DatasetKind) -> Points {
    Points::generate(kind, ICON_POINTS, 0.0, &mut Rng::new(ICON_SEED))
}

/// The icon of `kind` as opaque RGBA pixels, [`ICON_SIZE`] × [`ICON_SIZE`], row by row from the
/// top left: each point a dot of its label's colour on [`BACKGROUND`].
pub fn icon(kind: DatasetKind) -> Vec<u8> {
    let points = icon_points(kind);
    let data = points.to_dataset();
    let grid = Grid::new(ICON_SIZE);
    let mut pixels = vec![BACKGROUND; ICON_SIZE * ICON_SIZE];
    for (i, &x) in points.xs.iter().enumerate() {
        dot(
            &mut pixels,
            grid.to_picture(x),
            label_color(points.task, data.target(i)),
        );
    }
    pixels.iter().flat_map(|&Rgb(r, g, b)| [r, g, b, 255]).collect()
}

/// Paints a dot of `color` centred on picture position `p`: pixels whose centre lies within
/// [`DOT_RADIUS`] − ½ of `p` take the colour, those up to [`DOT_RADIUS`] + ½ away a share of it
/// that falls with the distance (coverage = r + ½ − d).
fn dot(pixels: &mut [Rgb], p: [f64; 2], color: Rgb) {
    let reach = DOT_RADIUS + 0.5;
    let span = |centre: f64| {
        let lo = (centre - reach).floor().max(0.0) as usize;
        let hi = ((centre + reach).ceil().max(0.0) as usize).min(ICON_SIZE);
        lo..hi
    };
    for row in span(p[1]) {
        for col in span(p[0]) {
            let d = (col as f64 + 0.5 - p[0]).hypot(row as f64 + 0.5 - p[1]);
            let coverage = reach - d;
            if coverage > 0.0 {
                let px = &mut pixels[row * ICON_SIZE + col];
                *px = px.mix(color, coverage);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::draw::color::{diverging, NEGATIVE, POSITIVE};
    use crate::app::draw::field::CLASS_COLORS;
    use crate::core::data::{CAT, DOG};

    fn pixel(rgba: &[u8], col: usize, row: usize) -> Rgb {
        let k = 4 * (row * ICON_SIZE + col);
        Rgb(rgba[k], rgba[k + 1], rgba[k + 2])
    }

    fn has(rgba: &[u8], color: Rgb) -> bool {
        rgba.chunks_exact(4).any(|p| Rgb(p[0], p[1], p[2]) == color)
    }

    /// Distance in pixels from the centre of pixel (col, row) to the nearest point of `kind`'s icon.
    fn nearest_point(kind: DatasetKind, col: usize, row: usize) -> f64 {
        let grid = Grid::new(ICON_SIZE);
        icon_points(kind)
            .xs
            .iter()
            .map(|&x| {
                let p = grid.to_picture(x);
                (col as f64 + 0.5 - p[0]).hypot(row as f64 + 0.5 - p[1])
            })
            .fold(f64::INFINITY, f64::min)
    }

    #[test]
    fn an_icon_is_an_opaque_square() {
        for kind in DatasetKind::ALL {
            let rgba = icon(kind);
            assert_eq!(rgba.len(), 4 * ICON_SIZE * ICON_SIZE, "{kind:?}");
            assert!(rgba.chunks_exact(4).all(|p| p[3] == 255), "{kind:?} opaque");
            assert_eq!(icon_points(kind).len(), ICON_POINTS);
        }
    }

    #[test]
    fn cats_and_dogs_show_both_colours_and_no_other_class() {
        let points = icon_points(DatasetKind::CatsDogs);
        assert!(points.labels.contains(&CAT) && points.labels.contains(&DOG));
        let rgba = icon(DatasetKind::CatsDogs);
        assert!(has(&rgba, NEGATIVE), "a cat, orange");
        assert!(has(&rgba, POSITIVE), "a dog, blue");
        assert!(!has(&rgba, CLASS_COLORS[2]), "only two classes");
    }

    #[test]
    fn three_blobs_show_three_class_colours() {
        let rgba = icon(DatasetKind::Blobs);
        for color in &CLASS_COLORS[..3] {
            assert!(has(&rgba, *color), "{color:?}");
        }
        assert!(!has(&rgba, CLASS_COLORS[3]));
    }

    #[test]
    fn regression_points_are_coloured_by_their_value() {
        // The plane's target (x₁ + 2x₂)/3 is 1 at the top right and −1 at the bottom left.
        let rgba = icon(DatasetKind::Plane);
        let grid = Grid::new(ICON_SIZE);
        let points = icon_points(DatasetKind::Plane);
        let (high, low) = (
            points.labels.iter().cloned().fold(f64::MIN, f64::max),
            points.labels.iter().cloned().fold(f64::MAX, f64::min),
        );
        assert!(high > 0.6 && low < -0.6, "{high} {low}");
        for (x, &y) in points.xs.iter().zip(&points.labels) {
            let p = grid.to_picture(*x);
            let Rgb(r, _, b) = pixel(&rgba, p[0] as usize, p[1] as usize);
            if y > 0.6 {
                assert!(b > r, "a high target is blue: {y} at {x:?}");
            } else if y < -0.6 {
                assert!(r > b, "a low target is orange: {y} at {x:?}");
            }
        }
        assert!(!has(&rgba, CLASS_COLORS[2]));
        // A target of zero is the neutral grey, not the background: such a dot still shows.
        assert_ne!(diverging(0.0), BACKGROUND);
    }

    #[test]
    fn dots_lie_where_the_points_are_and_nowhere_else() {
        for kind in DatasetKind::ALL {
            let rgba = icon(kind);
            let (mut empty, mut covered) = (0, 0);
            for row in 0..ICON_SIZE {
                for col in 0..ICON_SIZE {
                    let d = nearest_point(kind, col, row);
                    if d >= DOT_RADIUS + 0.5 {
                        assert_eq!(
                            pixel(&rgba, col, row),
                            BACKGROUND,
                            "{kind:?} ({col}, {row}), {d} px from a point"
                        );
                        empty += 1;
                    } else if d <= DOT_RADIUS - 0.5 {
                        assert_ne!(
                            pixel(&rgba, col, row),
                            BACKGROUND,
                            "{kind:?} ({col}, {row}), {d} px from a point"
                        );
                        covered += 1;
                    }
                }
            }
            assert!(covered >= ICON_POINTS / 2, "{kind:?}: {covered} pixels covered");
            assert!(
                empty > ICON_SIZE * ICON_SIZE / 3,
                "{kind:?}: mostly background, {empty} empty pixels"
            );
        }
        // The corners lie outside every set ([−1, 1]² and its clusters).
        for kind in DatasetKind::ALL {
            let rgba = icon(kind);
            for (col, row) in [
                (0, 0),
                (ICON_SIZE - 1, 0),
                (0, ICON_SIZE - 1),
                (ICON_SIZE - 1, ICON_SIZE - 1),
            ] {
                assert_eq!(pixel(&rgba, col, row), BACKGROUND, "{kind:?} corner ({col}, {row})");
            }
        }
    }

    #[test]
    fn a_point_is_drawn_where_the_output_view_draws_it() {
        // The XOR set has no point within 0.1 of an axis, so no dot crosses the axes (the lines
        // between the icon's halves): each quadrant holds only dots of its own label, blue where
        // x₁ and x₂ share a sign, and x₂ grows upwards as in the output view.
        let rgba = icon(DatasetKind::Xor);
        let quadrant = |cols: std::ops::Range<usize>, rows: std::ops::Range<usize>| {
            let mut seen = Vec::new();
            for row in rows {
                for col in cols.clone() {
                    seen.push(pixel(&rgba, col, row));
                }
            }
            (seen.contains(&POSITIVE), seen.contains(&NEGATIVE))
        };
        let (half, all) = (ICON_SIZE / 2, ICON_SIZE);
        assert_eq!(quadrant(half..all, 0..half), (true, false), "x₁ > 0, x₂ > 0: top right");
        assert_eq!(
            quadrant(0..half, half..all),
            (true, false),
            "x₁ < 0, x₂ < 0: bottom left"
        );
        assert_eq!(quadrant(0..half, 0..half), (false, true), "x₁ < 0, x₂ > 0: top left");
        assert_eq!(
            quadrant(half..all, half..all),
            (false, true),
            "x₁ > 0, x₂ < 0: bottom right"
        );
    }

    #[test]
    fn each_kind_has_its_own_icon_and_keeps_it() {
        let icons: Vec<Vec<u8>> = DatasetKind::ALL.iter().map(|&k| icon(k)).collect();
        for (a, first) in icons.iter().enumerate() {
            for (b, second) in icons.iter().enumerate().skip(a + 1) {
                assert_ne!(first, second, "{:?} and {:?}", DatasetKind::ALL[a], DatasetKind::ALL[b]);
            }
        }
        // A fixed seed: drawing again gives the same pixels.
        for (kind, before) in DatasetKind::ALL.iter().zip(&icons) {
            assert_eq!(&icon(*kind), before, "{kind:?}");
        }
    }
}
