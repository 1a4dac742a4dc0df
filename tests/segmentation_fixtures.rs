//! The importer and segmenter against hand-made fixtures: the seed text (a PDF extraction of
//! Kamenev's 1920 article) and a second Swedish text written to exercise every abbreviation rule.

use std::path::Path;

use tolk::{Segmenter, decode, paragraphs};

fn data(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The expected sentences file: one sentence a line, a blank line between paragraphs.
fn expected_paragraph_sentences(name: &str) -> Vec<Vec<String>> {
    data(name)
        .split("\n\n")
        .map(|block| block.lines().map(str::to_string).collect::<Vec<_>>())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Precision and recall of sentence boundaries, as (start, end) character offsets in the
/// concatenated text of each paragraph.
fn boundary_scores(expected: &[Vec<String>], got: &[Vec<String>]) -> (f64, f64) {
    let bounds = |paragraphs: &[Vec<String>]| {
        let mut set = std::collections::BTreeSet::new();
        for (p, sentences) in paragraphs.iter().enumerate() {
            let mut at = 0;
            for s in sentences {
                at += s.chars().count() + 1;
                set.insert((p, at));
            }
        }
        set
    };
    let (e, g) = (bounds(expected), bounds(got));
    let hits = e.intersection(&g).count() as f64;
    (hits / g.len() as f64, hits / e.len() as f64)
}

#[test]
fn seed_paragraphs_match_the_careful_reading() {
    let text = decode(data("kamenev.source.txt").as_bytes()).unwrap().text;
    let got = paragraphs(&text);
    let expected: Vec<String> = data("kamenev.paragraphs.txt")
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(got.len(), expected.len(), "paragraph count");
    for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
        assert_eq!(g, e, "paragraph {}", i + 1);
    }
}

fn check_sentences(raw: &str, expected_name: &str) {
    check_sentences_in("sv", raw, expected_name);
}

fn check_sentences_in(lang: &str, raw: &str, expected_name: &str) {
    let segmenter = Segmenter::for_language(lang);
    let got: Vec<Vec<String>> = paragraphs(raw)
        .iter()
        .map(|p| segmenter.split(p).into_iter().map(str::to_string).collect())
        .collect();
    let expected = expected_paragraph_sentences(expected_name);
    let (precision, recall) = boundary_scores(&expected, &got);
    assert_eq!(
        got, expected,
        "precision {precision:.3}, recall {recall:.3}"
    );
    assert_eq!((precision, recall), (1.0, 1.0));
}

#[test]
fn seed_sentences_have_precision_and_recall_one() {
    let text = decode(data("kamenev.source.txt").as_bytes()).unwrap().text;
    check_sentences(&text, "kamenev.sentences.txt");
    let count: usize = expected_paragraph_sentences("kamenev.sentences.txt")
        .iter()
        .map(Vec::len)
        .sum();
    assert!(count > 120, "the fixture has {count} sentences");
}

#[test]
fn abbreviation_fixture_sentences_have_precision_and_recall_one() {
    check_sentences(
        &data("abbreviations.sv.txt"),
        "abbreviations.sv.sentences.txt",
    );
}

/// English, German and French texts written to exercise the rules beyond abbreviations: list
/// labels (at a sentence start, after a colon, joined into one line, behind bullets), ellipses
/// in brackets, initials before sentence starters, German ordinals and abbreviations with a
/// capital inside. `.ci/omegat-check` holds OmegaT with Tolk's SRX to the same sentences.
#[test]
fn rules_fixtures_in_english_german_and_french_have_precision_and_recall_one() {
    for lang in ["en", "de", "fr"] {
        check_sentences_in(
            lang,
            &data(&format!("rules.{lang}.txt")),
            &format!("rules.{lang}.sentences.txt"),
        );
    }
}
