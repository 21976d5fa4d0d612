//! Auto-fit: when the resume runs past its page limit, or its last page is nearly empty, tighten
//! within the guidance's bounds (spacing first, then font size down to 10 pt, then margins down
//! to 0.5 in) and keep the loosest setting that fits the limit, or one page fewer.
//!
//! The three knobs are laid end to end on one "tightness" scale `t` in `[0, 3]`, so the page
//! count is monotonic in `t` and a bisection finds the fit in a handful of compilations, each
//! reusing Typst's caches for the unchanged layout.

use std::sync::Arc;

use crate::fonts::Fonts;
use crate::guidance::{FONT_SIZE_PT, MARGINS_IN, PT_PER_IN};
use crate::ir::{Document, Style};
use crate::render::typst::{self as typst_render, LayoutError, LayoutSource, Typeset};

/// The tightest spacing multiplier auto-fit uses.
pub const MIN_SPACING: f64 = 0.7;
/// Bisection steps after the bounds are known: the precision is 3 / 2^STEPS of the scale.
const STEPS: usize = 4;

/// The result of fitting.
pub struct Fitted {
    pub style: Style,
    pub typeset: Typeset,
    /// Typst compilations used, including the first.
    pub compilations: usize,
}

/// A last page holding less than this share of a page is nearly empty: auto-fit first tries one
/// page fewer.
pub const NEARLY_EMPTY: f64 = 1.0 / 3.0;

/// Typesets `document`, tightening its style if it exceeds `max_pages`, or if its last page is
/// nearly empty and one page fewer fits within the same bounds.
///
/// Returns the typeset document at the loosest style that fits, or at the tightest style
/// when nothing fits (the caller reports the overflow); a nearly empty last page that cannot go
/// is left as typeset (the caller warns).
pub fn fit(
    layout: &LayoutSource,
    document: &Document,
    fonts: &Arc<Fonts>,
    first: Typeset,
) -> Result<Fitted, Vec<LayoutError>> {
    let limit = usize::from(document.style.max_pages);
    let pages = first.metrics.pages;
    if pages <= limit {
        let nearly_empty = pages >= 2 && first.metrics.fill_of_last_page < NEARLY_EMPTY;
        if !nearly_empty {
            return Ok(Fitted { style: document.style.clone(), typeset: first, compilations: 1 });
        }
        let fewer = fit_to(layout, document, fonts, pages - 1)?;
        return Ok(if fewer.typeset.metrics.pages < pages {
            Fitted { compilations: fewer.compilations + 1, ..fewer }
        } else {
            Fitted { style: document.style.clone(), typeset: first, compilations: fewer.compilations + 1 }
        });
    }
    let fitted = fit_to(layout, document, fonts, limit)?;
    Ok(Fitted { compilations: fitted.compilations + 1, ..fitted })
}

/// The loosest style within bounds that sets `document` on `pages` pages, or the tightest when
/// none does; the compilations it took.
fn fit_to(
    layout: &LayoutSource,
    document: &Document,
    fonts: &Arc<Fonts>,
    pages: usize,
) -> Result<Fitted, Vec<LayoutError>> {
    let base = document.style.clone();
    let mut compilations = 0;
    let mut attempt = |t: f64| {
        compilations += 1;
        let style = tighten(&base, t);
        let doc = Document { style: style.clone(), ..document.clone() };
        typst_render::typeset(layout, &doc, Arc::clone(fonts)).map(|typeset| (style, typeset))
    };
    let tightest = attempt(3.0)?;
    if tightest.1.metrics.pages > pages {
        return Ok(Fitted { style: tightest.0, typeset: tightest.1, compilations });
    }
    let (mut lo, mut hi, mut best) = (0.0, 3.0, tightest);
    for _ in 0..STEPS {
        let mid = (lo + hi) / 2.0;
        let candidate = attempt(mid)?;
        if candidate.1.metrics.pages <= pages {
            (hi, best) = (mid, candidate);
        } else {
            lo = mid;
        }
    }
    Ok(Fitted { style: best.0, typeset: best.1, compilations })
}

/// The style at tightness `t`: `[0, 1]` spacing, `[1, 2]` font size, `[2, 3]` margins.
/// Values are rounded towards tighter so the report reads cleanly and `t` stays monotonic.
pub fn tighten(base: &Style, t: f64) -> Style {
    let stage = |from: f64| (t - from).clamp(0.0, 1.0);
    let lerp = |a: f64, b: f64, x: f64| a + (b - a) * x;
    let spacing = lerp(1.0, MIN_SPACING.min(base.spacing), stage(0.0)).min(base.spacing);
    let font_size = lerp(base.font_size, FONT_SIZE_PT.start().min(base.font_size), stage(1.0));
    let margins = lerp(base.margins, (MARGINS_IN.start() * PT_PER_IN).min(base.margins), stage(2.0));
    Style {
        spacing: (spacing * 100.0).floor() / 100.0,
        font_size: (font_size * 10.0 + 1e-9).floor() / 10.0,
        margins: (margins / PT_PER_IN * 100.0 + 1e-9).floor() / 100.0 * PT_PER_IN,
        ..base.clone()
    }
}

/// "spacing 1.00 -> 0.85, font 10.5 -> 10.2 pt, margins 0.75 -> 0.60 in", or `None` if unchanged.
pub fn describe(base: &Style, fitted: &Style) -> Option<String> {
    let mut changes = Vec::new();
    if fitted.spacing != base.spacing {
        changes.push(format!("spacing {:.2} -> {:.2}", base.spacing, fitted.spacing));
    }
    if fitted.font_size != base.font_size {
        changes.push(format!("font {} -> {} pt", base.font_size, fitted.font_size));
    }
    if fitted.margins != base.margins {
        changes.push(format!("margins {:.2} -> {:.2} in", base.margins / PT_PER_IN, fitted.margins / PT_PER_IN));
    }
    (!changes.is_empty()).then(|| changes.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Style {
        Style {
            template: "classic".into(),
            docx: "classic".into(),
            paper: "us-letter",
            font: "Carlito".into(),
            font_size: 10.5,
            margins: 54.0,
            spacing: 1.0,
            max_pages: 1,
        }
    }

    #[test]
    fn stages_tighten_in_order_within_bounds() {
        let b = base();
        assert_eq!(tighten(&b, 0.0).spacing, 1.0);
        let half = tighten(&b, 0.5);
        assert_eq!((half.spacing, half.font_size, half.margins), (0.85, 10.5, 54.0));
        let font = tighten(&b, 1.5);
        assert_eq!((font.spacing, font.font_size, font.margins), (0.7, 10.2, 54.0));
        let tight = tighten(&b, 3.0);
        assert_eq!((tight.spacing, tight.font_size, tight.margins), (0.7, 10.0, 36.0));
        assert_eq!(describe(&b, &tight).unwrap(), "spacing 1.00 -> 0.70, font 10.5 -> 10 pt, margins 0.75 -> 0.50 in");
        assert_eq!(describe(&b, &b), None);
    }
}
