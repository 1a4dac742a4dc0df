//! Tolk's sentence segmenter beside other programs' on the same texts, scored alike.
//!
//! The peers are pySBD, syntok, sentence-splitter, sentencex and segtok (rule-based segmenters
//! from PyPI, pinned in `.ci/peer-venv`, run by `.ci/segment_peers.py`). Two test sets:
//! - the English "Golden Rules" that pySBD ships (48 small texts with the sentences they
//!   should give: abbreviations, initials, "U.S." at a sentence end, lists, ellipses), scored
//!   as rules passed;
//! - the gold sentences of the aligner's dev sets, scored as boundary precision, recall and
//!   F1 (`tolk eval-segment`'s scorer): the LinES treebank's Swedish and English, and the
//!   German and French of Text+Berg (Alpine Club yearbooks, OCR'd).
//!
//! Without the peers (no `$TOLK_PEER_PYTHON` or `python3` with them) or the dev sets the tests
//! skip, unless `TOLK_REQUIRE_PEER` / `TOLK_REQUIRE_ALIGN_DEV` are set (CI), where they fail.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tolk::{BoundaryScore, GoldParagraphs, Segmenter, read_lines, score_boundaries_with};

const PEERS: [&str; 5] = [
    "pysbd",
    "syntok",
    "sentence-splitter",
    "sentencex",
    "segtok",
];

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/segment_peers.py")
}

fn python() -> Command {
    let mut command =
        Command::new(std::env::var_os("TOLK_PEER_PYTHON").unwrap_or_else(|| "python3".into()));
    command.arg(script());
    command
}

/// pySBD's English Golden Rules (text, sentences), or None (said) when the peers are missing.
fn golden_rules() -> Option<Vec<(String, Vec<String>)>> {
    let output = python().arg("golden").output();
    match output {
        Ok(out) if out.status.success() => {
            let rules: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
            Some(
                rules
                    .iter()
                    .map(|rule| {
                        let sentences = rule["sentences"].as_array().unwrap();
                        (
                            rule["text"].as_str().unwrap().to_string(),
                            sentences
                                .iter()
                                .map(|s| s.as_str().unwrap().trim().to_string())
                                .collect(),
                        )
                    })
                    .collect(),
            )
        }
        _ => {
            support::skip_unless_required(
                "TOLK_REQUIRE_PEER",
                "Python with pySBD, syntok, sentence-splitter, sentencex and segtok (`bash .ci/peer-venv`) is not \
                 available as $TOLK_PEER_PYTHON or python3",
            );
            None
        }
    }
}

