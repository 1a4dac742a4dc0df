//! The punctuation around sentences: what ends one, what closes it and what may open the next.
//! One list for the segmenter, its SRX export, the aligner's features and the checks, so that
//! a quote style one of them knows the others know too.

/// Characters that can end a sentence: Latin ones, the ideographic full stop and the
/// full-width marks of Chinese and Japanese, the Arabic question mark and Urdu full stop, the
/// Devanagari danda.
pub const TERMINALS: [char; 12] = [
    '.', '?', '!', '…', '。', '｡', '？', '！', '؟', '۔', '।', '॥',
];

/// Terminals of scripts written without spaces between sentences (Chinese, Japanese): they
/// end a sentence where the next one follows at once.
pub const UNSPACED_TERMINALS: [char; 4] = ['。', '｡', '？', '！'];

/// Quotation marks that close a quotation, in every convention Tolk's languages use: English
/// “…” ‘…’, Swedish ”…” ’…’ »…», German „…“ ‚…‘ »…« ›…‹, French «…» ‹…›, Chinese and
/// Japanese 「…」 『…』 〝…〟, full-width and straight quotes.
pub const CLOSING_QUOTES: [char; 16] = [
    '"', '\'', '”', '’', '“', '‘', '»', '«', '›', '‹', '」', '』', '〞', '〟', '＂', '＇',
];

/// Closing guillemets that French sets off by a space ("« Bon. » Puis"). After a sentence's
/// end, a space and one of these, then white space, close that sentence: no convention opens
/// a quotation with them and a space after.
pub const SPACED_CLOSERS: [char; 2] = ['»', '›'];
/// The spaces French puts inside guillemets: a plain one, a no-break space, a narrow no-break
/// space.
pub const SPACES_BEFORE_CLOSER: [char; 3] = [' ', '\u{a0}', '\u{202f}'];

/// Closing brackets, Latin and full-width.
pub const CLOSING_BRACKETS: [char; 11] = [
    ')', ']', '}', '）', '］', '｝', '】', '》', '〉', '〕', '〗',
];

/// Quotation marks that open a quotation: those that close one in another convention
/// (Swedish ”…” and »…», German »…«), German „ and ‚, full-width ones.
pub const OPENING_QUOTES: [char; 15] = [
    '"', '“', '”', '‘', '’', '„', '‚', '«', '»', '‹', '›', '「', '『', '〝', '＂',
];

/// Other marks that may stand before the first word of a sentence: dashes, Spanish ¿ and ¡,
/// full-width brackets. Not a hyphen: ". - " inside a paragraph mostly separates the entries
/// of a list ("… 1956. - « Die Alpen » 1956, …"), not sentences.
pub const OPENING_OTHERS: [char; 11] =
    ['–', '—', '¿', '¡', '（', '［', '【', '《', '〈', '〔', '〖'];

/// Openers that start a sentence only before a capital letter, not before a digit: "N:o 1.
/// (1920)" and "N:o 12. (Forts.)" are one sentence, "Det var så. (Se nedan.)" two, and a
/// straight `'` is as often an apostrophe as a quote.
pub const NARROW_OPENERS: [char; 3] = ['(', '[', '\''];

/// Whether `c` closes a quotation or a bracket, so that it belongs to the sentence before it.
pub fn is_closer(c: char) -> bool {
    CLOSING_QUOTES.contains(&c) || CLOSING_BRACKETS.contains(&c)
}

/// Whether `c` may stand before the first word of a sentence.
pub fn is_opener(c: char) -> bool {
    OPENING_QUOTES.contains(&c) || OPENING_OTHERS.contains(&c)
}

/// Whether `c` is a quotation mark of any convention.
pub fn is_quote(c: char) -> bool {
    CLOSING_QUOTES.contains(&c) || OPENING_QUOTES.contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_mark_is_both_a_terminal_and_a_closer() {
        assert!(TERMINALS.iter().all(|c| !is_closer(*c)));
        assert!(TERMINALS.iter().all(|c| !is_opener(*c)));
        assert!(UNSPACED_TERMINALS.iter().all(|c| TERMINALS.contains(c)));
    }
}
