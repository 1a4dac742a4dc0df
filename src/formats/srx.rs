//! SRX 2.0: Tolk's sentence segmentation written out as rules, so that a CAT tool (OmegaT)
//! segments the text the way Tolk did and its segments meet Tolk's rows. One language rule
//! per side of the project: "no break" rules for initials and each listed abbreviation (spaced
//! or compact), then the one "break" rule: closing punctuation, white space, a capital or a
//! digit (behind an opening quote or dash).

use std::io::Write;

use super::error::ExportError;
use super::options::Options;
use super::xml_write::XmlOut;
use crate::model::{Project, Side};
use crate::text::{BULLETS, Segmenter, marks};

/// A regex character class of `chars`, escaping what a class gives meaning to (in Java's
/// syntax, which OmegaT reads, as in Rust's).
fn class(chars: impl IntoIterator<Item = char>) -> String {
    let mut class = String::from("[");
    for c in chars {
        if matches!(c, '\\' | ']' | '[' | '^' | '-' | '&') {
            class.push('\\');
        }
        class.push(c);
    }
    class.push(']');
    class
}

/// Closing quotes and brackets, any number of them.
fn closers() -> String {
    let marks = marks::CLOSING_QUOTES.iter().chain(&marks::CLOSING_BRACKETS);
    format!("{}*", class(marks.copied()))
}

/// What may stand before a sentence's first letter: an opener, or a straight `'` (which Tolk
/// takes as a quote before a capital); any but `except`.
fn opener(except: &[char]) -> String {
    let openers = marks::OPENING_QUOTES.iter().chain(&marks::OPENING_OTHERS);
    let openers = openers.copied().chain(['\'']);
    class(openers.filter(|c| !except.contains(c)))
}

/// What ends a sentence: terminals, then closing marks. The break falls after them.
fn break_before(terminals: &[char]) -> String {
    format!("{}+{}", class(terminals.iter().copied()), closers())
}

/// A French closing guillemet set off by a space ("« Bon. » Puis").
fn spaced_closer() -> String {
    format!(
        "{}{}",
        class(marks::SPACES_BEFORE_CLOSER),
        class(marks::SPACED_CLOSERS)
    )
}

/// What must follow a sentence end: white space, then maybe an opening quote or dash, then a
/// capital letter, a letter of a script without capitals (`\p{Lo}`: Chinese, Arabic, ...) or a
/// digit. Chinese and Japanese full stops and marks need no space.
fn break_after(spaced: bool) -> String {
    break_after_opener(spaced, &opener(&[]))
}

/// [`break_after`] with the given class of openers.
fn break_after_opener(spaced: bool, opener: &str) -> String {
    let space = if spaced { r"\s+" } else { "" };
    format!(r"{space}{opener}?\s?[\p{{Lu}}\p{{Lo}}\d]")
}

/// One SRX rule: break or not, the pattern before and the pattern after the break.
pub type Rule = (bool, String, String);

/// A list label opening a sentence ("1.", "12.3.", "a.", "IV.", "1.)"): a bullet, a colon, the
/// text, or what SRX can tell of a sentence end before it (a word of four or more lower-case
/// letters and its period: "o. s. v." or "sid. 5." do not end one).
fn list_label() -> String {
    let closers = closers();
    let bullet = class(BULLETS);
    format!(
        r"(?:(?:^|(?:\p{{Ll}}{{4,}}[.…]|[?!]){closers}\s+){bullet}?|\s{bullet}|:)\s*(?:\d{{1,3}}(?:\.\d{{1,3}})*|\p{{L}}|[IVXLC]{{2,6}})\.\)?"
    )
}

/// An ellipsis in brackets, standing for words left out.
fn elision() -> String {
    format!(r"[\[(](?:\.{{2,}}|…+)[\])]{}", closers())
}

