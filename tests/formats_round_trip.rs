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
}

const FORMATS: [Format; 4] = [Format::Tmx, Format::Xliff2, Format::Xliff12, Format::Tsv];

fn export(format: Format, project: &Project, options: &Options) -> Result<Vec<u8>, ExportError> {
    let mut bytes = Vec::new();
    match format {
        Format::Tmx => tolk::tmx::write(project, options, &mut bytes),
        Format::Xliff2 => tolk::xliff2::write(project, options, &mut bytes),
        Format::Xliff12 => tolk::xliff12::write(project, options, &mut bytes),
        Format::Tsv => tolk::tsv::write(project, options, &mut bytes),
    }?;
    Ok(bytes)
}

fn import(format: Format, bytes: &[u8]) -> Result<Bilingual, ReadError> {
    let read = match format {
        Format::Tmx => tolk::tmx::read(bytes),
        Format::Xliff2 => tolk::xliff2::read(bytes),
        Format::Xliff12 => tolk::xliff12::read(bytes),
        Format::Tsv => tolk::tsv::read(bytes),
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
    fn tsv_round_trips_every_character_even_those_xml_forbids(project in project(|_| true)) {
        let bytes = export(Format::Tsv, &project, &Options::default()).unwrap();
        let back = import(Format::Tsv, &bytes).unwrap().into_project("back", "tester");
        prop_assert_eq!(content(&back), content(&project));
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
