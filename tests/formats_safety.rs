//! XML imports never read a DTD or expand an external entity (no XXE), and malformed files stop
//! with an error that names the line and column.

use tolk::ReadError;

/// A readable secret the payloads point at: if any of its text shows up, the entity was read.
fn secret_file() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.txt");
    std::fs::write(&path, "TOP-SECRET-MARKER").unwrap();
    let url = format!("file://{}", path.display());
    (dir, url)
}

fn tmx_with(doctype: &str, seg: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n{doctype}\n<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"sv\" datatype=\"plaintext\"/><body><tu><tuv xml:lang=\"sv\"><seg>{seg}</seg></tuv><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu></body></tmx>"
    )
}

fn xliff2_with(doctype: &str, source: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n{doctype}\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"sv\" trgLang=\"en\"><file id=\"f\"><unit id=\"u\"><segment><source>{source}</source></segment></unit></file></xliff>"
    )
}

fn xliff12_with(doctype: &str, source: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n{doctype}\n<xliff version=\"1.2\"><file original=\"o\" source-language=\"sv\" datatype=\"plaintext\"><body><trans-unit id=\"u\"><source>{source}</source></trans-unit></body></file></xliff>"
    )
}

type Reader = fn(&[u8]) -> Result<tolk::Bilingual, ReadError>;

fn payloads(url: &str) -> Vec<(&'static str, String, Reader)> {
    let external = format!("<!DOCTYPE r [<!ENTITY x SYSTEM \"{url}\">]>");
    let passwd = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>".to_string();
    vec![
        (
            "tmx",
            tmx_with(&external, "a &x; b"),
            tolk::tmx::read as Reader,
        ),
        ("tmx passwd", tmx_with(&passwd, "&x;"), tolk::tmx::read),
        ("xliff2", xliff2_with(&external, "&x;"), tolk::xliff2::read),
        (
            "xliff12",
            xliff12_with(&external, "&x;"),
            tolk::xliff12::read,
        ),
        (
            "xliff12 passwd",
            xliff12_with(&passwd, "&x;"),
            tolk::xliff12::read,
        ),
    ]
}

#[test]
fn external_entities_are_refused_never_read() {
    let (_dir, url) = secret_file();
    for (name, payload, read) in payloads(&url) {
        let error = read(payload.as_bytes()).unwrap_err();
        assert!(
            matches!(&error, ReadError::UndefinedEntity { name, line: 3, .. } if name == "x"),
            "{name}: {error:?}"
        );
        let message = error.to_string();
        assert!(
            !message.contains("TOP-SECRET") && !message.contains("root:"),
            "{message}"
        );
        assert!(
            message.contains("&x;") && message.contains("expands no external entities"),
            "{message}"
        );
        // Detection and the generic reader refuse it the same way.
        assert_eq!(
            tolk::read_bilingual(payload.as_bytes()),
            Err(error),
            "{name}"
        );
    }
}

#[test]
fn a_doctype_that_is_not_used_is_ignored_and_its_entities_stay_unread() {
    let (_dir, url) = secret_file();
    let doctype = format!("<!DOCTYPE tmx SYSTEM \"{url}\" [<!ENTITY x SYSTEM \"{url}\">]>");
    let read = tolk::tmx::read(tmx_with(&doctype, "plain &amp; simple").as_bytes()).unwrap();
    assert_eq!(read.units[0].source, "plain & simple");
    assert!(!format!("{read:?}").contains("TOP-SECRET"));
}

#[test]
fn internal_entity_bombs_are_refused_too() {
    let bomb = "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>";
    let error = tolk::xliff2::read(xliff2_with(bomb, "&c;").as_bytes()).unwrap_err();
    assert!(
        matches!(error, ReadError::UndefinedEntity { ref name, .. } if name == "c"),
        "{error:?}"
    );
}

#[test]
fn malformed_files_name_line_and_column() {
    let broken = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n  <body>\n    <tu><tuv xml:lang=\"sv\"><seg>a</sag></tuv></tu>\n";
    let error = tolk::tmx::read(broken.as_bytes()).unwrap_err();
    match &error {
        ReadError::Malformed {
            line,
            column,
            message,
        } => {
            assert_eq!((*line, *column), (4, 34), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let truncated = "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file original=\"o\" source-language=\"sv\" datatype=\"plaintext\"><body>\n<trans-unit id=\"u\"><source>cut";
    let error = tolk::xliff12::read(truncated.as_bytes()).unwrap_err();
    assert!(error.to_string().starts_with("line "), "{error}");
}

#[test]
fn forbidden_characters_in_imported_xml_are_errors_with_positions() {
    for seg in ["a\u{1}b", "a&#1;b", "&#xFFFE;"] {
        let error = tolk::tmx::read(tmx_with("", seg).as_bytes()).unwrap_err();
        assert!(
            matches!(error, ReadError::ForbiddenChar { line: 3, .. }),
            "{seg:?}: {error:?}"
        );
    }
}

#[test]
fn non_unicode_input_is_refused_with_its_position() {
    let mut bytes = b"<?xml version=\"1.0\"?>\n<tmx>\n<body>caf".to_vec();
    bytes.push(0xE9);
    let error = tolk::tmx::read(&bytes).unwrap_err();
    assert_eq!(
        error,
        ReadError::NotUnicode {
            line: 3,
            column: 10
        }
    );
}

#[test]
fn utf16_with_a_byte_order_mark_is_read() {
    let text = xliff12_with("", "Ärende");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let read = tolk::xliff12::read(&bytes).unwrap();
    assert_eq!(read.units[0].source, "Ärende");
}
