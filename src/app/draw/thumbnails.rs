//! Every neuron's own output over the input plane as a small round heatmap, all of them on one
//! transparent RGBA sheet laid out like the network picture, so that a frame costs one field
//! computation and one `putImageData`.
//!
//! The sheet is [`SHEET_WIDTH`] × [`SHEET_HEIGHT`] pixels, the network picture's [`WIDTH`] ×
//! [`HEIGHT`] SVG units at [`SCALE`] pixels a unit: a canvas of that size stretched under the SVG
//! puts each map at its neuron. Each map is a disc [`CELLS`] pixels across, one pixel per cell of
//! the plane, centred on its neuron; the neuron's circle hides it but for a round window of radius
//! [`WINDOW`] ([`window_path`]), so the ring around the window still shows the chosen sample's
//! activation and the disc's jagged edge stays hidden under it.

use super::field::{Field, FieldError};
use super::network::{neuron_centre, HEIGHT, RADIUS, WIDTH};
use crate::core::{Feature, Network};

/// Cells along each side of a neuron's map (the plane [−1.5, 1.5]² at this resolution).
pub const CELLS: usize = 24;
/// Width of the sheet in pixels.
pub const SHEET_WIDTH: usize = 512;
/// Height of the sheet in pixels.
pub const SHEET_HEIGHT: usize = 272;
/// Sheet pixels per SVG unit.
pub const SCALE: f64 = SHEET_WIDTH as f64 / WIDTH;
/// Radius, in SVG units, of the window cut in a neuron's circle through which its map shows.
pub const WINDOW: f64 = 13.0;

// The sheet is the picture scaled: a canvas stretched to the SVG's box puts each map on its neuron.
const _: () = assert!(
    SHEET_HEIGHT as f64 == HEIGHT * SCALE,
    "the sheet has the picture's proportions"
);
// The window shows only the map: even with a map placed half a pixel off and the canvas smoothed
// over a pixel when it is stretched, the map's disc reaches past the window's edge.
const _: () = assert!(
    WINDOW * SCALE + 1.5 <= CELLS as f64 / 2.0,
    "the window is wider than the map"
);
// And the whole disc lies under the neuron's circle, so its edge never shows outside it.
const _: () = assert!(CELLS as f64 / 2.0 / SCALE <= RADIUS, "the map is wider than the neuron");

/// For each row of a map, the columns `start..end` inside its disc (a cell is inside when its
/// centre is within `CELLS / 2` of the map's centre).
fn disc_spans() -> Vec<(usize, usize)> {
    let half = CELLS as f64 / 2.0;
    (0..CELLS)
        .map(|row| {
            let dy = row as f64 + 0.5 - half;
            let inside = |col: usize| (col as f64 + 0.5 - half).powi(2) + dy * dy <= half * half;
            let start = (0..CELLS).find(|&c| inside(c)).unwrap_or(CELLS);
            let end = (start..CELLS).find(|&c| !inside(c)).unwrap_or(CELLS);
            (start, end)
        })
        .collect()
}

/// The outline of a neuron's circle with its window cut out, in the circle's bounding-box units
/// (0…1 across the circle), for an SVG `clipPath` with `clipPathUnits="objectBoundingBox"` and
/// `clip-rule="evenodd"`: a square a little larger than the circle, so that its outline survives,
/// less a centred disc of radius [`WINDOW`].
pub fn window_path() -> String {
    let r = WINDOW / (2.0 * RADIUS);
    let (left, right) = (0.5 - r, 0.5 + r);
    format!(
        "M-0.2 -0.2H1.2V1.2H-0.2Z M{left:.3} 0.5A{r:.3} {r:.3} 0 1 0 {right:.3} 0.5A{r:.3} {r:.3} 0 1 0 {left:.3} 0.5Z"
    )
}

/// Every neuron's map over the plane on one sheet, for one network shape and its input features.
/// Building it allocates; [`Thumbnails::draw`] for new weights allocates nothing.
#[derive(Clone, Debug)]
pub struct Thumbnails {
    field: Field,
    features: Vec<Feature>,
    /// The sheet pixel at the top left of each neuron's map (neurons numbered as in a `Trace`).
    corners: Vec<[usize; 2]>,
    /// Each map row's columns inside the disc.
    spans: Vec<(usize, usize)>,
    /// RGBA, row by row; transparent outside the maps.
    pixels: Vec<u8>,
    /// One neuron's map as [`Field::paint_neuron`] colours it.
    scratch: Vec<u8>,
}

impl Thumbnails {
    /// Maps for networks shaped like `network` whose inputs are `features` of (x₁, x₂), one per
    /// input neuron. Every map starts transparent.
    pub fn new(network: &Network, features: &[Feature]) -> Self {
        let sizes = network.sizes();
        let mut corners = Vec::with_capacity(sizes.iter().sum());
        for (layer, &count) in sizes.iter().enumerate() {
            for index in 0..count {
                let [x, y] = neuron_centre(sizes, layer, index);
                let corner = |v: f64, limit: usize| {
                    let top_left = (v * SCALE - CELLS as f64 / 2.0).round().max(0.0) as usize;
                    top_left.min(limit - CELLS)
                };
                corners.push([corner(x, SHEET_WIDTH), corner(y, SHEET_HEIGHT)]);
            }
        }
        Self {
            field: Field::with_features(network, CELLS, features),
            features: features.to_vec(),
            corners,
            spans: disc_spans(),
            pixels: vec![0; SHEET_WIDTH * SHEET_HEIGHT * 4],
            scratch: Vec::with_capacity(CELLS * CELLS * 4),
        }
    }

