//! Every neuron's own output over the input plane as a small round heatmap, all of them on one
//! transparent RGBA sheet laid out like the network picture, so that a frame costs one field
//! computation and one `putImageData`.
//!
//! The sheet is the network picture's [`Layout`] at [`SCALE`] pixels an SVG unit: a canvas of that
//! size stretched under the SVG puts each map at its neuron. Each map is a disc [`cells_for`] pixels
//! across, one pixel per cell of the plane, centred on its neuron; the neuron's circle hides it but
//! for a round window [`WINDOW_SHARE`] of its radius ([`window_path`]), so the ring around the window
//! still shows the chosen sample's activation and the disc's jagged edge stays hidden under it.

use super::field::{Field, FieldError};
use super::network::Layout;
use crate::core::{Feature, Network};

/// Cells along each side of the largest neuron's map (the plane [−1.5, 1.5]² at this resolution).
pub const CELLS: usize = 24;
/// Sheet pixels per SVG unit.
pub const SCALE: f64 = 0.8;
/// The radius of the window cut in a neuron's circle, through which its map shows, as a share
/// of the circle's radius.
pub const WINDOW_SHARE: f64 = 0.65;

/// Cells along each side of the map of a neuron of radius `radius` (SVG units): an even number,
/// so that the map's disc reaches past the window's edge even placed half a pixel off and smoothed
/// over a pixel when the canvas is stretched, and stays under the circle; at most [`CELLS`].
pub fn cells_for(radius: f64) -> usize {
    let across = (2.0 * (WINDOW_SHARE * radius * SCALE + 1.5)).ceil() as usize;
    (across + across % 2).min(CELLS)
}

/// For each row of a map `cells` across, the columns `start..end` inside its disc (a cell is
/// inside when its centre is within `cells / 2` of the map's centre).
fn disc_spans(cells: usize) -> Vec<(usize, usize)> {
    let half = cells as f64 / 2.0;
    (0..cells)
        .map(|row| {
            let dy = row as f64 + 0.5 - half;
            let inside = |col: usize| (col as f64 + 0.5 - half).powi(2) + dy * dy <= half * half;
            let start = (0..cells).find(|&c| inside(c)).unwrap_or(cells);
            let end = (start..cells).find(|&c| !inside(c)).unwrap_or(cells);
            (start, end)
        })
        .collect()
}

/// The outline of a neuron's circle with its window cut out, in the circle's bounding-box units
/// (0…1 across the circle), for an SVG `clipPath` with `clipPathUnits="objectBoundingBox"` and
/// `clip-rule="evenodd"`: a square a little larger than the circle, so that its outline survives,
/// less a centred disc [`WINDOW_SHARE`] of the circle's radius.
pub fn window_path() -> String {
    let r = WINDOW_SHARE / 2.0;
    let (left, right) = (0.5 - r, 0.5 + r);
    format!(
        "M-0.2 -0.2H1.2V1.2H-0.2Z M{left:.3} 0.5A{r:.3} {r:.3} 0 1 0 {right:.3} 0.5A{r:.3} {r:.3} 0 1 0 {left:.3} 0.5Z"
    )
}

