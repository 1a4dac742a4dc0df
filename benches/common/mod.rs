//! What several benches build alike: a book made of the sample article's rows over and over.
#![allow(dead_code)]

use std::path::PathBuf;

use tolk::{ImportedRow, Project};

/// A file of the sample project's folder (`projects/`).
pub fn sample_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("projects")
        .join(name)
}

/// A project of `rows` rows (sv -> `target_lang`): the sample article's rows over and over,
/// each copy numbered, so that the texts differ as a book's do.
pub fn sample_book(rows: usize, target_lang: &str) -> Project {
    let sample = tolk::load_project(&sample_file("kamenev-proletariatets-diktatur.json"))
        .expect("the sample project loads")
        .project;
    let mut project = Project::new("bench", "sv", target_lang);
    project.append_imported((0..rows).map(|i| {
        let row = &sample.rows[i % sample.rows.len()];
        let copy = i / sample.rows.len();
        ImportedRow {
            source: format!("{} ({copy})", row.source),
            target: format!("{} ({copy})", row.target),
            starts_paragraph: row.starts_paragraph,
            score: row.score,
        }
    }));
    project
}
