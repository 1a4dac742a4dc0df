//! `tolk export` and `tolk import` end to end: every format, the options, and failures that
//! leave no file behind.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tolk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tolk"))
        .args(args)
        .env("TOLK_AUTHOR", "cli-test")
        .output()
        .expect("tolk runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tricky.tsv")
}

/// The fixture imported into a project in `dir`.
fn imported(dir: &Path) -> PathBuf {
    let project = dir.join("p.json");
    let output = tolk(&[
        "import",
        fixture().to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    project
}

fn rows(project: &Path) -> Vec<(String, String, String)> {
    let loaded = tolk::load_project(project).unwrap().project;
    loaded
        .rows
        .iter()
        .map(|r| {
            (
                r.source.clone(),
                r.target.clone(),
                r.status.name().to_string(),
            )
        })
        .collect()
}

#[test]
fn import_reads_languages_statuses_and_texts_from_tsv() {
    let dir = tempfile::tempdir().unwrap();
    let project = imported(dir.path());
    let loaded = tolk::load_project(&project).unwrap().project;
    assert_eq!(
        (
            loaded.meta.source_lang.as_str(),
            loaded.meta.target_lang.as_str()
        ),
        ("sv", "en")
    );
    let statuses: Vec<&str> = loaded.rows.iter().map(|r| r.status.name()).collect();
    assert_eq!(
        statuses,
        [
            "reviewed",
            "translated",
            "draft",
            "untranslated",
            "translated"
        ]
    );
    assert_eq!(loaded.rows[1].source, "Rad ett.\nRad två.\tMed tabb.");
    assert_eq!(loaded.rows[4].target, "Path C:\\temp & <folder>");
    assert!(
        loaded
            .rows
            .iter()
            .flat_map(|r| &r.history)
            .all(|r| r.origin == tolk::Origin::Imported && r.author == "cli-test")
    );
}

#[test]
fn every_importable_export_comes_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let project = imported(dir.path());
    for format in ["tmx", "xliff", "xliff12", "tsv"] {
        let out = dir.path().join(format!("out.{format}"));
        let output = tolk(&[
            "export",
            project.to_str().unwrap(),
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
            // TMX leaves out unfinished rows unless asked for them (see the test below).
            "--status",
            "untranslated,draft,translated,reviewed",
        ]);
        assert!(output.status.success(), "{format}: {}", stderr(&output));
        assert!(stderr(&output).contains("5 units"), "{}", stderr(&output));
        let back = dir.path().join(format!("back-{format}.json"));
        let output = tolk(&[
            "import",
            out.to_str().unwrap(),
            "-o",
            back.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{format}: {}", stderr(&output));
        assert_eq!(rows(&back), rows(&project), "{format}");
    }
}

#[test]
fn tmx_export_by_default_holds_finished_rows_and_says_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let project = imported(dir.path());
    let out = dir.path().join("memory.tmx");
    let output = tolk(&[
        "export",
        project.to_str().unwrap(),
        "--format",
        "tmx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("3 units (left out 1 untranslated rows, 1 draft rows)"),
        "{}",
        stderr(&output)
    );
    let tmx = fs::read_to_string(&out).unwrap();
    assert_eq!(tmx.matches("<tu ").count(), 3);
    assert!(!tmx.contains("<seg></seg>"), "{tmx}");
}

#[test]
fn status_filter_and_sentence_units() {
    let dir = tempfile::tempdir().unwrap();
    let project = imported(dir.path());
    let out = dir.path().join("out.tsv");
    let p = project.to_str().unwrap();
    let o = out.to_str().unwrap();
    let output = tolk(&[
        "export",
        p,
        "--format",
        "tsv",
        "-o",
        o,
        "--status",
        "draft,reviewed",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = fs::read_to_string(&out).unwrap();
    let statuses: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split('\t').nth(2).unwrap())
        .collect();
    assert_eq!(statuses, ["reviewed", "draft"]);
    // Row 3 ("Det regnar. Vi går hem." / "It rains. We go home.") is two sentence pairs; row 2
    // has two sentences a side too; the others stay whole.
    let output = tolk(&[
        "export",
        p,
        "--format",
        "moses",
        "-o",
        o,
        "--units",
        "sentences",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let source = fs::read_to_string(dir.path().join("out.tsv.sv")).unwrap();
    let target = fs::read_to_string(dir.path().join("out.tsv.en")).unwrap();
    assert_eq!(source.lines().count(), target.lines().count());
    assert!(
        source.lines().any(|l| l == "Det regnar.") && target.lines().any(|l| l == "We go home."),
        "{source}\n{target}"
    );
    let bad = tolk(&["export", p, "--format", "tsv", "-o", o, "--status", "done"]);
    assert!(
        !bad.status.success() && stderr(&bad).contains("unknown status"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn moses_files_have_equal_line_counts_with_line_breaks_folded() {
    let dir = tempfile::tempdir().unwrap();
    let project = imported(dir.path());
    let prefix = dir.path().join("corpus");
    let output = tolk(&[
        "export",
        project.to_str().unwrap(),
        "--format",
        "moses",
        "-o",
        prefix.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let source = fs::read_to_string(dir.path().join("corpus.sv")).unwrap();
    let target = fs::read_to_string(dir.path().join("corpus.en")).unwrap();
    assert_eq!(source.lines().count(), 5);
    assert_eq!(target.lines().count(), 5);
    assert_eq!(source.lines().nth(1), Some("Rad ett. Rad två.\tMed tabb."));
    assert_eq!(target.lines().nth(3), Some(""));
}

#[test]
fn html_is_one_escaped_page_with_status_colours_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let project = imported(dir.path());
    let out = dir.path().join("page.html");
    let output = tolk(&[
        "export",
        project.to_str().unwrap(),
        "--format",
        "html",
        "-o",
        out.to_str().unwrap(),
        "--status-colours",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = fs::read_to_string(&out).unwrap();
    assert!(
        page.contains("Tag &lt;b&gt; &amp; &quot;quote&quot;"),
        "{page}"
    );
    assert!(page.contains("Line one.<br>\nLine two."));
    assert!(page.contains("<body class=\"colours\">") && page.contains("class=\"legend\""));
    assert_eq!(page.matches("<tr id=").count(), 5);
    // The page uses the window's palette: each status's stripe in its own colour.
    for status in tolk::Status::ALL {
        let stripe = format!(
            ".colours tr.{0} td:first-child, .legend .{0} {{ border-left: 0.4em solid {1}; }}",
            status.name(),
            status.colour().hex()
        );
        assert!(page.contains(&stripe), "{stripe} missing in {page}");
    }
}

#[test]
fn a_refused_export_writes_nothing_and_a_replacing_one_keeps_the_old_file_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = dir.path().join("bell.tsv");
    fs::write(
        &tsv,
        "sv\ten\tstatus\tconfidence\nklocka\tbell\u{7}\ttranslated\t\n",
    )
    .unwrap();
    let project = dir.path().join("bell.json");
    assert!(
        tolk(&[
            "import",
            tsv.to_str().unwrap(),
            "-o",
            project.to_str().unwrap()
        ])
        .status
        .success()
    );
    let out = dir.path().join("bell.tmx");
    fs::write(&out, "old export").unwrap();
    let output = tolk(&[
        "export",
        project.to_str().unwrap(),
        "--format",
        "tmx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert_eq!(
        stderr(&output).matches("U+0007").count(),
        1,
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&out).unwrap(), "old export");
    let output = tolk(&[
        "export",
        project.to_str().unwrap(),
        "--format",
        "tmx",
        "-o",
        out.to_str().unwrap(),
        "--drop-control-chars",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .contains("<seg>bell</seg>")
    );
    // The file the export replaced is kept beside it, and the export says so.
    let backup = dir.path().join("bell.tmx.bak");
    assert_eq!(fs::read_to_string(&backup).unwrap(), "old export");
    let said = stderr(&output);
    let kept = format!("the file it replaced is kept as {}", backup.display());
    assert!(said.contains(&kept), "{said}");
}

#[test]
fn a_malformed_import_names_the_file_line_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.xlf");
    fs::write(&file, "<?xml version=\"1.0\"?>\n<xliff version=\"2.0\" srcLang=\"sv\">\n<file id=\"f\"><unit id=\"u\"></file>\n").unwrap();
    let project = dir.path().join("p.json");
    let output = tolk(&[
        "import",
        file.to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("broken.xlf") && message.contains("line 3, column "),
        "{message}"
    );
    assert!(!project.exists());
    let existing = dir.path().join("p.json");
    fs::write(&existing, "{}").unwrap();
    let output = tolk(&[
        "import",
        fixture().to_str().unwrap(),
        "-o",
        existing.to_str().unwrap(),
    ]);
    assert!(!output.status.success() && stderr(&output).contains("--force"));
}

#[test]
fn import_chooses_tmx_languages_and_prints_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/foreign/three-languages.tmx");
    let out = dir.path().join("memory.json");
    let (t, o) = (tmx.to_str().unwrap(), out.to_str().unwrap());
    let output = tolk(&["import", t, "-o", o]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("3 languages (sv, en, de)"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists(), "a refused import writes nothing");
    let output = tolk(&[
        "import",
        t,
        "-o",
        o,
        "--source-lang",
        "sv",
        "--target-lang",
        "en",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("warning: ")
            && stderr(&output).contains("left out 1 unit with text only in de"),
        "{}",
        stderr(&output)
    );
    let project = tolk::load_project(&out).unwrap().project;
    assert_eq!(
        (
            project.meta.source_lang.as_str(),
            project.meta.target_lang.as_str()
        ),
        ("sv", "en")
    );
    let targets: Vec<&str> = project.rows.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "The dictatorship of the proletariat.",
            "It is a transitional form."
        ]
    );
}

#[test]
fn import_into_an_existing_project_updates_matching_rows_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = dir.path().join("todo.tsv");
    fs::write(
        &tsv,
        "sv\ten\tstatus\tconfidence\nProletariatets diktatur.\t\tuntranslated\t\nDet är en övergångsform.\tOld.\tdraft\t\nEgen rad.\tOwn.\ttranslated\t\n",
    )
    .unwrap();
    let project = dir.path().join("todo.json");
    let p = project.to_str().unwrap();
    assert!(
        tolk(&["import", tsv.to_str().unwrap(), "-o", p])
            .status
            .success()
    );
    // po2tmx's memory: header srclang="en", units sv -> en.
    let tmx = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/foreign/po2tmx-sv-en.tmx");
    let output = tolk(&[
        "import",
        tmx.to_str().unwrap(),
        "--into",
        p,
        "--author",
        "merger",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("1 matched (1 rows changed), 1 unmatched, 0 conflicting"),
        "{}",
        stderr(&output)
    );
    let loaded = tolk::load_project(&project).unwrap().project;
    let rows: Vec<(&str, &str)> = loaded
        .rows
        .iter()
        .map(|r| (r.target.as_str(), r.status.name()))
        .collect();
    assert_eq!(
        rows,
        [
            ("The dictatorship of the proletariat.", "translated"),
            ("Old.", "draft"),
            ("Own.", "translated"),
        ]
    );
    let last = loaded.rows[0].history.last().unwrap();
    assert_eq!(
        (last.author.as_str(), last.origin),
        ("merger", tolk::Origin::Imported)
    );
}

#[test]
fn rows_limit_every_export_numbered_from_one_inclusive() {
    let dir = tempfile::tempdir().unwrap();
    let project = imported(dir.path());
    let p = project.to_str().unwrap();
    let out = dir.path().join("part.tsv");
    let o = out.to_str().unwrap();
    let output = tolk(&["export", p, "--format", "tsv", "-o", o, "--rows", "2-3"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let read = tolk::tsv::read(&fs::read(&out).unwrap()).unwrap();
    let all = tolk::load_project(&project).unwrap().project;
    let sources: Vec<&str> = read.units.iter().map(|u| u.source.as_str()).collect();
    assert_eq!(
        sources,
        [all.rows[1].source.as_str(), all.rows[2].source.as_str()]
    );
    let output = tolk(&["export", p, "--format", "tsv", "-o", o, "--rows", "5"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("1 units"), "{}", stderr(&output));
    for bad in ["0-2", "3-2", "5-6"] {
        let output = tolk(&["export", p, "--format", "tsv", "-o", o, "--rows", bad]);
        assert!(!output.status.success(), "{bad}");
    }
}

#[test]
fn realign_rows_are_numbered_like_the_exports_rows() {
    let dir = tempfile::tempdir().unwrap();
    let project = imported(dir.path());
    let p = project.to_str().unwrap();
    // Row 3 of the fixture holds two sentences on each side: realigning rows 3-3 alone splits
    // it in two, so the range really is row 3 (from 1, both ends included).
    let before = tolk::load_project(&project).unwrap().project;
    assert_eq!(before.rows[2].source, "Det regnar. Vi går hem.");
    let output = tolk(&["realign", p, "--rows", "3-3"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("realigned rows 3-3"),
        "{}",
        stderr(&output)
    );
    let after = tolk::load_project(&project).unwrap().project;
    let sources: Vec<&str> = after.rows.iter().map(|r| r.source.as_str()).collect();
    assert_eq!(sources[2..4], ["Det regnar.", "Vi går hem."], "{sources:?}");
    assert_eq!(after.rows.len(), before.rows.len() + 1);
    assert_eq!(after.rows[..2], before.rows[..2]);
    // The old form is refused, saying what to write instead, and nothing is saved.
    let saved = fs::read(&project).unwrap();
    let output = tolk(&["realign", p, "--rows", "2..4"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("write `--rows 3-4`"),
        "{}",
        stderr(&output)
    );
    let output = tolk(&["realign", p, "--rows", "5-99"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("has 6 rows"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read(&project).unwrap(), saved);
}
