//! XLIFF 2.0 (OASIS core): one `unit` per Tolk unit with one `segment` whose `state` comes
//! from the row's status; the exact status rides in `subState="tolk:..."`.

use std::io::Write;

use super::bilingual::{Bilingual, BilingualUnit, status_named};
use super::error::{ExportError, ReadError};
use super::options::Options;
use super::units::units;
use super::xml_read::{Node, XmlIn, decode};
use super::xml_write::{XmlOut, clean};
use crate::model::{Project, Side, Status};

const FORMAT: &str = "XLIFF";
pub(crate) const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";

/// XLIFF 2.0's segment state for a status. XLIFF has no "draft": drafts are `initial`, which
/// the `subState` tells apart from untranslated rows.
fn state(status: Status) -> &'static str {
    match status {
        Status::Untranslated | Status::Draft => "initial",
        Status::Translated => "translated",
        Status::Reviewed => "final",
    }
}

/// Writes the project as an XLIFF 2.0 document.
pub fn write(
    project: &Project,
    options: &Options,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let meta = &project.meta;
    let mut xml = XmlOut::new(out)?;
    xml.open(
        "xliff",
        &[
            ("xmlns", NAMESPACE),
            ("version", "2.0"),
            ("srcLang", &meta.source_lang),
            ("trgLang", &meta.target_lang),
        ],
    )?;
    xml.open("file", &[("id", "f1")])?;
    for unit in units(project, options) {
        let policy = options.invalid_chars;
        let row = unit.row_id();
        let source = clean(unit.source, policy, row, Side::Source, FORMAT)?;
        let target = clean(unit.target, policy, row, Side::Target, FORMAT)?;
        let sub_state = format!("tolk:{}", unit.status().name());
        xml.open("unit", &[("id", &unit.id())])?;
        xml.open(
            "segment",
            &[("state", state(unit.status())), ("subState", &sub_state)],
        )?;
        xml.text_element("source", &[("xml:space", "preserve")], &source)?;
        if !target.is_empty() || unit.status() != Status::Untranslated {
            xml.text_element("target", &[("xml:space", "preserve")], &target)?;
        }
        xml.close("segment")?;
        xml.close("unit")?;
    }
    xml.close("file")?;
    xml.close("xliff")?;
    xml.finish()?;
    Ok(())
}

/// Reads an XLIFF 2.x document: languages from `srcLang` and `trgLang`, one unit per `unit`
/// (the texts of its segments and ignorables joined in order). The status is Tolk's
/// `subState` when present, else from the first segment's `state`: `translated`, `reviewed`
/// and `final` map to translated, reviewed and reviewed; `initial` to draft or untranslated.
/// Inline codes (`ph`, `sc`, `ec`) carry no text; the text inside `pc` and `mrk` is kept.
pub fn read(bytes: &[u8]) -> Result<Bilingual, ReadError> {
    let text = decode(bytes)?;
    let mut xml = XmlIn::new(&text);
    let root = match xml.root()? {
        Some(e) if e.local_name() == "xliff" => e,
        _ => return Err(xml.invalid(0, "this is not XLIFF: the root element is not <xliff>")),
    };
    let version = xml.required(&root, "version")?;
    if !version.starts_with("2.") {
        return Err(xml.invalid(root.at, format!("this is XLIFF {version}, not 2.x")));
    }
    let mut bilingual = Bilingual {
        source_lang: xml.required(&root, "srcLang")?,
        target_lang: xml.attribute(&root, "trgLang")?.unwrap_or_default(),
        units: Vec::new(),
    };
    // Units may sit in files and nested groups: walk everything, reading each unit whole.
    let mut depth = 0usize;
    loop {
        match xml.next()? {
            Node::Start(e) if e.local_name() == "unit" => {
                bilingual.units.push(read_unit(&mut xml)?)
            }
            Node::Start(e) if matches!(e.local_name(), "file" | "group") => depth += 1,
            Node::Start(_) => xml.skip_element()?,
            Node::End if depth > 0 => depth -= 1,
            Node::End => return Ok(bilingual),
            Node::Other => {}
            Node::Eof => return Err(xml.invalid(root.at, "the <xliff> element is not closed")),
        }
    }
}

fn read_unit(xml: &mut XmlIn<'_>) -> Result<BilingualUnit, ReadError> {
    let mut unit = BilingualUnit::default();
    let mut first_state: Option<(String, Option<String>)> = None;
    loop {
        match xml.next()? {
            Node::Start(e) if matches!(e.local_name(), "segment" | "ignorable") => {
                if e.local_name() == "segment" && first_state.is_none() {
                    let state = xml
                        .attribute(&e, "state")?
                        .unwrap_or_else(|| "initial".into());
                    first_state = Some((state, xml.attribute(&e, "subState")?));
                }
                loop {
                    match xml.next()? {
                        Node::Start(part) if part.local_name() == "source" => {
                            unit.source.push_str(&xml.text_content(&[])?);
                        }
                        Node::Start(part) if part.local_name() == "target" => {
                            unit.target.push_str(&xml.text_content(&[])?);
                        }
                        Node::Start(_) => xml.skip_element()?,
                        Node::End => break,
                        Node::Other => {}
                        Node::Eof => return Err(xml.invalid(e.at, "the segment is not closed")),
                    }
                }
            }
            Node::Start(_) => xml.skip_element()?,
            Node::End => break,
            Node::Other => {}
            Node::Eof => return Err(xml.invalid(0, "the file ends inside a <unit>")),
        }
    }
    let (state, sub_state) = first_state.unwrap_or_else(|| ("initial".into(), None));
    let tolk = sub_state
        .as_deref()
        .and_then(|s| s.strip_prefix("tolk:"))
        .and_then(status_named);
    unit.status = tolk.or(match state.as_str() {
        "translated" => Some(Status::Translated),
        "reviewed" | "final" => Some(Status::Reviewed),
        _ => None,
    });
    Ok(unit)
}
