//! XLIFF 1.2 (OASIS): one `trans-unit` per Tolk unit; the status maps to the target's `state`,
//! and reviewed units carry `approved="yes"`.

use std::io::Write;

use super::bilingual::{Bilingual, BilingualUnit};
use super::error::{ExportError, ReadError};
use super::options::Options;
use super::units::units;
use super::xml_read::{Node, XmlIn, decode};
use super::xml_write::{XmlOut, clean, is_xml_char};
use crate::model::{Project, Side, Status};

const FORMAT: &str = "XLIFF";
pub(crate) const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:1.2";
/// Inline XLIFF 1.2 elements whose content is native markup code, not text.
const CODE_ELEMENTS: [&str; 4] = ["bpt", "ept", "ph", "it"];

/// The target `state` for a status.
fn state(status: Status) -> &'static str {
    match status {
        Status::Untranslated => "needs-translation",
        Status::Draft => "needs-review-translation",
        Status::Translated => "translated",
        Status::Reviewed => "final",
    }
}

/// The status for a target `state` (XLIFF 1.2's list and its `x-` extensions).
fn status_of(state: &str) -> Option<Status> {
    match state {
        "new" | "needs-translation" => Some(Status::Untranslated),
        "needs-adaptation"
        | "needs-l10n"
        | "needs-review-adaptation"
        | "needs-review-l10n"
        | "needs-review-translation" => Some(Status::Draft),
        "translated" => Some(Status::Translated),
        "signed-off" | "final" => Some(Status::Reviewed),
        _ => None,
    }
}

/// Writes the project as an XLIFF 1.2 document.
pub fn write(
    project: &Project,
    options: &Options,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let meta = &project.meta;
    let mut xml = XmlOut::new(out)?;
    xml.open("xliff", &[("version", "1.2"), ("xmlns", NAMESPACE)])?;
    // The title is only a label here: characters XML cannot carry are simply left out.
    let title: String = meta.title.chars().filter(|c| is_xml_char(*c)).collect();
    let original = if title.trim().is_empty() {
        "tolk-project"
    } else {
        &title
    };
    xml.open(
        "file",
        &[
            ("original", original),
            ("source-language", &meta.source_lang),
            ("target-language", &meta.target_lang),
            ("datatype", "plaintext"),
            ("tool-id", "tolk"),
        ],
    )?;
    xml.open("header", &[])?;
    xml.empty(
        "tool",
        &[
            ("tool-id", "tolk"),
            ("tool-name", "Tolk"),
            ("tool-version", env!("CARGO_PKG_VERSION")),
        ],
    )?;
    xml.close("header")?;
    xml.open("body", &[])?;
    for unit in units(project, options) {
        let policy = options.invalid_chars;
        let row = unit.row_id();
        let source = clean(unit.source, policy, row, Side::Source, FORMAT)?;
        let target = clean(unit.target, policy, row, Side::Target, FORMAT)?;
        let id = unit.id();
        let mut attributes = vec![("id", id.as_str()), ("xml:space", "preserve")];
        if unit.status() == Status::Reviewed {
            attributes.push(("approved", "yes"));
        }
        xml.open("trans-unit", &attributes)?;
        xml.text_element("source", &[], &source)?;
        if !target.is_empty() || unit.status() != Status::Untranslated {
            xml.text_element("target", &[("state", state(unit.status()))], &target)?;
        }
        xml.close("trans-unit")?;
    }
    xml.close("body")?;
    xml.close("file")?;
    xml.close("xliff")?;
    xml.finish()?;
    Ok(())
}

/// Reads an XLIFF 1.x document: languages from the first `file`, one unit per `trans-unit`
/// (in any `group`), texts from its own `source` and `target` (never from `alt-trans`). The
/// status is reviewed when `approved="yes"`, else from the target's `state`; without one, a
/// unit is a draft when it has a target. The content of inline codes (`bpt`, `ept`, `ph`, `it`)
/// is native markup and is left out; the text inside `g` and `mrk` is kept.
pub fn read(bytes: &[u8]) -> Result<Bilingual, ReadError> {
    let text = decode(bytes)?;
    let mut xml = XmlIn::new(&text);
    let root = match xml.root()? {
        Some(e) if e.local_name() == "xliff" => e,
        _ => return Err(xml.invalid(0, "this is not XLIFF: the root element is not <xliff>")),
    };
    let version = xml
        .attribute(&root, "version")?
        .unwrap_or_else(|| "1.2".into());
    if !version.starts_with("1.") {
        return Err(xml.invalid(root.at, format!("this is XLIFF {version}, not 1.x")));
    }
    let mut bilingual = Bilingual::default();
    let mut seen_file = false;
    let mut depth = 0usize;
    loop {
        match xml.next()? {
            Node::Start(e) if e.local_name() == "file" => {
                if !seen_file {
                    bilingual.source_lang = xml.required(&e, "source-language")?;
                    bilingual.target_lang =
                        xml.attribute(&e, "target-language")?.unwrap_or_default();
                    seen_file = true;
                }
                depth += 1;
            }
            Node::Start(e) if e.local_name() == "trans-unit" => {
                let approved = xml.attribute(&e, "approved")?.as_deref() == Some("yes");
                bilingual.units.push(read_trans_unit(&mut xml, approved)?);
            }
            Node::Start(e) if matches!(e.local_name(), "body" | "group") => depth += 1,
            Node::Start(_) => xml.skip_element()?,
            Node::End if depth > 0 => depth -= 1,
            Node::End => return Ok(bilingual),
            Node::Other => {}
            Node::Eof => return Err(xml.invalid(root.at, "the <xliff> element is not closed")),
        }
    }
}

fn read_trans_unit(xml: &mut XmlIn<'_>, approved: bool) -> Result<BilingualUnit, ReadError> {
    let mut unit = BilingualUnit::default();
    let mut state = None;
    let mut has_target = false;
    loop {
        match xml.next()? {
            Node::Start(e) if e.local_name() == "source" => {
                unit.source = xml.text_content(&CODE_ELEMENTS)?;
            }
            Node::Start(e) if e.local_name() == "target" => {
                state = xml.attribute(&e, "state")?;
                unit.target = xml.text_content(&CODE_ELEMENTS)?;
                has_target = true;
            }
            Node::Start(_) => xml.skip_element()?,
            Node::End => break,
            Node::Other => {}
            Node::Eof => return Err(xml.invalid(0, "the file ends inside a <trans-unit>")),
        }
    }
    unit.status = if approved {
        Some(Status::Reviewed)
    } else {
        let draft = has_target && !unit.target.is_empty();
        state
            .as_deref()
            .and_then(status_of)
            .or(draft.then_some(Status::Draft))
    };
    Ok(unit)
}
