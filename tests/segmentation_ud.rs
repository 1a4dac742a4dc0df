//! Boundary precision, recall and F1 of the segmenter on the `# text` lines of UD treebanks.
//!
//! The LinES treebank's Swedish and English sentences are in the aligner's dev sets
//! (../shared/align-dev, where CI has them: a failure there when `TOLK_REQUIRE_ALIGN_DEV` is
//! set); the floors below are what the rules reach on them, so a change that loses boundaries
//! fails. Other treebanks (English EWT and GUM, Swedish Talbanken) cannot be fetched by CI:
//! `TOLK_UD_DIR=DIR cargo test --test segmentation_ud -- --ignored` scores every `.conllu`
//! file in DIR whose name starts with `sv_` or `en_` and prints the figures.

mod support;

use std::path::{Path, PathBuf};

use tolk::{BoundaryScore, Segmenter, read_conllu, read_lines, score_boundaries};

/// Scores the segmenter of `lang` on every file of `dir` with the extension `ext`.
fn score_files(dir: &Path, ext: &str, lang: &str, lenient: bool) -> BoundaryScore {
    let files = support::files_with_extension(dir, ext);
    let segmenter = Segmenter::built_in(lang, lenient);
    let mut total = BoundaryScore::default();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let gold = if ext == "conllu" {
            read_conllu(&text)
        } else {
            read_lines(&text)
        };
        total.add(score_boundaries(segmenter, &gold));
    }
    total
}

#[test]
fn lines_treebank_boundaries_stay_above_their_floors() {
    let Some(dir) = support::dev_set("lines_dev_sv_en") else {
        return;
    };
    // (extension, language, floor of punctuated-boundary F1). LinES leaves out quotation
    // marks, so a few of its sentences start in lower case after a full stop ("…, she said.
    // not quite") and three split "Mr.|Kurtz"; those are the misses that remain. "U.N.|Give"
    // is found since imperatives are listed as sentence starters (0.9946 before).
    for (ext, lang, floor) in [("src", "sv", 0.997), ("tgt", "en", 0.995)] {
        let s = score_files(&dir, ext, lang, false);
        let prf = s.punctuated();
        eprintln!(
            "{lang}: {} boundaries ({} punctuated): P {:.4} R {:.4} F1 {:.4}",
            s.gold, s.gold_punctuated, prf.precision, prf.recall, prf.f1
        );
        assert!(s.gold_punctuated > 1000);
        assert!(prf.f1 >= floor, "{lang}: {prf:?} {:#?}", s.errors);
    }
}

#[test]
#[ignore = "needs UD treebanks in $TOLK_UD_DIR (not fetchable by CI)"]
fn ud_treebanks_in_a_folder() {
    let Some(dir) = std::env::var_os("TOLK_UD_DIR") else {
        panic!("set TOLK_UD_DIR to a folder of .conllu files (sv_*.conllu, en_*.conllu)");
    };
    let dir = PathBuf::from(dir);
    for lang in ["sv", "en"] {
        for lenient in [false, true] {
            let mut total = BoundaryScore::default();
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if name.starts_with(&format!("{lang}_")) && name.ends_with(".conllu") {
                    let gold = read_conllu(&std::fs::read_to_string(&path).unwrap());
                    total.add(score_boundaries(Segmenter::built_in(lang, lenient), &gold));
                }
            }
            let p = total.punctuated();
            eprintln!(
                "{lang} lenient={lenient}: {} sentences; punctuated P {:.4} R {:.4} F1 {:.4}",
                total.sentences, p.precision, p.recall, p.f1
            );
        }
    }
}
