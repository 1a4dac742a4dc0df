//! XLIFF 2.0 (OASIS core): one `unit` per Tolk unit with one `segment` whose `state` comes
//! from the row's status; the exact status rides in `subState="tolk:..."`. What else Tolk
//! owns rides in attributes of its own namespace (`tolk:row`, `tolk:author`,
//! `tolk:paragraph`, `tolk:locked`, `tolk:confidence` on the unit, which the core schema
//! allows), the title in the file's `original` and the notes in a file `note`.

use std::io::Write;

use super::bilingual::{Bilingual, BilingualUnit, status_named};
use super::error::{ExportError, ReadError};
use super::export::ExportFormat;
use super::options::Options;
use super::units::select;
use super::xml_read::{Node, XmlIn, decode_xml};
use super::xml_write::{XmlOut, clean, is_xml_char};
use crate::model::{Project, Side, Status};

const FORMAT: &str = "XLIFF";
pub(crate) const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";
/// The namespace of Tolk's own attributes.
pub(crate) const TOLK_NAMESPACE: &str = "urn:x-tolk:xliff:1";

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
            ("xmlns:tolk", TOLK_NAMESPACE),
            ("version", "2.0"),
            ("srcLang", &meta.source_lang),
            ("trgLang", &meta.target_lang),
        ],
    )?;
    let policy = options.invalid_chars;
    // The title and notes are labels: characters XML cannot carry are simply left out.
    let label = |text: &str| -> String { text.chars().filter(|c| is_xml_char(*c)).collect() };
    let title = label(&meta.title);
    let mut file = vec![("id", "f1")];
    if !title.is_empty() {
        file.push(("original", title.as_str()));
    }
    xml.open("file", &file)?;
    if !meta.notes.is_empty() {
        xml.open("notes", &[])?;
        xml.text_element("note", &[("category", "tolk")], &label(&meta.notes))?;
        xml.close("notes")?;
    }
    for unit in select(project, ExportFormat::Xliff, options).units {
        let row = unit.row_id();
        let source = clean(unit.source, policy, row, Side::Source, FORMAT)?;
        let target = clean(unit.target, policy, row, Side::Target, FORMAT)?;
        let sub_state = format!("tolk:{}", unit.status().name());
        let id = unit.id();
        let row_number = row.0.to_string();
        let author = unit
            .author()
            .map(|a| clean(a, policy, row, Side::Target, FORMAT))
            .transpose()?;
        let score = unit.row.score.map(|s| s.to_string());
        let mut attributes = vec![("id", id.as_str()), ("tolk:row", row_number.as_str())];
        if let Some(author) = &author {
            attributes.push(("tolk:author", author));
        }
        if unit.starts_paragraph() {
            attributes.push(("tolk:paragraph", "yes"));
        }
        if unit.row.locked {
            attributes.push(("tolk:locked", "yes"));
        }
        if let Some(score) = &score {
            attributes.push(("tolk:confidence", score));
        }
        xml.open("unit", &attributes)?;
        if unit.sentence.is_none_or(|n| n == 1) && !unit.row.notes.is_empty() {
            xml.open("notes", &[])?;
            for note in &unit.row.notes {
                let at = note.at.to_string();
                let by = clean(&note.author, policy, row, Side::Target, FORMAT)?;
                let text = clean(&note.text, policy, row, Side::Target, FORMAT)?;
                xml.text_element("note", &[("tolk:author", &by), ("tolk:at", &at)], &text)?;
            }
            xml.close("notes")?;
        }
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
    let text = decode_xml(bytes)?;
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
        ..Bilingual::default()
    };
    // Tolk's attributes are read under whatever prefix the file binds to Tolk's namespace.
    let prefix = tolk_prefix(&xml, &root)?;
    // Units may sit in files and nested groups: walk everything, reading each unit whole.
    let mut depth = 0usize;
    loop {
        match xml.next()? {
            Node::Start(e) if e.local_name() == "unit" => {
                let mut unit = read_unit(&mut xml, prefix.as_deref())?;
                if let Some(prefix) = &prefix {
                    let tolk = |name: &str| xml.attribute(&e, &format!("{prefix}:{name}"));
                    if let Some(row) = tolk("row")? {
                        unit.id = row.trim().parse().ok();
                        unit.author = tolk("author")?;
                        unit.starts_paragraph = Some(tolk("paragraph")?.as_deref() == Some("yes"));
                        unit.locked = tolk("locked")?.as_deref() == Some("yes");
                        unit.score = tolk("confidence")?
                            .and_then(|s| s.trim().parse::<f32>().ok())
                            .filter(|s| (0.0..=1.0).contains(s));
                    }
                }
                bilingual.units.push(unit);
            }
            Node::Start(e) if e.local_name() == "file" => {
                if prefix.is_some() && bilingual.title.is_none() {
                    bilingual.title = xml.attribute(&e, "original")?;
                }
                depth += 1;
            }
            Node::Start(e) if e.local_name() == "notes" && prefix.is_some() => loop {
                match xml.next()? {
                    Node::Start(n) if n.local_name() == "note" => {
                        let category = xml.attribute(&n, "category")?;
                        let text = xml.text_content(&[])?;
                        if category.as_deref() == Some("tolk") {
                            bilingual.notes = Some(text);
                        }
                    }
                    Node::Start(_) => xml.skip_element()?,
                    Node::End => break,
                    Node::Other => {}
                    Node::Eof => return Err(xml.invalid(e.at, "the <notes> are not closed")),
                }
            },
            Node::Start(e) if e.local_name() == "group" => depth += 1,
            Node::Start(_) => xml.skip_element()?,
            Node::End if depth > 0 => depth -= 1,
            Node::End => return Ok(bilingual),
            Node::Other => {}
            Node::Eof => return Err(xml.invalid(root.at, "the <xliff> element is not closed")),
        }
    }
}

