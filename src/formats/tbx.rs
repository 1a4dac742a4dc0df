//! TBX (TermBase eXchange), the TBX-Basic dialect: read in both its shapes, TBX 2
//! (`martif` / `termEntry` / `langSet` / `tig` or `ntig`) and TBX 3 (`tbx` / `conceptEntry` /
//! `langSec` / `termSec`), and written as TBX 2 TBX-Basic, the shape most tools read.
//! Read with quick-xml through `xml_read`: no DTD is read and no entity but the five
//! predefined ones and character references is expanded.

use std::io::Write;

use super::error::{ExportError, ReadError};
use super::glossary::{Glossary, GlossaryReadError, Term, TermEntry};
use super::lang_match::matches;
use super::xml_read::{Node, XmlIn, decode_xml};
use super::xml_write::{XmlOut, is_xml_char};

/// Administrative statuses that mark a term not to be used.
const FORBIDDEN: [&str; 4] = [
    "deprecatedTerm-admn-sts",
    "supersededTerm-admn-sts",
    "deprecatedTerm",
    "supersededTerm",
];

/// Reads the terms of `source_lang` and `target_lang` (matched as BCP 47 tags: `en` reads
/// `en-GB`). Concepts without a term in both languages are left out and counted in the
/// warnings; a file with terms in neither language is refused, naming its languages.
pub fn read(
    bytes: &[u8],
    source_lang: &str,
    target_lang: &str,
) -> Result<Glossary, GlossaryReadError> {
    let text = decode_xml(bytes)?;
    let mut xml = XmlIn::new(&text);
    let root = match xml.root()? {
        Some(e) if matches!(e.local_name(), "martif" | "tbx") => e,
        Some(e) => {
            return Err(xml
                .invalid(
                    e.at,
                    format!("this is not TBX: the root element is <{}>", e.name()),
                )
                .into());
        }
        None => {
            return Err(xml
                .invalid(0, "this is not TBX: there is no root element")
                .into());
        }
    };
    let default_lang = xml.attribute(&root, "xml:lang")?.unwrap_or_default();
    let mut glossary = Glossary {
        source_lang: source_lang.to_string(),
        target_lang: target_lang.to_string(),
        ..Glossary::default()
    };
    let mut languages: Vec<String> = Vec::new();
    let mut incomplete = 0usize;
    let mut depth = 0usize;
    loop {
        match xml.next()? {
            Node::Start(e) if matches!(e.local_name(), "termEntry" | "conceptEntry") => {
                let id = xml.attribute(&e, "id")?.unwrap_or_default();
                let concept = read_concept(&mut xml, &default_lang)?;
                let mut entry = TermEntry {
                    id,
                    note: concept.note,
                    ..TermEntry::default()
                };
                for (lang, term) in concept.terms {
                    if !languages.iter().any(|l| l.eq_ignore_ascii_case(&lang)) {
                        languages.push(lang.clone());
                    }
                    if matches(&lang, source_lang) {
                        entry.source.push(term);
                    } else if matches(&lang, target_lang) {
                        entry.target.push(term);
                    }
                }
                if entry.source.is_empty() || entry.target.is_empty() {
                    incomplete += 1;
                } else {
                    glossary.entries.push(entry);
                }
            }
            Node::Start(e) if matches!(e.local_name(), "text" | "body") => depth += 1,
            Node::Start(_) => xml.skip_element()?,
            Node::End if depth > 0 => depth -= 1,
            Node::End => break,
            Node::Other => {}
            Node::Eof => {
                return Err(xml
                    .invalid(root.at, "the root element is not closed")
                    .into());
            }
        }
    }
    if glossary.entries.is_empty() && incomplete > 0 {
        return Err(GlossaryReadError::Languages(format!(
            "no concept has terms in both {source_lang} and {target_lang}; the file's languages are {}",
            languages.join(", ")
        )));
    }
    if incomplete > 0 {
        glossary.warnings.push(format!(
            "left out {incomplete} concepts without a term in both {source_lang} and {target_lang}"
        ));
    }
    Ok(glossary)
}

struct Concept {
    terms: Vec<(String, Term)>,
    note: Option<String>,
}

