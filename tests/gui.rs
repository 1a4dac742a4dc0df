//! The window's behaviour, headless (egui_kittest): editing, alignment operations, undo/redo,
//! find/replace, filters, files and recovery, driven through the real app state and input.
//! Only the file dialogs are scripted.

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui::{Key, Modifiers, accesskit::Role, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tolk::ui::{AppCommand, Modal, ScriptedDialogs, Settings, TolkApp};
use tolk::{Document, Edit, ImportedRow, Origin, Project, Side, Status};

mod support;

const CTRL: Modifiers = Modifiers::COMMAND;

fn sample_rows() -> Vec<ImportedRow> {
    [
        ("Proletariatets diktatur.", ""),
        (
            "Diktaturen är oundviklig.",
            "The dictatorship is inevitable.",
        ),
        ("Ett. Två.", "One. Two."),
        ("Demokratin och diktaturen.", ""),
    ]
    .into_iter()
    .map(|(s, t)| ImportedRow {
        source: s.into(),
        target: t.into(),
        ..ImportedRow::default()
    })
    .collect()
}

/// A saved project in `dir` and an app showing it; dialogs answer with `answers`.
fn app_on(dir: &Path, rows: Vec<ImportedRow>, answers: Vec<Option<PathBuf>>) -> TolkApp {
    let mut project = Project::new("gui test", "sv", "en");
    project.session.author = "setup".into();
    project.append_imported(rows);
    let path = dir.join("p.json");
    support::save_project(&project, &path).unwrap();
    let (doc, _) = Document::open(&path).unwrap();
    let dialogs = ScriptedDialogs::answering(answers);
    let settings = Settings {
        author: "gui-test".into(),
        show_map: true,
        ..Settings::default()
    };
    let mut app = TolkApp::new(settings, Box::new(dialogs));
    app.background = false;
    app.set_document(doc);
    app
}

fn harness(app: TolkApp) -> Harness<'static, TolkApp> {
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut TolkApp| app.show(ui), app);
    harness.run();
    harness
}

fn project<'h>(harness: &'h Harness<'_, TolkApp>) -> &'h Project {
    harness.state().doc.as_ref().unwrap().project()
}

fn targets(harness: &Harness<'_, TolkApp>) -> Vec<String> {
    project(harness)
        .rows
        .iter()
        .map(|r| r.target.clone())
        .collect()
}

#[test]
fn typing_into_the_target_cell_and_confirming_commits_one_revision() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_on(dir.path(), sample_rows(), vec![]));
    h.get_by_label("Target (en)").focus();
    h.run();
    h.get_by_label("Target (en)")
        .type_text("The dictatorship of the proletariat.");
    h.run();
    assert_eq!(
        project(&h).rows[0].target,
        "",
        "nothing is committed while typing"
    );
    h.key_press_modifiers(CTRL, Key::Enter);
    h.run();
    let row = &project(&h).rows[0];
    assert_eq!(row.target, "The dictatorship of the proletariat.");
    assert_eq!(row.status, Status::Translated);
    let typed: Vec<_> = row
        .history
        .iter()
        .filter(|r| r.side == Side::Target)
        .collect();
    assert_eq!(typed.len(), 1, "one revision for the whole cell");
    assert_eq!(
        (typed[0].origin, typed[0].author.as_str()),
        (Origin::Typed, "gui-test")
    );
    // Confirm moved on to the next row still to do: row 2 is a draft.
    assert_eq!(h.state().selected_index(), Some(1));
    assert!(
        h.state().title().ends_with("• — Tolk"),
        "{}",
        h.state().title()
    );
}

/// Puts the text cursor of the edited cell at a character offset, as a click there would.
fn place_cursor(h: &Harness<'_, TolkApp>, offset: usize) {
    let editor = h.state().editor.clone().unwrap();
    let id = eframe::egui::Id::unique(("cell", editor.row.0, editor.side.name()));
    let mut state = eframe::egui::text_edit::TextEditState::load(&h.ctx, id).unwrap_or_default();
    let cursor = eframe::egui::text::CCursor::new(offset);
    state
        .cursor
        .set_char_range(Some(eframe::egui::text::CCursorRange::one(cursor)));
    state.store(&h.ctx, id);
}

