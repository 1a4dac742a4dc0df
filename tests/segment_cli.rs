//! Runs the `tolk` binary's `segment` and `eval-segment` subcommands on small gold files.

use std::process::{Command, Output};

fn tolk(args: &[&str], files: &[&std::path::Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tolk"))
        .args(args)
        .args(files)
        .output()
        .unwrap()
}

#[test]
fn eval_segment_scores_plain_and_conllu_gold() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("gold.txt");
    // Three boundaries, all punctuated; "t. o. m." must not end a sentence.
    std::fs::write(
        &plain,
        "Det var t. o. m. kallt.\nVi gick hem.\n\nN:o 12 kom ut i maj.\nDen såldes slut.\n\
         Ingen visste varför.\n",
    )
    .unwrap();
    let out = tolk(&["eval-segment", "--lang", "sv"], &[&plain]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("5 sentences, 3 gold boundaries (3 punctuated), 3 predicted"),
        "{text}"
    );
    assert!(
        text.contains("punctuated boundaries: P 1.0000  R 1.0000  F1 1.0000"),
        "{text}"
    );

    let conllu = dir.path().join("gold.conllu");
    std::fs::write(
        &conllu,
        "# newdoc\n# newpar\n# text = It was cold.\n1\tIt\n\n# text = We went home.\n1\tWe\n\n",
    )
    .unwrap();
    let out = tolk(&["eval-segment", "--lang", "en"], &[&conllu]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2 sentences, 1 gold boundaries"), "{text}");
}

/// A gold file that holds no sentence, or golds without a boundary to find, used to print a
/// perfect F1 of 1.0000 and exit 0; they are refused, naming the file.
#[test]
fn eval_segment_refuses_gold_with_nothing_to_score() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "\n\n").unwrap();
    let no_text = dir.path().join("tokens.conllu");
    std::fs::write(&no_text, "# sent_id = 1\n1\tHej\n\n").unwrap();
    let alone = dir.path().join("alone.txt");
    std::fs::write(&alone, "Ett.\n\nTvå.\n").unwrap();
    for (file, said) in [
        (&empty, "empty.txt: no gold sentences"),
        (&no_text, "tokens.conllu: no gold sentences"),
        (&alone, "nothing to score: the 2 gold sentence(s)"),
    ] {
        let out = tolk(&["eval-segment"], &[file]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{err}");
        assert!(err.contains(said), "{err}");
        assert!(!String::from_utf8_lossy(&out.stdout).contains("F1"));
    }
}
