//! TMX 1.4b: one `tu` per unit with a `tuv` per language; Tolk's status, row id and author
//! ride in `prop type="x-tolk-..."` so that a round trip keeps them.

use std::io::Write;

use super::bilingual::{Bilingual, BilingualUnit, status_named};
use super::error::{ExportError, ReadError};
use super::options::Options;
use super::units::units;
use super::xml_read::{Node, XmlIn, decode};
use super::xml_write::{XmlOut, clean};
use crate::model::{Project, Side, Status};

const FORMAT: &str = "TMX";
/// Inline TMX elements whose content is native markup code, not text.
const CODE_ELEMENTS: [&str; 5] = ["bpt", "ept", "it", "ph", "ut"];

/// Writes the project as a TMX 1.4b document.
pub fn write(
    project: &Project,
    options: &Options,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let meta = &project.meta;
    let mut xml = XmlOut::new(out)?;
    xml.doctype("tmx SYSTEM \"tmx14.dtd\"")?;
    xml.open("tmx", &[("version", "1.4")])?;
    let created = meta.modified.strftime("%Y%m%dT%H%M%SZ").to_string();
    xml.open(
        "header",
        &[
            ("creationtool", "Tolk"),
            ("creationtoolversion", env!("CARGO_PKG_VERSION")),
            ("segtype", "sentence"),
            ("o-tmf", "Tolk project"),
            ("adminlang", "en"),
            ("srclang", &meta.source_lang),
            ("datatype", "plaintext"),
            ("creationdate", &created),
        ],
    )?;
    // TMX names only the source language; the target's is met in the units, so an export
    // without units would lose it.
    xml.text_element("prop", &[("type", "x-tolk-target-lang")], &meta.target_lang)?;
    xml.close("header")?;
    xml.open("body", &[])?;
    for unit in units(project, options) {
        let policy = options.invalid_chars;
        let row = unit.row_id();
        let source = clean(unit.source, policy, row, Side::Source, FORMAT)?;
        let target = clean(unit.target, policy, row, Side::Target, FORMAT)?;
        let id = unit.id();
        xml.open("tu", &[("tuid", &id)])?;
        xml.text_element("prop", &[("type", "x-tolk-status")], unit.status().name())?;
        xml.text_element("prop", &[("type", "x-tolk-row")], &row.0.to_string())?;
        if let Some(author) = unit.author() {
            let author = clean(author, policy, row, Side::Target, FORMAT)?;
            xml.text_element("prop", &[("type", "x-tolk-author")], &author)?;
        }
        for (lang, text) in [(&meta.source_lang, source), (&meta.target_lang, target)] {
            xml.open("tuv", &[("xml:lang", lang)])?;
            xml.text_element("seg", &[], &text)?;
            xml.close("tuv")?;
        }
        xml.close("tu")?;
    }
    xml.close("body")?;
    xml.close("tmx")?;
    xml.finish()?;
    Ok(())
}

