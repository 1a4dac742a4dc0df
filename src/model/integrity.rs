//! Checks a project read from outside (a file) against the rules the edit API keeps, repairing
//! what can be repaired without guessing and refusing what cannot.

use std::collections::HashSet;

use thiserror::Error;

use super::lang::{LanguageTagError, check_language_tag};
use super::project::Project;
use super::row::RowId;
use super::segmentation::SegmentationRulesError;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum IntegrityError {
    #[error("row id {id} is used by rows {first} and {second}")]
    DuplicateId {
        id: RowId,
        first: usize,
        second: usize,
    },
    #[error(
        "the row id or next_id {id} is above {MAX_ROW_ID}, the largest Tolk gives out (2^53, what every JSON reader holds exactly)"
    )]
    IdTooLarge { id: u64 },
    #[error("meta.{field}: {cause}")]
    LanguageTag {
        field: &'static str,
        cause: LanguageTagError,
    },
    /// Rules that would not cut the texts as the project says: refused rather than dropped,
    /// since realigning with other rules would silently move rows.
    #[error("meta.segmentation.{0}")]
    SegmentationRules(#[from] SegmentationRulesError),
}

/// The largest row id: ids above 2^53 lose precision in JavaScript's JSON readers, and a cap
/// far below `u64::MAX` keeps `next_id + 1` from ever overflowing.
pub const MAX_ROW_ID: u64 = 1 << 53;

impl Project {
    /// Repairs `next_id` (it must exceed every id), scores outside [0, 1] and language tags
    /// written `sv_SE`; returns a
    /// description of each repair. Duplicate ids cannot be repaired safely (history and
    /// milestones refer to rows by id) and are an error.
    pub fn check_and_repair(&mut self) -> Result<Vec<String>, IntegrityError> {
        let mut repairs = Vec::new();
        let mut seen = HashSet::with_capacity(self.rows.len());
        for (index, row) in self.rows.iter().enumerate() {
            if !seen.insert(row.id) {
                let first = self.rows.iter().position(|r| r.id == row.id).unwrap_or(0);
                return Err(IntegrityError::DuplicateId {
                    id: row.id,
                    first: first + 1,
                    second: index + 1,
                });
            }
        }
        let max_id = self.rows.iter().map(|r| r.id.0).max().unwrap_or(0);
        if let Some(id) = [max_id, self.next_id].into_iter().find(|&i| i > MAX_ROW_ID) {
            return Err(IntegrityError::IdTooLarge { id });
        }
        if self.next_id <= max_id {
            repairs.push(format!(
                "next_id was {}, not above the largest row id {max_id}; set to {}",
                self.next_id,
                max_id + 1
            ));
            self.next_id = max_id + 1;
        }
        for (field, tag) in [
            ("source_lang", &mut self.meta.source_lang),
            ("target_lang", &mut self.meta.target_lang),
        ] {
            if tag.trim().is_empty() {
                // Files that do not name a language (TSV without a header) and older Tolks.
                repairs.push(format!(
                    "meta.{field} was empty; set to \"und\" (undetermined)"
                ));
                "und".clone_into(tag);
                continue;
            }
            let checked = check_language_tag(tag)
                .map_err(|cause| IntegrityError::LanguageTag { field, cause })?;
            if let Some(old) = checked.repaired_from {
                repairs.push(format!(
                    "meta.{field} was {old:?}, not a BCP 47 tag; read as {:?}",
                    checked.tag
                ));
                *tag = checked.tag;
            }
        }
        self.meta.segmentation.check()?;
        for (index, row) in self.rows.iter_mut().enumerate() {
            if let Some(score) = row.score
                && !(0.0..=1.0).contains(&score)
            {
                repairs.push(format!(
                    "row {} had confidence {score}, outside [0, 1]; cleared",
                    index + 1
                ));
                row.score = None;
            }
        }
        Ok(repairs)
    }
}
