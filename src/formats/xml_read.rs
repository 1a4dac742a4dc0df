//! Helpers for reading XML imports with quick-xml: decoding, positions for messages, and text
//! content with only the five predefined entities and character references expanded.
//!
//! Nothing here reads a DTD: a `<!DOCTYPE>` is skipped whole, so an entity it declares (an
//! external one pointing at a file or URL included) is never fetched, and a reference to it is
//! an error naming the entity and its position.

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

pub(crate) use super::error::decode_xml;
use super::error::{ReadError, line_column};
use super::xml_write::is_xml_char;

/// Inline elements that stand for something in the text (a variable, a line break, an image),
/// by local name in every format: TMX, XLIFF 2.0 and 1.2 `ph`, XLIFF 1.2 `x`.
const PLACEHOLDERS: [&str; 2] = ["ph", "x"];

/// A pull reader over a whole document held in memory.
pub(crate) struct XmlIn<'a> {
    reader: Reader<&'a [u8]>,
    text: &'a str,
    /// Where the last event returned by `next` began.
    event_start: usize,
}

/// An element start: its name (with prefix) and attributes, detached from the reader.
pub(crate) struct Element<'a> {
    pub(crate) start: BytesStart<'a>,
    /// Byte offset of the element in the document, for messages.
    pub(crate) at: usize,
}

impl<'a> Element<'a> {
    pub(crate) fn name(&self) -> &str {
        self.start.name().into_inner()
    }

    pub(crate) fn local_name(&self) -> &str {
        self.start.local_name().into_inner()
    }
}

/// What `next` found.
pub(crate) enum Node<'a> {
    Start(Element<'a>),
    End,
    /// Text, entity references and CDATA between elements (unexpanded).
    Other,
    Eof,
}

impl<'a> XmlIn<'a> {
    pub(crate) fn new(text: &'a str) -> XmlIn<'a> {
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        config.trim_text(false);
        XmlIn {
            reader,
            text,
            event_start: 0,
        }
    }

    /// An error at a byte offset.
    pub(crate) fn invalid(&self, at: usize, message: impl Into<String>) -> ReadError {
        let (line, column) = line_column(self.text, at);
        ReadError::Invalid {
            line,
            column,
            message: message.into(),
        }
    }

    fn event(&mut self) -> Result<Event<'a>, ReadError> {
        self.event_start = self.position();
        self.reader.read_event().map_err(|error| {
            let (line, column) = line_column(self.text, self.reader.error_position() as usize);
            ReadError::Malformed {
                line,
                column,
                message: error.to_string(),
            }
        })
    }

    fn position(&self) -> usize {
        self.reader.buffer_position() as usize
    }

    /// The next element start or end, skipping the prolog, comments, processing instructions
    /// and the DOCTYPE (never read). Text outside text elements is checked and ignored.
    pub(crate) fn next(&mut self) -> Result<Node<'a>, ReadError> {
        loop {
            match self.event()? {
                Event::Start(start) => {
                    return Ok(Node::Start(Element {
                        start,
                        at: self.event_start,
                    }));
                }
                Event::End(_) => return Ok(Node::End),
                Event::Eof => return Ok(Node::Eof),
                Event::GeneralRef(reference) => {
                    self.expand(&reference)?;
                    return Ok(Node::Other);
                }
                Event::Text(text) => {
                    self.check_chars(&text, self.event_start)?;
                    return Ok(Node::Other);
                }
                Event::CData(_) => return Ok(Node::Other),
                // Never produced: empty elements are expanded into a start and an end.
                Event::Empty(_) => {
                    return Err(self.invalid(self.event_start, "unexpected empty element"));
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
            }
        }
    }

