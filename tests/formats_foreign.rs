//! Files written by other tools, in the shapes they really take: inline codes, groups,
//! alternative translations, several segments, no Tolk properties.

use tolk::Status;

#[test]
fn tmx_from_a_translation_memory_keeps_text_and_drops_inline_codes() {
    let tmx = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" creationtoolversion="3.6" segtype="sentence" srclang="SV"/>
  <body>
    <!-- Default translations -->
    <tu>
      <tuv lang="SV"><seg>Se <bpt i="1">&lt;b&gt;</bpt>noten<ept i="1">&lt;/b&gt;</ept> <hi>här</hi>.</seg></tuv>
      <tuv lang="EN-GB"><seg>See <bpt i="1">&lt;b&gt;</bpt>the note<ept i="1">&lt;/b&gt;</ept> <hi>here</hi>.</seg></tuv>
    </tu>
    <tu>
      <tuv lang="EN-GB"><seg>Only English first</seg></tuv>
      <tuv lang="SV"><seg>Svenska sedan<ph x="1">{0}</ph></seg></tuv>
    </tu>
    <tu>
      <tuv lang="SV"><seg>Ingen översättning</seg></tuv>
    </tu>
  </body>
</tmx>"#;
    let read = tolk::tmx::read(tmx.as_bytes()).unwrap();
    assert_eq!(
        (read.source_lang.as_str(), read.target_lang.as_str()),
        ("sv", "en-GB"),
        "tags are read in BCP 47's canonical case"
    );
    let units: Vec<(&str, &str, Option<Status>)> = read
        .units
        .iter()
        .map(|u| (u.source.as_str(), u.target.as_str(), u.status))
        .collect();
    assert_eq!(
        units,
        [
            (
                "Se noten här.",
                "See the note here.",
                Some(Status::Translated)
            ),
            (
                "Svenska sedan",
                "Only English first",
                Some(Status::Translated)
            ),
            ("Ingen översättning", "", None),
        ]
    );
}

#[test]
fn xliff12_reads_units_in_groups_and_ignores_alternatives() {
    let xliff = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.txt" source-language="sv" target-language="en" datatype="plaintext">
    <header><note>exported elsewhere</note></header>
    <body>
      <group id="g1">
        <trans-unit id="1">
          <source>Hej <g id="1">världen</g><x id="2"/>!</source>
          <target state="needs-review-translation">Hello <g id="1">world</g><x id="2"/>!</target>
          <alt-trans><source>Hej</source><target>Hi</target></alt-trans>
        </trans-unit>
        <trans-unit id="2" approved="yes"><source>Ja</source><target>Yes</target></trans-unit>
      </group>
      <trans-unit id="3"><source>Nej</source><target state="signed-off">No</target></trans-unit>
      <trans-unit id="4"><source>Kanske</source><target>Maybe</target></trans-unit>
      <trans-unit id="5"><source>Tom</source></trans-unit>
    </body>
  </file>
</xliff>"#;
    let read = tolk::xliff12::read(xliff.as_bytes()).unwrap();
    assert_eq!(
        (read.source_lang.as_str(), read.target_lang.as_str()),
        ("sv", "en")
    );
    let units: Vec<(&str, &str, Option<Status>)> = read
        .units
        .iter()
        .map(|u| (u.source.as_str(), u.target.as_str(), u.status))
        .collect();
    assert_eq!(
        units,
        [
            ("Hej världen!", "Hello world!", Some(Status::Draft)),
            // approved="yes" alone is translate-toolkit's (and PO's) "translated", not a review.
            ("Ja", "Yes", Some(Status::Translated)),
            ("Nej", "No", Some(Status::Reviewed)),
            ("Kanske", "Maybe", Some(Status::Draft)),
            ("Tom", "", None),
        ]
    );
}

