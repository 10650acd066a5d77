//! Anti-aliased lines of any width drawn into an RGBA buffer that a canvas shows with one
//! `putImageData`.
//!
//! A large network has about two thousand weights. Stroked as canvas paths, Chromium rasterised
//! them again on every frame in software, which took longer than all the training. Here a line
//! is walked one pixel row at a time (one column at a time when it is more wide than tall): the
//! line crosses the row as a band, and each pixel gets the share of the band that falls on it.
//! That is exact for the line's body at any angle; the ends are cut square to the walking
//! direction, which is hidden where the lines meet the neurons.

use super::color::Rgb;

/// An RGBA image that lines are drawn on.
#[derive(Debug, Default)]
pub struct Lines {
    width: usize,
    height: usize,
    /// The drawing so far, a `u32` a pixel holding R, G, B, A from the lowest byte up, with the
    /// colour premultiplied by the opacity: then one line over another needs no division.
    ink: Vec<u32>,
    /// The drawing as a canvas takes it (bytes, not premultiplied), made by [`Lines::image`].
    rgba: Vec<u8>,
}

/// 2¹⁶·255 / a for each opacity a (0 for 0): undoes the premultiplication by a multiplication.
const UNPREMULTIPLY: [u32; 256] = {
    let mut table = [0; 256];
    let mut a = 1;
    while a < 256 {
        table[a] = ((255 << 16) + a as u32 / 2) / a as u32;
        a += 1;
    }
    table
};

/// `color` opaque, as a premultiplied pixel.
fn pixel_of(color: Rgb) -> u32 {
    u32::from_le_bytes([color.0, color.1, color.2, 255])
}

/// `over` at opacity `a` (in 255ths) over `under`, both premultiplied pixels ("source over"):
/// over·a/255 + under·(255 − a)/255 for each byte, two bytes at a time.
fn paint(under: u32, over: u32, a: u32) -> u32 {
    const LOW: u32 = 0x00ff_00ff;
    let keep = 255 - a;
    // Each half holds two bytes 16 bits apart; x/255 rounded is (x + 128 + (x + 128)/256)/256.
    let mix = |o: u32, u: u32| {
        let x = o * a + u * keep + 0x0080_0080;
        ((x + ((x >> 8) & LOW)) >> 8) & LOW
    };
    mix(over & LOW, under & LOW) | (mix((over >> 8) & LOW, (under >> 8) & LOW) << 8)
}

impl Lines {
    /// An empty image; [`Lines::clear`] gives it a size.
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes the image `width` × `height` and fully transparent. The buffer is reused when it
    /// is large enough, so clearing every frame allocates nothing.
    pub fn clear(&mut self, width: usize, height: usize) {
        self.width = width;
        self.height = height;
        self.ink.clear();
        self.ink.resize(width * height, 0);
    }

    /// Makes the columns `from..to` of every row transparent again.
    pub fn clear_columns(&mut self, from: usize, to: usize) {
        let (from, to) = (from.min(self.width), to.min(self.width));
        if from < to {
            for row in self.ink.chunks_exact_mut(self.width) {
                row[from..to].fill(0);
            }
        }
    }

    /// The image's width in pixels.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The image's height in pixels.
    pub fn height(&self) -> usize {
        self.height
    }

    /// The pixels, 4 bytes each (R, G, B, A, not premultiplied), row by row from the top left.
    pub fn image(&mut self) -> &[u8] {
        self.columns(0, self.width)
    }

    /// The columns `from..to` of every row (clamped to the image) as an image of their own:
    /// 4 bytes a pixel, not premultiplied, row by row. For putting only what changed on a canvas.
    /// The buffer is reused, so this allocates nothing once it is large enough.
    pub fn columns(&mut self, from: usize, to: usize) -> &[u8] {
        let (from, to) = (from.min(self.width), to.min(self.width).max(from.min(self.width)));
        let wide = to - from;
        self.rgba.resize(4 * wide * self.height, 0);
        if wide == 0 {
            return &self.rgba;
        }
        let rows = self.ink.chunks_exact(self.width).map(|row| &row[from..to]);
        for (out, ink) in self.rgba.chunks_exact_mut(4 * wide).zip(rows) {
            for (out, &ink) in out.chunks_exact_mut(4).zip(ink) {
                let [r, g, b, a] = ink.to_le_bytes();
                // Most pixels are empty or fully covered: those need no arithmetic.
                let straight = match a {
                    0 => [0; 4],
                    255 => [r, g, b, a],
                    _ => {
                        let scale = UNPREMULTIPLY[usize::from(a)];
                        let unmix = |c: u8| ((u32::from(c) * scale + (1 << 15)) >> 16).min(255) as u8;
                        [unmix(r), unmix(g), unmix(b), a]
                    }
                };
                out.copy_from_slice(&straight);
            }
        }
        &self.rgba
    }