/// One concept entry: its language sections and the notes or definitions on it.
fn read_concept(xml: &mut XmlIn<'_>, default_lang: &str) -> Result<Concept, ReadError> {
    let mut concept = Concept {
        terms: Vec::new(),
        note: None,
    };
    loop {
        match xml.next()? {
            Node::Start(e) if matches!(e.local_name(), "langSet" | "langSec") => {
                let lang = xml
                    .attribute(&e, "xml:lang")?
                    .unwrap_or_else(|| default_lang.to_string());
                read_language(xml, &lang, &mut concept)?;
            }
            Node::Start(e) if is_note(&e, xml)? => {
                let text = xml.text_content(&[])?;
                concept.note.get_or_insert(text);
            }
            Node::Start(_) => xml.skip_element()?,
            Node::End => return Ok(concept),
            Node::Other => {}
            Node::Eof => return Err(xml.invalid(0, "the file ends inside a concept entry")),
        }
    }
}

fn is_note(e: &super::xml_read::Element<'_>, xml: &XmlIn<'_>) -> Result<bool, ReadError> {
    Ok(match e.local_name() {
        "note" => true,
        "descrip" => xml.attribute(e, "type")?.as_deref() == Some("definition"),
        _ => false,
    })
}

/// A language section: its terms (in `tig`, `ntig`/`termGrp` or `termSec`), each with its
/// administrative status.
fn read_language(xml: &mut XmlIn<'_>, lang: &str, concept: &mut Concept) -> Result<(), ReadError> {
    let mut depth = 0usize;
    let mut current: Option<usize> = None;
    loop {
        match xml.next()? {
            Node::Start(e) if matches!(e.local_name(), "tig" | "ntig" | "termGrp" | "termSec") => {
                depth += 1;
                if e.local_name() != "termGrp" {
                    current = None;
                }
            }
            Node::Start(e) if e.local_name() == "term" => {
                let text = xml.text_content(&[])?.trim().to_string();
                if !text.is_empty() {
                    concept.terms.push((lang.to_string(), Term::new(text)));
                    current = Some(concept.terms.len() - 1);
                }
            }
            Node::Start(e) if e.local_name() == "termNote" => {
                let kind = xml.attribute(&e, "type")?;
                let value = xml.text_content(&[])?;
                let status = matches!(
                    kind.as_deref(),
                    Some("administrativeStatus" | "normativeAuthorization")
                );
                if status
                    && FORBIDDEN.contains(&value.trim())
                    && let Some(k) = current
                {
                    concept.terms[k].1.forbidden = true;
                }
            }
            Node::Start(e) if is_note(&e, xml)? && depth == 0 => {
                let text = xml.text_content(&[])?;
                concept.note.get_or_insert(text);
            }
            Node::Start(_) => xml.skip_element()?,
            Node::End if depth > 0 => depth -= 1,
            Node::End => return Ok(()),
            Node::Other => {}
            Node::Eof => return Err(xml.invalid(0, "the file ends inside a language section")),
        }
    }
}

/// Writes a glossary as a TBX-Basic document (TBX 2, `martif`). Forbidden target terms get
/// the administrative status `deprecatedTerm-admn-sts`, the others `preferredTerm-admn-sts`.
pub fn write(glossary: &Glossary, out: &mut impl Write) -> Result<(), ExportError> {
    let clean = |text: &str| -> String { text.chars().filter(|c| is_xml_char(*c)).collect() };
    let mut xml = XmlOut::new(out)?;
    xml.doctype("martif SYSTEM \"TBXBasiccoreStructV02.dtd\"")?;
    xml.open(
        "martif",
        &[("type", "TBX-Basic"), ("xml:lang", &glossary.source_lang)],
    )?;
    xml.open("martifHeader", &[])?;
    xml.open("fileDesc", &[])?;
    xml.open("sourceDesc", &[])?;
    xml.text_element("p", &[], "Written by Tolk")?;
    xml.close("sourceDesc")?;
    xml.close("fileDesc")?;
    xml.open("encodingDesc", &[])?;
    xml.text_element("p", &[("type", "XCSURI")], "TBXBasicXCSV02.xcs")?;
    xml.close("encodingDesc")?;
    xml.close("martifHeader")?;
    xml.open("text", &[])?;
    xml.open("body", &[])?;
    for (i, entry) in glossary.entries.iter().enumerate() {
        let id = if entry.id.is_empty() || !is_name(&entry.id) {
            format!("c{}", i + 1)
        } else {
            entry.id.clone()
        };
        xml.open("termEntry", &[("id", &id)])?;
        if let Some(note) = &entry.note {
            xml.text_element("note", &[], &clean(note))?;
        }
        for (lang, terms, marked) in [
            (&glossary.source_lang, &entry.source, false),
            (&glossary.target_lang, &entry.target, true),
        ] {
            xml.open("langSet", &[("xml:lang", lang)])?;
            for term in terms {
                xml.open("tig", &[])?;
                xml.text_element("term", &[], &clean(&term.text))?;
                if marked {
                    let status = if term.forbidden {
                        "deprecatedTerm-admn-sts"
                    } else {
                        "preferredTerm-admn-sts"
                    };
                    xml.text_element("termNote", &[("type", "administrativeStatus")], status)?;
                }
                xml.close("tig")?;
            }
            xml.close("langSet")?;
        }
        xml.close("termEntry")?;
    }
    xml.close("body")?;
    xml.close("text")?;
    xml.close("martif")?;
    xml.finish()?;
    Ok(())
}

