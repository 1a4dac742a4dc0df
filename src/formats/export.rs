//! Writing a project to a bilingual file: the one place that renders an export into memory and
//! writes it atomically, shared by `tolk export` and File > Export.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::error::ExportError;
use super::options::Options;
use super::output::{self, Destination, OutputError, WriteOptions};
use super::{csv, docx_changes, docx_table, html, moses, srx, tmx, tsv, xliff2, xliff12};
use crate::model::{Project, Status};

/// The bilingual formats Tolk writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Tmx,
    Xliff,
    Xliff12,
    Tsv,
    Csv,
    Moses,
    Html,
    Srx,
    /// A review table in Word's format: number, source, target, status, notes.
    Docx,
    /// The changes since a milestone ([`Options::since`]) as Word tracked changes.
    DocxChanges,
}

impl ExportFormat {
    /// The formats that need nothing but the options every export has. `DocxChanges` is not
    /// among them: it needs a milestone (the window offers it once the project has one).
    pub const ALL: [ExportFormat; 9] = [
        ExportFormat::Tmx,
        ExportFormat::Xliff,
        ExportFormat::Xliff12,
        ExportFormat::Tsv,
        ExportFormat::Csv,
        ExportFormat::Moses,
        ExportFormat::Html,
        ExportFormat::Srx,
        ExportFormat::Docx,
    ];

    /// A name for menus.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Tmx => "TMX 1.4b",
            ExportFormat::Xliff => "XLIFF 2.0",
            ExportFormat::Xliff12 => "XLIFF 1.2",
            ExportFormat::Tsv => "TSV (tab-separated)",
            ExportFormat::Csv => "CSV (Excel, LibreOffice)",
            ExportFormat::Moses => "Moses parallel text",
            ExportFormat::Html => "Side-by-side HTML",
            ExportFormat::Srx => "SRX segmentation rules (OmegaT)",
            ExportFormat::Docx => "DOCX review table (Word, LibreOffice)",
            ExportFormat::DocxChanges => "DOCX changes since a milestone (tracked changes)",
        }
    }

    /// The statuses exported when the user chooses none: for TMX only finished work
    /// (translated and reviewed), because a translation memory is used as good translations;
    /// every row for the other formats, which carry each row's status.
    pub fn default_statuses(self) -> Vec<Status> {
        match self {
            ExportFormat::Tmx => vec![Status::Translated, Status::Reviewed],
            _ => Status::ALL.to_vec(),
        }
    }

    /// The usual file name extension (Moses files are named after their languages).
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Tmx => "tmx",
            ExportFormat::Xliff | ExportFormat::Xliff12 => "xlf",
            ExportFormat::Tsv => "tsv",
            ExportFormat::Csv => "csv",
            ExportFormat::Moses => "txt",
            ExportFormat::Html => "html",
            ExportFormat::Srx => "srx",
            ExportFormat::Docx | ExportFormat::DocxChanges => "docx",
        }
    }
}

#[derive(Debug, Error)]
pub enum ExportFileError {
    /// The message includes the cause, and the cause is deliberately not its `source`: the
    /// CLI prints the chain of sources, which printed the cause twice.
    #[error("nothing was written: {0}")]
    Render(ExportError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(
        "Moses export writes two files ({0}.LANG); it cannot go to standard output or a device: give a file name"
    )]
    MosesNeedsFiles(PathBuf),
}

