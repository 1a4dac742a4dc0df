//! Row heights for the virtualised grid: cheap estimates for every row, replaced by measured
//! heights as rows are laid out, with prefix sums so that finding the row at a scroll offset
//! is a binary search.

use std::collections::HashMap;

use crate::RowId;

/// What a row's measured height depends on besides the layout key: its texts, known by the
/// row's revision count (every text change adds a revision).
type TextKey = usize;

#[derive(Debug, Default)]
pub struct RowHeights {
    heights: Vec<f32>,
    /// `prefix[i]` is the top of row `i`; one more entry than rows (the total height).
    prefix: Vec<f32>,
    stale_from: Option<usize>,
    /// Measured heights by row, valid while the row has no new revision and the layout key
    /// (column widths, font size) is unchanged.
    measured: HashMap<RowId, (TextKey, f32)>,
    layout_key: Option<(i32, i32, i32)>,
}

impl RowHeights {
    /// Starts over for a list of rows. `rows` gives each row's id, text lengths and estimate;
    /// measurements survive where the row has no new revision.
    pub fn reset(
        &mut self,
        layout_key: (i32, i32, i32),
        rows: impl Iterator<Item = (RowId, TextKey, f32)>,
    ) {
        if self.layout_key != Some(layout_key) {
            self.measured.clear();
            self.layout_key = Some(layout_key);
        }
        self.heights.clear();
        for (id, key, estimate) in rows {
            let height = match self.measured.get(&id) {
                Some((measured_key, h)) if *measured_key == key => *h,
                _ => estimate,
            };
            self.heights.push(height);
        }
        self.stale_from = Some(0);
    }

    pub fn len(&self) -> usize {
        self.heights.len()
    }

    /// Records a laid-out row's real height; returns whether it differed from what was assumed.
    pub fn measure(&mut self, position: usize, id: RowId, key: TextKey, height: f32) -> bool {
        self.measured.insert(id, (key, height));
        let Some(old) = self.heights.get_mut(position) else {
            return false;
        };
        if (*old - height).abs() < 0.5 {
            return false;
        }
        *old = height;
        self.stale_from = Some(self.stale_from.map_or(position, |s| s.min(position)));
        true
    }

    fn update_prefix(&mut self) {
        let Some(from) = self.stale_from.take() else {
            return;
        };
        self.prefix.resize(self.heights.len() + 1, 0.0);
        self.prefix[0] = 0.0;
        for i in from..self.heights.len() {
            self.prefix[i + 1] = self.prefix[i] + self.heights[i];
        }
    }

    pub fn total(&mut self) -> f32 {
        self.update_prefix();
        self.prefix.last().copied().unwrap_or(0.0)
    }

    /// Top and height of the row at `position`.
    pub fn span(&mut self, position: usize) -> (f32, f32) {
        self.update_prefix();
        (self.prefix[position], self.heights[position])
    }

    /// The row that covers offset `y` (the last row for offsets past the end).
    pub fn row_at(&mut self, y: f32) -> usize {
        self.update_prefix();
        if self.heights.is_empty() {
            return 0;
        }
        let after = self.prefix.partition_point(|top| *top <= y);
        after.saturating_sub(1).min(self.heights.len() - 1)
    }
}

/// A cheap height estimate of a wrapped text: characters times an average width, in lines.
pub fn estimate_lines(chars: usize, column_width: f32, char_width: f32) -> usize {
    let per_line = (column_width / char_width).max(1.0) as usize;
    chars.div_ceil(per_line).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_sums_binary_search_and_measurements() {
        let mut h = RowHeights::default();
        h.reset((1, 1, 1), (0..5).map(|i| (RowId(i), 1, 10.0)));
        assert_eq!(h.total(), 50.0);
        assert_eq!(h.row_at(0.0), 0);
        assert_eq!(h.row_at(25.0), 2);
        assert_eq!(h.row_at(1e9), 4);
        assert!(h.measure(1, RowId(1), 1, 30.0));
        assert_eq!(h.span(2), (40.0, 10.0));
        assert_eq!(h.total(), 70.0);
        // The measurement survives a reset while the row has no new revision...
        h.reset((1, 1, 1), (0..5).map(|i| (RowId(i), 1, 10.0)));
        assert_eq!(h.total(), 70.0);
        // ...but not a new revision ("a b" -> "ab." keeps the byte length, not the count)...
        h.reset(
            (1, 1, 1),
            (0..5).map(|i| (RowId(i), if i == 1 { 2 } else { 1 }, 10.0)),
        );
        assert_eq!(h.total(), 50.0);
        assert!(h.measure(1, RowId(1), 2, 30.0));
        // ...nor a new column width.
        h.reset((2, 1, 1), (0..5).map(|i| (RowId(i), 2, 10.0)));
        assert_eq!(h.total(), 50.0);
    }

    #[test]
    fn estimates_wrap_by_width() {
        assert_eq!(estimate_lines(0, 100.0, 10.0), 1);
        assert_eq!(estimate_lines(25, 100.0, 10.0), 3);
    }
}
