//! Find, replace and filter over a project's rows: the queries behind the find bar, replace-all
//! (one undoable edit) and the row filters.

use std::ops::Range;

use regex::{NoExpand, Regex, RegexBuilder};
use thiserror::Error;

use super::edit::Edit;
use super::project::Project;
use super::row::{Origin, Row, RowId, Side, Status};

/// Rows scored below this are "low confidence" for filters and the alignment map.
pub const LOW_CONFIDENCE: f32 = 0.5;

/// Which texts a search looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    Source,
    /// The default: replacing in the translation is what a translator means; a replace over
    /// both sides would rewrite the source text by accident.
    #[default]
    Target,
    Both,
}

impl Scope {
    pub fn sides(self) -> &'static [Side] {
        match self {
            Scope::Source => &[Side::Source],
            Scope::Target => &[Side::Target],
            Scope::Both => &Side::BOTH,
        }
    }
}

/// What the user asked to find.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    pub pattern: String,
    /// The pattern is a regular expression (`regex` crate syntax); otherwise plain text.
    pub regex: bool,
    pub case_sensitive: bool,
    /// Only matches that are whole words (not inside a longer word).
    pub whole_word: bool,
    pub scope: Scope,
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum FindError {
    #[error("nothing to find")]
    Empty,
    #[error("not a valid regular expression: {0}")]
    BadRegex(String),
}

/// One occurrence: a byte range in one side of one row.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub index: usize,
    pub row: RowId,
    pub side: Side,
    pub range: Range<usize>,
}

/// A compiled query.
#[derive(Debug, Clone)]
pub struct Matcher {
    regex: Regex,
    literal_replacement: bool,
    scope: Scope,
}

impl Query {
    pub fn compile(&self) -> Result<Matcher, FindError> {
        if self.pattern.is_empty() {
            return Err(FindError::Empty);
        }
        let pattern = if self.regex {
            self.pattern.clone()
        } else {
            regex::escape(&self.pattern)
        };
        let pattern = if self.whole_word {
            format!(r"\b(?:{pattern})\b")
        } else {
            pattern
        };
        let regex = RegexBuilder::new(&pattern)
            .case_insensitive(!self.case_sensitive)
            .build()
            .map_err(|e| FindError::BadRegex(e.to_string()))?;
        Ok(Matcher {
            regex,
            literal_replacement: !self.regex,
            scope: self.scope,
        })
    }
}

impl Matcher {
    /// Whether a row has a match in the query's scope.
    pub fn matches_row(&self, row: &Row) -> bool {
        self.scope
            .sides()
            .iter()
            .any(|side| self.regex.is_match(row.text(*side)))
    }

    /// The byte ranges of the matches in one side's text (none when the side is out of scope),
    /// for highlighting them where the text is shown.
    pub fn ranges_in(&self, side: Side, text: &str) -> Vec<Range<usize>> {
        if !self.scope.sides().contains(&side) {
            return Vec::new();
        }
        self.regex
            .find_iter(text)
            .map(|m| m.range())
            .filter(|r| !r.is_empty())
            .collect()
    }

    /// Every match in reading order (row, then source before target, then position).
    pub fn find_all(&self, project: &Project) -> Vec<Match> {
        let mut found = Vec::new();
        for (index, row) in project.rows.iter().enumerate() {
            for side in self.scope.sides() {
                for m in self.regex.find_iter(row.text(*side)) {
                    if m.range().is_empty() {
                        continue;
                    }
                    found.push(Match {
                        index,
                        row: row.id,
                        side: *side,
                        range: m.range(),
                    });
                }
            }
        }
        found
    }

    /// `text` with every match replaced; `$1`-style groups expand only for regex queries.
    pub fn replace_in(&self, text: &str, replacement: &str) -> String {
        if self.literal_replacement {
            self.regex
                .replace_all(text, NoExpand(replacement))
                .into_owned()
        } else {
            self.regex.replace_all(text, replacement).into_owned()
        }
    }