#[test]
fn xliff2_joins_segments_of_a_unit_and_maps_states() {
    let xliff = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="sv" trgLang="en">
  <file id="f1">
    <notes><note>n</note></notes>
    <group id="g">
      <unit id="u1">
        <originalData><data id="d1">&lt;br/&gt;</data></originalData>
        <segment state="translated"><source>Ett.</source><target>One.</target></segment>
        <ignorable><source> </source><target> </target></ignorable>
        <segment state="translated"><source>Två<ph id="1" dataRef="d1"/> <pc id="2">tre</pc>.</source><target>Two<ph id="1" dataRef="d1"/> <pc id="2">three</pc>.</target></segment>
      </unit>
    </group>
    <unit id="u2"><segment state="reviewed"><source>Fyra</source><target>Four</target></segment></unit>
    <unit id="u3"><segment><source>Fem</source></segment></unit>
  </file>
</xliff>"#;
    let read = tolk::xliff2::read(xliff.as_bytes()).unwrap();
    let units: Vec<(&str, &str, Option<Status>)> = read
        .units
        .iter()
        .map(|u| (u.source.as_str(), u.target.as_str(), u.status))
        .collect();
    assert_eq!(
        units,
        [
            ("Ett. Två tre.", "One. Two three.", Some(Status::Translated)),
            ("Fyra", "Four", Some(Status::Reviewed)),
            ("Fem", "", None),
        ]
    );
    assert_eq!(
        tolk::detect_format(xliff.as_bytes()),
        Ok(tolk::ImportFormat::Xliff2)
    );
}

fn foreign(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/foreign")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn pairs(read: &tolk::Bilingual) -> Vec<(&str, &str, Option<Status>)> {
    read.units
        .iter()
        .map(|u| (u.source.as_str(), u.target.as_str(), u.status))
        .collect()
}

fn choose(source: Option<&str>, target: Option<&str>) -> tolk::ReadOptions {
    tolk::ReadOptions {
        source_lang: source.map(str::to_string),
        target_lang: target.map(str::to_string),
    }
}

#[test]
fn a_units_srclang_overrides_the_header_as_po2tmx_writes_it() {
    // po2tmx 3.20.4: header srclang="en" whatever the PO's language, units srclang="sv".
    let read = tolk::tmx::read(&foreign("po2tmx-sv-en.tmx")).unwrap();
    assert_eq!(
        (read.source_lang.as_str(), read.target_lang.as_str()),
        ("sv", "en")
    );
    assert_eq!(read.units.len(), 2);
    assert_eq!(read.units[0].source, "Proletariatets diktatur.");
    assert_eq!(read.units[0].target, "The dictatorship of the proletariat.");
    assert_eq!(read.warnings, Vec::<String>::new());
    // Choosing the other direction reads the other tuvs, not just other labels.
    let reversed = tolk::tmx::read_with(
        &foreign("po2tmx-sv-en.tmx"),
        &choose(Some("en"), Some("sv")),
    )
    .unwrap();
    assert_eq!(
        (reversed.source_lang.as_str(), reversed.target_lang.as_str()),
        ("en", "sv")
    );
    assert_eq!(
        reversed.units[0].source,
        "The dictatorship of the proletariat."
    );
    assert_eq!(reversed.units[0].target, "Proletariatets diktatur.");
}

#[test]
fn three_languages_without_a_choice_are_refused_and_listed() {
    let bytes = foreign("three-languages.tmx");
    let error = tolk::tmx::read(&bytes).unwrap_err().to_string();
    assert!(error.contains("3 languages (sv, en, de)"), "{error}");
    assert!(error.contains("--target-lang"), "{error}");
    let read = tolk::tmx::read_with(&bytes, &choose(None, Some("DE"))).unwrap();
    assert_eq!(
        (read.source_lang.as_str(), read.target_lang.as_str()),
        ("sv", "de")
    );
    assert_eq!(
        pairs(&read),
        [
            (
                "Proletariatets diktatur.",
                "Die Diktatur des Proletariats.",
                Some(Status::Translated)
            ),
            (
                "Det är en övergångsform.",
                "Es ist eine Übergangsform.",
                Some(Status::Translated)
            ),
            ("", "Nur Deutsch.", Some(Status::Translated)),
        ]
    );
    assert!(
        read.warnings
            .contains(&"did not read the en text of 2 units".to_string()),
        "{:?}",
        read.warnings
    );
    assert!(
        read.warnings
            .contains(&"1 unit has no text in sv: imported with an empty source".to_string()),
        "{:?}",
        read.warnings
    );
    let read = tolk::tmx::read_with(&bytes, &choose(Some("sv"), Some("en-GB"))).unwrap();
    assert_eq!(read.units.len(), 2);
    assert!(
        read.warnings
            .iter()
            .any(|w| w.starts_with("left out 1 unit with text only in de")),
        "{:?}",
        read.warnings
    );
    let error = tolk::tmx::read_with(&bytes, &choose(None, Some("fi")))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("no text in the target language \"fi\""),
        "{error}"
    );
}