    /// The document's root element (`None` when there is none).
    pub(crate) fn root(&mut self) -> Result<Option<Element<'a>>, ReadError> {
        loop {
            match self.next()? {
                Node::Start(element) => return Ok(Some(element)),
                Node::Other => {}
                Node::End | Node::Eof => return Ok(None),
            }
        }
    }

    /// The value of an attribute given by its full name (`xml:lang`, `srcLang`), with entities
    /// expanded and whitespace normalised as XML requires.
    pub(crate) fn attribute(
        &self,
        element: &Element<'_>,
        name: &str,
    ) -> Result<Option<String>, ReadError> {
        for attribute in element.start.attributes() {
            let attribute = attribute.map_err(|e| self.malformed(element.at, e.to_string()))?;
            if attribute.key.into_inner() == name {
                let value = attribute
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map_err(|e| self.malformed(element.at, e.to_string()))?;
                return Ok(Some(value.into_owned()));
            }
        }
        Ok(None)
    }

    /// A required attribute.
    pub(crate) fn required(&self, element: &Element<'_>, name: &str) -> Result<String, ReadError> {
        self.attribute(element, name)?.ok_or_else(|| {
            self.invalid(
                element.at,
                format!("<{}> has no {name} attribute", element.name()),
            )
        })
    }

    fn malformed(&self, at: usize, message: String) -> ReadError {
        let (line, column) = line_column(self.text, at);
        ReadError::Malformed {
            line,
            column,
            message,
        }
    }

    /// The text content of the element just opened, up to its end tag. Inline elements are
    /// descended into, except those `skip` names (by local name), whose content is dropped:
    /// formats put native markup codes there, not text. A placeholder (`ph`, `x`) between two
    /// letters or digits leaves a space, so the words on either side are never glued into one
    /// (`ordet<ph/>och` reads "ordet och"); paired formatting codes (`bpt`/`ept`, `g`) leave
    /// none, since they may sit inside a word.
    pub(crate) fn text_content(&mut self, skip: &[&str]) -> Result<String, ReadError> {
        let mut out = String::new();
        let mut depth = 0usize;
        let mut skipping_from: Option<usize> = None;
        let mut gap = false;
        let push = |out: &mut String, gap: &mut bool, text: &str| {
            if std::mem::take(gap)
                && out.chars().next_back().is_some_and(char::is_alphanumeric)
                && text.chars().next().is_some_and(char::is_alphanumeric)
            {
                out.push(' ');
            }
            out.push_str(text);
        };
        loop {
            let event = self.event()?;
            let at = self.event_start;
            match event {
                Event::Start(start) => {
                    depth += 1;
                    if skipping_from.is_none() && skip.contains(&start.local_name().into_inner()) {
                        skipping_from = Some(depth);
                    }
                }
                Event::End(end) => {
                    if depth == 0 {
                        return Ok(out);
                    }
                    if PLACEHOLDERS.contains(&end.local_name().into_inner()) {
                        gap = true;
                    }
                    if skipping_from == Some(depth) {
                        skipping_from = None;
                    }
                    depth -= 1;
                }
                Event::Text(text) => {
                    self.check_chars(&text, at)?;
                    if skipping_from.is_none() {
                        push(&mut out, &mut gap, &text.xml10_content());
                    }
                }
                Event::CData(data) => {
                    self.check_chars(&data, at)?;
                    if skipping_from.is_none() {
                        push(&mut out, &mut gap, &data.xml10_content());
                    }
                }
                Event::GeneralRef(reference) => {
                    let c = self.expand(&reference)?;
                    if skipping_from.is_none() {
                        push(&mut out, &mut gap, c.encode_utf8(&mut [0; 4]));
                    }
                }
                Event::Eof => return Err(self.invalid(at, "the file ends inside an element")),
                Event::Empty(_) => {}
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
            }
        }
    }

    /// Skips the rest of the element just opened, checking that it is well formed.
    pub(crate) fn skip_element(&mut self) -> Result<(), ReadError> {
        self.text_content(&[]).map(drop)
    }

    /// The character an entity reference stands for: the five predefined entities and
    /// character references; anything else is undefined, whatever a DTD says.
    fn expand(&self, reference: &str) -> Result<char, ReadError> {
        // The position is worked out only for an error: it costs a scan from the file's start.
        let position = || line_column(self.text, self.event_start);
        let c = match reference {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "apos" => '\'',
            "quot" => '"',
            _ => {
                let code = if let Some(hex) = reference.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(decimal) = reference.strip_prefix('#') {
                    decimal.parse::<u32>().ok()
                } else {
                    let (line, column) = position();
                    return Err(ReadError::UndefinedEntity {
                        line,
                        column,
                        name: reference.to_string(),
                    });
                };
                code.and_then(char::from_u32).ok_or_else(|| {
                    let (line, column) = position();
                    ReadError::Malformed {
                        line,
                        column,
                        message: format!("&{reference}; is not a character"),
                    }
                })?
            }
        };
        if !is_xml_char(c) {
            let (line, column) = position();
            return Err(ReadError::ForbiddenChar {
                line,
                column,
                ch: c,
            });
        }
        Ok(c)
    }

    /// Refuses characters XML 1.0 forbids, naming the first one's position.
    fn check_chars(&self, text: &str, at: usize) -> Result<(), ReadError> {
        // Fast path over bytes: a forbidden character is a C0 control byte other than tab, LF
        // and CR, or U+FFFE/U+FFFF, whose UTF-8 starts with 0xEF 0xBF. Most texts have neither.
        let suspicious = text.bytes().enumerate().any(|(i, b)| {
            (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
                || (b == 0xEF && text.as_bytes().get(i + 1) == Some(&0xBF))
        });
        if !suspicious {
            return Ok(());
        }
        if let Some((offset, ch)) = text.char_indices().find(|(_, c)| !is_xml_char(*c)) {
            let (line, column) = line_column(self.text, at + offset);
            return Err(ReadError::ForbiddenChar { line, column, ch });
        }
        Ok(())
    }
}
