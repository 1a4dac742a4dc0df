//! Where to split the other side of a row when a person cuts one side at the cursor.

use super::project::Project;
use super::row::Side;

/// Which places of the other side a split may cut at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitAt {
    /// Sentence or clause boundaries (after `,` `;` `:` or a dash); with none inside the text,
    /// the other side stays whole in the first row.
    Boundary,
    /// Also word boundaries: "split the other side here too", at the same relative place.
    Word,
}

/// Character offsets `(source_at, target_at)` for splitting row `index` when one side is cut at
/// `offset` (in characters): the other side is cut at its sentence boundary (or end) whose
/// relative position is closest, so that a two-sentence row splits into two one-sentence rows.
pub fn split_point(project: &Project, index: usize, side: Side, offset: usize) -> (usize, usize) {
    split_point_at(project, index, side, offset, SplitAt::Boundary)
}

/// Like [`split_point`], choosing among the places `at` allows. Places inside the other side's
/// text and its end are candidates, never its start (which would send all of it to the second
/// row): with no place inside, it stays whole in the first row.
pub fn split_point_at(
    project: &Project,
    index: usize,
    side: Side,
    offset: usize,
    at: SplitAt,
) -> (usize, usize) {
    let row = &project.rows[index];
    let cut_text = row.text(side);
    let other_side = match side {
        Side::Source => Side::Target,
        Side::Target => Side::Source,
    };
    let other = row.text(other_side);
    let length = cut_text.chars().count().max(1);
    let relative = offset.min(length) as f64 / length as f64;
    let other_length = other.chars().count();
    let char_at = |byte: usize| other[..byte].chars().count();
    let mut candidates: Vec<usize> = project
        .segmenter(other_side)
        .sentence_spans(other)
        .iter()
        .map(|span| char_at(span.start))
        .collect();
    for (byte, c) in other.char_indices() {
        let word_starts =
            byte > 0 && !c.is_whitespace() && other[..byte].ends_with(char::is_whitespace);
        if word_starts && (at == SplitAt::Word || preceded_by_clause_mark(other, byte)) {
            candidates.push(char_at(byte));
        }
    }
    // The end is a candidate (the other side stays whole in the first row), the start is not.
    candidates.retain(|c| *c > 0 && *c < other_length);
    candidates.push(other_length);
    let best = candidates
        .into_iter()
        .min_by(|a, b| {
            let distance = |c: usize| (c as f64 / other_length.max(1) as f64 - relative).abs();
            distance(*a).total_cmp(&distance(*b))
        })
        .unwrap_or(other_length);
    match side {
        Side::Source => (offset, best),
        Side::Target => (best, offset),
    }
}

/// Whether the word starting at `byte` follows a clause mark and a space (`, ` `; ` `: ` `– `).
fn preceded_by_clause_mark(text: &str, byte: usize) -> bool {
    text[..byte].trim_end().ends_with([',', ';', ':', '–', '—'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ImportedRow;

    fn project(source: &str, target: &str) -> Project {
        let mut p = Project::new("t", "sv", "en");
        p.append_imported([ImportedRow {
            source: source.into(),
            target: target.into(),
            ..Default::default()
        }]);
        p
    }

    #[test]
    fn the_other_side_is_cut_at_the_nearest_sentence_boundary() {
        let p = project(
            "Det första. Det andra och längre.",
            "The first one. The second, longer one.",
        );
        assert_eq!(split_point(&p, 0, Side::Target, 15), (12, 15));
        assert_eq!(split_point(&p, 0, Side::Source, 12), (12, 15));
        // A cut at the very end of one side leaves the other side whole in the first row.
        assert_eq!(split_point(&p, 0, Side::Source, 33), (33, 38));
    }

    /// A glued row: the target has two sentences where the source has one with a clause
    /// boundary. The source is cut at that clause, never at its start (which sent all of it to
    /// the second row); with no boundary at all it stays whole in the first row, and "split
    /// here too" cuts it at the nearest word.
    #[test]
    fn a_glued_row_splits_at_a_clause_or_stays_whole_never_empty() {
        let p = project(
            "Revolutionen segrade, och sedan kom freden",
            "The revolution won. Then came peace.",
        );
        let (source_at, target_at) = split_point(&p, 0, Side::Target, 20);
        assert_eq!(target_at, 20);
        assert_eq!(
            &p.rows[0].source[..source_at],
            "Revolutionen segrade, ",
            "cut after the comma"
        );
        let glued = project(
            "Revolutionen segrade och sedan kom freden",
            "Won. Then peace.",
        );
        let (source_at, _) = split_point(&glued, 0, Side::Target, 5);
        assert_eq!(
            source_at,
            glued.rows[0].source.chars().count(),
            "stays whole"
        );
        let (source_at, _) = split_point_at(&glued, 0, Side::Target, 5, SplitAt::Word);
        assert_eq!(&glued.rows[0].source[..source_at], "Revolutionen ");
    }
}
