//! Writing a project to a bilingual file: the one place that renders an export into memory and
//! writes it atomically, shared by `tolk export` and File > Export.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::error::ExportError;
use super::options::Options;
use super::project::write_atomically;
use super::{csv, html, moses, srx, tmx, tsv, xliff2, xliff12};
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
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 8] = [
        ExportFormat::Tmx,
        ExportFormat::Xliff,
        ExportFormat::Xliff12,
        ExportFormat::Tsv,
        ExportFormat::Csv,
        ExportFormat::Moses,
        ExportFormat::Html,
        ExportFormat::Srx,
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
        }
    }
}

#[derive(Debug, Error)]
pub enum ExportFileError {
    /// The message includes the cause, and the cause is deliberately not its `source`: the
    /// CLI prints the chain of sources, which printed the cause twice.
    #[error("nothing was written: {0}")]
    Render(ExportError),
    #[error("cannot write {path}: {cause}")]
    Write {
        path: PathBuf,
        cause: std::io::Error,
    },
}

/// Renders the export in memory, then writes it atomically (a failed export never leaves a
/// partial file). Returns the files written: one, or two for Moses (`OUT.SOURCE_LANG` and
/// `OUT.TARGET_LANG`, or `OUT.source` and `OUT.target` when the two tags are equal).
pub fn export_to(
    project: &Project,
    format: ExportFormat,
    options: &Options,
    output: &Path,
) -> Result<Vec<PathBuf>, ExportFileError> {
    if format == ExportFormat::Moses {
        let (mut source, mut target) = (Vec::new(), Vec::new());
        moses::write(project, options, &mut source, &mut target)?;
        let meta = &project.meta;
        let (source_ext, target_ext) = if meta.source_lang == meta.target_lang {
            ("source".to_string(), "target".to_string())
        } else {
            (meta.source_lang.clone(), meta.target_lang.clone())
        };
        let paths = vec![
            with_suffix(output, &source_ext),
            with_suffix(output, &target_ext),
        ];
        write_shared(&paths[0], &source)?;
        write_shared(&paths[1], &target)?;
        return Ok(paths);
    }
    let mut bytes = Vec::new();
    match format {
        ExportFormat::Tmx => tmx::write(project, options, &mut bytes),
        ExportFormat::Xliff => xliff2::write(project, options, &mut bytes),
        ExportFormat::Xliff12 => xliff12::write(project, options, &mut bytes),
        ExportFormat::Tsv => tsv::write(project, options, &mut bytes),
        ExportFormat::Csv => csv::write(project, options, &mut bytes),
        ExportFormat::Html => html::write(project, options, &mut bytes),
        ExportFormat::Srx => srx::write(project, options, &mut bytes),
        ExportFormat::Moses => unreachable!("written above"),
    }?;
    write_shared(output, &bytes)?;
    Ok(vec![output.to_path_buf()])
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

/// Writes atomically. The temporary file it comes from is private (0600); an export is meant
/// to be shared, so it is made readable like any file the user writes.
fn write_shared(path: &Path, bytes: &[u8]) -> Result<(), ExportFileError> {
    write_atomically(path, bytes, false).map_err(|cause| ExportFileError::Write {
        path: path.to_path_buf(),
        cause,
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644));
    }
    Ok(())
}
