//! Two versions of one project compared row by row (for example a colleague's copy): rows are
//! matched by id, so a row keeps its identity whatever was inserted before it.

use std::collections::HashMap;

use super::changes::{Change, ChangeKind};
use super::diff::Diff;
use crate::model::{Project, RowId};

/// The rows added, removed and changed from `old` to `new`, in the reading order of `new`; a
/// removed row stands after the row that preceded it in `old` (and still exists), so it shows
/// where it used to be. `rows` holds the one row id of each change.
pub fn compare_projects(old: &Project, new: &Project) -> Vec<Change> {
    let new_index: HashMap<RowId, usize> = new
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id, i))
        .collect();
    let old_by_id: HashMap<RowId, usize> = old
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id, i))
        .collect();
    // Sort keys: row i of `new` at 2i + 1; a removed row after new row a at 2a + 2, before
    // every surviving row at 0; ties keep the order of `old`.
    let mut keyed: Vec<(usize, usize, Change)> = Vec::new();
    for (i, row) in new.rows.iter().enumerate() {
        let change = match old_by_id.get(&row.id).map(|&j| &old.rows[j]) {
            None => Change {
                kind: ChangeKind::Added,
                rows: vec![row.id],
                source: Diff::between("", &row.source),
                target: Diff::between("", &row.target),
            },
            Some(before) if before.source != row.source || before.target != row.target => Change {
                kind: ChangeKind::Edited,
                rows: vec![row.id],
                source: Diff::between(&before.source, &row.source),
                target: Diff::between(&before.target, &row.target),
            },
            Some(_) => continue,
        };
        keyed.push((2 * i + 1, 0, change));
    }
    let mut anchor = 0;
    for (j, row) in old.rows.iter().enumerate() {
        match new_index.get(&row.id) {
            Some(&i) => anchor = 2 * i + 2,
            None => keyed.push((
                anchor,
                j,
                Change {
                    kind: ChangeKind::Removed,
                    rows: vec![row.id],
                    source: Diff::between(&row.source, ""),
                    target: Diff::between(&row.target, ""),
                },
            )),
        }
    }
    keyed.sort_by_key(|(key, j, _)| (*key, *j));
    keyed.into_iter().map(|(_, _, change)| change).collect()
}
