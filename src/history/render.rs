//! Renders a word diff as plain text (wdiff markers), ANSI-coloured text for a terminal, or an
//! HTML fragment. The GUI draws the spans itself; these are for the command line and exports.

use std::fmt::Write;

use super::diff::{CharSpan, Diff, Span, SpanKind};

/// How to show a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffStyle {
    /// `[-deleted-]{+inserted+}`, the markers of GNU wdiff: readable when piped or in a file.
    Plain,
    /// Deleted text red and struck through, inserted text green, the changed characters of a
    /// similar word pair also bold and underlined; changed whitespace gets a background so
    /// that it can be seen.
    Ansi,
    /// `<del>` and `<ins>`, changed characters in `<mark>`, changed whitespace in elements with
    /// class `ws`; text is escaped. Wrap it in an element with `white-space: pre-wrap`.
    Html,
}

const RESET: &str = "\x1b[0m";

impl Diff {
    /// The diff rendered in one style.
    pub fn render(&self, style: DiffStyle) -> String {
        let mut out = String::new();
        for span in &self.spans {
            match style {
                DiffStyle::Plain => plain(&mut out, span),
                DiffStyle::Ansi => ansi(&mut out, span),
                DiffStyle::Html => html(&mut out, span),
            }
        }
        out
    }
}

fn plain(out: &mut String, span: &Span) {
    match span.kind {
        SpanKind::Equal => out.push_str(&span.text),
        SpanKind::Deleted => {
            let _ = write!(out, "[-{}-]", span.text);
        }
        SpanKind::Inserted => {
            let _ = write!(out, "{{+{}+}}", span.text);
        }
    }
}

fn ansi(out: &mut String, span: &Span) {
    let (base, strong, blank) = match span.kind {
        SpanKind::Equal => {
            out.push_str(&span.text);
            return;
        }
        SpanKind::Deleted => ("\x1b[31;9m", "\x1b[31;9;1;4m", "\x1b[41m"),
        SpanKind::Inserted => ("\x1b[32m", "\x1b[32;1;4m", "\x1b[42m"),
    };
    if span.text.trim().is_empty() {
        let _ = write!(out, "{blank}{}{RESET}", span.text);
        return;
    }
    match &span.chars {
        None => {
            let _ = write!(out, "{base}{}{RESET}", span.text);
        }
        Some(chars) => {
            for CharSpan { changed, text } in chars {
                let code = if *changed { strong } else { base };
                let _ = write!(out, "{code}{text}{RESET}");
            }
        }
    }
}

fn html(out: &mut String, span: &Span) {
    let tag = match span.kind {
        SpanKind::Equal => {
            escape(out, &span.text);
            return;
        }
        SpanKind::Deleted => "del",
        SpanKind::Inserted => "ins",
    };
    if span.text.trim().is_empty() {
        let _ = write!(out, "<{tag} class=\"ws\">");
        escape(out, &span.text);
        let _ = write!(out, "</{tag}>");
        return;
    }
    let _ = write!(out, "<{tag}>");
    match &span.chars {
        None => escape(out, &span.text),
        Some(chars) => {
            for CharSpan { changed, text } in chars {
                if *changed {
                    out.push_str("<mark>");
                    escape(out, text);
                    out.push_str("</mark>");
                } else {
                    escape(out, text);
                }
            }
        }
    }
    let _ = write!(out, "</{tag}>");
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_uses_wdiff_markers() {
        let diff = Diff::between("Han sade ”nej”.", "Han sade ”ja”.");
        assert_eq!(diff.render(DiffStyle::Plain), "Han sade ”[-nej-]{+ja+}”.");
    }

    #[test]
    fn html_escapes_and_marks_changed_characters() {
        let diff = Diff::between("a < b, långsamheten", "a < b, långsamhet");
        assert_eq!(
            diff.render(DiffStyle::Html),
            "a &lt; b, <del>långsamhet<mark>en</mark></del><ins>långsamhet</ins>"
        );
        let spaces = Diff::between("a b", "a  b");
        assert_eq!(
            spaces.render(DiffStyle::Html),
            "a<del class=\"ws\"> </del><ins class=\"ws\">  </ins>b"
        );
    }

    #[test]
    fn ansi_colours_changes_and_leaves_equal_text_alone() {
        let rendered = Diff::between("ett två", "ett tre").render(DiffStyle::Ansi);
        assert_eq!(
            rendered,
            "ett \x1b[31;9mtvå\x1b[0m\x1b[32mtre\x1b[0m".to_string()
        );
    }
}