/// Every neuron's map over the plane on one sheet, for one network shape and layout and its input
/// features. Building it allocates; [`Thumbnails::draw`] for new weights allocates nothing.
#[derive(Clone, Debug)]
pub struct Thumbnails {
    field: Field,
    features: Vec<Feature>,
    layout: Layout,
    /// Cells along each side of a map.
    cells: usize,
    /// The sheet's size in pixels.
    width: usize,
    height: usize,
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
    /// Maps for networks shaped like `network`, drawn as `layout` places them, whose inputs are
    /// `features` of (x₁, x₂), one per input neuron. Every map starts transparent.
    pub fn new(network: &Network, features: &[Feature], layout: &Layout) -> Self {
        let sizes = network.sizes();
        let cells = cells_for(layout.radius);
        let (width, height) = (
            ((layout.width * SCALE).round() as usize).max(cells),
            ((layout.height * SCALE).round() as usize).max(cells),
        );
        let mut corners = Vec::with_capacity(sizes.iter().sum());
        for (layer, &count) in sizes.iter().enumerate() {
            for index in 0..count {
                let [x, y] = layout.centre(layer, index);
                let corner = |v: f64, limit: usize| {
                    let top_left = (v * SCALE - cells as f64 / 2.0).round().max(0.0) as usize;
                    top_left.min(limit - cells)
                };
                corners.push([corner(x, width), corner(y, height)]);
            }
        }
        Self {
            field: Field::with_features(network, cells, features),
            features: features.to_vec(),
            layout: layout.clone(),
            cells,
            width,
            height,
            corners,
            spans: disc_spans(cells),
            pixels: vec![0; width * height * 4],
            scratch: Vec::with_capacity(cells * cells * 4),
        }
    }

    /// Whether these maps are for `network`'s shape, this layout and these input `features`.
    pub fn fits(&self, network: &Network, features: &[Feature], layout: &Layout) -> bool {
        self.field.fits(network) && self.features == features && self.layout == *layout
    }

    /// Cells along each side of a map.
    pub fn cells(&self) -> usize {
        self.cells
    }

