//! The words of every sentence of one side, read once. The aligner builds two vocabularies
//! from the same words: one of sentences and, when both sides mark paragraphs, one of
//! paragraphs as units. Splitting a book into words, normalising each spelling and looking
//! it up was most of the cost of a vocabulary, and reading the text a second time for the
//! paragraphs made it twice that; from these lists a vocabulary of any grouping of the
//! sentences costs an array look-up per word.

use super::flat::FlatLists;
use super::hash::FastMap;
use super::tokens::{looks_like_name, normalise, words};

/// The words of each sentence as spelling ids, and per spelling its normalised form.
#[derive(Debug, Default)]
pub struct Tokenised {
    /// Per sentence, its words in order, each as the id of its spelling.
    pub sentences: FlatLists<u32>,
    /// Per spelling: the index of its normalised form in `forms`.
    pub form: Vec<u32>,
    /// Per spelling: whether it looks like a name when it is not the first word of a text.
    pub name_like: Vec<bool>,
    /// The distinct normalised forms, in the order they first occur.
    pub forms: Vec<String>,
}

impl Tokenised {
    /// Splits every sentence into words; each distinct spelling is normalised once.
    pub fn new<'a>(sentences: impl IntoIterator<Item = &'a str>) -> Self {
        let mut out = Tokenised::default();
        let mut spelling: FastMap<&'a str, u32> = FastMap::default();
        let mut forms: FastMap<String, u32> = FastMap::default();
        for text in sentences {
            out.sentences.push(words(text).map(|word| {
                if let Some(&id) = spelling.get(word) {
                    return id;
                }
                let norm = normalise(word);
                let form = match forms.get(&norm) {
                    Some(&f) => f,
                    None => {
                        let f = out.forms.len() as u32;
                        forms.insert(norm.clone(), f);
                        out.forms.push(norm);
                        f
                    }
                };
                let id = out.form.len() as u32;
                out.form.push(form);
                out.name_like.push(looks_like_name(word));
                spelling.insert(word, id);
                id
            }));
        }
        out.sentences.shrink_to_fit();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_share_their_normalised_form() {
        let t = Tokenised::new(["Höhe und hohe Berge.", "", "Hohe Berge"]);
        assert_eq!(t.sentences.len(), 3);
        assert!(t.sentences.get(1).is_empty());
        let forms: Vec<&str> = t
            .sentences
            .get(0)
            .iter()
            .map(|&s| t.forms[t.form[s as usize] as usize].as_str())
            .collect();
        assert_eq!(forms, ["hohe", "und", "hohe", "berge"]);
        // "Höhe", "und", "hohe", "Berge", "Hohe": five spellings, three forms.
        assert_eq!((t.form.len(), t.forms.len()), (5, 3));
        assert_eq!(t.name_like, [true, false, false, true, true]);
        assert_eq!(t.sentences.get(2), &[4, 3]);
    }
}
