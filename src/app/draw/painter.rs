//! The two pictures computed from a network over the whole plane: every neuron's map (the network
//! view's sheet, [`Thumbnails`]) and the output field (the output view). A [`Painter`] makes them
//! from a [`Request`]; the page runs one in a worker, off the main thread, or on the page when
//! there is no worker (`components::pictures`). A request travels as a flat list of numbers
//! ([`Request::encode`], [`Request::decode`]) so that it crosses to the worker as one typed array.

use super::field::{Field, RESOLUTION};
use super::network::Layout;
use super::thumbnails::Thumbnails;
use crate::core::{Activation, Feature, Network, Task};

/// Which picture, and what it needs beside the network and its inputs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Picture {
    /// Every neuron's map, on a sheet laid out as the network view draws the network at this
    /// width (SVG units, as [`Layout::new`] takes it).
    Maps {
        /// The drawing's width.
        width: f64,
    },
    /// The network's output over the plane, coloured for `task`.
    Output {
        /// What the output means.
        task: Task,
        /// Only the decided class (or sign).
        discretise: bool,
        /// Training runs: a big network's field is then refreshed a band of cells at a time.
        playing: bool,
    },
}

impl Picture {
    /// The picture's number among the kinds (each kind has its own canvas and its own state).
    pub fn kind(self) -> usize {
        match self {
            Picture::Maps { .. } => 0,
            Picture::Output { .. } => 1,
        }
    }
}

/// How many kinds of [`Picture`] there are.
pub const KINDS: usize = 2;

/// A picture to paint of `network` whose inputs are `features` of (x₁, x₂).
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// Which picture.
    pub picture: Picture,
    /// The network's inputs, one per input neuron.
    pub features: Vec<Feature>,
    /// The network.
    pub network: Network,
}

/// The first number of an encoded request: a request from another build is refused.
const FORMAT: f64 = 1.0;

/// The request for `picture` of `network` with inputs `features` as numbers, into `out` (cleared
/// first; it allocates only to grow): the format, the picture (kind and three numbers), the
/// features (count, then each one's place in [`Feature::ALL`]), the layers (count, sizes, then
/// each activation's place in [`Activation::ALL`]), then every parameter.
pub fn encode(picture: Picture, features: &[Feature], network: &Network, out: &mut Vec<f64>) {
    out.clear();
    let (kind, a, b, c) = match picture {
        Picture::Maps { width } => (0.0, width, 0.0, 0.0),
        Picture::Output {
            task,
            discretise,
            playing,
        } => {
            let (tag, classes) = match task {
                Task::Binary => (0.0, 0.0),
                Task::Regression => (1.0, 0.0),
                Task::Classes(k) => (2.0, k as f64),
            };
            (
                1.0,
                tag,
                classes,
                f64::from(u8::from(discretise) | (u8::from(playing) << 1)),
            )
        }
    };
    out.extend([FORMAT, kind, a, b, c, features.len() as f64]);
    out.extend(features.iter().map(|f| place(&Feature::ALL, f) as f64));
    let sizes = network.sizes();
    out.push(sizes.len() as f64);
    out.extend(sizes.iter().map(|&n| n as f64));
    out.extend(network.activations().iter().map(|a| place(&Activation::ALL, a) as f64));
    out.extend_from_slice(network.params());
}

impl Request {
    /// The request as numbers, into `out`: see [`encode`].
    pub fn encode(&self, out: &mut Vec<f64>) {
        encode(self.picture, &self.features, &self.network, out);
    }

