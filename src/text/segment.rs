//! Rule-based sentence segmentation driven by editable abbreviation lists in `assets/segment/`.

use std::ops::Range;
use std::sync::OnceLock;

use thiserror::Error;

use super::marks::{
    NARROW_OPENERS, SPACED_CLOSERS, SPACES_BEFORE_CLOSER, TERMINALS, UNSPACED_TERMINALS, is_closer,
    is_opener,
};

const SWEDISH_RULES: &str = include_str!("../../assets/segment/sv.txt");
const ENGLISH_RULES: &str = include_str!("../../assets/segment/en.txt");
const GERMAN_RULES: &str = include_str!("../../assets/segment/de.txt");
const FRENCH_RULES: &str = include_str!("../../assets/segment/fr.txt");
const GENERIC_RULES: &str = include_str!("../../assets/segment/generic.txt");

/// Index of the generic rules among the built-in ones, and how many there are.
const GENERIC: usize = 4;
const BUILT_IN: usize = GENERIC + 1;

/// The languages with rules of their own, for messages.
const LANGUAGES_WITH_RULES: &str = "sv, en, de and fr";

/// The built-in rules for a language tag (by its primary subtag) and their index.
fn rules_of(tag: &str) -> (usize, &'static str) {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "sv" => (0, SWEDISH_RULES),
        "en" => (1, ENGLISH_RULES),
        "de" => (2, GERMAN_RULES),
        "fr" => (3, FRENCH_RULES),
        _ => (GENERIC, GENERIC_RULES),
    }
}

/// List bullets: one inside a paragraph starts a new segment, as where PDF extraction joined
/// the lines of a list ("… first item • Second item").
pub const BULLETS: [char; 5] = ['•', '‣', '⁃', '◦', '▪'];

#[derive(Debug, Clone, PartialEq, Error)]
#[error("line {line} of the segmentation rules: {problem}")]
pub struct RulesError {
    pub line: usize,
    pub problem: String,
}

/// A sentence splitter for one language.
///
/// A sentence ends after `.`, `?`, `!` or `…` (with any closing quotes or brackets after it)
/// when whitespace follows and the next word starts with a capital letter or a digit, possibly
/// behind an opening quote or dash. A period does not end a sentence after an initial ("L.
/// Kamenjev") or after a listed abbreviation ("t. o. m.", "d.v.s."); abbreviations listed
/// under `[before-number]` only hold before a number. Everything else (colons, semicolons,
/// a quote followed by a lower-case word: "”vad är diktatur?” svarar") does not end a sentence.
///
/// In lenient mode (for web text, chat, subtitles, where sentences often start in lower case)
/// a lower-case word starts a sentence too after a `?`, `!` or a period that no closing
/// quote or bracket follows ("why not? we went home. then we ate."), unless the period is an
/// abbreviation's, a lone letter's ("o. s. v. och"), one of an abbreviation that may end a
/// sentence (`[may-end]`: "usw. und"), or a number's before a word that is not a listed
/// sentence starter (`[starters]`: "i", "the", "jag", "det", ...; "am 15. und 25. Mai").
/// After "…" a lower-case word goes on. The default is strict, for edited prose, where such a split
/// would more often be wrong ("”Varför?” frågade han.").
#[derive(Debug, Clone, Default)]
pub struct Segmenter {
    always: Vec<Vec<char>>,
    before_number: Vec<Vec<char>>,
    /// Abbreviations that often end a sentence (`[may-end]`: "o.s.v.", "usw.", "etc."): a
    /// sentence ends after them before a capital, never before a lower-case word.
    may_end: Vec<Vec<char>>,
    /// Words that start sentences: capitalised, after an initial ("the U.S. How"); in
    /// lenient mode, in lower case after a number's period ("in 1990. then").
    starters: Vec<String>,
    /// Lower-case words after which a number and its period are an ordinal ("am 18. Mai").
    after_ordinal: Vec<String>,
    lenient: bool,
    /// The most letters any abbreviation has before its final period: a longer word before a
    /// period cannot be an abbreviation, which spares most look-ups.
    longest_last_part: usize,
}

impl Segmenter {
    /// The abbreviations in their compact lower-case form ("t.o.m."): those that never end a
    /// sentence, and those that do not before a number. For writing the rules out (SRX).
    pub fn abbreviations(&self) -> (Vec<String>, Vec<String>) {
        let strings = |list: &[Vec<char>]| list.iter().map(|a| a.iter().collect()).collect();
        (strings(&self.always), strings(&self.before_number))
    }

    /// The abbreviations that may end a sentence, compact and lower-case (for writing the
    /// rules out).
    pub fn may_end(&self) -> Vec<String> {
        self.may_end.iter().map(|a| a.iter().collect()).collect()
    }

    /// The listed sentence starters, lower-case (for writing the rules out).
    pub fn starters(&self) -> &[String] {
        &self.starters
    }

    /// The words that show a number before them to be an ordinal, lower-case (for writing the
    /// rules out).
    pub fn after_ordinal(&self) -> &[String] {
        &self.after_ordinal
    }

