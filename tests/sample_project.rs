//! The sample project in projects/: the whole Kamenev article, aligned with its English
//! translation. Guards its integrity: no empty side, the Swedish side is exactly the cleaned
//! source text, the English text file is the project's final English, it round-trips through
//! save and load unchanged, and its history is an honest one: a draft at the milestone, then a
//! reviser's pass under the reviser's own name that follows the status rules.

use std::collections::BTreeSet;
use std::path::Path;

use tolk::{Origin, Segmenter, Side, Status, load_project, paragraphs, project_to_json};

fn sample_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/kamenev-proletariatets-diktatur.json")
}

#[test]
fn every_row_has_both_sides() {
    let loaded = load_project(&sample_path()).unwrap();
    assert!(loaded.repairs.is_empty(), "{:?}", loaded.repairs);
    let project = loaded.project;
    assert!(project.rows.len() > 100);
    for (i, row) in project.rows.iter().enumerate() {
        assert!(
            !row.source.trim().is_empty(),
            "row {} has no Swedish",
            i + 1
        );
        assert!(
            !row.target.trim().is_empty(),
            "row {} has no English",
            i + 1
        );
    }
}

#[test]
fn the_swedish_side_is_the_cleaned_source_text() {
    let project = load_project(&sample_path()).unwrap().project;
    let cleaned = std::fs::read_to_string(
        sample_path().with_file_name("kamenev-proletariatets-diktatur.sv.txt"),
    )
    .unwrap();
    let expected: Vec<String> = paragraphs(&cleaned);
    // Rows joined paragraph by paragraph give the paragraphs back exactly.
    let mut got: Vec<String> = Vec::new();
    for row in &project.rows {
        match got.last_mut() {
            Some(last) if !row.starts_paragraph => {
                last.push(' ');
                last.push_str(&row.source);
            }
            _ => got.push(row.source.clone()),
        }
    }
    assert_eq!(got, expected);
    // And the rows hold whole sentences: no sentence is cut between two rows.
    let segmenter = Segmenter::for_language("sv");
    let sentences: usize = expected.iter().map(|p| segmenter.split(p).len()).sum();
    let in_rows: usize = project
        .rows
        .iter()
        .map(|r| segmenter.split(&r.source).len())
        .sum();
    assert_eq!(in_rows, sentences);
}

#[test]
fn the_sample_round_trips_and_shows_the_review_features() {
    let path = sample_path();
    let bytes = std::fs::read(&path).unwrap();
    let project = load_project(&path).unwrap().project;
    assert_eq!(
        project_to_json(&project),
        bytes,
        "save(load(file)) is the file byte for byte"
    );
    let milestone = project
        .milestone("first draft")
        .expect("the sample has a \"first draft\" milestone");
    let revised = project
        .rows
        .iter()
        .filter(|r| r.history.iter().any(|h| h.at > milestone.at))
        .count();
    assert!(
        revised >= 10,
        "{revised} rows revised since the first draft"
    );
    assert!(
        project.rows.iter().all(|r| r.locked),
        "every row was checked and locked"
    );
    assert!(
        project
            .rows
            .iter()
            .all(|r| matches!(r.status, Status::Translated | Status::Reviewed))
    );
    assert!(project.rows.iter().any(|r| r.status == Status::Reviewed));
}

#[test]
fn the_english_text_file_is_the_final_english() {
    let project = load_project(&sample_path()).unwrap().project;
    let english = std::fs::read_to_string(
        sample_path().with_file_name("kamenev-proletariatets-diktatur.en.txt"),
    )
    .unwrap();
    let mut got: Vec<String> = Vec::new();
    for row in &project.rows {
        match got.last_mut() {
            Some(last) if !row.starts_paragraph => {
                last.push(' ');
                last.push_str(&row.target);
            }
            _ => got.push(row.target.clone()),
        }
    }
    assert_eq!(got, paragraphs(&english), "en.txt, paragraph by paragraph");
}

#[test]
fn the_revisions_after_the_draft_are_a_reviser_s_and_follow_the_status_rules() {
    let project = load_project(&sample_path()).unwrap().project;
    let milestone = project.milestone("first draft").unwrap();
    let translators: BTreeSet<&str> = project
        .rows
        .iter()
        .flat_map(|r| &r.history)
        .filter(|h| h.origin == Origin::Imported)
        .map(|h| h.author.as_str())
        .collect();
    // The draft is in the history: every row had its translation before the milestone.
    for (i, row) in project.rows.iter().enumerate() {
        assert!(
            row.history
                .iter()
                .any(|h| h.side == Side::Target && h.at <= milestone.at && !h.text.is_empty()),
            "row {} has no draft translation at the milestone",
            i + 1
        );
    }
    let later: Vec<_> = project
        .rows
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.history.iter().map(move |h| (i + 1, r, h)))
        .filter(|(_, _, h)| h.at > milestone.at)
        .collect();
    for (n, row, revision) in &later {
        assert!(
            !translators.contains(revision.author.as_str()),
            "row {n} was revised by {:?}, who also imported the draft",
            revision.author
        );
        // A changed confirmed row is a draft until someone confirms it: the reviser did.
        assert_eq!(
            row.status,
            Status::Reviewed,
            "row {n} was revised, not reviewed"
        );
    }
    // Made by many separate saves (one `tolk edit` per paragraph), not one scripted batch.
    let saves: BTreeSet<i64> = later
        .iter()
        .map(|(_, _, h)| h.at.as_millisecond())
        .collect();
    assert!(
        saves.len() >= 10,
        "the revisions came from {} saves",
        saves.len()
    );
}

/// The translator's checks find nothing on the sample: its glossary and names list are
/// referenced by the project, and its one finding (row 28 closes a quotation row 26 opens) was
/// looked at and ignored, with who and when.
#[test]
fn the_checks_find_nothing_on_the_sample_and_its_notes_say_why() {
    let path = sample_path();
    let project = load_project(&path).unwrap().project;
    let checker = tolk::Checker::new(&project, Some(&path), &tolk::CheckSetup::default()).unwrap();
    let dictionaries_required = std::env::var_os("TOLK_REQUIRE_DICTIONARIES").is_some();
    if dictionaries_required {
        assert!(
            checker.notices().is_empty(),
            "the checks ran with every dictionary: {:?}",
            checker.notices()
        );
    }
    let findings = checker.check_all(&project);
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(project.qa.glossaries, ["kamenev.tbx"]);
    assert_eq!(project.qa.ignored.len(), 1);
    let ignored = &project.qa.ignored[0];
    assert_eq!(
        (ignored.check.as_str(), ignored.by.as_str()),
        ("brackets-quotes", "Reviser: Anna Lindqvist")
    );
    let row = project.index_of(ignored.row).unwrap();
    assert_eq!(row + 1, 28);
    // The rows the reviser annotated: OCR slips read as intended, names, the quotation.
    let noted: Vec<usize> = project
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.notes.is_empty())
        .map(|(i, _)| i + 1)
        .collect();
    assert!(noted.len() >= 20, "{noted:?}");
    assert!(project.rows[25].notes[0].text.contains("never closed"));
    assert!(
        project
            .rows
            .iter()
            .flat_map(|r| &r.notes)
            .all(|n| n.author == "Reviser: Anna Lindqvist")
    );
}