/// Reads a TMX document (1.1 to 1.4b). The source language is the header's `srclang`; the
/// target language is the first other language met in a `tuv`. Units without Tolk's status
/// property count as translated when they have a target (a translation memory holds finished
/// translations). The content of inline code elements (`bpt`, `ept`, `it`, `ph`, `ut`) is
/// native markup and is left out; the text of `hi` is kept.
pub fn read(bytes: &[u8]) -> Result<Bilingual, ReadError> {
    let text = decode(bytes)?;
    let mut xml = XmlIn::new(&text);
    let root = match xml.root()? {
        Some(e) if e.local_name() == "tmx" => e,
        Some(e) => {
            return Err(xml.invalid(
                e.at,
                format!("this is not TMX: the root element is <{}>", e.name()),
            ));
        }
        None => return Err(xml.invalid(0, "this is not TMX: there is no root element")),
    };
    let mut source_lang: Option<String> = None;
    let mut target_lang: Option<String> = None;
    let mut bilingual = Bilingual::default();
    let mut depth = 0usize;
    loop {
        match xml.next()? {
            Node::Start(e) if e.local_name() == "header" => {
                let lang = xml.required(&e, "srclang")?;
                if !lang.eq_ignore_ascii_case("*all*") {
                    source_lang = Some(lang);
                }
                target_lang = read_header(&mut xml)?;
            }
            Node::Start(e) if e.local_name() == "body" => depth += 1,
            Node::Start(e) if e.local_name() == "tu" => {
                let tu = read_tu(&mut xml)?;
                let source = source_lang
                    .get_or_insert_with(|| tu.tuvs.first().map(|t| t.0.clone()).unwrap_or_default())
                    .clone();
                if target_lang.is_none() {
                    target_lang = tu
                        .tuvs
                        .iter()
                        .find(|(lang, _)| !lang.eq_ignore_ascii_case(&source))
                        .map(|(lang, _)| lang.clone());
                }
                let text_in = |lang: Option<&String>| {
                    lang.and_then(|l| tu.tuvs.iter().find(|(t, _)| t.eq_ignore_ascii_case(l)))
                        .map(|(_, text)| text.clone())
                        .unwrap_or_default()
                };
                let unit_source = text_in(Some(&source));
                let unit_target = text_in(target_lang.as_ref());
                let status = match tu.status.as_deref().and_then(status_named) {
                    Some(status) => Some(status),
                    None if !unit_target.is_empty() => Some(Status::Translated),
                    None => None,
                };
                bilingual.units.push(BilingualUnit {
                    source: unit_source,
                    target: unit_target,
                    status,
                    score: None,
                });
            }
            Node::Start(_) => xml.skip_element()?,
            Node::End if depth > 0 => depth -= 1,
            Node::End => break,
            Node::Other => {}
            Node::Eof => return Err(xml.invalid(root.at, "the <tmx> element is not closed")),
        }
    }
    bilingual.source_lang = source_lang.unwrap_or_default();
    bilingual.target_lang = target_lang.unwrap_or_default();
    Ok(bilingual)
}

/// The rest of the header: Tolk's target language property, if there is one.
fn read_header(xml: &mut XmlIn<'_>) -> Result<Option<String>, ReadError> {
    let mut target_lang = None;
    loop {
        match xml.next()? {
            Node::Start(e) if e.local_name() == "prop" => {
                let kind = xml.attribute(&e, "type")?;
                let value = xml.text_content(&[])?;
                if kind.as_deref() == Some("x-tolk-target-lang") {
                    target_lang = Some(value);
                }
            }
            Node::Start(_) => xml.skip_element()?,
            Node::End => return Ok(target_lang),
            Node::Other => {}
            Node::Eof => return Err(xml.invalid(0, "the file ends inside the <header>")),
        }
    }
}

/// One `tu`: its Tolk status property and its (language, text) pairs.
struct Tu {
    status: Option<String>,
    tuvs: Vec<(String, String)>,
}

fn read_tu(xml: &mut XmlIn<'_>) -> Result<Tu, ReadError> {
    let mut tu = Tu {
        status: None,
        tuvs: Vec::new(),
    };
    loop {
        match xml.next()? {
            Node::Start(e) if e.local_name() == "prop" => {
                let kind = xml.attribute(&e, "type")?;
                let value = xml.text_content(&[])?;
                if kind.as_deref() == Some("x-tolk-status") {
                    tu.status = Some(value);
                }
            }
            Node::Start(e) if e.local_name() == "tuv" => {
                let lang = match xml.attribute(&e, "xml:lang")? {
                    Some(lang) => lang,
                    None => xml.required(&e, "lang")?,
                };
                let mut text = None;
                loop {
                    match xml.next()? {
                        Node::Start(s) if s.local_name() == "seg" => {
                            text = Some(xml.text_content(&CODE_ELEMENTS)?);
                        }
                        Node::Start(_) => xml.skip_element()?,
                        Node::End => break,
                        Node::Other => {}
                        Node::Eof => {
                            return Err(xml.invalid(e.at, "the <tuv> element is not closed"));
                        }
                    }
                }
                let text = text.ok_or_else(|| xml.invalid(e.at, "this <tuv> has no <seg>"))?;
                tu.tuvs.push((lang, text));
            }
            Node::Start(_) => xml.skip_element()?,
            Node::End => return Ok(tu),
            Node::Other => {}
            Node::Eof => return Err(xml.invalid(0, "the file ends inside a <tu>")),
        }
    }
}
