//! The units an export writes: rows filtered by status, optionally split into sentence pairs.

use crate::model::{Project, Row, RowId, Side, Status};

use super::export::ExportFormat;
use super::options::{Options, Units};

/// One exported pair of texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit<'p> {
    /// The row the text comes from.
    pub row: &'p Row,
    /// The sentence pair's number within its row (1-based), or `None` for a whole row.
    pub sentence: Option<usize>,
    pub source: &'p str,
    pub target: &'p str,
}

impl Unit<'_> {
    pub fn row_id(&self) -> RowId {
        self.row.id
    }

    pub fn status(&self) -> Status {
        self.row.status
    }

    /// An identifier that is unique in the export and a valid XML name token: `r12`, or
    /// `r12-s2` for the second sentence pair of row 12.
    pub fn id(&self) -> String {
        match self.sentence {
            None => format!("r{}", self.row.id.0),
            Some(n) => format!("r{}-s{n}", self.row.id.0),
        }
    }

    /// Whether this unit begins a paragraph of the source text.
    pub fn starts_paragraph(&self) -> bool {
        self.row.starts_paragraph && self.sentence.is_none_or(|n| n == 1)
    }

    /// The author of the row's latest revision, if it has any history and the author a name.
    pub fn author(&self) -> Option<&str> {
        self.row
            .history
            .last()
            .map(|r| r.author.as_str())
            .filter(|a| !a.is_empty())
    }
}

/// The units of a project under the given options, in reading order.
pub fn units<'p>(project: &'p Project, options: &Options) -> Vec<Unit<'p>> {
    let mut units = Vec::with_capacity(project.rows.len());
    let segmenters = (
        project.segmenter(Side::Source),
        project.segmenter(Side::Target),
    );
    for row in project.rows.iter().filter(|r| options.includes(r.status)) {
        let whole = Unit {
            row,
            sentence: None,
            source: &row.source,
            target: &row.target,
        };
        if options.units == Units::Rows {
            units.push(whole);
            continue;
        }
        let sources = segmenters.0.split(&row.source);
        let targets = segmenters.1.split(&row.target);
        if sources.len() < 2 || sources.len() != targets.len() {
            units.push(whole);
            continue;
        }
        units.extend(
            sources
                .into_iter()
                .zip(targets)
                .enumerate()
                .map(|(i, (source, target))| Unit {
                    row,
                    sentence: Some(i + 1),
                    source,
                    target,
                }),
        );
    }
    units
}

/// A snapshot of the project holding only rows `first..=last` (numbered from 1, as the window
/// and `tolk edit` number them), for exporting part of a project; `None` when the range is
/// not inside the project. The snapshot is for writing out only, never saved.
pub fn rows_between(project: &Project, first: usize, last: usize) -> Option<Project> {
    if first == 0 || first > last || last > project.rows.len() {
        return None;
    }
    let mut part = project.clone();
    part.rows.truncate(last);
    part.rows.drain(..first - 1);
    part.row_index = Default::default();
    Some(part)
}

/// The units an export writes and what its rules left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection<'p> {
    pub units: Vec<Unit<'p>>,
    pub left_out: LeftOut,
}

/// What an export left out, for the user to see.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LeftOut {
    /// Rows left out for their status, per status (in `Status::ALL` order).
    pub by_status: [usize; 4],
    /// Units left out because their target is empty (TMX only).
    pub empty_targets: usize,
}

impl LeftOut {
    /// One line for the user, or `None` when nothing was left out.
    pub fn describe(&self) -> Option<String> {
        let mut parts: Vec<String> = Status::ALL
            .into_iter()
            .zip(self.by_status)
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| format!("{n} {} rows", s.name()))
            .collect();
        if self.empty_targets > 0 {
            parts.push(format!("{} units with an empty target", self.empty_targets));
        }
        (!parts.is_empty()).then(|| format!("left out {}", parts.join(", ")))
    }
}

/// The units `format` writes under `options`: [`units`], and for TMX without units whose target
/// is empty, unless the options ask for untranslated rows. A translation memory holds finished
/// work; other tools (OmegaT) take every unit in it as a 100% match.
pub fn select<'p>(project: &'p Project, format: ExportFormat, options: &Options) -> Selection<'p> {
    let mut left_out = LeftOut::default();
    for row in project.rows.iter().filter(|r| !options.includes(r.status)) {
        let i = Status::ALL
            .iter()
            .position(|s| *s == row.status)
            .unwrap_or(0);
        left_out.by_status[i] += 1;
    }
    let mut units = units(project, options);
    if format == ExportFormat::Tmx && !options.includes(Status::Untranslated) {
        let before = units.len();
        units.retain(|u| !u.target.is_empty());
        left_out.empty_targets = before - units.len();
    }
    Selection { units, left_out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ImportedRow;

    fn project(pairs: &[(&str, &str)]) -> Project {
        let mut project = Project::new("t", "sv", "en");
        project.append_imported(pairs.iter().map(|(s, t)| ImportedRow {
            source: s.to_string(),
            target: t.to_string(),
            ..ImportedRow::default()
        }));
        project
    }

    #[test]
    fn sentences_split_only_rows_with_equal_sentence_counts() {
        let project = project(&[
            ("Det regnar. Vi går hem.", "It rains. We go home."),
            ("Det regnar. Vi går hem.", "It rains and we go home."),
            ("Ett.", "One."),
        ]);
        let options = Options {
            units: Units::Sentences,
            ..Options::default()
        };
        let got: Vec<(String, &str, &str)> = units(&project, &options)
            .iter()
            .map(|u| (u.id(), u.source, u.target))
            .collect();
        assert_eq!(
            got,
            vec![
                ("r1-s1".to_string(), "Det regnar.", "It rains."),
                ("r1-s2".to_string(), "Vi går hem.", "We go home."),
                (
                    "r2".to_string(),
                    "Det regnar. Vi går hem.",
                    "It rains and we go home."
                ),
                ("r3".to_string(), "Ett.", "One."),
            ]
        );
    }

    #[test]
    fn the_status_filter_leaves_out_other_rows() {
        let mut project = project(&[("a", ""), ("b", "B"), ("c", "C")]);
        project
            .apply(crate::model::Edit::SetStatus {
                row: project.rows[2].id,
                status: Status::Reviewed,
            })
            .unwrap();
        let options = Options {
            statuses: vec![Status::Untranslated, Status::Reviewed],
            ..Options::default()
        };
        let sources: Vec<&str> = units(&project, &options).iter().map(|u| u.source).collect();
        assert_eq!(sources, vec!["a", "c"]);
    }
}