/// The rules of a segmenter (a language's built-in rules with a project's own), in the order
/// SRX applies them (the first that matches decides). What Tolk does that they leave out: the
/// next label of a list joined into one line ("1. A 2. B") opens a segment only in Tolk.
pub fn rules(segmenter: &Segmenter) -> Vec<Rule> {
    let (always, before_number) = segmenter.abbreviations();
    let mut rules = vec![
        (false, list_label(), r"\s".to_string()),
        (false, elision(), r"\s".to_string()),
        (true, r"\s".to_string(), class(BULLETS)),
    ];
    for abbreviation in &always {
        rules.push((false, pattern(abbreviation), r"\s".to_string()));
    }
    for abbreviation in always.iter().chain(&before_number) {
        // The inner periods too: "z. B." does not end a sentence at "z.".
        let parts: Vec<&str> = abbreviation.trim_end_matches('.').split('.').collect();
        for at in 1..parts.len() {
            let head = format!("{}.", parts[..at].join("."));
            let tail = format!(r"(?i)\s?{}", spaced(&format!("{}.", parts[at..].join("."))));
            rules.push((false, pattern(&head), tail));
        }
    }
    if !segmenter.starters().is_empty() {
        // An initial before a capitalised starter that is not itself an initial.
        let starters: Vec<String> = segmenter
            .starters()
            .iter()
            .map(|w| capitalised(w))
            .collect();
        let after = format!(r"\s+(?:{})(?:[^\p{{L}}.]|$)", starters.join("|"));
        rules.push((true, r"\b\p{Lu}\.".to_string(), after));
    }
    rules.push((false, r"\b\p{Lu}\.".to_string(), r"\s".to_string()));
    if !segmenter.after_ordinal().is_empty() {
        // "am 18. Mai": a number before one of these words is an ordinal.
        let words = segmenter.after_ordinal().join("|");
        let after = format!(r"\s+(?i:{words})(?:[^\p{{L}}]|$)");
        rules.push((false, r"(?:^|[^\p{L}\d])\d{1,3}\.".to_string(), after));
    }
    for abbreviation in &before_number {
        rules.push((false, pattern(abbreviation), r"\s+\d".to_string()));
    }
    // "Bon. » Puis": the guillemet closes the sentence before it, no break before it but
    // after it. Two rules, not an optional part of one: OmegaT's engine takes the longest
    // match of a before-pattern and would not break in "er. »Komm". And the after-pattern
    // must not match from the space before the guillemet (" » P" as an opener), or OmegaT,
    // which reads the after-pattern's matches one after another, never sees the one at " P".
    let ends = break_before(&marks::TERMINALS);
    rules.push((false, ends.clone(), format!(r"{}(?:\s|$)", spaced_closer())));
    rules.push((
        true,
        format!("{ends}{}", spaced_closer()),
        break_after_opener(true, &opener(&marks::SPACED_CLOSERS)),
    ));
    rules.push((true, ends, break_after(true)));
    rules.push((
        true,
        break_before(&marks::UNSPACED_TERMINALS),
        break_after(false),
    ));
    if segmenter.is_lenient() {
        // Lower-case starts (the abbreviations and initials above keep their periods): after
        // `?` or `!` that no closer follows, after a period, but after a number's period only
        // before a listed starter ("am 15. und", "in 1990. then"), and never after "..." or "…".
        let lower = r"\s+\p{Ll}".to_string();
        rules.push((true, "[?!]+".to_string(), lower.clone()));
        // A lone letter's period ("o. s. v. och") and one of an abbreviation that may end a
        // sentence ("usw. und") go on before a lower-case word.
        rules.push((false, r"\b\p{L}\.".to_string(), lower.clone()));
        for abbreviation in segmenter.may_end() {
            rules.push((false, pattern(&abbreviation), lower.clone()));
        }
        let starters = segmenter.starters().join("|");
        if !starters.is_empty() {
            let after = format!(r"\s+(?:{starters})(?:[^\p{{L}}]|$)");
            rules.push((true, r"\d\.".to_string(), after));
        }
        rules.push((false, r"\d\.".to_string(), lower.clone()));
        rules.push((true, r"(?:^|[^.…])\.".to_string(), lower));
    }
    rules
}

/// "det" -> "Det".
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// An abbreviation as a case-insensitive pattern that allows a space after each inner period,
/// as Tolk does ("t.o.m." matches "t. o. m."), starting a word.
fn pattern(abbreviation: &str) -> String {
    format!(r"(?i)\b{}", spaced(abbreviation))
}

