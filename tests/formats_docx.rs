//! The DOCX exports: the review table and the changes since a milestone as Word tracked
//! changes. Read back with Tolk's own DOCX import (which takes tracked changes as accepted) and,
//! for "reject all", with the same import after the changes are rejected in the XML as Word
//! rejects them (insertions removed, deletions kept as text). LibreOffice's reading of both
//! files is checked by `.ci/libreoffice-check`.

mod support;

use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output};

use jiff::{SignedDuration, Timestamp};
use tolk::{
    Edit, ExportFormat, ImportedRow, Milestone, Options, Origin, Project, Side, Status, Units,
    export_to, read_document, text_at,
};

/// A project with a paragraph break, a line break and a tab, markup characters, Swedish
/// letters, and all four statuses. Its rows are imported an hour before `base()`.
fn project() -> Project {
    let mut project = Project::new("Granskning <& prov>", "sv", "en");
    project.session.author = "Importer".into();
    project.append_imported(
        [
            ("Det regnar i Göteborg.", "It rains in Gothenburg."),
            (
                "Vi går hem\nmed <paraply> & stövlar.",
                "We walk home\nwith <umbrella> & boots.",
            ),
            ("Kolumn\tett.", ""),
            ("Den sista meningen står här.", "The last sentence is here."),
            ("Ytterligare en rad.", "One more row."),
        ]
        .map(|(source, target)| ImportedRow {
            source: source.into(),
            target: target.into(),
            starts_paragraph: true,
            score: None,
        }),
    );
    let statuses = [
        Status::Translated,
        Status::Reviewed,
        Status::Untranslated,
        Status::Draft,
        Status::Translated,
    ];
    for (i, status) in statuses.into_iter().enumerate() {
        let row = project.rows[i].id;
        project.apply(Edit::SetStatus { row, status }).unwrap();
    }
    project
}

fn base() -> Timestamp {
    Timestamp::now() + SignedDuration::from_hours(1)
}

