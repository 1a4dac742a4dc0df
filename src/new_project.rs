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
    let mut warnings: Vec<String> = [Some(names.source_lang), target.map(|_| names.target_lang)]
        .into_iter()
        .flatten()
        .filter_map(Segmenter::generic_rules_note)
        .collect();
    warnings.dedup();
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
    warnings.extend(summarised(&aligned.warnings, ALIGNER_WARNINGS_SHOWN));
    project.meta.notes = notes.join("\n");
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