    /// The built-in rules for a BCP 47 language tag (by its primary subtag); languages without
    /// rules of their own get the generic rules.
    pub fn for_language(tag: &str) -> &'static Segmenter {
        Self::built_in(tag, false)
    }

    /// [`Segmenter::for_language`], strict or lenient (see [`Segmenter`]).
    pub fn built_in(tag: &str, lenient: bool) -> &'static Segmenter {
        static CELLS: [OnceLock<Segmenter>; 2 * BUILT_IN] =
            [const { OnceLock::new() }; 2 * BUILT_IN];
        let (index, rules) = rules_of(tag);
        CELLS[index + BUILT_IN * usize::from(lenient)].get_or_init(|| {
            Segmenter::default()
                .with_rules(rules)
                .expect("built-in rules parse")
                .lenient(lenient)
        })
    }

    /// What a user should know when `tag` has no rules file of its own: the generic rules
    /// know no abbreviation of that language, so "z. B." or "p. ex." may end a sentence. A
    /// German text segmented as if it were Swedish, silently, is the failure this names.
    pub fn generic_rules_note(tag: &str) -> Option<String> {
        (rules_of(tag).0 == GENERIC).then(|| {
            format!(
                "no sentence rules for the language \"{tag}\" (Tolk has them for \
                 {LANGUAGES_WITH_RULES}): only initials are known not to end a sentence, so \
                 abbreviations of that language may split sentences"
            )
        })
    }

    /// These rules, strict or lenient (see [`Segmenter`]).
    pub fn lenient(mut self, on: bool) -> Segmenter {
        self.lenient = on;
        self
    }

    /// Whether lower-case sentence starts are accepted (see [`Segmenter`]).
    pub fn is_lenient(&self) -> bool {
        self.lenient
    }

    /// These rules plus the ones in `text` (the format of the files in `assets/segment/`).
    pub fn with_rules(mut self, text: &str) -> Result<Segmenter, RulesError> {
        #[derive(PartialEq)]
        enum Section {
            Always,
            BeforeNumber,
            MayEnd,
            Starters,
            AfterOrdinal,
        }
        let mut section = Section::Always;
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') {
                section = match line {
                    "[before-number]" => Section::BeforeNumber,
                    "[may-end]" => Section::MayEnd,
                    "[abbreviations]" => Section::Always,
                    "[starters]" => Section::Starters,
                    "[after-ordinal]" => Section::AfterOrdinal,
                    _ => {
                        return Err(RulesError {
                            line: number + 1,
                            problem: format!(
                                "unknown section {line}; use [abbreviations], [before-number], \
                                 [may-end], [starters] or [after-ordinal]"
                            ),
                        });
                    }
                };
                continue;
            }
            if matches!(section, Section::Starters | Section::AfterOrdinal) {
                if !line.chars().all(char::is_alphabetic) {
                    return Err(RulesError {
                        line: number + 1,
                        problem: format!("{line:?} must be one word"),
                    });
                }
                let word = line.to_lowercase();
                let list = if section == Section::Starters {
                    &mut self.starters
                } else {
                    &mut self.after_ordinal
                };
                if !list.contains(&word) {
                    list.push(word);
                }
                continue;
            }
            let compact: Vec<char> = line
                .chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect();
            if compact.last() != Some(&'.') {
                return Err(RulesError {
                    line: number + 1,
                    problem: format!("the abbreviation {line:?} must end with a period"),
                });
            }
            if section == Section::MayEnd {
                if !self.may_end.contains(&compact) {
                    self.may_end.push(compact);
                }
                continue;
            }
            let list = if section == Section::BeforeNumber {
                &mut self.before_number
            } else {
                &mut self.always
            };
            if !list.contains(&compact) {
                let last_part = compact
                    .iter()
                    .rev()
                    .skip(1)
                    .take_while(|c| c.is_alphabetic())
                    .count();
                self.longest_last_part = self.longest_last_part.max(last_part);
                list.push(compact);
            }
        }
        Ok(self)
    }

    /// The sentences of a paragraph.
    pub fn split<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.sentence_spans(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    /// Byte ranges of the sentences of a paragraph, without surrounding whitespace.
    pub fn sentence_spans(&self, text: &str) -> Vec<Range<usize>> {
        let mut spans = Vec::new();
        let mut start = skip_whitespace(text, 0);
        let bytes = text.as_bytes();
        let mut i = start;
        let mut next_item = next_list_item(text, start);
        while i < bytes.len() {
            if next_item.is_some_and(|item| i >= item) {
                // "1. The first item 2. The second item": the next label of a list whose
                // items were joined into one line opens a segment.
                spans.push(start..start + text[start..i].trim_end().len());
                start = i;
                next_item = next_list_item(text, start);
            }
            // Terminals and bullets are ASCII or start with one of these lead bytes ('…' and
            // bullets 0xE2, '。' 0xE3, full-width marks 0xEF, Arabic 0xD8 and 0xDB, danda
            // 0xE0); UTF-8 continuation bytes never equal an ASCII or lead byte, so scanning
            // bytes is safe and much faster than chars.
            if !matches!(
                bytes[i],
                b'.' | b'?' | b'!' | 0xE2 | 0xE3 | 0xEF | 0xD8 | 0xDB | 0xE0
            ) {
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            if BULLETS.contains(&c) {
                let before = text[start..i].trim_end();
                if before.len() < i - start && !before.trim_start_matches(BULLETS).trim().is_empty()
                {
                    spans.push(start..start + before.len());
                    start = i;
                    next_item = next_list_item(text, start);
                }
                i += c.len_utf8();
                continue;
            }
            if !TERMINALS.contains(&c) {
                i += c.len_utf8();
                continue;
            }
            let punctuation_end = skip_while(text, i, |c| TERMINALS.contains(&c));
            let end = spaced_closer_end(text, skip_while(text, punctuation_end, is_closer));
            let next = skip_whitespace(text, end);
            let unspaced = text[i..punctuation_end].contains(UNSPACED_TERMINALS);
            if (next > end || unspaced)
                && next < text.len()
                && !is_list_marker(&text[start..i], &text[i..end])
                && self.ends_sentence(text, i, punctuation_end, end, next)
            {
                spans.push(start..end);
                start = next;
                next_item = next_list_item(text, start);
            }
            i = end.max(i + c.len_utf8());
        }
        let end = text.trim_end().len();
        if start < end {
            spans.push(start..end);
        }
        spans
    }

    /// Whether the punctuation at `punct` (up to `punct_end`, closers up to `end`) ends a
    /// sentence, given that the next word starts at `next`.
    fn ends_sentence(
        &self,
        text: &str,
        punct: usize,
        punct_end: usize,
        end: usize,
        next: usize,
    ) -> bool {
        let Some(first) = first_word_char(text, next) else {
            return false;
        };
        let narrow = text[next..].starts_with(NARROW_OPENERS);
        if first.is_lowercase() && self.lenient {
            if text[next..].starts_with(|c: char| !c.is_alphabetic()) {
                // Behind a quote or bracket a lower-case word goes on the sentence.
                return false;
            }
            if end != punct_end {
                // "”Why not?” she said", "”Go home.” he said": reported speech goes on.
                return false;
            }
            let marks = &text[punct..punct_end];
            if marks.contains(['?', '!']) {
                return true;
            }
            // After "..." or "…" a lower-case word mostly goes on ("and then… we"), and after
            // a number's period unless it starts sentences: "am 15. und 25. Mai", "12. dieser
            // Chronik" are ordinals, "in 1990. then we" is not. After any other period it
            // starts a sentence unless the period is an abbreviation's or an initial's (below).
            let after_number = text[..punct].ends_with(|c: char| c.is_ascii_digit());
            if marks != "." || (after_number && !self.is_starter(&text[next..])) {
                return false;
            }
            // A lone letter's period ("o. s. v. och", "u. ä. dinge") and one of an
            // abbreviation that may end a sentence ("usw. und", "etc. and") go on.
            let before = &text[..punct_end];
            if is_lone_letter(&text[..punct])
                || (self.may_end.iter()).any(|a| ends_with_abbreviation(before, a))
            {
                return false;
            }
        } else if !(first.is_uppercase()
            || is_caseless_letter(first)
            || (first.is_ascii_digit() && !narrow))
        {
            return false;
        }
        if narrow && trailing_bracket(&text[next..]) {
            return false;
        }
        let marks = &text[punct..punct_end];
        if is_elision(&text[..punct], marks, &text[punct_end..]) {
            return false;
        }
        if marks != "." {
            return true;
        }
        let before = &text[..punct_end];
        if self.is_ordinal(&text[..punct], &text[next..]) {
            return false;
        }
        if is_initial(&text[..punct]) {
            // "you and I. Did you see him?", "I live in the U.S. How about you?": an initial
            // ends a sentence where a word that starts sentences and is no name follows (and
            // is not itself an initial: "V. I. Lenin").
            return self.is_capitalised_starter(&text[next..])
                && !self
                    .always
                    .iter()
                    .any(|a| ends_with_abbreviation(before, a));
        }
        let word_length = text[..punct]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .count();
        if word_length > self.longest_last_part {
            return true;
        }
        if self
            .always
            .iter()
            .any(|a| ends_with_abbreviation(before, a))
        {
            return false;
        }
        if self
            .always
            .iter()
            .chain(&self.before_number)
            .any(|a| inside_abbreviation(before, &text[next..], a))
        {
            // "z. B.", "i. d. R.": a period inside an abbreviation, before a capital.
            return false;
        }
        let number_follows = text[next..].starts_with(|c: char| c.is_ascii_digit());
        !(number_follows
            && self
                .before_number
                .iter()
                .any(|a| ends_with_abbreviation(before, a)))
    }
}

impl Segmenter {
    /// Whether `before` (the text up to a period) ends in a number of one to three digits and
    /// `rest` starts with a word listed under `[after-ordinal]`: "am 18. Mai", "im 19.
    /// Jahrhundert" (a year, "1917. Danach", still ends a sentence).
    fn is_ordinal(&self, before: &str, rest: &str) -> bool {
        if self.after_ordinal.is_empty() {
            return false;
        }
        let digits = before.bytes().rev().take_while(u8::is_ascii_digit).count();
        let whole_number = before[..before.len() - digits]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if !(1..=3).contains(&digits) || !whole_number {
            return false;
        }
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        self.after_ordinal.contains(&word)
    }

    /// Whether `rest` starts with a capitalised listed sentence starter that is a whole word
    /// (not an initial such as the "I." of "V. I. Lenin").
    fn is_capitalised_starter(&self, rest: &str) -> bool {
        let word_end = rest
            .char_indices()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(rest.len(), |(i, _)| i);
        rest.starts_with(char::is_uppercase)
            && !rest[word_end..].starts_with('.')
            && self.is_starter(rest)
    }

    /// Whether the word that `rest` starts with is a listed sentence starter.
    fn is_starter(&self, rest: &str) -> bool {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        self.starters.contains(&word)
    }
}

/// A letter of a script without capitals (Chinese, Japanese, Korean, Arabic, Hebrew,
/// Devanagari, Thai, ...): a sentence of such a script starts with one, where a cased script
/// needs a capital. Without this no sentence of those scripts ever ended.
fn is_caseless_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase()
}