#[test]
fn units_tagged_with_the_bare_language_under_a_regional_header_keep_their_text() {
    let read = tolk::tmx::read(&foreign("header-variant.tmx")).unwrap();
    assert_eq!(
        (read.source_lang.as_str(), read.target_lang.as_str()),
        ("sv-SE", "en")
    );
    assert_eq!(
        pairs(&read),
        [
            ("Ett.", "One.", Some(Status::Translated)),
            ("Två.", "Two.", Some(Status::Translated)),
        ]
    );
    assert_eq!(
        read.warnings,
        [
            "the language tag \"SV_se\" is not BCP 47 (it has '_'); read as \"sv-SE\"",
            "left out 1 unit with no text",
        ]
    );
}

#[test]
fn a_tmx_declaring_iso_8859_1_is_decoded_from_it() {
    let read = tolk::read_bilingual(&foreign("latin1.tmx")).unwrap();
    assert_eq!(read.units[0].source, "På ön.");
}

#[test]
fn po2xliff_statuses_read_as_translate_toolkit_means_them() {
    // po2xliff 3.20.4 of sv-en.po: a PO header unit, translated entries approved="yes",
    // a fuzzy entry approved="no" state="needs-translation", an untranslated one.
    let read = tolk::xliff12::read(&foreign("po2xliff-sv-en.xlf")).unwrap();
    assert_eq!(
        pairs(&read),
        [
            (
                "Proletariatets diktatur.",
                "The dictatorship of the proletariat.",
                Some(Status::Translated)
            ),
            (
                "Det är en övergångsform.",
                "It is a transitional form.",
                Some(Status::Draft)
            ),
            ("Ingen översättning än.", "", None),
            (
                "Tag <b> & \"citat\" – åäö.",
                "Tag <b> & \"quote\" – åäö.",
                Some(Status::Translated)
            ),
        ]
    );
    assert_eq!(
        read.warnings,
        ["left out 1 PO header unit(s) (restype=\"x-gettext-domain-header\")"]
    );
}

#[test]
fn placeholders_between_words_leave_a_space_formatting_inside_a_word_does_not() {
    let tmx = r#"<tmx version="1.4"><header srclang="sv" creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="xml"/><body>
<tu><tuv xml:lang="sv"><seg>ordet<ph x="1">&lt;br/&gt;</ph>och <bpt i="1">&lt;b&gt;</bpt>Fet<ept i="1">&lt;/b&gt;</ept>stil<ph>{0}</ph>.</seg></tuv>
<tuv xml:lang="en"><seg>the word<ph x="1">&lt;br/&gt;</ph> and</seg></tuv></tu></body></tmx>"#;
    let read = tolk::tmx::read(tmx.as_bytes()).unwrap();
    assert_eq!(read.units[0].source, "ordet och Fetstil.");
    assert_eq!(read.units[0].target, "the word and");
    let xliff = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="o" source-language="sv" target-language="en" datatype="html"><body>
<trans-unit id="1" xml:space="preserve"><source>ett<x id="1"/>två<g id="2">tre</g>fyra</source><target>one<x id="1"/>two</target></trans-unit></body></file></xliff>"#;
    let read = tolk::xliff12::read(xliff.as_bytes()).unwrap();
    assert_eq!(read.units[0].source, "ett tvåtrefyra");
    assert_eq!(read.units[0].target, "one two");
}