#[test]
fn merge_split_and_their_undo_and_redo() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_on(dir.path(), sample_rows(), vec![]));
    h.state_mut().push(AppCommand::Select(1));
    h.run();
    h.key_press_modifiers(CTRL, Key::M);
    h.run();
    assert_eq!(project(&h).rows.len(), 3);
    assert_eq!(
        project(&h).rows[1].source,
        "Diktaturen är oundviklig. Ett. Två."
    );
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(project(&h).rows.len(), 4);
    assert_eq!(project(&h).rows[2].target, "One. Two.");
    h.key_press_modifiers(
        Modifiers {
            shift: true,
            ..CTRL
        },
        Key::Z,
    );
    h.run();
    assert_eq!(project(&h).rows.len(), 3);
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();

    // Split "One. Two." at the cursor after "One.": the source splits at its sentence boundary.
    h.state_mut().push(AppCommand::Select(2));
    h.run();
    place_cursor(&h, "One.".len());
    h.run();
    h.key_press_modifiers(CTRL, Key::K);
    h.run();
    let rows: Vec<(&str, &str)> = project(&h)
        .rows
        .iter()
        .map(|r| (r.source.as_str(), r.target.as_str()))
        .collect();
    assert_eq!(rows[2..4], [("Ett.", "One."), ("Två.", "Two.")]);
    h.key_press_modifiers(CTRL, Key::Y);
    h.run();
    assert_eq!(
        project(&h).rows.len(),
        5,
        "nothing to redo after a new edit"
    );
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(project(&h).rows.len(), 4);
}

#[test]
fn find_and_replace_all_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = sample_rows();
    rows[0].target = "The dictatorship of the proletariat.".into();
    let mut h = harness(app_on(dir.path(), rows, vec![]));
    h.key_press_modifiers(CTRL, Key::H);
    h.run();
    h.get_by_label("Find").focus();
    h.run();
    h.get_by_label("Find").type_text("dictatorship");
    h.run();
    assert!(
        h.query_by_label_contains("2 matches").is_some(),
        "the bar counts matches"
    );
    h.get_by_label("Replace with").focus();
    h.get_by_label("Replace with").type_text("rule");
    h.run();
    h.get_by_label("Replace all").click();
    h.run();
    assert_eq!(
        targets(&h)[..2],
        ["The rule of the proletariat.", "The rule is inevitable."]
    );
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(
        targets(&h)[..2],
        [
            "The dictatorship of the proletariat.",
            "The dictatorship is inevitable."
        ]
    );
}

#[test]
fn filters_show_only_the_rows_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_on(dir.path(), sample_rows(), vec![]));
    assert_eq!(h.state().visible_rows(), [0, 1, 2, 3]);
    h.state_mut().show_filters = true;
    h.run();
    h.get_by_label("untranslated").click();
    h.run();
    assert_eq!(h.state().visible_rows(), [0, 3]);
    assert!(h.query_by_label_contains("2 of 4 rows shown").is_some());
    h.get_by_label("Show all").click();
    h.run();
    assert_eq!(h.state().visible_rows().len(), 4);
}

#[test]
fn keyboard_navigation_and_jump_to_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_on(dir.path(), sample_rows(), vec![]));
    h.key_press_modifiers(CTRL, Key::ArrowDown);
    h.run();
    assert_eq!(h.state().selected_index(), Some(1));
    h.key_press_modifiers(CTRL, Key::ArrowUp);
    h.run();
    assert_eq!(h.state().selected_index(), Some(0));
    h.key_press_modifiers(CTRL, Key::U);
    h.run();
    assert_eq!(
        h.state().selected_index(),
        Some(3),
        "next untranslated after row 1"
    );
    h.key_press_modifiers(CTRL, Key::G);
    h.run();
    h.get_by_label("Row number").type_text("3");
    h.run();
    h.get_by_label("Go").click();
    h.run();
    assert_eq!(h.state().selected_index(), Some(2));
}

