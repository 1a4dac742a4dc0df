//! Where to split the other side of a row when a person cuts one side at the cursor.

use super::project::Project;
use super::row::Side;
use crate::text::Segmenter;

/// Character offsets `(source_at, target_at)` for splitting row `index` when one side is cut at
/// `offset` (in characters): the other side is cut at its sentence boundary (or end) whose
/// relative position is closest, so that a two-sentence row splits into two one-sentence rows.
pub fn split_point(project: &Project, index: usize, side: Side, offset: usize) -> (usize, usize) {
    let row = &project.rows[index];
    let cut_text = row.text(side);
    let other_side = match side {
        Side::Source => Side::Target,
        Side::Target => Side::Source,
    };
    let other = row.text(other_side);
    let length = cut_text.chars().count().max(1);
    let relative = offset.min(length) as f64 / length as f64;
    let lang = match other_side {
        Side::Source => &project.meta.source_lang,
        Side::Target => &project.meta.target_lang,
    };
    let other_length = other.chars().count();
    let mut candidates: Vec<usize> = Segmenter::for_language(lang)
        .sentence_spans(other)
        .iter()
        .map(|span| other[..span.start].chars().count())
        .collect();
    candidates.push(other_length);
    let best = candidates
        .into_iter()
        .min_by(|a, b| {
            let distance = |c: usize| (c as f64 / other_length.max(1) as f64 - relative).abs();
            distance(*a).total_cmp(&distance(*b))
        })
        .unwrap_or(0);
    match side {
        Side::Source => (offset, best),
        Side::Target => (best, offset),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ImportedRow;

    #[test]
    fn the_other_side_is_cut_at_the_nearest_sentence_boundary() {
        let mut p = Project::new("t", "sv", "en");
        p.append_imported([ImportedRow {
            source: "Det första. Det andra och längre.".into(),
            target: "The first one. The second, longer one.".into(),
            ..Default::default()
        }]);
        assert_eq!(split_point(&p, 0, Side::Target, 15), (12, 15));
        assert_eq!(split_point(&p, 0, Side::Source, 12), (12, 15));
        // A cut at the very end of one side leaves the other side whole in the first row.
        assert_eq!(split_point(&p, 0, Side::Source, 33), (33, 38));
    }
}
