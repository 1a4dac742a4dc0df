//! Runs the `tolk` binary's `align` and `eval-align` subcommands on a small fixture.

use std::path::PathBuf;
use std::process::Command;

fn tolk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tolk"))
}

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/align")
        .join(name)
}

/// `tolk eval-align` on the story fixture against `gold`, scoring `test` if given instead of
/// running the aligner.
fn eval_story(gold: &std::path::Path, test: Option<&std::path::Path>) -> std::process::Output {
    let mut command = tolk();
    command
        .args(["eval-align", "--source"])
        .arg(data("story.src"))
        .arg("--target")
        .arg(data("story.tgt"))
        .arg("--gold")
        .arg(gold);
    if let Some(test) = test {
        command.arg("--test").arg(test);
    }
    command.output().unwrap()
}

#[test]
fn align_prints_the_gold_beads_for_the_fixture() {
    let out = tolk()
        .args(["align", "--presegmented", "--format", "beads", "--verbose"])
        .arg(data("story.src"))
        .arg(data("story.tgt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = String::from_utf8(out.stdout).unwrap();
    let gold = std::fs::read_to_string(data("story.gold")).unwrap();
    assert_eq!(got, gold);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("source: 9 sentences"), "{err}");
}

#[test]
fn align_writes_json_with_texts_and_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    let status = tolk()
        .args(["align", "--presegmented", "--format", "json", "-o"])
        .arg(&path)
        .arg(data("story.src"))
        .arg(data("story.tgt"))
        .status()
        .unwrap();
    assert!(status.success());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let beads = v["beads"].as_array().unwrap();
    assert_eq!(beads.len(), 9);
    assert_eq!(beads[6]["target"], serde_json::json!([6, 7]));
    assert!(
        beads[0]["source_text"]
            .as_str()
            .unwrap()
            .starts_with("Det var")
    );
    assert_eq!(v["diagnostics"]["source_sentences"], 9);
}

#[test]
fn eval_align_scores_a_document_and_a_directory() {
    let out = eval_story(&data("story.gold"), None);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("strict  P 1.0000  R 1.0000  F1 1.0000"),
        "{text}"
    );

    let out = tolk()
        .args(["eval-align", "--dir"])
        .arg(data(""))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("(1 documents)")
    );
}

#[test]
fn eval_align_names_the_worst_document_of_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["good", "bad"] {
        for ext in ["src", "tgt"] {
            std::fs::copy(
                data(&format!("story.{ext}")),
                dir.path().join(format!("{name}.{ext}")),
            )
            .unwrap();
        }
    }
    std::fs::copy(data("story.gold"), dir.path().join("good.gold")).unwrap();
    // A gold that leaves every sentence without counterpart: no predicted bead is right.
    // (Sentences are the non-empty lines; an empty line ends a paragraph.)
    let sentences = |name: &str| {
        std::fs::read_to_string(data(name))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count()
    };
    let (n, m) = (sentences("story.src"), sentences("story.tgt"));
    let bad: String = (0..n)
        .map(|i| format!("[{i}]:[]\n"))
        .chain((0..m).map(|j| format!("[]:[{j}]\n")))
        .collect();
    std::fs::write(dir.path().join("bad.gold"), bad).unwrap();
    let out = tolk()
        .args(["eval-align", "--verbose", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("good\n  strict  P 1.0000"), "{text}");
    assert!(
        text.contains("worst document: bad (strict F1 0.0000)"),
        "{text}"
    );
}