/// The parts of a DOCX file by name.
fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// A copy of a DOCX file with `word/document.xml` replaced.
fn with_document(docx: &[u8], document: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        let name = file.name().unwrap().to_string();
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        if name == "word/document.xml" {
            out.write_all(document.as_bytes()).unwrap();
        } else {
            out.write_all(&bytes).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

/// What Word's "Reject All Changes" leaves: insertions gone, deleted text back as text.
fn reject_all(document: &str) -> String {
    let insertions = regex::Regex::new(r"(?s)<w:ins [^>]*>.*?</w:ins>").unwrap();
    let deletions = regex::Regex::new(r"<w:del [^>]*>|</w:del>").unwrap();
    let rejected = insertions.replace_all(document, "");
    deletions
        .replace_all(&rejected, "")
        .replace("w:delText", "w:t")
}

/// The paragraphs Tolk's DOCX import reads (tracked changes taken as accepted).
fn paragraphs(docx: &[u8]) -> Vec<String> {
    read_document(docx, Path::new("export.docx"))
        .unwrap()
        .paragraphs
}

/// How the import reads one text: white space runs as one space (line breaks and tabs too).
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn export(project: &Project, format: ExportFormat, options: &Options) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.docx");
    export_to(project, format, options, &out, None).unwrap();
    fs::read(out).unwrap()
}

#[test]
fn the_review_table_holds_every_row_with_its_number_texts_and_status_on_landscape_pages() {
    let project = project();
    let docx = export(&project, ExportFormat::Docx, &Options::default());
    let document = part(&docx, "word/document.xml");
    assert!(document.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#));
    assert!(
        document.contains("<w:tblHeader/>"),
        "the heading row repeats"
    );
    assert!(
        document.contains(r#"<w:lang w:val="sv"/>"#)
            && document.contains(r#"<w:lang w:val="en"/>"#)
    );
    assert!(document.contains("<w:br/>") && document.contains("<w:tab/>"));
    assert!(!document.contains("<w:ins ") && !document.contains("<w:del "));
    let reviewed_tint = Status::Reviewed.colour().tint(tolk::BACKGROUND_TINT);
    let fill = format!(
        r#"w:fill="{:02X}{:02X}{:02X}""#,
        reviewed_tint.0, reviewed_tint.1, reviewed_tint.2
    );
    assert!(
        document.contains(&fill),
        "the status cell is shaded: {fill}"
    );
    assert!(
        part(&docx, "docProps/core.xml")
            .contains("<dc:title>Granskning &lt;&amp; prov&gt;</dc:title>")
    );
    assert!(!part(&docx, "word/settings.xml").contains("trackRevisions"));

    let mut expected: Vec<String> = [
        "Granskning <& prov>",
        "sv → en: 5 rows for review",
        "#",
        "Source (sv)",
        "Target (en)",
        "Status",
        "Notes",
    ]
    .map(String::from)
    .to_vec();
    for (i, row) in project.rows.iter().enumerate() {
        expected.push((i + 1).to_string());
        expected.push(flat(&row.source));
        if !row.target.is_empty() {
            expected.push(flat(&row.target));
        }
        expected.push(row.status.name().to_string());
    }
    assert_eq!(paragraphs(&docx), expected);
    // The same project gives the same bytes (no time of export inside).
    assert_eq!(
        export(&project, ExportFormat::Docx, &Options::default()),
        docx
    );
}

#[test]
fn the_notes_column_holds_each_rows_notes_with_author_and_date() {
    let mut project = project();
    let row = project.rows[1].id;
    let at: Timestamp = "2026-11-30T10:00:00Z".parse().unwrap();
    project.session.author = "Reviser".into();
    for text in ["Check the umbrella <term> & its plural.", "Second thought."] {
        project
            .apply_at(
                Edit::AddNote {
                    row,
                    text: text.into(),
                },
                at,
            )
            .unwrap();
    }
    let docx = export(&project, ExportFormat::Docx, &Options::default());
    let paragraphs = paragraphs(&docx);
    let at_row = paragraphs.iter().position(|p| p == "2").unwrap();
    let cell: Vec<&str> = paragraphs[at_row + 1..]
        .iter()
        .take_while(|p| *p != "3")
        .map(String::as_str)
        .collect();
    assert_eq!(
        cell,
        [
            "Vi går hem med <paraply> & stövlar.",
            "We walk home with <umbrella> & boots.",
            "reviewed",
            // One line per note (a line break in the cell; the import reads it as a space).
            "Reviser (2026-11-30): Check the umbrella <term> & its plural. Reviser (2026-11-30): Second thought.",
        ]
    );
    let xml = part(&docx, "word/document.xml");
    assert!(xml.contains(
        "Check the umbrella &lt;term&gt; &amp; its plural.</w:t><w:br/><w:t xml:space=\"preserve\">Reviser"
    ));
}

#[test]
fn the_review_table_follows_the_status_filter_rows_numbering_and_sentence_units() {
    let project = project();
    let part_of = tolk::rows_between(&project, 2, 4).unwrap();
    let options = Options {
        statuses: vec![Status::Reviewed, Status::Draft],
        first_row: 2,
        ..Options::default()
    };
    let read = paragraphs(&export(&part_of, ExportFormat::Docx, &options));
    let numbers: Vec<&str> = read
        .iter()
        .map(String::as_str)
        .filter(|p| p.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .collect();
    assert_eq!(numbers, ["2", "4"], "{read:?}");
    assert!(read.contains(&"reviewed".to_string()) && read.contains(&"draft".to_string()));
    assert!(
        !read
            .iter()
            .any(|p| p.contains("Gothenburg") || p == "untranslated")
    );

    let mut two = Project::new("t", "sv", "en");
    two.append_imported([ImportedRow {
        source: "Det regnar. Vi går hem.".into(),
        target: "It rains. We go home.".into(),
        ..ImportedRow::default()
    }]);
    let options = Options {
        units: Units::Sentences,
        ..Options::default()
    };
    let read = paragraphs(&export(&two, ExportFormat::Docx, &options));
    assert_eq!(
        read[7..],
        [
            "1.1",
            "Det regnar.",
            "It rains.",
            "draft",
            "1.2",
            "Vi går hem.",
            "We go home.",
            "draft"
        ]
    );
}

#[test]
fn a_control_character_is_refused_with_its_row_or_dropped() {
    let mut project = project();
    let row = project.rows[0].id;
    project
        .apply(Edit::SetText {
            row,
            side: Side::Target,
            text: "It\u{7} rains.".into(),
            origin: Origin::Typed,
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.docx");
    let error = export_to(
        &project,
        ExportFormat::Docx,
        &Options::default(),
        &out,
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("U+0007") && error.contains("#1"), "{error}");
    assert!(!out.exists());
    let options = Options {
        invalid_chars: tolk::InvalidChars::Drop,
        ..Options::default()
    };
    let read = paragraphs(&export(&project, ExportFormat::Docx, &options));
    assert!(read.contains(&"It rains.".to_string()), "{read:?}");
}

/// The project after a milestone: a target rewritten by Anna, a source corrected by Bo, two
/// rows merged by Anna, a translation added to an empty row, one row left alone.
fn edited() -> (Project, Timestamp) {
    let mut project = project();
    let base = base();
    project
        .apply_at(
            Edit::AddMilestone {
                milestone: Milestone::new("sent to reviewer", base),
                index: None,
            },
            base,
        )
        .unwrap();
    let at = |minutes: i64| base + SignedDuration::from_mins(minutes);
    let ids: Vec<_> = project.rows.iter().map(|r| r.id).collect();
    let edit = |project: &mut Project, author: &str, minutes, edit| {
        project.session.author = String::from(author);
        project.apply_at(edit, at(minutes)).unwrap();
    };
    let set = |row, side, text: &str| Edit::SetText {
        row,
        side,
        text: text.into(),
        origin: Origin::Typed,
    };
    edit(
        &mut project,
        "Anna",
        10,
        set(ids[0], Side::Target, "It is raining hard in Gothenburg."),
    );
    edit(
        &mut project,
        "Bo",
        20,
        set(
            ids[1],
            Side::Source,
            "Vi går hem\nmed <paraply> och stövlar.",
        ),
    );
    edit(&mut project, "Anna", 30, Edit::Merge { row: ids[3] });
    edit(
        &mut project,
        "Anna",
        40,
        set(
            ids[3],
            Side::Target,
            "The last sentence is here, and one more row.",
        ),
    );
    edit(
        &mut project,
        "Cecilia",
        50,
        set(ids[2], Side::Target, "Column\tone."),
    );
    (project, base)
}

#[test]
fn tracked_changes_accepted_give_the_current_texts_and_rejected_the_milestones() {
    let (project, base) = edited();
    let options = Options {
        since: Some("sent to reviewer".into()),
        ..Options::default()
    };
    let docx = export(&project, ExportFormat::DocxChanges, &options);
    let document = part(&docx, "word/document.xml");
    assert!(part(&docx, "word/settings.xml").contains("<w:trackRevisions/>"));
    assert!(document.contains(r#"w:orient="landscape""#));
    // Authors and times of the revisions, as Word wants them.
    let stamp = |minutes: i64| {
        (base + SignedDuration::from_mins(minutes))
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    };
    for (author, minutes) in [("Anna", 10), ("Bo", 20), ("Anna", 40), ("Cecilia", 50)] {
        let mark = format!(r#"w:author="{author}" w:date="{}""#, stamp(minutes));
        assert!(document.contains(&mark), "{mark} missing");
    }
    assert!(document.contains("<w:delText"), "deleted text is w:delText");
    let ids: Vec<&str> = regex::Regex::new(r#"<w:(?:ins|del) w:id="(\d+)""#)
        .unwrap()
        .captures_iter(&document)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert!(ids.len() >= 6 && unique.len() == ids.len(), "{ids:?}");

    // Rows 1, 2, 3 and the merged 4–5 changed; each change is a table row of six cells:
    // number, kind, source, target, status, notes (empty, so not read).
    let header = [
        "#",
        "Change",
        "Source (sv)",
        "Target (en)",
        "Status",
        "Notes",
    ];
    let expected = |texts: &dyn Fn(usize, Side) -> String| -> Vec<String> {
        let mut cells: Vec<String> = header.map(String::from).to_vec();
        for (number, kind, index) in [
            ("1", "edited", 0),
            ("2", "edited", 1),
            ("3", "edited", 2),
            ("4", "merged", 3),
        ] {
            cells.push(number.into());
            cells.push(kind.into());
            for side in Side::BOTH {
                let text = flat(&texts(index, side));
                if !text.is_empty() {
                    cells.push(text);
                }
            }
            cells.push(project.rows[index].status.name().into());
        }
        cells
    };
    let now = |index: usize, side: Side| project.rows[index].text(side).to_string();
    let accepted = paragraphs(&docx);
    assert_eq!(accepted[2..], expected(&now)[..]);
    assert_eq!(
        accepted[1],
        "sv → en: 4 changes since the milestone “sent to reviewer” (".to_string()
            + &base.strftime("%Y-%m-%d %H:%M UTC").to_string()
            + "), as tracked changes to accept or reject"
    );

    let original = self::project();
    let then = |index: usize, side: Side| -> String {
        if index == 3 {
            // The merged row: the two rows' texts at the milestone, joined as a merge joins.
            return [3, 4]
                .map(|i| original.rows[i].text(side).to_string())
                .join(" ");
        }
        let row = &project.rows[index];
        text_at(row, side, base).unwrap_or("").to_string()
    };
    let rejected = paragraphs(&with_document(&docx, &reject_all(&document)));
    assert_eq!(rejected[2..], expected(&then)[..]);
    assert!(rejected.contains(&"We walk home with <umbrella> & boots.".to_string()));
    assert!(rejected.contains(&"It rains in Gothenburg.".to_string()));
}

#[test]
fn changes_follow_the_status_filter_and_need_a_known_milestone() {
    let (project, _) = edited();
    // Only the changes with a row of row 3's status (whatever typing into it made it).
    let status = project.rows[2].status;
    let options = Options {
        since: Some("sent to reviewer".into()),
        statuses: vec![status],
        ..Options::default()
    };
    let read = paragraphs(&export(&project, ExportFormat::DocxChanges, &options));
    let numbers: Vec<String> = [0, 1, 2, 3]
        .into_iter()
        .filter(|&i| project.rows[i].status == status)
        .map(|i| (i + 1).to_string())
        .collect();
    let shown: Vec<&String> = read.iter().filter(|p| numbers.contains(p)).collect();
    assert_eq!(shown.len(), numbers.len(), "{read:?}");
    assert!(read.contains(&"Column one.".to_string()));
    assert!(
        !read
            .iter()
            .any(|p| p.contains("Gothenburg") && status != project.rows[0].status)
    );

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.docx");
    let missing = Options {
        since: Some("sent to printer".into()),
        ..Options::default()
    };
    let error = export_to(&project, ExportFormat::DocxChanges, &missing, &out, None)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("no milestone named \"sent to printer\"")
            && error.contains("\"sent to reviewer\""),
        "{error}"
    );
    let error = export_to(
        &project,
        ExportFormat::DocxChanges,
        &Options::default(),
        &out,
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("needs a milestone"), "{error}");
    assert!(!out.exists());
}

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

#[test]
fn the_cli_writes_both_docx_files_under_the_output_rules() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let (project, _) = edited();
    support::save_project(&project, &path).unwrap();
    let p = path.to_str().unwrap();

    // To standard output.
    let output = tolk(&["export", p, "--format", "docx", "-o", "-"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(output.stdout.starts_with(b"PK\x03\x04"));
    assert_eq!(paragraphs(&output.stdout)[7], "1");
    let output = tolk(&[
        "export",
        p,
        "--format",
        "docx-changes",
        "--since",
        "sent to reviewer",
        "-o",
        "-",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("4 changes since the milestone \"sent to reviewer\""));
    assert!(part(&output.stdout, "word/document.xml").contains("<w:ins "));

    // --rows numbers as the window does.
    let out = dir.path().join("part.docx");
    let o = out.to_str().unwrap();
    let output = tolk(&["export", p, "--format", "docx", "--rows", "2-3", "-o", o]);
    assert!(output.status.success(), "{}", stderr(&output));
    let read = paragraphs(&fs::read(&out).unwrap());
    assert_eq!(read[7], "2", "{read:?}");
    assert!(read.contains(&"3".to_string()) && !read.contains(&"1".to_string()));

    // Through a symlink, the file it points to is written and the link stays.
    let target = dir.path().join("real.docx");
    fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.docx");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let output = tolk(&[
        "export",
        p,
        "--format",
        "docx",
        "-o",
        link.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read(&target).unwrap().starts_with(b"PK"));

    // Never over the project itself; the wrong --since combinations are refused.
    let before = fs::read(&path).unwrap();
    for args in [
        vec!["export", p, "--format", "docx", "-o", p],
        vec![
            "export",
            p,
            "--format",
            "docx-changes",
            "--since",
            "sent to reviewer",
            "-o",
            p,
        ],
        vec!["export", p, "--format", "docx-changes", "-o", o],
        vec![
            "export",
            p,
            "--format",
            "docx",
            "--since",
            "sent to reviewer",
            "-o",
            o,
        ],
        vec![
            "export",
            p,
            "--format",
            "docx-changes",
            "--since",
            "nope",
            "-o",
            o,
        ],
    ] {
        let output = tolk(&args);
        assert!(!output.status.success(), "{args:?} succeeded");
        assert!(!stderr(&output).is_empty());
    }
    assert_eq!(fs::read(&path).unwrap(), before);
    let output = tolk(&["export", p, "--format", "docx-changes", "-o", o]);
    assert!(
        stderr(&output).contains("--since MILESTONE"),
        "{}",
        stderr(&output)
    );
    let output = tolk(&[
        "export",
        p,
        "--format",
        "docx-changes",
        "--since",
        "nope",
        "-o",
        o,
    ]);
    assert!(
        stderr(&output).contains("\"sent to reviewer\""),
        "{}",
        stderr(&output)
    );
}
