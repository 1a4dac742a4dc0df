//! History and review end to end: word diffs of Swedish text, the changes since a milestone
//! (edits, merges, splits, moves), and review accept/revert through the edit API with undo.

use std::time::Duration;

use jiff::Timestamp;
use proptest::prelude::*;
use tolk::{
    ChangeKind, Diff, DiffStyle, Edit, EditError, ImportedRow, Milestone, Origin, Project,
    ReviewState, RowId, Side, SpanKind, Status, UndoStack, Verdict, accept_edit, changes_since,
    revert_edit, review,
};

fn project(rows: &[(&str, &str)]) -> Project {
    let mut project = Project::new("test", "sv", "en");
    project.session.author = "tester".into();
    project.append_imported(rows.iter().map(|(s, t)| ImportedRow {
        source: s.to_string(),
        target: t.to_string(),
        ..ImportedRow::default()
    }));
    project
}

/// Adds a milestone now, through the edit API, and waits a moment so that every later edit is
/// after it.
fn milestone(project: &mut Project, name: &str) {
    project
        .apply(Edit::AddMilestone {
            milestone: Milestone::new(name, Timestamp::now()),
            index: None,
        })
        .unwrap();
    std::thread::sleep(Duration::from_millis(2));
}

fn set(project: &mut Project, index: usize, side: Side, text: &str) {
    let row = project.rows[index].id;
    project
        .apply(Edit::SetText {
            row,
            side,
            text: text.into(),
            origin: Origin::Typed,
        })
        .unwrap();
}

fn spans(diff: &Diff) -> Vec<(SpanKind, &str)> {
    diff.spans
        .iter()
        .map(|s| (s.kind, s.text.as_str()))
        .collect()
}

use SpanKind::{Deleted as D, Equal as E, Inserted as I};

#[test]
fn swedish_words_with_a_ring_and_dots_and_quotes() {
    let diff = Diff::between(
        "Han sade: ”Långsamheten är vår fiende.”",
        "Han sade: ”Långsamheten är vår värsta fiende!”",
    );
    assert_eq!(
        spans(&diff),
        [
            (E, "Han sade: ”Långsamheten är vår "),
            (I, "värsta "),
            (E, "fiende"),
            (D, "."),
            (I, "!"),
            (E, "”"),
        ]
    );
    let quotes = Diff::between("”Arbetarråd”", "\"Arbetarråd\"");
    assert_eq!(
        spans(&quotes),
        [(D, "”"), (I, "\""), (E, "Arbetarråd"), (D, "”"), (I, "\"")]
    );
    let umlaut = Diff::between("förhållanden", "förhållandena");
    assert_eq!(spans(&umlaut), [(D, "förhållanden"), (I, "förhållandena")]);
    let inserted = umlaut.spans[1].chars.as_ref().unwrap();
    assert_eq!(inserted.last().unwrap().text, "a");
    assert!(inserted.last().unwrap().changed);
    assert_eq!(
        umlaut.render(DiffStyle::Plain),
        "[-förhållanden-]{+förhållandena+}"
    );
}

#[test]
fn moved_words_show_as_deleted_in_one_place_and_inserted_in_another() {
    let diff = Diff::between("i går kom han hem", "han kom hem i går");
    assert_eq!(
        diff.render(DiffStyle::Plain),
        "{+han kom hem +}i går[- kom han hem-]"
    );
    let sentence = Diff::between("Han kom hem i går.", "I går kom han hem.");
    assert_eq!(sentence.old_text(), "Han kom hem i går.");
    assert_eq!(sentence.new_text(), "I går kom han hem.");
    assert!(
        sentence
            .spans
            .iter()
            .any(|s| s.kind == E && s.text.contains("kom"))
    );
}

