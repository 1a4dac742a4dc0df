//! Collects paragraphs from a document's structure: paragraphs may nest (a text box or a note
//! inside a paragraph), notes follow the paragraph that refers to them, and each paragraph's
//! text is normalised the way text import normalises it.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

#[derive(Default)]
pub struct Flow {
    done: Vec<String>,
    open: Vec<Open>,
}

#[derive(Default)]
struct Open {
    text: String,
    notes: Vec<String>,
}

impl Flow {
    /// A paragraph (or heading, list item, table cell paragraph) starts.
    pub fn start(&mut self) {
        self.open.push(Open::default());
    }

    /// Text for the innermost open paragraph; outside any paragraph it makes one of its own.
    pub fn push(&mut self, text: &str) {
        match self.open.last_mut() {
            Some(open) => open.text.push_str(text),
            None => self.emit(text),
        }
    }

    /// A note, placed after the outermost open paragraph (so it never lands inside a sentence).
    pub fn note(&mut self, text: String) {
        match self.open.first_mut() {
            Some(open) => open.notes.push(text),
            None => self.emit(&text),
        }
    }

    /// The innermost paragraph ends: it is kept when it has any text, then its notes.
    pub fn end(&mut self) {
        if let Some(open) = self.open.pop() {
            self.emit(&open.text);
            for note in &open.notes {
                self.emit(note);
            }
        }
    }

    /// Ends every open paragraph and returns the paragraphs in order.
    pub fn finish(mut self) -> Vec<String> {
        while !self.open.is_empty() {
            self.end();
        }
        self.done
    }

    /// Takes the paragraphs finished so far (for notes read one at a time).
    pub fn take(&mut self) -> Vec<String> {
        std::mem::take(&mut self.done)
    }

    fn emit(&mut self, text: &str) {
        let cleaned = clean(text);
        if !cleaned.is_empty() {
            self.done.push(cleaned);
        }
    }
}

/// One line of normalised text: white space runs become one space (no-break spaces are kept:
/// they are deliberate), soft hyphens and zero-width spaces are dropped, NFC.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}') {
            space = true;
            continue;
        }
        if matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}') || (c.is_control()) {
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    // No-break spaces are kept inside, not at the ends.
    let out = match out.trim() {
        trimmed if trimmed.len() == out.len() => out,
        trimmed => trimmed.to_string(),
    };
    // No character at or above U+0300 (UTF-8 lead byte 0xCC) means nothing to normalise.
    if out.bytes().all(|b| b < 0xCC) || is_nfc_quick(out.chars()) == IsNormalized::Yes {
        out
    } else {
        out.nfc().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_paragraphs_and_notes() {
        let mut flow = Flow::default();
        flow.start();
        flow.push("Yttre ");
        flow.start();
        flow.push("  inre\n");
        flow.end();
        flow.note("[1] En not.".into());
        flow.push("text.");
        flow.end();
        assert_eq!(flow.finish(), ["inre", "Yttre text.", "[1] En not."]);
    }

    #[test]
    fn clean_normalises() {
        assert_eq!(clean(" a\u{ad}b \t c\u{a0}d\n"), "ab c\u{a0}d");
        assert_eq!(clean("a\u{308}"), "ä");
        assert_eq!(clean("\u{a0} a \u{a0}"), "a");
    }
}