    /// Whether these maps are for `network`'s shape and these input `features`.
    pub fn fits(&self, network: &Network, features: &[Feature]) -> bool {
        self.field.fits(network) && self.features == features
    }

    /// The sheet pixel (column, row) at the top left of neuron `neuron`'s map, if there is such
    /// a neuron (numbered as in a `Trace`, inputs first).
    pub fn corner(&self, neuron: usize) -> Option<[usize; 2]> {
        self.corners.get(neuron).copied()
    }

    /// Whether cell (`col`, `row`) of a map is drawn: inside the map's disc.
    pub fn inside(&self, col: usize, row: usize) -> bool {
        self.spans
            .get(row)
            .is_some_and(|&(start, end)| (start..end).contains(&col))
    }

    /// The field last computed: every neuron's a at every cell of a map.
    pub fn field(&self) -> &Field {
        &self.field
    }

    /// The sheet: RGBA, [`SHEET_WIDTH`] × [`SHEET_HEIGHT`] pixels row by row, for a canvas
    /// `ImageData`. Transparent outside the maps.
    pub fn pixels(&self) -> &[u8] {
        &self.pixels
    }

    /// Passes the plane through `network` and paints every neuron's map, coloured as
    /// [`Field::paint_neuron`] colours it, onto the sheet. Where two maps overlap the later
    /// neuron's is on top, as its circle is in the picture. Allocates nothing.
    pub fn draw(&mut self, network: &Network) -> Result<(), FieldError> {
        self.field.compute(network)?;
        let row_bytes = SHEET_WIDTH * 4;
        for (neuron, &[left, top]) in self.corners.iter().enumerate() {
            self.field.paint_neuron(neuron, &mut self.scratch);
            for (row, &(start, end)) in self.spans.iter().enumerate() {
                let from = &self.scratch[(row * CELLS + start) * 4..(row * CELLS + end) * 4];
                let at = (top + row) * row_bytes + (left + start) * 4;
                self.pixels[at..at + from.len()].copy_from_slice(from);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::draw::network::{picture, Show};
    use crate::app::explain::Inspection;
    use crate::core::{Activation, Init, Loss, Rng};

    fn net(sizes: &[usize]) -> Network {
        let mut acts = vec![Activation::Tanh; sizes.len() - 1];
        acts[sizes.len() - 2] = Activation::Sigmoid;
        Network::new(sizes, &acts, Init::Xavier, &mut Rng::new(3)).unwrap()
    }

    /// The RGBA of sheet pixel (col, row).
    fn at(maps: &Thumbnails, col: usize, row: usize) -> [u8; 4] {
        let i = (row * SHEET_WIDTH + col) * 4;
        maps.pixels()[i..i + 4].try_into().unwrap()
    }

    /// Neuron `neuron`'s map cell (col, row) as the sheet holds it.
    fn cell(maps: &Thumbnails, neuron: usize, col: usize, row: usize) -> [u8; 4] {
        let [left, top] = maps.corner(neuron).unwrap();
        at(maps, left + col, top + row)
    }

    #[test]
    fn each_map_is_centred_on_its_neuron() {
        let xor = net(&[2, 4, 2, 1]);
        let sample = Inspection::new(&xor, Loss::CrossEntropy, &[0.3, -0.8], &[1.0]);
        let pic = picture(&xor, &sample, Show::Activations);
        // The largest network the lab builds: 7 inputs, 8 hidden layers of 16, 1 output.
        let mut sizes = vec![7];
        sizes.extend([16; 8]);
        sizes.push(1);
        let largest = net(&sizes);
        let mut dots: Vec<(Thumbnails, Vec<[f64; 2]>)> = vec![(
            Thumbnails::new(&xor, &[Feature::X1, Feature::X2]),
            pic.neurons.iter().map(|n| [n.x, n.y]).collect(),
        )];
        let mut centres = Vec::new();
        for (layer, &count) in sizes.iter().enumerate() {
            centres.extend((0..count).map(|index| neuron_centre(&sizes, layer, index)));
        }
        dots.push((Thumbnails::new(&largest, &Feature::ALL), centres));
        for (maps, centres) in &dots {
            assert_eq!(maps.corner(centres.len()), None, "one map a neuron");
            for (k, &[x, y]) in centres.iter().enumerate() {
                let [left, top] = maps.corner(k).unwrap();
                assert!(
                    left + CELLS <= SHEET_WIDTH && top + CELLS <= SHEET_HEIGHT,
                    "map {k} is on the sheet"
                );
                // Rounded to whole pixels: at most half a pixel from the neuron's centre.
                let half = CELLS as f64 / 2.0;
                assert!(
                    (left as f64 + half - x * SCALE).abs() <= 0.5,
                    "map {k}: {left} for x = {x}"
                );
                assert!(
                    (top as f64 + half - y * SCALE).abs() <= 0.5,
                    "map {k}: {top} for y = {y}"
                );
            }
        }
    }

    #[test]
    fn each_map_is_its_neurons_own_heatmap_in_a_disc() {
        let network = net(&[2, 4, 2, 1]);
        let mut maps = Thumbnails::new(&network, &[Feature::X1, Feature::X2]);
        assert!(maps.pixels().iter().all(|&b| b == 0), "transparent before drawing");
        maps.draw(&network).unwrap();
        let mut field = Field::new(&network, CELLS);
        field.compute(&network).unwrap();
        let mut own = Vec::new();
        let mut drawn = 0;
        for neuron in 0..9 {
            field.paint_neuron(neuron, &mut own);
            for row in 0..CELLS {
                for col in 0..CELLS {
                    let expected = if maps.inside(col, row) {
                        drawn += 1;
                        let i = (row * CELLS + col) * 4;
                        own[i..i + 4].try_into().unwrap()
                    } else {
                        [0; 4]
                    };
                    assert_eq!(
                        cell(&maps, neuron, col, row),
                        expected,
                        "neuron {neuron}, cell ({col}, {row})"
                    );
                }
            }
        }
        // A disc 24 cells across covers about π·12² ≈ 452 of the 576 cells.
        assert!((440..=470).contains(&(drawn / 9)), "{drawn}");
        // Nothing is drawn between the maps.
        let opaque = maps.pixels().chunks_exact(4).filter(|p| p[3] != 0).count();
        assert_eq!(opaque, drawn);
        // The input x₁ runs from orange on the left of its map to blue on the right.
        let mid = CELLS / 2;
        let (left, right) = (cell(&maps, 0, 0, mid), cell(&maps, 0, CELLS - 1, mid));
        assert!(left[0] > left[2] && right[2] > right[0], "{left:?} … {right:?}");
    }

    #[test]
    fn new_weights_repaint_the_maps() {
        let mut network = net(&[2, 4, 2, 1]);
        let mut maps = Thumbnails::new(&network, &[Feature::X1, Feature::X2]);
        maps.draw(&network).unwrap();
        let before = maps.pixels().to_vec();
        // Cell (5, 5), up and to the left of the middle, inside the disc.
        assert!(maps.inside(5, 5));
        let cell_5_5 = |maps: &Thumbnails, neuron: usize| cell(maps, neuron, 5, 5);
        let (x1, hidden) = (cell_5_5(&maps, 0), cell_5_5(&maps, 2));
        // Hidden neuron 0 (neuron 2) now leans hard on x₁: its map changes, x₁'s does not.
        network.weights_mut()[0] += 3.0;
        maps.draw(&network).unwrap();
        assert_ne!(maps.pixels(), &before[..]);
        assert_eq!(cell_5_5(&maps, 0), x1);
        assert_ne!(cell_5_5(&maps, 2), hidden);
        let mut own = Vec::new();
        let mut field = Field::new(&network, CELLS);
        field.compute(&network).unwrap();
        field.paint_neuron(2, &mut own);
        let i = (5 * CELLS + 5) * 4;
        assert_eq!(cell_5_5(&maps, 2)[..], own[i..i + 4]);
    }

    #[test]
    fn maps_follow_the_input_features() {
        // x₁² is the same at x₁ and −x₁: its map mirrors left to right; x₁'s does not.
        let features = [Feature::X1, Feature::X1Squared];
        let network = net(&[2, 3, 1]);
        let mut maps = Thumbnails::new(&network, &features);
        maps.draw(&network).unwrap();
        let row = CELLS / 2;
        for col in 0..CELLS {
            assert_eq!(cell(&maps, 1, col, row), cell(&maps, 1, CELLS - 1 - col, row));
        }
        assert_ne!(cell(&maps, 0, 1, row), cell(&maps, 0, CELLS - 2, row));
        assert!(maps.fits(&network, &features));
        assert!(!maps.fits(&network, &[Feature::X1, Feature::X2]));
    }

    #[test]
    fn a_network_of_another_shape_is_refused() {
        let mut maps = Thumbnails::new(&net(&[2, 4, 1]), &[Feature::X1, Feature::X2]);
        let other = net(&[2, 3, 1]);
        assert!(!maps.fits(&other, &[Feature::X1, Feature::X2]));
        assert!(matches!(maps.draw(&other), Err(FieldError::Shape { .. })));
        assert!(maps.pixels().iter().all(|&b| b == 0), "nothing drawn");
    }

    #[test]
    fn the_window_is_cut_from_the_middle_of_the_circle() {
        // WINDOW / (2·RADIUS) = 13 / 40 = 0.325 of the circle's width.
        assert_eq!(
            window_path(),
            "M-0.2 -0.2H1.2V1.2H-0.2Z M0.175 0.5A0.325 0.325 0 1 0 0.825 0.5A0.325 0.325 0 1 0 0.175 0.5Z"
        );
    }
}