#[test]
fn whitespace_only_changes_show() {
    let diff = Diff::between("Det är så.", "Det  är så. ");
    assert!(diff.is_changed());
    assert_eq!(
        spans(&diff),
        [(E, "Det"), (D, " "), (I, "  "), (E, "är så."), (I, " ")]
    );
    assert_eq!(diff.render(DiffStyle::Plain), "Det[- -]{+  +}är så.{+ +}");
    assert!(
        Diff::between("a\u{a0}b", "a b").is_changed(),
        "a no-break space is not a space"
    );
}

proptest! {
    /// Equal and deleted spans spell the old text, equal and inserted spans the new one, and a
    /// changed word's character spans spell the word.
    #[test]
    fn spans_spell_both_texts(
        old in "[aåäö ,.”!\\-]{0,30}",
        new in "[aåäöo ,.”!\\-]{0,30}",
    ) {
        let diff = Diff::between(&old, &new);
        prop_assert_eq!(diff.old_text(), old.clone());
        prop_assert_eq!(diff.new_text(), new.clone());
        prop_assert_eq!(diff.is_changed(), old != new);
        for span in &diff.spans {
            prop_assert!(!span.text.is_empty());
            if let Some(chars) = &span.chars {
                let spelled: String = chars.iter().map(|c| c.text.as_str()).collect();
                prop_assert_eq!(&spelled, &span.text);
            }
        }
    }
}

#[test]
fn changes_since_a_milestone_are_edits_with_word_diffs_of_both_sides() {
    let mut p = project(&[("Ett.", "One."), ("Två.", "Two."), ("Tre.", "Three.")]);
    milestone(&mut p, "sent");
    set(&mut p, 1, Side::Target, "Two!");
    set(&mut p, 2, Side::Source, "Tre!");
    set(&mut p, 2, Side::Source, "Tre.");
    let changes = changes_since(&p, p.milestone("sent").unwrap().at);
    assert_eq!(
        changes.len(),
        1,
        "a change made and taken back is no change"
    );
    let change = &changes[0];
    assert_eq!(change.kind, ChangeKind::Edited);
    assert_eq!(change.rows, [p.rows[1].id]);
    assert!(!change.source.is_changed());
    assert_eq!(change.target.render(DiffStyle::Plain), "Two[-.-]{+!+}");
}

#[test]
fn a_split_is_one_structural_change_whose_combined_text_is_unchanged() {
    let mut p = project(&[("Ett. Två.", "One. Two."), ("Tre.", "Three.")]);
    milestone(&mut p, "m");
    let row = p.rows[0].id;
    p.apply(Edit::Split {
        row,
        source_at: 5,
        target_at: 5,
    })
    .unwrap();
    let review = review(&p, "m").unwrap();
    assert_eq!(review.items.len(), 1);
    let change = &review.items[0].change;
    assert_eq!(change.kind, ChangeKind::Split);
    assert_eq!(change.rows, [p.rows[0].id, p.rows[1].id]);
    assert!(!change.source.is_changed() && !change.target.is_changed());
    assert!(!review.items[0].can_revert());
}

#[test]
fn a_merge_shows_the_absorbed_text_as_it_was_and_the_edit_made_with_it() {
    let mut p = project(&[("Ett.", "One."), ("Två.", "Two."), ("Tre.", "Three.")]);
    milestone(&mut p, "m");
    let first = p.rows[0].id;
    p.apply(Edit::Merge { row: first }).unwrap();
    set(&mut p, 0, Side::Target, "One and two.");
    let changes = changes_since(&p, p.milestone("m").unwrap().at);
    assert_eq!(changes.len(), 1);
    let change = &changes[0];
    assert_eq!(change.kind, ChangeKind::Merged);
    assert_eq!(change.rows, [first]);
    assert_eq!(change.source.old_text(), "Ett. Två.");
    assert!(!change.source.is_changed());
    assert_eq!(
        change.target.render(DiffStyle::Plain),
        "One[-. Two-]{+ and two+}."
    );
}