/// A gold whose text is missing (a misnamed file) is an error naming it: the document used
/// to be left out of the figures without a word.
#[test]
fn eval_align_refuses_a_gold_without_its_texts() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["src", "tgt", "gold"] {
        std::fs::copy(
            data(&format!("story.{ext}")),
            dir.path().join(format!("one.{ext}")),
        )
        .unwrap();
    }
    std::fs::copy(data("story.gold"), dir.path().join("two.gold")).unwrap();
    std::fs::copy(data("story.src"), dir.path().join("two.src")).unwrap();
    std::fs::copy(data("story.tgt"), dir.path().join("two.en")).unwrap();
    let out = tolk()
        .args(["eval-align", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("two.gold has no two.tgt beside it"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn eval_align_scores_a_given_alignment() {
    // An alignment that misses the split: [6]:[6], [7]:[7, 8] instead of [6]:[6, 7], [7]:[8].
    let dir = tempfile::tempdir().unwrap();
    let test = dir.path().join("test.beads");
    std::fs::write(
        &test,
        "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n[4]:[4]\n[5]:[5]\n[6]:[6]\n[7]:[7, 8]\n[8]:[9]\n",
    )
    .unwrap();
    let out = eval_story(&data("story.gold"), Some(&test));
    let text = String::from_utf8(out.stdout).unwrap();
    // 7 of 9 predicted beads are exact and 7 of 9 gold beads are found; the two wrong
    // beads overlap gold links, so lax scores are perfect.
    assert!(text.contains("strict  P 0.7778  R 0.7778"), "{text}");
    assert!(text.contains("lax     P 1.0000  R 1.0000"), "{text}");
}

/// A gold that does not fit the texts (another document's, or a broken file) is refused with
/// its name and the problem; it used to be scored as if it fitted, with exit code 0.
#[test]
fn eval_align_refuses_a_gold_that_does_not_fit_the_texts() {
    let dir = tempfile::tempdir().unwrap();
    for (name, gold, said) in [
        (
            "beyond.gold",
            "[0]:[0]\n[12]:[1]\n",
            "source sentence 12 does not exist (the text has 9)",
        ),
        (
            "twice.gold",
            "[0]:[0]\n[1]:[0]\n",
            "target sentence 0 is in two beads",
        ),
        (
            "empty.gold",
            "\n",
            "has no beads, but the texts have 9 and 10",
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, gold).unwrap();
        let out = eval_story(&path, None);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name} was scored");
        assert!(err.contains(name) && err.contains(said), "{name}: {err}");
        assert!(out.stdout.is_empty(), "{name}: scores printed");
    }
}

/// Texts in a language without sentence rules of its own are segmented by the generic rules,
/// and the user is told so (naming the file), not left to find split abbreviations later.
#[test]
fn a_language_without_rules_of_its_own_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let (src, tgt) = (dir.path().join("it.txt"), dir.path().join("fi.txt"));
    std::fs::write(&src, "Questo è p. es. un test. E un altro.\n").unwrap();
    std::fs::write(&tgt, "Tämä on esim. testi. Ja toinen.\n").unwrap();
    let out = tolk()
        .args(["align", "--source-lang", "it", "--target-lang", "fi"])
        .arg(&src)
        .arg(&tgt)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for (file, tag) in [("it.txt", "\"it\""), ("fi.txt", "\"fi\"")] {
        assert!(
            err.lines()
                .any(|l| l.contains(file) && l.contains(tag) && l.contains("no sentence rules")),
            "{err}"
        );
    }
    // Swedish, English, German and French have rules: nothing is said, and a German
    // abbreviation with a capital inside ("z. B.") splits nothing.
    let out = tolk()
        .args(["align", "--format", "beads"])
        .arg(data("story.src"))
        .arg(data("story.tgt"))
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("no sentence rules"));
    let (src, tgt) = (dir.path().join("de.txt"), dir.path().join("fr.txt"));
    std::fs::write(&src, "Das ist z. B. ein Test. Und noch einer.\n").unwrap();
    std::fs::write(&tgt, "C'est p. ex. un test. Et un autre.\n").unwrap();
    let out = tolk()
        .args([
            "align",
            "--format",
            "beads",
            "--source-lang",
            "de",
            "--target-lang",
            "fr",
        ])
        .arg(&src)
        .arg(&tgt)
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("no sentence rules"));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .collect::<Vec<_>>(),
        ["[0]:[0]", "[1]:[1]"]
    );
}

/// An output that is one of the files the command reads is refused and the file is left as
/// it was: `align -o SOURCE` replaced the source text with the alignment and exited 0, `new
/// --force -o SOURCE` replaced it with the project.
#[test]
fn no_command_writes_its_output_over_what_it_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    std::fs::write(path("s.txt"), "Hej.\n").unwrap();
    std::fs::write(path("t.txt"), "Hi.\n").unwrap();
    std::fs::write(path("w.tsv"), "hej\thi\n").unwrap();
    std::fs::write(path("b.tsv"), "Hej.\tHi.\n").unwrap();
    std::fs::hard_link(path("s.txt"), path("hard.txt")).unwrap();
    std::os::unix::fs::symlink(path("t.txt"), path("soft.txt")).unwrap();
    // Run in the folder, so files are named as a user would: "s.txt", "./s.txt", a link.
    let runs: [(&[&str], &str); 7] = [
        (&["align", "-o", "s.txt", "s.txt", "t.txt"], "source text"),
        (
            &["align", "-o", "hard.txt", "./s.txt", "t.txt"],
            "source text",
        ),
        (
            &["align", "-o", "soft.txt", "s.txt", "t.txt"],
            "target text",
        ),
        (
            &["align", "--words", "w.tsv", "-o", "w.tsv", "s.txt", "t.txt"],
            "word list",
        ),
        (
            &[
                "new", "--force", "--target", "t.txt", "-o", "s.txt", "s.txt",
            ],
            "source text",
        ),
        (
            &[
                "new", "--force", "--target", "t.txt", "-o", "t.txt", "s.txt",
            ],
            "translation",
        ),
        (&["import", "--force", "-o", "b.tsv", "b.tsv"], "file"),
    ];
    for (args, what) in runs {
        let out = tolk().current_dir(dir.path()).args(args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(
            err.contains(&format!("is the {what} this command reads")),
            "{args:?}: {err}"
        );
    }
    let (s, t) = (path("s.txt"), path("t.txt"));
    assert_eq!(std::fs::read_to_string(&s).unwrap(), "Hej.\n");
    assert_eq!(std::fs::read_to_string(&t).unwrap(), "Hi.\n");
    assert_eq!(std::fs::read_to_string(path("w.tsv")).unwrap(), "hej\thi\n");
    assert_eq!(
        std::fs::read_to_string(path("b.tsv")).unwrap(),
        "Hej.\tHi.\n"
    );
    assert!(!path("s.txt.bak").exists() && !path("t.txt.bak").exists());
    // Another name is written as before.
    let out = tolk()
        .args(["align", "-o"])
        .arg(path("out.tsv"))
        .arg(&s)
        .arg(&t)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(path("out.tsv"))
            .unwrap()
            .starts_with("Hej.\tHi.\t")
    );
}