fn skip_while(text: &str, from: usize, keep: impl Fn(char) -> bool) -> usize {
    text[from..]
        .char_indices()
        .find(|(_, c)| !keep(*c))
        .map_or(text.len(), |(offset, _)| from + offset)
}

/// Past a French closing guillemet set off by a space ("« Bon. » Puis"), which belongs to the
/// sentence before it; `end` is where the closers directly after the terminal end.
fn spaced_closer_end(text: &str, end: usize) -> usize {
    let mut rest = text[end..].chars();
    match (rest.next(), rest.next(), rest.next()) {
        (Some(space), Some(mark), after)
            if SPACES_BEFORE_CLOSER.contains(&space)
                && SPACED_CLOSERS.contains(&mark)
                && after.is_none_or(char::is_whitespace) =>
        {
            end + space.len_utf8() + mark.len_utf8()
        }
        _ => end,
    }
}

fn skip_whitespace(text: &str, from: usize) -> usize {
    skip_while(text, from, char::is_whitespace)
}

/// The first letter or digit of the word at `at`, looking past opening quotes, dashes, one
/// opening bracket and, behind a quote or bracket, an ellipsis ("'... He lifted a finger.").
fn first_word_char(text: &str, at: usize) -> Option<char> {
    let whole = &text[at..];
    let rest = whole.strip_prefix(NARROW_OPENERS).unwrap_or(whole);
    let rest = rest.trim_start_matches(|c: char| is_opener(c) || c.is_whitespace());
    let rest = if rest.len() < whole.len() {
        rest.trim_start_matches(|c: char| matches!(c, '.' | '…') || c.is_whitespace())
    } else {
        rest
    };
    rest.chars().next()
}

