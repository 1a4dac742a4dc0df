//! How a project's texts are cut into sentences: the built-in rules of its two languages, plus
//! what the translator added (abbreviations of the text, lenient mode for web text), kept in
//! the project file (field `meta.segmentation`) so that import, realignment, the edits that
//! move sentences, exports and the SRX rules all cut the same way. The settings change through
//! `Edit::SetSegmentation`, undoable and saved like any other change.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::project::Project;
use super::row::{Extra, Side};
use crate::text::{LimitedRead, RulesError, Segmenter, read_at_most};

/// A project's own segmentation rules. All fields default to empty, so projects written before
/// they existed load unchanged and a project that uses none writes no `segmentation` field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SegmentationSettings {
    /// Accept sentences that start in lower case (web text, subtitles; see [`Segmenter`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lenient: bool,
    /// Rules added to the source language's built-in ones, in the format of the files in
    /// `assets/segment/` (abbreviations, `[before-number]`, `[may-end]`, `[starters]`,
    /// `[after-ordinal]`).
    /// The text itself, not a path: the project cuts the same wherever it is opened.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source_rules: String,
    /// Rules added to the target language's.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub target_rules: String,
    /// Fields this Tolk does not know: kept and written back unchanged.
    #[serde(flatten, default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// Rules of a project that do not parse (a file edited by hand, or an edit refused for it).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{side}_rules: {error}", side = side.name())]
pub struct SegmentationRulesError {
    pub side: Side,
    pub error: RulesError,
}

/// Why a rules file could not be taken into a project.
#[derive(Debug, thiserror::Error)]
pub enum RulesFileError {
    #[error("cannot read the rules file {path}: {cause}")]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("in the rules file {path}: {error}")]
    Rules { path: PathBuf, error: RulesError },
    #[error(
        "the rules file {path} has {bytes} bytes: a rules file is a list of abbreviations, at \
         most {RULES_FILE_LIMIT} bytes (was another file chosen?)"
    )]
    TooLarge { path: PathBuf, bytes: u64 },
}

/// Largest rules file read (1 MiB: tens of thousands of abbreviations). A larger file is a
/// wrong choice (a text, a dictionary), refused before it is read whole.
pub const RULES_FILE_LIMIT: u64 = 1 << 20;

/// The text of a segmentation rules file, unchecked (the window shows it to be mended): UTF-8,
/// at most [`RULES_FILE_LIMIT`] bytes.
pub fn read_rules_text(path: &Path) -> Result<String, RulesFileError> {
    let read = |cause| RulesFileError::Read {
        path: path.to_path_buf(),
        cause,
    };
    let bytes = read_at_most(path, RULES_FILE_LIMIT).map_err(|error| match error {
        LimitedRead::Io(cause) => read(cause),
        LimitedRead::TooLarge(bytes) => RulesFileError::TooLarge {
            path: path.to_path_buf(),
            bytes,
        },
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let problem = format!("it is not UTF-8 text ({})", e.utf8_error());
        read(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            problem,
        ))
    })
}

/// The text of a segmentation rules file, checked: a line that is no rule is refused, naming
/// the file and the line (what `tolk new --source-rules` and File > New read).
pub fn read_rules_file(path: &Path) -> Result<String, RulesFileError> {
    let text = read_rules_text(path)?;
    Segmenter::default()
        .with_rules(&text)
        .map_err(|error| RulesFileError::Rules {
            path: path.to_path_buf(),
            error,
        })?;
    Ok(text)
}

impl SegmentationSettings {
    pub fn is_default(&self) -> bool {
        *self == SegmentationSettings::default()
    }

    /// The rules added to one side.
    pub fn rules(&self, side: Side) -> &str {
        match side {
            Side::Source => &self.source_rules,
            Side::Target => &self.target_rules,
        }
    }