    /// The request [`Request::encode`] wrote into `numbers`, or what is wrong with them.
    pub fn decode(numbers: &[f64]) -> Result<Self, String> {
        let mut read = Reader { numbers, at: 0 };
        if read.next()? != FORMAT {
            return Err("a request of another format".into());
        }
        let (kind, a, b, c) = (read.count(1)?, read.next()?, read.next()?, read.count(3)?);
        let picture = if kind == 0 {
            Picture::Maps { width: a }
        } else {
            let task = match a {
                0.0 => Task::Binary,
                1.0 => Task::Regression,
                2.0 => Task::Classes(Reader { numbers: &[b], at: 0 }.count(usize::MAX)?),
                _ => return Err(format!("no task {a}")),
            };
            Picture::Output {
                task,
                discretise: c & 1 == 1,
                playing: c & 2 == 2,
            }
        };
        let n_features = read.count(Feature::ALL.len())?;
        let features = (0..n_features)
            .map(|_| Ok(Feature::ALL[read.count(Feature::ALL.len() - 1)?]))
            .collect::<Result<Vec<_>, String>>()?;
        let layers = read.count(numbers.len())?;
        let sizes = (0..layers)
            .map(|_| read.count(numbers.len()))
            .collect::<Result<Vec<_>, String>>()?;
        let activations = (0..layers.saturating_sub(1))
            .map(|_| Ok(Activation::ALL[read.count(Activation::ALL.len() - 1)?]))
            .collect::<Result<Vec<_>, String>>()?;
        let params = &numbers[read.at..];
        if params.is_empty() {
            return Err("the request has no parameters".into());
        }
        let network = Network::with_params(&sizes, &activations, params.to_vec()).map_err(|e| e.to_string())?;
        if network.sizes()[0] != features.len() {
            return Err("the network does not match its inputs".into());
        }
        Ok(Self {
            picture,
            features,
            network,
        })
    }
}

/// Where `item` is in `all` (each kind's list of every value holds it).
fn place<T: PartialEq>(all: &[T], item: &T) -> usize {
    all.iter().position(|x| x == item).unwrap_or(0)
}

/// Reads an encoded request a number at a time.
struct Reader<'a> {
    numbers: &'a [f64],
    at: usize,
}

impl Reader<'_> {
    fn next(&mut self) -> Result<f64, String> {
        let v = *self.numbers.get(self.at).ok_or("the request ends too soon")?;
        self.at += 1;
        Ok(v)
    }

    /// The next number as a whole number from 0 to `max`.
    fn count(&mut self, max: usize) -> Result<usize, String> {
        let v = self.next()?;
        if v.fract() == 0.0 && (0.0..=max as f64).contains(&v) {
            Ok(v as usize)
        } else {
            Err(format!("{v} is not a count up to {max}"))
        }
    }
}

/// A painted picture: RGBA, `width` × `height` pixels row by row, for a canvas `ImageData`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Painted<'a> {
    /// Pixels across.
    pub width: usize,
    /// Pixels down.
    pub height: usize,
    /// 4 bytes a pixel.
    pub pixels: &'a [u8],
}

/// The output view's field and its pixels, kept from one picture to the next.
#[derive(Clone, Debug)]
struct Heatmap {
    field: Field,
    features: Vec<Feature>,
    pixels: Vec<u8>,
    /// The first cell the next partial refresh computes.
    next: usize,
}

/// Paints [`Request`]s, keeping each picture's buffers (and a big network's partly refreshed
/// field) from one request to the next: a new network shape, layout or set of inputs allocates,
/// new weights do not.
#[derive(Clone, Debug, Default)]
pub struct Painter {
    maps: Option<Thumbnails>,
    output: Option<Heatmap>,
}