/// Whether `rest` is one bracketed part closing the paragraph, as a source note ("L.
/// Kamenjev. (Ur ”Kommunistiska Internationalen” N:o 12.)"): it stays with the sentence
/// before it.
fn trailing_bracket(rest: &str) -> bool {
    let close = match rest.chars().next() {
        Some('(') => ')',
        Some('[') => ']',
        _ => return false,
    };
    rest.trim_end().ends_with(close) && rest[1..].find(close) == Some(rest.trim_end().len() - 2)
}

/// Whether `sentence` (the text of a sentence up to a period, `marks` that period and its
/// closers) is only a list marker, or ends in one after a colon: "1.", "12.3.", "a.", "IV.",
/// "1.)", behind a bullet or not. It opens the item rather than ending a sentence ("1. The
/// first item", "Vi kräver: 1. Att ...").
fn is_list_marker(sentence: &str, marks: &str) -> bool {
    if !(marks == "." || marks == ".)") {
        return false;
    }
    let opens_label = |c: char| c.is_whitespace() || BULLETS.contains(&c) || c == '§' || c == ':';
    let marker_start = sentence
        .char_indices()
        .rev()
        .find(|(_, c)| opens_label(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let marker = &sentence[marker_start..];
    // What stands before the label: nothing, or a colon ("Vi kräver: 1. Att ...").
    let before = sentence[..marker_start].trim_end_matches(|c: char| opens_label(c) && c != ':');
    if !(before.is_empty() || before.ends_with(':')) {
        return false;
    }
    let numbered = !marker.is_empty()
        && marker
            .split('.')
            .all(|part| (1..=3).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()));
    let mut letters = marker.chars();
    let lettered = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_alphabetic());
    let roman = (2..=6).contains(&marker.len()) && marker.bytes().all(|b| b"IVXLC".contains(&b));
    numbered || lettered || roman
}