#[test]
fn save_as_and_open_go_through_the_menus() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.json");
    let mut h = harness(app_on(
        dir.path(),
        sample_rows(),
        vec![Some(copy.clone()), Some(dir.path().join("p.json"))],
    ));
    let row = project(&h).rows[0].id;
    h.state_mut().push(AppCommand::Edit(Edit::SetText {
        row,
        side: Side::Target,
        text: "Changed.".into(),
        origin: Origin::Typed,
    }));
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Save as…").click();
    h.run();
    h.run();
    let saved = tolk::load_project(&copy).unwrap().project;
    assert_eq!(saved.rows[0].target, "Changed.");
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.path(), Some(copy.as_path()));
    assert!(!doc.is_dirty());
    // Open the original through File > Open: it does not have the change.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Open…").click();
    h.run();
    h.run();
    assert_eq!(project(&h).rows[0].target, "");
    assert_eq!(h.state().settings.recent.len(), 2);
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_on(dir.path(), sample_rows(), vec![]));
    h.get_by_label("Target (en)").focus();
    h.get_by_label("Target (en)").type_text("Unsaved.");
    h.run();
    h.state_mut().push(AppCommand::Quit);
    h.run();
    assert!(matches!(h.state().modal, Some(Modal::Unsaved { .. })));
    assert!(
        h.state().doc.as_ref().unwrap().is_dirty(),
        "the typed text was committed before asking"
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().modal.is_none());
    assert_eq!(project(&h).rows[0].target, "Unsaved.");
}

#[test]
fn autosave_writes_a_recovery_file_that_is_offered_on_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), sample_rows(), vec![]);
    app.autosave_every = Duration::ZERO;
    let mut h = harness(app);
    let row = project(&h).rows[0].id;
    h.state_mut().push(AppCommand::Edit(Edit::SetText {
        row,
        side: Side::Target,
        text: "Work in progress.".into(),
        origin: Origin::Typed,
    }));
    h.run();
    let path = dir.path().join("p.json");
    let recovery = tolk::recovery_path(&path);
    assert!(recovery.exists(), "autosave wrote {}", recovery.display());
    assert_eq!(
        tolk::load_project(&path).unwrap().project.rows[0].target,
        "",
        "the project itself is untouched"
    );

    // A crash: the app goes away without saving. A new session opens the project.
    drop(h);
    let mut fresh = TolkApp::new(Settings::default(), Box::new(ScriptedDialogs::default()));
    fresh.background = false;
    fresh.push(AppCommand::OpenPath(path.clone()));
    let mut h = harness(fresh);
    assert!(matches!(h.state().modal, Some(Modal::Recovery { .. })));
    h.get_by_label("Restore them").click();
    h.run();
    assert_eq!(project(&h).rows[0].target, "Work in progress.");
    assert!(h.state().doc.as_ref().unwrap().is_dirty());
}

#[test]
fn only_visible_rows_are_laid_out() {
    let dir = tempfile::tempdir().unwrap();
    let rows: Vec<ImportedRow> = (0..5000)
        .map(|i| ImportedRow {
            source: format!("Mening nummer {i}."),
            target: format!("Sentence number {i}."),
            ..ImportedRow::default()
        })
        .collect();
    let mut h = harness(app_on(dir.path(), rows, vec![]));
    let labels = h.query_all_by_role(Role::Label).count();
    assert!(labels < 300, "{labels} labels laid out for 5,000 rows");
    assert!(h.query_by_label("Mening nummer 0.").is_some());
    assert!(h.query_by_label("Mening nummer 4000.").is_none());
    h.state_mut().push(AppCommand::JumpTo(4001));
    h.run();
    assert_eq!(h.state().selected_index(), Some(4000));
    assert!(
        h.query_by_label("Mening nummer 4000.").is_some(),
        "jumping scrolls the row into view"
    );
}

/// Types text into the selected row's target and commits it by moving to the next row.
fn type_and_commit(h: &mut Harness<'_, TolkApp>, text: &str) {
    h.get_by_label("Target (en)").focus();
    h.run();
    h.get_by_label("Target (en)").type_text(text);
    h.run();
    h.key_press_modifiers(CTRL, Key::ArrowDown);
    h.run();
}

