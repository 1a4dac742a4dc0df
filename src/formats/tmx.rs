//! TMX 1.4b: one `tu` per unit with a `tuv` per language. What Tolk owns (status, row id,
//! author, paragraph starts, locks, confidence, title, notes) rides in `prop type="x-tolk-..."`
//! so that a round trip keeps it; other tools ignore those.

use std::collections::BTreeMap;
use std::io::Write;

use super::bilingual::{Bilingual, BilingualUnit, ReadOptions, status_named};
use super::error::{ExportError, ReadError};
use super::export::ExportFormat;
use super::lang_match::{matches, normalise, primary};
use super::options::Options;
use super::units::select;
use super::xml_read::{Node, XmlIn, decode_xml};
use super::xml_write::{XmlOut, clean};
use crate::model::{Project, Side, Status};

const FORMAT: &str = "TMX";
/// Inline TMX elements whose content is native markup code, not text.
const CODE_ELEMENTS: [&str; 5] = ["bpt", "ept", "it", "ph", "ut"];

/// Writes the project as a TMX 1.4b document. Which rows go in is [`select`]'s rule for TMX:
/// by default only finished work (translated and reviewed rows with a target), because other
/// tools take every unit of a translation memory as a good translation.
pub fn write(
    project: &Project,
    options: &Options,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let meta = &project.meta;
    let policy = options.invalid_chars;
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
    // Labels, not texts: characters XML cannot carry are simply left out.
    for (kind, value) in [("x-tolk-title", &meta.title), ("x-tolk-notes", &meta.notes)] {
        let value: String = value
            .chars()
            .filter(|c| super::xml_write::is_xml_char(*c))
            .collect();
        if !value.is_empty() {
            xml.text_element("prop", &[("type", kind)], &value)?;
        }
    }
    xml.close("header")?;
    xml.open("body", &[])?;
    for unit in select(project, ExportFormat::Tmx, options).units {
        let row = unit.row_id();
        let source = clean(unit.source, policy, row, Side::Source, FORMAT)?;
        let target = clean(unit.target, policy, row, Side::Target, FORMAT)?;
        let id = unit.id();
        xml.open("tu", &[("tuid", &id)])?;
        let prop = |xml: &mut XmlOut<_>, kind: &str, value: &str| {
            xml.text_element("prop", &[("type", kind)], value)
        };
        prop(&mut xml, "x-tolk-status", unit.status().name())?;
        prop(&mut xml, "x-tolk-row", &row.0.to_string())?;
        if let Some(author) = unit.author() {
            let author = clean(author, policy, row, Side::Target, FORMAT)?;
            prop(&mut xml, "x-tolk-author", &author)?;
        }
        if unit.starts_paragraph() {
            prop(&mut xml, "x-tolk-paragraph", "yes")?;
        }
        if unit.row.locked {
            prop(&mut xml, "x-tolk-locked", "yes")?;
        }
        if let Some(score) = unit.row.score {
            prop(&mut xml, "x-tolk-confidence", &score.to_string())?;
        }
        // Notes on the row (on its first sentence pair when split): the text as TMX's own
        // <note>, time and author in Tolk's property beside it.
        if unit.sentence.is_none_or(|n| n == 1) {
            for note in &unit.row.notes {
                prop(
                    &mut xml,
                    "x-tolk-note-by",
                    &clean(
                        &super::notes::stamp(note),
                        policy,
                        row,
                        Side::Target,
                        FORMAT,
                    )?,
                )?;
                xml.text_element(
                    "note",
                    &[],
                    &clean(&note.text, policy, row, Side::Target, FORMAT)?,
                )?;
            }
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

/// Reads a TMX document (1.1 to 1.4b) choosing the languages itself; see [`read_with`].
pub fn read(bytes: &[u8]) -> Result<Bilingual, ReadError> {
    read_with(bytes, &ReadOptions::default())
}

/// Reads a TMX document (1.1 to 1.4b), taking from each unit the `tuv` of the source and of
/// the target language, matched as BCP 47 tags (`sv` = `sv-SE` = `SV-se`; `sv_SE` is read as
/// `sv-SE` with a warning).
///
/// The source language is `choice.source_lang`, else the unit's own `srclang` (TMX 1.4b: it
/// overrides the header's), else the header's, else the unit's first `tuv`. The target
/// language is `choice.target_lang`, else Tolk's header property, else the one other language
/// of the file; a file with more than two languages and no choice is refused with their list.
/// No unit with text becomes an empty row: units without text in either language are left out
/// and counted in the warnings, as are texts in languages not read.
///
/// Units without Tolk's status property count as translated when they have a target (a
/// translation memory holds finished translations). The content of inline code elements
/// (`bpt`, `ept`, `it`, `ph`, `ut`) is native markup and is left out; the text of `hi` is kept.
pub fn read_with(bytes: &[u8], choice: &ReadOptions) -> Result<Bilingual, ReadError> {
    let text = decode_xml(bytes)?;
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
    let mut header = Header::default();
    let mut tus = Vec::new();
    let mut depth = 0usize;
    loop {
        match xml.next()? {
            Node::Start(e) if e.local_name() == "header" => {
                let lang = xml.required(&e, "srclang")?;
                if !lang.eq_ignore_ascii_case("*all*") {
                    header.srclang = Some(lang);
                }
                read_header(&mut xml, &mut header)?;
            }
            Node::Start(e) if e.local_name() == "body" => depth += 1,
            Node::Start(e) if e.local_name() == "tu" => {
                let srclang = xml.attribute(&e, "srclang")?;
                let changeid = xml.attribute(&e, "changeid")?;
                tus.push(read_tu(&mut xml, srclang, changeid)?);
            }
            Node::Start(_) => xml.skip_element()?,
            Node::End if depth > 0 => depth -= 1,
            Node::End => break,
            Node::Other => {}
            Node::Eof => return Err(xml.invalid(root.at, "the <tmx> element is not closed")),
        }
    }
    choose(header, tus, choice).map_err(|message| xml.invalid(root.at, message))
}

#[derive(Default)]
struct Header {
    srclang: Option<String>,
    target_lang: Option<String>,
    title: Option<String>,
    notes: Option<String>,
}

/// The rest of the header: Tolk's properties, if there are any.
fn read_header(xml: &mut XmlIn<'_>, header: &mut Header) -> Result<(), ReadError> {
    loop {
        match xml.next()? {
            Node::Start(e) if e.local_name() == "prop" => {
                let kind = xml.attribute(&e, "type")?;
                let value = xml.text_content(&[])?;
                match kind.as_deref() {
                    Some("x-tolk-target-lang") => header.target_lang = Some(value),
                    Some("x-tolk-title") => header.title = Some(value),
                    Some("x-tolk-notes") => header.notes = Some(value),
                    _ => {}
                }
            }
            Node::Start(_) => xml.skip_element()?,
            Node::End => return Ok(()),
            Node::Other => {}
            Node::Eof => return Err(xml.invalid(0, "the file ends inside the <header>")),
        }
    }
}

/// One `tu` as written: its attributes, Tolk's properties and its (language, text) pairs.
#[derive(Default)]
struct Tu {
    srclang: Option<String>,
    props: BTreeMap<String, String>,
    /// Who changed the unit last (`changeid` of the unit or of a `tuv`), as OmegaT writes it.
    changeids: Vec<(Option<String>, String)>,
    tuvs: Vec<(String, String)>,
    notes: Vec<String>,
    /// Tolk's stamps of the notes (`x-tolk-note-by`), in order.
    note_stamps: Vec<String>,
}

fn read_tu(
    xml: &mut XmlIn<'_>,
    srclang: Option<String>,
    changeid: Option<String>,
) -> Result<Tu, ReadError> {
    let mut tu = Tu {
        srclang: srclang.filter(|l| !l.eq_ignore_ascii_case("*all*")),
        ..Tu::default()
    };
    if let Some(id) = changeid {
        tu.changeids.push((None, id));
    }
    loop {
        match xml.next()? {
            Node::Start(e) if e.local_name() == "prop" => {
                let kind = xml.attribute(&e, "type")?;
                let value = xml.text_content(&[])?;
                if kind.as_deref() == Some("x-tolk-note-by") {
                    tu.note_stamps.push(value);
                } else if let Some(kind) = kind.filter(|k| k.starts_with("x-tolk-")) {
                    tu.props.insert(kind, value);
                }
            }
            Node::Start(e) if e.local_name() == "note" => {
                tu.notes.push(xml.text_content(&[])?);
            }
            Node::Start(e) if e.local_name() == "tuv" => {
                let lang = match xml.attribute(&e, "xml:lang")? {
                    Some(lang) => lang,
                    None => xml.required(&e, "lang")?,
                };
                if let Some(id) = xml.attribute(&e, "changeid")? {
                    tu.changeids.push((Some(lang.clone()), id));
                }
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

/// Counts of what [`choose`] left out or could not fill, for the warnings.
#[derive(Default)]
struct Tally {
    empty: usize,
    no_source: usize,
    no_target: usize,
    /// Units left out because their only text is in languages not read, by language.
    other_only: BTreeMap<String, usize>,
    /// Texts not read (in units that were read) because of their language.
    unread: BTreeMap<String, usize>,
}

/// Picks the languages and turns the units into pairs (see [`read_with`]); `Err` is the
/// message of a refusal.
fn choose(header: Header, mut tus: Vec<Tu>, choice: &ReadOptions) -> Result<Bilingual, String> {
    let mut warnings = Vec::new();
    let mut repaired: BTreeMap<String, String> = BTreeMap::new();
    // Tags that are no tags at all, as the file writes them (quoted in the refusal).
    let mut invalid: Vec<String> = Vec::new();
    let mut fix = |tag: &str| {
        let (fixed, was_bad) = normalise(tag);
        if was_bad {
            repaired.insert(tag.trim().to_string(), fixed.clone());
        }
        if !crate::model::is_valid_language_tag(&fixed) && !invalid.iter().any(|t| t == tag) {
            invalid.push(tag.to_string());
        }
        fixed
    };
    // Every language of the file, once per primary subtag, as first written.
    let mut languages: Vec<String> = Vec::new();
    for tu in &mut tus {
        for (lang, _) in &mut tu.tuvs {
            *lang = fix(lang);
            if !languages.iter().any(|l| primary(l) == primary(lang)) {
                languages.push(lang.clone());
            }
        }
        tu.srclang = tu.srclang.as_deref().map(&mut fix);
    }
    let header_source = header.srclang.as_deref().map(&mut fix);
    let chosen_source = choice.source_lang.as_deref().map(&mut fix);
    let chosen_target = choice.target_lang.as_deref().map(&mut fix);
    let tolk_target = header.target_lang.as_deref().map(&mut fix);
    if let Some(bad) = invalid.first() {
        return Err(format!(
            "the language tag {bad:?} (an xml:lang or srclang attribute) is not a language tag (BCP 47, e.g. sv, en-GB); fix it in the file"
        ));
    }
    for (bad, good) in &repaired {
        warnings.push(format!(
            "the language tag {bad:?} is not BCP 47 (it has '_'); read as {good:?}"
        ));
    }
    let listed = || languages.join(", ");
    for (what, chosen) in [("source", &chosen_source), ("target", &chosen_target)] {
        if let Some(lang) = chosen
            && !languages.iter().any(|l| matches(l, lang))
        {
            return Err(format!(
                "the file has no text in the {what} language {lang:?}; its languages are {}",
                listed()
            ));
        }
    }
    if languages.len() > 2 && chosen_target.is_none() && tolk_target.is_none() {
        return Err(format!(
            "the file holds {} languages ({}): choose the two to read with --source-lang and --target-lang",
            languages.len(),
            listed()
        ));
    }
    let source_of = |tu: &Tu| -> Option<String> {
        chosen_source
            .clone()
            .or_else(|| tu.srclang.clone())
            .or_else(|| header_source.clone())
            .or_else(|| tu.tuvs.first().map(|(l, _)| l.clone()))
    };
    let source_lang = tus
        .iter()
        .find_map(source_of)
        .or_else(|| header_source.clone())
        .unwrap_or_default();
    // The target: chosen, Tolk's, or the one language that is not a source.
    let fixed_target = chosen_target.clone().or_else(|| tolk_target.clone());
    let other = |source: &str| languages.iter().find(|l| !matches(l, source)).cloned();
    let target_lang = fixed_target
        .clone()
        .or_else(|| other(&source_lang))
        .unwrap_or_default();
    let tolk_direction = header_source
        .as_deref()
        .is_some_and(|h| matches(h, &source_lang))
        && tolk_target
            .as_deref()
            .is_none_or(|t| target_lang.is_empty() || matches(t, &target_lang));
    let mut tally = Tally::default();
    let mut units = Vec::with_capacity(tus.len());
    for tu in tus {
        let source = source_of(&tu).unwrap_or_default();
        let target = fixed_target.clone().or_else(|| other(&source));
        let source_at = tu.tuvs.iter().position(|(l, _)| matches(l, &source));
        let target_at = target.as_deref().and_then(|t| {
            tu.tuvs
                .iter()
                .enumerate()
                .position(|(i, (l, _))| Some(i) != source_at && matches(l, t))
        });
        let text_at = |at: Option<usize>| at.map(|i| tu.tuvs[i].1.clone()).unwrap_or_default();
        let (source_text, target_text) = (text_at(source_at), text_at(target_at));
        let unread: Vec<&(String, String)> = tu
            .tuvs
            .iter()
            .enumerate()
            .filter(|(i, (_, text))| {
                Some(*i) != source_at && Some(*i) != target_at && !text.is_empty()
            })
            .map(|(_, tuv)| tuv)
            .collect();
        let tolk = |kind: &str| tu.props.get(kind).filter(|_| tolk_direction);
        let is_tolks = tolk("x-tolk-row").is_some();
        // Tolk's own empty rows (an inserted blank row) come back; anyone else's empty unit
        // is no row.
        if source_text.is_empty() && target_text.is_empty() && !(is_tolks && unread.is_empty()) {
            if unread.is_empty() {
                tally.empty += 1;
            } else {
                for (lang, _) in unread {
                    *tally.other_only.entry(lang.clone()).or_default() += 1;
                }
            }
            continue;
        }
        for (lang, _) in unread {
            *tally.unread.entry(lang.clone()).or_default() += 1;
        }
        if !is_tolks {
            tally.no_source += usize::from(source_text.is_empty());
            tally.no_target += usize::from(target_text.is_empty());
        }
        let status = match tolk("x-tolk-status").and_then(|s| status_named(s)) {
            Some(status) => Some(status),
            None if !target_text.is_empty() => Some(Status::Translated),
            None => None,
        };
        let author = tu.props.get("x-tolk-author").cloned().or_else(|| {
            // OmegaT names who changed the translation on its `tuv`, or on the `tu`.
            let target_tag = target_at.map(|i| tu.tuvs[i].0.as_str());
            tu.changeids
                .iter()
                .find(|(lang, _)| lang.as_deref().is_some_and(|l| Some(l) == target_tag))
                .or_else(|| tu.changeids.iter().find(|(lang, _)| lang.is_none()))
                .map(|(_, id)| id.clone())
        });
        units.push(BilingualUnit {
            source: source_text,
            target: target_text,
            status,
            score: tolk("x-tolk-confidence")
                .and_then(|s| s.trim().parse::<f32>().ok())
                .filter(|s| (0.0..=1.0).contains(s)),
            id: tolk("x-tolk-row").and_then(|s| s.trim().parse().ok()),
            locked: tolk("x-tolk-locked").is_some_and(|v| v == "yes"),
            starts_paragraph: is_tolks
                .then(|| tolk("x-tolk-paragraph").is_some_and(|v| v == "yes")),
            notes: tu
                .notes
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    let stamp = tu.note_stamps.get(i).filter(|_| tolk_direction);
                    super::notes::read_note(
                        text.clone(),
                        stamp.map(String::as_str),
                        author.as_deref(),
                    )
                })
                .collect(),
            author,
        });
    }
    let count = |n: usize| {
        if n == 1 {
            "1 unit".to_string()
        } else {
            format!("{n} units")
        }
    };
    if tally.empty > 0 {
        warnings.push(format!("left out {} with no text", count(tally.empty)));
    }
    for (lang, n) in &tally.other_only {
        warnings.push(format!(
            "left out {} with text only in {lang} (read {lang} with --source-lang or --target-lang)",
            count(*n)
        ));
    }
    for (lang, n) in &tally.unread {
        warnings.push(format!("did not read the {lang} text of {}", count(*n)));
    }
    let have = |n: usize| {
        if n == 1 {
            "1 unit has".to_string()
        } else {
            format!("{n} units have")
        }
    };
    if tally.no_target > 0 {
        let lang = if target_lang.is_empty() {
            "the target language"
        } else {
            &target_lang
        };
        warnings.push(format!(
            "{} no text in {lang}: imported as untranslated rows",
            have(tally.no_target)
        ));
    }
    if tally.no_source > 0 {
        warnings.push(format!(
            "{} no text in {source_lang}: imported with an empty source",
            have(tally.no_source)
        ));
    }
    Ok(Bilingual {
        source_lang,
        target_lang,
        units,
        title: header.title.filter(|_| tolk_direction),
        notes: header.notes.filter(|_| tolk_direction),
        warnings,
    })
}
