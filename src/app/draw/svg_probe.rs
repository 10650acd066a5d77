//! Reading back what a drawing wrote with plotters' SVG backend, for the drawing tests: one
//! attribute of a tag, the polylines and polygons with their points, a colour as plotters writes it.

use super::color::Rgb;

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
