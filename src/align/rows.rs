//! Rows for a new project from two imported texts, by the aligner: the drop-in replacement
//! for pairing sentences in order (`pair_in_order`) in `tolk new` and the window's import.

use super::aligner::align;
use super::types::{AlignOptions, Diagnostics, Sentence};
use crate::model::ImportedRow;
use crate::text::ImportedText;

fn sentences(text: &ImportedText) -> Vec<Sentence> {
    text.sentences()
        .map(|(text, starts_paragraph)| Sentence {
            text: text.to_owned(),
            starts_paragraph,
        })
        .collect()
}

/// One row per bead of the alignment of `source` with `target` (texts of several sentences
/// joined with a space, or a line break where a paragraph starts inside the bead), scored
/// with the bead's confidence; without a target, one row per source sentence with an empty
/// target and no score. A row starts a paragraph when its first source sentence does.
pub fn align_imported(
    source: &ImportedText,
    target: Option<&ImportedText>,
    options: &AlignOptions,
) -> Vec<ImportedRow> {
    align_imported_with_diagnostics(source, target, options).0
}

/// [`align_imported`] with the aligner's diagnostics (default ones without a target), whose
/// warnings name, for example, paragraphs without counterpart.
pub fn align_imported_with_diagnostics(
    source: &ImportedText,
    target: Option<&ImportedText>,
    options: &AlignOptions,
) -> (Vec<ImportedRow>, Diagnostics) {
    let (rows, diagnostics) = aligned_rows(source, target, options);
    (rows.into_iter().map(|(row, _)| row).collect(), diagnostics)
}

/// [`align_imported_with_diagnostics`], each row with whether its target opens a paragraph
/// (`None` without a target text).
fn aligned_rows(
    source: &ImportedText,
    target: Option<&ImportedText>,
    options: &AlignOptions,
) -> (Vec<(ImportedRow, Option<bool>)>, Diagnostics) {
    let s = sentences(source);
    let Some(target) = target else {
        let rows = s
            .into_iter()
            .map(|s| {
                let row = ImportedRow {
                    source: s.text,
                    target: String::new(),
                    starts_paragraph: s.starts_paragraph,
                    score: None,
                };
                (row, None)
            })
            .collect();
        return (rows, Diagnostics::default());
    };
    let t = sentences(target);
    // Without locked beads the aligner cannot fail.
    let Ok(alignment) = align(&s, &t, options, &[]) else {
        return (Vec::new(), Diagnostics::default());
    };
    let opens = |v: &[Sentence], range: &std::ops::Range<usize>| {
        v.get(range.start)
            .is_some_and(|x| x.starts_paragraph && !range.is_empty())
    };
    let rows = alignment
        .beads
        .iter()
        .map(|b| {
            let row = ImportedRow {
                source: join_sentences(&s[b.source.clone()]),
                target: join_sentences(&t[b.target.clone()]),
                starts_paragraph: opens(&s, &b.source),
                score: Some(b.confidence),
            };
            (row, Some(opens(&t, &b.target)))
        })
        .collect();
    (rows, alignment.diagnostics)
}

/// The text of a row from its sentences: joined with a space, or with a line break where a
/// sentence opens a paragraph. The break keeps what the aligner saw: `realign` reads it back
/// as a paragraph start and a sentence boundary (a heading without a full stop followed by
/// its paragraph would otherwise read back as one sentence).
pub fn join_sentences(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for (k, s) in sentences.iter().enumerate() {
        if k > 0 {
            out.push(if s.starts_paragraph { '\n' } else { ' ' });
        }
        out.push_str(&s.text);
    }
    out
}

/// What a new project made from texts is called and who made it.
pub struct NewProject<'a> {
    pub title: &'a str,
    pub source_lang: &'a str,
    pub target_lang: &'a str,
    pub author: &'a str,
}

/// A new project from an imported source text and an optional translation, aligned: what
/// `tolk new` and the window's File > New both build (they differ only in how they read the
/// files and report progress).
pub fn project_from_texts(
    source: &ImportedText,
    target: Option<&ImportedText>,
    names: &NewProject<'_>,
) -> crate::model::Project {
    aligned_project(source, target, names).0
}

/// [`project_from_texts`] with the aligner's diagnostics, for callers that show its warnings.
pub fn aligned_project(
    source: &ImportedText,
    target: Option<&ImportedText>,
    names: &NewProject<'_>,
) -> (crate::model::Project, Diagnostics) {
    let mut project = crate::model::Project::new(names.title, names.source_lang, names.target_lang);
    names.author.clone_into(&mut project.session.author);
    let (rows, diagnostics) = aligned_rows(source, target, &AlignOptions::default());
    let (rows, target_marks): (Vec<ImportedRow>, Vec<Option<bool>>) = rows.into_iter().unzip();
    project.append_imported(rows);
    // The translation's own paragraph starts, which a realign reads back.
    for (row, mark) in project.rows.iter_mut().zip(target_marks) {
        row.target_starts_paragraph = mark;
    }
    (project, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{ImportedText, Paragraph};

    fn text(paragraphs: &[&[&str]]) -> ImportedText {
        ImportedText {
            warnings: Vec::new(),
            encoding: "UTF-8",
            paragraphs: paragraphs
                .iter()
                .map(|p| Paragraph {
                    sentences: p.iter().map(|s| s.to_string()).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn aligned_rows_join_split_sentences_and_keep_paragraphs() {
        let sv = text(&[
            &[
                "Anna kom till Stockholm 1921.",
                "Hon hade aldrig sett en så stor stad.",
            ],
            &["Sedan tog hon spårvagnen till Kungsholmen."],
        ]);
        let en = text(&[
            &[
                "Anna came to Stockholm in 1921.",
                "She had never seen such a city.",
                "It was so large.",
            ],
            &["Then she took the tram to Kungsholmen."],
        ]);
        let rows = align_imported(&sv, Some(&en), &AlignOptions::default());
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[1].target,
            "She had never seen such a city. It was so large."
        );
        assert!(rows[0].starts_paragraph && !rows[1].starts_paragraph && rows[2].starts_paragraph);
        assert!(rows.iter().all(|r| r.score.is_some()));
        let alone = align_imported(&sv, None, &AlignOptions::default());
        assert_eq!(alone.len(), 3);
        assert!(
            alone
                .iter()
                .all(|r| r.target.is_empty() && r.score.is_none())
        );
    }
}