    /// The edit that replaces one match, if the project still has that text there.
    pub fn replace_one(&self, project: &Project, found: &Match, replacement: &str) -> Option<Edit> {
        let row = project.row(found.row)?;
        let text = row.text(found.side);
        let matched = text.get(found.range.clone())?;
        if !self.regex.is_match(matched) {
            return None;
        }
        let new_piece = self.replace_in(matched, replacement);
        let new_text = format!(
            "{}{}{}",
            &text[..found.range.start],
            new_piece,
            &text[found.range.end..]
        );
        Some(Edit::SetText {
            row: found.row,
            side: found.side,
            text: new_text,
            origin: Origin::Replaced,
        })
    }

    /// One batch edit replacing every match in scope (`None` when nothing would change), so
    /// that replace-all is undone in one step.
    pub fn replace_all(&self, project: &Project, replacement: &str) -> Option<Edit> {
        let mut edits = Vec::new();
        for row in &project.rows {
            for side in self.scope.sides() {
                let text = row.text(*side);
                if !self.regex.is_match(text) {
                    continue;
                }
                let replaced = self.replace_in(text, replacement);
                if replaced != text {
                    edits.push(Edit::SetText {
                        row: row.id,
                        side: *side,
                        text: replaced,
                        origin: Origin::Replaced,
                    });
                }
            }
        }
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }
}

/// Which rows to show. Conditions combine with "and"; an empty filter shows every row.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Show only rows with one of these statuses (none checked: any status).
    pub statuses: Vec<Status>,
    pub low_confidence: bool,
    pub locked: bool,
    pub text: Option<Matcher>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.statuses.is_empty() && !self.low_confidence && !self.locked && self.text.is_none()
    }

    pub fn accepts(&self, row: &Row) -> bool {
        (self.statuses.is_empty() || self.statuses.contains(&row.status))
            && (!self.low_confidence || row.score.is_some_and(|s| s < LOW_CONFIDENCE))
            && (!self.locked || row.locked)
            && self.text.as_ref().is_none_or(|m| m.matches_row(row))
    }

    /// Indices of the rows the filter shows.
    pub fn rows(&self, project: &Project) -> Vec<usize> {
        project
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| self.accepts(row))
            .map(|(i, _)| i)
            .collect()
    }
}

/// The next row after `from` (wrapping around) that still needs work: untranslated or draft.
pub fn next_unfinished(project: &Project, from: Option<usize>) -> Option<usize> {
    let n = project.rows.len();
    let start = from.map_or(0, |i| i + 1);
    (0..n)
        .map(|k| (start + k) % n)
        .find(|&i| matches!(project.rows[i].status, Status::Untranslated | Status::Draft))
}

