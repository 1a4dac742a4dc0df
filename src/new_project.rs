//! A new project from a source file and an optional translation (plain text or a document):
//! what `tolk new` and the window's File > New both build, so the rules are the same for both.

use std::path::Path;

use crate::align::{NewProject, aligned_project};
use crate::model::{Project, SegmentationRulesError, SegmentationSettings, Side};
use crate::text::{ImportError, ImportedText, Segmenter, import_file_with_report};

/// Why a project could not be made from files with the project's own segmentation rules.
#[derive(Debug, thiserror::Error)]
pub enum NewProjectError {
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Rules(#[from] SegmentationRulesError),
}

/// A new, aligned project and what the import says about its files.
#[derive(Debug)]
pub struct NewFromFiles {
    /// The project; its `meta.notes` hold the notes below.
    pub project: Project,
    /// What document cleanup removed or changed, one line per file (empty for plain text).
    pub notes: Vec<String>,
    /// Repairs the user should check (e.g. bytes that were not valid UTF-8), naming the file.
    pub warnings: Vec<String>,
    /// Sentences found in the source and the target.
    pub sentences: (usize, Option<usize>),
}

/// Imports `source` (and `target`) with the segmenters of the project's languages, aligns
/// them and keeps the cleanup report in the project's notes. `progress` is told after each
/// step (of three).
pub fn project_from_files(
    source: &Path,
    target: Option<&Path>,
    names: &NewProject,
    progress: &dyn Fn(u32),
) -> Result<NewFromFiles, ImportError> {
    let settings = SegmentationSettings::default();
    project_from_files_with(source, target, names, &settings, progress).map_err(|e| match e {
        NewProjectError::Import(e) => e,
        NewProjectError::Rules(e) => unreachable!("the built-in rules parse: {e}"),
    })
}

/// [`project_from_files`] with the project's own segmentation rules, which cut both texts
/// and are kept in the project (so that realignment and the edits cut as the import did).
pub fn project_from_files_with(
    source: &Path,
    target: Option<&Path>,
    names: &NewProject,
    segmentation: &SegmentationSettings,
    progress: &dyn Fn(u32),
) -> Result<NewFromFiles, NewProjectError> {
    let segmenters = [
        segmentation.segmenter(Side::Source, names.source_lang)?,
        segmentation.segmenter(Side::Target, names.target_lang)?,
    ];
    let mut notes = Vec::new();
    // A language without built-in rules is said, unless the project brings rules for it.
    let mut warnings: Vec<String> = [
        (Side::Source, Some(names.source_lang)),
        (Side::Target, target.map(|_| names.target_lang)),
    ]
    .into_iter()
    .filter(|(side, _)| segmentation.rules(*side).trim().is_empty())
    .filter_map(|(_, lang)| lang)
    .filter_map(Segmenter::generic_rules_note)
    .collect();
    warnings.dedup();
    let mut read = |path: &Path, side: Side| -> Result<ImportedText, ImportError> {
        let segmenter: &Segmenter = &segmenters[side as usize];
        let (text, report) = import_file_with_report(path, segmenter)?;
        let side = side.name();
        notes.extend(report.map(|r| r.note(side, path)));
        warnings.extend(
            text.warnings
                .iter()
                .map(|w| format!("{}: {w}", path.display())),
        );
        Ok(text)
    };
    let source_text = read(source, Side::Source)?;
    progress(1);
    let target_text = match target {
        Some(path) => Some(read(path, Side::Target)?),
        None => None,
    };
    progress(2);
    let sentences = (
        source_text.sentences().count(),
        target_text.as_ref().map(|t| t.sentences().count()),
    );
    let (mut project, aligned) = aligned_project(&source_text, target_text.as_ref(), names);
    // What the aligner found worth saying (a paragraph without counterpart, sides of very
    // different length) is shown by `tolk new` and the window like the import's warnings.
    warnings.extend(summarised(&aligned.warnings, ALIGNER_WARNINGS_SHOWN));
    project.meta.notes = notes.join("\n");
    project.meta.segmentation = segmentation.clone();
    progress(3);
    Ok(NewFromFiles {
        project,
        notes,
        warnings,
        sentences,
    })
}

/// How many of the aligner's warnings are shown one by one; a book with thousands of
/// paragraphs without counterpart would otherwise bury everything else in them.
const ALIGNER_WARNINGS_SHOWN: usize = 20;

/// The aligner's warnings, each prefixed "alignment: ", the first `shown` of them one by one
/// and the rest counted in one last line.
fn summarised(warnings: &[String], shown: usize) -> Vec<String> {
    let mut lines: Vec<String> = warnings
        .iter()
        .take(shown)
        .map(|w| format!("alignment: {w}"))
        .collect();
    if warnings.len() > shown {
        lines.push(format!(
            "alignment: … and {} more warnings of the same kinds ({} in all)",
            warnings.len() - shown,
            warnings.len()
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_of_aligner_warnings_is_cut_to_the_first_ones_and_a_count() {
        let many: Vec<String> = (1..=25).map(|i| format!("paragraph {i}")).collect();
        let lines = summarised(&many, 20);
        assert_eq!(lines.len(), 21);
        assert_eq!(lines[0], "alignment: paragraph 1");
        assert_eq!(lines[19], "alignment: paragraph 20");
        assert!(lines[20].contains("5 more") && lines[20].contains("25 in all"));
        assert_eq!(summarised(&many[..3], 20).len(), 3);
    }
}