#[test]
fn an_undone_merge_is_no_change_and_a_redone_one_is_one_again() {
    let mut p = project(&[("Ett.", "One."), ("Två.", "Two.")]);
    milestone(&mut p, "m");
    let mut stack = UndoStack::default();
    let row = p.rows[0].id;
    stack.apply(&mut p, Edit::Merge { row }).unwrap();
    stack.undo(&mut p).unwrap();
    let at = p.milestone("m").unwrap().at;
    assert!(changes_since(&p, at).is_empty());
    stack.redo(&mut p).unwrap();
    let changes = changes_since(&p, at);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].kind, ChangeKind::Merged);
    assert_eq!(changes[0].source.old_text(), "Ett. Två.");
    assert!(!changes[0].source.is_changed());
}

#[test]
fn a_moved_sentence_is_one_change_over_both_rows() {
    let mut p = project(&[("A är här. B är här.", "A is here."), ("", "B is here.")]);
    milestone(&mut p, "m");
    p.apply(Edit::MoveLastSentenceDown {
        row: p.rows[0].id,
        side: Side::Source,
    })
    .unwrap();
    let changes = changes_since(&p, p.milestone("m").unwrap().at);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].kind, ChangeKind::Moved);
    assert_eq!(changes[0].rows.len(), 2);
    assert!(!changes[0].source.is_changed());
}

#[test]
fn added_rows_are_additions() {
    let mut p = project(&[("Ett.", "One.")]);
    milestone(&mut p, "m");
    p.apply(Edit::InsertRow { index: 1 }).unwrap();
    set(&mut p, 1, Side::Source, "Nytt.");
    let changes = changes_since(&p, p.milestone("m").unwrap().at);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].kind, ChangeKind::Added);
    assert_eq!(changes[0].source.render(DiffStyle::Plain), "{+Nytt.+}");
}

#[test]
fn review_accept_marks_reviewed_and_undo_takes_it_back() {
    let mut p = project(&[("Ett.", "One."), ("Två.", "Two.")]);
    milestone(&mut p, "m");
    set(&mut p, 0, Side::Target, "Uno.");
    set(&mut p, 1, Side::Target, "Dos.");
    let mut stack = UndoStack::default();
    let row = p.rows[0].id;
    let before = p.clone();
    let accept = accept_edit(&p, "m", &[row]).unwrap();
    stack.apply(&mut p, accept).unwrap();
    assert_eq!(p.rows[0].status, Status::Reviewed);
    let r = review(&p, "m").unwrap();
    assert_eq!(r.items[0].state, ReviewState::Accepted);
    assert_eq!(r.items[1].state, ReviewState::Remaining);
    let counts = r.counts();
    assert_eq!(
        (
            counts.changed,
            counts.accepted,
            counts.reverted,
            counts.remaining
        ),
        (2, 1, 0, 1)
    );
    assert_eq!(r.next_remaining(Some(0)), Some(1));
    assert_eq!(r.next_remaining(Some(1)), Some(1), "wraps round to itself");
    assert_eq!(r.previous_remaining(None), Some(1));
    assert_eq!(r.item_of(p.rows[1].id), Some(1));
    stack.undo(&mut p).unwrap();
    assert_eq!(p.rows, before.rows);
    assert_eq!(p.milestones, before.milestones);
    assert_eq!(review(&p, "m").unwrap().counts().accepted, 0);
    stack.redo(&mut p).unwrap();
    assert_eq!(review(&p, "m").unwrap().counts().accepted, 1);
    // Editing an accepted row makes its verdict stale: it is to be reviewed again.
    set(&mut p, 0, Side::Target, "Uno!");
    assert_eq!(
        review(&p, "m").unwrap().items[0].state,
        ReviewState::Remaining
    );
}

