//! What the two DOCX exports share: the package around the text (zip parts, content types,
//! relationships, styles, settings, document properties) and a WordprocessingML writer for a
//! landscape page holding one bilingual table, with plain and tracked (inserted or deleted)
//! text. Written with quick-xml's writer and the `zip` crate; read back by Word, LibreOffice
//! and Tolk's own DOCX import.

use std::io::{Cursor, Write};

use jiff::Timestamp;
use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

use super::error::ExportError;
use crate::model::{Project, Rgb, Row};

/// The WordprocessingML namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A4 landscape in twentieths of a point, with half-inch margins.
const PAGE_WIDTH: u32 = 16838;
const PAGE_HEIGHT: u32 = 11906;
const MARGIN: u32 = 720;
/// The width a table has between the margins.
pub(crate) const TABLE_WIDTH: u32 = PAGE_WIDTH - 2 * MARGIN;

/// The header row's background.
const HEADER_FILL: &str = "D9D9D9";

/// The notes a row carries, for the notes column of both DOCX tables: one line per note,
/// "author (date): text", oldest first. Empty when the row has none, so the column is left
/// for the reviewer to write in.
pub(crate) fn row_notes(row: &Row) -> String {
    row.notes
        .iter()
        .map(|note| {
            format!(
                "{} ({}): {}",
                note.author,
                note.at.strftime("%Y-%m-%d"),
                note.text
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// How a run of text is shown: as it is, or as a tracked change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    Plain,
    Inserted,
    Deleted,
}

/// Who made a tracked change, and when (Word shows both and can filter by author).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Revision {
    pub author: String,
    pub at: Timestamp,
}

impl Revision {
    /// `w:date`: an `xsd:dateTime` in UTC to the second (Word's own form).
    fn date(&self) -> String {
        self.at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

/// One column of a table: its heading and width (twentieths of a point).
pub(crate) struct Column<'a> {
    pub heading: &'a str,
    pub width: u32,
}

/// `word/document.xml` being written: a title, a line under it, then one table.
pub(crate) struct Body {
    xml: Writer<Vec<u8>>,
    /// The next `w:id` of a tracked change: unique in the document, as Word requires.
    next_change_id: u64,
    widths: Vec<u32>,
    cell: usize,
}

type Result<T> = std::result::Result<T, ExportError>;

impl Body {
    /// Starts the document with a title and a line of explanation under it.
    pub(crate) fn new(title: &str, subtitle: &str) -> Result<Body> {
        let mut body = Body {
            xml: Writer::new(Vec::new()),
            next_change_id: 1,
            widths: Vec::new(),
            cell: 0,
        };
        body.xml
            .write_event(Event::Decl(quick_xml::events::BytesDecl::new(
                "1.0",
                Some("UTF-8"),
                Some("yes"),
            )))?;
        body.open("w:document", &[("xmlns:w", W)])?;
        body.open("w:body", &[])?;
        body.styled_paragraph("Title", title)?;
        body.styled_paragraph("Subtitle", subtitle)?;
        Ok(body)
    }

    /// Starts the table: fixed column widths, thin grey borders, and a bold heading row that
    /// Word and LibreOffice repeat at the top of every page.
    pub(crate) fn start_table(&mut self, columns: &[Column]) -> Result<()> {
        self.widths = columns.iter().map(|c| c.width).collect();
        self.open("w:tbl", &[])?;
        self.open("w:tblPr", &[])?;
        let total = self.widths.iter().sum::<u32>().to_string();
        self.empty("w:tblW", &[("w:w", &total), ("w:type", "dxa")])?;
        self.open("w:tblBorders", &[])?;
        for edge in [
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:insideH",
            "w:insideV",
        ] {
            self.empty(
                edge,
                &[
                    ("w:val", "single"),
                    ("w:sz", "4"),
                    ("w:space", "0"),
                    ("w:color", "999999"),
                ],
            )?;
        }
        self.close("w:tblBorders")?;
        self.empty("w:tblLayout", &[("w:type", "fixed")])?;
        self.close("w:tblPr")?;
        self.open("w:tblGrid", &[])?;
        for width in &self.widths.clone() {
            self.empty("w:gridCol", &[("w:w", &width.to_string())])?;
        }
        self.close("w:tblGrid")?;
        self.open("w:tr", &[])?;
        self.open("w:trPr", &[])?;
        self.empty("w:tblHeader", &[])?;
        self.close("w:trPr")?;
        self.cell = 0;
        for column in columns {
            self.start_cell(Some(HEADER_FILL))?;
            self.open("w:r", &[])?;
            self.open("w:rPr", &[])?;
            self.empty("w:b", &[])?;
            self.close("w:rPr")?;
            self.text("w:t", column.heading)?;
            self.close("w:r")?;
            self.end_cell()?;
        }
        self.close("w:tr")
    }

    pub(crate) fn start_row(&mut self) -> Result<()> {
        self.cell = 0;
        self.open("w:tr", &[])
    }

    pub(crate) fn end_row(&mut self) -> Result<()> {
        self.close("w:tr")
    }

    /// A cell holding one paragraph of plain text in the given language (`None`: no language
    /// is set, as for numbers and status names).
    pub(crate) fn text_cell(&mut self, text: &str, lang: Option<&str>) -> Result<()> {
        self.start_cell(None)?;
        self.runs(text, lang, Mark::Plain, None)?;
        self.end_cell()
    }

    /// A cell with a background colour (the status column).
    pub(crate) fn shaded_cell(&mut self, text: &str, fill: Rgb) -> Result<()> {
        let fill = format!("{:02X}{:02X}{:02X}", fill.0, fill.1, fill.2);
        self.start_cell(Some(&fill))?;
        self.runs(text, None, Mark::Plain, None)?;
        self.end_cell()
    }

    /// A cell whose text is a sequence of plain, inserted and deleted pieces; the inserted and
    /// deleted ones become Word tracked changes by `revision`.
    pub(crate) fn tracked_cell(
        &mut self,
        pieces: &[(Mark, &str)],
        lang: Option<&str>,
        revision: &Revision,
    ) -> Result<()> {
        self.start_cell(None)?;
        for (mark, text) in pieces {
            self.runs(text, lang, *mark, Some(revision))?;
        }
        self.end_cell()
    }

    /// Ends the table and the document: the page is A4 landscape.
    pub(crate) fn finish(mut self) -> Result<Vec<u8>> {
        self.close("w:tbl")?;
        // A document ends with a paragraph after a table (Word adds one otherwise).
        self.empty("w:p", &[])?;
        self.open("w:sectPr", &[])?;
        self.empty(
            "w:pgSz",
            &[
                ("w:w", &PAGE_WIDTH.to_string()),
                ("w:h", &PAGE_HEIGHT.to_string()),
                ("w:orient", "landscape"),
            ],
        )?;
        let margin = MARGIN.to_string();
        self.empty(
            "w:pgMar",
            &[
                ("w:top", &margin),
                ("w:right", &margin),
                ("w:bottom", &margin),
                ("w:left", &margin),
                ("w:header", "360"),
                ("w:footer", "360"),
                ("w:gutter", "0"),
            ],
        )?;
        self.close("w:sectPr")?;
        self.close("w:body")?;
        self.close("w:document")?;
        Ok(self.xml.into_inner())
    }

    fn styled_paragraph(&mut self, style: &str, text: &str) -> Result<()> {
        self.open("w:p", &[])?;
        self.open("w:pPr", &[])?;
        self.empty("w:pStyle", &[("w:val", style)])?;
        self.close("w:pPr")?;
        self.runs(text, None, Mark::Plain, None)?;
        self.close("w:p")
    }

    fn start_cell(&mut self, fill: Option<&str>) -> Result<()> {
        let width = self.widths.get(self.cell).copied().unwrap_or(0).to_string();
        self.cell += 1;
        self.open("w:tc", &[])?;
        self.open("w:tcPr", &[])?;
        self.empty("w:tcW", &[("w:w", &width), ("w:type", "dxa")])?;
        if let Some(fill) = fill {
            self.empty(
                "w:shd",
                &[("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)],
            )?;
        }
        self.close("w:tcPr")?;
        self.open("w:p", &[])
    }

    fn end_cell(&mut self) -> Result<()> {
        self.close("w:p")?;
        self.close("w:tc")
    }

    /// One run of text (inside a `w:ins` or `w:del` when marked): line breaks become `w:br`,
    /// tabs `w:tab`, so the cell shows the text as it is; a lone carriage return counts as a
    /// line break. Deleted text is `w:delText`, as Word requires.
    fn runs(
        &mut self,
        text: &str,
        lang: Option<&str>,
        mark: Mark,
        revision: Option<&Revision>,
    ) -> Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        let wrapper = match (mark, revision) {
            (Mark::Inserted, Some(_)) => Some("w:ins"),
            (Mark::Deleted, Some(_)) => Some("w:del"),
            _ => None,
        };
        if let (Some(wrapper), Some(revision)) = (wrapper, revision) {
            let id = self.next_change_id.to_string();
            self.next_change_id += 1;
            self.open(
                wrapper,
                &[
                    ("w:id", &id),
                    ("w:author", &revision.author),
                    ("w:date", &revision.date()),
                ],
            )?;
        }
        self.open("w:r", &[])?;
        if let Some(lang) = lang {
            self.open("w:rPr", &[])?;
            self.empty("w:lang", &[("w:val", lang)])?;
            self.close("w:rPr")?;
        }
        let element = if wrapper == Some("w:del") {
            "w:delText"
        } else {
            "w:t"
        };
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.empty("w:br", &[])?;
            }
            for (j, piece) in line.split('\t').enumerate() {
                if j > 0 {
                    self.empty("w:tab", &[])?;
                }
                if !piece.is_empty() {
                    self.text(element, piece)?;
                }
            }
        }
        self.close("w:r")?;
        if let Some(wrapper) = wrapper {
            self.close(wrapper)?;
        }
        Ok(())
    }

    /// `<w:t xml:space="preserve">text</w:t>`: spaces at either end are kept.
    fn text(&mut self, element: &str, text: &str) -> Result<()> {
        self.open(element, &[("xml:space", "preserve")])?;
        self.xml.write_event(Event::Text(BytesText::new(text)))?;
        self.close(element)
    }

    fn open(&mut self, name: &str, attributes: &[(&str, &str)]) -> Result<()> {
        let start = BytesStart::new(name).with_attributes(attributes.iter().copied());
        self.xml.write_event(Event::Start(start))?;
        Ok(())
    }

    fn close(&mut self, name: &str) -> Result<()> {
        self.xml.write_event(Event::End(BytesEnd::new(name)))?;
        Ok(())
    }

    fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) -> Result<()> {
        let start = BytesStart::new(name).with_attributes(attributes.iter().copied());
        self.xml.write_event(Event::Empty(start))?;
        Ok(())
    }
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>
"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>
"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>
"#;

/// 10 pt text with no space after paragraphs (table cells stay compact), a bold title.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="120"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="200"/></w:pPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>
"#;

/// The settings part; `track` turns on Track Changes, so a reviewer's own edits to a changes
/// document are tracked too.
fn settings(track: bool) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W}">{}<w:defaultTabStop w:val="720"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>
"#,
        if track { "<w:trackRevisions/>" } else { "" }
    )
}

