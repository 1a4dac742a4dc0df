//! Word-level diffs of two texts (Unicode words, whitespace and punctuation as tokens of their
//! own), with a character-level highlight inside a changed pair of similar words.

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};
use unicode_segmentation::UnicodeSegmentation;

/// What a span of a diff is: text both versions share, text only the old one has, or text only
/// the new one has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanKind {
    Equal,
    Deleted,
    Inserted,
}

/// A run of characters inside a changed word; `changed` marks the characters that differ from
/// the word it replaced (or that replaced it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CharSpan {
    pub changed: bool,
    pub text: String,
}

/// One span of a diff. `chars` is set on a deleted word and the inserted word that replaced it
/// when the two are similar enough for a character highlight to help the eye ("långsamheten" →
/// "långsamhet": only "en" is marked); it is `None` everywhere else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub kind: SpanKind,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chars: Option<Vec<CharSpan>>,
}

/// A diff of two texts as a list of spans in reading order: the equal and deleted spans spell
/// the old text, the equal and inserted spans the new one. Deleted text comes before the text
/// inserted in its place.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Diff {
    pub spans: Vec<Span>,
}

/// Below this similarity (similar's ratio: 2 × shared characters / total characters) a
/// character highlight marks most of the word and only adds noise, so none is given.
const CHAR_HIGHLIGHT_MIN_RATIO: f32 = 0.5;

impl Diff {
    /// The word diff of `old` and `new`.
    ///
    /// Tokens are Unicode word-boundary segments (UAX #29): a word ("långsamheten", "1914"), a
    /// run of spaces, one punctuation mark or quote. So a changed quote or a doubled space is a
    /// change of its own, and words are never cut inside.
    ///
    /// Myers' shortest edit (with similar's bounds on pathological inputs) is tried first: it is
    /// quick and right for the usual few changed words. When it matches no word at all, only
    /// spaces and marks (a reordered sentence), Patience diff is used instead: it anchors on
    /// words that occur once in each text, so the words read as moved.
    pub fn between(old: &str, new: &str) -> Diff {
        if old == new {
            return Diff::unchanged(old);
        }
        // Most edits touch a few words of a sentence: only the middle between the common
        // beginning and end is tokenised and diffed (the expensive part).
        let (head, tail) = common_ends(old, new);
        let mut diff = Diff::default();
        diff.push(SpanKind::Equal, old[..head].to_string(), None);
        diff.push_middle(&old[head..old.len() - tail], &new[head..new.len() - tail]);
        diff.push(SpanKind::Equal, old[old.len() - tail..].to_string(), None);
        diff.absorb_blank_equals();
        diff
    }

    /// Diffs the middle parts of two texts word by word, appending the spans.
    fn push_middle(&mut self, old: &str, new: &str) {
        let old_tokens: Vec<&str> = old.split_word_bounds().collect();
        let new_tokens: Vec<&str> = new.split_word_bounds().collect();
        let mut ops = capture_diff_slices(Algorithm::Myers, &old_tokens, &new_tokens);
        let matches_a_word = ops.iter().any(|op| {
            matches!(op, DiffOp::Equal { .. })
                && old_tokens[op.old_range()]
                    .iter()
                    .any(|t| t.chars().any(char::is_alphanumeric))
        });
        if !matches_a_word {
            ops = capture_diff_slices(Algorithm::Patience, &old_tokens, &new_tokens);
        }
        let diff = self;
        for op in ops {
            let (old_part, new_part) = (&old_tokens[op.old_range()], &new_tokens[op.new_range()]);
            match op {
                DiffOp::Equal { .. } => diff.push(SpanKind::Equal, old_part.concat(), None),
                DiffOp::Delete { .. } => diff.push(SpanKind::Deleted, old_part.concat(), None),
                DiffOp::Insert { .. } => diff.push(SpanKind::Inserted, new_part.concat(), None),
                DiffOp::Replace { .. } => {
                    let (old_chars, new_chars) = match (old_part, new_part) {
                        ([a], [b]) => char_highlight(a, b),
                        _ => (None, None),
                    };
                    diff.push(SpanKind::Deleted, old_part.concat(), old_chars);
                    diff.push(SpanKind::Inserted, new_part.concat(), new_chars);
                }
            }
        }
    }