    /// The sheet's width and height in pixels.
    pub fn size(&self) -> (usize, usize) {
        (self.width, self.height)
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

    /// The sheet: RGBA, [`Thumbnails::size`] pixels row by row, for a canvas
    /// `ImageData`. Transparent outside the maps.
    pub fn pixels(&self) -> &[u8] {
        &self.pixels
    }

    /// Passes the plane through `network` and paints every neuron's map, coloured as
    /// [`Field::paint_neuron`] colours it, onto the sheet. Where two maps overlap the later
    /// neuron's is on top, as its circle is in the picture. Allocates nothing.
    pub fn draw(&mut self, network: &Network) -> Result<(), FieldError> {
        self.field.compute(network)?;
        let (row_bytes, cells) = (self.width * 4, self.cells);
        for (neuron, &[left, top]) in self.corners.iter().enumerate() {
            self.field.paint_neuron(neuron, &mut self.scratch);
            for (row, &(start, end)) in self.spans.iter().enumerate() {
                let from = &self.scratch[(row * cells + start) * 4..(row * cells + end) * 4];
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
    use crate::app::draw::network::{picture, Show, WIDTH};
    use crate::app::explain::Inspection;
    use crate::core::{Activation, Init, Loss, Rng};

    fn net(sizes: &[usize]) -> Network {
        let mut acts = vec![Activation::Tanh; sizes.len() - 1];
        acts[sizes.len() - 2] = Activation::Sigmoid;
        Network::new(sizes, &acts, Init::Xavier, &mut Rng::new(3)).unwrap()
    }

    /// The RGBA of sheet pixel (col, row).
    fn at(maps: &Thumbnails, col: usize, row: usize) -> [u8; 4] {
        let i = (row * maps.size().0 + col) * 4;
        maps.pixels()[i..i + 4].try_into().unwrap()
    }

    /// Neuron `neuron`'s map cell (col, row) as the sheet holds it.
    fn cell(maps: &Thumbnails, neuron: usize, col: usize, row: usize) -> [u8; 4] {
        let [left, top] = maps.corner(neuron).unwrap();
        at(maps, left + col, top + row)
    }

    /// Maps of `network` as the picture lays it out at `width`.
    fn maps_of(network: &Network, features: &[Feature], width: f64) -> Thumbnails {
        Thumbnails::new(network, features, &Layout::new(network.sizes(), width))
    }

    #[test]
    fn each_map_is_centred_on_its_neuron_and_shows_only_through_its_window() {
        let xor = net(&[2, 4, 2, 1]);
        let sample = Inspection::new(&xor, Loss::CrossEntropy, &[0.3, -0.8], &[1.0]);
        let pic = picture(&xor, &sample, Show::Activations, WIDTH);
        // The largest network the lab builds: 7 inputs, 8 hidden layers of 16, 3 outputs.
        let mut sizes = vec![7];
        sizes.extend([16; 8]);
        sizes.push(3);
        let largest = net(&sizes);
        let mut dots = vec![(
            Thumbnails::new(&xor, &[Feature::X1, Feature::X2], &pic.layout),
            pic.layout.clone(),
        )];
        for width in [320.0, WIDTH] {
            let layout = Layout::new(&sizes, width);
            dots.push((Thumbnails::new(&largest, &Feature::ALL, &layout), layout));
        }
        for (maps, layout) in &dots {
            let (width, height) = maps.size();
            assert_eq!(
                width,
                (layout.width * SCALE).round() as usize,
                "the sheet is the picture, scaled"
            );
            assert_eq!(height, (layout.height * SCALE).round() as usize);
            let cells = maps.cells();
            let half = cells as f64 / 2.0;
            // The map's disc covers the window (with a pixel and a half to spare) and stays under
            // the circle.
            assert!(
                WINDOW_SHARE * layout.radius * SCALE + 1.5 <= half,
                "{cells} cells for r = {}",
                layout.radius
            );
            assert!(half <= layout.radius * SCALE, "{cells} cells for r = {}", layout.radius);
            let centres: Vec<[f64; 2]> = layout
                .sizes()
                .iter()
                .enumerate()
                .flat_map(|(l, &n)| (0..n).map(move |i| layout.centre(l, i)))
                .collect();
            assert_eq!(maps.corner(centres.len()), None, "one map a neuron");
            for (k, &[x, y]) in centres.iter().enumerate() {
                let [left, top] = maps.corner(k).unwrap();
                assert!(
                    left + cells <= width && top + cells <= height,
                    "map {k} is on the sheet"
                );
                // Rounded to whole pixels: at most half a pixel from the neuron's centre.
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
        let mut maps = maps_of(&network, &[Feature::X1, Feature::X2], WIDTH);
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
        let mut maps = maps_of(&network, &[Feature::X1, Feature::X2], WIDTH);
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
        let mut maps = maps_of(&network, &features, WIDTH);
        maps.draw(&network).unwrap();
        let row = CELLS / 2;
        for col in 0..CELLS {
            assert_eq!(cell(&maps, 1, col, row), cell(&maps, 1, CELLS - 1 - col, row));
        }
        assert_ne!(cell(&maps, 0, 1, row), cell(&maps, 0, CELLS - 2, row));
        let layout = Layout::new(network.sizes(), WIDTH);
        assert!(maps.fits(&network, &features, &layout));
        assert!(!maps.fits(&network, &[Feature::X1, Feature::X2], &layout));
        let narrow = Layout::new(network.sizes(), 400.0);
        assert!(!maps.fits(&network, &features, &narrow), "a new width needs new maps");
    }

    #[test]
    fn a_network_of_another_shape_is_refused() {
        let mut maps = maps_of(&net(&[2, 4, 1]), &[Feature::X1, Feature::X2], WIDTH);
        let other = net(&[2, 3, 1]);
        assert!(!maps.fits(&other, &[Feature::X1, Feature::X2], &Layout::new(other.sizes(), WIDTH)));
        assert!(matches!(maps.draw(&other), Err(FieldError::Shape { .. })));
        assert!(maps.pixels().iter().all(|&b| b == 0), "nothing drawn");
    }

    #[test]
    fn the_window_is_cut_from_the_middle_of_the_circle() {
        // WINDOW_SHARE / 2 = 0.325 of the circle's width.
        assert_eq!(
            window_path(),
            "M-0.2 -0.2H1.2V1.2H-0.2Z M0.175 0.5A0.325 0.325 0 1 0 0.825 0.5A0.325 0.325 0 1 0 0.175 0.5Z"
        );
    }
}
