//! The network's weights as an image: every line of a [`NetworkPicture`] drawn with [`Lines`],
//! the whole picture at once, or, while training runs on a large network, a few layers' lines a
//! frame in turn.
//!
//! The lines between two layers stay within the strip between those layers' circles, so one
//! strip can be cleared and redrawn without touching its neighbours.

use super::color::Rgb;
use super::lines::Lines;
use super::network::{EdgeLine, NetworkPicture};
use crate::app::explain::Focus;

/// How opaque the lines are, so that crossing lines stay apart.
pub const OPACITY: f64 = 0.85;
/// The outline around the focused line.
const OUTLINE: Rgb = Rgb(0x10, 0x2a, 0x43);
/// How much wider than the line its outline is, in SVG units.
const OUTLINE_EXTRA: f64 = 3.0;
/// How far a line (with its outline) may reach beyond the strip between two columns' circles:
/// half the widest outline, and a pixel.
const STRIP_PAD: f64 = (6.0 + OUTLINE_EXTRA) / 2.0 + 1.0;
/// While training runs, the rows of line pixels drawn a frame on average, in whole strips. At
/// [7, 16×8, 3], 805 units tall, one hidden strip alone takes about 65 000 rows and all the
/// lines about 500 000: they are redrawn over 13 frames, a fifth of a second. Networks up to
/// about [2, 8, 8, 1] (18 000 rows) are redrawn whole every frame.
pub const ROWS_PER_FRAME: f64 = 40_000.0;

/// The lines of a network picture as pixels, kept between frames.
#[derive(Debug, Default)]
pub struct EdgeSheet {
    lines: Lines,
    /// The strip (the layer its lines leave) to redraw next when drawing in turns.
    next: usize,
    /// What the last whole drawing was of: the scale, the number of strips, the focus, the
    /// drawing's width and height.
    drawn: Option<(f64, usize, Focus, f64, f64)>,
    /// The pixel columns redrawn by the last [`EdgeSheet::draw`].
    dirty: (usize, usize),
    /// Rows of the budget not yet spent, carried to the next frame: a strip larger than one
    /// frame's budget is drawn once enough has been saved.
    credit: f64,
}

impl EdgeSheet {
    /// An empty sheet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Draws `pic` at `scale` canvas pixels per SVG unit, the `focus`ed line outlined, and returns
    /// the rows of line pixels drawn. With a `budget` (rows a frame), only whole strips are
    /// redrawn, the ones redrawn longest ago first, as many as the budget saved over this and
    /// the previous frames pays for, so that the rows drawn average at most `budget` a frame and
    /// the rest keep the lines of earlier frames. Without one, or when the size, the layers or
    /// the focus changed, everything is redrawn.
    pub fn draw(&mut self, pic: &NetworkPicture, focus: Focus, scale: f64, budget: Option<f64>) -> f64 {
        let strips = pic.columns.len().saturating_sub(1);
        let whole = (scale, strips, focus, pic.layout.width, pic.layout.height);
        let layout = &pic.layout;
        let (width, height) = (
            (layout.width * scale).round() as usize,
            (layout.height * scale).round() as usize,
        );
        let budget = match budget {
            Some(budget) if self.drawn == Some(whole) && strips > 0 => budget,
            _ => {
                self.lines.clear(width, height);
                for strip in 0..strips {
                    self.draw_strip(pic, strip, focus, scale);
                }
                self.drawn = Some(whole);
                self.next = 0;
                self.credit = 0.0;
                self.dirty = (0, width);
                return (0..strips).map(|strip| strip_rows(pic, strip, scale)).sum();
            }
        };
        let mut credit = self.credit + budget;
        let mut drawn = 0.0;
        let mut dirty = (usize::MAX, 0);
        for _ in 0..strips {
            let strip = self.next % strips;
            let rows = strip_rows(pic, strip, scale);
            if rows > credit {
                break;
            }
            credit -= rows;
            drawn += rows;
            self.next = (strip + 1) % strips;
            let columns = self.redraw_strip(pic, strip, focus, scale);
            dirty = (dirty.0.min(columns.0), dirty.1.max(columns.1));
        }
        // What is left carries over, but no more than the next strip needs (or a frame's
        // budget): a pause in the drawing does not buy a burst of strips later.
        let next_rows = strip_rows(pic, self.next % strips, scale);
        self.credit = credit.min(budget.max(next_rows));
        self.dirty = if dirty.0 < dirty.1 { dirty } else { (0, 0) };
        drawn
    }

    /// The pixel columns `from..to` the last [`EdgeSheet::draw`] redrew: the whole width after a
    /// whole drawing, the strips redrawn after a turn. The rest of the image is as before.
    pub fn dirty(&self) -> (usize, usize) {
        self.dirty
    }

    /// The columns `from..to` of the image as an image of their own (see [`Lines::columns`]).
    pub fn columns(&mut self, from: usize, to: usize) -> &[u8] {
        self.lines.columns(from, to)
    }

