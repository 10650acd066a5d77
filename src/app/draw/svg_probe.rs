//! Reading back what a drawing wrote with plotters' SVG backend, for the drawing tests: one
//! attribute of a tag, the polylines and polygons with their points, a colour as plotters writes it,
//! the texts and the room each takes.

use super::axis::TextBox;
use super::color::Rgb;
use plotters::style::text_anchor::{HPos, VPos};

/// A colour as plotters writes it in SVG: `#RRGGBB`, upper case.
pub fn colour(c: Rgb) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// The value of attribute `name` in the tag starting `tag`.
pub fn attribute(tag: &str, name: &str) -> Option<String> {
    let tag = &tag[..tag.find('>')?];
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = start + tag[start..].find('"')?;
    Some(tag[start..end].to_string())
}

/// The (x, y) pairs of a `points` attribute of the tag starting `tag`.
fn points(tag: &str) -> Option<Vec<(f64, f64)>> {
    let pairs = attribute(tag, "points")?
        .split_whitespace()
        .map(|pair| {
            let (x, y) = pair.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect();
    Some(pairs)
}

/// Every polyline of an SVG: its stroke colour and its (x, y) pixel pairs.
pub fn polylines(svg: &str) -> Vec<(String, Vec<(f64, f64)>)> {
    svg.split("<polyline")
        .skip(1)
        .filter_map(|tag| Some((attribute(tag, "stroke")?, points(tag)?)))
        .collect()
}

/// The polylines stroked in `c`.
pub fn polylines_of(svg: &str, c: Rgb) -> Vec<Vec<(f64, f64)>> {
    let want = colour(c);
    polylines(svg)
        .into_iter()
        .filter(|(stroke, _)| *stroke == want)
        .map(|(_, points)| points)
        .collect()
}

/// Every polygon's vertices.
pub fn polygons(svg: &str) -> Vec<Vec<(f64, f64)>> {
    svg.split("<polygon").skip(1).filter_map(points).collect()
}

/// A `<text>` element: its trimmed text, the box it takes (see [`TextBox`]) and whether it is
/// turned (a `rotate` transform).
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedText {
    /// What it says.
    pub text: String,
    /// Where it lies, turned if it is.
    pub area: TextBox,
    /// Whether it is written turned.
    pub rotated: bool,
}

/// Every `<text>` element of an SVG written by plotters, with its box estimated from its anchor,
/// its font's size (plotters writes the canvas's pixel size ÷ 1.24 in SVG) and its characters.
pub fn texts(svg: &str) -> Vec<PlacedText> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let text = t[t.find('>')? + 1..t.find("</text>")?].trim().to_string();
            let number = |name: &str| -> Option<f64> { attribute(t, name)?.parse().ok() };
            let (x, y) = (number("x")?, number("y")?);
            let size = number("font-size")? * 1.24;
            let h = match attribute(t, "text-anchor").as_deref() {
                Some("end") => HPos::Right,
                Some("middle") => HPos::Center,
                _ => HPos::Left,
            };
            let v = match attribute(t, "dy").as_deref() {
                Some("0.76em") => VPos::Top,
                Some("-0.5ex") => VPos::Bottom,
                _ => VPos::Center,
            };
            let flat = TextBox::new(&text, size, (x, y), h, v);
            let turn = attribute(t, "transform");
            let area = match turn.as_deref() {
                // A quarter turn about (x, y): the box's corners, turned.
                Some(r) if r.starts_with("rotate(270") || r.starts_with("rotate(90") => {
                    let sign = if r.starts_with("rotate(90") { 1.0 } else { -1.0 };
                    let turned = |(px, py): (f64, f64)| (x - sign * (py - y), y + sign * (px - x));
                    let (a, b) = (turned((flat.left, flat.top)), turned((flat.right, flat.bottom)));
                    TextBox {
                        left: a.0.min(b.0),
                        top: a.1.min(b.1),
                        right: a.0.max(b.0),
                        bottom: a.1.max(b.1),
                    }
                }
                _ => flat,
            };
            Some(PlacedText {
                text,
                area,
                rotated: turn.is_some(),
            })
        })
        .collect()
}

/// The pairs of texts whose boxes overlap, each box grown by `pad` pixels.
pub fn overlapping(texts: &[PlacedText], pad: f64) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (k, a) in texts.iter().enumerate() {
        for b in &texts[k + 1..] {
            if a.area.grown(pad).overlaps(&b.area) {
                pairs.push((a.text.clone(), b.text.clone()));
            }
        }
    }
    pairs
}

/// A `<rect>`: its fill colour (`None` if it only has a stroke) and its left, top, width and height.
pub type Rect = (Option<String>, [f64; 4]);

/// Every `<rect>` of an SVG.
pub fn rects(svg: &str) -> Vec<Rect> {
    svg.split("<rect")
        .skip(1)
        .filter_map(|tag| {
            let number = |name: &str| -> Option<f64> { attribute(tag, name)?.parse().ok() };
            let fill = attribute(tag, "fill").filter(|f| f != "none");
            Some((fill, [number("x")?, number("y")?, number("width")?, number("height")?]))
        })
        .collect()
}
