//! `tolk check` end to end: every check finds the errors planted for it and says nothing
//! about clean rows; output formats, exit codes, check selection, project settings (checks
//! switched off, findings ignored), glossaries, and spelling with real Hunspell dictionaries.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tolk::{Edit, ImportedRow, Project, Status};

fn tolk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tolk"))
        .args(args)
        .env("TOLK_USER_WORDS", "/nonexistent/words.txt")
        .output()
        .unwrap()
}

/// Clean rows (no check may say anything about them), then one row per planted error.
const ROWS: &[(&str, &str, &str)] = &[
    // (what, source, target)
    (
        "clean",
        "Sex års krig och revolution (1914-1920) har klarlagt denna fråga.",
        "Six years of war and revolution (1914–1920) have made this question clear.",
    ),
    (
        "clean",
        "”Vad är proletariatets diktatur?” frågade de.",
        "“What is the dictatorship of the proletariat?” they asked.",
    ),
    (
        "clean",
        "Det kostade 1 000 kronor den 1:a maj.",
        "It cost 1,000 crowns on the 1st of May.",
    ),
    (
        "clean",
        "Under statens ledning växte industrin.",
        "Under the government, industry grew.",
    ),
    ("clean", "Karl Marx", "Karl Marx"),
    (
        "clean",
        "Ty dessa år gav ett exempel för en diktaturens tid.",
        "For these years gave an example of a time of dictatorship.",
    ),
    (
        "numbers",
        "Världskriget 1914-1918 var långt.",
        "The world war of 1914-1919 was long.",
    ),
    ("end-punctuation", "Är det inte så?", "Is it not so."),
    ("double-space", "Det regnar i dag.", "It is raining  today."),
    (
        "leading-trailing-space",
        "Det regnar i dag.",
        "It is raining today. ",
    ),
    (
        "brackets-quotes",
        "Kriget (1914-1918) tog slut.",
        "The war (1914-1918 ended.",
    ),
    (
        "same-as-source",
        "Arbetarna och bönderna",
        "Arbetarna och bönderna",
    ),
    (
        "term",
        "Proletariatets diktatur kommer.",
        "The rule of the proletariat comes.",
    ),
    (
        "term",
        "Vid statens ledning satt de.",
        "They sat at the direction of the state.",
    ),
    ("inconsistent", "Det är klart.", "It is clear."),
    ("inconsistent", "Det är klart.", "That is obvious."),
    ("spelling", "Han skrev ett brev.", "He wrote a leter."),
    (
        "length",
        "Ja, det är så.",
        "Yes, that is so, and it has been so for a very long time, as everyone in the room had known since the beginning of the war and the revolution.",
    ),
];

/// A project of those rows, all translated, written to a temporary folder.
fn planted(dir: &Path, change: impl FnOnce(&mut Project)) -> PathBuf {
    let mut project = Project::new("checks", "sv", "en");
    project.session.author = "test".into();
    // Ordinary rows so that the length model has something to learn from.
    let filler = (0..30).map(|i| {
        let source = format!("Detta är en vanlig mening nummer {i} med några ord i sig.");
        let target = format!("This is an ordinary sentence number {i} with some words in it.");
        ("clean", source, target)
    });
    let rows: Vec<(&str, String, String)> = ROWS
        .iter()
        .map(|(w, s, t)| (*w, s.to_string(), t.to_string()))
        .chain(filler)
        .collect();
    project.append_imported(rows.iter().map(|(_, s, t)| ImportedRow {
        source: s.clone(),
        target: t.clone(),
        ..ImportedRow::default()
    }));
    let confirm: Vec<Edit> = project
        .rows
        .iter()
        .map(|r| Edit::SetStatus {
            row: r.id,
            status: Status::Translated,
        })
        .collect();
    project.apply(Edit::Batch(confirm)).unwrap();
    change(&mut project);
    let path = dir.join("planted.json");
    support::save_project(&project, &path).unwrap();
    path
}