/// The prefix the root element binds to Tolk's namespace, if any.
fn tolk_prefix(
    xml: &XmlIn<'_>,
    root: &super::xml_read::Element<'_>,
) -> Result<Option<String>, ReadError> {
    for attribute in root.start.attributes().flatten() {
        let key = attribute.key.into_inner().to_string();
        if let Some(prefix) = key.strip_prefix("xmlns:")
            && xml.attribute(root, &key)?.as_deref() == Some(TOLK_NAMESPACE)
        {
            return Ok(Some(prefix.to_string()));
        }
    }
    Ok(None)
}

fn read_unit(xml: &mut XmlIn<'_>, tolk: Option<&str>) -> Result<BilingualUnit, ReadError> {
    let mut unit = BilingualUnit::default();
    let mut first_state: Option<(String, Option<String>)> = None;
    loop {
        match xml.next()? {
            Node::Start(e) if e.local_name() == "notes" => loop {
                match xml.next()? {
                    Node::Start(n) if n.local_name() == "note" => {
                        let tolks = |name: &str| match tolk {
                            Some(prefix) => xml.attribute(&n, &format!("{prefix}:{name}")),
                            None => Ok(None),
                        };
                        let (by, at) = (tolks("author")?, tolks("at")?);
                        let text = xml.text_content(&[])?;
                        let stamp = at.map(|at| format!("{at} {}", by.as_deref().unwrap_or("")));
                        unit.notes.push(super::notes::read_note(
                            text,
                            stamp.as_deref(),
                            by.as_deref(),
                        ));
                    }
                    Node::Start(_) => xml.skip_element()?,
                    Node::End => break,
                    Node::Other => {}
                    Node::Eof => return Err(xml.invalid(e.at, "the <notes> are not closed")),
                }
            },
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
    // Tolk's exact status holds only while the state is what Tolk wrote for it.
    let tolk = tolk.filter(|&s| self::state(s) == state);
    unit.status = tolk.or(match state.as_str() {
        "translated" => Some(Status::Translated),
        "reviewed" | "final" => Some(Status::Reviewed),
        _ => None,
    });
    Ok(unit)
}