    /// Joins changes separated only by whitespace into one change: "[-i-]{+han+} [-går-]{+kom+}"
    /// reads better as "[-i går-]{+han kom+}", and a space two rewritten words happen to share
    /// is not worth a span of its own. (Changes of the whitespace itself stay as they are.)
    fn absorb_blank_equals(&mut self) {
        let is_change = |s: &Span| s.kind != SpanKind::Equal;
        let is_blank = |s: &Span| s.kind == SpanKind::Equal && s.text.trim().is_empty();
        let joinable = self
            .spans
            .windows(3)
            .any(|w| is_change(&w[0]) && is_blank(&w[1]) && is_change(&w[2]));
        if !joinable {
            return;
        }
        let spans = std::mem::take(&mut self.spans);
        let mut i = 0;
        while i < spans.len() {
            if !is_change(&spans[i]) {
                self.spans.push(spans[i].clone());
                i += 1;
                continue;
            }
            let mut end = i;
            loop {
                while end < spans.len() && is_change(&spans[end]) {
                    end += 1;
                }
                if end + 1 < spans.len() && is_blank(&spans[end]) && is_change(&spans[end + 1]) {
                    end += 1;
                    continue;
                }
                break;
            }
            let region = &spans[i..end];
            if region.iter().any(is_blank) {
                let spell = |skip: SpanKind| -> String {
                    region
                        .iter()
                        .filter(|s| s.kind != skip)
                        .map(|s| s.text.as_str())
                        .collect()
                };
                self.push(SpanKind::Deleted, spell(SpanKind::Inserted), None);
                self.push(SpanKind::Inserted, spell(SpanKind::Deleted), None);
            } else {
                self.spans.extend_from_slice(region);
            }
            i = end;
        }
    }

    /// The diff of a text with itself: one equal span (none for an empty text).
    pub fn unchanged(text: &str) -> Diff {
        let mut diff = Diff::default();
        diff.push(SpanKind::Equal, text.to_string(), None);
        diff
    }

    /// Whether the two texts differ at all.
    pub fn is_changed(&self) -> bool {
        self.spans.iter().any(|s| s.kind != SpanKind::Equal)
    }

    /// The old text, spelled from the equal and deleted spans.
    pub fn old_text(&self) -> String {
        self.text_without(SpanKind::Inserted)
    }

    /// The new text, spelled from the equal and inserted spans.
    pub fn new_text(&self) -> String {
        self.text_without(SpanKind::Deleted)
    }

    fn text_without(&self, skip: SpanKind) -> String {
        self.spans
            .iter()
            .filter(|s| s.kind != skip)
            .map(|s| s.text.as_str())
            .collect()
    }

    /// Appends a span, joining it to the previous one when both are plain spans of one kind.
    fn push(&mut self, kind: SpanKind, text: String, chars: Option<Vec<CharSpan>>) {
        if text.is_empty() {
            return;
        }
        if let Some(last) = self.spans.last_mut()
            && last.kind == kind
            && last.chars.is_none()
            && chars.is_none()
        {
            last.text.push_str(&text);
            return;
        }
        self.spans.push(Span { kind, text, chars });
    }
}

/// The byte lengths of the beginning and end two different texts share, cut where tokens are
/// sure to break: before a run of whitespace (so the run, and any change in it, stays whole in
/// the middle) and after one. The two never overlap in either text.
fn common_ends(old: &str, new: &str) -> (usize, usize) {
    let head = common_prefix(old, new);
    let head = match old[..head].rfind(|c: char| !c.is_whitespace()) {
        // Back to the start of the last whitespace run in the shared beginning.
        Some(_) => old[..head]
            .char_indices()
            .rev()
            .skip_while(|(_, c)| !c.is_whitespace())
            .take_while(|(_, c)| c.is_whitespace())
            .last()
            .map_or(0, |(i, _)| i),
        None => 0,
    };
    let (old_rest, new_rest) = (&old[head..], &new[head..]);
    let tail = common_suffix(old_rest, new_rest);
    let shared = &old_rest[old_rest.len() - tail..];
    // Forward to the end of the first whitespace run in the shared end.
    let tail = match shared.find(char::is_whitespace) {
        Some(start) => {
            let run = shared[start..]
                .find(|c: char| !c.is_whitespace())
                .map_or(shared.len(), |end| start + end);
            shared.len() - run
        }
        None => 0,
    };
    (head, tail)
}

/// The length in bytes of the longest common prefix, at a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// The length in bytes of the longest common suffix, at a character boundary.
fn common_suffix(a: &str, b: &str) -> usize {
    a.char_indices()
        .rev()
        .zip(b.chars().rev())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, x), _)| {
            a.len() - i - x.len_utf8()
        })
}

/// The character highlight of a replaced word pair: grapheme clusters (so "å" written with a
/// combining ring stays one), only for two words (not spaces or marks) that are similar.
fn char_highlight(old: &str, new: &str) -> (Option<Vec<CharSpan>>, Option<Vec<CharSpan>>) {
    let is_word = |t: &str| t.chars().any(char::is_alphanumeric);
    if !is_word(old) || !is_word(new) || !may_be_similar(old, new) {
        return (None, None);
    }
    let (a, b) = (clusters(old), clusters(new));
    let ops = capture_diff_slices(Algorithm::Myers, &a, &b);
    if similar::diff_ratio(&ops, a.len(), b.len()) < CHAR_HIGHLIGHT_MIN_RATIO {
        return (None, None);
    }
    let (mut old_spans, mut new_spans) = (Vec::new(), Vec::new());
    for op in &ops {
        let equal = matches!(op, DiffOp::Equal { .. });
        push_char(&mut old_spans, !equal, a[op.old_range()].concat());
        push_char(&mut new_spans, !equal, b[op.new_range()].concat());
    }
    (Some(old_spans), Some(new_spans))
}