#[test]
fn xliff12_files_for_another_target_language_are_left_out_with_a_warning() {
    let xliff = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="a" source-language="sv" target-language="en" datatype="plaintext"><body><trans-unit id="1"><source>Ja</source><target state="translated">Yes</target></trans-unit></body></file>
<file original="b" source-language="sv" target-language="de" datatype="plaintext"><body><trans-unit id="1"><source>Ja</source><target state="translated">Ja</target></trans-unit><trans-unit id="2"><source>Nej</source><target state="translated">Nein</target></trans-unit></body></file>
<file original="c" source-language="sv" target-language="en-GB" datatype="plaintext"><body><trans-unit id="1"><source>Nej</source><target state="translated">No</target></trans-unit></body></file>
</xliff>"#;
    let read = tolk::xliff12::read(xliff.as_bytes()).unwrap();
    assert_eq!(
        pairs(&read),
        [
            ("Ja", "Yes", Some(Status::Translated)),
            ("Nej", "No", Some(Status::Translated))
        ]
    );
    assert_eq!(read.warnings.len(), 1);
    assert!(
        read.warnings[0].starts_with("left out the <file> \"b\" (sv -> de, 2 units)"),
        "{:?}",
        read.warnings
    );
    let german = tolk::xliff12::read_with(xliff.as_bytes(), &choose(None, Some("de"))).unwrap();
    assert_eq!(german.target_lang, "de");
    assert_eq!(german.units.len(), 2);
}

#[test]
fn xliff12_default_space_drops_indentation_preserve_keeps_it() {
    let xliff = "<xliff version=\"1.2\"><file original=\"o\" source-language=\"sv\" target-language=\"en\" datatype=\"plaintext\"><body>
<trans-unit id=\"1\"><source>
          Ett  långt
          stycke.
        </source><target>One long\n   paragraph.</target></trans-unit>
<trans-unit id=\"2\" xml:space=\"preserve\"><source>  Två\n  rader </source></trans-unit></body></file></xliff>";
    let read = tolk::xliff12::read(xliff.as_bytes()).unwrap();
    assert_eq!(read.units[0].source, "Ett långt stycke.");
    assert_eq!(read.units[0].target, "One long paragraph.");
    assert_eq!(read.units[1].source, "  Två\n  rader ");
}

#[test]
fn tsv_from_a_spreadsheet_with_a_plain_header_and_trailing_blank_lines() {
    let read =
        tolk::tsv::read(b"source\ttarget\r\nEtt\tOne\r\nTv\xc3\xa5\tTwo\r\n\r\n\r\n").unwrap();
    assert_eq!(pairs(&read), [("Ett", "One", None), ("Två", "Two", None)]);
    assert_eq!(read.warnings, ["skipped 2 blank line(s)"]);
}

#[test]
fn tolk_xliff12_through_xliff2po_and_po2xliff_keeps_translated_and_drafts() {
    // tests/data/statuses.tsv exported by Tolk as XLIFF 1.2, then translate-toolkit 3.20.4:
    // xliff2po (tolk-through-xliff2po.po: drafts are fuzzy) and po2xliff back.
    let po = String::from_utf8(foreign("tolk-through-xliff2po.po")).unwrap();
    let fuzzy: Vec<&str> = po
        .split("\n\n")
        .filter(|entry| entry.contains("#, fuzzy") && !entry.contains("msgid \"\"\n"))
        .collect();
    assert_eq!(fuzzy.len(), 2, "{po}");
    assert!(fuzzy[0].contains("msgid \"Tre.\"") && fuzzy[1].contains("msgid \"Sex.\""));
    let read = tolk::xliff12::read(&foreign("tolk-through-po2xliff.xlf")).unwrap();
    assert_eq!(
        pairs(&read),
        [
            ("Ett.", "One.", Some(Status::Translated)),
            // PO has no "reviewed": a reviewed row comes back translated.
            ("Två.", "Two.", Some(Status::Translated)),
            ("Tre.", "Three?", Some(Status::Draft)),
            ("Fyra.", "", None),
            ("Fem.", "", None),
            // An untranslated row with a target was fuzzy in PO.
            ("Sex.", "Six.", Some(Status::Draft)),
        ]
    );
}

