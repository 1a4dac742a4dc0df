//! XLIFF 1.2 (OASIS): one `trans-unit` per Tolk unit. The status maps to `approved` and the
//! target's `state` so that translate-toolkit (and PO files made from ours) see translated
//! rows as translated and drafts as fuzzy; the table is in the README. What Tolk owns (exact
//! status, row id, author, paragraph starts, locks, confidence) rides in a `context-group`
//! of `context-type="x-tolk-..."` entries, the title in the file's `original` and the notes in a header `note`.

use std::collections::BTreeMap;
use std::io::Write;

use super::bilingual::{Bilingual, BilingualUnit, ReadOptions, status_named};
use super::error::{ExportError, ReadError};
use super::export::ExportFormat;
use super::lang_match::{matches, normalise};
use super::options::Options;
use super::units::select;
use super::xml_read::{Node, XmlIn, decode_xml};
use super::xml_write::{XmlOut, clean, is_xml_char};
use crate::model::{Project, Side, Status};

const FORMAT: &str = "XLIFF";
pub(crate) const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:1.2";
/// Inline XLIFF 1.2 elements whose content is native markup code, not text.
const CODE_ELEMENTS: [&str; 4] = ["bpt", "ept", "ph", "it"];
/// The `original` of a project without a title.
const UNTITLED: &str = "tolk-project";

/// The target `state` and the `approved` attribute Tolk writes for a status. translate-toolkit
/// counts a unit as translated only when `approved="yes"`, and as fuzzy when it has a target
/// without it: so translated and reviewed rows are approved, drafts are not.
fn written(status: Status) -> (&'static str, Option<&'static str>) {
    match status {
        Status::Untranslated => ("needs-translation", None),
        Status::Draft => ("needs-review-translation", Some("no")),
        Status::Translated => ("translated", Some("yes")),
        Status::Reviewed => ("final", Some("yes")),
    }
}

/// The status of a unit as other tools mean its attributes (the README's table): no target
/// text is untranslated; `final`/`signed-off` is reviewed; `translated`, or `approved="yes"`
/// (translate-toolkit's "translated", also for a PO entry that is not fuzzy), is translated;
/// any other target (PO's fuzzy, `needs-review-*`, `needs-translation` with text) is a draft.
fn status_of(target: &str, state: Option<&str>, approved: Option<&str>) -> Option<Status> {
    if target.is_empty() {
        return None;
    }
    Some(match state {
        Some("final" | "signed-off") => Status::Reviewed,
        Some("translated") => Status::Translated,
        _ if approved == Some("yes") => Status::Translated,
        _ => Status::Draft,
    })
}

