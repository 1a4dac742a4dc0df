//! Scores the aligner on the shared development sets (../shared/align-dev, not part of the
//! repository because of their licences) and checks the strict F1 floors reached so far.
//! Skipped, with a message, when the sets are not there, except where `TOLK_REQUIRE_ALIGN_DEV`
//! is set (CI), where that is a failure.

use std::path::Path;

use tolk::{AlignOptions, Counts, align, count, parse_beads, to_index_beads};

mod stress;
mod support;

use stress::dev::{documents, gold_files, read_lines, windows};

/// Sums the counts over all NAME.gold documents of a set.
fn score_set(dir: &Path) -> Counts {
    let mut total = Counts::default();
    for gold in gold_files(dir) {
        let s = read_lines(&gold.with_extension("src"));
        let t = read_lines(&gold.with_extension("tgt"));
        let g = parse_beads(&std::fs::read_to_string(&gold).unwrap()).unwrap();
        let a = align(&s, &t, &AlignOptions::default(), &[]).unwrap();
        total += count(&g, &to_index_beads(&a.beads));
    }
    total
}

fn check(set: &str, floor: f64) {
    let Some(dir) = support::dev_set(set) else {
        return;
    };
    let s = score_set(&dir).scores();
    eprintln!(
        "{set}: strict F1 {:.4}, lax F1 {:.4}",
        s.strict.f1, s.lax.f1
    );
    assert!(
        s.strict.f1 >= floor,
        "{set}: strict F1 {} below {floor}",
        s.strict.f1
    );
}

#[test]
fn lines_sv_en_strict_f1_floor() {
    check("lines_dev_sv_en", 0.96);
}

#[test]
fn textberg_de_fr_strict_f1_floor() {
    check("textberg_dev", 0.885);
}

#[test]
fn stress_sets_from_the_sv_en_dev_documents() {
    // Deleted, duplicated and moved blocks, headings, OCR garbage, page numbers, captions
    // listed apart and text heavy in 2-1 / 1-2 beads, made from real Swedish-English text:
    // each set keeps a strict F1 floor, no document falls below 0.5, and no run of wrong
    // beads, however short, carries a mean confidence above 0.9.
    let Some(docs) = windows("lines_dev_sv_en") else {
        return;
    };
    let sets = stress::run_sets("sv-en", &docs);
    // Floors a little under what the aligner reaches (README, "Alignment"); runs of three or
    // more wrong beads at most 0.9 (0.82 now); single beads and pairs above 0.9 counted.
    stress::check_sets(
        &sets,
        |set| match set {
            "base" | "headings" | "page-numbers" => 0.95,
            "deleted-target" | "deleted-source" => 0.95,
            "garbage" | "captions" => 0.92,
            "duplicated" | "moved" => 0.89,
            _ => 0.86,
        },
        0.5,
        true,
    );
    confident_runs_at_most(&sets, 2);
}

/// Asserts that the sets together have at most `most` runs of wrong beads (of one or two
/// beads: longer ones are held to the bound itself) with a mean confidence above
/// [`stress::MAX_WRONG_CONFIDENCE`].
fn confident_runs_at_most(sets: &[stress::SetResult], most: usize) {
    let n: usize = sets.iter().map(stress::SetResult::confident_runs).sum();
    assert!(
        n <= most,
        "{n} wrong runs above {} (at most {most})",
        stress::MAX_WRONG_CONFIDENCE
    );
}

