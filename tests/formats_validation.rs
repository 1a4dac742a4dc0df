//! Exports validated by xmllint against the standards: TMX against the TMX 1.4b DTD, XLIFF
//! against the OASIS XLIFF 2.0 and 1.2 XSDs. The schema files are not in the repository:
//! `.ci/fetch-schemas` takes them from Debian packages into `target/schemas`. Without them (or
//! without xmllint) these tests print why and pass, unless `TOLK_REQUIRE_SCHEMAS` is set, as
//! `.ci/run` does, where they fail instead.

use std::path::{Path, PathBuf};
use std::process::Command;

use tolk::{Edit, ImportedRow, Options, Project, Status, Units};

/// The schema folder, or `None` (with the reason printed) when validation cannot run here.
fn schemas() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/schemas");
    let files = [
        "tmx14.dtd",
        "xliff-core-2.0.xsd",
        "xliff-core-1.2-strict.xsd",
        "xml.xsd",
    ];
    let missing: Vec<&str> = files
        .iter()
        .copied()
        .filter(|f| !dir.join(f).is_file())
        .collect();
    let xmllint = Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let reason = if !missing.is_empty() {
        format!(
            "{} missing from {} (run .ci/fetch-schemas)",
            missing.join(", "),
            dir.display()
        )
    } else if !xmllint {
        "xmllint is not installed (apt-get install libxml2-utils)".to_string()
    } else {
        return Some(dir);
    };
    if std::env::var_os("TOLK_REQUIRE_SCHEMAS").is_some() {
        panic!("schema validation required but impossible: {reason}");
    }
    eprintln!("SKIPPED schema validation: {reason}");
    None
}