/// Where the next item of a list opens, when the segment at `start` opens with a list label
/// ("1. ", "2.) ", "3) ", "a. ", behind a bullet or not): the first place after it where the
/// label that follows stands between white space ("2. ", "3.) ", "4) ", "b. "). Capital letters
/// are left out: "A. Smith met B. Jones" names people.
fn next_list_item(text: &str, start: usize) -> Option<usize> {
    let rest =
        text[start..].trim_start_matches(|c: char| BULLETS.contains(&c) || c.is_whitespace());
    let label_end = rest.find(|c: char| !c.is_alphanumeric())?;
    let (label, after) = rest.split_at(label_end);
    let punctuation = [".)", ".", ")"].into_iter().find(|p| {
        after
            .strip_prefix(p)
            .is_some_and(|a| a.starts_with(char::is_whitespace))
    })?;
    let next = if (1..=3).contains(&label.len()) && label.bytes().all(|b| b.is_ascii_digit()) {
        (label.parse::<u32>().ok()? + 1).to_string()
    } else if let [letter @ b'a'..=b'y'] = label.as_bytes() {
        char::from(letter + 1).to_string()
    } else {
        return None;
    };
    let needle = format!("{next}{punctuation}");
    let from = text.len() - rest.len() + label.len();
    // An item is shorter than this; the bound keeps a long paragraph of items linear.
    let mut to = (from + 2_000).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    text[from..to]
        .match_indices(&needle)
        .find_map(|(offset, _)| {
            let at = from + offset;
            let spaced_before = text[..at].ends_with(char::is_whitespace);
            let spaced_after = text[at + needle.len()..].starts_with(char::is_whitespace);
            (spaced_before && spaced_after).then_some(at)
        })
}

/// Whether the marks are an ellipsis standing for words left out inside brackets ("[...]",
/// "(…)"): an elision, which never ends a sentence.
fn is_elision(before: &str, marks: &str, after: &str) -> bool {
    let closer = match before.chars().next_back() {
        Some('[') => ']',
        Some('(') => ')',
        _ => return false,
    };
    marks.chars().all(|c| c == '.' || c == '…') && marks != "." && after.starts_with(closer)
}

/// Whether `before` ends in a word of one letter, of either case ("o" of "o. s. v.").
fn is_lone_letter(before: &str) -> bool {
    let mut chars = before.chars().rev();
    match (chars.next(), chars.next()) {
        (Some(letter), previous) => {
            letter.is_alphabetic() && previous.is_none_or(|p| !p.is_alphanumeric())
        }
        _ => false,
    }
}

/// `before` (the text up to a period) ends in a single capital letter standing alone.
fn is_initial(before: &str) -> bool {
    is_lone_letter(before) && before.chars().next_back().is_some_and(char::is_uppercase)
}

/// Whether the period that `before` ends with is an inner period of the abbreviation
/// (compact, lower-case): `before` ends with a first part of it and `rest` starts with the
/// remainder ("z." then "B. mit", for "z.b.").
fn inside_abbreviation(before: &str, rest: &str, abbreviation: &[char]) -> bool {
    let inner_periods = abbreviation[..abbreviation.len() - 1]
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == '.');
    for (at, _) in inner_periods {
        let (head, tail) = abbreviation.split_at(at + 1);
        if ends_with_abbreviation(before, head) && starts_with_abbreviation(rest, tail) {
            return true;
        }
    }
    false
}

/// `text` starts with the abbreviation's remainder (compact, lower-case), allowing spaces after
/// its inner periods.
fn starts_with_abbreviation(text: &str, remainder: &[char]) -> bool {
    let mut chars = text.chars().peekable();
    for (index, expected) in remainder.iter().enumerate() {
        match chars.next() {
            Some(c) if c == *expected || c.to_lowercase().eq(std::iter::once(*expected)) => {}
            _ => return false,
        }
        if *expected == '.' && index + 1 < remainder.len() {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
        }
    }
    true
}

