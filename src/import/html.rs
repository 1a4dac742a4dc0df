//! HTML and XHTML to paragraphs with a forgiving scanner (real pages are rarely well formed):
//! block elements end paragraphs; scripts, styles, the head, navigation, forms and hidden
//! elements are left out; entities are expanded from a short table, never from a DTD.

use super::flow::Flow;
use super::report::CleanupReport;
use super::{Problem, ReadDocument};

pub fn read(bytes: &[u8]) -> Result<ReadDocument, Problem> {
    let text = decode(bytes)?;
    let mut report = CleanupReport::default();
    let paragraphs = paragraphs(&text, &mut report);
    Ok(ReadDocument { paragraphs, report })
}

/// UTF-8 when valid; otherwise the charset the page declares; otherwise what text import guesses.
fn decode(bytes: &[u8]) -> Result<String, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    if let Some(at) = head.find("charset=") {
        let label: String = head[at + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        if let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes()) {
            return Ok(encoding.decode(bytes).0.into_owned());
        }
    }
    crate::text::decode(bytes)
        .map(|d| d.text)
        .map_err(Problem::Text)
}

/// Elements that end one paragraph and start another.
const BLOCKS: [&str; 34] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "td",
    "th",
    "tr",
    "table",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "main",
    "figure",
    "figcaption",
    "caption",
    "address",
    "hr",
    "body",
    "center",
    "hgroup",
];
/// Elements whose content is not the document's text.
const SKIPPED: [&str; 14] = [
    "script", "style", "head", "nav", "noscript", "template", "form", "select", "button", "iframe",
    "object", "svg", "math", "textarea",
];
/// Elements without content, so without an end tag.
const VOID: [&str; 14] = [
    "br", "hr", "img", "meta", "link", "input", "wbr", "area", "base", "col", "embed", "source",
    "track", "param",
];

/// The paragraphs of an HTML document.
pub fn paragraphs(html: &str, report: &mut CleanupReport) -> Vec<String> {
    let mut flow = Flow::default();
    let mut text = String::new();
    let mut rest = html;
    let flush = |flow: &mut Flow, text: &mut String| {
        flow.push(text);
        text.clear();
    };
    while !rest.is_empty() {
        let Some(at) = rest.find('<') else {
            push_text(&mut text, rest);
            break;
        };
        push_text(&mut text, &rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let end = after.find("]]>").unwrap_or(after.len());
            text.push_str(&after[..end]);
            rest = after.get(end + 3..).unwrap_or("");
            continue;
        }
        let Some(tag) = Tag::parse(rest) else {
            // A lone "<" is text.
            text.push('<');
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.length..];
        if tag.name.is_empty() {
            continue; // <!DOCTYPE>, <?xml ...?>
        }
        let name = tag.name.as_str();
        if !tag.closing && (SKIPPED.contains(&name) || tag.hidden) && !tag.self_closing {
            report.parts_dropped += 1;
            rest = skip_element(rest, name);
            if BLOCKS.contains(&name) || name == "nav" {
                flush(&mut flow, &mut text);
                flow.end();
                flow.start();
            }
            continue;
        }
        if name == "br" {
            text.push(' ');
        } else if BLOCKS.contains(&name) {
            flush(&mut flow, &mut text);
            flow.end();
            flow.start();
        }
        let _ = VOID;
    }
    flush(&mut flow, &mut text);
    flow.finish()
}

