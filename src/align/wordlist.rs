//! A user's bilingual word list (`source<TAB>target`, one pair a line), read from TSV.

use thiserror::Error;

use super::tokens::normalise;

/// Why a word list could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum WordListError {
    #[error("word list line {line}: expected `source<TAB>target`, found {found:?}")]
    MissingTab { line: usize, found: String },
    /// A list given to help the aligner that holds no pair helps nothing: most likely the
    /// wrong file, which the user should hear about rather than get an unhelped alignment.
    #[error("the word list has no word pairs (one `source<TAB>target` pair a line)")]
    Empty,
}

/// Pairs of normalised words that translate each other. Multi-word entries are kept as their
/// single words paired with each other, because the aligner compares words, not phrases.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WordList {
    pub pairs: Vec<(String, String)>,
}

impl WordList {
    /// Parses TSV text. Empty lines and lines starting with `#` are skipped; extra columns
    /// after the second are ignored (many exported glossaries carry notes there). A text
    /// without any pair is an error.
    pub fn parse(text: &str) -> Result<Self, WordListError> {
        let mut pairs = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(src), Some(tgt)) = (cols.next(), cols.next()) else {
                return Err(WordListError::MissingTab {
                    line: n + 1,
                    found: line.to_owned(),
                });
            };
            for s in src.split_whitespace() {
                for t in tgt.split_whitespace() {
                    let (s, t) = (normalise(s), normalise(t));
                    if !s.is_empty() && !t.is_empty() {
                        pairs.push((s, t));
                    }
                }
            }
        }
        if pairs.is_empty() {
            return Err(WordListError::Empty);
        }
        Ok(Self { pairs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pairs_and_skips_comments() {
        let w = WordList::parse("# glossary\nhund\tdog\n\nKatt\tCat\tnote\n").unwrap();
        assert_eq!(
            w.pairs,
            [("hund".into(), "dog".into()), ("katt".into(), "cat".into())]
        );
    }

    #[test]
    fn a_list_without_pairs_is_an_error() {
        for text in ["", "\n\n", "# only a comment\n"] {
            assert_eq!(WordList::parse(text), Err(WordListError::Empty), "{text:?}");
        }
    }

    #[test]
    fn line_without_tab_is_an_error_with_its_number() {
        let e = WordList::parse("a\tb\nbroken\n").unwrap_err();
        assert_eq!(
            e,
            WordListError::MissingTab {
                line: 2,
                found: "broken".into()
            }
        );
    }
}
