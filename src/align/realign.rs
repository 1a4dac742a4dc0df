//! Realigning rows of a project: the bridge between the pure aligner and the project model.
//! The result is one undoable [`Edit`] that replaces each run of unlocked rows in a range by
//! newly aligned rows; locked rows stay exactly as they are and split the range.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::ops::Range;

use thiserror::Error;

use super::aligner::{AlignError, When, align_pending};
use super::hash::FastMap;
use super::rows::join_sentences;
use super::types::{AlignOptions, Bead, Sentence};
use crate::model::{Edit, Origin, Project, Row, RowContent, RowId, Side, Splice, Status};
use crate::text::Segmenter;

/// Why rows could not be realigned.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum RealignError {
    #[error("rows {start}..{end} are outside the project's {len} rows")]
    OutOfRange {
        start: usize,
        end: usize,
        len: usize,
    },
    #[error(transparent)]
    Align(#[from] AlignError),
}

/// The sentences of one run of rows.
struct RunText {
    source: Vec<Sentence>,
    target: Vec<Sentence>,
    /// Per old row: the index of its first source and first target sentence, and whether it
    /// has any source sentence.
    starts: Vec<(usize, usize, bool)>,
}

/// How a realignment cuts the text of a run of rows into sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cutting {
    /// Each row's text on its own: a row boundary stays a sentence boundary, so rows the
    /// translator split or merged keep those cuts.
    #[default]
    InsideRows,
    /// The rows of one paragraph joined first and cut again with the project's rules: two
    /// rows cut apart at an abbreviation the rules did not know yet ("t. o. m.") come
    /// together. For after a change of the segmentation rules.
    AcrossRows,
}

/// Builds the edit that realigns the unlocked rows among `rows` (indices into
/// `project.rows`). Row texts are split into sentences with the project languages'
/// segmenters, aligned, and joined again with single spaces into rows. A new row that equals
/// an old row of its run (same source and target) keeps that row's id, status and history;
/// the others are new rows, with status draft (or untranslated when the target is empty)
/// and the bead's confidence as score. Runs whose rows come out unchanged are left alone.
pub fn realign(project: &Project, rows: Range<usize>) -> Result<Edit, RealignError> {
    realign_with(project, rows, &AlignOptions::default(), Cutting::InsideRows)
}

/// [`realign`] with aligner options (a user word list, band settings) and the way the rows'
/// text is cut into sentences.
pub fn realign_with(
    project: &Project,
    rows: Range<usize>,
    options: &AlignOptions,
    cutting: Cutting,
) -> Result<Edit, RealignError> {
    let len = project.rows.len();
    if rows.start > rows.end || rows.end > len {
        return Err(RealignError::OutOfRange {
            start: rows.start,
            end: rows.end,
            len,
        });
    }
    let source_seg = project.segmenter(Side::Source);
    let target_seg = project.segmenter(Side::Target);
    let mut next_id = project.next_id;
    let mut splices = Vec::new();
    // Later runs first: each splice's index is then still right when it is applied, and the
    // fresh ids are handed out in the order the splices are applied, so that each one's new
    // ids are above those of the splices applied before it (the edit refuses an id below the
    // project's next id that it does not remove: runs on both sides of a locked row that both
    // changed were refused before).
    for run in unlocked_runs(&project.rows, rows).into_iter().rev() {
        let old = &project.rows[run.clone()];
        let text = run_text(old, (&source_seg, &target_seg), cutting);
        // The beads first: the confidences are computed only for a run whose rows change.
        let pending = align_pending(&text.source, &text.target, options, &[], When::Later)?;
        let mut insert = contents(old, &text, &pending.beads(), &mut next_id);
        let unchanged =
            insert.len() == old.len() && insert.iter().zip(old).all(|(c, r)| c.id == r.id);
        if !unchanged {
            for (content, bead) in insert.iter_mut().zip(pending.finish().beads) {
                content.score = Some(bead.confidence);
            }
            splices.push(Splice {
                at: run.start,
                remove: old.iter().map(|r| r.id).collect(),
                insert,
                histories: Vec::new(),
                origin: Origin::Aligned,
            });
        }
    }
    let mut edits: Vec<Edit> = splices.into_iter().map(Edit::Splice).collect();
    if edits.len() == 1 {
        return Ok(edits.remove(0));
    }
    Ok(Edit::Batch(edits))
}

