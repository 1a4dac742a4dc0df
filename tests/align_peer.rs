//! Tolk beside a runnable peer on the same documents, scored by the same scorer.
//!
//! The peer is NLTK's Gale-Church aligner (`nltk.translate.gale_church` from PyPI, run by
//! `.ci/peer_align.py`): the length-based method that hunalign, LF Aligner and the aligners of
//! most CAT tools build on, and the one runnable here (hunalign is not packaged for this
//! Debian release). Both align the shared dev sets whole and every stress set made from them
//! and from the cipher texts (deleted, duplicated and moved blocks, headings, OCR garbage,
//! page numbers, merges, captions); Tolk must be ahead on each set, or level where both are
//! perfect. Without Python and NLTK the test says so and passes, except under
//! `TOLK_REQUIRE_PEER` (CI), where that is a failure; `.ci/run` installs NLTK in a venv
//! (`.ci/peer-venv`) and points `TOLK_PEER_PYTHON` at it.

use std::path::{Path, PathBuf};
use std::process::Command;

use tolk::{Counts, count, parse_beads};

mod stress;
mod support;

use stress::Doc;
use stress::dev::{documents_in, set_documents, windows};

/// The peer's script, beside `.ci/run`.
fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/peer_align.py")
}

/// The Python that runs the peer: `$TOLK_PEER_PYTHON` (CI's venv with a pinned NLTK), else
/// `python3`.
fn python() -> Command {
    Command::new(std::env::var_os("TOLK_PEER_PYTHON").unwrap_or_else(|| "python3".into()))
}

/// Whether Python with NLTK's Gale-Church can run here; otherwise skips (or fails in CI).
fn peer_available() -> bool {
    let ok = python()
        .args(["-c", "import nltk.translate.gale_church"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        support::skip_unless_required(
            "TOLK_REQUIRE_PEER",
            "Python with NLTK (`bash .ci/peer-venv`, or pip install nltk) is not available as $TOLK_PEER_PYTHON or python3",
        );
    }
    ok
}

/// Strict-F1 counts of Tolk and of the peer on one set of documents.
struct Compared {
    set: String,
    tolk: Counts,
    peer: Counts,
    /// Per document: (name, Tolk's strict F1, the peer's).
    docs: Vec<(String, f64, f64)>,
}

/// Aligns every document of `docs` with Tolk and with the peer and counts both against the
/// gold.
fn compare(set: &str, docs: &[(String, Doc)]) -> Compared {
    compare_with(set, docs, &[])
}

/// [`compare`], with `peer_args` for the peer (`--length-ratio`: the documents' own length
/// ratio instead of Gale and Church's 1, for a pair of very different scripts).
fn compare_with(set: &str, docs: &[(String, Doc)], peer_args: &[&str]) -> Compared {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir(&input).unwrap();
    for (name, doc) in docs {
        let (s, t, _) = stress::flatten(doc);
        let lines =
            |v: &[tolk::Sentence]| v.iter().map(|x| x.text.clone() + "\n").collect::<String>();
        std::fs::write(input.join(format!("{name}.src")), lines(&s)).unwrap();
        std::fs::write(input.join(format!("{name}.tgt")), lines(&t)).unwrap();
    }
    let run = python()
        .arg(script())
        .args(peer_args)
        .arg("--dir")
        .args([&input, &output])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "the peer failed on {set}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut out = Compared {
        set: set.to_owned(),
        tolk: Counts::default(),
        peer: Counts::default(),
        docs: Vec::new(),
    };
    for (name, doc) in docs {
        let (_, _, gold) = stress::flatten(doc);
        let text = std::fs::read_to_string(output.join(format!("{name}.beads"))).unwrap();
        let peer = count(&gold, &parse_beads(&text).unwrap());
        let tolk = stress::run(set, name, doc).counts;
        out.docs.push((
            name.clone(),
            tolk.scores().strict.f1,
            peer.scores().strict.f1,
        ));
        out.tolk += tolk;
        out.peer += peer;
    }
    out
}