/// `text` ends with the abbreviation (compact, lower-case), allowing spaces after its inner
/// periods ("t. o. m." for "t.o.m.") and requiring a word boundary before it.
fn ends_with_abbreviation(text: &str, abbreviation: &[char]) -> bool {
    let mut chars = text.chars().rev().peekable();
    for (index, expected) in abbreviation.iter().rev().enumerate() {
        let inner_period = *expected == '.' && index > 0;
        if inner_period {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
        }
        match chars.next() {
            Some(c) if c == *expected || c.to_lowercase().eq(std::iter::once(*expected)) => {}
            _ => return false,
        }
    }
    chars.next().is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sv(text: &str) -> Vec<&str> {
        Segmenter::for_language("sv").split(text)
    }

    #[test]
    fn splits_at_sentence_ends_before_capitals() {
        assert_eq!(
            sv("Det var så. Nu är det annorlunda! Eller? Ja."),
            ["Det var så.", "Nu är det annorlunda!", "Eller?", "Ja."]
        );
    }

    #[test]
    fn abbreviations_spaced_and_compact_do_not_split() {
        assert_eq!(
            sv("Han kom t. o. m. Lenin såg det."),
            ["Han kom t. o. m. Lenin såg det."]
        );
        assert_eq!(
            sv("Han kom t.o.m. Lenin såg det."),
            ["Han kom t.o.m. Lenin såg det."]
        );
        assert_eq!(
            sv("Det gällde bl. a. Ryssland."),
            ["Det gällde bl. a. Ryssland."]
        );
        assert_eq!(sv("Kl. 8 började det."), ["Kl. 8 började det."]);
    }

    #[test]
    fn initials_do_not_split() {
        assert_eq!(
            sv("Skriven av V. I. Lenin år 1917."),
            ["Skriven av V. I. Lenin år 1917."]
        );
    }

    #[test]
    fn sentence_final_o_s_v_splits_before_a_capital() {
        assert_eq!(
            sv("Bröd, mjöl o. s. v. Sedan kom kriget."),
            ["Bröd, mjöl o. s. v.", "Sedan kom kriget."]
        );
        assert_eq!(
            sv("Bröd, mjöl o. s. v. och salt."),
            ["Bröd, mjöl o. s. v. och salt."]
        );
    }

    #[test]
    fn quotes_after_question_marks() {
        assert_eq!(
            sv("frågan: ”vad är diktatur?” svarar han."),
            ["frågan: ”vad är diktatur?” svarar han."]
        );
        assert_eq!(
            sv("”Varför?” ”Kan icke?” Dessa frågor."),
            ["”Varför?”", "”Kan icke?”", "Dessa frågor."]
        );
    }

    #[test]
    fn numbers_and_brackets() {
        assert_eq!(sv("N:o 1. (1920)"), ["N:o 1. (1920)"]);
        assert_eq!(
            sv("Det var år 1917. 1918 kom freden."),
            ["Det var år 1917.", "1918 kom freden."]
        );
        assert_eq!(
            sv("(Se nedan.) Sedan kom det."),
            ["(Se nedan.)", "Sedan kom det."]
        );
    }

    #[test]
    fn sentences_may_open_with_a_bracket_or_a_straight_quote() {
        assert_eq!(
            sv("Det var så. (Se nedan.) Sedan kom det."),
            ["Det var så.", "(Se nedan.)", "Sedan kom det."]
        );
        assert_eq!(
            sv("Han sade nej. 'Aldrig!' Sedan gick han."),
            ["Han sade nej.", "'Aldrig!'", "Sedan gick han."]
        );
        assert_eq!(
            sv("Se N:o 12. (1920) och senare."),
            ["Se N:o 12. (1920) och senare."]
        );
        assert_eq!(
            sv("Det var 1917. (mest i stan)"),
            ["Det var 1917. (mest i stan)"]
        );
    }

    #[test]
    fn a_quoted_ellipsis_opens_a_sentence_before_a_capital() {
        let en = Segmenter::for_language("en");
        assert_eq!(
            en.split("Keep calm. '... He lifted a finger. ... And then it rained."),
            [
                "Keep calm.",
                "'...",
                "He lifted a finger. ...",
                "And then it rained."
            ]
        );
        // A bare ellipsis stays with the sentence before it, as before; before a lower-case
        // word it goes on the sentence, as any word does.
        assert_eq!(
            en.split("He waited. ... and waited."),
            ["He waited. ... and waited."]
        );
    }

    #[test]
    fn before_number_abbreviations_hold_only_before_numbers() {
        let en = Segmenter::for_language("en");
        assert_eq!(
            en.split("See No. 5 here. No. Then we left."),
            ["See No. 5 here.", "No.", "Then we left."]
        );
    }

    #[test]
    fn user_rules_add_abbreviations_and_bad_rules_are_reported() {
        let base = Segmenter::for_language("sv").clone();
        assert_eq!(
            base.split("Se ovan anf. Arbete."),
            ["Se ovan anf.", "Arbete."]
        );
        let extended = base.clone().with_rules("anf.\n").unwrap();
        assert_eq!(
            extended.split("Se ovan anf. Arbete."),
            ["Se ovan anf. Arbete."]
        );
        let error = base.with_rules("# ok\n\nanf\n").unwrap_err();
        assert_eq!(error.line, 3);
    }

    #[test]
    fn lenient_mode_accepts_lower_case_starts_after_questions_and_periods() {
        let strict = Segmenter::for_language("en");
        let lenient = Segmenter::built_in("en", true);
        assert!(lenient.is_lenient() && !strict.is_lenient());
        let web = "why not? we went home. later i slept in 1990. then it was late";
        assert_eq!(strict.split(web), [web]);
        assert_eq!(
            lenient.split(web),
            [
                "why not?",
                "we went home.",
                "later i slept in 1990.",
                "then it was late"
            ]
        );
        // Reported speech, abbreviations, initials, ellipses and numbers before a word that
        // starts no sentence still go on.
        for text in [
            "“Why not?” she asked.",
            "“Go home.” he said.",
            "He had pens, e.g. the red ones.",
            "He met J. smith there.",
            "We went on… then it rained.",
            "What? (the dog) barked.",
            "It was item 12. and more.",
        ] {
            assert_eq!(lenient.split(text), [text], "{text}");
        }
        let de = Segmenter::built_in("de", true);
        assert_eq!(
            de.split("am 15. und 25. Mai kamen sie. dann gingen sie."),
            ["am 15. und 25. Mai kamen sie.", "dann gingen sie."]
        );
        // Abbreviations that may end a sentence go on before a lower-case word, and end one
        // before a capital as in strict mode.
        assert_eq!(
            de.split("Brot usw. und Wein, u. ä. dinge. Brot usw. Dann gingen wir."),
            [
                "Brot usw. und Wein, u. ä. dinge.",
                "Brot usw.",
                "Dann gingen wir."
            ]
        );
        assert_eq!(
            lenient.split("bread etc. and wine. bread etc. Then we left."),
            ["bread etc. and wine.", "bread etc.", "Then we left."]
        );
        let sv = Segmenter::built_in("sv", true);
        assert_eq!(
            sv.split("vad gör du? jag läser. det är bra, bl. a. den nya boken."),
            [
                "vad gör du?",
                "jag läser.",
                "det är bra, bl. a. den nya boken."
            ]
        );
        assert_eq!(
            sv.split("bröd o. s. v. och vin. vi åt m. fl. rätter, osv. Sedan gick vi."),
            [
                "bröd o. s. v. och vin.",
                "vi åt m. fl. rätter, osv.",
                "Sedan gick vi."
            ]
        );
    }

    #[test]
    fn scripts_without_capitals_or_spaces_end_their_sentences() {
        // Before, no sentence of these scripts ended: Chinese and Japanese put no space after
        // a full stop, and none of them has capitals to start the next sentence.
        let cases: [(&str, &str, &[&str]); 6] = [
            (
                "zh",
                "你好。我是学生。他是老师！你呢？「我们去北京吧。」他说。1956年他来了。",
                &[
                    "你好。",
                    "我是学生。",
                    "他是老师！",
                    "你呢？",
                    "「我们去北京吧。」",
                    "他说。",
                    "1956年他来了。",
                ],
            ),
            (
                "ja",
                "こんにちは。元気ですか？はい、元気です。",
                &["こんにちは。", "元気ですか？", "はい、元気です。"],
            ),
            (
                "ko",
                "안녕하세요. 저는 학생입니다. 감사합니다!",
                &["안녕하세요.", "저는 학생입니다.", "감사합니다!"],
            ),
            (
                "ar",
                "مرحبا. كيف حالك؟ أنا بخير.",
                &["مرحبا.", "كيف حالك؟", "أنا بخير."],
            ),
            (
                "hi",
                "यह एक वाक्य है। यह दूसरा है।",
                &["यह एक वाक्य है।", "यह दूसरा है।"],
            ),
            (
                "he",
                "שלום. מה שלומך? טוב.",
                &["שלום.", "מה שלומך?", "טוב."],
            ),
        ];
        for (lang, text, sentences) in cases {
            assert_eq!(
                Segmenter::for_language(lang).split(text),
                sentences,
                "{lang}"
            );
        }
        // A Latin lower-case word after a full stop still goes on, and a Latin text with
        // Chinese in it is cut as before.
        let en = Segmenter::for_language("en");
        assert_eq!(
            en.split("He wrote 北京. then left."),
            ["He wrote 北京. then left."]
        );
        assert_eq!(
            en.split("Peking (北京). It is big."),
            ["Peking (北京).", "It is big."]
        );
    }

    #[test]
    fn every_quote_convention_opens_and_closes_sentences() {
        // German „…“ and »…« were neither openers nor closers: the first quotation was glued
        // to the sentence before it, the second to the one after.
        let cases: [(&str, &str, &[&str]); 5] = [
            (
                "de",
                "Er ging. „Das ist gut.“ Dann schlief er. ‚Nein.‘ Gut.",
                &[
                    "Er ging.",
                    "„Das ist gut.“",
                    "Dann schlief er.",
                    "‚Nein.‘",
                    "Gut.",
                ],
            ),
            (
                "de",
                "»Komm her!« Sie kam. ›Wer?‹ Niemand.",
                &["»Komm her!«", "Sie kam.", "›Wer?‹", "Niemand."],
            ),
            (
                "fr",
                "Il partit. ‹ Bon. › Puis il dit : « Non ! » Il dormit.",
                &[
                    "Il partit.",
                    "‹ Bon. ›",
                    "Puis il dit : « Non ! »",
                    "Il dormit.",
                ],
            ),
            (
                "es",
                "Hola. ¿Cómo estás? ¡Bien! Adiós.",
                &["Hola.", "¿Cómo estás?", "¡Bien!", "Adiós."],
            ),
            (
                "sv",
                "Han gick. ’Inget.’ Sedan tystnad. – Vad gör du? frågade hon. 1956. - Nya tider.",
                &[
                    "Han gick.",
                    "’Inget.’",
                    "Sedan tystnad.",
                    "– Vad gör du? frågade hon.",
                    "1956. - Nya tider.",
                ],
            ),
        ];
        for (lang, text, sentences) in cases {
            assert_eq!(
                Segmenter::for_language(lang).split(text),
                sentences,
                "{lang}"
            );
        }
    }
    #[test]
    fn languages_without_rules_of_their_own_are_named_not_passed_over() {
        for tag in ["sv", "sv-SE", "en", "en-GB", "EN_us", "de-CH", "fr"] {
            assert_eq!(Segmenter::generic_rules_note(tag), None, "{tag}");
        }
        for tag in ["fi", "nb-NO", "it"] {
            let note = Segmenter::generic_rules_note(tag).expect(tag);
            assert!(note.contains(&format!("\"{tag}\"")), "{note}");
        }
        // What the note warns of: the generic rules split after an abbreviation.
        let spans = Segmenter::for_language("it").sentence_spans("Vedi ca. Il testo.");
        assert_eq!(spans.len(), 2);
    }

    #[test]
    fn starters_must_be_single_words() {
        let error = Segmenter::default()
            .with_rules("[starters]\nthe\nof course\n")
            .unwrap_err();
        assert_eq!(error.line, 3);
        let rules = Segmenter::default()
            .with_rules("[starters]\nThe\n")
            .unwrap()
            .lenient(true);
        assert_eq!(rules.split("one. the two."), ["one.", "the two."]);
    }

    #[test]
    fn list_labels_open_their_item_instead_of_ending_a_sentence() {
        let en = Segmenter::for_language("en");
        assert_eq!(
            en.split("1. The first item. 2. The second item."),
            ["1. The first item.", "2. The second item."]
        );
        assert_eq!(
            sv("IV. Diktaturen. 12.3. Sovjeterna kom. 4. Den första."),
            ["IV. Diktaturen.", "12.3. Sovjeterna kom.", "4. Den första."]
        );
        // Items joined into one line (PDF extraction): the next label opens the next item,
        // and a bullet inside a paragraph opens one.
        assert_eq!(
            en.split("1.) The first item 2.) The second item"),
            ["1.) The first item", "2.) The second item"]
        );
        assert_eq!(
            en.split("a. The first item b. The second item c. The third"),
            ["a. The first item", "b. The second item", "c. The third"]
        );
        assert_eq!(
            en.split("Terms: • 9. The first item • 10. The second item"),
            ["Terms:", "• 9. The first item", "• 10. The second item"]
        );
        // Not a list: a number closing a sentence, capital letters naming people.
        assert_eq!(
            sv("Det var år 1917. 1918 kom freden."),
            ["Det var år 1917.", "1918 kom freden."]
        );
        assert_eq!(
            en.split("A. Smith met B. Jones. They spoke."),
            ["A. Smith met B. Jones.", "They spoke."]
        );
    }

    #[test]
    fn an_ellipsis_in_brackets_leaves_words_out_and_ends_nothing() {
        let en = Segmenter::for_language("en");
        assert_eq!(
            en.split("\"Bohr [...] used the analogy [...]\" (Smith 55). Then he left."),
            [
                "\"Bohr [...] used the analogy [...]\" (Smith 55).",
                "Then he left."
            ]
        );
        assert_eq!(
            sv("Han skrev (…) Lenin svarade."),
            ["Han skrev (…) Lenin svarade."]
        );
    }

    #[test]
    fn an_initial_before_a_word_that_starts_sentences_ends_one() {
        let en = Segmenter::for_language("en");
        assert_eq!(
            en.split("We make a good team, you and I. Did you see Albert I. Jones?"),
            [
                "We make a good team, you and I.",
                "Did you see Albert I. Jones?"
            ]
        );
        assert_eq!(
            en.split("I live in the U.S. How about you? I work for the U.S. Government."),
            [
                "I live in the U.S.",
                "How about you?",
                "I work for the U.S. Government."
            ]
        );
        // An imperative starts one too; a noun of the name does not.
        assert_eq!(
            en.split("He will go to the U.N. Give him time. The U.N. Security Council met."),
            [
                "He will go to the U.N.",
                "Give him time.",
                "The U.N. Security Council met."
            ]
        );
        // Initials before names, and before another initial, stay.
        assert_eq!(
            sv("Skriven av V. I. Lenin. Enligt punkt A. Det var så."),
            ["Skriven av V. I. Lenin.", "Enligt punkt A.", "Det var så."]
        );
        assert_eq!(
            en.split("It is at N°. 1026. That is where."),
            ["It is at N°. 1026.", "That is where."]
        );
    }

    #[test]
    fn german_abbreviations_and_ordinals_do_not_end_sentences() {
        let de = Segmenter::for_language("de");
        assert_eq!(
            de.split(
                "Am 18. Mai 1956 kam Dr. Hagen, z. B. mit Nr. 4. Im 19. Jahrhundert war \
                 es ca. 8848 m hoch. Das war 1917. Danach kam der 2. Weltkrieg usw. Es \
                 kostete Fr. 2.70 pro Tag."
            ),
            [
                "Am 18. Mai 1956 kam Dr. Hagen, z. B. mit Nr. 4.",
                "Im 19. Jahrhundert war es ca. 8848 m hoch.",
                "Das war 1917.",
                "Danach kam der 2. Weltkrieg usw.",
                "Es kostete Fr. 2.70 pro Tag."
            ]
        );
        // A list after a colon, and an initial before a starter.
        assert_eq!(
            de.split("Sie besagen: 1. Die Expeditionen zahlen. Lager I. Die Träger kamen."),
            [
                "Sie besagen: 1. Die Expeditionen zahlen.",
                "Lager I.",
                "Die Träger kamen."
            ]
        );
    }

    #[test]
    fn french_abbreviations_do_not_end_sentences() {
        let fr = Segmenter::for_language("fr");
        assert_eq!(
            fr.split(
                "Voir Mme. Jackson, p. 298, vers 15 h. 30 à env. 7315 m. Le camp \
                 était prêt, etc. Ils partirent."
            ),
            [
                "Voir Mme. Jackson, p. 298, vers 15 h. 30 à env. 7315 m.",
                "Le camp était prêt, etc.",
                "Ils partirent."
            ]
        );
    }

    #[test]
    fn spans_skip_whitespace_and_never_lose_text() {
        let text = "  Ett.  Två!\n Tre  ";
        let spans = Segmenter::for_language("sv").sentence_spans(text);
        let pieces: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(pieces, ["Ett.", "Två!", "Tre"]);
    }
}
