//! Helpers for writing XML exports with quick-xml: escaping that survives a round trip, and
//! the refusal (or removal) of characters XML 1.0 cannot carry.

use std::borrow::Cow;
use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::error::ExportError;
use super::options::InvalidChars;
use crate::model::{RowId, Side};

/// Whether XML 1.0 allows the character anywhere in a document (its `Char` production).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// A text ready to be written into XML: characters XML cannot carry are refused or dropped
/// according to `policy`. `row` and `side` name the text in the error.
pub(crate) fn clean<'t>(
    text: &'t str,
    policy: InvalidChars,
    row: RowId,
    side: Side,
    format: &'static str,
) -> Result<Cow<'t, str>, ExportError> {
    let Some((offset, ch)) = text.chars().enumerate().find(|(_, c)| !is_xml_char(*c)) else {
        return Ok(Cow::Borrowed(text));
    };
    match policy {
        InvalidChars::Refuse => Err(ExportError::ForbiddenChar {
            row,
            side,
            ch,
            offset,
            format,
        }),
        InvalidChars::Drop => Ok(Cow::Owned(
            text.chars().filter(|c| is_xml_char(*c)).collect(),
        )),
    }
}

/// Escapes text content: `&`, `<` and `>` as entities, and carriage returns as `&#13;`
/// because a reader turns a literal one into a line feed.
pub(crate) fn escape_text(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '\r']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A quick-xml writer with two-space indentation and the few calls the exports need.
pub(crate) struct XmlOut<W: Write> {
    writer: Writer<W>,
}

impl<W: Write> XmlOut<W> {
    /// Starts a document with the XML declaration.
    pub(crate) fn new(out: W) -> Result<XmlOut<W>, ExportError> {
        let mut writer = Writer::new_with_indent(out, b' ', 2);
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        Ok(XmlOut { writer })
    }

    /// A `<!DOCTYPE ...>` line (the text between `<!DOCTYPE ` and `>`).
    pub(crate) fn doctype(&mut self, text: &str) -> Result<(), ExportError> {
        self.writer
            .write_event(Event::DocType(BytesText::from_escaped(text)))?;
        Ok(())
    }

    /// Opens an element with attributes (values are escaped by quick-xml).
    pub(crate) fn open(
        &mut self,
        name: &str,
        attributes: &[(&str, &str)],
    ) -> Result<(), ExportError> {
        let start = BytesStart::new(name).with_attributes(attributes.iter().copied());
        self.writer.write_event(Event::Start(start))?;
        Ok(())
    }

    pub(crate) fn close(&mut self, name: &str) -> Result<(), ExportError> {
        self.writer.write_event(Event::End(BytesEnd::new(name)))?;
        Ok(())
    }

    /// An element without content.
    pub(crate) fn empty(
        &mut self,
        name: &str,
        attributes: &[(&str, &str)],
    ) -> Result<(), ExportError> {
        let start = BytesStart::new(name).with_attributes(attributes.iter().copied());
        self.writer.write_event(Event::Empty(start))?;
        Ok(())
    }

    /// An element holding only text (already cleaned of forbidden characters).
    pub(crate) fn text_element(
        &mut self,
        name: &str,
        attributes: &[(&str, &str)],
        text: &str,
    ) -> Result<(), ExportError> {
        self.open(name, attributes)?;
        self.writer
            .write_event(Event::Text(BytesText::from_escaped(escape_text(text))))?;
        self.close(name)
    }

    /// Ends the document with a final newline and hands back the output.
    pub(crate) fn finish(mut self) -> Result<W, ExportError> {
        self.writer.get_mut().write_all(b"\n")?;
        Ok(self.writer.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_carriage_returns() {
        assert_eq!(
            escape_text("a & b < c > d\r\n\"'"),
            "a &amp; b &lt; c &gt; d&#13;\n\"'"
        );
        assert!(matches!(escape_text("plain åäö"), Cow::Borrowed(_)));
    }

    #[test]
    fn forbidden_characters_are_refused_or_dropped() {
        let text = "a\u{1}b\u{FFFE}c\td";
        let error = clean(text, InvalidChars::Refuse, RowId(7), Side::Target, "TMX").unwrap_err();
        assert!(matches!(
            error,
            ExportError::ForbiddenChar {
                ch: '\u{1}',
                offset: 1,
                ..
            }
        ));
        assert!(error.to_string().contains("row #7"), "{error}");
        assert_eq!(
            clean(text, InvalidChars::Drop, RowId(7), Side::Target, "TMX").unwrap(),
            "abc\td"
        );
    }
}