    /// The segmenter of one side in a language: the built-in rules of `lang` with these added.
    pub fn segmenter(
        &self,
        side: Side,
        lang: &str,
    ) -> Result<Cow<'static, Segmenter>, SegmentationRulesError> {
        let built_in = Segmenter::built_in(lang, self.lenient);
        let rules = self.rules(side);
        if rules.trim().is_empty() {
            return Ok(Cow::Borrowed(built_in));
        }
        built_in
            .clone()
            .with_rules(rules)
            .map(Cow::Owned)
            .map_err(|error| SegmentationRulesError { side, error })
    }

    /// Whether both sides' rules parse.
    pub fn check(&self) -> Result<(), SegmentationRulesError> {
        for side in [Side::Source, Side::Target] {
            self.segmenter(side, "")?;
        }
        Ok(())
    }
}

impl Project {
    /// The segmenter of one side of the project: its language's built-in rules with the
    /// project's own added ([`SegmentationSettings`]). Rules that do not parse are refused
    /// when a project is loaded or the settings are set, so they cannot reach here; should a
    /// project built in code carry them, the built-in rules are used.
    pub fn segmenter(&self, side: Side) -> Cow<'static, Segmenter> {
        let lang = match side {
            Side::Source => &self.meta.source_lang,
            Side::Target => &self.meta.target_lang,
        };
        self.meta
            .segmentation
            .segmenter(side, lang)
            .unwrap_or_else(|_| {
                Cow::Borrowed(Segmenter::built_in(lang, self.meta.segmentation.lenient))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_cuts_with_its_own_rules_and_mode() {
        let mut project = Project::new("t", "sv", "en");
        let text = "Se Lenin anf. Arbete, sid. 3. Sedan kom det. vad gör du? jag läser.";
        assert_eq!(
            project.segmenter(Side::Source).split(text),
            [
                "Se Lenin anf.",
                "Arbete, sid. 3.",
                "Sedan kom det. vad gör du? jag läser."
            ]
        );
        project.meta.segmentation = SegmentationSettings {
            lenient: true,
            source_rules: "anf.\n".to_string(),
            ..SegmentationSettings::default()
        };
        assert_eq!(
            project.segmenter(Side::Source).split(text),
            [
                "Se Lenin anf. Arbete, sid. 3.",
                "Sedan kom det.",
                "vad gör du?",
                "jag läser."
            ]
        );
        // The target keeps the built-in English rules (in lenient mode).
        assert!(project.segmenter(Side::Target).is_lenient());
        assert_eq!(
            project.segmenter(Side::Target).split("See anf. Then."),
            ["See anf.", "Then."]
        );
    }

    #[test]
    fn the_settings_change_by_an_undoable_edit_and_bad_rules_are_refused() {
        let mut project = Project::new("t", "sv", "en");
        let settings = SegmentationSettings {
            source_rules: "anf.\n".to_string(),
            ..SegmentationSettings::default()
        };
        let edit = crate::model::Edit::SetSegmentation(Box::new(settings.clone()));
        assert!(!edit.changes_nothing(&project));
        let undo = project.apply(edit).unwrap();
        assert_eq!(project.meta.segmentation, settings);
        project.apply(undo).unwrap();
        assert!(project.meta.segmentation.is_default());
        let bad = SegmentationSettings {
            source_rules: "anf\n".to_string(),
            ..SegmentationSettings::default()
        };
        let refused = project.apply(crate::model::Edit::SetSegmentation(Box::new(bad)));
        assert!(
            matches!(
                refused,
                Err(crate::model::EditError::BadSegmentationRules(_))
            ),
            "{refused:?}"
        );
        assert!(project.meta.segmentation.is_default());
    }

    #[test]
    fn rules_that_do_not_parse_are_named_with_their_side_and_line() {
        let settings = SegmentationSettings {
            target_rules: "ok.\n\nnot an abbreviation\n".to_string(),
            ..SegmentationSettings::default()
        };
        let error = settings.check().unwrap_err();
        assert_eq!((error.side, error.error.line), (Side::Target, 3));
        assert!(
            error
                .to_string()
                .starts_with("target_rules: line 3 of the segmentation rules"),
            "{error}"
        );
        assert!(SegmentationSettings::default().check().is_ok());
    }
}