#[test]
fn csv_is_rfc_4180_with_a_bom_and_excel_files_read_back() {
    let mut project = tolk::Project::new("t", "sv", "en");
    project.append_imported([tolk::ImportedRow {
        source: "Ja, \"citat\"\nrad två".into(),
        target: "Yes; quote".into(),
        ..tolk::ImportedRow::default()
    }]);
    let mut bytes = Vec::new();
    tolk::csv::write(&project, &tolk::Options::default(), &mut bytes).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.starts_with("\u{FEFF}sv,en,status,confidence,paragraph,locked,row,author,notes\r\n")
    );
    assert!(
        text.contains("\"Ja, \"\"citat\"\"\nrad två\",Yes; quote,draft,"),
        "{text}"
    );
    assert_eq!(tolk::detect_format(&bytes), Ok(tolk::ImportFormat::Csv));
    // Excel with a Swedish locale separates with semicolons.
    let excel = "källa;mål\r\nEtt;One\r\n\"Två; tre\";Two\r\n";
    let read = tolk::read_bilingual(excel.as_bytes()).unwrap();
    assert_eq!(
        pairs(&read),
        [
            ("källa", "mål", None),
            ("Ett", "One", None),
            ("Två; tre", "Two", None)
        ]
    );
    // Excel's "Unicode text": UTF-16 LE with a byte-order mark, tab-separated.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "sv\ten\tstatus\tconfidence\r\nÅr\tYear\ttranslated\t\r\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let read = tolk::read_bilingual(&utf16).unwrap();
    assert_eq!(pairs(&read), [("År", "Year", Some(Status::Translated))]);
}

/// A fixture written by OmegaT 3.6 (`bash .ci/omegat-check --fixtures`): the sample article's
/// first 8 paragraphs, segmented by Tolk's SRX, filled from Tolk's TMX, then edited by
/// "Omega Translator" (a match rewritten with a note, a segment translated, an alternative).
fn omegat(name: &str) -> tolk::Bilingual {
    let path = format!("{}/tests/data/foreign/{name}", env!("CARGO_MANIFEST_DIR"));
    tolk::tmx::read(&std::fs::read(path).unwrap()).unwrap()
}

type Read = Vec<(String, String, Option<Status>, Option<String>)>;

fn read_units(file: &tolk::Bilingual) -> Read {
    file.units
        .iter()
        .map(|u| {
            (
                u.source.clone(),
                u.target.clone(),
                u.status,
                u.author.clone(),
            )
        })
        .collect()
}

