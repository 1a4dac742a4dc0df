//! The `length` check: a translation far longer or shorter than the aligner's length model
//! (Gale-Church: target length proportional to the source length, with a variance growing
//! with the length) expects. Ratio and variance are fitted on the project's own rows, as the
//! aligner fits them on the texts it aligns.

use super::finding::{CheckId, Finding};
use crate::align::length::LengthModel;
use crate::model::{Project, Row, Side};

/// How many standard deviations away a row must be.
const LIMIT_SIGMAS: f64 = 3.5;
/// And by how much its ratio must differ from the expected one (either way), so that long
/// rows, whose deviations are large in absolute terms, are not flagged for small differences.
const LIMIT_FACTOR: f64 = 1.6;
/// Rows with fewer characters on both sides together are too short to judge.
const MIN_CHARS: usize = 20;

/// The project's length model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lengths {
    model: LengthModel,
}

impl Lengths {
    /// Fits the model on the rows that have both texts, without the tenth of rows with the
    /// highest and the lowest ratios, then again on all rows but those that fit finds far off, so that a few wild rows do not widen the variance enough to
    /// hide themselves.
    pub fn fit(project: &Project) -> Lengths {
        let pairs: Vec<(f64, f64)> = project
            .rows
            .iter()
            .filter(|r| !r.source.trim().is_empty() && !r.target.trim().is_empty())
            .map(|r| {
                (
                    r.source.trim().chars().count() as f64,
                    r.target.trim().chars().count() as f64,
                )
            })
            .collect();
        let (s, t) = pairs.iter().fold((0.0, 0.0), |a, p| (a.0 + p.0, a.1 + p.1));
        // The first fit leaves out the tenth of rows with the highest and the lowest ratios.
        let mut middle = pairs.clone();
        middle.sort_by(|a, b| (a.1 / a.0).total_cmp(&(b.1 / b.0)));
        let tenth = middle.len() / 10;
        let middle = &middle[tenth..middle.len() - tenth];
        let first = LengthModel::from_totals(s, t).refit(middle);
        let kept: Vec<(f64, f64)> = pairs
            .iter()
            .copied()
            .filter(|&(s, t)| sigmas(&first, s, t).abs() < LIMIT_SIGMAS)
            .collect();
        Lengths {
            model: first.refit(&kept),
        }
    }

    /// Target characters per source character in this project.
    pub fn ratio(&self) -> f64 {
        self.model.ratio
    }

    pub fn check(&self, row: &Row, out: &mut Vec<Finding>) {
        let s = row.source.trim().chars().count();
        let t = row.target.trim().chars().count();
        if s == 0 || t == 0 || s + t < MIN_CHARS {
            return;
        }
        let (s, t) = (s as f64, t as f64);
        let expected = self.model.ratio * s;
        let factor = t / expected;
        if sigmas(&self.model, s, t).abs() < LIMIT_SIGMAS
            || (factor < LIMIT_FACTOR && factor > 1.0 / LIMIT_FACTOR)
        {
            return;
        }
        let (key, how) = if factor > 1.0 {
            ("long", format!("{factor:.1} times as long"))
        } else {
            ("short", format!("{:.1} times shorter", 1.0 / factor))
        };
        out.push(Finding::new(
            row.id,
            CheckId::Length,
            Side::Target,
            key,
            format!(
                "the translation is {how} as this project's length model expects ({t} characters for {s} of source; {:.2} per source character is usual)",
                self.model.ratio
            ),
        ));
    }
}

/// How many standard deviations a row's target length is from what the model expects.
fn sigmas(model: &LengthModel, s: f64, t: f64) -> f64 {
    let expected = model.ratio * s;
    let mean = (expected + t) / 2.0;
    if mean <= 0.0 {
        return 0.0;
    }
    (t - expected) / (model.variance * mean).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ImportedRow;

    #[test]
    fn rows_far_from_the_length_model_are_found_and_ordinary_rows_are_not() {
        let mut pairs: Vec<(String, String)> = (0..40)
            .map(|i| {
                // Sentences of 40 to 100 characters, translations 1.3 times as long, give or
                // take a few characters.
                let n = 40 + (i * 7) % 60;
                let s = "s".repeat(n);
                let t = "t".repeat(n * 13 / 10 + i % 5 - 2);
                (s, t)
            })
            .collect();
        pairs.push(("kort mening här.".into(), "A sentence that goes on and on, far longer than its source ever was, with clause after clause.".into()));
        pairs.push((
            "En lång mening med många ord som aldrig tycks ta slut, sida upp och sida ner.".into(),
            "Short.".into(),
        ));
        let mut p = Project::new("t", "sv", "en");
        p.append_imported(pairs.into_iter().map(|(source, target)| ImportedRow {
            source,
            target,
            ..ImportedRow::default()
        }));
        let lengths = Lengths::fit(&p);
        assert!((lengths.ratio() - 1.3).abs() < 0.1, "{}", lengths.ratio());
        let mut out = Vec::new();
        for row in &p.rows {
            lengths.check(row, &mut out);
        }
        let keys: Vec<_> = out.iter().map(|f| (f.row.0, f.key.as_str())).collect();
        assert_eq!(keys, vec![(41, "long"), (42, "short")]);
    }
}
