//! The keys to the colours: beside the network, what each colour means layer by layer, on the
//! scale each layer's activation has (sigmoid 0 … 1, tanh −1 … 1, ReLU 0 … its largest output,
//! linear signed), and what the lines' colours and widths mean; under the output view, which
//! colour is which class.

use crate::app::draw::color::{diverging, gradient_scale, Rgb};
use crate::app::draw::field::class_color;
use crate::app::draw::network::{LayerKind, NetworkPicture, Scale, Show};
use crate::app::format::fixed;
use crate::app::i18n::{Key, Lang};
use crate::core::data::{CAT, DOG};
use crate::core::{Activation, DatasetKind, Task};
use std::rc::Rc;
use yew::prelude::*;

use super::layer_title;

/// Properties of [`ColourKey`].
#[derive(Properties, PartialEq)]
pub struct ColourKeyProps {
    /// The picture the key explains.
    pub picture: Rc<NetworkPicture>,
    /// Each layer's activation (`None` for the inputs), as the picture's columns.
    pub activations: Vec<Option<Activation>>,
    /// The page's language.
    pub lang: Lang,
}

/// A number at an end of a scale: as short as it can be, with a true minus sign; never longer
/// than [`MAX_CHARS`](crate::app::format::MAX_CHARS) and one more for the sign, whatever the scale.
pub fn end_text(v: f64) -> String {
    let text = if v.fract() == 0.0 {
        fixed(v.abs(), 0)
    } else {
        let t = fixed(v.abs(), 3);
        // Trailing zeros go from decimals only, not from a power of ten's exponent (1.000e20).
        if t.contains('.') && !t.contains('e') {
            t.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            t
        }
    };
    if v < 0.0 {
        format!("−{text}")
    } else {
        text
    }
}

/// A CSS gradient from the colour of the scale's low end through its middle to its high end.
fn gradient(colour: impl Fn(f64) -> Rgb, (low, high): (f64, f64)) -> String {
    let mid = (low + high) / 2.0;
    format!(
        "background: linear-gradient(to right, {}, {}, {})",
        colour(low).css(),
        colour(mid).css(),
        colour(high).css()
    )
}

/// One row of the key: a colour bar with its ends' values and what it is for.
fn row(testid: String, bar: String, (low, high): (String, String), name: String) -> Html {
    html! {
        <li data-testid={testid} data-low={low.clone()} data-high={high.clone()}>
            <span class="key-end">{ low }</span>
            <span class="key-bar" style={bar} aria-hidden="true"></span>
            <span class="key-end">{ high }</span>
            <span class="key-name">{ name }</span>
        </li>
    }
}

/// The colour key for the network as drawn: one row a kind of layer (the layers that share an
/// activation and a scale share a row, named), then the lines.
#[component]
pub fn ColourKey(props: &ColourKeyProps) -> Html {
    let (pic, lang) = (&props.picture, props.lang);
    let mut rows: Vec<(Option<Activation>, Scale, Vec<String>)> = Vec::new();
    for (l, (&scale, &(_, kind))) in pic.scales.iter().zip(&pic.columns).enumerate() {
        let activation = props.activations.get(l).copied().flatten();
        let title = layer_title(lang, kind);
        match rows
            .iter_mut()
            .find(|r| r.0 == activation && r.1 == scale && kind != LayerKind::Input)
        {
            Some(r) => r.2.push(title),
            None => rows.push((activation, scale, vec![title])),
        }
    }
    let neurons = match pic.show {
        Show::Weights => Html::default(),
        Show::Activations | Show::Update => html! {
            { for rows.into_iter().enumerate().map(|(k, (activation, scale, layers))| {
                let (low, high) = scale.ends();
                let name = match activation {
                    Some(a) => lang.with_aside(lang.activation(a), &layers.join(lang.t(Key::ListSeparator))),
                    None => layers.join(lang.t(Key::ListSeparator)),
                };
                row(format!("key-layer-{k}"), gradient(|v| scale.color(v), (low, high)),
                    (end_text(low), end_text(high)), name)
            }) }
        },
        Show::Errors => row(
            "key-errors".into(),
            gradient(gradient_scale, (-1.0, 1.0)),
            ("< 0".into(), "> 0".into()),
            lang.t(Key::GradientLegend).into(),
        ),
    };
    html! {
        <ul class="colour-key" data-testid="colour-key" aria-label={lang.t(Key::ColourKey)}>
            { neurons }
            if pic.show != Show::Errors {
                <li class="key-lines" data-testid="key-lines">
                    { lang.t(if pic.show == Show::Update { Key::UpdateLegend } else { Key::ColourHint }) }
                </li>
            }
        </ul>
    }
}

/// Properties of [`OutputKey`].
#[derive(Properties, PartialEq)]
pub struct OutputKeyProps {
    /// The dataset shown: its task and, for cats vs dogs, its classes' names.
    pub dataset: DatasetKind,
    /// The page's language.
    pub lang: Lang,
}

/// The output view's key: which colour is which class (cat and dog for the article's example),
/// or, for regression, the colour bar of the predicted value.
#[component]
pub fn OutputKey(props: &OutputKeyProps) -> Html {
    let lang = props.lang;
    let swatch = |k: usize, name: String| {
        html! {
            <li data-testid={format!("class-key-{k}")}>
                <span class="key-swatch" style={format!("background: {}", class_color(k).css())} aria-hidden="true"></span>
                { name }
            </li>
        }
    };
    let items = match props.dataset.task() {
        Task::Binary if props.dataset == DatasetKind::CatsDogs => html! {
            <>{ swatch(CAT as usize, lang.t(Key::Cat).into()) }{ swatch(DOG as usize, lang.t(Key::Dog).into()) }</>
        },
        Task::Binary => html! { <>{ swatch(0, lang.class_name(0)) }{ swatch(1, lang.class_name(1)) }</> },
        Task::Classes(k) => html! { { for (0..k).map(|j| swatch(j, lang.class_name(j))) } },
        Task::Regression => row(
            "class-key-value".into(),
            gradient(diverging, (-1.0, 1.0)),
            (end_text(-1.0), end_text(1.0)),
            lang.t(Key::PredictedValue).into(),
        ),
    };
    html! {
        <ul class="colour-key output-key" data-testid="output-key" aria-label={lang.t(Key::OutputKey)}>
            { items }
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::format::MAX_CHARS;

    #[test]
    fn a_scale_end_is_short_for_any_number() {
        assert_eq!(end_text(-1.0), "−1");
        assert_eq!(end_text(0.25), "0.25");
        assert_eq!(end_text(2.5e20), "2e20", "a whole number, with a power of ten");
        assert_eq!(end_text(-1.2345e300), "−1e300");
        assert_eq!(end_text(1e-20), "0");
        assert_eq!(end_text(f64::NAN), "—");
        for v in [f64::MAX, f64::MIN, 1e15 + 0.5, f64::from_bits(1), -123_456_789.123] {
            assert!(end_text(v).chars().count() <= MAX_CHARS + 1, "{v:e}: {}", end_text(v));
        }
    }
}
