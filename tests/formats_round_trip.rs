//! Bilingual formats: export then import gives back the same texts, languages and statuses
//! (property tests over random Unicode), and what happens to characters XML cannot carry.

use proptest::prelude::*;
use tolk::{
    Bilingual, ExportError, ImportedRow, InvalidChars, Options, Project, ReadError, Status,
};

/// A format that can be written and read back.
#[derive(Debug, Clone, Copy)]
enum Format {
    Tmx,
    Xliff2,
    Xliff12,
    Tsv,
    Csv,
}

const FORMATS: [Format; 5] = [
    Format::Tmx,
    Format::Xliff2,
    Format::Xliff12,
    Format::Tsv,
    Format::Csv,
];

fn export(format: Format, project: &Project, options: &Options) -> Result<Vec<u8>, ExportError> {
    let mut bytes = Vec::new();
    match format {
        Format::Tmx => tolk::tmx::write(project, options, &mut bytes),
        Format::Xliff2 => tolk::xliff2::write(project, options, &mut bytes),
        Format::Xliff12 => tolk::xliff12::write(project, options, &mut bytes),
        Format::Tsv => tolk::tsv::write(project, options, &mut bytes),
        Format::Csv => tolk::csv::write(project, options, &mut bytes),
    }?;
    Ok(bytes)
}

fn import(format: Format, bytes: &[u8]) -> Result<Bilingual, ReadError> {
    let read = match format {
        Format::Tmx => tolk::tmx::read(bytes),
        Format::Xliff2 => tolk::xliff2::read(bytes),
        Format::Xliff12 => tolk::xliff12::read(bytes),
        Format::Tsv => tolk::tsv::read(bytes),
        Format::Csv => tolk::csv::read(bytes),
    }?;
    // Whatever the format, detection must find the same reader.
    assert_eq!(
        tolk::read_bilingual(bytes).as_ref(),
        Ok(&read),
        "{format:?}"
    );
    Ok(read)
}

/// XML 1.0's Char production, written out independently of the library's.
fn xml_allows(c: char) -> bool {
    let c = c as u32;
    c == 0x9
        || c == 0xA
        || c == 0xD
        || (0x20..=0xD7FF).contains(&c)
        || (0xE000..=0xFFFD).contains(&c)
        || c >= 0x10000
}

/// Characters that break naive writers, weighted against any Unicode scalar value.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(vec![
            '&', '<', '>', '"', '\'', '\t', '\n', '\r', ' ', '\\', 'å', 'ä', 'ö', 'Å', 'Ä', 'Ö', 'é',
            ';', '#', ']', '\u{A0}', '\u{2028}', '\u{85}', '\u{FEFF}', '😀',
        ]),
        2 => any::<char>(),
    ]
}

fn text(allowed: fn(char) -> bool) -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..24)
        .prop_map(move |chars| chars.into_iter().filter(|c| allowed(*c)).collect())
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

/// A project with random rows, statuses and a language pair, built through the edit API.
fn project(allowed: fn(char) -> bool) -> impl Strategy<Value = Project> {
    let langs = prop::sample::select(vec![
        ("sv", "en"),
        ("sv-SE", "en-GB"),
        ("de", "sv"),
        ("fi", "ru"),
    ]);
    (
        langs,
        prop::collection::vec((text(allowed), text(allowed), status()), 0..12),
    )
        .prop_map(|((source_lang, target_lang), rows)| {
            let mut project = Project::new("round trip", source_lang, target_lang);
            project.session.author = "prop".into();
            project.append_imported(rows.iter().map(|(source, target, _)| ImportedRow {
                source: source.clone(),
                target: target.clone(),
                ..ImportedRow::default()
            }));
            let edits = project
                .rows
                .iter()
                .zip(&rows)
                .map(|(row, (_, target, status))| tolk::Edit::SetStatus {
                    row: row.id,
                    // A row without a translation cannot be translated or reviewed.
                    status: if target.trim().is_empty() {
                        (*status).min(Status::Draft)
                    } else {
                        *status
                    },
                })
                .collect();
            project.apply(tolk::Edit::Batch(edits)).unwrap();
            project
        })
}