#[test]
fn stress_sets_from_the_de_fr_dev_document() {
    // OCR'd Text+Berg text: lower floors. Runs of three or more wrong beads at most 0.9
    // (0.86 now; 0.99 before the second pass searched wide around gap runs); single beads
    // and pairs above 0.9 counted (the same few places in several sets, see the README):
    // 22 before 2-2, 2-3 and 3-2 beads were held under 0.9, 5 since, 3 since 1-3, 3-1, 1-4
    // and 4-1 beads are held at 0.9, 5 since one-to-many beads are credited with more than
    // their best pair's words (`cost::bead_credit`: wrong beads in these sets 391 -> 338, but
    // in deleted-source window 300 two French sentences of a gold 1-5 bead, which no bead
    // kind can hold, are left without counterpart at 0.94 beside its 1-3 part).
    let Some(docs) = windows("textberg_dev") else {
        return;
    };
    let sets = stress::run_sets("de-fr", &docs);
    stress::check_sets(&sets, |_| 0.68, 0.5, true);
    confident_runs_at_most(&sets, 5);
}

#[test]
fn dev_documents_with_captions_listed_apart_stay_aligned() {
    // Six caption pairs at the top of the source and the bottom of the target: before
    // anchors were checked, LinES doc4 and doc9 came out at strict F1 0.00 with a mean
    // confidence of 0.98. No document may fall below 0.5, and wrong runs must show it.
    let Some(dir) = support::dev_set("lines_dev_sv_en") else {
        return;
    };
    for (name, doc) in documents(&dir) {
        let base: stress::Doc = doc.into_iter().take(100).collect();
        stress::check(
            &format!("{name} captions"),
            &stress::captions(&base, None),
            0.5,
        );
        stress::check(
            &format!("{name} captions +12"),
            &stress::captions(&base, Some(12)),
            0.5,
        );
    }
}

/// A book of seven copies of a dev set's documents whose paragraph marks fall every five
/// sentences on each side, independently: paragraphs that disagree, as PDF extraction and
/// merged rows leave them. Both sides have thousands of paragraphs, so the paragraph
/// alignment is too large to be checked whole, and a wrong "sure" paragraph pair once cut
/// the sentence search at a place where the texts do not meet: the sentences on either side
/// of the cut were all left without counterpart, with confidence up to 1.000.
/// A paragraph mark one side lacks cost 3.0 whatever the text until its weight was learnt
/// from the first pass: LinES 0.956 -> 0.958, Text+Berg 0.819 -> 0.854, runs of wrong beads
/// above 0.9 from 13 and 9 to 3 and 0; with the judge pricing marks at that rate too, LinES
/// 0.960.
fn book_with_disagreeing_paragraphs(set: &str, floor: f64, most_confident_runs: usize) {
    let Some(docs) = stress::dev::set_documents(set) else {
        return;
    };
    let book: stress::Doc = (0..7)
        .flat_map(|_| docs.iter().flat_map(|(_, d)| d.iter().cloned()))
        .collect();
    let (mut s, mut t, _) = stress::flatten(&book);
    for side in [&mut s, &mut t] {
        for (i, sentence) in side.iter_mut().enumerate() {
            sentence.starts_paragraph = i % 5 == 0;
        }
    }
    let r = stress::run_marked(set, "book", &book, s, t);
    eprintln!(
        "{set} book, paragraphs every 5 sentences: strict F1 {:.3}, {} wrong beads, {} runs \
         of wrong beads above {}, the most confident {:?}, of more than {} beads {:?}",
        r.f1,
        r.wrong.0,
        r.confident_runs,
        stress::MAX_WRONG_CONFIDENCE,
        r.worst_run,
        stress::SHORT_RUN,
        r.long_run
    );
    assert!(r.f1 >= floor, "{set}: strict F1 {} below {floor}", r.f1);
    assert!(
        r.confident_runs <= most_confident_runs,
        "{set}: {} runs of wrong beads above {}",
        r.confident_runs,
        stress::MAX_WRONG_CONFIDENCE
    );
}

#[test]
fn a_book_with_paragraphs_that_disagree_lines() {
    book_with_disagreeing_paragraphs("lines_dev_sv_en", 0.959, 3);
}

#[test]
fn a_book_with_paragraphs_that_disagree_textberg() {
    book_with_disagreeing_paragraphs("textberg_dev", 0.85, 1);
}