/// `docProps/core.xml`: the project's title, and its last change as the document's date (not
/// the time of export, so that exporting the same project twice gives the same file).
fn core_properties(project: &Project) -> Result<Vec<u8>> {
    let mut xml = Writer::new(Vec::new());
    xml.write_event(Event::Decl(quick_xml::events::BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))?;
    let modified = project
        .meta
        .modified
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    xml.create_element("cp:coreProperties")
        .with_attributes([
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ])
        .write_inner_content(|xml| {
            xml.create_element("dc:title")
                .write_text_content(BytesText::new(&project.meta.title))?;
            xml.create_element("dc:creator")
                .write_text_content(BytesText::new("Tolk"))?;
            xml.create_element("dc:language")
                .write_text_content(BytesText::new(&project.meta.target_lang))?;
            xml.create_element("dcterms:modified")
                .with_attribute(("xsi:type", "dcterms:W3CDTF"))
                .write_text_content(BytesText::new(&modified))?;
            Ok(())
        })?;
    Ok(xml.into_inner())
}

/// Packs a written body into a DOCX file and writes it to `out`. Zip entries carry no time
/// (the zip epoch), so the same project gives the same bytes.
pub(crate) fn package(
    project: &Project,
    document: &[u8],
    track_changes: bool,
    out: &mut impl Write,
) -> Result<()> {
    let zipped = |error: zip::result::ZipError| ExportError::Io(std::io::Error::other(error));
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // The fastest deflate level: the XML still shrinks about tenfold, in a fraction of the time
    // the default level takes on a large table.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1));
    let settings = settings(track_changes);
    let core = core_properties(project)?;
    let parts: [(&str, &[u8]); 7] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("docProps/core.xml", &core),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
        ("word/document.xml", document),
        ("word/styles.xml", STYLES.as_bytes()),
        ("word/settings.xml", settings.as_bytes()),
    ];
    for (name, bytes) in parts {
        zip.start_file(name, options).map_err(zipped)?;
        zip.write_all(bytes)?;
    }
    let bytes = zip.finish().map_err(zipped)?.into_inner();
    out.write_all(&bytes)?;
    Ok(())
}