#[test]
fn review_mode_accepts_and_reverts_changes_since_a_milestone() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_on(dir.path(), sample_rows(), vec![]));
    h.state_mut().review.open = true;
    h.run();
    h.get_by_label("New milestone").focus();
    h.get_by_label("New milestone")
        .type_text("sent to reviewer");
    h.run();
    h.get_by_label("Add").click();
    h.run();
    assert_eq!(project(&h).milestones.len(), 1);
    std::thread::sleep(Duration::from_millis(5));
    h.state_mut().push(AppCommand::Select(0));
    h.run();
    type_and_commit(&mut h, "The dictatorship of the proletariat.");
    type_and_commit(&mut h, "Dictatorship is unavoidable.");
    assert!(
        h.query_by_label_contains("2 changed · 0 accepted · 0 reverted · 2 remaining")
            .is_some()
    );

    h.get_by_label("Next change").click();
    h.run();
    h.get_by_label("Accept").click();
    h.run();
    assert_eq!(project(&h).rows[0].status, Status::Reviewed);
    h.get_by_label("Next change").click();
    h.run();
    h.get_by_label("Revert").click();
    h.run();
    assert_eq!(
        project(&h).rows[1].target,
        "The dictatorship is inevitable.",
        "the milestone's text is back"
    );
    assert!(
        h.query_by_label_contains("2 changed · 1 accepted · 1 reverted · 0 remaining")
            .is_some()
    );
    // Both verdicts are edits: undo takes the revert back.
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(
        project(&h).rows[1].target,
        "The dictatorship is inevitable.Dictatorship is unavoidable."
    );
}

#[test]
fn history_panel_compares_and_reverts_a_revision() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_on(dir.path(), sample_rows(), vec![]));
    h.state_mut().push(AppCommand::Select(1));
    h.run();
    h.get_by_label("Target (en)").focus();
    h.run();
    h.get_by_label("Target (en)").type_text(" Really.");
    h.run();
    h.key_press_modifiers(CTRL, Key::Enter);
    h.run();
    h.state_mut().push(AppCommand::Select(1));
    h.run();
    assert!(
        h.query_by_label_contains("target of #3 against #2")
            .is_some(),
        "the newest change is compared by default"
    );
    h.get_by_label("Revert to this").click();
    h.run();
    let row = &project(&h).rows[1];
    assert_eq!(row.target, "The dictatorship is inevitable.");
    assert_eq!(row.history.last().unwrap().origin, Origin::Reverted);
}

#[test]
fn export_and_import_go_through_the_file_menu() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("out.tmx");
    let mut h = harness(app_on(
        dir.path(),
        sample_rows(),
        vec![Some(tmx.clone()), Some(tmx.clone())],
    ));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    h.run();
    let written = std::fs::read_to_string(&tmx).unwrap();
    assert!(
        written.contains("<tmx version=\"1.4\">")
            && written.contains("The dictatorship is inevitable.")
    );
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import TMX, XLIFF or TSV…").click();
    h.run();
    h.run();
    let imported = project(&h);
    assert_eq!(imported.rows.len(), 4);
    assert_eq!(imported.rows[1].target, "The dictatorship is inevitable.");
    assert!(
        h.state().doc.as_ref().unwrap().path().is_none(),
        "an import is a new, unsaved project"
    );
}

#[test]
fn realign_from_the_alignment_menu_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let rows = [
        (
            "Revolutionen kom år 1917 till Petrograd.",
            "The revolution came to Petrograd in 1917. In 1918 Kerensky fled to Paris.",
        ),
        ("År 1918 flydde Kerenski till Paris.", ""),
        (
            "Sedan kom inbördeskriget med Denikin och Koltjak.",
            "Then came the civil war with Denikin and Kolchak.",
        ),
    ]
    .map(|(s, t)| ImportedRow {
        source: s.into(),
        target: t.into(),
        ..ImportedRow::default()
    })
    .to_vec();
    let mut h = harness(app_on(dir.path(), rows, vec![]));
    h.get_by_label("Alignment").click();
    h.run();
    h.get_by_label("Realign all unlocked rows").click();
    h.run();
    h.run();
    assert_eq!(
        targets(&h),
        [
            "The revolution came to Petrograd in 1917.",
            "In 1918 Kerensky fled to Paris.",
            "Then came the civil war with Denikin and Kolchak."
        ]
    );
    assert!(
        project(&h).rows.iter().all(|r| r.score.is_some()),
        "realigned rows carry a confidence"
    );
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(targets(&h)[1], "");
}

