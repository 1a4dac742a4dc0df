//! Lines to paragraphs for text extracted from PDFs: hard line breaks joined, line-end
//! hyphenation undone, page breaks and headings recognised.

/// Words after which a line-end hyphen is a genuine one ("förfogande- och nyttjandemakten").
const CONJUNCTIONS_AFTER_HYPHEN: [&str; 3] = ["och", "eller", "samt"];

/// Splits text into paragraphs, each one line of normalised text:
/// - a blank (whitespace-only) line ends a paragraph;
/// - a line that starts with a space, after a line that ends a sentence, and whose first word
///   starts with a capital, starts a new paragraph (a page break in the PDF);
/// - a line in capitals only (four or more letters) is a heading, a paragraph of its own;
/// - so is a short line without closing punctuation that stands alone (it opens the
///   paragraph or follows a sentence end, and a line opening with a capital follows it):
///   a heading, a caption or a signature, which would otherwise be glued to the next
///   sentence ("Släppområden Flytta fält ..."). Short means at most 12 words and under 60%
///   of the longest line so far and of the next line, so a wrapped line of prose is not one;
/// - otherwise a line continues the paragraph: joined with one space, except after a line-end
///   hyphen, which is removed ("lång-" + "samheten") unless it is a genuine hyphen (followed by a
///   space in the original, before "och"/"eller"/"samt", after a closing quote, between digits).
///
/// Runs of spaces and tabs inside a line become one space. Hyphens and dashes inside lines are kept.
pub fn paragraphs(text: &str) -> Vec<String> {
    paragraphs_counting_hyphens(text).0
}

/// [`paragraphs`], also counting the line-end hyphens removed (for a document's cleanup report).
pub fn paragraphs_counting_hyphens(text: &str) -> (Vec<String>, usize) {
    let mut builder = Builder::default();
    for line in text.lines() {
        builder.push_line(line);
    }
    let joined = builder.hyphens_joined;
    (builder.finish(), joined)
}

#[derive(Default)]
struct Builder {
    done: Vec<String>,
    current: String,
    /// The previous line, untrimmed, when it belongs to `current`.
    previous_raw_end: Option<LineEnd>,
    hyphens_joined: usize,
    /// Where the previous line starts in `current`, when it may be a heading (see
    /// [`paragraphs`]), and its length in characters.
    standalone: Option<(usize, usize)>,
    /// The longest line so far, in characters: the width of the text's lines.
    widest: usize,
}

#[derive(Clone, Copy)]
enum LineEnd {
    /// Ends a sentence (`.`, `?`, `!`, possibly with closing quotes or brackets).
    Sentence,
    /// A hyphen directly at the line end, with what stood before it.
    Hyphen {
        after_quote: bool,
        after_digit: bool,
    },
    /// Anything else, including a hyphen followed by a space.
    Other,
}

impl Builder {
    fn push_line(&mut self, raw: &str) {
        let line = raw.trim();
        if line.is_empty() {
            self.end_paragraph();
            return;
        }
        if is_heading(line) {
            self.end_paragraph();
            self.current.push_str(line);
            self.end_paragraph();
            return;
        }
        let chars = line.chars().count();
        if let Some((at, length)) = self.standalone.take()
            && starts_capitalised(line)
            && 5 * length < 3 * chars.max(self.widest)
        {
            let heading = self.current.split_off(at);
            let before = self.current.trim_end().len();
            self.current.truncate(before);
            self.end_paragraph();
            self.current = heading;
            self.end_paragraph();
        }
        self.widest = self.widest.max(chars);
        let opens_unit = matches!(self.previous_raw_end, None | Some(LineEnd::Sentence));
        let page_break = raw.starts_with(char::is_whitespace)
            && matches!(self.previous_raw_end, Some(LineEnd::Sentence))
            && line.chars().next().is_some_and(char::is_uppercase);
        if page_break {
            self.end_paragraph();
        }
        match self.previous_raw_end {
            None => {}
            Some(LineEnd::Hyphen {
                after_quote,
                after_digit,
            }) => {
                let genuine_before =
                    after_quote || (after_digit && line.starts_with(|c: char| c.is_ascii_digit()));
                if starts_with_conjunction(line) {
                    self.current.push(' ');
                } else if !genuine_before {
                    self.current.pop();
                    self.hyphens_joined += 1;
                }
            }
            Some(_) => self.current.push(' '),
        }
        let at = self.current.len();
        push_collapsed(&mut self.current, line);
        let end = line_end(raw);
        let bare = !line.ends_with([',', ';', ':', '-', '–', '—', '(', '&']);
        if opens_unit
            && matches!(end, LineEnd::Other)
            && bare
            && starts_capitalised(line)
            && line.split_whitespace().count() <= 12
        {
            self.standalone = Some((at, chars));
        }
        self.previous_raw_end = Some(end);
    }

    fn end_paragraph(&mut self) {
        self.standalone = None;
        if !self.current.is_empty() {
            self.done.push(std::mem::take(&mut self.current));
        }
        self.previous_raw_end = None;
    }

    fn finish(mut self) -> Vec<String> {
        self.end_paragraph();
        self.done
    }
}

