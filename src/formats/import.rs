//! Import of any bilingual file Tolk reads: the format is recognised from the content (the XML
//! root element and XLIFF version, else TSV), not from the file name.

use std::path::Path;

use super::bilingual::{Bilingual, ReadOptions};
use super::error::{ImportCause, ImportFileError, ReadError, decode_xml};
use super::xml_read::XmlIn;
use super::{csv, tmx, tsv, xliff2, xliff12};
use crate::model::Project;

/// The bilingual formats Tolk imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    Tmx,
    Xliff2,
    Xliff12,
    Tsv,
    Csv,
}

/// Which format the bytes are in.
pub fn detect(bytes: &[u8]) -> Result<ImportFormat, ReadError> {
    let text = decode_xml(bytes)?;
    if !text.trim_start().starts_with('<') {
        let first_line = text.lines().next().unwrap_or("");
        if first_line.contains('\t') {
            return Ok(ImportFormat::Tsv);
        }
        if first_line.contains([',', ';']) {
            return Ok(ImportFormat::Csv);
        }
        return Err(ReadError::UnknownFormat(
            "it is not XML and its first line has no tab, comma or semicolon".into(),
        ));
    }
    let mut xml = XmlIn::new(&text);
    match xml.root()? {
        Some(root) if root.local_name() == "tmx" => Ok(ImportFormat::Tmx),
        Some(root) if root.local_name() == "xliff" => {
            let version = xml.attribute(&root, "version")?.unwrap_or_default();
            match version.split('.').next() {
                Some("2") => Ok(ImportFormat::Xliff2),
                Some("1") => Ok(ImportFormat::Xliff12),
                _ => Err(ReadError::UnknownFormat(format!(
                    "XLIFF version {version:?}"
                ))),
            }
        }
        Some(root) => Err(ReadError::UnknownFormat(format!(
            "its root element is <{}>",
            root.name()
        ))),
        None => Err(ReadError::UnknownFormat("it has no root element".into())),
    }
}

/// Reads a bilingual file in whichever format it is.
pub fn read(bytes: &[u8]) -> Result<Bilingual, ReadError> {
    read_with(bytes, &ReadOptions::default())
}

/// Reads a bilingual file in whichever format it is, with the user's choice of languages: the
/// `tuv`s read from a TMX, the `file`s read from an XLIFF 1.2, the labels of a TSV without a
/// header. XLIFF 2.0 names its two languages once; a choice that differs is refused.
pub fn read_with(bytes: &[u8], choice: &ReadOptions) -> Result<Bilingual, ReadError> {
    let mut read = match detect(bytes)? {
        ImportFormat::Tmx => return tmx::read_with(bytes, choice),
        ImportFormat::Xliff12 => return xliff12::read_with(bytes, choice),
        ImportFormat::Xliff2 => xliff2::read(bytes)?,
        ImportFormat::Tsv => tsv::read(bytes)?,
        ImportFormat::Csv => csv::read(bytes)?,
    };
    let pair = format!("{} -> {}", read.source_lang, read.target_lang);
    for (given, lang) in [
        (&choice.source_lang, &mut read.source_lang),
        (&choice.target_lang, &mut read.target_lang),
    ] {
        let Some(given) = given else { continue };
        if lang.is_empty() || lang == "und" {
            lang.clone_from(given);
        } else if !super::lang_match::matches(lang, given) {
            return Err(ReadError::Invalid {
                line: 1,
                column: 1,
                message: format!("the file's languages are {pair}; it has no {given:?} side"),
            });
        }
    }
    Ok(read)
}

/// The largest TMX, XLIFF or TSV file Tolk imports: 1 GiB, twice the largest plain text (markup
/// and two languages), refused before reading so memory stays small; parsing one this size
/// needs a few times its size in memory.
pub const MAX_BILINGUAL_BYTES: u64 = 1 << 30;

/// Reads a bilingual file into a new project titled after the file, its revisions by `author`.
pub fn import_file(path: &Path, author: &str) -> Result<Project, ImportFileError> {
    import_file_with(path, author, &ReadOptions::default()).map(|(project, _)| project)
}

/// [`import_file`] with a choice of languages; also returns the reader's warnings (what it left
/// out or repaired, with counts) for the user to see.
pub fn import_file_with(
    path: &Path,
    author: &str,
    choice: &ReadOptions,
) -> Result<(Project, Vec<String>), ImportFileError> {
    let failed = |cause| ImportFileError {
        path: path.to_path_buf(),
        cause,
    };
    let size = std::fs::metadata(path).map_err(|e| failed(e.into()))?.len();
    if size > MAX_BILINGUAL_BYTES {
        return Err(failed(ImportCause::TooLarge { size }));
    }
    let bytes = std::fs::read(path).map_err(|e| failed(e.into()))?;
    let mut bilingual = read_with(&bytes, choice).map_err(|e| failed(e.into()))?;
    let warnings = std::mem::take(&mut bilingual.warnings);
    let title = path.file_stem().map_or_else(
        || "Imported".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let mut project = bilingual.into_project(&title, author);
    // Languages that are not tags (`/../x`) are refused here, before any project exists; an
    // unnamed one becomes `und` (the caller may name it: `--source-lang`).
    project.check_and_repair().map_err(|e| failed(e.into()))?;
    Ok((project, warnings))
}
