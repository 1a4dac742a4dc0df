//! Statistics of a project for the status bar and `tolk stats`: words and characters per
//! side and per status, QA findings by check, and rows changed since each milestone.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::check::{CheckId, Finding};
use crate::history::review_counts;
use crate::model::{Project, ProjectStats, Side, Status};

/// Words and characters of one side (characters: Unicode scalar values, spaces included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct TextCounts {
    pub words: usize,
    pub characters: usize,
}

impl TextCounts {
    fn add(&mut self, text: &str) {
        self.words += ProjectStats::words_in(text);
        self.characters += text.chars().count();
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
        let mut source = TextCounts::default();
        let mut target = TextCounts::default();
        let mut statuses: BTreeMap<&'static str, StatusCounts> = Status::ALL
            .into_iter()
            .map(|s| (s.name(), StatusCounts::default()))
            .collect();
        for row in &project.rows {
            let entry = statuses.entry(row.status.name()).or_default();
            entry.rows += 1;
            entry.source.add(row.text(Side::Source));
            entry.target.add(row.text(Side::Target));
            source.add(&row.source);
            target.add(&row.target);
        }
        let basic = ProjectStats::of_with(project, |_| [0, 0]);
        let findings = findings.map(|all| {
            let mut by: BTreeMap<&'static str, usize> =
                CheckId::ALL.into_iter().map(|c| (c.id(), 0)).collect();
            for f in all {
                *by.entry(f.check.id()).or_default() += 1;
            }
            by
        });
        let milestones = project
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
            .collect();
        Statistics {
            rows: basic.rows,
            locked: basic.locked,
            source,
            target,
            statuses,
            percent_done: basic.percent_done(),
            findings,
            milestones,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, ImportedRow, Milestone};

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
        let s = Statistics::of(&p, Some(&[finding]));
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
        let findings = s.findings.unwrap();
        assert_eq!((findings["end-punctuation"], findings["numbers"]), (1, 0));
        assert_eq!(s.milestones[0].changed, 1);
        let json = serde_json::to_value(Statistics::of(&p, None)).unwrap();
        assert_eq!(json["statuses"]["draft"]["target"]["characters"], 10);
        assert!(json["findings"].is_null());
    }
}