    /// Clears strip `strip` and draws its lines again; returns the pixel columns cleared and
    /// redrawn.
    fn redraw_strip(&mut self, pic: &NetworkPicture, strip: usize, focus: Focus, scale: f64) -> (usize, usize) {
        let (Some(&(left, _)), Some(&(right, _))) = (pic.columns.get(strip), pic.columns.get(strip + 1)) else {
            return (0, 0);
        };
        let to_pixel = |x: f64| (x * scale).max(0.0) as usize;
        let radius = pic.layout.radius;
        let columns = (
            to_pixel(left + radius - STRIP_PAD),
            (to_pixel(right - radius + STRIP_PAD) + 1).min(self.lines.width()),
        );
        self.lines.clear_columns(columns.0, columns.1);
        self.draw_strip(pic, strip, focus, scale);
        columns
    }

    /// Draws the lines leaving layer `strip` (and the focused one's outline, if it is there).
    fn draw_strip(&mut self, pic: &NetworkPicture, strip: usize, focus: Focus, scale: f64) {
        let at = |x: f64, y: f64| [x * scale, y * scale];
        let lines = &mut self.lines;
        let mut draw = |e: &EdgeLine, color: Rgb, width: f64, opacity: f64| {
            lines.line(at(e.x1, e.y1), at(e.x2, e.y2), width * scale, color, opacity);
        };
        for e in pic.edges.iter().filter(|e| e.layer == strip) {
            draw(e, e.stroke, e.width, OPACITY);
        }
        if let Focus::Edge { layer, from, to } = focus {
            let focused = pic.edges.iter().find(|e| (e.layer, e.from, e.to) == (layer, from, to));
            if let Some(e) = focused.filter(|_| layer == strip) {
                draw(e, OUTLINE, e.width + OUTLINE_EXTRA, 1.0);
                draw(e, e.stroke, e.width, 1.0);
            }
        }
    }

    /// The image's width and height in pixels.
    pub fn size(&self) -> (usize, usize) {
        (self.lines.width(), self.lines.height())
    }

    /// The pixels, 4 bytes each (R, G, B, A, not premultiplied), row by row.
    pub fn image(&mut self) -> &[u8] {
        self.lines.image()
    }
}