#[test]
fn omegat_project_memory_reads_with_its_languages_translators_and_alternatives() {
    let file = omegat("omegat-project_save.tmx");
    // TMX 1.1 as OmegaT writes its project memory: `lang`, not `xml:lang`.
    assert_eq!(
        (file.source_lang.as_str(), file.target_lang.as_str()),
        ("sv", "en")
    );
    assert!(file.warnings.is_empty(), "{:?}", file.warnings);
    let units = read_units(&file);
    assert_eq!(units.len(), 18);
    assert!(
        units
            .iter()
            .all(|(_, target, status, _)| !target.is_empty() && *status == Some(Status::Translated))
    );
    let by = |source: &str| units.iter().find(|u| u.0 == source).unwrap().clone();
    // The translator's `changeid` names the author of the rewritten match, the typed
    // segment and the alternative translation (whose file/prev/next props are not text).
    let omega = Some("Omega Translator".to_string());
    assert_eq!(
        by("Proletariatets diktatur").1,
        "The Proletarian Dictatorship"
    );
    assert_eq!(by("Proletariatets diktatur").3, omega);
    assert_eq!(by("Uppnåddes detta genom demokrati?").3, omega);
    assert_eq!(
        (
            by("Genom parlamentarismen?").1,
            by("Genom parlamentarismen?").3
        ),
        ("Through parliamentarism?".to_string(), omega.clone())
    );
    assert!(
        !units
            .iter()
            .any(|u| u.0.contains("article.txt") || u.1.contains("article.txt"))
    );
    // Matches OmegaT took from Tolk's memory unchanged carry no changeid.
    let from_tolk = by("Ur Den Kommunistiska Internationalen N:o 1. (1920)");
    assert_eq!(
        (from_tolk.1.as_str(), from_tolk.3),
        ("From The Communist International No. 1. (1920)", None)
    );
    assert_eq!(units.iter().filter(|u| u.3 == omega).count(), 3);
    // The translator's note on the rewritten match comes in as a note on its row, by them.
    let noted: Vec<_> = file.units.iter().filter(|u| !u.notes.is_empty()).collect();
    assert_eq!(noted.len(), 1);
    assert_eq!(noted[0].source, "Proletariatets diktatur");
    assert_eq!(
        noted[0].notes[0].text,
        "title as in the 1920 English edition"
    );
    assert_eq!(noted[0].notes[0].author, "Omega Translator");
}

#[test]
fn omegat_level2_export_reads_as_its_project_memory() {
    // OmegaT's level-2 export is TMX 1.4 (`xml:lang`) with the same units.
    let level2 = read_units(&omegat("omegat-level2.tmx"));
    let memory = read_units(&omegat("omegat-project_save.tmx"));
    assert_eq!(level2, memory);
}

#[test]
fn omegat_work_merges_into_the_tolk_project_it_was_translated_from() {
    let sample = format!(
        "{}/projects/kamenev-proletariatets-diktatur.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let project = tolk::load_project(std::path::Path::new(&sample))
        .unwrap()
        .project;
    let file = omegat("omegat-project_save.tmx");
    let (edit, report) = tolk::merge_into(&project, &file);
    // OmegaT's segments are Tolk's sentences; a unit matches a row whose source is that one
    // sentence. The others are sentences of rows holding two or more.
    let sources: std::collections::HashSet<&str> =
        project.rows.iter().map(|r| r.source.as_str()).collect();
    let matching = file
        .units
        .iter()
        .filter(|u| sources.contains(u.source.as_str()))
        .count();
    assert!(matching >= 12, "{matching}");
    assert_eq!(
        (report.matched, report.unmatched, report.conflicting),
        (matching, file.units.len() - matching, 0),
        "{report}"
    );
    // Rows change only where OmegaT's translation differs from the row's (the translator's
    // rewritten title at least); a row whose translation comes back unchanged keeps its status,
    // reviewed included.
    let target_of: std::collections::HashMap<&str, &str> = file
        .units
        .iter()
        .map(|u| (u.source.as_str(), u.target.as_str()))
        .collect();
    let mut merged = project.clone();
    merged.apply(edit.unwrap()).unwrap();
    let mut changed = Vec::new();
    for (after, before) in merged.rows.iter().zip(&project.rows) {
        match target_of.get(before.source.as_str()) {
            Some(&target) if target != before.target => {
                assert_eq!(after.target, target);
                changed.push(after.source.as_str());
            }
            _ => assert_eq!(
                (&after.target, after.status),
                (&before.target, before.status),
                "{}",
                before.source
            ),
        }
    }
    assert!(changed.contains(&"Proletariatets diktatur"), "{changed:?}");
    assert_eq!(report.rows_changed, changed.len(), "{report}");
    let title = merged
        .rows
        .iter()
        .find(|r| r.source == "Proletariatets diktatur")
        .unwrap();
    assert_eq!(title.target, "The Proletarian Dictatorship");
    assert!(
        project.rows.iter().any(|r| r.status == Status::Reviewed
            && target_of.get(r.source.as_str()) == Some(&r.target.as_str())),
        "the fixture gives at least one reviewed row its translation back unchanged"
    );
}