/// A peer's sentences for each text, or None when it has no rules for `lang`.
fn peer_split(peer: &str, lang: &str, texts: &[String]) -> Option<Vec<Vec<String>>> {
    let mut child = python()
        .args(["split", peer, lang])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input = serde_json::to_vec(texts).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    let written = writer.join().unwrap();
    if out.status.code() == Some(3) {
        // It stopped before reading the texts.
        return None;
    }
    written.unwrap();
    assert!(out.status.success(), "{peer} failed on {lang}");
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

fn tolk_split(lang: &str, text: &str) -> Vec<String> {
    Segmenter::for_language(lang)
        .split(text)
        .into_iter()
        .map(|s| s.trim().to_string())
        .collect()
}

#[test]
fn golden_rules_tolk_passes_more_than_the_peers_not_built_on_them() {
    let Some(rules) = golden_rules() else {
        return;
    };
    assert_eq!(rules.len(), 48, "pySBD 0.3.4 ships 48 English Golden Rules");
    let texts: Vec<String> = rules.iter().map(|(text, _)| text.clone()).collect();
    let passed = |split: &dyn Fn(usize) -> Vec<String>| {
        (0..rules.len()).filter(|&i| split(i) == rules[i].1).count()
    };
    let tolk = passed(&|i| tolk_split("en", &texts[i]));
    eprintln!("Golden Rules (English, 48): tolk {tolk}");
    for (i, (text, sentences)) in rules.iter().enumerate() {
        let got = tolk_split("en", text);
        if &got != sentences {
            eprintln!("  tolk fails rule {}: {got:?}, gold {sentences:?}", i + 1);
        }
    }
    let mut peers = Vec::new();
    for peer in PEERS {
        let split = peer_split(peer, "en", &texts).expect("every peer has English rules");
        let score = passed(&|i| split[i].clone());
        eprintln!("Golden Rules (English, 48): {peer} {score}");
        peers.push((peer, score));
    }
    // What the rules reach now; the three misses are the rules' own contradictions ("5 a.m.
    // Mr. Smith" one sentence, "6 P.M. Mr. Smith" two) and ellipses read either way.
    assert!(tolk >= 45, "tolk passes {tolk} of 48");
    for (peer, score) in peers {
        // pySBD was written to pass these rules (47 of 48); the others were not.
        if peer != "pysbd" {
            assert!(tolk > score, "tolk {tolk} against {peer} {score}");
        }
    }
}

/// The gold sentences of every file of `dir` with the extension `ext`, as one list of
/// paragraphs.
fn gold_of(dir: &Path, ext: &str) -> GoldParagraphs {
    support::files_with_extension(dir, ext)
        .iter()
        .flat_map(|file| read_lines(&std::fs::read_to_string(file).unwrap()))
        .collect()
}

/// Where each sentence after the first starts in `text`, found in order. The peers return
/// their sentences as pieces of the text, trimmed, some with white space normalised, so the
/// pieces are followed through the text by their other characters.
fn starts_of(text: &str, sentences: &[String]) -> Vec<usize> {
    let mut at = 0;
    let mut starts = Vec::new();
    for sentence in sentences {
        let first_word = sentence.split_whitespace().next().unwrap_or_default();
        let Some(offset) = text[at..].find(first_word) else {
            panic!("{sentence:?} is not in the text after byte {at}");
        };
        starts.push(at + offset);
        at += offset;
        for expected in sentence.chars().filter(|c| !c.is_whitespace()) {
            at = text.len() - text[at..].trim_start().len();
            let found = text[at..].chars().next();
            assert_eq!(found, Some(expected), "{sentence:?} differs from the text");
            at += expected.len_utf8();
        }
    }
    starts.into_iter().skip(1).collect()
}

fn line(name: &str, score: &BoundaryScore) -> String {
    let prf = score.punctuated();
    format!(
        "{name:<18} P {:.4}  R {:.4}  F1 {:.4}",
        prf.precision, prf.recall, prf.f1
    )
}

#[test]
fn lines_treebank_tolk_is_ahead_of_every_peer() {
    dev_set_beside_peers("lines_dev_sv_en", [("src", "sv"), ("tgt", "en")], false);
}

#[test]
fn text_berg_tolk_is_ahead_of_every_peer() {
    dev_set_beside_peers("textberg_dev", [("src", "de"), ("tgt", "fr")], false);
}

#[test]
fn lines_treebank_in_lower_case_lenient_tolk_is_ahead_of_every_peer() {
    // Web text, chat and subtitles start sentences in lower case ("we went home. then we
    // ate."): the LinES sentences with their first letters lowered stand in for them, and
    // Tolk is run in lenient mode (`--lenient`). Until lenient mode split before any
    // lower-case word after a period (not only before a listed starter), it found 0.59 of
    // the English boundaries (F1 0.741) and 0.52 of the Swedish (0.684), where pySBD,
    // sentencex and segtok reached 0.94-0.96.
    dev_set_beside_peers("lines_dev_sv_en", [("src", "sv"), ("tgt", "en")], true);
}

/// The gold with each sentence's first letter in lower case.
fn lowered(gold: GoldParagraphs) -> GoldParagraphs {
    gold.into_iter()
        .map(|paragraph| {
            paragraph
                .into_iter()
                .map(|sentence| {
                    let mut chars = sentence.chars();
                    chars
                        .next()
                        .map(|first| first.to_lowercase().chain(chars).collect())
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect()
}

/// Scores Tolk and every peer with rules for the language on both sides of a dev set, and
/// holds Tolk ahead of each; with `lower_case`, on the sentences with their first letters
/// lowered, Tolk in lenient mode.
fn dev_set_beside_peers(set: &str, sides: [(&str, &str); 2], lower_case: bool) {
    let Some(dir) = support::dev_set(set) else {
        return;
    };
    if golden_rules().is_none() {
        return;
    }
    for (ext, lang) in sides {
        let gold = gold_of(&dir, ext);
        let gold = if lower_case { lowered(gold) } else { gold };
        let texts: Vec<String> = gold.iter().map(|p| p.join(" ")).collect();
        let segmenter = Segmenter::built_in(lang, lower_case);
        let tolk = score_boundaries_with(
            |text| {
                let spans = segmenter.sentence_spans(text);
                spans.iter().skip(1).map(|s| s.start).collect()
            },
            &gold,
        );
        let case = if lower_case { " lower-cased" } else { "" };
        eprintln!(
            "{set}{case} {lang} ({} punctuated boundaries), punctuated:",
            tolk.gold_punctuated
        );
        eprintln!("  {}", line("tolk", &tolk));
        let mut compared = 0;
        for peer in PEERS {
            let Some(split) = peer_split(peer, lang, &texts) else {
                eprintln!("  {peer:<18} has no rules for {lang}");
                continue;
            };
            let mut next = 0;
            let score = score_boundaries_with(
                |text| {
                    next += 1;
                    starts_of(text, &split[next - 1])
                },
                &gold,
            );
            eprintln!("  {}", line(peer, &score));
            let (ours, theirs) = (tolk.punctuated().f1, score.punctuated().f1);
            assert!(
                ours > theirs,
                "{lang}: tolk {ours:.4} against {peer} {theirs:.4}"
            );
            compared += 1;
        }
        assert!(compared > 0, "no peer segments {lang}");
    }
}