#[test]
fn plain_texts_are_segmented_and_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("s.txt");
    let tgt = dir.path().join("t.txt");
    std::fs::write(
        &src,
        "Anna kom till Stockholm den 12 maj 1921. Hon hade aldrig sett en så stor stad.\n\n\
         Hon köpte en tidning för 25 öre. Sedan tog hon spårvagnen till Kungsholmen.\n",
    )
    .unwrap();
    std::fs::write(
        &tgt,
        "Anna came to Stockholm on 12 May 1921. She had never seen such a large city.\n\n\
         She bought a newspaper for 25 öre. Then she took the tram to Kungsholmen.\n",
    )
    .unwrap();
    let out = tolk()
        .args([
            "align",
            "--format",
            "beads",
            "--source-lang",
            "sv",
            "--target-lang",
            "en",
        ])
        .arg(&src)
        .arg(&tgt)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n"
    );
}

#[test]
fn realign_fixes_a_project_made_by_pairing_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (src, tgt, project) = (
        dir.path().join("s.txt"),
        dir.path().join("t.txt"),
        dir.path().join("p.json"),
    );
    std::fs::write(
        &src,
        "Anna kom till Stockholm den 12 maj 1921. Hon hade aldrig sett en så stor stad.\n\n\
         Hon köpte en tidning för 25 öre. Sedan tog hon spårvagnen till Kungsholmen.\n",
    )
    .unwrap();
    // The translator split the second sentence in two.
    std::fs::write(
        &tgt,
        "Anna came to Stockholm on 12 May 1921. She had never seen such a city. It was so large.\n\n\
         She bought a newspaper for 25 öre. Then she took the tram to Kungsholmen.\n",
    )
    .unwrap();
    let new = tolk()
        .arg("new")
        .arg(&src)
        .arg("--target")
        .arg(&tgt)
        .arg("-o")
        .arg(&project)
        .status()
        .unwrap();
    assert!(new.success());
    let out = tolk().arg("realign").arg(&project).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&project).unwrap()).unwrap();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[1]["target"],
        "She had never seen such a city. It was so large."
    );
    assert_eq!(rows[3]["target"], "Then she took the tram to Kungsholmen.");
}

#[test]
fn eval_align_prints_paragraph_consistency_and_wrong_bead_confidence() {
    // The fixture marks two paragraphs on each side. The aligner keeps them: every paired
    // bead consistent, no wrong bead.
    let out = eval_story(&data("story.gold"), None);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("paragraph consistency 1.0000 (9 of 9 paired beads)"),
        "{text}"
    );
    assert!(
        text.contains("wrong beads 0 (0 of them split a gold bead into pairs)"),
        "{text}"
    );
    // A given alignment that glues the last sentence of the first paragraph to the first of
    // the second: one bead of eight crosses the paragraph boundary.
    let dir = tempfile::tempdir().unwrap();
    let test = dir.path().join("test.beads");
    std::fs::write(
        &test,
        "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n[4, 5]:[4, 5]\n[6]:[6, 7]\n[7]:[8]\n[8]:[9]\n",
    )
    .unwrap();
    let out = eval_story(&data("story.gold"), Some(&test));
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("paragraph consistency 0.8750 (7 of 8 paired beads)"),
        "{text}"
    );
    // No confidences in a given alignment: no wrong-bead line.
    assert!(!text.contains("wrong beads"), "{text}");
}

#[test]
fn align_output_over_a_file_keeps_it_as_bak_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("beads.txt");
    std::fs::write(&out, "beads corrected by hand\n").unwrap();
    let run = tolk()
        .args(["align", "--presegmented", "--format", "beads", "-o"])
        .arg(&out)
        .arg(data("story.src"))
        .arg(data("story.tgt"))
        .output()
        .unwrap();
    assert!(run.status.success());
    let backup = dir.path().join("beads.txt.bak");
    assert_eq!(
        std::fs::read_to_string(&backup).unwrap(),
        "beads corrected by hand\n"
    );
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        said.contains(&format!("kept as {}", backup.display())),
        "{said}"
    );
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("[0]:[0]")
    );
}