/// Row numbers as a reader refers to them: `12`, a run `12–14`, or a list `12, 15`.
pub(crate) fn numbers_label(numbers: &[usize]) -> String {
    match numbers {
        [] => String::new(),
        [one] => one.to_string(),
        [first, .., last] if numbers.windows(2).all(|w| w[1] == w[0] + 1) => {
            format!("{first}–{last}")
        }
        _ => numbers
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_one_a_run_or_a_list() {
        assert_eq!(numbers_label(&[7]), "7");
        assert_eq!(numbers_label(&[7, 8, 9]), "7–9");
        assert_eq!(numbers_label(&[7, 9]), "7, 9");
        assert_eq!(numbers_label(&[]), "");
    }

    #[test]
    fn runs_keep_spaces_breaks_and_tabs_and_mark_changes() {
        let mut body = Body::new("T", "s").unwrap();
        body.start_table(&[Column {
            heading: "a",
            width: 100,
        }])
        .unwrap();
        body.start_row().unwrap();
        let revision = Revision {
            author: "Anna & Bo".into(),
            at: "2026-11-26T14:30:00.5Z".parse().unwrap(),
        };
        body.tracked_cell(
            &[
                (Mark::Plain, " a\tb"),
                (Mark::Deleted, "x\r\ny"),
                (Mark::Inserted, "<z>"),
            ],
            Some("en"),
            &revision,
        )
        .unwrap();
        body.end_row().unwrap();
        let xml = String::from_utf8(body.finish().unwrap()).unwrap();
        assert!(
            xml.contains(
                r#"<w:t xml:space="preserve"> a</w:t><w:tab/><w:t xml:space="preserve">b</w:t>"#
            ),
            "{xml}"
        );
        assert!(
            xml.contains(r#"<w:del w:id="1" w:author="Anna &amp; Bo" w:date="2026-11-26T14:30:00Z"><w:r><w:rPr><w:lang w:val="en"/></w:rPr><w:delText xml:space="preserve">x</w:delText><w:br/><w:delText xml:space="preserve">y</w:delText></w:r></w:del>"#),
            "{xml}"
        );
        assert!(
            xml.contains(r#"<w:ins w:id="2" w:author="Anna &amp; Bo" w:date="2026-11-26T14:30:00Z"><w:r><w:rPr><w:lang w:val="en"/></w:rPr><w:t xml:space="preserve">&lt;z&gt;</w:t></w:r></w:ins>"#),
            "{xml}"
        );
        assert!(xml.contains(r#"w:orient="landscape""#));
    }
}