/// The next untranslated row after `from` (wrapping around).
pub fn next_untranslated(project: &Project, from: Option<usize>) -> Option<usize> {
    let n = project.rows.len();
    let start = from.map_or(0, |i| i + 1);
    (0..n)
        .map(|k| (start + k) % n)
        .find(|&i| project.rows[i].status == Status::Untranslated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ImportedRow;

    fn project() -> Project {
        let mut p = Project::new("t", "sv", "en");
        p.append_imported([
            ImportedRow {
                source: "Proletariatets diktatur.".into(),
                target: "The dictatorship.".into(),
                ..Default::default()
            },
            ImportedRow {
                source: "Diktaturen och demokratin.".into(),
                target: "".into(),
                ..Default::default()
            },
        ]);
        p
    }

    #[test]
    fn the_target_is_searched_by_default_and_whole_words_on_request() {
        let p = project();
        let query = Query {
            pattern: "dictator".into(),
            ..Query::default()
        };
        assert_eq!(query.scope, Scope::Target);
        let part = query.compile().unwrap();
        assert_eq!(part.find_all(&p).len(), 1, "inside \"dictatorship\"");
        let spans = |ranges: Vec<Range<usize>>| -> Vec<(usize, usize)> {
            ranges.into_iter().map(|r| (r.start, r.end)).collect()
        };
        assert_eq!(
            spans(part.ranges_in(Side::Target, "The dictatorship.")),
            [(4, 12)]
        );
        assert!(
            part.ranges_in(Side::Source, "dictator").is_empty(),
            "out of scope"
        );
        let whole = Query {
            whole_word: true,
            ..query
        }
        .compile()
        .unwrap();
        assert!(whole.find_all(&p).is_empty());
        assert_eq!(
            spans(whole.ranges_in(Side::Target, "a dictator, dictators")),
            [(2, 10)]
        );
    }

    #[test]
    fn plain_search_is_literal_and_case_insensitive_by_default() {
        let p = project();
        let query = Query {
            pattern: "diktatur.".into(),
            scope: Scope::Both,
            ..Query::default()
        };
        let found = query.compile().unwrap().find_all(&p);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].index, found[0].side, found[0].range.clone()),
            (0, Side::Source, 15..24)
        );
        let all = Query {
            pattern: "diktatur".into(),
            scope: Scope::Both,
            ..Query::default()
        }
        .compile()
        .unwrap();
        assert_eq!(all.find_all(&p).len(), 2);
        let exact = Query {
            pattern: "diktatur".into(),
            case_sensitive: true,
            scope: Scope::Both,
            ..Query::default()
        };
        assert_eq!(exact.compile().unwrap().find_all(&p).len(), 1);
    }

    #[test]
    fn regex_replace_all_is_one_batch_and_expands_groups() {
        let mut p = project();
        let query = Query {
            pattern: r"(\w+)en och (\w+)".into(),
            regex: true,
            scope: Scope::Source,
            ..Query::default()
        };
        let edit = query
            .compile()
            .unwrap()
            .replace_all(&p, "$2 och $1")
            .unwrap();
        let inverse = p.apply(edit).unwrap();
        assert_eq!(p.rows[1].source, "demokratin och Diktatur.");
        p.apply(inverse).unwrap();
        assert_eq!(p.rows[1].source, "Diktaturen och demokratin.");
    }

    #[test]
    fn plain_replacement_does_not_expand_dollars() {
        let p = project();
        let matcher = Query {
            pattern: "dictatorship".into(),
            scope: Scope::Both,
            ..Query::default()
        }
        .compile()
        .unwrap();
        let found = &matcher.find_all(&p)[0];
        let edit = matcher.replace_one(&p, found, "$1 rule").unwrap();
        assert!(matches!(edit, Edit::SetText { ref text, .. } if text == "The $1 rule."));
    }

    #[test]
    fn bad_regex_and_empty_pattern_are_errors() {
        assert_eq!(Query::default().compile().unwrap_err(), FindError::Empty);
        let bad = Query {
            pattern: "(".into(),
            regex: true,
            scope: Scope::Both,
            ..Query::default()
        };
        assert!(matches!(bad.compile(), Err(FindError::BadRegex(_))));
    }

    #[test]
    fn filters_combine() {
        let mut p = project();
        p.rows[0].score = Some(0.2);
        let low = Filter {
            low_confidence: true,
            ..Filter::default()
        };
        assert_eq!(low.rows(&p), [0]);
        let untranslated = Filter {
            statuses: vec![Status::Untranslated],
            ..Filter::default()
        };
        assert_eq!(untranslated.rows(&p), [1]);
        let text = Query {
            pattern: "demokrati".into(),
            scope: Scope::Both,
            ..Query::default()
        }
        .compile()
        .ok();
        let both = Filter {
            statuses: vec![Status::Draft],
            text,
            ..Filter::default()
        };
        assert!(both.rows(&p).is_empty());
        assert_eq!(next_unfinished(&p, Some(1)), Some(0));
        assert_eq!(next_untranslated(&p, None), Some(1));
    }
}