/// Writes the project as an XLIFF 1.2 document.
pub fn write(
    project: &Project,
    options: &Options,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let meta = &project.meta;
    let policy = options.invalid_chars;
    let mut xml = XmlOut::new(out)?;
    xml.open("xliff", &[("version", "1.2"), ("xmlns", NAMESPACE)])?;
    // The title and notes are labels here: characters XML cannot carry are simply left out.
    let label = |text: &str| -> String { text.chars().filter(|c| is_xml_char(*c)).collect() };
    let title = label(&meta.title);
    let original = if title.trim().is_empty() {
        UNTITLED
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
    if !meta.notes.is_empty() {
        xml.text_element("note", &[("from", "tolk")], &label(&meta.notes))?;
    }
    xml.close("header")?;
    xml.open("body", &[])?;
    for unit in select(project, ExportFormat::Xliff12, options).units {
        let row = unit.row_id();
        let source = clean(unit.source, policy, row, Side::Source, FORMAT)?;
        let target = clean(unit.target, policy, row, Side::Target, FORMAT)?;
        let id = unit.id();
        let (state, approved) = written(unit.status());
        let mut attributes = vec![("id", id.as_str()), ("xml:space", "preserve")];
        if let Some(approved) = approved {
            attributes.push(("approved", approved));
        }
        xml.open("trans-unit", &attributes)?;
        xml.text_element("source", &[], &source)?;
        if !target.is_empty() || unit.status() != Status::Untranslated {
            xml.text_element("target", &[("state", state)], &target)?;
        }
        // Unnamed: group names must be unique in a file; the context types say it is Tolk's.
        xml.open("context-group", &[("purpose", "information")])?;
        let mut context =
            |kind: &str, value: &str| xml.text_element("context", &[("context-type", kind)], value);
        context("x-tolk-status", unit.status().name())?;
        context("x-tolk-row", &row.0.to_string())?;
        if let Some(author) = unit.author() {
            context(
                "x-tolk-author",
                &clean(author, policy, row, Side::Target, FORMAT)?,
            )?;
        }
        if unit.starts_paragraph() {
            context("x-tolk-paragraph", "yes")?;
        }
        if unit.row.locked {
            context("x-tolk-locked", "yes")?;
        }
        if let Some(score) = unit.row.score {
            context("x-tolk-confidence", &score.to_string())?;
        }
        let notes: &[crate::model::Note] = if unit.sentence.is_none_or(|n| n == 1) {
            &unit.row.notes
        } else {
            &[]
        };
        if !notes.is_empty() {
            // XLIFF 1.2 notes name their author but no time: the times ride here, in order.
            let times: Vec<String> = notes.iter().map(|n| n.at.to_string()).collect();
            context("x-tolk-note-at", &times.join(" "))?;
        }
        xml.close("context-group")?;
        for note in notes {
            let by = clean(&note.author, policy, row, Side::Target, FORMAT)?;
            let text = clean(&note.text, policy, row, Side::Target, FORMAT)?;
            xml.text_element("note", &[("from", &by)], &text)?;
        }
        xml.close("trans-unit")?;
    }
    xml.close("body")?;
    xml.close("file")?;
    xml.close("xliff")?;
    xml.finish()?;
    Ok(())
}

/// Reads an XLIFF 1.x document; see [`read_with`].
pub fn read(bytes: &[u8]) -> Result<Bilingual, ReadError> {
    read_with(bytes, &ReadOptions::default())
}

/// Reads an XLIFF 1.x document: one unit per `trans-unit` (in any `group`), texts from its
/// own `source` and `target` (never from `alt-trans`). Only the `file`s of one language pair
/// are read: the chosen one, else the first file's; other files are left out with a warning.
/// A PO header unit (`restype="x-gettext-domain-header"`, from po2xliff) is left out too.
///
/// The status is Tolk's own (from its `x-tolk-status` context) when the file's `state` and
/// `approved` are still what Tolk wrote for it, else from those attributes as other tools mean
/// them (see the README's table). Text outside `xml:space="preserve"` has its white space
/// runs read as one space and is trimmed (indentation of a pretty-printed file is not text).
/// The content of inline codes (`bpt`, `ept`, `ph`, `it`) is native markup and is left out;
/// the text inside `g` and `mrk` is kept.
pub fn read_with(bytes: &[u8], choice: &ReadOptions) -> Result<Bilingual, ReadError> {
    let text = decode_xml(bytes)?;
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
    let mut files = Vec::new();
    let root_preserve = space_of(&xml, &root, false)?;
    loop {
        match xml.next()? {
            Node::Start(e) if e.local_name() == "file" => {
                let preserve = space_of(&xml, &e, root_preserve)?;
                files.push(read_file(&mut xml, &e, preserve)?);
            }
            Node::Start(_) => xml.skip_element()?,
            Node::End => break,
            Node::Other => {}
            Node::Eof => return Err(xml.invalid(root.at, "the <xliff> element is not closed")),
        }
    }
    let mut warnings = Vec::new();
    let mut repaired = BTreeMap::new();
    for file in &mut files {
        for lang in [&mut file.source_lang, &mut file.target_lang] {
            let (fixed, bad) = normalise(lang);
            if bad {
                repaired.insert(lang.clone(), fixed.clone());
            }
            *lang = fixed;
        }
    }
    for (bad, good) in repaired {
        warnings.push(format!(
            "the language tag {bad:?} is not BCP 47 (it has '_'); read as {good:?}"
        ));
    }
    let pair = |f: &File| (f.source_lang.clone(), f.target_lang.clone());
    let wanted = |f: &File| {
        choice
            .source_lang
            .as_deref()
            .is_none_or(|l| matches(l, &f.source_lang))
            && choice
                .target_lang
                .as_deref()
                .is_none_or(|l| f.target_lang.is_empty() || matches(l, &f.target_lang))
    };
    let Some(first) = files.iter().find(|f| wanted(f)) else {
        let pairs: Vec<String> = files
            .iter()
            .map(|f| format!("{} -> {}", f.source_lang, f.target_lang))
            .collect();
        return Err(xml.invalid(
            root.at,
            if files.is_empty() {
                "this XLIFF has no <file>".to_string()
            } else {
                format!(
                    "no <file> has the chosen languages; the file's pairs are {}",
                    pairs.join(", ")
                )
            },
        ));
    };
    let (source_lang, target_lang) = pair(first);
    let mut bilingual = Bilingual {
        source_lang: choice.source_lang.clone().unwrap_or(source_lang.clone()),
        target_lang: if target_lang.is_empty() {
            choice.target_lang.clone().unwrap_or_default()
        } else {
            target_lang.clone()
        },
        title: first.title.clone(),
        notes: first.notes.clone(),
        ..Bilingual::default()
    };
    let same = |f: &File| {
        matches(&f.source_lang, &source_lang)
            && (f.target_lang.is_empty()
                || target_lang.is_empty()
                || matches(&f.target_lang, &target_lang))
    };
    let mut po_headers = 0;
    for file in files {
        if !(same(&file) && wanted(&file)) {
            warnings.push(format!(
                "left out the <file> {:?} ({} -> {}, {} units): it is not {} -> {}; read it with --source-lang and --target-lang",
                file.original,
                file.source_lang,
                file.target_lang,
                file.units.len(),
                bilingual.source_lang,
                bilingual.target_lang
            ));
            continue;
        }
        po_headers += file.po_headers;
        bilingual.units.extend(file.units);
    }
    if po_headers > 0 {
        warnings.push(format!(
            "left out {po_headers} PO header unit(s) (restype=\"x-gettext-domain-header\")"
        ));
    }
    bilingual.warnings = warnings;
    Ok(bilingual)
}

/// One `file`: its languages, title and notes when it is Tolk's, and its units.
struct File {
    original: String,
    source_lang: String,
    target_lang: String,
    title: Option<String>,
    notes: Option<String>,
    units: Vec<BilingualUnit>,
    po_headers: usize,
}

/// Whether an element keeps white space as written: its `xml:space`, else its parent's.
fn space_of(
    xml: &XmlIn<'_>,
    e: &super::xml_read::Element<'_>,
    inherited: bool,
) -> Result<bool, ReadError> {
    Ok(match xml.attribute(e, "xml:space")?.as_deref() {
        Some("preserve") => true,
        Some("default") => false,
        _ => inherited,
    })
}

fn read_file(
    xml: &mut XmlIn<'_>,
    e: &super::xml_read::Element<'_>,
    preserve: bool,
) -> Result<File, ReadError> {
    let tolks = xml.attribute(e, "tool-id")?.as_deref() == Some("tolk");
    let original = xml.attribute(e, "original")?.unwrap_or_default();
    let mut file = File {
        title: (tolks && original != UNTITLED).then(|| original.clone()),
        original,
        source_lang: xml.required(e, "source-language")?,
        target_lang: xml.attribute(e, "target-language")?.unwrap_or_default(),
        notes: None,
        units: Vec::new(),
        po_headers: 0,
    };
    // Units sit in the body, in nested groups: a stack of xml:space settings walks them.
    let mut spaces = vec![preserve];
    loop {
        let inherited = *spaces.last().unwrap_or(&preserve);
        match xml.next()? {
            Node::Start(e) if e.local_name() == "trans-unit" => {
                let preserve = space_of(xml, &e, inherited)?;
                let approved = xml.attribute(&e, "approved")?;
                let restype = xml.attribute(&e, "restype")?;
                let unit = read_trans_unit(xml, approved.as_deref(), preserve)?;
                if restype.as_deref() == Some("x-gettext-domain-header") {
                    file.po_headers += 1;
                } else {
                    file.units.push(unit);
                }
            }
            Node::Start(e) if e.local_name() == "header" => loop {
                match xml.next()? {
                    Node::Start(n) if n.local_name() == "note" => {
                        let from = xml.attribute(&n, "from")?;
                        let text = xml.text_content(&[])?;
                        if tolks && from.as_deref() == Some("tolk") {
                            file.notes = Some(text);
                        }
                    }
                    Node::Start(_) => xml.skip_element()?,
                    Node::End => break,
                    Node::Other => {}
                    Node::Eof => return Err(xml.invalid(e.at, "the <header> is not closed")),
                }
            },
            Node::Start(e) if matches!(e.local_name(), "body" | "group") => {
                let preserve = space_of(xml, &e, inherited)?;
                spaces.push(preserve);
            }
            Node::Start(_) => xml.skip_element()?,
            Node::End if spaces.len() > 1 => {
                spaces.pop();
            }
            Node::End => return Ok(file),
            Node::Other => {}
            Node::Eof => return Err(xml.invalid(e.at, "the <file> element is not closed")),
        }
    }
}

/// White space as `xml:space="default"` lets a reader take it: runs read as one space, ends
/// trimmed.
fn collapse(text: String) -> String {
    if !text.contains(|c: char| c.is_whitespace() && c != ' ')
        && !text.contains("  ")
        && text.trim() == text
    {
        return text;
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read_trans_unit(
    xml: &mut XmlIn<'_>,
    approved: Option<&str>,
    preserve: bool,
) -> Result<BilingualUnit, ReadError> {
    let mut unit = BilingualUnit::default();
    let mut state = None;
    let mut has_target = false;
    let mut tolk: BTreeMap<String, String> = BTreeMap::new();
    let mut notes: Vec<(String, Option<String>)> = Vec::new();
    loop {
        match xml.next()? {
            Node::Start(e) if e.local_name() == "source" => {
                let keep = space_of(xml, &e, preserve)?;
                let text = xml.text_content(&CODE_ELEMENTS)?;
                unit.source = if keep { text } else { collapse(text) };
            }
            Node::Start(e) if e.local_name() == "target" => {
                let keep = space_of(xml, &e, preserve)?;
                state = xml.attribute(&e, "state")?;
                let text = xml.text_content(&CODE_ELEMENTS)?;
                unit.target = if keep { text } else { collapse(text) };
                has_target = true;
            }
            Node::Start(e) if e.local_name() == "note" => {
                let from = xml.attribute(&e, "from")?;
                notes.push((xml.text_content(&[])?, from));
            }
            Node::Start(e) if e.local_name() == "context-group" => loop {
                match xml.next()? {
                    Node::Start(c) if c.local_name() == "context" => {
                        let kind = xml.attribute(&c, "context-type")?.unwrap_or_default();
                        let value = xml.text_content(&[])?;
                        if kind.starts_with("x-tolk-") {
                            tolk.insert(kind, value);
                        }
                    }
                    Node::Start(_) => xml.skip_element()?,
                    Node::End => break,
                    Node::Other => {}
                    Node::Eof => {
                        return Err(xml.invalid(e.at, "the <context-group> is not closed"));
                    }
                }
            },
            Node::Start(_) => xml.skip_element()?,
            Node::End => break,
            Node::Other => {}
            Node::Eof => return Err(xml.invalid(0, "the file ends inside a <trans-unit>")),
        }
    }
    let file_status = status_of(&unit.target, state.as_deref(), approved);
    // Tolk's exact status holds only while the attributes are what Tolk wrote for it: another
    // tool that changed the state (a reviewer's "needs review") wins.
    let tolk_status = tolk
        .get("x-tolk-status")
        .and_then(|s| status_named(s))
        .filter(|&s| {
            let (want_state, want_approved) = written(s);
            let wrote_target = !unit.target.is_empty() || s != Status::Untranslated;
            has_target == wrote_target
                && (!has_target || state.as_deref() == Some(want_state))
                && approved == want_approved
        });
    unit.status = tolk_status.or(file_status);
    let times: Vec<&str> = tolk
        .get("x-tolk-note-at")
        .map(|t| t.split(' ').collect())
        .unwrap_or_default();
    unit.notes = notes
        .into_iter()
        .enumerate()
        .map(|(i, (text, from))| {
            let stamp = times
                .get(i)
                .map(|t| format!("{t} {}", from.as_deref().unwrap_or("")));
            super::notes::read_note(text, stamp.as_deref(), from.as_deref())
        })
        .collect();
    if let Some(row) = tolk.get("x-tolk-row") {
        unit.id = row.trim().parse().ok();
        unit.starts_paragraph = Some(tolk.get("x-tolk-paragraph").is_some_and(|v| v == "yes"));
        unit.locked = tolk.get("x-tolk-locked").is_some_and(|v| v == "yes");
        unit.author = tolk.get("x-tolk-author").cloned();
        unit.score = tolk
            .get("x-tolk-confidence")
            .and_then(|s| s.trim().parse::<f32>().ok())
            .filter(|s| (0.0..=1.0).contains(s));
    }
    Ok(unit)
}