/// Whether a text is a valid XML ID (a name: starts with a letter or `_`, no spaces).
fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TBX2: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
 <martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
 <text><body>
  <termEntry id="c1">
   <descrip type="definition">Rule by one class</descrip>
   <langSet xml:lang="sv"><tig><term>diktatur</term></tig></langSet>
   <langSet xml:lang="en-GB">
    <tig><term>dictatorship</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <ntig><termGrp><term>dictature</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
   </langSet>
  </termEntry>
  <termEntry id="c2"><langSet xml:lang="de"><tig><term>Diktatur</term></tig></langSet></termEntry>
 </body></text>
</martif>"#;

    const TBX3: &str = r#"<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
 <text><body>
  <conceptEntry id="k1">
   <langSec xml:lang="sv"><termSec><term>statens ledning</term></termSec></langSec>
   <langSec xml:lang="en"><termSec><term>direction of the state</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
   <termSec><term>government</term></termSec></langSec>
  </conceptEntry>
 </body></text>
</tbx>"#;

    #[test]
    fn tbx2_and_tbx3_read_terms_statuses_and_notes() {
        let g = read(TBX2.as_bytes(), "sv", "en").unwrap();
        assert_eq!(g.entries.len(), 1);
        let e = &g.entries[0];
        assert_eq!(e.source, vec![Term::new("diktatur")]);
        assert_eq!(e.target.len(), 2);
        assert!(!e.target[0].forbidden && e.target[1].forbidden);
        assert_eq!(e.note.as_deref(), Some("Rule by one class"));
        assert_eq!(g.warnings.len(), 1, "the German-only concept is counted");
        let g = read(TBX3.as_bytes(), "sv", "en").unwrap();
        let e = &g.entries[0];
        assert_eq!(e.source[0].text, "statens ledning");
        assert!(e.target[0].forbidden);
        assert_eq!(
            e.preferred().map(|t| t.text.as_str()).collect::<Vec<_>>(),
            ["government"]
        );
    }

    #[test]
    fn written_tbx_reads_back_the_same() {
        let g = read(TBX2.as_bytes(), "sv", "en").unwrap();
        let mut out = Vec::new();
        write(&g, &mut out).unwrap();
        let back = read(&out, "sv", "en").unwrap();
        assert_eq!(back.entries, g.entries);
    }

    #[test]
    fn hostile_tbx_is_refused_without_expanding_anything() {
        let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<martif><text><body><termEntry><langSet xml:lang="sv"><tig><term>&c;</term></tig></langSet></termEntry></body></text></martif>"#;
        let error = read(laughs.as_bytes(), "sv", "en").unwrap_err().to_string();
        assert!(error.contains('c'), "{error}");
        let external = r#"<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<martif><text><body><termEntry><langSet xml:lang="sv"><tig><term>&x;</term></tig></langSet></termEntry></body></text></martif>"#;
        assert!(read(external.as_bytes(), "sv", "en").is_err());
        let deep = format!(
            "<martif><text><body>{}{}</body></text></martif>",
            "<x>".repeat(100_000),
            "</x>".repeat(100_000)
        );
        let g = read(deep.as_bytes(), "sv", "en").unwrap();
        assert!(g.entries.is_empty());
        assert!(read(b"<html><body/></html>", "sv", "en").is_err());
        assert!(read(b"<martif><text><body><termEntry>", "sv", "en").is_err());
        let other = r#"<martif><text><body><termEntry><langSet xml:lang="de"><tig><term>a</term></tig></langSet><langSet xml:lang="fr"><tig><term>b</term></tig></langSet></termEntry></body></text></martif>"#;
        let error = read(other.as_bytes(), "sv", "en").unwrap_err().to_string();
        assert!(error.contains("de, fr"), "{error}");
    }
}
