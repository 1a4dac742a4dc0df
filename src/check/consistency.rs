//! The `inconsistent` check: the same source translated differently elsewhere in the
//! project, and the same translation given to different sources. Texts are compared after
//! trimming and collapsing white space. An index of hashes over the whole project is built
//! once; a live check of one row looks its texts up in it and compares the real texts of the
//! rows it names, so a hash collision cannot make a finding. (Rows changed after the index
//! was built are seen with their new texts, but found through their old ones until
//! `Checker::refresh`.)

use std::collections::HashMap;

use xxhash_rust::xxh3::xxh3_64;

use super::finding::{CheckId, Finding};
use crate::model::{Project, Row, RowId, Side};

/// At most this many other rows are named in one finding.
const NAMED: usize = 3;

/// Rows grouped by the hash of their normalised source, then of their target (and the other
/// way round), for rows with both sides non-empty. A row's check looks at the other groups of
/// its source only, so a source repeated a thousand times with one translation costs one
/// look-up, not a thousand comparisons.
#[derive(Debug, Default, Clone)]
pub struct ConsistencyIndex {
    by_source: HashMap<u64, HashMap<u64, Vec<RowId>>>,
    by_target: HashMap<u64, HashMap<u64, Vec<RowId>>>,
}

fn normalised(text: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = text.trim();
    if !has_run_of_space(trimmed) {
        return std::borrow::Cow::Borrowed(trimmed);
    }
    std::borrow::Cow::Owned(trimmed.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Whether a text has white space other than single ordinary spaces. Byte by byte: only
/// the lead bytes 0xC2, 0xE1, 0xE2 and 0xE3 can start a non-ASCII white space character,
/// so the characters of the rest of a book need no decoding.
fn has_run_of_space(text: &str) -> bool {
    let mut previous = false;
    for (i, &byte) in text.as_bytes().iter().enumerate() {
        let space = match byte {
            b' ' if previous => return true,
            b' ' => true,
            0x09..=0x0D => return true,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                if text[i..].chars().next().is_some_and(char::is_whitespace) {
                    return true;
                }
                false
            }
            _ => false,
        };
        previous = space;
    }
    false
}

fn key(text: &str) -> u64 {
    xxh3_64(normalised(text).as_bytes())
}

impl ConsistencyIndex {
    pub fn build(project: &Project) -> ConsistencyIndex {
        let mut index = ConsistencyIndex::default();
        for row in &project.rows {
            if row.source.trim().is_empty() || row.target.trim().is_empty() {
                continue;
            }
            let (s, t) = (key(&row.source), key(&row.target));
            index
                .by_source
                .entry(s)
                .or_default()
                .entry(t)
                .or_default()
                .push(row.id);
            index
                .by_target
                .entry(t)
                .or_default()
                .entry(s)
                .or_default()
                .push(row.id);
        }
        index
    }

    /// Findings for `row` (its current texts) against the other rows of `project`.
    pub fn check(&self, project: &Project, row: &Row, out: &mut Vec<Finding>) {
        if row.source.trim().is_empty() || row.target.trim().is_empty() {
            return;
        }
        let (source, target) = (normalised(&row.source), normalised(&row.target));
        let (s, t) = (xxh3_64(source.as_bytes()), xxh3_64(target.as_bytes()));
        // Other rows whose `same` side equals this row's and whose other side differs: the
        // groups of `map[same]` other than `own`, checked against the real texts.
        let others = |map: &HashMap<u64, HashMap<u64, Vec<RowId>>>,
                      same: u64,
                      own: u64,
                      side: Side| {
            let mut found: Vec<(usize, &Row)> = Vec::new();
            let mut more = 0usize;
            let groups = map
                .get(&same)
                .into_iter()
                .flatten()
                .filter(|(k, _)| **k != own);
            for (_, ids) in groups {
                for id in ids.iter().filter(|id| **id != row.id) {
                    if found.len() > NAMED {
                        more += 1;
                        continue;
                    }
                    let Some(i) = project.index_of(*id) else {
                        continue;
                    };
                    let other = &project.rows[i];
                    let (mine, theirs) = match side {
                        Side::Source => (&source, normalised(&other.source)),
                        Side::Target => (&target, normalised(&other.target)),
                    };
                    let (my_other, their_other) = match side {
                        Side::Source => (&target, normalised(&other.target)),
                        Side::Target => (&source, normalised(&other.source)),
                    };
                    if **mine == *theirs && **my_other != *their_other && !their_other.is_empty() {
                        found.push((i, other));
                    }
                }
            }
            (found, more)
        };
        let (differently, more) = others(&self.by_source, s, t, Side::Source);
        if !differently.is_empty() {
            out.push(Finding::new(
                row.id,
                CheckId::Inconsistent,
                Side::Target,
                "source",
                format!(
                    "the same source is translated differently in {}",
                    describe(&differently, more, Side::Target)
                ),
            ));
        }
        let (shared, more) = others(&self.by_target, t, s, Side::Target);
        if !shared.is_empty() {
            out.push(Finding::new(
                row.id,
                CheckId::Inconsistent,
                Side::Target,
                "target",
                format!(
                    "the same translation is given to a different source in {}",
                    describe(&shared, more, Side::Source)
                ),
            ));
        }
    }
}

/// "row 12 (“text”), row 40 (“text”) and 3 more rows".
fn describe(rows: &[(usize, &Row)], more: usize, side: Side) -> String {
    let mut parts: Vec<String> = rows
        .iter()
        .take(NAMED)
        .map(|(i, r)| format!("row {} (“{}”)", i + 1, shorten(r.text(side))))
        .collect();
    let more = more + rows.len().saturating_sub(NAMED);
    if more > 0 {
        parts.push(format!("{more} more rows"));
    }
    parts.join(", ")
}

fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    let text = text.trim();
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_of_space_are_found_as_a_char_by_char_reading_finds_them() {
        let by_chars = |text: &str| {
            let mut previous = false;
            text.chars().any(|c| {
                let space = c.is_whitespace();
                let run = space && (previous || c != ' ');
                previous = space;
                run
            })
        };
        for text in [
            "a b c",
            "a  b",
            "a\tb",
            "a\u{a0}b",
            "å ä ö",
            "x\u{2009}y",
            "\u{3000}",
            "\u{1680}z",
            "é\u{85}",
            "Ü ü — “x” ",
            " a",
            "",
        ] {
            assert_eq!(has_run_of_space(text), by_chars(text), "{text:?}");
        }
    }

    use super::*;
    use crate::model::ImportedRow;

    fn project(pairs: &[(&str, &str)]) -> Project {
        let mut p = Project::new("t", "sv", "en");
        p.append_imported(pairs.iter().map(|(s, t)| ImportedRow {
            source: s.to_string(),
            target: t.to_string(),
            ..ImportedRow::default()
        }));
        p
    }

    fn keys(project: &Project, index: usize) -> Vec<String> {
        let mut out = Vec::new();
        ConsistencyIndex::build(project).check(project, &project.rows[index], &mut out);
        out.into_iter().map(|f| f.key).collect()
    }

    #[test]
    fn different_translations_of_one_source_are_found() {
        let p = project(&[
            (
                "Proletariatets diktatur",
                "The dictatorship of the proletariat",
            ),
            ("Proletariatets  diktatur", "The proletarian dictatorship"),
            (
                "Proletariatets diktatur",
                "The dictatorship of the proletariat ",
            ),
            ("Demokrati", "Democracy"),
            ("Folkstyre", "Democracy"),
            ("Annat", ""),
        ]);
        assert_eq!(keys(&p, 0), ["source"]);
        assert_eq!(keys(&p, 1), ["source"]);
        assert_eq!(keys(&p, 3), ["target"]);
        assert_eq!(keys(&p, 4), ["target"]);
        assert!(keys(&p, 5).is_empty());
    }

    #[test]
    fn consistent_rows_give_no_finding() {
        let p = project(&[
            (
                "Proletariatets diktatur",
                "The dictatorship of the proletariat",
            ),
            (
                "Proletariatets diktatur",
                "The dictatorship of the proletariat",
            ),
            ("Demokrati", "Democracy"),
        ]);
        for i in 0..3 {
            assert!(keys(&p, i).is_empty(), "row {i}");
        }
    }
}