/// Prints the comparison as a table and fails on every set where the peer is ahead, except
/// the sets in `trailing`, each listed with the largest lead the peer may have there (a
/// trailing set that falls further behind is a regression); a listed set where Tolk is no
/// longer behind fails too, so that the list is kept true.
fn check(sets: &[Compared], trailing: &[(&str, f64)]) {
    eprintln!("| set | Tolk strict F1 | Gale-Church (NLTK) | documents where the peer is ahead |");
    let mut failures = Vec::new();
    for c in sets {
        let (t, p) = (c.tolk.scores().strict.f1, c.peer.scores().strict.f1);
        let ahead: Vec<String> = c
            .docs
            .iter()
            .filter(|d| d.2 > d.1)
            .map(|d| format!("{} {:.3}/{:.3}", d.0, d.1, d.2))
            .collect();
        eprintln!("| {} | {t:.3} | {p:.3} | {} |", c.set, ahead.join(", "));
        let allowed = trailing.iter().find(|(set, _)| *set == c.set).map(|x| x.1);
        if p > t && allowed.is_none_or(|lead| p - t > lead) {
            failures.push(format!("{}: Tolk {t:.4} < peer {p:.4}", c.set));
        }
        if allowed.is_some() && p <= t {
            failures.push(format!(
                "{}: listed as trailing, but Tolk {t:.4} >= peer {p:.4}: take it off the list",
                c.set
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn tolk_is_ahead_of_gale_church_on_the_dev_sets() {
    if !peer_available() {
        return;
    }
    let mut sets = Vec::new();
    for set in ["lines_dev_sv_en", "textberg_dev"] {
        let Some(docs) = set_documents(set) else {
            return;
        };
        sets.push(compare(set, &docs));
    }
    check(&sets, &[]);
}

/// The stress transformations of `docs`, compared set by set.
fn stress_sets(prefix: &str, docs: &[(String, Doc)]) -> Vec<Compared> {
    stress_sets_with(prefix, docs, &[])
}

/// [`stress_sets`] with `peer_args` for the peer, as [`compare_with`].
fn stress_sets_with(prefix: &str, docs: &[(String, Doc)], peer_args: &[&str]) -> Vec<Compared> {
    stress::transformations()
        .into_iter()
        .map(|(name, transform)| {
            let changed: Vec<(String, Doc)> = docs
                .iter()
                .map(|(n, d)| (n.clone(), transform(d)))
                .collect();
            compare_with(&format!("{prefix} {name}"), &changed, peer_args)
        })
        .collect()
}

/// The whole documents of a held-out set, then the first 100 beads of each under every stress
/// transformation, compared set by set (`peer_args` as for [`compare_with`]).
fn whole_and_windows(set: &str, docs: Vec<(String, Doc)>, peer_args: &[&str]) -> Vec<Compared> {
    let mut sets = vec![compare_with(set, &docs, peer_args)];
    let windows: Vec<(String, Doc)> = docs
        .into_iter()
        .map(|(name, doc)| (name, doc.into_iter().take(100).collect()))
        .collect();
    sets.extend(stress_sets_with(set, &windows, peer_args));
    sets
}

#[test]
fn tolk_is_ahead_of_gale_church_on_every_stress_set_of_real_text() {
    if !peer_available() {
        return;
    }
    let mut sets = Vec::new();
    for (prefix, set) in [("sv-en", "lines_dev_sv_en"), ("de-fr", "textberg_dev")] {
        let Some(docs) = windows(set) else {
            return;
        };
        sets.extend(stress_sets(prefix, &docs));
    }
    check(&sets, &[]);
}

#[test]
fn tolk_is_ahead_of_gale_church_on_the_cipher_stress_sets() {
    // Made-up texts whose sides share no word and whose lengths are proportional by
    // construction: Gale-Church's home ground. Where nothing but bead kinds and lengths
    // guide, the bead priors decide: one bead in five of these texts is a 2-1 or 1-2 (half
    // in "merges"). Tolk trailed on the plain, headings and merges sets (0.991, 0.991,
    // 0.938 against 1.000, 1.000, 0.988) while its lengths-only candidate kept the default
    // priors (2-1 and 1-2 at 0.045); now that it re-estimates them it is level or ahead on
    // every set, and nothing is listed.
    if !peer_available() {
        return;
    }
    let docs: Vec<(String, Doc)> = (20..26)
        .map(|seed| (format!("cipher{seed}"), stress::cipher_doc(seed, 100)))
        .collect();
    check(&stress_sets("cipher", &docs), &[]);
}

/// `$TOLK_HELD_OUT`: the held-out sets `.ci/help-bitext` builds from LibreOffice's help.
fn held_out(pair: &str) -> Option<Vec<(String, Doc)>> {
    let Some(dir) = std::env::var_os("TOLK_HELD_OUT") else {
        support::skip_unless_required(
            "TOLK_REQUIRE_HELD_OUT",
            "TOLK_HELD_OUT is not set (`bash .ci/help-bitext` builds the sets and prints their folder)",
        );
        return None;
    };
    documents_in(&PathBuf::from(dir).join(pair), "TOLK_REQUIRE_HELD_OUT")
}

#[test]
fn tolk_is_ahead_of_gale_church_on_held_out_help_texts_and_their_stress_sets() {
    // LibreOffice's help in Swedish/English and German/French, paired by the ids its
    // paragraphs keep in every translation: text nobody tuned Tolk on (technical prose,
    // headings, menu names and table cells, paragraphs left untranslated). The whole
    // documents, then the first 100 beads of each under every stress transformation. Tolk
    // trailed on "merges" (half the beads 2-1 and 1-2) until a one-to-many bead was credited
    // with more than its best pair's shared words (`cost::bead_credit`): 0.874 / 0.892
    // (sv-en) and 0.847 / 0.849 (de-fr) before, 0.901 / 0.892 and 0.874 / 0.849 after.
    if !peer_available() {
        return;
    }
    let mut sets = Vec::new();
    for pair in ["sv-en", "de-fr"] {
        let Some(docs) = held_out(pair) else {
            return;
        };
        sets.extend(whole_and_windows(&format!("help {pair}"), docs, &[]));
    }
    check(&sets, &[]);
}

#[test]
fn tolk_is_ahead_of_gale_church_on_held_out_manual_pages_and_their_stress_sets() {
    // Manual pages that manpages-l10n translated paragraph by paragraph, beside the English
    // pages they translate (`.ci/manpage_bitext.py`): Swedish, Hungarian and Romanian against
    // English, German against French. Option lists whose tags ("-a, --all") stand the same on
    // both sides, synopses, headings. The whole documents, then the first 100 beads of each
    // under every stress transformation. Tolk trailed on one whole set, by one bead, until
    // the refitted length variance got its floor (`MIN_VARIANCE` in src/align/length.rs): in
    // man-sv-en's man01 (apropos) it joined two pairs whose lengths stray from the ratio in
    // opposite directions (95/121 and 351/266 characters) into a 2-2 bead at 0.66, where
    // Gale-Church keeps the two 1-1 pairs.
    if !peer_available() {
        return;
    }
    let mut sets = Vec::new();
    for pair in ["man-sv-en", "man-hu-en", "man-ro-en", "man-de-fr"] {
        let Some(docs) = held_out(pair) else {
            return;
        };
        sets.extend(whole_and_windows(pair, docs, &[]));
    }
    check(&sets, &[]);
}

#[test]
fn tolk_is_ahead_of_gale_church_on_held_out_chinese_english_help() {
    // The same help in Simplified Chinese and English: scripts that share only numbers and
    // Latin names, about 2.3 English characters to a Chinese one, and pages left in English
    // on the Chinese side. The peer gets each document's length ratio (`--length-ratio`):
    // with Gale and Church's 1 it scores 0.59 on the whole documents.
    if !peer_available() {
        return;
    }
    let Some(docs) = held_out("zh-en") else {
        return;
    };
    let sets = whole_and_windows("help zh-en", docs, &["--length-ratio"]);
    check(&sets, &[]);
}

#[test]
fn chinese_english_help_with_its_pages_as_paragraphs_loses_no_document() {
    // The zh-en documents as `.ci/help-bitext` writes them, a page a paragraph, aligned by
    // `tolk eval-align --dir` (paragraphs first). One page is left in English on the Chinese
    // side: its 5,255 characters on both sides made the length ratio 1.46 instead of about
    // 2.3, the paragraph level paired two Chinese paragraphs with one English one and left
    // the next English page "without counterpart" at 0.97-0.99 (help11 strict F1 0.40, the
    // set 0.92). The first length ratio then left text that stands on both sides out (0.991,
    // worst document help14 0.866), and a Chinese character now counts as long as a short
    // word, so one ratio fits the translated and the untranslated pages (1.000, worst 1.000).
    let Some(dir) = std::env::var_os("TOLK_HELD_OUT") else {
        support::skip_unless_required(
            "TOLK_REQUIRE_HELD_OUT",
            "TOLK_HELD_OUT is not set (`bash .ci/help-bitext` builds the sets and prints their folder)",
        );
        return;
    };
    let run = Command::new(env!("CARGO_BIN_EXE_tolk"))
        .args(["eval-align", "--dir"])
        .arg(PathBuf::from(dir).join("zh-en"))
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let figure = |after: &str| -> f64 {
        let at = out
            .find(after)
            .unwrap_or_else(|| panic!("{after:?} in {out}"))
            + after.len();
        out[at..]
            .split(|c: char| c != '.' && !c.is_ascii_digit())
            .find(|s| !s.is_empty())
            .unwrap()
            .parse()
            .unwrap()
    };
    let (f1, worst) = (figure("F1 "), figure("(strict F1 "));
    eprintln!("help zh-en with paragraphs: strict F1 {f1}, worst document {worst}");
    assert!(f1 >= 0.995 && worst >= 0.98, "{out}");
}
