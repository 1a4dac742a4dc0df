//! A small pull walker over the XML inside documents (DOCX, ODT, EPUB): element starts with
//! their attributes, ends, and text with only the predefined entities and character references
//! expanded. No DTD is read, so no entity is ever expanded from one (no "billion laughs").

use quick_xml::Reader;
use quick_xml::events::Event;

use super::Problem;

/// One step through the document.
pub enum Step<'a> {
    /// An element opens: its full name (`w:p`) and attributes (full names, raw values with
    /// entities expanded).
    Start(&'a str, &'a [(String, String)]),
    /// The element opened last closes; its full name.
    End(&'a str),
    Text(&'a str),
}

/// Walks `xml` calling `step` for each element start, end and run of text. Empty elements are
/// reported as a start and an end. `part` names the part in errors.
pub fn walk(xml: &str, part: &str, mut step: impl FnMut(Step<'_>)) -> Result<(), Problem> {
    let mut reader = Reader::from_str(xml);
    let config = reader.config_mut();
    config.expand_empty_elements = true;
    config.check_end_names = false;
    config.trim_text(false);
    let mut attributes: Vec<(String, String)> = Vec::new();
    let malformed = |e: &dyn std::fmt::Display| {
        Problem::Malformed(format!("{part} is not well-formed XML ({e})"))
    };
    loop {
        match reader.read_event().map_err(|e| malformed(&e))? {
            Event::Start(start) => {
                // The strings are reused from element to element: no allocation per element
                // once they have grown (a big DOCX has millions of elements).
                let mut count = 0;
                for attribute in start.attributes().with_checks(false) {
                    let Ok(attribute) = attribute else { continue };
                    if count == attributes.len() {
                        attributes.push((String::new(), String::new()));
                    }
                    let (key, value) = &mut attributes[count];
                    key.clear();
                    key.push_str(attribute.key.into_inner());
                    value.clear();
                    expand_into(value, &attribute.value);
                    count += 1;
                }
                step(Step::Start(start.name().into_inner(), &attributes[..count]));
            }
            Event::End(end) => {
                step(Step::End(end.name().into_inner()));
            }
            Event::Text(text) => {
                step(Step::Text(&text));
            }
            Event::CData(data) => {
                step(Step::Text(&data));
            }
            Event::GeneralRef(reference) => {
                if let Some(c) = expand(&reference) {
                    step(Step::Text(c.encode_utf8(&mut [0; 4])));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The value of attribute `name`, if present.
pub fn attr<'a>(attributes: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The character a reference (`amp`, `#233`, `#xE9`) stands for; `None` for any other name,
/// which is dropped rather than looked up.
pub fn expand(reference: &str) -> Option<char> {
    match reference {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => {
            let code = if let Some(hex) = reference
                .strip_prefix("#x")
                .or_else(|| reference.strip_prefix("#X"))
            {
                u32::from_str_radix(hex, 16).ok()
            } else {
                reference.strip_prefix('#')?.parse::<u32>().ok()
            };
            code.and_then(char::from_u32).filter(|c| *c != '\0')
        }
    }
}

/// Appends an attribute value with its references expanded.
fn expand_into(out: &mut String, raw: &str) {
    if !raw.contains('&') {
        out.push_str(raw);
        return;
    }
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match after.find(';').filter(|end| *end <= 10) {
            Some(end) => {
                if let Some(c) = expand(&after[..end]) {
                    out.push(c);
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_from_a_dtd_are_never_expanded() {
        let xml = r#"<!DOCTYPE d [<!ENTITY a "AAAA"><!ENTITY b "&a;&a;&a;">]><d x="&amp;&b;">&b;&amp;&#233;</d>"#;
        let mut text = String::new();
        let mut x = String::new();
        walk(xml, "test.xml", |step| match step {
            Step::Text(t) => text.push_str(t),
            Step::Start(_, attributes) => x = attr(attributes, "x").unwrap_or("").to_string(),
            Step::End(_) => {}
        })
        .unwrap();
        assert_eq!(text, "&é");
        assert_eq!(x, "&");
    }
}
