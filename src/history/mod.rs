//! Revision history and change review: word/char diffs, the text of a row as of a time or
//! milestone, the changes since a milestone (with merged, split and moved rows), review verdicts.

mod changes;
mod compare;
mod diff;
mod render;
mod review;
mod timeline;

pub use changes::{Change, ChangeKind, changes_since};
pub use compare::compare_projects;
pub use diff::{CharSpan, Diff, Span, SpanKind};
pub use render::{DiffStyle, escape as escape_html};
pub use review::{
    Review, ReviewCounts, ReviewError, ReviewItem, ReviewState, accept_edit, revert_edit, review,
    review_counts,
};
pub use timeline::{
    HistoryError, diff_since, existed_at, revision_diff, revisions_until, text_at,
    text_at_milestone,
};
