//! File formats: the project file (load, save, version checks) and the bilingual exports and
//! imports (TMX, XLIFF 2.0 and 1.2, TSV, CSV, Moses parallel text, side-by-side HTML, DOCX
//! review tables and tracked changes, SRX rules).

mod bilingual;
mod content_hash;
pub mod csv;
mod docx;
pub mod docx_changes;
pub mod docx_table;
mod error;
mod export;
mod glossary;
pub mod html;
mod import;
mod lang_match;
mod merge;
pub mod moses;
mod notes;
mod options;
pub mod output;
mod project;
pub mod srx;
pub mod tbx;
pub mod tmx;
pub mod tsv;
mod units;
pub mod xliff12;
pub mod xliff2;
mod xml_read;
mod xml_write;

pub use bilingual::{Bilingual, BilingualUnit, ReadOptions};
pub use content_hash::ContentHash;
pub use error::{ExportError, ImportCause, ImportFileError, ReadError};
pub use export::{ExportFileError, ExportFormat, Exported, export_to};
pub use glossary::{
    Glossary, GlossaryError, GlossaryReadError, MAX_GLOSSARY_BYTES, Term, TermEntry, load_glossary,
    read_glossary,
};
pub use import::{
    ImportFormat, MAX_BILINGUAL_BYTES, detect as detect_format,
    import_file as import_bilingual_file, import_file_with as import_bilingual_file_with,
    read as read_bilingual, read_with as read_bilingual_with,
};
pub use merge::{MergeReport, merge_into};
pub use options::{InvalidChars, Options, Units};
pub use output::{OutputError, backup_path};
pub use project::{
    Loaded, MAX_PROJECT_BYTES, ProjectFileError, from_slice as project_from_slice,
    load as load_project, to_json as project_to_json,
};
// Saving is `Document`'s job: the one gate that takes the lock and checks the file on disk.
pub(crate) use project::{
    save_checked as save_project_checked, save_hashed as save_project_hashed,
};
pub use units::{LeftOut, Selection, Unit, rows_between, select, units};