fn glossary() -> String {
    format!(
        "{}/tests/data/checks/glossary.tbx",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn json(output: &Output) -> Vec<serde_json::Value> {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

/// (row, check) of every finding.
fn found(output: &Output) -> Vec<(u64, String)> {
    json(output)
        .iter()
        .map(|f| {
            (
                f["row"].as_u64().unwrap(),
                f["check"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The rows (1-based) where ROWS plants an error for `check`.
fn planted_rows(check: &str) -> Vec<u64> {
    ROWS.iter()
        .enumerate()
        .filter(|(_, (w, _, _))| *w == check)
        .map(|(i, _)| i as u64 + 1)
        .collect()
}

#[test]
fn every_check_finds_its_planted_errors_and_nothing_on_clean_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = planted(dir.path(), |_| {});
    let checks = "numbers,empty-target,same-as-source,end-punctuation,double-space,leading-trailing-space,brackets-quotes,inconsistent,term,length";
    let output = tolk(&[
        "check",
        path.to_str().unwrap(),
        "--glossary",
        &glossary(),
        "--checks",
        checks,
        "--format",
        "json",
    ]);
    assert_eq!(
        output.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let found = found(&output);
    for (row, check) in &found {
        assert_ne!(
            ROWS.get(*row as usize - 1).map_or("clean", |r| r.0),
            "clean",
            "false alarm: row {row}: {check}: {found:?}"
        );
    }
    for check in checks.split(',').filter(|c| *c != "empty-target") {
        let rows: Vec<u64> = found
            .iter()
            .filter(|(_, c)| c == check)
            .map(|(r, _)| *r)
            .collect();
        let mut want = planted_rows(check);
        want.dedup();
        let mut got = rows.clone();
        got.dedup();
        assert_eq!(got, want, "{check}: {found:?}");
    }
    // Each finding names its side, and the ones about some characters say which.
    let all = json(&output);
    let double = all.iter().find(|f| f["check"] == "double-space").unwrap();
    assert_eq!(
        (
            double["side"].as_str(),
            double["start"].as_u64(),
            double["end"].as_u64()
        ),
        (Some("target"), Some(13), Some(15))
    );
    let forbidden = all
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("forbidden"))
        .unwrap();
    assert_eq!(forbidden["row"], 14);
    assert!(
        forbidden["message"]
            .as_str()
            .unwrap()
            .contains("government"),
        "{forbidden}"
    );
}

#[test]
fn text_output_has_one_line_per_finding_and_a_clean_project_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let path = planted(dir.path(), |_| {});
    let output = tolk(&[
        "check",
        path.to_str().unwrap(),
        "--checks",
        "numbers,end-punctuation",
    ]);
    assert_eq!(output.status.code(), Some(3));
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        text,
        "row 7: numbers: the number 1914-1919 is not in the source\n".replace("1914-1919", "1919")
            + "row 7: numbers: the number 1918 of the source is not in the translation\n"
            + "row 8: end-punctuation: the source ends with “?”, the translation with “.”\n"
    );
    // Only the clean rows: nothing found, exit 0, nothing printed.
    let clean = dir.path().join("clean");
    std::fs::create_dir(&clean).unwrap();
    let path = planted(&clean, |p| {
        let keep = ROWS.iter().filter(|r| r.0 == "clean").count();
        let edits: Vec<Edit> = p.rows[keep..ROWS.len()]
            .iter()
            .map(|r| Edit::SetText {
                row: r.id,
                side: tolk::Side::Target,
                text: String::new(),
                origin: tolk::Origin::Typed,
            })
            .collect();
        p.apply(Edit::Batch(edits)).unwrap();
    });
    let output = tolk(&[
        "check",
        path.to_str().unwrap(),
        "--glossary",
        &glossary(),
        "--checks",
        "numbers,empty-target,same-as-source,end-punctuation,double-space,leading-trailing-space,brackets-quotes,inconsistent,term,length",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn an_empty_confirmed_target_from_another_tool_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = planted(dir.path(), |_| {});
    // Another tool wrote a reviewed row without a translation into the file.
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    json["rows"][0]["target"] = "".into();
    json["rows"][0]["status"] = "reviewed".into();
    std::fs::write(&path, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    let output = tolk(&[
        "check",
        path.to_str().unwrap(),
        "--checks",
        "empty-target",
        "--format",
        "json",
    ]);
    assert_eq!(found(&output), [(1, "empty-target".to_string())]);
}

#[test]
fn switched_off_checks_and_ignored_findings_stay_quiet_and_are_kept_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = planted(dir.path(), |p| {
        let off = tolk::check::settings::set_check_enabled(p, tolk::CheckId::EndPunctuation, false)
            .unwrap();
        p.apply(off).unwrap();
    });
    let run = |path: &Path| {
        found(&tolk(&[
            "check",
            path.to_str().unwrap(),
            "--checks",
            "numbers,end-punctuation",
            "--format",
            "json",
        ]))
    };
    assert_eq!(
        run(&path),
        [(7, "numbers".to_string()), (7, "numbers".to_string())]
    );
    // Ignore one of the two number findings: the other stays.
    let mut project = tolk::load_project(&path).unwrap().project;
    let checker = tolk::Checker::new(
        &project,
        Some(&path),
        &tolk::CheckSetup {
            only: Some(vec![tolk::CheckId::Numbers]),
            ..Default::default()
        },
    )
    .unwrap();
    let findings = checker.check_row(&project, 6);
    assert_eq!(findings.len(), 2);
    let at = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    let ignore = tolk::check::settings::ignore(&project, &findings[0], "Reviser", at).unwrap();
    let inverse = project.apply(ignore.clone()).unwrap();
    support::save_project(&project, &path).unwrap();
    assert_eq!(run(&path), [(7, "numbers".to_string())]);
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(
        saved["qa"]["disabled"],
        serde_json::json!(["end-punctuation"])
    );
    assert_eq!(saved["qa"]["ignored"][0]["by"], "Reviser");
    assert_eq!(saved["qa"]["ignored"][0]["key"], "1919");
    assert_eq!(saved["qa"]["ignored"][0]["row"], 7);
    // Undo brings the finding back.
    project.apply(inverse).unwrap();
    assert!(project.qa.ignored.is_empty());
    assert_eq!(checker.check_row(&project, 6).len(), 2);
}

#[test]
fn a_project_without_qa_settings_loads_and_writes_none() {
    let dir = tempfile::tempdir().unwrap();
    let path = planted(dir.path(), |_| {});
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("\"qa\""), "no settings, no field");
    assert!(!text.contains("\"notes\": ["), "no notes, no field");
    // A file written before QA settings existed loads with none, and saves byte for byte.
    let project = tolk::load_project(&path).unwrap().project;
    assert!(project.qa.is_empty());
    assert_eq!(tolk::project_to_json(&project), text.as_bytes());
}

#[test]
fn mistakes_in_the_arguments_or_the_glossary_are_errors_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = planted(dir.path(), |_| {});
    let output = tolk(&[
        "check",
        path.to_str().unwrap(),
        "--checks",
        "numbers,speling",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("there is no check \"speling\""));
    let bad = dir.path().join("bad.tbx");
    std::fs::write(&bad, "<martif><text><body><termEntry>").unwrap();
    let output = tolk(&[
        "check",
        path.to_str().unwrap(),
        "--glossary",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.tbx"), "{stderr}");
    let output = tolk(&["check", dir.path().join("missing.json").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn tolk_edit_changes_the_qa_settings_through_the_gate() {
    let dir = tempfile::tempdir().unwrap();
    let path = planted(dir.path(), |_| {});
    let p = path.to_str().unwrap();
    let edit = |ops: &[&str]| {
        let mut args = vec!["edit", p, "--author", "Reviser"];
        args.extend_from_slice(ops);
        tolk(&args)
    };
    let before = std::fs::read(&path).unwrap();
    // Mistakes are refused and nothing is saved.
    for bad in [
        ["ignore:1:numbers"],
        ["check:nonsense=off"],
        ["ignore:999:numbers"],
    ] {
        let out = edit(&bad);
        assert_eq!(out.status.code(), Some(1), "{bad:?}");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with("tolk: "));
        assert_eq!(std::fs::read(&path).unwrap(), before, "{bad:?}");
    }
    let out = edit(&[
        "check:end-punctuation=off",
        "ignore:7:numbers",
        "word:Xyzzy",
        "wordlist:sv-1900",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let checked = found(&tolk(&[
        "check",
        p,
        "--checks",
        "numbers,end-punctuation",
        "--format",
        "json",
    ]));
    assert!(checked.is_empty(), "{checked:?}");
    let qa = tolk::load_project(&path).unwrap().project.qa;
    assert_eq!(qa.disabled, ["end-punctuation"]);
    assert_eq!(qa.words, ["Xyzzy"]);
    assert_eq!(qa.word_lists, ["sv-1900"]);
    assert_eq!(qa.ignored.len(), 2, "both number findings of row 7");
    assert!(
        qa.ignored
            .iter()
            .all(|i| i.by == "Reviser" && i.check == "numbers")
    );
    // Switching it back on is an edit too; the same settings again change nothing.
    let out = edit(&["check:end-punctuation=on", "word:Xyzzy"]);
    assert!(out.status.success());
    assert!(
        tolk::load_project(&path)
            .unwrap()
            .project
            .qa
            .disabled
            .is_empty()
    );
}

/// The dictionaries CI installs (hunspell-en-us, hunspell-en-gb, hunspell-sv).
fn dictionaries_installed() -> bool {
    let have = |name: &str| Path::new(&format!("/usr/share/hunspell/{name}.aff")).is_file();
    if have("en_US") && have("en_GB") && have("sv_SE") {
        return true;
    }
    support::skip_unless_required(
        "TOLK_REQUIRE_DICTIONARIES",
        "the Hunspell dictionaries en_US, en_GB and sv_SE are not installed",
    );
    false
}

#[test]
fn spelling_uses_the_dictionaries_and_the_word_lists() {
    if !dictionaries_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = planted(dir.path(), |_| {});
    let spelling = |path: &Path, extra: &[&str]| {
        let mut args = vec![
            "check",
            path.to_str().unwrap(),
            "--checks",
            "spelling",
            "--format",
            "json",
        ];
        args.extend(extra);
        let output = tolk(&args);
        json(&output)
            .iter()
            .map(|f| {
                (
                    f["row"].as_u64().unwrap(),
                    f["side"].as_str().unwrap().to_string(),
                    f["key"].as_str().unwrap().to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    // Row 12 is Swedish copied into the translation: its words are not English either.
    let found = spelling(&path, &[]);
    let copied: Vec<&str> = found
        .iter()
        .filter(|f| f.0 == 12)
        .map(|f| f.2.as_str())
        .collect();
    assert_eq!(
        copied,
        ["Arbetarna", "bönderna"],
        "(\"och\" is in en_US: a Scots word)"
    );
    let others: Vec<_> = found.iter().filter(|f| f.0 != 12).cloned().collect();
    assert_eq!(others, [(17, "target".to_string(), "leter".to_string())]);
    // The source too, with an early-20th-century spelling and an OCR slip planted.
    let old = dir.path().join("old");
    std::fs::create_dir(&old).unwrap();
    let path = planted(&old, |p| {
        let row = p.rows[0].id;
        p.apply(Edit::SetText {
            row,
            side: tolk::Side::Source,
            text: "Hvad värket angår, så är prässen fri i diett.".into(),
            origin: tolk::Origin::Typed,
        })
        .unwrap();
    });
    let found = spelling(&path, &["--spell-source"]);
    let words: Vec<&str> = found
        .iter()
        .filter(|f| f.1 == "source")
        .map(|f| f.2.as_str())
        .collect();
    assert_eq!(words, ["Hvad", "värket", "prässen", "diett"]);
    let found = spelling(&path, &["--spell-source", "--words", "sv-1900"]);
    let words: Vec<&str> = found
        .iter()
        .filter(|f| f.1 == "source")
        .map(|f| f.2.as_str())
        .collect();
    assert_eq!(
        words,
        ["diett"],
        "the sv-1900 list knows the old spellings, not the slip"
    );
    // A project word list and a word list file.
    let list = dir.path().join("mine.txt");
    std::fs::write(&list, "# mine\nleter\n").unwrap();
    let found = spelling(&path, &["--words", list.to_str().unwrap()]);
    assert!(found.iter().all(|f| f.0 == 12), "{found:?}");
    // A dictionaries/ folder beside the project comes before the system's, and
    // $TOLK_DICTIONARIES before both: a made-up en_US that knows only a few words.
    let mine = old.join("dictionaries");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("en_US.aff"), "SET UTF-8\n").unwrap();
    std::fs::write(mine.join("en_US.dic"), "3\nleter\nit\nis\n").unwrap();
    let found = spelling(&path, &[]);
    assert!(
        found.iter().any(|f| f.2 == "raining") && !found.iter().any(|f| f.2 == "leter"),
        "{found:?}"
    );
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("en_US.aff"), "SET UTF-8\n").unwrap();
    std::fs::write(elsewhere.join("en_US.dic"), "1\nraining\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_tolk"))
        .args([
            "check",
            path.to_str().unwrap(),
            "--checks",
            "spelling",
            "--format",
            "json",
        ])
        .env("TOLK_DICTIONARIES", &elsewhere)
        .env("TOLK_USER_WORDS", "/nonexistent")
        .output()
        .unwrap();
    let keys: Vec<String> = json(&output)
        .iter()
        .map(|f| f["key"].as_str().unwrap().to_string())
        .collect();
    assert!(
        keys.contains(&"leter".to_string()) && !keys.contains(&"raining".to_string()),
        "{keys:?}"
    );
}

#[test]
fn no_dictionary_is_said_once_and_the_other_checks_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::new("x", "sv", "tlh");
    project.append_imported([ImportedRow {
        source: "År 1920.".into(),
        target: "qaStaHvIS 1921.".into(),
        ..ImportedRow::default()
    }]);
    let path = dir.path().join("klingon.json");
    support::save_project(&project, &path).unwrap();
    let output = tolk(&[
        "check",
        path.to_str().unwrap(),
        "--checks",
        "spelling,numbers",
    ]);
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.matches("no Hunspell dictionary for tlh").count(),
        1,
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("numbers"));
}

#[test]
fn tolk_glossary_references_a_file_and_exports_tbx() {
    let dir = tempfile::tempdir().unwrap();
    let path = planted(dir.path(), |_| {});
    let tsv = dir.path().join("terms.tsv");
    std::fs::write(&tsv, "sv\ten\tforbidden\tnote\ndiktatur\tdictatorship\t\t\nstatens ledning\tdirection of the state\tyes\ta calque\n").unwrap();
    let p = path.to_str().unwrap();
    let output = tolk(&[
        "glossary",
        "import",
        p,
        tsv.to_str().unwrap(),
        "--author",
        "Terminologist",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("2 concepts, 1 forbidden terms"));
    let saved = tolk::load_project(&path).unwrap().project;
    assert_eq!(
        saved.qa.glossaries,
        ["terms.tsv"],
        "a path relative to the project, not a copy"
    );
    // The project's glossary is used by tolk check without --glossary.
    let output = tolk(&["check", p, "--checks", "term", "--format", "json"]);
    let rows: Vec<u64> = found(&output).iter().map(|f| f.0).collect();
    assert_eq!(rows, [13, 14]);
    // Exported as TBX, it reads back with the same concepts.
    let tbx = dir.path().join("out.tbx");
    let output = tolk(&["glossary", "export", p, "-o", tbx.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let back = tolk::load_glossary(&tbx, "sv", "en").unwrap();
    let from_tsv = tolk::load_glossary(&tsv, "sv", "en").unwrap();
    let terms = |g: &tolk::Glossary| {
        g.entries
            .iter()
            .map(|e| (e.source.clone(), e.target.clone(), e.note.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(terms(&back), terms(&from_tsv));
    // A glossary file converts without a project; its languages must be given.
    let output = tolk(&["glossary", "export", tsv.to_str().unwrap(), "-o", "-"]);
    assert_eq!(output.status.code(), Some(1));
    let output = tolk(&[
        "glossary",
        "export",
        tsv.to_str().unwrap(),
        "-o",
        "-",
        "--source-lang",
        "sv",
        "--target-lang",
        "en",
    ]);
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("<term>direction of the state</term>")
    );
    // An export never replaces the project, nor a glossary the project reads (it used to
    // write TBX over terms.tsv and exit 0).
    let output = tolk(&["glossary", "export", p, "-o", p]);
    assert_eq!(output.status.code(), Some(1));
    assert!(tolk::load_project(&path).is_ok());
    let before = std::fs::read(&tsv).unwrap();
    let output = tolk(&["glossary", "export", p, "-o", tsv.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("is the glossary this command reads"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(std::fs::read(&tsv).unwrap(), before);
    // Removing the reference leaves the file alone.
    let output = tolk(&["glossary", "remove", p, "terms.tsv"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        tolk::load_project(&path)
            .unwrap()
            .project
            .qa
            .glossaries
            .is_empty()
    );
    assert!(tsv.exists());
}

#[test]
fn stats_json_counts_findings_and_edit_adds_notes() {
    let dir = tempfile::tempdir().unwrap();
    let path = planted(dir.path(), |_| {});
    let p = path.to_str().unwrap();
    let output = tolk(&[
        "edit",
        p,
        "note:7=The years: 1914-1918 in the source.",
        "--author",
        "Reviser",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let project = tolk::load_project(&path).unwrap().project;
    assert_eq!(project.rows[6].notes.len(), 1);
    assert_eq!(project.rows[6].notes[0].author, "Reviser");
    assert_eq!(
        tolk(&["edit", p, "note:7=  "]).status.code(),
        Some(1),
        "a blank note is refused"
    );
    let output = tolk(&["stats", p, "--format", "json"]);
    assert!(output.status.success());
    let stats: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stats["rows"], 48);
    assert_eq!(stats["statuses"]["translated"]["rows"], 48);
    assert_eq!(stats["findings"]["numbers"], 2);
    assert_eq!(stats["findings"]["end-punctuation"], 1);
    assert!(
        stats["target"]["characters"].as_u64().unwrap()
            > stats["target"]["words"].as_u64().unwrap()
    );
    let text = String::from_utf8(tolk(&["stats", p, "--no-checks"]).stdout).unwrap();
    assert!(
        text.contains("translated: 48") && !text.contains("findings"),
        "{text}"
    );
}