/// Appends text with its entities expanded.
fn push_text(out: &mut String, raw: &str) {
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        match end.and_then(|end| entity(&after[..end]).map(|c| (end, c))) {
            Some((end, c)) => {
                out.push(c);
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

/// Named entities common in texts, and character references.
fn entity(name: &str) -> Option<char> {
    if let Some(c) = super::xml::expand(name) {
        return Some(c);
    }
    Some(match name {
        "nbsp" => '\u{a0}',
        "shy" => '\u{ad}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "copy" => '©',
        "sect" => '§',
        "deg" => '°',
        "aring" => 'å',
        "Aring" => 'Å',
        "auml" => 'ä',
        "Auml" => 'Ä',
        "ouml" => 'ö',
        "Ouml" => 'Ö',
        "uuml" => 'ü',
        "Uuml" => 'Ü',
        "eacute" => 'é',
        "Eacute" => 'É',
        "egrave" => 'è',
        "aacute" => 'á',
        "oslash" => 'ø',
        "Oslash" => 'Ø',
        "aelig" => 'æ',
        "AElig" => 'Æ',
        "szlig" => 'ß',
        "ccedil" => 'ç',
        "times" => '×',
        _ => return None,
    })
}

/// A start or end tag.
struct Tag {
    /// Lower-case local name; empty for declarations and processing instructions.
    name: String,
    closing: bool,
    self_closing: bool,
    /// `hidden` or `aria-hidden="true"`, or an EPUB navigation/page-list type.
    hidden: bool,
    /// Bytes up to and including the closing `>`.
    length: usize,
}

impl Tag {
    fn parse(at: &str) -> Option<Tag> {
        let bytes = at.as_bytes();
        let second = *bytes.get(1)?;
        let (closing, name_start) = match second {
            b'/' => (true, 2),
            b'!' | b'?' => {
                let end = at.find('>').map_or(at.len(), |e| e + 1);
                return Some(Tag {
                    name: String::new(),
                    closing: false,
                    self_closing: true,
                    hidden: false,
                    length: end,
                });
            }
            c if c.is_ascii_alphabetic() => (false, 1),
            _ => return None,
        };
        let mut end = name_start;
        while end < bytes.len()
            && (bytes[end].is_ascii_alphanumeric() || matches!(bytes[end], b':' | b'-' | b'_'))
        {
            end += 1;
        }
        let full = at[name_start..end].to_ascii_lowercase();
        let name = full.rsplit(':').next().unwrap_or("").to_string();
        // The tag ends at the first '>' outside quotes.
        let mut quote = None;
        let mut close = None;
        for (i, &b) in bytes.iter().enumerate().skip(end) {
            match (quote, b) {
                (None, b'"' | b'\'') => quote = Some(b),
                (Some(q), _) if b == q => quote = None,
                (None, b'>') => {
                    close = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let close = close.unwrap_or(bytes.len().saturating_sub(1));
        let inside = at.get(end..close).unwrap_or("").to_ascii_lowercase();
        let hidden = !closing && is_hidden(&inside);
        Some(Tag {
            name,
            closing,
            self_closing: inside.trim_end().ends_with('/') || VOID.contains(&&*full),
            hidden,
            length: (close + 1).min(at.len()),
        })
    }
}

fn is_hidden(attributes: &str) -> bool {
    let words: Vec<&str> = attributes
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    words.contains(&"hidden")
        || attributes.contains("aria-hidden=\"true\"")
        || attributes.contains("epub:type=\"toc\"")
        || attributes.contains("epub:type=\"page-list\"")
        || attributes.contains("epub:type=\"landmarks\"")
        || attributes.contains("role=\"doc-pagebreak\"")
        || attributes.contains("epub:type=\"pagebreak\"")
        || is_note_reference(attributes)
}

/// A link to a footnote (its number would sit inside a sentence).
fn is_note_reference(attributes: &str) -> bool {
    attributes.contains("epub:type=\"noteref\"") || attributes.contains("role=\"doc-noteref\"")
}

/// Skips to just after the end tag that closes an element `name` (nested ones counted).
fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    let raw_text = matches!(name, "script" | "style" | "textarea");
    let mut depth = 1usize;
    let mut at = 0;
    let lower_name = name;
    while let Some(found) = rest[at..].find('<') {
        let here = at + found;
        let tail = &rest[here..];
        if let Some(after) = tail.strip_prefix("<!--") {
            at = after.find("-->").map_or(rest.len(), |e| here + 4 + e + 3);
            continue;
        }
        match Tag::parse(tail) {
            // The head's end tag may be left out: the body ends it.
            Some(tag) if name == "head" && tag.name == "body" && !tag.closing => {
                return &rest[here..];
            }
            Some(tag) if tag.name == lower_name => {
                if tag.closing {
                    depth -= 1;
                    if depth == 0 {
                        return &rest[here + tag.length..];
                    }
                } else if !tag.self_closing && !raw_text {
                    depth += 1;
                }
                at = here + tag.length;
            }
            Some(tag) if !raw_text => at = here + tag.length.max(1),
            _ => at = here + 1,
        }
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(html: &str) -> Vec<String> {
        read(html.as_bytes()).unwrap().paragraphs
    }

    #[test]
    fn a_head_without_its_end_tag_ends_at_the_body() {
        let html = "<html><head><title>T</title><meta charset=utf-8><body><p>Text.</p>";
        assert_eq!(read_str(html), ["Text."]);
    }

    #[test]
    fn blocks_become_paragraphs_and_scripts_are_dropped() {
        let html = "<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head>\
            <body><nav><a href=x>Innehåll</a></nav><h1>Rubrik</h1>\
            <p>Ett <b>stycke</b> med &amp; och&nbsp;mer &hellip;<script>alert('<p>x</p>')</script></p>\
            <ul><li>ett</li><li>två<br>rader</li></ul><p hidden>dold</p>\
            <table><tr><td>a</td><td>b</td></tr></table>a < b<p>Not<a epub:type=\"noteref\" href=\"#n1\">1</a> här.</p></body></html>";
        assert_eq!(
            read_str(html),
            [
                "Rubrik",
                "Ett stycke med & och\u{a0}mer …",
                "ett",
                "två rader",
                "a",
                "b",
                "a < b",
                "Not här."
            ]
        );
    }
}