#[test]
fn review_revert_restores_the_milestone_text_and_undo_takes_it_back() {
    let mut p = project(&[("Ett.", "One."), ("Två.", "")]);
    milestone(&mut p, "m");
    set(&mut p, 0, Side::Target, "Uno.");
    set(&mut p, 0, Side::Source, "Ett!");
    set(&mut p, 1, Side::Target, "Two.");
    let mut stack = UndoStack::default();
    let r = review(&p, "m").unwrap();
    let all = r.revertible_rows();
    assert_eq!(all.len(), 2);
    let shape_before: Vec<_> = p
        .rows
        .iter()
        .map(|r| (r.source.clone(), r.target.clone()))
        .collect();
    let revert = revert_edit(&p, "m", &all).unwrap();
    stack.apply(&mut p, revert).unwrap();
    assert_eq!(
        (p.rows[0].source.as_str(), p.rows[0].target.as_str()),
        ("Ett.", "One.")
    );
    assert_eq!(
        p.rows[1].target, "",
        "a side with no text then becomes empty"
    );
    let reverted: Vec<_> = p.rows[0].history[p.rows[0].history.len() - 2..]
        .iter()
        .map(|r| (r.side, r.origin, r.text.as_str()))
        .collect();
    assert_eq!(
        reverted,
        [
            (Side::Source, Origin::Reverted, "Ett."),
            (Side::Target, Origin::Reverted, "One.")
        ]
    );
    let r = review(&p, "m").unwrap();
    assert_eq!(r.items.len(), 2, "reverted rows stay in the review");
    assert!(r.items.iter().all(|i| i.state == ReviewState::Reverted));
    assert_eq!(r.counts().reverted, 2);
    assert!(r.revertible_rows().is_empty());
    // One undo takes back the whole batch.
    stack.undo(&mut p).unwrap();
    let shape_after: Vec<_> = p
        .rows
        .iter()
        .map(|r| (r.source.clone(), r.target.clone()))
        .collect();
    assert_eq!(shape_after, shape_before);
    assert_eq!(review(&p, "m").unwrap().counts().remaining, 2);
    assert!(p.milestone("m").unwrap().marks.is_empty());
}

#[test]
fn structural_changes_are_not_reverted_row_by_row() {
    let mut p = project(&[("Ett.", "One."), ("Två.", "Two.")]);
    milestone(&mut p, "m");
    let row = p.rows[0].id;
    p.apply(Edit::Merge { row }).unwrap();
    assert!(matches!(
        revert_edit(&p, "m", &[row]),
        Err(tolk::ReviewError::Structural {
            kind: ChangeKind::Merged,
            ..
        })
    ));
    assert!(review(&p, "m").unwrap().revertible_rows().is_empty());
    assert!(matches!(
        review(&p, "nope"),
        Err(tolk::ReviewError::NoSuchMilestone(_))
    ));
}

/// Applies an edit, checks its inverse restores the project exactly, and re-applies it.
fn check_inverse(p: &mut Project, edit: Edit) {
    let before = (p.rows.clone(), p.milestones.clone());
    let inverse = p.apply(edit.clone()).expect("edit applies");
    let after = p.milestones.clone();
    let redo = p.apply(inverse).expect("inverse applies");
    assert_eq!(p.milestones, before.1, "inverse of {edit:?}");
    assert_eq!(p.rows, before.0, "inverse of {edit:?}");
    p.apply(redo).expect("redo applies");
    assert_eq!(p.milestones, after, "redo of {edit:?}");
}

