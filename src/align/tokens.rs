//! Turning a sentence into what the cost model looks at: its length, its normalised words
//! and the kind of punctuation that closes it.

use crate::text::marks::CLOSING_QUOTES;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// How a sentence ends. Questions and exclamations are usually kept as such by translators,
/// so a shared closing mark is evidence for a bead and a clash is evidence against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    Plain,
    Question,
    Exclamation,
    Quote,
}

/// The features of one sentence the cost looks at besides its words.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceFeatures {
    /// Length in characters, not counting white space: the Gale-Church length.
    pub length: f64,
    pub closing: Closing,
}

/// Lower-cases `word` and removes its diacritics, so `Höhe` and `hohe` compare equal.
pub fn normalise(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ß' { 's' } else { c })
        .collect()
}

/// The words of `text`: maximal runs of letters and digits, except that every Chinese
/// character and Japanese kana is a word of its own. Those scripts put no space between
/// words, so a run would be a whole clause that never recurs, with its numbers and Latin
/// names ("1956年", "点击LibreOffice") glued to it and lost as evidence.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(char::is_alphanumeric)?;
        rest = &rest[start..];
        let first = rest.chars().next()?;
        let len = if is_written_without_spaces(first) {
            first.len_utf8()
        } else {
            rest.find(|c: char| !c.is_alphanumeric() || is_written_without_spaces(c))
                .unwrap_or(rest.len())
        };
        let (word, tail) = rest.split_at(len);
        rest = tail;
        Some(word)
    })
}

/// Chinese characters (CJK ideographs, their extensions and compatibility forms) and
/// Japanese kana.
fn is_written_without_spaces(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}')
}

/// Whether a word looks like a name when it is not the first of its sentence: capitalised
/// and longer than one letter.
pub fn looks_like_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_some()
}

/// Whether a (normalised) word is a number: digits only.
pub fn is_number(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

/// Classifies the end of a sentence by its last non-space characters.
pub fn closing(text: &str) -> Closing {
    let trimmed = text.trim_end();
    let mut tail = trimmed.chars().rev();
    match tail.next() {
        Some('?' | '？' | '؟') => Closing::Question,
        Some('!' | '！') => Closing::Exclamation,
        Some(c) if CLOSING_QUOTES.contains(&c) => {
            // A quotation closing a question keeps the question mark inside it.
            match tail.find(|c: &char| !c.is_whitespace()) {
                Some('?' | '？' | '؟') => Closing::Question,
                Some('!' | '！') => Closing::Exclamation,
                _ => Closing::Quote,
            }
        }
        _ => Closing::Plain,
    }
}

/// What a Chinese character or a kana counts in a sentence's length: about as much as a
/// short word's letters. Counted as one, a Chinese sentence is a third as long as its English
/// translation while text left in English on the Chinese side (help pages, names, code) is as
/// long as itself, so no single length ratio fits a document that mixes them.
const WRITTEN_WITHOUT_SPACES_LENGTH: f64 = 3.0;

/// Characters that are not white space, a Chinese character or kana counting
/// [`WRITTEN_WITHOUT_SPACES_LENGTH`]; ASCII text (most of it) is counted by bytes.
fn non_space_chars(text: &str) -> f64 {
    if text.is_ascii() {
        text.bytes()
            .filter(|b| !b.is_ascii_whitespace() && *b != 0x0B)
            .count() as f64
    } else {
        text.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| {
                if is_written_without_spaces(c) {
                    WRITTEN_WITHOUT_SPACES_LENGTH
                } else {
                    1.0
                }
            })
            .sum()
    }
}

/// Computes all features of one sentence.
pub fn features(text: &str) -> SentenceFeatures {
    SentenceFeatures {
        length: non_space_chars(text),
        closing: closing(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_removes_case_and_diacritics() {
        assert_eq!(normalise("Höhenzahlen"), "hohenzahlen");
        assert_eq!(normalise("ÉTÉ"), "ete");
        assert_eq!(normalise("Straße"), "strase");
        assert_eq!(normalise("Nepal"), "nepal");
    }

    #[test]
    fn words_numbers_and_names() {
        let w: Vec<&str> = words("In 1956 kam Hillary nach Nepal.").collect();
        assert_eq!(w, ["In", "1956", "kam", "Hillary", "nach", "Nepal"]);
        assert!(is_number("1956") && !is_number("19a6") && !is_number(""));
        assert!(looks_like_name("Hillary") && !looks_like_name("kam") && !looks_like_name("A"));
    }

    #[test]
    fn chinese_and_japanese_characters_are_words_of_their_own() {
        // Before, "1956年他点击LibreOffice" was one word: no number, no name to share.
        let w: Vec<&str> = words("1956年他点击LibreOffice菜单。かな漢字 Korean 한국어").collect();
        assert_eq!(
            w,
            [
                "1956",
                "年",
                "他",
                "点",
                "击",
                "LibreOffice",
                "菜",
                "单",
                "か",
                "な",
                "漢",
                "字",
                "Korean",
                "한국어"
            ]
        );
        assert!(is_number(w[0]));
        assert_eq!(words("").count(), 0);
        assert_eq!(words(" ,. ").count(), 0);
    }

    #[test]
    fn closing_sees_through_quotes() {
        assert_eq!(closing("Varför?"), Closing::Question);
        assert_eq!(closing("«Kom hit!» "), Closing::Exclamation);
        assert_eq!(closing("He said \"yes.\""), Closing::Quote);
        assert_eq!(closing("Plain."), Closing::Plain);
        assert_eq!(closing("你呢？"), Closing::Question);
        assert_eq!(closing("「走吧！」"), Closing::Exclamation);
        assert_eq!(closing("كيف حالك؟"), Closing::Question);
        assert_eq!(closing(""), Closing::Plain);
    }

    #[test]
    fn length_ignores_white_space() {
        assert_eq!(features(" a b  c ").length, 3.0);
        for text in ["a\tb\x0bc\x0c d\re\n", "å\u{a0}b\u{2009}c", ""] {
            let by_chars = text.chars().filter(|c| !c.is_whitespace()).count();
            assert_eq!(non_space_chars(text), by_chars as f64, "{text:?}");
        }
    }

    #[test]
    fn a_chinese_character_counts_as_a_short_word() {
        // 12 characters and a sentence of 37 letters that translates it: as long, not a third.
        let chinese = features("建立到远程文件服务的连接").length;
        let english = features("Setting up a remote file service connection").length;
        assert_eq!(chinese, 36.0);
        assert!(
            (chinese / english - 1.0).abs() < 0.1,
            "{chinese} / {english}"
        );
        // Punctuation counts one, as in Latin text.
        assert_eq!(
            features("点击 LibreOffice。").length,
            2.0 * 3.0 + 11.0 + 1.0
        );
    }
}
