//! Counts for status bars and `tolk stats`: rows, words per side, rows per status.

use unicode_segmentation::UnicodeSegmentation;

use super::project::Project;
use super::row::{Side, Status};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectStats {
    pub rows: usize,
    pub locked: usize,
    words: [usize; 2],
    per_status: [usize; 4],
}

impl ProjectStats {
    pub fn of(project: &Project) -> ProjectStats {
        let mut stats = ProjectStats {
            rows: project.rows.len(),
            ..ProjectStats::default()
        };
        for row in &project.rows {
            stats.locked += usize::from(row.locked);
            stats.per_status[row.status as usize] += 1;
            for side in Side::BOTH {
                stats.words[side as usize] += row.text(side).unicode_words().count();
            }
        }
        stats
    }

    /// Words as Unicode word segmentation counts them ("långsamheten" is one, "1914-1918" two).
    pub fn words(&self, side: Side) -> usize {
        self.words[side as usize]
    }

    pub fn count(&self, status: Status) -> usize {
        self.per_status[status as usize]
    }

    /// Share of rows translated or reviewed, in percent (100 for an empty project).
    pub fn percent_done(&self) -> f64 {
        if self.rows == 0 {
            return 100.0;
        }
        let done = self.count(Status::Translated) + self.count(Status::Reviewed);
        100.0 * done as f64 / self.rows as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ImportedRow;

    #[test]
    fn counts_words_rows_and_statuses() {
        let mut project = Project::new("t", "sv", "en");
        project.append_imported([
            ImportedRow {
                source: "Långsamheten i deras anpassning.".into(),
                target: "The slowness of their adaptation.".into(),
                ..ImportedRow::default()
            },
            ImportedRow {
                source: "Åren 1914-1918.".into(),
                ..ImportedRow::default()
            },
        ]);
        let stats = ProjectStats::of(&project);
        assert_eq!(stats.rows, 2);
        assert_eq!(stats.words(Side::Source), 4 + 3);
        assert_eq!(stats.words(Side::Target), 5);
        assert_eq!(stats.count(Status::Draft), 1);
        assert_eq!(stats.count(Status::Untranslated), 1);
        assert_eq!(stats.percent_done(), 0.0);
    }
}