#[test]
fn milestone_edits_invert() {
    let mut p = project(&[("Ett.", "One.")]);
    let at = Timestamp::now();
    check_inverse(
        &mut p,
        Edit::AddMilestone {
            milestone: Milestone::new("first", at),
            index: None,
        },
    );
    check_inverse(
        &mut p,
        Edit::AddMilestone {
            milestone: Milestone::new("zeroth", at),
            index: Some(0),
        },
    );
    assert_eq!(p.milestones[0].name, "zeroth");
    let row = p.rows[0].id;
    check_inverse(
        &mut p,
        Edit::Review {
            milestone: "first".into(),
            row,
            verdict: Some(Verdict::Accepted),
            revisions: None,
        },
    );
    check_inverse(
        &mut p,
        Edit::RenameMilestone {
            name: "first".into(),
            to: "sent to reviewer".into(),
        },
    );
    assert_eq!(p.milestones[1].marks.len(), 1, "marks go with the rename");
    check_inverse(
        &mut p,
        Edit::DeleteMilestone {
            name: "zeroth".into(),
        },
    );
    assert_eq!(p.milestones.len(), 1);
    check_inverse(
        &mut p,
        Edit::DeleteMilestone {
            name: "sent to reviewer".into(),
        },
    );
    assert!(p.milestones.is_empty());
}

#[test]
fn milestone_names_are_unique_and_not_blank() {
    let mut p = project(&[("Ett.", "One.")]);
    milestone(&mut p, "m");
    let add = |name: &str| Edit::AddMilestone {
        milestone: Milestone::new(name, Timestamp::now()),
        index: None,
    };
    assert_eq!(
        p.apply(add("m")).unwrap_err(),
        EditError::MilestoneExists("m".into())
    );
    assert_eq!(
        p.apply(add("  ")).unwrap_err(),
        EditError::BlankMilestoneName
    );
    assert_eq!(
        p.apply(Edit::RenameMilestone {
            name: "x".into(),
            to: "y".into()
        })
        .unwrap_err(),
        EditError::NoSuchMilestone("x".into())
    );
    assert!(matches!(
        p.apply(Edit::AddMilestone {
            milestone: Milestone::new("late", Timestamp::now()),
            index: Some(5)
        }),
        Err(EditError::IndexOutOfRange { index: 5, len: 1 })
    ));
    assert!(matches!(
        p.apply(Edit::Review {
            milestone: "m".into(),
            row: RowId(999),
            verdict: Some(Verdict::Accepted),
            revisions: None
        }),
        Err(EditError::NoSuchRow(_))
    ));
}

#[test]
fn text_at_a_milestone_is_what_review_compares_with() {
    let mut p = project(&[("Ett.", "One.")]);
    milestone(&mut p, "m");
    set(&mut p, 0, Side::Target, "Uno.");
    let row = p.rows[0].id;
    assert_eq!(
        tolk::text_at_milestone(&p, row, Side::Target, "m").unwrap(),
        Some("One.")
    );
    let history = &p.rows[0].history;
    let (last, previous) = (history.len() - 1, history.len() - 2);
    let diff = tolk::revision_diff(&p.rows[0], previous, last).unwrap();
    assert_eq!(diff.render(DiffStyle::Plain), "[-One-]{+Uno+}.");
}

#[test]
fn many_changes_keep_reading_order_when_diffed_in_parallel() {
    let texts: Vec<(String, String)> = (0..3000)
        .map(|i| (format!("Mening {i}."), format!("Sentence {i}.")))
        .collect();
    let pairs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(s, t)| (s.as_str(), t.as_str()))
        .collect();
    let mut p = project(&pairs);
    milestone(&mut p, "m");
    let edits = (0..p.rows.len())
        .filter(|i| i % 2 == 0)
        .map(|i| Edit::SetText {
            row: p.rows[i].id,
            side: Side::Target,
            text: format!("Sentence number {i}."),
            origin: Origin::Typed,
        })
        .collect();
    p.apply(Edit::Batch(edits)).unwrap();
    let changes = changes_since(&p, p.milestone("m").unwrap().at);
    assert_eq!(changes.len(), 1500);
    for (k, change) in changes.iter().enumerate() {
        assert_eq!(change.rows, [p.rows[2 * k].id]);
        assert_eq!(
            change.target.render(DiffStyle::Plain),
            format!("Sentence {{+number +}}{}.", 2 * k)
        );
    }
}
