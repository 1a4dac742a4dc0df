//! A new project from a source file and an optional translation (plain text or a document):
//! what `tolk new` and the window's File > New both build, so the rules are the same for both.

use std::path::Path;

use crate::align::{NewProject, aligned_project};
use crate::model::Project;
use crate::text::{ImportError, ImportedText, Segmenter, import_file_with_report};

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
    let mut notes = Vec::new();
    let mut warnings = Vec::new();
    let mut read = |path: &Path, side: &str, lang: &str| -> Result<ImportedText, ImportError> {
        let (text, report) = import_file_with_report(path, Segmenter::for_language(lang))?;
        notes.extend(report.map(|r| r.note(side, path)));
        warnings.extend(
            text.warnings
                .iter()
                .map(|w| format!("{}: {w}", path.display())),
        );
        Ok(text)
    };
    let source_text = read(source, "source", names.source_lang)?;
    progress(1);
    let target_text = match target {
        Some(path) => Some(read(path, "target", names.target_lang)?),
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
    warnings.extend(aligned.warnings.iter().map(|w| format!("alignment: {w}")));
    project.meta.notes = notes.join("\n");
    progress(3);
    Ok(NewFromFiles {
        project,
        notes,
        warnings,
        sentences,
    })
}
