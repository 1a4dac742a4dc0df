//! Statistics of a project for the status bar and `tolk stats`: words and characters per
//! side and per status, QA findings by check, and rows changed since each milestone.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::check::{CheckId, Finding};
use crate::history::review_counts;
use crate::model::{Project, ProjectStats, Row, Status};

/// Words and characters of one side (characters: Unicode scalar values, spaces included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct TextCounts {
    pub words: usize,
    pub characters: usize,
}

impl TextCounts {
    /// The counts of one text.
    pub fn of(text: &str) -> TextCounts {
        TextCounts {
            words: ProjectStats::words_in(text),
            characters: text.chars().count(),
        }
    }

    fn add(&mut self, counts: TextCounts) {
        self.words += counts.words;
        self.characters += counts.characters;
    }
}

/// Counts of the rows with one status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct StatusCounts {
    pub rows: usize,
    pub source: TextCounts,
    pub target: TextCounts,
}

/// Changes since one milestone (see the review).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneCounts {
    pub name: String,
    pub at: jiff::Timestamp,
    pub changed: usize,
    pub accepted: usize,
    pub reverted: usize,
    pub remaining: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statistics {
    pub rows: usize,
    pub locked: usize,
    pub source: TextCounts,
    pub target: TextCounts,
    /// By status name, in the order rows go through them.
    pub statuses: BTreeMap<&'static str, StatusCounts>,
    pub percent_done: f64,
    /// Findings by check id (`None`: the checks were not run).
    pub findings: Option<BTreeMap<&'static str, usize>>,
    pub milestones: Vec<MilestoneCounts>,
}

impl Statistics {
    /// The statistics of a project, with the findings of its checks when given.
    pub fn of(project: &Project, findings: Option<&[Finding]>) -> Statistics {
        let mut statistics = Statistics::counted(
            project,
            |row| [TextCounts::of(&row.source), TextCounts::of(&row.target)],
            findings.map(Statistics::by_check),
        );
        statistics.milestones = Statistics::milestone_counts(project);
        statistics
    }

    /// The statistics of a project from each row's counts (source, target) as `counts` gives
    /// them (a window caches them per row revision) and findings already counted by check;
    /// without the milestones, whose review costs word diffs (see
    /// [`Statistics::milestone_counts`]).
    pub fn counted(
        project: &Project,
        mut counts: impl FnMut(&Row) -> [TextCounts; 2],
        findings: Option<BTreeMap<&'static str, usize>>,
    ) -> Statistics {
        let mut source = TextCounts::default();
        let mut target = TextCounts::default();
        let mut statuses: BTreeMap<&'static str, StatusCounts> = Status::ALL
            .into_iter()
            .map(|s| (s.name(), StatusCounts::default()))
            .collect();
        let basic = ProjectStats::of_with(project, |row| {
            let [s, t] = counts(row);
            let entry = statuses.entry(row.status.name()).or_default();
            entry.rows += 1;
            entry.source.add(s);
            entry.target.add(t);
            source.add(s);
            target.add(t);
            [s.words, t.words]
        });
        Statistics {
            rows: basic.rows,
            locked: basic.locked,
            source,
            target,
            statuses,
            percent_done: basic.percent_done(),
            findings,
            milestones: Vec::new(),
        }
    }

    /// Findings counted by check id (every check listed, with 0 where none).
    pub fn by_check<'f>(
        findings: impl IntoIterator<Item = &'f Finding>,
    ) -> BTreeMap<&'static str, usize> {
        let mut by: BTreeMap<&'static str, usize> =
            CheckId::ALL.into_iter().map(|c| (c.id(), 0)).collect();
        for f in findings {
            *by.entry(f.check.id()).or_default() += 1;
        }
        by
    }

    /// Rows changed since each milestone, with their review counts.
    pub fn milestone_counts(project: &Project) -> Vec<MilestoneCounts> {
        project
            .milestones
            .iter()
            .filter_map(|m| {
                let c = review_counts(project, &m.name).ok()?;
                Some(MilestoneCounts {
                    name: m.name.clone(),
                    at: m.at,
                    changed: c.changed,
                    accepted: c.accepted,
                    reverted: c.reverted,
                    remaining: c.remaining,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, ImportedRow, Milestone, Side};

    #[test]
    fn counts_words_characters_statuses_findings_and_changes_since_milestones() {
        let mut p = Project::new("t", "sv", "en");
        p.append_imported([
            ImportedRow {
                source: "Två ord.".into(),
                target: "Two words.".into(),
                ..Default::default()
            },
            ImportedRow {
                source: "Tre ord här.".into(),
                ..Default::default()
            },
        ]);
        let at = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        p.apply_at(
            Edit::AddMilestone {
                milestone: Milestone::new("sent", at),
                index: None,
            },
            at,
        )
        .unwrap();
        let later = jiff::Timestamp::from_second(1_800_000_100).unwrap();
        let row = p.rows[0].id;
        p.apply_at(
            Edit::SetText {
                row,
                side: Side::Target,
                text: "Two words!".into(),
                origin: crate::model::Origin::Typed,
            },
            later,
        )
        .unwrap();
        let finding = Finding {
            row,
            check: CheckId::EndPunctuation,
            side: Side::Target,
            range: None,
            message: String::new(),
            key: String::new(),
        };
        let s = Statistics::of(&p, Some(std::slice::from_ref(&finding)));
        assert_eq!(
            s.source,
            TextCounts {
                words: 5,
                characters: 20
            }
        );
        assert_eq!(
            s.target,
            TextCounts {
                words: 2,
                characters: 10
            }
        );
        assert_eq!(s.statuses["draft"].rows, 1);
        assert_eq!(s.statuses["draft"].target.words, 2);
        assert_eq!(s.statuses["untranslated"].source.characters, 12);
        let findings = s.findings.clone().unwrap();
        assert_eq!((findings["end-punctuation"], findings["numbers"]), (1, 0));
        assert_eq!(s.milestones[0].changed, 1);
        let counted = Statistics::counted(
            &p,
            |row| [TextCounts::of(&row.source), TextCounts::of(&row.target)],
            Some(Statistics::by_check(&[finding])),
        );
        assert_eq!(
            Statistics {
                milestones: s.milestones.clone(),
                ..counted
            },
            s,
            "counted from cached row counts, the same figures"
        );
        let json = serde_json::to_value(Statistics::of(&p, None)).unwrap();
        assert_eq!(json["statuses"]["draft"]["target"]["characters"], 10);
        assert!(json["findings"].is_null());
    }
}