/// Appends `line`, collapsing each run of spaces and tabs to one space. (Other white space,
/// such as no-break spaces, is kept: it is usually deliberate.)
fn push_collapsed(out: &mut String, line: &str) {
    let bytes = line.as_bytes();
    let has_run =
        bytes.windows(2).any(|w| is_blank(w[0]) && is_blank(w[1])) || bytes.contains(&b'\t');
    if !has_run {
        out.push_str(line);
        return;
    }
    for (i, word) in line
        .split([' ', '\t'])
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

fn is_blank(byte: u8) -> bool {
    byte == b' ' || byte == b'\t'
}

fn line_end(raw: &str) -> LineEnd {
    let without_newline = raw.trim_end_matches(['\n', '\r']);
    if let Some(before) = without_newline.strip_suffix('-') {
        let last = before.chars().last();
        return LineEnd::Hyphen {
            after_quote: matches!(last, Some('”' | '"' | '’' | '»')),
            after_digit: last.is_some_and(|c| c.is_ascii_digit()),
        };
    }
    let trimmed = raw.trim_end();
    let core = trimmed.trim_end_matches(['”', '’', '"', '»', ')', ']']);
    if core.ends_with(['.', '?', '!', '…']) {
        LineEnd::Sentence
    } else {
        LineEnd::Other
    }
}

/// Whether the first letter or digit of `line` (after opening quotes) is a capital or digit.
fn starts_capitalised(line: &str) -> bool {
    line.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn starts_with_conjunction(line: &str) -> bool {
    let first = line.split(char::is_whitespace).next().unwrap_or("");
    CONJUNCTIONS_AFTER_HYPHEN.contains(&first) && first.len() < line.len()
}

/// A line in capitals only, with at least four letters, is a heading.
fn is_heading(line: &str) -> bool {
    let mut letters = 0;
    for c in line.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_end_paragraphs_and_lines_join_with_a_space() {
        let text = "Första raden \nfortsätter här. \n\n  \nAndra stycket.";
        assert_eq!(
            paragraphs(text),
            ["Första raden fortsätter här.", "Andra stycket."]
        );
    }

    #[test]
    fn line_end_hyphens_are_removed() {
        assert_eq!(
            paragraphs("deras lång-\nsamheten i"),
            ["deras långsamheten i"]
        );
    }

    #[test]
    fn genuine_hyphens_are_kept() {
        assert_eq!(
            paragraphs("förfogande-\noch nyttjandemakten"),
            ["förfogande- och nyttjandemakten"]
        );
        assert_eq!(
            paragraphs("att förvärkliga ”folk”-\nsuveräniteten?"),
            ["att förvärkliga ”folk”-suveräniteten?"]
        );
        assert_eq!(paragraphs("arbetare- \nbönder"), ["arbetare- bönder"]);
        assert_eq!(paragraphs("åren 1914-\n1918 var"), ["åren 1914-1918 var"]);
        assert_eq!(
            paragraphs("en tvist om\n”folk-suveränitet”"),
            ["en tvist om ”folk-suveränitet”"]
        );
    }

    #[test]
    fn line_end_en_dash_joins_with_a_space() {
        assert_eq!(
            paragraphs("Krasnov, m. fl. –\nkorteligen"),
            ["Krasnov, m. fl. – korteligen"]
        );
    }

    #[test]
    fn indented_capitalised_line_after_sentence_end_is_a_page_break() {
        let text = "slutet av ett stycke. \n Nytt stycke börjar här \n vid det mest kritiska";
        assert_eq!(
            paragraphs(text),
            [
                "slutet av ett stycke.",
                "Nytt stycke börjar här vid det mest kritiska"
            ]
        );
        // An indented line after a line that does not end a sentence continues it.
        assert_eq!(
            paragraphs("ingen punkt \n Versal fortsätter"),
            ["ingen punkt Versal fortsätter"]
        );
    }

    #[test]
    fn capitals_only_line_is_a_heading() {
        let text = "Proletariatets diktatur \nTVÅ OMSTRIDDA FRÅGOR \nMarxismen har";
        assert_eq!(
            paragraphs(text),
            [
                "Proletariatets diktatur",
                "TVÅ OMSTRIDDA FRÅGOR",
                "Marxismen har"
            ]
        );
        assert!(!is_heading("N:O 1"));
    }

    #[test]
    fn a_short_line_without_final_punctuation_standing_alone_is_its_own_paragraph() {
        let text = "Släppområden\nFlytta fält till en ny plats. När du släpper dem sparas de.";
        assert_eq!(
            paragraphs(text),
            [
                "Släppområden",
                "Flytta fält till en ny plats. När du släpper dem sparas de."
            ]
        );
        // After a sentence end inside a paragraph, too.
        let text = "Det var slutet på kapitlet och allt var sagt om saken.\nBild 3\nNästa kapitel börjar med en lång mening här.";
        assert_eq!(
            paragraphs(text),
            [
                "Det var slutet på kapitlet och allt var sagt om saken.",
                "Bild 3",
                "Nästa kapitel börjar med en lång mening här."
            ]
        );
        // A wrapped line of prose is as wide as the others and continues.
        let text = "Han kom hem sent den kvällen och satte sig.\nSedan gick han till den stora staden\nStockholm där han bodde i många år.";
        assert_eq!(paragraphs(text).len(), 1);
        // A short line before a lower-case line continues its sentence.
        assert_eq!(
            paragraphs("Han sa\natt det var så."),
            ["Han sa att det var så."]
        );
    }

    #[test]
    fn inner_spaces_collapse() {
        assert_eq!(paragraphs("a   b\t c"), ["a b c"]);
    }
}