/// A cheap test that rules out most unrelated word pairs before a diff is run: the characters
/// two words share (counted with repeats) bound the characters a diff can match, and so its
/// ratio. Only for short words of characters that are clusters of their own (see [`clusters`]);
/// others are left to the diff.
fn may_be_similar(old: &str, new: &str) -> bool {
    const MAX: usize = 64;
    let plain = |w: &str| w.len() <= 4 * MAX && w.chars().all(|c| c < '\u{300}');
    if !plain(old) || !plain(new) {
        return true;
    }
    let mut theirs = ['\0'; MAX];
    let mut len = 0;
    for c in new.chars() {
        if len == MAX {
            return true;
        }
        theirs[len] = c;
        len += 1;
    }
    let (mut used, mut shared, mut mine) = (0u64, 0usize, 0usize);
    for c in old.chars() {
        mine += 1;
        if let Some(j) = (0..len).find(|&j| used & (1 << j) == 0 && theirs[j] == c) {
            used |= 1 << j;
            shared += 1;
        }
    }
    2.0 * shared as f32 / (mine + len) as f32 >= CHAR_HIGHLIGHT_MIN_RATIO
}

/// A word's grapheme clusters. Below U+0300 (where combining marks begin) every character is a
/// cluster of its own, which is quicker to split; that covers Swedish text, which import
/// normalises to NFC.
fn clusters(word: &str) -> Vec<&str> {
    if word.chars().all(|c| c < '\u{300}') {
        word.char_indices()
            .map(|(i, c)| &word[i..i + c.len_utf8()])
            .collect()
    } else {
        word.graphemes(true).collect()
    }
}

fn push_char(spans: &mut Vec<CharSpan>, changed: bool, text: String) {
    if text.is_empty() {
        return;
    }
    match spans.last_mut() {
        Some(last) if last.changed == changed => last.text.push_str(&text),
        _ => spans.push(CharSpan { changed, text }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(diff: &Diff) -> Vec<(SpanKind, &str)> {
        diff.spans
            .iter()
            .map(|s| (s.kind, s.text.as_str()))
            .collect()
    }

    #[test]
    fn a_swedish_word_is_one_token_with_a_char_highlight_inside() {
        let diff = Diff::between("Långsamheten i deras", "Långsamhet i deras");
        assert_eq!(
            kinds(&diff),
            [
                (SpanKind::Deleted, "Långsamheten"),
                (SpanKind::Inserted, "Långsamhet"),
                (SpanKind::Equal, " i deras"),
            ]
        );
        let deleted = diff.spans[0].chars.as_ref().unwrap();
        assert_eq!(
            deleted,
            &[
                CharSpan {
                    changed: false,
                    text: "Långsamhet".into()
                },
                CharSpan {
                    changed: true,
                    text: "en".into()
                }
            ]
        );
        let inserted = diff.spans[1].chars.as_ref().unwrap();
        assert!(inserted.iter().all(|c| !c.changed));
    }

    #[test]
    fn common_ends_are_cut_at_whitespace_runs_and_character_boundaries() {
        // "Det är " is shared: the cut goes back to before its last whitespace run; " så." is
        // shared at the end: the cut goes forward past its first whitespace run.
        assert_eq!(common_ends("Det är så.", "Det är nog så."), (7, 4));
        assert_eq!(common_ends("å ä ö", "å ä ö!"), (5, 0));
        assert_eq!(common_ends("ö", "ä"), (0, 0));
        assert_eq!(common_ends("a  b", "a   b"), (1, 1));
        let (old, new) = ("Kriget  kom åter.", "Kriget kom åter.");
        let (head, tail) = common_ends(old, new);
        assert!(old.is_char_boundary(head) && old.is_char_boundary(old.len() - tail));
        assert_eq!(
            kinds(&Diff::between(old, new)),
            [
                (SpanKind::Equal, "Kriget"),
                (SpanKind::Deleted, "  "),
                (SpanKind::Inserted, " "),
                (SpanKind::Equal, "kom åter."),
            ]
        );
    }

    #[test]
    fn unrelated_words_get_no_char_highlight() {
        let diff = Diff::between("en hund", "en katt");
        assert_eq!(diff.spans[1].chars, None);
        assert_eq!(diff.spans[2].chars, None);
        assert!(!may_be_similar("slowly", "quickly"));
        assert!(may_be_similar("långsamheten", "långsamhet"));
        assert!(may_be_similar("förhållanden", "förhållandena"));
    }

    #[test]
    fn equal_texts_are_one_equal_span_and_empty_ones_none() {
        assert_eq!(
            kinds(&Diff::between("Så.", "Så.")),
            [(SpanKind::Equal, "Så.")]
        );
        assert!(Diff::between("", "").spans.is_empty());
        assert!(!Diff::between("a", "a").is_changed());
        assert_eq!(
            kinds(&Diff::between("", "Ny.")),
            [(SpanKind::Inserted, "Ny.")]
        );
    }
}
