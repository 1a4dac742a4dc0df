//! What an import removed or changed, so the user can check the cleanup (and it is kept in the
//! project's notes).

use std::fmt;

/// Counts of what the cleanup of one document did. Zero counts are not printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanupReport {
    /// The document's format ("PDF", "DOCX", ...), set by [`super::read_document`].
    pub format: &'static str,
    /// Running headers and footers removed (lines repeated at the top or foot of pages).
    pub headers_footers: usize,
    /// Page numbers removed.
    pub page_numbers: usize,
    /// Line-end hyphens removed, joining the two halves of a word.
    pub hyphens_joined: usize,
    /// Footnotes and endnotes moved out of the running text to follow their paragraph.
    pub notes_moved: usize,
    /// Footnote markers (superscript numbers) removed from the running text.
    pub note_markers: usize,
    /// Tracked deletions dropped (tracked changes are taken as accepted).
    pub deletions_dropped: usize,
    /// Fields (page numbers, dates, tables of contents) and hidden text left out.
    pub fields_dropped: usize,
    /// Scripts, styles, navigation and other non-text parts left out.
    pub parts_dropped: usize,
    /// Pages read (PDF).
    pub pages: usize,
    /// Chapters read (EPUB).
    pub chapters: usize,
}

impl CleanupReport {
    /// One line for the user and the project's notes: "source kamenev.pdf (PDF): 6 pages ...".
    pub fn note(&self, side: &str, path: &std::path::Path) -> String {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        format!("{side} {name} ({}): {self}", self.format)
    }

    /// The report as `(label, count)` pairs, zero counts left out.
    pub fn items(&self) -> Vec<(&'static str, usize)> {
        [
            ("pages read", self.pages),
            ("chapters read", self.chapters),
            ("running headers/footers removed", self.headers_footers),
            ("page numbers removed", self.page_numbers),
            ("line-end hyphens joined", self.hyphens_joined),
            (
                "footnotes/endnotes moved after their paragraph",
                self.notes_moved,
            ),
            ("footnote markers removed", self.note_markers),
            ("tracked deletions dropped", self.deletions_dropped),
            ("fields and hidden text left out", self.fields_dropped),
            (
                "scripts, styles and navigation left out",
                self.parts_dropped,
            ),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .collect()
    }
}

impl fmt::Display for CleanupReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let items = self.items();
        if items.is_empty() {
            return write!(f, "nothing removed");
        }
        for (i, (label, n)) in items.iter().enumerate() {
            if i > 0 {
                write!(f, ", ")?;
            }
            write!(f, "{n} {label}")?;
        }
        Ok(())
    }
}
