//! Checks a project read from outside (a file) against the rules the edit API keeps, repairing
//! what can be repaired without guessing and refusing what cannot.

use std::collections::HashSet;

use thiserror::Error;

use super::project::Project;
use super::row::RowId;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum IntegrityError {
    #[error("row id {id} is used by rows {first} and {second}")]
    DuplicateId {
        id: RowId,
        first: usize,
        second: usize,
    },
}

impl Project {
    /// Repairs `next_id` (it must exceed every id) and scores outside [0, 1]; returns a
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
        if self.next_id <= max_id {
            repairs.push(format!(
                "next_id was {}, not above the largest row id {max_id}; set to {}",
                self.next_id,
                max_id + 1
            ));
            self.next_id = max_id + 1;
        }
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