/// The abbreviation's letters with a space allowed after each inner period.
fn spaced(abbreviation: &str) -> String {
    let parts: Vec<String> = abbreviation
        .trim_end_matches('.')
        .split('.')
        .map(|part| {
            part.chars()
                .map(|c| {
                    if c.is_ascii_punctuation() {
                        format!("\\{c}")
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        })
        .collect();
    format!(r"{}\.", parts.join(r"\.\s?"))
}

/// Writes the segmentation rules of the project's two languages as an SRX 2.0 document (the
/// export options do not apply: the rules are the same for every row).
pub fn write(project: &Project, _: &Options, out: &mut impl Write) -> Result<(), ExportError> {
    let meta = &project.meta;
    // One rule set a language; where both sides share one, the source's rules stand for it.
    let mut languages = vec![(meta.source_lang.clone(), Side::Source)];
    if !super::lang_match::matches(&meta.source_lang, &meta.target_lang) {
        languages.push((meta.target_lang.clone(), Side::Target));
    }
    let name = |lang: &str| format!("Tolk {}", super::lang_match::primary(lang));
    let mut xml = XmlOut::new(out)?;
    xml.open(
        "srx",
        &[("xmlns", "http://www.lisa.org/srx20"), ("version", "2.0")],
    )?;
    xml.empty("header", &[("segmentsubflows", "yes"), ("cascade", "no")])?;
    xml.open("body", &[])?;
    xml.open("languagerules", &[])?;
    for (lang, side) in &languages {
        xml.open("languagerule", &[("languagerulename", &name(lang))])?;
        for (breaks, before, after) in rules(&project.segmenter(*side)) {
            xml.open("rule", &[("break", if breaks { "yes" } else { "no" })])?;
            xml.text_element("beforebreak", &[], &before)?;
            xml.text_element("afterbreak", &[], &after)?;
            xml.close("rule")?;
        }
        xml.close("languagerule")?;
    }
    xml.close("languagerules")?;
    xml.open("maprules", &[])?;
    for (lang, _) in &languages {
        let pattern = format!("(?i){}.*", super::lang_match::primary(lang));
        xml.empty(
            "languagemap",
            &[
                ("languagepattern", &pattern),
                ("languagerulename", &name(lang)),
            ],
        )?;
    }
    xml.close("maprules")?;
    xml.close("body")?;
    xml.close("srx")?;
    xml.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits a text as an SRX engine does with these rules: at every position the first rule
    /// whose before-pattern ends there and after-pattern starts there decides.
    fn split_by_rules(rules: &[Rule], text: &str) -> Vec<String> {
        let compiled: Vec<(bool, regex::Regex, regex::Regex)> = rules
            .iter()
            .map(|(breaks, before, after)| {
                let before = regex::Regex::new(&format!("(?:{before})$")).unwrap();
                let after = regex::Regex::new(&format!("^(?:{after})")).unwrap();
                (*breaks, before, after)
            })
            .collect();
        let mut pieces = Vec::new();
        let mut start = 0;
        for (at, _) in text.char_indices().skip(1) {
            // Every rule's before-pattern ends in one of these; elsewhere nothing can match.
            let previous = text[..at].chars().next_back();
            let bullet_next = text[at..].starts_with(crate::text::BULLETS);
            if !previous.is_some_and(|c| {
                marks::TERMINALS.contains(&c) || marks::is_closer(c) || c.is_whitespace()
            }) || (previous.is_some_and(char::is_whitespace) && !bullet_next)
            {
                continue;
            }
            // A window around the position: no rule looks further (keeps the test linear).
            let from = text[..at]
                .char_indices()
                .rev()
                .nth(60)
                .map_or(0, |(i, _)| i);
            let to = text[at..]
                .char_indices()
                .nth(10)
                .map_or(text.len(), |(i, _)| at + i);
            let decision = compiled
                .iter()
                .find(|(_, before, after)| {
                    before.is_match(&text[from..at]) && after.is_match(&text[at..to])
                })
                .map(|(breaks, ..)| *breaks);
            if decision == Some(true) && !text[start..at].trim().is_empty() {
                pieces.push(text[start..at].trim().to_string());
                start = at;
            }
        }
        pieces.push(text[start..].trim().to_string());
        pieces
    }

    /// Splits `text` with Tolk's segmenter for `lang` and with its SRX rules, asserts that
    /// both give the same sentences, and returns how many there are.
    fn srx_splits_as_tolk(lang: &str, text: &str) -> usize {
        srx_splits_as(Segmenter::for_language(lang), text)
    }

    /// [`srx_splits_as_tolk`] with the given segmenter.
    fn srx_splits_as(segmenter: &Segmenter, text: &str) -> usize {
        let tolk: Vec<String> = segmenter
            .split(text)
            .into_iter()
            .map(|s| s.trim().to_string())
            .collect();
        assert_eq!(split_by_rules(&rules(segmenter), text), tolk, "{text}");
        tolk.len()
    }

    #[test]
    fn the_lenient_rules_split_lower_case_starts_as_tolk_does() {
        let en = Segmenter::built_in("en", true);
        let text = "why not? we went home. later i slept in 1990. then it rained, e.g. \
                    all day. we met J. smith and item 12. and more… and “Go home.” he said.";
        assert_eq!(srx_splits_as(en, text), 5);
        let de = Segmenter::built_in("de", true);
        assert_eq!(
            srx_splits_as(de, "am 15. und 25. Mai kamen sie. dann gingen sie."),
            2
        );
        let sv = Segmenter::built_in("sv", true);
        let text = "vad gör du? jag läser. det är bra, bl. a. den nya boken. sedan sov jag. \
                    bröd o. s. v. och vin, m. fl. rätter, osv. Sedan gick vi.";
        assert_eq!(srx_splits_as(sv, text), 6);
        let text = "Brot usw. und Wein, u. ä. dinge. Brot usw. Dann gingen wir.";
        assert_eq!(srx_splits_as(de, text), 3);
        // And the whole sample article, paragraph by paragraph, with its sentences' first
        // letters in lower case.
        let article = include_str!("../../tests/data/kamenev.source.txt");
        for paragraph in crate::text::paragraphs(article) {
            let lowered: String = paragraph
                .split(". ")
                .map(|s| {
                    let mut c = s.chars();
                    c.next()
                        .map(|f| f.to_lowercase().chain(c).collect::<String>())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(". ");
            srx_splits_as(sv, &lowered);
        }
    }

    #[test]
    fn the_rules_split_swedish_as_tolk_does() {
        let text = "Kamenev skrev t. o. m. om det. Se L. Kamenjev, bl. a. sid. 5. \
                    ”Vad är diktatur?” Frågan står kvar! 1917 kom revolutionen. \
                    Det var d.v.s. slutet, o. s. v. Sedan kom freden.";
        assert!(srx_splits_as_tolk("sv", text) >= 5);
        // And the whole sample article, paragraph by paragraph.
        let article = include_str!("../../tests/data/kamenev.source.txt");
        for paragraph in crate::text::paragraphs(article) {
            srx_splits_as_tolk("sv", &paragraph);
        }
    }

    #[test]
    fn the_rules_split_lists_elisions_and_initials_as_tolk_does() {
        let text = "I live in the U.S. How about you? You and I. Did you see Albert I. Jones? \
                    1. The first item. 2.) The second item. IV. Heading. Terms: • 9. One • \
                    10. Two. \"Bohr [...] used it [...]\" (Smith 55). See No. 5 here.";
        assert_eq!(srx_splits_as_tolk("en", text), 12);
        let text =
            "Skriven av V. I. Lenin. Enligt punkt A. Det var dagen. 1. Första. 2. Den andra.";
        assert_eq!(srx_splits_as_tolk("sv", text), 5);
    }

    #[test]
    fn the_rules_split_german_and_french_as_tolk_does() {
        let german = "Am 18. Mai kam Dr. Hagen, z. B. mit Nr. 4. Das war 1917. Danach kam der \
                      2. Weltkrieg usw. Sie besagen: 1. Die Expeditionen zahlen. Lager I. Die \
                      Träger.";
        assert_eq!(srx_splits_as_tolk("de", german), 6);
        let french = "Voir Mme. Jackson, p. 298, vers 15 h. 30 à env. 7315 m. Le camp était \
                      prêt, etc. Ils partirent. Il vit M. Dupont. Je le vis.";
        assert_eq!(srx_splits_as_tolk("fr", french), 5);
    }

    #[test]
    fn the_rules_split_scripts_without_capitals_or_spaces_as_tolk_does() {
        let chinese = "你好。我是学生。他是老师！你呢？「我们去北京吧。」他说。1956年他来了。";
        assert_eq!(srx_splits_as_tolk("zh", chinese), 7);
        assert_eq!(
            srx_splits_as_tolk("ja", "こんにちは。元気ですか？はい、元気です。"),
            3
        );
        assert_eq!(srx_splits_as_tolk("ar", "مرحبا. كيف حالك؟ أنا بخير."), 3);
        assert_eq!(srx_splits_as_tolk("hi", "यह एक वाक्य है। यह दूसरा है।"), 2);
        assert_eq!(
            srx_splits_as_tolk("ko", "안녕하세요. 저는 학생입니다. 감사합니다!"),
            3
        );
    }

    #[test]
    fn the_rules_know_every_quote_convention_tolk_does() {
        let german = "Er ging. „Das ist gut.“ Dann schlief er. »Komm her!« Sie kam. ›Wer?‹ Gut.";
        assert_eq!(srx_splits_as_tolk("de", german), 7);
        let french = "Il dit : « Bon. » Puis il partit. « Non ! » Il dormit.";
        assert_eq!(srx_splits_as_tolk("fr", french), 4);
        let spanish = "Hola. ¿Cómo estás? ¡Bien! Adiós.";
        assert_eq!(srx_splits_as_tolk("es", spanish), 4);
        let swedish = "Han gick. ’Inget.’ Sedan tystnad. – Vad gör du? Inget. 1956. - Nya tider.";
        assert_eq!(srx_splits_as_tolk("sv", swedish), 6);
    }

    #[test]
    fn the_document_names_both_languages() {
        let project = Project::new("t", "sv", "en");
        let mut bytes = Vec::new();
        write(&project, &Options::default(), &mut bytes).unwrap();
        let srx = String::from_utf8(bytes).unwrap();
        assert!(srx.contains(r#"languagerulename="Tolk sv""#) && srx.contains("Tolk en"));
        assert!(srx.contains(r"(?i)\bt\.\s?o\.\s?m\."), "{srx}");
    }
}
