//! The shared development sets (../shared/align-dev, not in the repository because of their
//! licences) as stress documents: whole, and cut into windows for the transformations.

use std::path::{Path, PathBuf};

use tolk::{Sentence, parse_beads};

use super::Doc;

pub use crate::support::dev_dir;

/// One sentence a line; an empty line ends a paragraph (as `tolk eval-align` reads them).
pub fn read_lines(path: &Path) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut starts = false;
    for line in std::fs::read_to_string(path).unwrap().lines() {
        if line.trim().is_empty() {
            starts = true;
            continue;
        }
        let mut sentence = Sentence::new(line);
        sentence.starts_paragraph = std::mem::take(&mut starts);
        out.push(sentence);
    }
    out
}

/// Every NAME.gold of a set's folder, sorted.
pub fn gold_files(dir: &Path) -> Vec<PathBuf> {
    let mut golds: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "gold"))
        .collect();
    golds.sort();
    golds
}

/// The documents of a set as gold beads of texts, for the stress transformations.
pub fn documents(dir: &Path) -> Vec<(String, Doc)> {
    gold_files(dir)
        .iter()
        .map(|gold| {
            let s = read_lines(&gold.with_extension("src"));
            let t = read_lines(&gold.with_extension("tgt"));
            let g = parse_beads(&std::fs::read_to_string(gold).unwrap()).unwrap();
            let doc = g
                .iter()
                .map(|(a, b)| {
                    (
                        a.iter().map(|&i| s[i].text.clone()).collect(),
                        b.iter().map(|&j| t[j].text.clone()).collect(),
                    )
                })
                .collect();
            (
                gold.file_stem().unwrap().to_string_lossy().into_owned(),
                doc,
            )
        })
        .collect()
}

/// The documents of `set`, or None (after `skip_unless_required`) when the sets are missing.
pub fn set_documents(set: &str) -> Option<Vec<(String, Doc)>> {
    documents_in(&dev_dir().join(set), "TOLK_REQUIRE_ALIGN_DEV")
}

/// The documents of the set in `dir`, or None (after `skip_unless_required` with `require`)
/// when it is missing.
pub fn documents_in(dir: &Path, require: &str) -> Option<Vec<(String, Doc)>> {
    if !dir.exists() {
        crate::support::skip_unless_required(require, &format!("{} not found", dir.display()));
        return None;
    }
    Some(documents(dir))
}

/// The dev documents cut into windows of at most 100 gold beads: the first of each LinES
/// document, four of the Text+Berg one (0, 100, 200, 300). None when the sets are missing.
pub fn windows(set: &str) -> Option<Vec<(String, Doc)>> {
    let mut out = Vec::new();
    for (name, doc) in set_documents(set)? {
        let starts: Vec<usize> = if doc.len() > 300 {
            vec![0, 100, 200, 300]
        } else {
            vec![0]
        };
        for at in starts {
            let w: Doc = doc.iter().skip(at).take(100).cloned().collect();
            out.push((format!("{name}-w{at}"), w));
        }
    }
    Some(out)
}
