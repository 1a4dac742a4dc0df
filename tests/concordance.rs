//! The concordance and fuzzy matches over a translation memory the project references: a TMX
//! file Tolk wrote from the sample article, read where it lies.

mod support;

use std::path::Path;

use tolk::concordance::{HitOrigin, Memories, SearchOptions, fuzzy_matches, search};
use tolk::{Edit, ImportedRow, Options, Project};

fn sample() -> Project {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/kamenev-proletariatets-diktatur.json");
    tolk::load_project(&path).unwrap().project
}

#[test]
fn a_referenced_memory_is_searched_and_offers_fuzzy_matches() {
    let dir = tempfile::tempdir().unwrap();
    let memory = dir.path().join("memories").join("kamenev.tmx");
    std::fs::create_dir_all(memory.parent().unwrap()).unwrap();
    let mut bytes = Vec::new();
    tolk::tmx::write(&sample(), &Options::default(), &mut bytes).unwrap();
    std::fs::write(&memory, bytes).unwrap();
    // A new project: one sentence of the article slightly changed, one unrelated.
    let mut project = Project::new("new", "sv", "en");
    project.append_imported([
        ImportedRow {
            source: "På vilket sätt har då Europas och Asiens regeringar löst denna uppgift?"
                .into(),
            ..ImportedRow::default()
        },
        ImportedRow {
            source: "Vädret var vackert hela veckan.".into(),
            target: "The weather was fine all week.".into(),
            ..ImportedRow::default()
        },
    ]);
    let add = tolk::check::settings::add_memory(&project, "memories/kamenev.tmx").unwrap();
    project.apply(add).unwrap();
    let project_path = dir.path().join("new.json");
    support::save_project(&project, &project_path).unwrap();
    let project = tolk::load_project(&project_path).unwrap().project;
    assert_eq!(
        project.qa.memories,
        ["memories/kamenev.tmx"],
        "kept as a reference"
    );
    let memories = Memories::load(&project, Some(&project_path)).unwrap();
    assert_eq!(memories.memories[0].units.len(), 125);

    let hits = search(
        &project,
        &memories,
        "proletariatets diktatur",
        SearchOptions::default(),
    )
    .unwrap();
    assert!(hits.len() > 10, "{}", hits.len());
    let from_memory = hits
        .iter()
        .find(|h| matches!(h.origin, HitOrigin::Memory { .. }))
        .unwrap();
    let (s, e) = (
        from_memory.source_matches[0].start,
        from_memory.source_matches[0].end,
    );
    let matched: String = from_memory.source.chars().skip(s).take(e - s).collect();
    assert_eq!(matched.to_lowercase(), "proletariatets diktatur");
    assert!(!from_memory.target.is_empty());

    let offered = fuzzy_matches(&project, &memories, 0, 5);
    assert!(!offered.is_empty(), "the article's sentence is offered");
    assert!(offered[0].similarity >= 0.75);
    assert!(
        offered
            .windows(2)
            .all(|w| w[0].similarity >= w[1].similarity)
    );
    assert!(fuzzy_matches(&project, &memories, 1, 5).is_empty());

    // A memory that is not there is an error naming it.
    let mut broken = project.clone();
    broken
        .apply(Edit::SetQaSettings(Box::new(tolk::QaSettings {
            memories: vec!["gone.tmx".into()],
            ..Default::default()
        })))
        .unwrap();
    let error = Memories::load(&broken, Some(&project_path))
        .unwrap_err()
        .to_string();
    assert!(error.contains("gone.tmx"), "{error}");
}