impl Painter {
    /// The picture `request` asks for.
    pub fn paint(&mut self, request: &Request) -> Result<Painted<'_>, String> {
        self.paint_parts(request.picture, &request.features, &request.network)
    }

    /// `picture` of `network`, whose inputs are `features`.
    pub fn paint_parts(
        &mut self,
        picture: Picture,
        features: &[Feature],
        network: &Network,
    ) -> Result<Painted<'_>, String> {
        if network.sizes()[0] != features.len() {
            return Err(format!(
                "the network has {} inputs but {} features were given",
                network.sizes()[0],
                features.len()
            ));
        }
        match picture {
            Picture::Maps { width } => {
                let layout = Layout::new(network.sizes(), width);
                if self.maps.as_ref().is_some_and(|t| !t.fits(network, features, &layout)) {
                    self.maps = None;
                }
                let maps = self
                    .maps
                    .get_or_insert_with(|| Thumbnails::new(network, features, &layout));
                maps.draw(network).map_err(|e| e.to_string())?;
                let (width, height) = maps.size();
                Ok(Painted {
                    width,
                    height,
                    pixels: maps.pixels(),
                })
            }
            Picture::Output {
                task,
                discretise,
                playing,
            } => {
                let fresh = !self
                    .output
                    .as_ref()
                    .is_some_and(|h| h.field.fits(network) && h.features == features);
                if fresh {
                    self.output = None;
                }
                let heatmap = self.output.get_or_insert_with(|| Heatmap {
                    field: Field::with_features(network, RESOLUTION, features),
                    features: features.to_vec(),
                    pixels: Vec::new(),
                    next: 0,
                });
                // While training runs, a big network's field is refreshed a band of cells at a
                // time, so that a frame keeps its time; paused, or new, all of it at once.
                let (cells, part) = (heatmap.field.grid().cells(), heatmap.field.cells_per_frame());
                let range = if playing && !fresh && part < cells {
                    heatmap.next..(heatmap.next + part).min(cells)
                } else {
                    0..cells
                };
                heatmap.next = if range.end >= cells { 0 } else { range.end };
                heatmap.field.compute_cells(network, range).map_err(|e| e.to_string())?;
                heatmap.field.paint_output(task, discretise, &mut heatmap.pixels);
                let side = heatmap.field.grid().resolution;
                Ok(Painted {
                    width: side,
                    height: side,
                    pixels: &heatmap.pixels,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Init, Rng};

    fn network(sizes: &[usize], activations: &[Activation], seed: u64) -> Network {
        Network::new(sizes, activations, Init::Xavier, &mut Rng::new(seed)).unwrap()
    }

    /// Every kind of picture, task and flag, over networks of every activation and feature.
    fn requests() -> Vec<Request> {
        let mut all = Vec::new();
        let features = vec![Feature::X1, Feature::X2, Feature::SinX2, Feature::X1X2];
        let pictures = [
            Picture::Maps { width: 640.0 },
            Picture::Maps { width: 300.0 },
            Picture::Output {
                task: Task::Binary,
                discretise: false,
                playing: false,
            },
            Picture::Output {
                task: Task::Regression,
                discretise: true,
                playing: false,
            },
            Picture::Output {
                task: Task::Classes(3),
                discretise: false,
                playing: true,
            },
            Picture::Output {
                task: Task::Classes(4),
                discretise: true,
                playing: true,
            },
        ];
        for (seed, &picture) in pictures.iter().enumerate() {
            let outputs = match picture {
                Picture::Output {
                    task: Task::Classes(k), ..
                } => k,
                _ => 1,
            };
            let acts = [
                Activation::ALL[seed % 5],
                Activation::ALL[(seed + 1) % 5],
                Activation::ALL[(seed + 2) % 5],
            ];
            all.push(Request {
                picture,
                features: features.clone(),
                network: network(&[4, 5, 3, outputs], &acts, seed as u64),
            });
        }
        all.push(Request {
            picture: Picture::Maps { width: 500.0 },
            features: Feature::ALL.to_vec(),
            network: network(&[7, 2], &[Activation::Sigmoid], 9),
        });
        all
    }

    #[test]
    fn a_request_comes_back_from_its_numbers_as_it_was() {
        let mut numbers = vec![99.0; 3];
        for request in requests() {
            request.encode(&mut numbers);
            assert_eq!(numbers[0], FORMAT);
            assert_eq!(Request::decode(&numbers), Ok(request.clone()));
            // The parameters bit for bit, NaN and signed zeros included.
            let mut odd = request.clone();
            let p = odd.network.params_mut();
            p[0] = f64::NAN;
            p[1] = -0.0;
            p[2] = f64::MIN_POSITIVE / 4.0;
            odd.encode(&mut numbers);
            let back = Request::decode(&numbers).unwrap();
            let bits = |n: &Network| n.params().iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&back.network), bits(&odd.network));
        }
    }

    #[test]
    fn broken_numbers_are_refused_with_a_reason() {
        let request = &requests()[2];
        let mut good = Vec::new();
        request.encode(&mut good);
        let mut cases: Vec<Vec<f64>> = (0..good.len()).map(|n| good[..n].to_vec()).collect();
        for (at, bad) in [
            (0, 2.0),
            (1, 5.0),
            (1, 0.5),
            (2, 7.0),
            (4, 9.0),
            (5, 8.0),
            (6, 7.0),
            (6, -1.0),
            (6, f64::NAN),
        ] {
            let mut broken = good.clone();
            broken[at] = bad;
            cases.push(broken);
        }
        let mut longer = good.clone();
        longer.push(0.0);
        cases.push(longer);
        for case in cases {
            let result = Request::decode(&case);
            assert!(matches!(&result, Err(e) if !e.is_empty()), "{case:?} gave {result:?}");
        }
    }

    /// The RGBA of `painted`, and its size.
    fn owned(p: Painted<'_>) -> (usize, usize, Vec<u8>) {
        (p.width, p.height, p.pixels.to_vec())
    }

    #[test]
    fn a_decoded_request_paints_the_same_picture_as_the_request() {
        let mut numbers = Vec::new();
        for request in requests() {
            request.encode(&mut numbers);
            let back = Request::decode(&numbers).unwrap();
            let (mut here, mut there) = (Painter::default(), Painter::default());
            let a = owned(here.paint(&request).unwrap());
            let b = owned(there.paint(&back).unwrap());
            assert_eq!(a, b);
            assert!(a.2.iter().any(|&v| v != 0), "a blank picture proves nothing");
        }
    }

    #[test]
    fn the_maps_are_the_thumbnails_of_the_network_view() {
        let request = &requests()[0];
        let Picture::Maps { width } = request.picture else {
            unreachable!()
        };
        let layout = Layout::new(request.network.sizes(), width);
        let mut maps = Thumbnails::new(&request.network, &request.features, &layout);
        maps.draw(&request.network).unwrap();
        let painted = owned(Painter::default().paint(request).unwrap());
        assert_eq!((painted.0, painted.1), maps.size());
        assert_eq!(painted.2, maps.pixels());
        // The width a layout was made with makes the same layout again.
        assert_eq!(Layout::new(request.network.sizes(), layout.width), layout);
    }

    #[test]
    fn the_output_is_the_field_over_the_plane_and_a_new_shape_is_painted_whole() {
        let request = requests()[4].clone();
        let Picture::Output { task, discretise, .. } = request.picture else {
            unreachable!()
        };
        let mut field = Field::with_features(&request.network, RESOLUTION, &request.features);
        field.compute(&request.network).unwrap();
        let mut whole = Vec::new();
        field.paint_output(task, discretise, &mut whole);
        // `playing`, but the first picture of a shape is all of it.
        let mut painter = Painter::default();
        assert_eq!(painter.paint(&request).unwrap().pixels, &whole[..]);
        // A bigger network while playing: a band at a time, the rest kept from before.
        let big = network(&[4, 16, 16, 16, 16, 3], &[Activation::Tanh; 5], 4);
        let first = Request {
            network: big.clone(),
            ..request.clone()
        };
        let before = painter.paint(&first).unwrap().pixels.to_vec();
        let mut changed = big;
        changed.params_mut().iter_mut().for_each(|p| *p = -*p);
        let second = Request {
            network: changed.clone(),
            ..request.clone()
        };
        let after = painter.paint(&second).unwrap().pixels.to_vec();
        let mut full = Field::with_features(&changed, RESOLUTION, &request.features);
        full.compute(&changed).unwrap();
        let mut target = Vec::new();
        full.paint_output(task, discretise, &mut target);
        let differs = |a: &[u8], b: &[u8]| a.chunks(4).zip(b.chunks(4)).filter(|(x, y)| x != y).count();
        assert!(
            differs(&after, &before) > 0 && differs(&after, &target) > 0,
            "only a band is new"
        );
        // Paused, all of it.
        let paused = Request {
            picture: Picture::Output {
                task,
                discretise,
                playing: false,
            },
            ..second
        };
        assert_eq!(painter.paint(&paused).unwrap().pixels, &target[..]);
    }

    #[test]
    fn a_network_that_does_not_match_its_inputs_is_refused() {
        let mut request = requests()[0].clone();
        request.features.pop();
        assert!(Painter::default().paint(&request).is_err());
        let mut numbers = Vec::new();
        request.encode(&mut numbers);
        assert!(Request::decode(&numbers).is_err());
    }
}
