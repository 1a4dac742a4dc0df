//! Turning a sentence into what the cost model looks at: its length, its normalised words
//! and the kind of punctuation that closes it.

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

/// One word of a sentence, normalised so that the two languages can be compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower case, without diacritics (NFKD with combining marks removed).
    pub norm: String,
    /// True for words made only of digits: numbers are the safest anchors of all.
    pub is_number: bool,
    /// True for a capitalised word that is not the first word: probably a name.
    pub is_name: bool,
}

/// The features of one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceFeatures {
    /// Length in characters, not counting white space: the Gale-Church length.
    pub length: f64,
    pub tokens: Vec<Token>,
    pub closing: Closing,
}

/// Lower-cases `word` and removes its diacritics, so `Höhe` and `hohe` compare equal.
pub fn normalise(word: &str) -> String {
    word.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ß' { 's' } else { c })
        .collect()
}

/// Splits `text` into words (maximal runs of letters and digits) and normalises them.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut first = true;
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let is_number = word.chars().all(|c| c.is_ascii_digit());
        let mut chars = word.chars();
        let capital = chars.next().is_some_and(char::is_uppercase);
        out.push(Token {
            norm: normalise(word),
            is_number,
            is_name: capital && !first && word.chars().count() > 1,
        });
        first = false;
    }
    out
}

/// Classifies the end of a sentence by its last non-space characters.
pub fn closing(text: &str) -> Closing {
    let trimmed = text.trim_end();
    let mut tail = trimmed.chars().rev();
    match tail.next() {
        Some('?') => Closing::Question,
        Some('!') => Closing::Exclamation,
        Some('"' | '\u{201d}' | '\u{201c}' | '\u{bb}' | '\u{ab}' | '\u{2019}' | '\'') => {
            // A quotation closing a question keeps the question mark inside it.
            match tail.find(|c: &char| !c.is_whitespace()) {
                Some('?') => Closing::Question,
                Some('!') => Closing::Exclamation,
                _ => Closing::Quote,
            }
        }
        _ => Closing::Plain,
    }
}

/// Computes all features of one sentence.
pub fn features(text: &str) -> SentenceFeatures {
    SentenceFeatures {
        length: text.chars().filter(|c| !c.is_whitespace()).count() as f64,
        tokens: tokenize(text),
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
    }

    #[test]
    fn tokenize_marks_numbers_and_names() {
        let t = tokenize("In 1956 kam Hillary nach Nepal.");
        let norms: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["in", "1956", "kam", "hillary", "nach", "nepal"]);
        assert!(t[1].is_number && !t[0].is_number);
        assert!(
            !t[0].is_name,
            "the first word is capitalised by grammar, not a name"
        );
        assert!(t[3].is_name && t[5].is_name && !t[2].is_name);
    }

    #[test]
    fn closing_sees_through_quotes() {
        assert_eq!(closing("Varför?"), Closing::Question);
        assert_eq!(closing("«Kom hit!» "), Closing::Exclamation);
        assert_eq!(closing("He said \"yes.\""), Closing::Quote);
        assert_eq!(closing("Plain."), Closing::Plain);
        assert_eq!(closing(""), Closing::Plain);
    }

    #[test]
    fn length_ignores_white_space() {
        assert_eq!(features(" a b  c ").length, 3.0);
    }
}