/// How many translated or reviewed rows of `project` the realigning `edit` replaces by new
/// rows (which start as drafts): the work a translator must confirm again, said after a
/// realign so that no status is lost unsaid.
pub fn confirmed_rows_replaced(project: &Project, edit: &Edit) -> usize {
    let splices: Vec<&Splice> = match edit {
        Edit::Splice(splice) => vec![splice],
        Edit::Batch(edits) => (edits.iter())
            .filter_map(|e| match e {
                Edit::Splice(splice) => Some(splice),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut replaced = 0;
    for splice in splices {
        let kept: std::collections::HashSet<RowId> = splice.insert.iter().map(|c| c.id).collect();
        replaced += (splice.remove.iter())
            .filter(|id| !kept.contains(id))
            .filter_map(|&id| project.row(id))
            .filter(|row| row.status >= Status::Translated)
            .count();
    }
    replaced
}

/// What [`confirmed_rows_replaced`] counted, for the user.
pub fn describe_confirmed_rows_replaced(n: usize) -> String {
    let rows = if n == 1 { "row was" } else { "rows were" };
    format!(
        "{n} translated or reviewed {rows} replaced by draft rows (texts kept: confirm them again)"
    )
}

/// Maximal runs of unlocked rows within `range`.
fn unlocked_runs(rows: &[Row], range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for i in range.clone() {
        match (rows[i].locked, start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..range.end);
    }
    out
}

fn run_text(
    rows: &[Row],
    (source_seg, target_seg): (&Segmenter, &Segmenter),
    cutting: Cutting,
) -> RunText {
    // Paragraph starts as `tolk new` saw them: the row's marks for its first sentences (the
    // target's own where known, else the source's), line breaks inside it.
    let source = SideText::of(
        rows.iter().map(|r| (r.source.as_str(), r.starts_paragraph)),
        source_seg,
        cutting,
    );
    let target = SideText::of(
        rows.iter()
            .map(|r| (r.target.as_str(), r.target_opens_paragraph())),
        target_seg,
        cutting,
    );
    let starts = (rows.iter().zip(source.row_starts).zip(target.row_starts))
        .map(|((row, s), t)| (s, t, !row.source.trim().is_empty()))
        .collect();
    RunText {
        source: source.sentences,
        target: target.sentences,
        starts,
    }
}

/// The sentences of one side of a run of rows, and the index of the sentence each row's
/// text begins in (the next sentence for a row without text).
struct SideText {
    sentences: Vec<Sentence>,
    row_starts: Vec<usize>,
}

impl SideText {
    /// Cuts `rows` (each row's text and whether it opens a paragraph). A row's lines are
    /// paragraphs; with [`Cutting::AcrossRows`] a row's first line that opens no paragraph
    /// continues the paragraph before it, joined by a space.
    fn of<'a>(
        rows: impl Iterator<Item = (&'a str, bool)>,
        segmenter: &Segmenter,
        cutting: Cutting,
    ) -> Self {
        // Paragraph texts with whether each opens a paragraph (borrowed from the row unless
        // rows were joined into it), and where each row begins: (paragraph, byte offset).
        let mut paragraphs: Vec<(Cow<'a, str>, bool)> = Vec::new();
        let mut row_at: Vec<(usize, usize)> = Vec::new();
        for (text, opens) in rows {
            for (line_number, line) in text.split('\n').enumerate() {
                // An empty side opens nothing (the marks of a row describe its first
                // sentence), so it never starts a paragraph of its own here.
                let continues = cutting == Cutting::AcrossRows
                    && line_number == 0
                    && (!opens || line.trim().is_empty());
                let count = paragraphs.len();
                match paragraphs.last_mut() {
                    Some((last, _)) if continues => {
                        if !last.is_empty() && !line.trim().is_empty() {
                            last.to_mut().push(' ');
                        }
                        row_at.push((count - 1, last.len()));
                        if !line.is_empty() {
                            last.to_mut().push_str(line);
                        }
                    }
                    _ => {
                        if line_number == 0 {
                            row_at.push((count, 0));
                        }
                        paragraphs.push((Cow::Borrowed(line), line_number > 0 || opens));
                    }
                }
            }
        }
        let mut sentences = Vec::new();
        // Per paragraph: the index of its first sentence and where its sentences' end
        // offsets begin in `ends`.
        let mut cut: Vec<(usize, usize)> = Vec::with_capacity(paragraphs.len() + 1);
        let mut ends: Vec<usize> = Vec::new();
        for (text, opens) in &paragraphs {
            cut.push((sentences.len(), ends.len()));
            for (k, span) in segmenter.sentence_spans(text).into_iter().enumerate() {
                ends.push(span.end);
                sentences.push(Sentence {
                    text: text[span].to_owned(),
                    starts_paragraph: k == 0 && *opens,
                });
            }
        }
        cut.push((sentences.len(), ends.len()));
        let row_starts = row_at
            .into_iter()
            .map(|(p, offset)| match (cut.get(p), cut.get(p + 1)) {
                (Some(&(first, from)), Some(&(_, to))) => {
                    first + ends[from..to].partition_point(|&end| end <= offset)
                }
                _ => sentences.len(),
            })
            .collect();
        SideText {
            sentences,
            row_starts,
        }
    }
}

fn join(sentences: &[Sentence], range: Range<usize>) -> String {
    join_sentences(&sentences[range])
}

/// The new rows of a run from its beads.
///
/// Old rows are looked up by their texts in a map (the first unused row with the same
/// source and target, in order), so a run of 100,000 rows costs a hash look-up per bead,
/// not a search of all old rows. The map borrows the old rows' texts and hashes them with
/// the aligner's fast hasher: the texts are the user's own, and copying and SipHashing
/// every row was a visible part of a realign.
fn contents(old: &[Row], text: &RunText, beads: &[Bead], next_id: &mut u64) -> Vec<RowContent> {
    let texts: Vec<(String, String)> = beads
        .iter()
        .map(|bead| {
            (
                join(&text.source, bead.source.clone()),
                join(&text.target, bead.target.clone()),
            )
        })
        .collect();
    // Per bead, the old row with its texts, if one is left.
    let same: Vec<Option<usize>> = {
        let mut by_text: FastMap<(&str, &str), VecDeque<usize>> =
            FastMap::with_capacity_and_hasher(old.len(), Default::default());
        for (k, r) in old.iter().enumerate() {
            by_text
                .entry((r.source.as_str(), r.target.as_str()))
                .or_default()
                .push_back(k);
        }
        texts
            .iter()
            .map(|(s, t)| {
                by_text
                    .get_mut(&(s.as_str(), t.as_str()))
                    .and_then(VecDeque::pop_front)
            })
            .collect()
    };
    let mut reused = vec![false; old.len()];
    let mut insert: Vec<RowContent> = (beads.iter().zip(texts).zip(same))
        .map(|((bead, (source, target)), same)| {
            if let Some(k) = same {
                reused[k] = true;
                let row = &old[k];
                let mut content = row.content();
                content.score = Some(bead.confidence);
                return content;
            }
            let id = RowId(*next_id);
            *next_id += 1;
            RowContent {
                id,
                status: if target.is_empty() {
                    Status::Untranslated
                } else {
                    Status::Draft
                },
                starts_paragraph: text
                    .source
                    .get(bead.source.start)
                    .is_some_and(|s| s.starts_paragraph && !bead.source.is_empty()),
                target_starts_paragraph: Some(
                    text.target
                        .get(bead.target.start)
                        .is_some_and(|t| t.starts_paragraph && !bead.target.is_empty()),
                ),
                source,
                target,
                locked: false,
                score: Some(bead.confidence),
                notes: Vec::new(),
                extra: Default::default(),
            }
        })
        .collect();
    carry_notes(old, &reused, text, beads, &mut insert);
    insert
}

/// Notes of old rows that were not kept go to the new row that holds the old row's first
/// source sentence (its first target sentence when the source is empty), so a realign never
/// drops a note.
fn carry_notes(
    old: &[Row],
    reused: &[bool],
    text: &RunText,
    beads: &[Bead],
    insert: &mut [RowContent],
) {
    if old.iter().all(|r| r.notes.is_empty()) {
        return;
    }
    for (k, row) in old.iter().enumerate() {
        if reused[k] || row.notes.is_empty() {
            continue;
        }
        let (source_at, target_at, has_source) = text.starts[k];
        let bead = if has_source {
            beads.iter().position(|b| b.source.contains(&source_at))
        } else {
            beads.iter().position(|b| b.target.contains(&target_at))
        };
        let at = bead.unwrap_or(insert.len().saturating_sub(1));
        if let Some(content) = insert.get_mut(at) {
            content.notes.extend(row.notes.iter().cloned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ImportedRow;

    /// A project whose rows pair sentences wrongly: the translation of row 1 was split over
    /// rows 1 and 2, and everything after is shifted by one.
    fn shifted_project() -> Project {
        let pairs = [
            (
                "Anna kom till Stockholm den 12 maj 1921.",
                "Anna came to Stockholm on 12 May 1921.",
            ),
            (
                "Hon gick längs Strandvägen och tittade på båtarna i regnet.",
                "She walked along Strandvägen.",
            ),
            (
                "Sedan tog hon spårvagnen till Kungsholmen.",
                "She looked at the boats in the rain.",
            ),
            (
                "Där bodde hennes moster Elsa sedan 1910.",
                "Then she took the tram to Kungsholmen.",
            ),
            ("", "Her aunt Elsa had lived there since 1910."),
        ];
        let mut p = Project::new("t", "sv", "en");
        p.append_imported(pairs.iter().map(|(s, t)| ImportedRow {
            source: s.to_string(),
            target: t.to_string(),
            starts_paragraph: false,
            score: None,
        }));
        p
    }

    #[test]
    fn realign_fixes_a_shift_in_one_undoable_edit() {
        let mut p = shifted_project();
        let before = p.clone();
        let edit = realign(&p, 0..p.rows.len()).unwrap();
        let undo = p.apply(edit).unwrap();
        let pairs: Vec<(&str, &str)> = p
            .rows
            .iter()
            .map(|r| (r.source.as_str(), r.target.as_str()))
            .collect();
        assert_eq!(pairs.len(), 4, "{pairs:#?}");
        assert_eq!(
            pairs[1].1,
            "She walked along Strandvägen. She looked at the boats in the rain."
        );
        assert_eq!(pairs[3].1, "Her aunt Elsa had lived there since 1910.");
        // The untouched first row keeps its id (and so its history).
        assert_eq!(p.rows[0].id, before.rows[0].id);
        assert!(p.rows.iter().all(|r| r.score.is_some()));
        p.apply(undo).unwrap();
        let texts = |p: &Project| -> Vec<(String, String)> {
            p.rows
                .iter()
                .map(|r| (r.source.clone(), r.target.clone()))
                .collect()
        };
        assert_eq!(texts(&p), texts(&before));
    }

    #[test]
    fn the_scores_of_a_realign_are_the_confidences_align_gives() {
        // The realign computes them only once it knows rows change; they are the same.
        let mut p = shifted_project();
        let text = run_text(
            &p.rows,
            (Segmenter::for_language("sv"), Segmenter::for_language("en")),
            Cutting::InsideRows,
        );
        let alignment =
            super::super::align(&text.source, &text.target, &AlignOptions::default(), &[]).unwrap();
        let edit = realign(&p, 0..p.rows.len()).unwrap();
        p.apply(edit).unwrap();
        let scores: Vec<Option<f32>> = p.rows.iter().map(|r| r.score).collect();
        let confidences: Vec<Option<f32>> =
            alignment.beads.iter().map(|b| Some(b.confidence)).collect();
        assert_eq!(scores, confidences);
    }

    #[test]
    fn locked_rows_are_kept_and_split_the_range() {
        let mut p = shifted_project();
        let locked = p.rows[2].id;
        p.apply(Edit::SetLocked {
            row: locked,
            locked: true,
        })
        .unwrap();
        let edit = realign(&p, 0..p.rows.len()).unwrap();
        p.apply(edit).unwrap();
        let row = p.rows.iter().find(|r| r.id == locked).unwrap();
        assert!(row.locked);
        assert_eq!(row.target, "She looked at the boats in the rain.");
        let all_source: Vec<&str> = p.rows.iter().map(|r| r.source.as_str()).collect();
        assert!(all_source.join(" ").contains("Elsa"));
    }

    #[test]
    fn runs_on_both_sides_of_a_locked_row_can_both_change() {
        // The shifted rows twice, a locked row between: both runs need new rows. The splices
        // are applied last run first, and each one's new ids must still be fresh then.
        let mut p = shifted_project();
        let once = p.rows.len();
        p.append_imported(
            std::iter::once(("Mitten.", "The middle."))
                .chain(
                    shifted_project()
                        .rows
                        .iter()
                        .map(|r| (&*r.source, &*r.target)),
                )
                .map(|(s, t)| ImportedRow {
                    source: s.to_string(),
                    target: t.to_string(),
                    starts_paragraph: false,
                    score: None,
                }),
        );
        let middle = p.rows[once].id;
        p.apply(Edit::SetLocked {
            row: middle,
            locked: true,
        })
        .unwrap();
        let before = p.clone();
        let edit = realign(&p, 0..p.rows.len()).unwrap();
        let undo = p.apply(edit).expect("both runs realigned");
        assert_eq!(p.rows.len(), 4 + 1 + 4, "{:#?}", p.rows);
        assert_eq!(p.rows[4].id, middle);
        let ids: std::collections::HashSet<RowId> = p.rows.iter().map(|r| r.id).collect();
        assert_eq!(ids.len(), p.rows.len());
        for half in [&p.rows[..4], &p.rows[5..]] {
            assert_eq!(half[3].target, "Her aunt Elsa had lived there since 1910.");
        }
        p.apply(undo).unwrap();
        let texts = |p: &Project| -> Vec<(RowId, String, String)> {
            (p.rows.iter())
                .map(|r| (r.id, r.source.clone(), r.target.clone()))
                .collect()
        };
        assert_eq!(texts(&p), texts(&before));
    }

    /// Rows as a translator might have them after cutting at an abbreviation the rules did
    /// not know: row 1 ends in "t. o. m." on both sides, its sentence goes on in row 2; row
    /// 3 is a heading without a full stop, a paragraph of its own as `tolk new` makes it.
    fn cut_at_an_abbreviation() -> Project {
        let rows = [
            (
                "Riksdagen beslöt t. o. m.",
                "The Riksdag even decided",
                false,
            ),
            (
                "att avslå motionen i sin helhet.",
                "to reject the motion as a whole.",
                false,
            ),
            ("Regeringens svar", "The government's answer", true),
            (
                "Regeringen svarade samma dag.",
                "The government answered the same day.",
                true,
            ),
        ];
        let mut p = Project::new("t", "sv", "en");
        p.append_imported(rows.iter().map(|&(s, t, opens)| ImportedRow {
            source: s.to_string(),
            target: t.to_string(),
            starts_paragraph: opens,
            score: None,
        }));
        p
    }

    fn sources(p: &Project) -> Vec<&str> {
        p.rows.iter().map(|r| r.source.as_str()).collect()
    }

    #[test]
    fn cutting_across_rows_joins_a_sentence_cut_apart_and_keeps_paragraphs_and_notes() {
        let mut p = cut_at_an_abbreviation();
        let second = p.rows[1].id;
        p.apply(Edit::AddNote {
            row: second,
            text: "check the date".to_string(),
        })
        .unwrap();
        // Inside rows, each row's text is cut alone: nothing to do.
        let options = AlignOptions::default();
        let edit = realign_with(&p, 0..4, &options, Cutting::InsideRows).unwrap();
        assert_eq!(edit, Edit::Batch(Vec::new()));
        let before = p.clone();
        let edit = realign_with(&p, 0..4, &options, Cutting::AcrossRows).unwrap();
        let undo = p.apply(edit).unwrap();
        assert_eq!(
            sources(&p),
            [
                "Riksdagen beslöt t. o. m. att avslå motionen i sin helhet.",
                "Regeringens svar",
                "Regeringen svarade samma dag.",
            ]
        );
        assert_eq!(
            p.rows[0].target,
            "The Riksdag even decided to reject the motion as a whole."
        );
        // The heading still opens its paragraph and was not joined to the row before it;
        // the rows that did not change keep their ids; the note of the joined row is kept.
        assert!(p.rows[1].starts_paragraph && !p.rows[0].starts_paragraph);
        assert_eq!(p.rows[1].id, before.rows[2].id);
        assert_eq!(p.rows[2].id, before.rows[3].id);
        assert_eq!(p.rows[0].notes.len(), 1);
        assert_eq!(p.rows[0].notes[0].text, "check the date");
        p.apply(undo).unwrap();
        assert_eq!(sources(&p), sources(&before));
    }

    #[test]
    fn cutting_across_rows_skips_empty_sides_and_stops_at_locked_rows() {
        let mut p = cut_at_an_abbreviation();
        let options = AlignOptions::default();
        p.apply(Edit::SetLocked {
            row: p.rows[1].id,
            locked: true,
        })
        .unwrap();
        // The locked second row keeps its cut: nothing is joined across it.
        let edit = realign_with(&p, 0..4, &options, Cutting::AcrossRows).unwrap();
        assert_eq!(edit, Edit::Batch(Vec::new()));
        // A row with no source (an added target word) between the two halves: rows with an
        // empty side join what is around them and lose no text.
        let mut q = Project::new("t", "sv", "en");
        q.append_imported(
            [
                ("Vi kräver", "We demand"),
                ("", "now,"),
                ("att ni svarar.", "that you answer."),
            ]
            .iter()
            .map(|&(s, t)| ImportedRow {
                source: s.to_string(),
                target: t.to_string(),
                starts_paragraph: false,
                score: None,
            }),
        );
        let edit = realign_with(&q, 0..3, &options, Cutting::AcrossRows).unwrap();
        q.apply(edit).unwrap();
        assert_eq!(sources(&q), ["Vi kräver att ni svarar."]);
        assert_eq!(q.rows[0].target, "We demand now, that you answer.");
    }

    #[test]
    fn unchanged_rows_give_an_empty_edit_and_bad_ranges_an_error() {
        let mut p = shifted_project();
        let edit = realign(&p, 0..1).unwrap();
        assert_eq!(edit, Edit::Batch(Vec::new()));
        assert!(p.apply(edit).is_ok());
        assert_eq!(
            realign(&p, 3..9),
            Err(RealignError::OutOfRange {
                start: 3,
                end: 9,
                len: 5
            })
        );
    }
}