    /// Draws a segment from `from` to `to` (in pixels, (0, 0) the top-left corner of the top-left
    /// pixel) `width` pixels wide, in `color` at `opacity` (0 to 1), over what is drawn already.
    /// Lines thinner than a pixel are drawn a pixel wide and fainter, as a thin pen's ink
    /// spreads over one pixel. Non-finite coordinates draw nothing.
    pub fn line(&mut self, from: [f64; 2], to: [f64; 2], width: f64, color: Rgb, opacity: f64) {
        let ([x0, y0], [x1, y1]) = (from, to);
        let drawable = [x0, y0, x1, y1, width, opacity].iter().all(|v| v.is_finite()) && width > 0.0 && opacity > 0.0;
        if !drawable || self.ink.is_empty() {
            return;
        }
        // The opacity in 255ths.
        let ink = opacity.min(1.0) * width.min(1.0) * 255.0;
        let (dx, dy) = (x1 - x0, y1 - y0);
        let length = dx.hypot(dy);
        // Walk along u, the direction the line goes furthest in; v is the other one. A pixel
        // (u, v) is at `u * u_step + v * v_step` in the buffer.
        let steep = dy.abs() > dx.abs();
        let (u0, v0, u1, v1) = if steep { (y0, x0, y1, x1) } else { (x0, y0, x1, y1) };
        let ((u0, v0), (u1, v1)) = if u0 <= u1 {
            ((u0, v0), (u1, v1))
        } else {
            ((u1, v1), (u0, v0))
        };
        let (u_size, v_size, u_step, v_step) = if steep {
            (self.height, self.width, self.width, 1)
        } else {
            (self.width, self.height, 1, self.width)
        };
        let du = u1 - u0;
        // Where the line's middle crosses a row grows by `slope` a row; the band it lays across
        // the row is `2 * half` wide. A line shorter than a pixel is drawn as a short dash.
        let (slope, half) = if du > 1e-9 {
            ((v1 - v0) / du, width.max(1.0) / 2.0 * length / du)
        } else {
            (0.0, width.max(1.0) / 2.0)
        };
        let over = pixel_of(color);
        let ink_buffer = &mut self.ink;
        // Lays `alpha` (in 255ths) of the line's colour on pixel `at`. (Adding a half and
        // truncating rounds; `round` is a slow library call in WebAssembly.)
        let mut put = |at: usize, alpha: f64| {
            let a = ((alpha + 0.5) as u32).min(255);
            if a > 0 {
                ink_buffer[at] = paint(ink_buffer[at], over, a);
            }
        };
        // Casting a non-negative number to an integer floors it (`floor` is a library call on
        // some targets, and this runs for every row).
        let (first, last) = (
            u0.max(0.0) as usize,
            (u1.max(0.0) as usize).min(u_size.saturating_sub(1)),
        );
        let v_max = v_size as f64;
        for u in first..last + 1 {
            let (top, bottom) = (u as f64, u as f64 + 1.0);
            // The share of this row the segment spans (less than 1 at its ends).
            let spanned = if du > 1e-9 { bottom.min(u1) - top.max(u0) } else { 1.0 };
            let middle = v0 + (((top + bottom) / 2.0).clamp(u0, u1) - u0) * slope;
            // The band across the row, cut to the image.
            let (low, high) = ((middle - half).max(0.0), (middle + half).min(v_max));
            if spanned <= 0.0 || high <= low {
                continue;
            }
            let row_ink = ink * spanned;
            let (start, end) = (low as usize, (high as usize).min(v_size - 1));
            let base = u * u_step;
            // The band covers the first pixel from `low`, the last up to `high`, and all of
            // those between.
            if start == end {
                put(base + start * v_step, (high - low) * row_ink);
            } else {
                put(base + start * v_step, ((start + 1) as f64 - low) * row_ink);
                for v in start + 1..end {
                    put(base + v * v_step, row_ink);
                }
                put(base + end * v_step, (high - end as f64) * row_ink);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn some_columns_are_the_same_pixels_as_the_whole_image() {
        let mut lines = Lines::new();
        lines.clear(30, 20);
        lines.line([2.0, 3.0], [27.0, 16.0], 2.5, Rgb(10, 120, 200), 0.7);
        lines.line([5.0, 18.0], [25.0, 1.0], 1.0, Rgb(240, 140, 30), 0.85);
        let whole = lines.image().to_vec();
        let part = lines.columns(7, 19).to_vec();
        assert_eq!(part.len(), 12 * 20 * 4);
        for row in 0..20 {
            assert_eq!(
                part[row * 48..(row + 1) * 48],
                whole[(row * 30 + 7) * 4..(row * 30 + 19) * 4],
                "row {row}"
            );
        }
        assert!(part.iter().any(|&b| b != 0), "the lines cross those columns");
        assert!(lines.columns(25, 100).len() == 5 * 20 * 4, "clamped to the image");
        assert!(lines.columns(40, 50).is_empty());
    }

    const BLUE: Rgb = Rgb(0x08, 0x77, 0xbd);
    const ORANGE: Rgb = Rgb(0xf5, 0x93, 0x22);

    fn pixel(lines: &mut Lines, x: usize, y: usize) -> [u8; 4] {
        let k = 4 * (y * lines.width() + x);
        lines.image()[k..k + 4].try_into().unwrap()
    }

    /// The ink laid down: the sum of every pixel's opacity, in pixels.
    fn ink(lines: &mut Lines) -> f64 {
        lines.image().chunks(4).map(|p| f64::from(p[3]) / 255.0).sum()
    }

    #[test]
    fn a_line_covers_its_outline_and_nothing_beyond() {
        let mut lines = Lines::new();
        lines.clear(40, 20);
        lines.line([10.0, 10.0], [30.0, 10.0], 4.0, BLUE, 1.0);
        // The line is the rectangle x from 10 to 30, y from 8 to 12: whole pixels, all opaque.
        for (x, y) in [(10, 8), (20, 9), (29, 11), (15, 10)] {
            assert_eq!(pixel(&mut lines, x, y), [0x08, 0x77, 0xbd, 255], "({x}, {y})");
        }
        for (x, y) in [(20, 7), (20, 12), (9, 10), (30, 10), (0, 0)] {
            assert_eq!(pixel(&mut lines, x, y)[3], 0, "({x}, {y})");
        }
        // Half a pixel off the grid, the border rows and columns are half covered.
        lines.clear(40, 20);
        lines.line([10.5, 10.5], [30.5, 10.5], 4.0, BLUE, 1.0);
        assert_eq!(pixel(&mut lines, 20, 8)[3], 128);
        assert_eq!(pixel(&mut lines, 20, 12)[3], 128);
        assert_eq!(pixel(&mut lines, 10, 10)[3], 128);
        assert_eq!(pixel(&mut lines, 20, 10)[3], 255);
    }

    #[test]
    fn the_ink_is_the_lines_area_at_any_angle() {
        for width in [1.0_f64, 3.0, 6.0] {
            let length = 60.0_f64;
            let area = length * width;
            for degrees in [0.0_f64, 10.0, 30.0, 44.0, 46.0, 60.0, 89.0, 90.0, 135.0, 200.0] {
                let mut lines = Lines::new();
                lines.clear(100, 100);
                let (s, c) = degrees.to_radians().sin_cos();
                let half = [c * length / 2.0, s * length / 2.0];
                lines.line(
                    [50.3 - half[0], 49.8 - half[1]],
                    [50.3 + half[0], 49.8 + half[1]],
                    width,
                    ORANGE,
                    1.0,
                );
                let drawn = ink(&mut lines);
                assert!(
                    (drawn - area).abs() < 0.01 * area,
                    "{width} px at {degrees}°: {drawn} for {area}"
                );
            }
        }
    }

    #[test]
    fn the_ink_lies_along_the_line() {
        // A steep line from (20, 10) to (30, 90): each row's ink is centred where the line crosses it.
        let mut lines = Lines::new();
        lines.clear(50, 100);
        lines.line([20.0, 10.0], [30.0, 90.0], 3.0, BLUE, 1.0);
        let image = lines.image().to_vec();
        for y in [15_usize, 50, 85] {
            let row = &image[4 * 50 * y..4 * 50 * (y + 1)];
            let (mut mass, mut moment) = (0.0, 0.0);
            for (x, p) in row.chunks(4).enumerate() {
                let a = f64::from(p[3]);
                mass += a;
                moment += a * (x as f64 + 0.5);
            }
            let expected = 20.0 + (y as f64 + 0.5 - 10.0) / 8.0;
            assert!(
                (moment / mass - expected).abs() < 0.05,
                "row {y}: {} vs {expected}",
                moment / mass
            );
        }
    }

    #[test]
    fn thin_lines_are_fainter_not_thinner_than_a_pixel() {
        let mut lines = Lines::new();
        lines.clear(40, 10);
        lines.line([5.0, 5.0], [35.0, 5.0], 0.5, BLUE, 1.0);
        // Half as much ink as a one-pixel line.
        let drawn = ink(&mut lines);
        assert!((drawn - 0.5 * 30.0).abs() < 0.2, "{drawn}");
        // y = 5 is the border of rows 4 and 5: each holds half of the pixel-wide line, at half opacity.
        assert_eq!(pixel(&mut lines, 20, 4)[3], 64);
        assert_eq!(pixel(&mut lines, 20, 5)[3], 64);
    }

    #[test]
    fn later_lines_go_over_earlier_ones_and_opacity_adds_up() {
        let mut lines = Lines::new();
        lines.clear(20, 20);
        lines.line([0.0, 10.0], [20.0, 10.0], 4.0, BLUE, 1.0);
        lines.line([10.0, 0.0], [10.0, 20.0], 4.0, ORANGE, 1.0);
        assert_eq!(pixel(&mut lines, 10, 10), [0xf5, 0x93, 0x22, 255]);
        assert_eq!(pixel(&mut lines, 3, 10), [0x08, 0x77, 0xbd, 255]);

        lines.clear(20, 20);
        lines.line([0.0, 10.0], [20.0, 10.0], 4.0, BLUE, 0.5);
        // (Premultiplied and back: a colour may come back one step off.)
        let close = |got: u8, want: u8| assert!(got.abs_diff(want) <= 1, "{got} vs {want}");
        let [r, g, b, a] = pixel(&mut lines, 10, 10);
        assert_eq!(a, 128);
        close(r, 0x08);
        close(g, 0x77);
        close(b, 0xbd);
        lines.line([0.0, 10.0], [20.0, 10.0], 4.0, ORANGE, 0.5);
        // Half orange over half blue: three quarters opaque, two parts orange to one part blue.
        let [r, g, b, a] = pixel(&mut lines, 10, 10);
        assert!((190..=192).contains(&a), "{a}");
        let third = |o: u8, bl: u8| ((2.0 * f64::from(o) + f64::from(bl)) / 3.0).round() as u8;
        close(r, third(0xf5, 0x08));
        close(g, third(0x93, 0x77));
        close(b, third(0x22, 0xbd));
    }

    #[test]
    fn lines_partly_or_wholly_off_the_image_and_bad_numbers_are_clipped_or_skipped() {
        let mut lines = Lines::new();
        lines.clear(10, 10);
        lines.line([-50.0, -50.0], [60.0, 60.0], 3.0, BLUE, 1.0);
        assert!(pixel(&mut lines, 5, 5)[3] > 200, "the diagonal crosses the image");
        lines.clear(10, 10);
        lines.line([-50.0, 5.0], [-20.0, 5.0], 3.0, BLUE, 1.0);
        lines.line([20.0, 25.0], [30.0, 40.0], 3.0, BLUE, 1.0);
        lines.line([5.0, -30.0], [5.0, -10.0], 3.0, BLUE, 1.0);
        lines.line([f64::NAN, 5.0], [5.0, 5.0], 3.0, BLUE, 1.0);
        lines.line([1.0, 5.0], [9.0, 5.0], f64::INFINITY, BLUE, 1.0);
        lines.line([1.0, 5.0], [9.0, 5.0], 2.0, BLUE, 0.0);
        assert_eq!(ink(&mut lines), 0.0);
        // An image with no pixels takes lines without harm.
        let mut empty = Lines::new();
        for (w, h) in [(0, 10), (10, 0), (0, 0)] {
            empty.clear(w, h);
            empty.line([0.0, 0.0], [8.0, 3.0], 2.0, BLUE, 1.0);
            empty.line([0.0, 0.0], [3.0, 8.0], 2.0, BLUE, 1.0);
            assert!(empty.image().is_empty());
        }
        // A line of no length is a dash a pixel long.
        lines.line([5.0, 5.0], [5.0, 5.0], 4.0, BLUE, 1.0);
        assert_eq!(ink(&mut lines), 4.0);
    }

    #[test]
    fn clearing_keeps_the_buffer_and_empties_it() {
        let mut lines = Lines::new();
        lines.clear(30, 20);
        lines.line([0.0, 0.0], [30.0, 20.0], 5.0, BLUE, 1.0);
        let before = lines.image().as_ptr();
        lines.clear(30, 20);
        assert_eq!(lines.image().as_ptr(), before);
        assert_eq!(lines.image().len(), 30 * 20 * 4);
        assert_eq!(ink(&mut lines), 0.0);
    }
}