/// Runs xmllint; returns whether the document is valid, and its messages.
fn xmllint(args: &[&str], file: &Path) -> (bool, String) {
    let output = Command::new("xmllint")
        .args(["--noout", "--nonet"])
        .args(args)
        .arg(file)
        .output()
        .expect("xmllint runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A project with every status, markup characters, tabs, line breaks, Swedish letters,
/// multi-sentence rows and an empty target.
fn tricky_project() -> Project {
    let mut project = Project::new("Prov & \"test\" <1>", "sv", "en");
    let rows = [
        (
            "Tag <b> & \"citat\" 'enkla' – åäö ÅÄÖ.",
            "Tag <b> & \"quote\" 'single' – åäö.",
        ),
        (
            "Rad ett.\nRad två.\tMed tabb.",
            "Line one.\nLine two.\tWith tab.",
        ),
        ("Det regnar. Vi går hem.", "It rains. We go home."),
        ("Ingen översättning än.", ""),
        ("  Mellanslag kvar  ", "  Spaces kept  "),
        ("Vagn\rretur", "Carriage\rreturn"),
    ];
    project.append_imported(rows.iter().map(|(s, t)| ImportedRow {
        source: s.to_string(),
        target: t.to_string(),
        starts_paragraph: true,
        score: Some(0.875),
    }));
    let statuses = [
        Status::Reviewed,
        Status::Translated,
        Status::Draft,
        Status::Untranslated,
        Status::Draft,
        Status::Reviewed,
    ];
    let edits = project
        .rows
        .iter()
        .zip(statuses)
        .map(|(r, status)| Edit::SetStatus { row: r.id, status })
        .collect();
    project.apply(Edit::Batch(edits)).unwrap();
    // What Tolk carries in the formats' extension points must validate too: a lock, notes,
    // an author, paragraph starts and confidences (those come with the rows above).
    let row = project.rows[1].id;
    project
        .apply(Edit::SetLocked { row, locked: true })
        .unwrap();
    project.meta.notes = "Anteckning & <noter>\nrad två".into();
    project.session.author = "Åsa <a@b>".into();
    let row = project.rows[2].id;
    project
        .apply(Edit::SetText {
            row,
            side: tolk::Side::Target,
            text: "It rains. We walk home.".into(),
            origin: tolk::Origin::Typed,
        })
        .unwrap();
    // Row notes: two on a finished row (TMX holds it by default), one on a split row.
    for (i, text) in [
        (0, "Note & <b>\"quoted\"</b>\nline two"),
        (0, "Åsa's second"),
        (2, "on a row of two sentences"),
    ] {
        let row = project.rows[i].id;
        project
            .apply(Edit::AddNote {
                row,
                text: text.into(),
            })
            .unwrap();
    }
    project
}

fn option_sets() -> Vec<Options> {
    vec![
        Options::default(),
        Options {
            units: Units::Sentences,
            ..Options::default()
        },
        Options {
            statuses: vec![Status::Reviewed],
            ..Options::default()
        },
    ]
}

#[test]
fn tmx_exports_are_valid_against_the_tmx_1_4b_dtd() {
    let Some(schemas) = schemas() else { return };
    let dir = tempfile::tempdir().unwrap();
    // The export's DOCTYPE names tmx14.dtd; put it beside the file so --valid finds it there.
    std::fs::copy(schemas.join("tmx14.dtd"), dir.path().join("tmx14.dtd")).unwrap();
    for (i, options) in option_sets().iter().enumerate() {
        let path = dir.path().join(format!("export{i}.tmx"));
        let mut bytes = Vec::new();
        tolk::tmx::write(&tricky_project(), options, &mut bytes).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        let (valid, messages) = xmllint(&["--valid"], &path);
        assert!(
            valid,
            "{options:?}: {messages}\n{}",
            String::from_utf8_lossy(&bytes)
        );
    }
    // The check can fail: a TMX without the header's required srclang is rejected.
    let path = dir.path().join("broken.tmx");
    let mut bytes = Vec::new();
    tolk::tmx::write(&tricky_project(), &Options::default(), &mut bytes).unwrap();
    let broken = String::from_utf8(bytes)
        .unwrap()
        .replacen(" srclang=\"sv\"", "", 1);
    std::fs::write(&path, broken).unwrap();
    let (valid, messages) = xmllint(&["--valid"], &path);
    assert!(!valid && messages.contains("srclang"), "{messages}");
}

fn check_xsd(
    schema: &Path,
    write: fn(&Project, &Options, &mut Vec<u8>) -> Result<(), tolk::ExportError>,
    break_it: (&str, &str),
) {
    let dir = tempfile::tempdir().unwrap();
    let schema = schema.to_str().unwrap();
    for (i, options) in option_sets().iter().enumerate() {
        let path = dir.path().join(format!("export{i}.xlf"));
        let mut bytes = Vec::new();
        write(&tricky_project(), options, &mut bytes).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        let (valid, messages) = xmllint(&["--schema", schema], &path);
        assert!(
            valid && messages.contains("validates"),
            "{options:?}: {messages}\n{}",
            String::from_utf8_lossy(&bytes)
        );
    }
    let mut bytes = Vec::new();
    write(&tricky_project(), &Options::default(), &mut bytes).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains(break_it.0), "{}", break_it.0);
    let path = dir.path().join("broken.xlf");
    std::fs::write(&path, text.replacen(break_it.0, break_it.1, 1)).unwrap();
    let (valid, messages) = xmllint(&["--schema", schema], &path);
    assert!(!valid, "a broken file passed: {messages}");
}

#[test]
fn xliff2_exports_are_valid_against_the_oasis_xsd() {
    let Some(schemas) = schemas() else { return };
    // The control: a state XLIFF 2.0 does not define must be rejected.
    check_xsd(
        &schemas.join("xliff-core-2.0.xsd"),
        tolk::xliff2::write,
        ("state=\"final\"", "state=\"done\""),
    );
}

#[test]
fn xliff12_exports_are_valid_against_the_oasis_strict_xsd() {
    let Some(schemas) = schemas() else { return };
    check_xsd(
        &schemas.join("xliff-core-1.2-strict.xsd"),
        tolk::xliff12::write,
        ("approved=\"yes\"", "approved=\"maybe\""),
    );
}