impl ExportFileError {
    /// The I/O error underneath, if any (to tell a broken pipe from other failures).
    pub fn io_cause(&self) -> Option<&std::io::Error> {
        match self {
            ExportFileError::Output(output) => output.io_cause(),
            _ => None,
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// The files written: one, or two for Moses.
    pub paths: Vec<PathBuf>,
    /// Where the regular files it replaced are kept (`NAME.bak`).
    pub backups: Vec<PathBuf>,
}

impl Exported {
    /// "the file it replaced is kept as X.bak", when it replaced any.
    pub fn describe_backups(&self) -> Option<String> {
        output::describe_kept(&self.backups)
    }
}

/// Renders the export in memory, then writes it (atomically to a regular file: a failed export
/// never leaves a partial file, and a file it replaces is kept as `NAME.bak`; directly to `-`,
/// a device or a FIFO). Writes one file, or two for Moses (`OUT.SOURCE_LANG` and
/// `OUT.TARGET_LANG`, or `OUT.source` and `OUT.target` when the two tags are equal or not safe
/// in a file name).
///
/// `input` is the project's own file: an export never replaces it, nor any other Tolk
/// project, nor a project another Tolk has open.
pub fn export_to(
    project: &Project,
    format: ExportFormat,
    options: &Options,
    output: &Path,
    input: Option<&Path>,
) -> Result<Exported, ExportFileError> {
    if format == ExportFormat::Moses {
        let (mut source, mut target) = (Vec::new(), Vec::new());
        moses::write(project, options, &mut source, &mut target)?;
        if !matches!(output::destination(output)?, Destination::File(_)) {
            return Err(ExportFileError::MosesNeedsFiles(output.to_path_buf()));
        }
        let meta = &project.meta;
        let usable = |tag: &str| crate::model::is_valid_language_tag(tag);
        let (source_ext, target_ext) = if meta.source_lang == meta.target_lang
            || !usable(&meta.source_lang)
            || !usable(&meta.target_lang)
        {
            ("source".to_string(), "target".to_string())
        } else {
            (meta.source_lang.clone(), meta.target_lang.clone())
        };
        let paths = vec![
            with_suffix(output, &source_ext),
            with_suffix(output, &target_ext),
        ];
        for path in &paths {
            output::refuse_replacing_a_project(path, input)?;
        }
        let backups = [write(&paths[0], &source)?, write(&paths[1], &target)?];
        let backups = backups.into_iter().flatten().collect();
        return Ok(Exported { paths, backups });
    }
    output::refuse_replacing_a_project(output, input)?;
    let mut bytes = Vec::new();
    match format {
        ExportFormat::Tmx => tmx::write(project, options, &mut bytes),
        ExportFormat::Xliff => xliff2::write(project, options, &mut bytes),
        ExportFormat::Xliff12 => xliff12::write(project, options, &mut bytes),
        ExportFormat::Tsv => tsv::write(project, options, &mut bytes),
        ExportFormat::Csv => csv::write(project, options, &mut bytes),
        ExportFormat::Html => html::write(project, options, &mut bytes),
        ExportFormat::Srx => srx::write(project, options, &mut bytes),
        ExportFormat::Docx => docx_table::write(project, options, &mut bytes),
        ExportFormat::DocxChanges => docx_changes::write(project, options, &mut bytes),
        ExportFormat::Moses => unreachable!("written above"),
    }?;
    let backups = write(output, &bytes)?.into_iter().collect();
    Ok(Exported {
        paths: vec![output.to_path_buf()],
        backups,
    })
}

impl From<ExportError> for ExportFileError {
    fn from(error: ExportError) -> ExportFileError {
        ExportFileError::Render(error)
    }
}

fn with_suffix(output: &Path, suffix: &str) -> PathBuf {
    let mut name = output.as_os_str().to_os_string();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes an export: a new file gets the permissions any new file gets (the umask's), an
/// existing one keeps its own and is kept as `NAME.bak`, whose path is returned.
fn write(path: &Path, bytes: &[u8]) -> Result<Option<PathBuf>, ExportFileError> {
    let replaced = output::backup_to_keep(path);
    output::write_output(path, bytes, WriteOptions::keeping_backup())?;
    Ok(replaced)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ImportedRow;

    fn project(source_lang: &str, target_lang: &str) -> Project {
        let mut project = Project::new("t", source_lang, target_lang);
        project.append_imported([ImportedRow {
            source: "En mening.".into(),
            target: "A sentence.".into(),
            ..Default::default()
        }]);
        project
    }

    fn names(paths: &[PathBuf]) -> Vec<String> {
        paths
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn moses_files_are_named_by_language_or_source_and_target_never_outside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("corpus");
        let export = |project: &Project| {
            export_to(
                project,
                ExportFormat::Moses,
                &Options::default(),
                &out,
                None,
            )
            .unwrap()
        };
        let first = export(&project("sv", "en"));
        assert_eq!(names(&first.paths), ["corpus.sv", "corpus.en"]);
        assert_eq!(first.backups, Vec::<PathBuf>::new());
        // Equal tags would write one file twice; tags that are no tags (a project made in
        // memory is not checked as a loaded one is) could name a path elsewhere.
        for (k, (source, target)) in [("sv", "sv"), ("/../../ESCAPED", "en"), ("sv", "en\u{7}")]
            .into_iter()
            .enumerate()
        {
            let written = export(&project(source, target));
            assert_eq!(names(&written.paths), ["corpus.source", "corpus.target"]);
            assert!(written.paths.iter().all(|p| p.parent() == Some(dir.path())));
            // From the second on, each replaces the files the one before wrote.
            let kept = if k == 0 {
                vec![]
            } else {
                vec!["corpus.source.bak", "corpus.target.bak"]
            };
            assert_eq!(names(&written.backups), kept);
        }
        assert_eq!(
            std::fs::read_to_string(dir.path().join("corpus.target")).unwrap(),
            "A sentence.\n"
        );
    }
}