/// The rows of pixels the lines leaving layer `strip` take at `scale`: each line is drawn one
/// row (or column) at a time along the direction it goes furthest in.
fn strip_rows(pic: &NetworkPicture, strip: usize, scale: f64) -> f64 {
    let rows = |e: &EdgeLine| (e.y2 - e.y1).abs().max((e.x2 - e.x1).abs()) * scale;
    pic.edges.iter().filter(|e| e.layer == strip).map(rows).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::draw::network::{picture, Show, WIDTH};
    use crate::app::explain::Inspection;
    use crate::core::{Activation, Init, Loss, Network, Rng};

    /// A focus on a neuron: no line outlined.
    const NO_EDGE: Focus = Focus::Neuron { layer: 0, index: 0 };

    fn network(seed: u64) -> Network {
        let acts = [
            Activation::Tanh,
            Activation::Tanh,
            Activation::Tanh,
            Activation::Sigmoid,
        ];
        Network::new(&[2, 6, 6, 6, 1], &acts, Init::Xavier, &mut Rng::new(seed)).unwrap()
    }

    fn pic(seed: u64) -> NetworkPicture {
        let net = network(seed);
        let sample = Inspection::new(&net, Loss::CrossEntropy, &[0.3, -0.2], &[1.0]);
        picture(&net, &sample, Show::Activations, WIDTH)
    }

    /// The whole drawing of `pic`, at once.
    fn whole(pic: &NetworkPicture, focus: Focus) -> Vec<u8> {
        let mut sheet = EdgeSheet::new();
        sheet.draw(pic, focus, 1.0, None);
        sheet.image().to_vec()
    }

    /// The rows of the largest strip of `pic`: a budget that pays for about one strip a frame.
    fn largest_strip(pic: &NetworkPicture) -> f64 {
        (0..pic.columns.len() - 1)
            .map(|strip| strip_rows(pic, strip, 1.0))
            .fold(0.0, f64::max)
    }

    #[test]
    fn drawing_in_turns_ends_with_the_same_image_as_drawing_at_once() {
        let focus = Focus::Edge {
            layer: 1,
            from: 2,
            to: 3,
        };
        let (old, new) = (pic(1), pic(2));
        assert_ne!(whole(&old, focus), whole(&new, focus));
        let budget = largest_strip(&new);
        let mut sheet = EdgeSheet::new();
        sheet.draw(&old, focus, 1.0, Some(budget));
        assert_eq!(sheet.image(), whole(&old, focus), "the first drawing is whole");
        // Four strips, about one a frame: done within eight frames, not in one.
        let mut frames = 0;
        while sheet.image() != whole(&new, focus) {
            assert!(frames < 8, "still not the new picture after {frames} frames");
            sheet.draw(&new, focus, 1.0, Some(budget));
            frames += 1;
        }
        assert!(frames >= 2, "one frame's budget cannot pay for every strip: {frames}");
    }

    #[test]
    fn a_turn_redraws_whole_strips_within_the_budget_and_leaves_the_others() {
        let (old, new) = (pic(1), pic(2));
        let mut sheet = EdgeSheet::new();
        sheet.draw(&old, NO_EDGE, 1.0, None);
        // A budget of exactly the first strip's rows: that strip, and no other.
        let drawn = sheet.draw(&new, NO_EDGE, 1.0, Some(strip_rows(&new, 0, 1.0)));
        assert_eq!(drawn, strip_rows(&new, 0, 1.0));
        let (width, _) = sheet.size();
        let image = sheet.image().to_vec();
        let (before, after) = (whole(&old, NO_EDGE), whole(&new, NO_EDGE));
        let column = |img: &[u8], x: usize| -> Vec<u8> {
            img.chunks(4 * width)
                .flat_map(|row| row[4 * x..4 * x + 4].to_vec())
                .collect()
        };
        let middle = |strip: usize| ((old.columns[strip].0 + old.columns[strip + 1].0) / 2.0) as usize;
        assert_eq!(
            column(&image, middle(0)),
            column(&after, middle(0)),
            "strip 0 is redrawn"
        );
        for strip in 1..4 {
            assert_eq!(
                column(&image, middle(strip)),
                column(&before, middle(strip)),
                "strip {strip} waits"
            );
        }
        // A large budget redraws everything that is left.
        sheet.draw(&new, NO_EDGE, 1.0, Some(1e9));
        assert_eq!(sheet.image(), after);
    }

    #[test]
    fn a_strip_larger_than_a_frames_budget_waits_until_the_budget_saved_pays_for_it() {
        let (old, new) = (pic(1), pic(2));
        let mut sheet = EdgeSheet::new();
        sheet.draw(&old, NO_EDGE, 1.0, None);
        let budget = largest_strip(&new) / 3.0;
        let frames = 60;
        let drawn: Vec<f64> = (0..frames)
            .map(|_| sheet.draw(&new, NO_EDGE, 1.0, Some(budget)))
            .collect();
        assert!(drawn.contains(&0.0), "some frames draw nothing: {drawn:?}");
        assert!(
            drawn.iter().any(|&d| d > budget),
            "a strip larger than one frame's budget is drawn"
        );
        // On average no more than the budget a frame, and the saved budget is spent.
        let total: f64 = drawn.iter().sum();
        let most = frames as f64 * budget;
        assert!(
            total <= most + 1e-6,
            "{total} rows drawn over {frames} frames at {budget} a frame"
        );
        assert!(total >= most - 2.0 * largest_strip(&new), "{total} rows of {most}");
    }

    #[test]
    fn only_the_dirty_columns_change_in_a_turn() {
        let (old, new) = (pic(1), pic(2));
        let mut sheet = EdgeSheet::new();
        sheet.draw(&old, NO_EDGE, 1.0, None);
        let (width, height) = sheet.size();
        assert_eq!(sheet.dirty(), (0, width), "a whole drawing is dirty everywhere");
        let mut shown = sheet.image().to_vec();
        // Frame by frame, putting only the dirty columns on the old picture gives the new one.
        let budget = largest_strip(&new) / 2.0;
        for _ in 0..12 {
            let drawn = sheet.draw(&new, NO_EDGE, 1.0, Some(budget));
            let (from, to) = sheet.dirty();
            if drawn == 0.0 {
                assert_eq!((from, to), (0, 0), "a frame that draws nothing dirties nothing");
                continue;
            }
            assert!(
                from < to && to - from < width,
                "a strip, not the whole width: {from}..{to}"
            );
            let part = sheet.columns(from, to).to_vec();
            for row in 0..height {
                let wide = to - from;
                shown[(row * width + from) * 4..(row * width + to) * 4]
                    .copy_from_slice(&part[row * wide * 4..(row + 1) * wide * 4]);
            }
            assert_eq!(shown, sheet.image(), "what the canvas shows is the sheet");
        }
        assert_eq!(shown, whole(&new, NO_EDGE));
    }

    #[test]
    fn a_new_focus_or_size_redraws_everything_at_once() {
        let p = pic(3);
        let mut sheet = EdgeSheet::new();
        sheet.draw(&p, NO_EDGE, 1.0, Some(1.0));
        let focus = Focus::Edge {
            layer: 2,
            from: 0,
            to: 5,
        };
        sheet.draw(&p, focus, 1.0, Some(1.0));
        assert_eq!(sheet.image(), whole(&p, focus));
        sheet.draw(&p, focus, 2.0, Some(1.0));
        let (w, h) = (p.layout.width, p.layout.height);
        assert_eq!(sheet.size(), ((2.0 * w) as usize, (2.0 * h) as usize));
        // A narrower drawing (a phone) is a new size: drawn whole again.
        let net = network(3);
        let sample = Inspection::new(&net, Loss::CrossEntropy, &[0.3, -0.2], &[1.0]);
        let narrow = picture(&net, &sample, Show::Activations, 360.0);
        sheet.draw(&narrow, focus, 1.0, Some(1.0));
        assert_eq!(sheet.size(), (360, narrow.layout.height.round() as usize));
        assert_eq!(sheet.image(), whole(&narrow, focus));
    }
}
