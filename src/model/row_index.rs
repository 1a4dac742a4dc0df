//! A cache from row id to row index, so that edits find their row in constant time instead of
//! scanning a 100,000-row book (which made per-row batches quadratic).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::row::{Row, RowId};

/// Built on first use and dropped whenever rows move. Every hit is checked against the rows
/// themselves, so even a stale cache (rows changed behind its back) never gives a wrong answer:
/// a miss falls back to a scan.
#[derive(Debug, Clone, Default)]
pub struct RowIndex {
    map: OnceLock<HashMap<RowId, usize>>,
}

/// A cache never makes two projects differ.
impl PartialEq for RowIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl RowIndex {
    pub fn find(&self, rows: &[Row], id: RowId) -> Option<usize> {
        let map = self
            .map
            .get_or_init(|| rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect());
        match map.get(&id) {
            Some(&i) if rows.get(i).is_some_and(|r| r.id == id) => Some(i),
            _ => rows.iter().position(|r| r.id == id),
        }
    }

    /// Forgets the cache (rows were inserted, removed or reordered).
    pub fn invalidate(&mut self) {
        self.map = OnceLock::new();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ImportedRow, Project};

    #[test]
    fn finds_rows_and_survives_rows_changed_behind_its_back() {
        let mut p = Project::new("t", "sv", "en");
        p.append_imported((0..5).map(|i| ImportedRow {
            source: format!("{i}."),
            ..Default::default()
        }));
        let id = p.rows[3].id;
        assert_eq!(p.index_of(id), Some(3));
        p.rows.swap(3, 0);
        assert_eq!(
            p.index_of(id),
            Some(0),
            "a stale entry is checked and falls back to a scan"
        );
        assert_eq!(p.index_of(RowId(999)), None);
    }
}