type Content = (String, String, Vec<(String, String, Status)>);

fn content(project: &Project) -> Content {
    (
        project.meta.source_lang.clone(),
        project.meta.target_lang.clone(),
        project
            .rows
            .iter()
            .map(|r| (r.source.clone(), r.target.clone(), r.status))
            .collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn export_then_import_gives_the_same_texts_languages_and_statuses(project in project(xml_allows)) {
        for format in FORMATS {
            let bytes = export(format, &project, &Options::default()).unwrap();
            let back = import(format, &bytes)
                .unwrap_or_else(|e| panic!("{format:?}: {e}\n{}", String::from_utf8_lossy(&bytes)))
                .into_project("back", "tester");
            prop_assert_eq!(content(&back), content(&project), "{:?}", format);
        }
    }

    #[test]
    fn tsv_and_csv_round_trip_every_character_even_those_xml_forbids(project in project(|_| true)) {
        for format in [Format::Tsv, Format::Csv] {
            let bytes = export(format, &project, &Options::default()).unwrap();
            let back = import(format, &bytes).unwrap().into_project("back", "tester");
            prop_assert_eq!(content(&back), content(&project), "{:?}", format);
        }
    }

    #[test]
    fn forbidden_characters_are_refused_or_dropped_never_written(project in project(|_| true)) {
        let forbidden = project.rows.iter().any(|r| !r.source.chars().chain(r.target.chars()).all(xml_allows));
        let drop = Options { invalid_chars: InvalidChars::Drop, ..Options::default() };
        for format in [Format::Tmx, Format::Xliff2, Format::Xliff12] {
            match export(format, &project, &Options::default()) {
                Err(ExportError::ForbiddenChar { ch, .. }) => prop_assert!(forbidden && !xml_allows(ch)),
                Err(other) => panic!("{other}"),
                Ok(_) => prop_assert!(!forbidden),
            }
            let bytes = export(format, &project, &drop).unwrap();
            let text = String::from_utf8(bytes.clone()).unwrap();
            prop_assert!(text.chars().all(xml_allows));
            let back = import(format, &bytes).unwrap().into_project("back", "tester");
            let mut expected = content(&project);
            for (source, target, status) in &mut expected.2 {
                source.retain(xml_allows);
                target.retain(xml_allows);
                // A row whose whole translation was dropped is no longer done.
                if target.trim().is_empty() && *status > Status::Draft {
                    *status = Status::Untranslated;
                }
            }
            prop_assert_eq!(content(&back), expected, "{:?}", format);
        }
    }
}

/// Without an author in the file (this project's revisions have none), the importer is.
#[test]
fn imports_record_imported_revisions_by_the_importer() {
    let mut project = Project::new("t", "sv", "en");
    project.append_imported([ImportedRow {
        source: "Hej".into(),
        target: "Hi".into(),
        ..ImportedRow::default()
    }]);
    for format in FORMATS {
        let bytes = export(format, &project, &Options::default()).unwrap();
        let back = import(format, &bytes)
            .unwrap()
            .into_project("back", "importer");
        let history = &back.rows[0].history;
        assert_eq!(history.len(), 2, "{format:?}");
        assert!(
            history
                .iter()
                .all(|r| r.origin == tolk::Origin::Imported && r.author == "importer")
        );
    }
}

#[test]
fn a_control_character_is_refused_with_the_row_and_character() {
    let mut project = Project::new("t", "sv", "en");
    project.append_imported([ImportedRow {
        source: "ok".into(),
        target: "bell\u{7}".into(),
        ..ImportedRow::default()
    }]);
    let error = export(Format::Tmx, &project, &Options::default()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "row #1: its target contains the control character U+0007 at character 4, which TMX cannot carry; remove it, or export with --drop-control-chars"
    );
}

/// Everything an export -> import round trip must keep, row by row: id, texts, status, lock,
/// confidence, paragraph start and the author of the latest revision.
type Faithful = (
    String,
    String,
    Vec<(
        u64,
        String,
        String,
        Status,
        bool,
        Option<f32>,
        bool,
        Option<String>,
        Vec<(String, String, String)>,
    )>,
);

fn faithful(project: &Project) -> Faithful {
    (
        project.meta.source_lang.clone(),
        project.meta.target_lang.clone(),
        project
            .rows
            .iter()
            .map(|r| {
                (
                    r.id.0,
                    r.source.clone(),
                    r.target.clone(),
                    r.status,
                    r.locked,
                    r.score,
                    r.starts_paragraph,
                    r.history.last().map(|h| h.author.clone()),
                    r.notes
                        .iter()
                        .map(|n| (n.text.clone(), n.author.clone(), n.at.to_string()))
                        .collect(),
                )
            })
            .collect(),
    )
}

/// A project with what Tolk owns beyond texts: paragraph starts, locks, confidences, two
/// authors, every status, ids with a gap (a merge), an empty inserted row, title and notes.
fn rich_project() -> Project {
    let mut project = Project::new("Proletariatets diktatur & <annat>", "sv", "en");
    project.meta.notes = "Översatt för kursen.\nAndra raden: \"citat\".".into();
    project.session.author = "anna".into();
    let rows = [
        ("Rubrik", "Heading", true, Some(0.99)),
        ("Det regnar.", "It rains.", true, Some(0.5)),
        ("Vi går hem.", "We go home.", false, None),
        ("Ett stycke till.", "", true, Some(0.25)),
        ("Slut", "End", false, Some(1.0)),
        ("på allt.", "of all.", false, Some(0.75)),
    ];
    project.append_imported(rows.iter().map(|(s, t, p, score)| ImportedRow {
        source: s.to_string(),
        target: t.to_string(),
        starts_paragraph: *p,
        score: *score,
    }));
    let id = |project: &Project, i: usize| project.rows[i].id;
    project
        .apply(tolk::Edit::Merge {
            row: id(&project, 4),
        })
        .unwrap();
    project.session.author = "björn".into();
    let edits = vec![
        tolk::Edit::SetText {
            row: id(&project, 2),
            side: tolk::Side::Target,
            text: "We walk home.".into(),
            origin: tolk::Origin::Typed,
        },
        tolk::Edit::SetStatus {
            row: id(&project, 0),
            status: Status::Reviewed,
        },
        tolk::Edit::SetStatus {
            row: id(&project, 1),
            status: Status::Translated,
        },
        tolk::Edit::SetStatus {
            row: id(&project, 2),
            status: Status::Draft,
        },
        tolk::Edit::SetStatus {
            row: id(&project, 4),
            status: Status::Translated,
        },
        tolk::Edit::SetLocked {
            row: id(&project, 1),
            locked: true,
        },
        tolk::Edit::SetLocked {
            row: id(&project, 4),
            locked: true,
        },
        tolk::Edit::InsertRow { index: 3 },
        tolk::Edit::AddNote {
            row: id(&project, 0),
            text: "Rubriken: \"diktatur\" & <annat>\nandra raden\tmed tabb".into(),
        },
        tolk::Edit::AddNote {
            row: id(&project, 1),
            text: "[2020-01-01T00:00:00Z x] looks like a stamp".into(),
        },
    ];
    project.apply(tolk::Edit::Batch(edits)).unwrap();
    // A second note on the first row, by another author.
    project.session.author = "cecilia ] [".into();
    project
        .apply(tolk::Edit::AddNote {
            row: id(&project, 0),
            text: "OCR: ”i diet” läses ”i det”.".into(),
        })
        .unwrap();
    project.session.author = "björn".into();
    project
}

/// The export with the one line that names the moment of export (TMX `creationdate`) blanked.
fn without_date(bytes: &[u8]) -> String {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    match text.find("creationdate=\"") {
        Some(at) => {
            let end = at + text[at + 14..].find('"').unwrap() + 15;
            format!("{}{}", &text[..at], &text[end..])
        }
        None => text,
    }
}

#[test]
fn export_import_export_keeps_ids_paragraphs_locks_confidence_authors_title_and_notes() {
    let project = rich_project();
    assert_eq!(project.rows[0].notes.len(), 2, "the fixture has row notes");
    let ids: Vec<u64> = project.rows.iter().map(|r| r.id.0).collect();
    assert_eq!(
        ids,
        [1, 2, 3, 7, 4, 5],
        "the fixture has a merge gap and an inserted row"
    );
    for format in FORMATS {
        let first = export(format, &project, &Options::default()).unwrap();
        let back = import(format, &first)
            .unwrap_or_else(|e| panic!("{format:?}: {e}"))
            .into_project("file name", "importer");
        assert_eq!(faithful(&back), faithful(&project), "{format:?}");
        if !matches!(format, Format::Tsv | Format::Csv) {
            assert_eq!(back.meta.title, project.meta.title, "{format:?}");
            assert_eq!(back.meta.notes, project.meta.notes, "{format:?}");
        }
        let second = export(format, &back, &Options::default()).unwrap();
        assert_eq!(without_date(&second), without_date(&first), "{format:?}");
        // New rows after the import get ids above every kept one.
        assert!(back.next_id > *ids.iter().max().unwrap(), "{format:?}");
    }
}

#[test]
fn tmx_by_default_holds_only_finished_work_and_says_what_it_left_out() {
    let project = rich_project();
    let format = tolk::ExportFormat::Tmx;
    let options = Options::for_format(format);
    let selection = tolk::select(&project, format, &options);
    let sources: Vec<&str> = selection.units.iter().map(|u| u.source).collect();
    assert_eq!(sources, ["Rubrik", "Det regnar.", "Slut på allt."]);
    // Left out: the draft, the untranslated row with a target-less source, the empty row.
    assert_eq!(selection.left_out.by_status, [2, 1, 0, 0]);
    assert_eq!(
        selection.left_out.describe().as_deref(),
        Some("left out 2 untranslated rows, 1 draft rows")
    );
    let mut bytes = Vec::new();
    tolk::tmx::write(&project, &options, &mut bytes).unwrap();
    let read = tolk::tmx::read(&bytes).unwrap();
    assert_eq!(read.units.len(), 3);
    assert!(read.units.iter().all(|u| !u.target.is_empty()));
    // Emptying a confirmed row through the edit API makes it untranslated, so it is left
    // out by status; a file written by other tooling may still say "translated" with an
    // empty target, and that is no translation either.
    let mut emptied = project.clone();
    let row = emptied.rows[1].id;
    emptied
        .apply(tolk::Edit::SetText {
            row,
            side: tolk::Side::Target,
            text: String::new(),
            origin: tolk::Origin::Typed,
        })
        .unwrap();
    assert_eq!(emptied.rows[1].status, Status::Untranslated);
    let selection = tolk::select(&emptied, format, &options);
    assert_eq!(selection.units.len(), 2);
    assert_eq!(selection.left_out.by_status, [3, 1, 0, 0]);
    let mut foreign = project.clone();
    foreign.rows[1].target.clear();
    assert_eq!(foreign.rows[1].status, Status::Translated);
    let selection = tolk::select(&foreign, format, &options);
    assert_eq!(selection.units.len(), 2);
    assert_eq!(selection.left_out.empty_targets, 1);
    // Asking for untranslated rows (--status) brings empty targets back; XLIFF keeps all.
    let all = Options::default();
    assert_eq!(tolk::select(&emptied, format, &all).units.len(), 6);
    let xliff = Options::for_format(tolk::ExportFormat::Xliff12);
    assert_eq!(
        tolk::select(&emptied, tolk::ExportFormat::Xliff12, &xliff)
            .units
            .len(),
        6
    );
}