#[test]
fn saving_over_a_file_changed_by_someone_else_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_on(dir.path(), sample_rows(), vec![]));
    let path = dir.path().join("p.json");
    // Someone else (a Git pull, another machine) rewrites the file.
    let mut theirs = tolk::load_project(&path).unwrap().project;
    theirs.rows[0].target = "Their change.".into();
    std::fs::write(&path, tolk::project_to_json(&theirs)).unwrap();
    type_and_commit(&mut h, "My change.");
    h.key_press_modifiers(CTRL, Key::S);
    h.run();
    assert!(matches!(h.state().modal, Some(Modal::ChangedOnDisk { .. })));
    assert_eq!(
        tolk::load_project(&path).unwrap().project.rows[0].target,
        "Their change.",
        "nothing overwritten"
    );
    h.get_by_label("Overwrite it").click();
    h.run();
    assert_eq!(
        tolk::load_project(&path).unwrap().project.rows[0].target,
        "My change."
    );
    assert_eq!(
        tolk::load_project(&tolk::backup_path(&path))
            .unwrap()
            .project
            .rows[0]
            .target,
        "Their change."
    );
    assert!(!h.state().doc.as_ref().unwrap().is_dirty());
}

/// Typing that is not committed yet is unsaved work: the title says so, closing the window
/// asks, and the recovery file holds it.
#[test]
fn typing_not_yet_committed_counts_as_unsaved_and_is_autosaved() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), sample_rows(), vec![]);
    app.autosave_every = Duration::ZERO;
    let mut h = harness(app);
    assert!(!h.state().title().contains('•'), "{}", h.state().title());
    h.get_by_label("Target (en)").focus();
    h.get_by_label("Target (en)")
        .type_text("Typed, not committed.");
    h.run();
    assert!(
        !h.state().doc.as_ref().unwrap().is_dirty(),
        "nothing committed yet"
    );
    assert!(h.state().title().contains('•'), "{}", h.state().title());
    let recovery = tolk::recovery_path(&dir.path().join("p.json"));
    let recovered = tolk::load_project(&recovery).unwrap().project;
    assert_eq!(recovered.rows[0].target, "Typed, not committed.");
    // The window manager asks the window to close (the title bar's ×).
    h.input_mut()
        .viewports
        .entry(eframe::egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(eframe::egui::ViewportEvent::Close);
    h.run();
    assert!(matches!(h.state().modal, Some(Modal::Unsaved { .. })));
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(project(&h).rows[0].target, "Typed, not committed.");
}

/// A project another Tolk has open is opened read-only, with a banner; saving it in place
/// is refused, Save as works.
#[test]
fn a_project_open_elsewhere_opens_read_only_with_a_banner() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let mut project = Project::new("t", "sv", "en");
    project.append_imported(sample_rows());
    support::save_project(&project, &path).unwrap();
    let mut sleeper = std::process::Command::new("sleep")
        .arg("60")
        .spawn()
        .unwrap();
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    std::fs::write(
        tolk::lock_path(&path),
        format!("pid={}\nhost={}\ntoken=x\n", sleeper.id(), host.trim()),
    )
    .unwrap();
    let mut app = TolkApp::new(Settings::default(), Box::new(ScriptedDialogs::default()));
    app.background = false;
    app.push(AppCommand::OpenPath(path.clone()));
    let mut h = harness(app);
    assert!(h.state().doc.as_ref().unwrap().is_read_only());
    let banner = h.query_by_label_contains("Read-only:");
    assert!(banner.is_some(), "a banner says the project is read-only");
    h.state_mut().push(AppCommand::Save);
    h.run();
    assert!(matches!(&h.state().modal, Some(Modal::Error(e)) if e.contains("another Tolk")));
    sleeper.kill().unwrap();
    sleeper.wait().unwrap();
}
