//! The window's behaviour, headless (egui_kittest): editing, alignment operations, undo/redo,
//! find/replace, filters, files and recovery, driven through the real app state and input.
//! Only the file dialogs are scripted.

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui::{Key, Modifiers, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use tolk::ui::{AppCommand, FileCommand, Modal, RowCommand, ScriptedDialogs, Settings, TolkApp};
use tolk::{Document, Edit, ImportedRow, Origin, Project, Side, Status};

mod gui_support;
mod support;

use gui_support::{app_on_project, harness, project};

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
    let settings = Settings {
        author: "gui-test".into(),
        show_map: true,
        ..Settings::default()
    };
    app_on_project(dir, &project, settings, answers)
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
    h.state_mut().push(RowCommand::Select(1));
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
    h.state_mut().push(RowCommand::Select(2));
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
    h.state_mut().panels.show_filters = true;
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
    h.state_mut().push(FileCommand::Quit);
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
    app.files.autosave_every = Duration::ZERO;
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
    fresh.files.background = false;
    fresh.push(FileCommand::OpenPath(path.clone()));
    let mut h = harness(fresh);
    assert!(matches!(h.state().modal, Some(Modal::Recovery { .. })));
    h.get_by_label("Restore them").click();
    h.run();
    assert_eq!(project(&h).rows[0].target, "Work in progress.");
    assert!(h.state().doc.as_ref().unwrap().is_dirty());
    // The restore is one edit: undo gives the project as it was opened, redo the work again.
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(project(&h).rows[0].target, "");
    h.key_press_modifiers(CTRL, Key::Y);
    h.run();
    assert_eq!(project(&h).rows[0].target, "Work in progress.");
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
    h.state_mut().push(RowCommand::JumpTo(4001));
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
    h.state_mut()
        .push(tolk::ui::ViewCommand::Show(tolk::ui::Panel::Review, true));
    h.run();
    h.get_by_label("New milestone").focus();
    h.get_by_label("New milestone")
        .type_text("sent to reviewer");
    h.run();
    h.get_by_label("Add").click();
    h.run();
    assert_eq!(project(&h).milestones.len(), 1);
    std::thread::sleep(Duration::from_millis(5));
    h.state_mut().push(RowCommand::Select(0));
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
    h.state_mut().push(RowCommand::Select(1));
    h.run();
    h.get_by_label("Target (en)").focus();
    h.run();
    h.get_by_label("Target (en)").type_text(" Really.");
    h.run();
    h.key_press_modifiers(CTRL, Key::Enter);
    h.run();
    h.state_mut().push(RowCommand::Select(1));
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

/// File > Export to TMX starts with finished work only (translated and reviewed rows with a
/// translation, the core's rule the CLI follows too) and says what it left out, and where the
/// file it replaced is kept.
#[test]
fn export_and_import_go_through_the_file_menu() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("out.tmx");
    std::fs::write(&tmx, "an older export").unwrap();
    let mut h = harness(app_on(
        dir.path(),
        sample_rows(),
        vec![Some(tmx.clone()), Some(tmx.clone())],
    ));
    // Row 2 is confirmed (translated); row 3 stays a draft; rows 1 and 4 are untranslated.
    h.state_mut().push(RowCommand::Select(1));
    h.run();
    h.key_press_modifiers(CTRL, Key::Enter);
    h.run();
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
            && written.contains("The dictatorship is inevitable."),
        "{written}"
    );
    assert!(
        !written.contains("One. Two."),
        "a draft is not finished work"
    );
    let message = h.state().message.clone().unwrap_or_default();
    assert!(
        message.contains("left out 2 untranslated rows, 1 draft rows"),
        "the window says what it left out: {message}"
    );
    // The file it replaced is kept, and the window says where.
    let backup = dir.path().join("out.tmx.bak");
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), "an older export");
    assert!(
        message.contains(&format!("kept as {}", backup.display())),
        "{message}"
    );
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import TMX, XLIFF or TSV…").click();
    h.run();
    // The confirmed row is not saved: the window asks before replacing the project.
    h.get_by_label("Discard changes").click();
    h.run();
    h.run();
    let imported = project(&h);
    assert_eq!(imported.rows.len(), 1);
    assert_eq!(imported.rows[0].target, "The dictatorship is inevitable.");
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
    app.files.autosave_every = Duration::ZERO;
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
    app.files.background = false;
    app.push(FileCommand::OpenPath(path.clone()));
    let mut h = harness(app);
    assert!(h.state().doc.as_ref().unwrap().is_read_only());
    let banner = h.query_by_label_contains("Read-only:");
    assert!(banner.is_some(), "a banner says the project is read-only");
    h.state_mut().push(FileCommand::Save);
    h.run();
    assert!(matches!(&h.state().modal, Some(Modal::Error(e)) if e.contains("another Tolk")));
    sleeper.kill().unwrap();
    sleeper.wait().unwrap();
}

/// The window with File > New from texts open on `kapitel.txt` and `chapter.txt` (written into
/// `dir` with these texts), the last languages used being sv and en.
fn new_project_form(dir: &Path, source: &str, target: &str) -> Harness<'static, TolkApp> {
    let (source_path, target_path) = (dir.join("kapitel.txt"), dir.join("chapter.txt"));
    std::fs::write(&source_path, source).unwrap();
    std::fs::write(&target_path, target).unwrap();
    let mut app = app_on(
        dir,
        sample_rows(),
        vec![Some(source_path), Some(target_path)],
    );
    app.settings.source_lang = "sv".into();
    app.settings.target_lang = "en".into();
    let mut h = harness(app);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("New from texts…").click();
    h.run();
    h.run();
    h
}

/// File > New from texts asks for the title and both languages; the languages are checked by
/// the core's BCP 47 rules (a repairable `sv_SE` is taken as `sv-SE`, a path is refused) and
/// the project is built with them, not with fixed ones.
#[test]
fn a_new_project_from_texts_takes_the_languages_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = new_project_form(dir.path(), "Ett. Två.\n", "Eins. Zwei.\n");
    let Some(Modal::NewProject(form)) = &mut h.state_mut().modal else {
        panic!("the window asks for title and languages");
    };
    assert_eq!(form.title, "kapitel");
    assert_eq!(
        (form.source_lang.as_str(), form.target_lang.as_str()),
        ("sv", "en")
    );
    form.source_lang = "sv_SE".into();
    form.target_lang = "/../x".into();
    h.run();
    assert!(
        h.query_by_label_contains("Target language: \"/../x\" is not a language tag")
            .is_some(),
        "the problem is shown"
    );
    assert!(
        h.get_by_label("Create").accesskit_node().is_disabled(),
        "nothing to create yet"
    );
    let Some(Modal::NewProject(form)) = &mut h.state_mut().modal else {
        unreachable!()
    };
    form.target_lang = "de".into();
    h.run();
    h.get_by_label("Create").click();
    h.run();
    h.run();
    let project = project(&h);
    assert_eq!(
        (
            project.meta.source_lang.as_str(),
            project.meta.target_lang.as_str()
        ),
        ("sv-SE", "de")
    );
    assert_eq!(project.meta.title, "kapitel");
    assert_eq!(project.rows.len(), 2);
    assert_eq!(project.rows[1].target, "Zwei.");
    assert_eq!(
        (
            h.state().settings.source_lang.as_str(),
            h.state().settings.target_lang.as_str()
        ),
        ("sv-SE", "de"),
        "the next new project starts with these languages"
    );
}

/// File > New takes the project's own segmentation: a rules file typed into the form and
/// lenient mode are read when the project is built and kept in it; a rules file that does not
/// parse fails the import with its name and line, and nothing is opened.
#[test]
fn a_new_project_from_texts_keeps_the_rules_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = new_project_form(
        dir.path(),
        "Se anf. Arbete sid. 3. Sedan kom det.\n",
        "See the work cited, p. 3. Then it came.\n",
    );
    let (source, target) = (
        dir.path().join("kapitel.txt"),
        dir.path().join("chapter.txt"),
    );
    let rules = dir.path().join("sv-rules.txt");
    std::fs::write(&rules, "anf.\n").unwrap();
    h.get_by_label("Source rules file").focus();
    h.run();
    h.get_by_label("Source rules file")
        .type_text(rules.to_str().unwrap());
    h.run();
    h.get_by_label_contains("Lenient").click();
    h.run();
    h.get_by_label("Create").click();
    h.run();
    h.run();
    let made = project(&h);
    assert_eq!(made.meta.segmentation.source_rules, "anf.\n");
    assert!(made.meta.segmentation.lenient);
    assert_eq!(
        made.rows
            .iter()
            .map(|r| r.source.as_str())
            .collect::<Vec<_>>(),
        ["Se anf. Arbete sid. 3.", "Sedan kom det."],
        "cut with the rules"
    );

    std::fs::write(&rules, "anf\n").unwrap();
    h.state_mut().push(FileCommand::NewFromTexts {
        source: source.clone(),
        target: Some(target.clone()),
    });
    h.run();
    h.run();
    h.get_by_label("Source rules file").focus();
    h.run();
    h.get_by_label("Source rules file")
        .type_text(rules.to_str().unwrap());
    h.run();
    h.get_by_label("Create").click();
    h.run();
    h.run();
    assert!(
        matches!(&h.state().modal, Some(Modal::Error(e)) if e.contains("sv-rules.txt") && e.contains("line 1")),
        "{:?}",
        h.state().modal
    );
    assert_eq!(
        project(&h).meta.segmentation.source_rules,
        "anf.\n",
        "the project open before stays"
    );
}

/// Alignment > Segmentation rules… shows the project's own rules, checks them as they are
/// typed (a line that is no rule names its line, and Apply waits), and Apply changes them by
/// one edit that Undo takes back.
#[test]
fn the_segmentation_rules_are_changed_in_the_window_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_on(dir.path(), sample_rows(), vec![]));
    h.get_by_label("Alignment").click();
    h.run();
    h.get_by_label("Segmentation rules…").click();
    h.run();
    h.run();
    h.get_by_label("Source rules").focus();
    h.run();
    h.get_by_label("Source rules").type_text("anf");
    h.run();
    assert!(
        h.query_by_label_contains("source_rules: line 1").is_some(),
        "the problem is shown"
    );
    assert!(h.get_by_label("Apply").accesskit_node().is_disabled());
    h.get_by_label("Source rules").type_text(".");
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    assert_eq!(project(&h).meta.segmentation.source_rules, "anf.");
    assert!(h.state().modal.is_none());
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert!(project(&h).meta.segmentation.is_default(), "undone");
}

/// File > New's rules files can be chosen with a file dialog (which starts in the source
/// text's folder) instead of typed.
#[test]
fn a_rules_file_is_chosen_in_a_dialog_for_a_new_project() {
    let dir = tempfile::tempdir().unwrap();
    let texts = dir.path().join("texts");
    std::fs::create_dir(&texts).unwrap();
    let rules = texts.join("sv-rules.txt");
    std::fs::write(&rules, "anf.\n").unwrap();
    let mut h = new_project_form(
        &texts,
        "Se anf. Arbete sid. 3. Sedan kom det.\n",
        "See the work cited, p. 3. Then it came.\n",
    );
    let dialogs = ScriptedDialogs::answering(vec![Some(rules.clone())]);
    let asked = dialogs.asked.clone();
    h.state_mut().files.dialogs = Box::new(dialogs);
    h.get_all_by_label("Choose…").next().unwrap().click();
    h.run();
    h.run();
    assert_eq!(asked.borrow()[0].folder.as_deref(), Some(texts.as_path()));
    let Some(Modal::NewProject(form)) = &h.state().modal else {
        panic!("the form stays open");
    };
    assert_eq!(form.source_rules, rules.display().to_string());
    assert_eq!(form.target_rules, "");
    h.get_by_label("Create").click();
    h.run();
    h.run();
    assert_eq!(project(&h).meta.segmentation.source_rules, "anf.\n");
    assert_eq!(project(&h).rows[0].source, "Se anf. Arbete sid. 3.");
}

/// Segmentation rules… reads a side's rules from a file into its text, checked as typing is;
/// a file that is not text is named in the status bar and the text stays.
#[test]
fn segmentation_rules_are_read_from_a_file_into_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let (good, bad) = (dir.path().join("en.txt"), dir.path().join("bad.txt"));
    std::fs::write(&good, "anon.\nrev.\n").unwrap();
    std::fs::write(&bad, b"anf.\n\xff\xfe\n").unwrap();
    let answers = vec![Some(good.clone()), Some(bad.clone())];
    let mut h = harness(app_on(dir.path(), sample_rows(), answers));
    h.get_by_label("Alignment").click();
    h.run();
    h.get_by_label("Segmentation rules…").click();
    h.run();
    h.run();
    h.get_all_by_label("Read from a file…")
        .nth(1)
        .unwrap()
        .click();
    h.run();
    h.run();
    let form = |h: &Harness<'static, TolkApp>| match &h.state().modal {
        Some(Modal::Segmentation(form)) => form.clone(),
        _ => panic!("the form stays open"),
    };
    assert_eq!(form(&h).target_rules, "anon.\nrev.\n");
    assert_eq!(form(&h).source_rules, "");
    h.get_all_by_label("Read from a file…")
        .next()
        .unwrap()
        .click();
    h.run();
    h.run();
    assert_eq!(
        form(&h).source_rules,
        "",
        "nothing read from a file that is not text"
    );
    let message = h.state().message.clone().unwrap_or_default();
    assert!(
        message.contains("bad.txt") && message.contains("UTF-8"),
        "{message}"
    );
    h.get_by_label("Apply").click();
    h.run();
    assert_eq!(project(&h).meta.segmentation.target_rules, "anon.\nrev.\n");
}

/// A window on `rows` with Alignment > Segmentation rules… open and "anf." and "anon." typed
/// as the two sides' rules, not yet applied.
fn rules_typed_for_rows_cut_at_them(
    dir: &Path,
    rows: &[(&str, &str)],
) -> Harness<'static, TolkApp> {
    let rows = (rows.iter())
        .map(|&(s, t)| ImportedRow {
            source: s.into(),
            target: t.into(),
            ..ImportedRow::default()
        })
        .collect();
    let mut h = harness(app_on(dir, rows, vec![]));
    h.get_by_label("Alignment").click();
    h.run();
    h.get_by_label("Segmentation rules…").click();
    h.run();
    h.run();
    for (field, rules) in [("Source rules", "anf."), ("Target rules", "anon.")] {
        h.get_by_label(field).focus();
        h.run();
        h.get_by_label(field).type_text(rules);
        h.run();
    }
    h
}

/// Rules that now know an abbreviation act on rows cut apart at it only when the rows of each
/// paragraph are cut again: Alignment > Cut sentences again across rows and realign.
#[test]
fn rows_cut_at_an_abbreviation_come_together_when_cut_again_with_new_rules() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = rules_typed_for_rows_cut_at_them(
        dir.path(),
        &[
            ("Lenin skrev det i anf.", "Lenin wrote it in anon."),
            ("Arbete, sid. 3.", "Work, p. 3."),
            ("Sedan kom kriget.", "Then came the war."),
        ],
    );
    h.get_by_label("Apply").click();
    h.run();
    // The first two rows were confirmed: cutting again says that their status is gone.
    for row in [0, 1] {
        let row = project(&h).rows[row].id;
        let status = Status::Translated;
        h.state_mut()
            .push(AppCommand::Edit(Edit::SetStatus { row, status }));
    }
    h.run();
    // A plain realign keeps every row boundary as a sentence boundary.
    h.get_by_label("Alignment").click();
    h.run();
    h.get_by_label("Realign all unlocked rows").click();
    h.run();
    h.run();
    assert_eq!(targets(&h).len(), 3);
    h.get_by_label("Alignment").click();
    h.run();
    h.get_by_label("Cut sentences again across rows and realign")
        .click();
    h.run();
    h.run();
    assert_eq!(
        targets(&h),
        ["Lenin wrote it in anon. Work, p. 3.", "Then came the war."]
    );
    assert_eq!(
        project(&h).rows[0].source,
        "Lenin skrev det i anf. Arbete, sid. 3."
    );
    let message = h.state().message.clone().unwrap_or_default();
    assert!(
        message.contains("2 translated or reviewed rows were replaced by draft rows"),
        "{message}"
    );
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(targets(&h).len(), 3, "one undo step");
}

/// The Segmentation rules dialog's "Apply and cut again" does both at once: the rules, then
/// the rows cut again across rows with them (two undo steps).
#[test]
fn apply_and_cut_again_joins_the_rows_with_the_new_rules() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = rules_typed_for_rows_cut_at_them(
        dir.path(),
        &[
            ("Lenin skrev det i anf.", "Lenin wrote it in anon."),
            ("Arbete, sid. 3.", "Work, p. 3."),
        ],
    );
    h.get_by_label("Apply and cut again").click();
    h.run();
    h.run();
    h.run();
    assert_eq!(targets(&h), ["Lenin wrote it in anon. Work, p. 3."]);
    assert_eq!(project(&h).meta.segmentation.source_rules, "anf.");
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(targets(&h).len(), 2, "the cut undone first");
    assert_eq!(project(&h).meta.segmentation.source_rules, "anf.");
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert!(project(&h).meta.segmentation.is_default(), "then the rules");
}

/// Work that writes files (saving, exporting, autosaving) cannot be cancelled, so the status
/// bar offers no Cancel for it; opening, importing and realigning can (their result is only
/// dropped).
#[test]
fn only_work_that_writes_nothing_offers_cancel() {
    use tolk::ui::{Cancel, JobOutput};
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_on(dir.path(), sample_rows(), vec![]));
    let (release, wait) = std::sync::mpsc::channel::<()>();
    h.state_mut()
        .files
        .jobs
        .spawn("Saving", Cancel::Never, None, move |_| {
            let _ = wait.recv();
            JobOutput::Autosaved(Ok(()))
        });
    h.run_steps(2);
    assert!(h.query_by_label("Saving").is_some());
    assert!(
        h.query_by_label("Cancel").is_none(),
        "a save cannot be cancelled"
    );
    release.send(()).unwrap();
    let (release, wait) = std::sync::mpsc::channel::<()>();
    h.state_mut()
        .files
        .jobs
        .spawn("Opening", Cancel::Allowed, None, move |_| {
            let _ = wait.recv();
            JobOutput::Autosaved(Ok(()))
        });
    h.run_steps(2);
    assert!(
        h.query_by_label("Cancel").is_some(),
        "opening can be cancelled"
    );
    release.send(()).unwrap();
}

/// Saving over a read-only (0444) project file writes nothing and offers a way on: Save as
/// opens the save dialog (in the project's folder, with the project's name suggested).
#[test]
fn saving_over_a_read_only_file_offers_save_as() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("mine.json");
    let dialogs = ScriptedDialogs::answering(vec![Some(copy.clone())]);
    let asked = dialogs.asked.clone();
    let mut app = app_on(dir.path(), sample_rows(), vec![]);
    app.files.dialogs = Box::new(dialogs);
    let mut h = harness(app);
    let path = dir.path().join("p.json");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    type_and_commit(&mut h, "My work.");
    h.key_press_modifiers(CTRL, Key::S);
    h.run();
    assert!(
        matches!(&h.state().modal, Some(Modal::ReadOnlyFile { path: p }) if *p == path),
        "{:?}",
        h.state().modal
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
    h.get_by_label("Save as…").click();
    h.run();
    h.run();
    let ask = asked.borrow()[0].clone();
    assert_eq!(ask.request, tolk::ui::DialogRequest::SaveProjectAs);
    assert_eq!(ask.folder.as_deref(), Some(dir.path()));
    assert_eq!(ask.name.as_deref(), Some("p.json"));
    assert_eq!(
        tolk::load_project(&copy).unwrap().project.rows[0].target,
        "My work."
    );
    assert!(!h.state().doc.as_ref().unwrap().is_dirty());
    // Cancel leaves everything as it was.
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o444)).unwrap();
    type_and_commit(&mut h, " More.");
    h.key_press_modifiers(CTRL, Key::S);
    h.run();
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().modal.is_none());
    assert!(h.state().doc.as_ref().unwrap().is_dirty());
}

/// The review list shows each change with a snippet of its word diff; Alt+Page Down goes to
/// the next change, Alt+Enter accepts it and moves on, Alt+Backspace reverts.
#[test]
fn review_by_keyboard_with_snippets_in_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_on(dir.path(), sample_rows(), vec![]));
    h.state_mut()
        .push(tolk::ui::ViewCommand::Show(tolk::ui::Panel::Review, true));
    h.run();
    h.get_by_label("New milestone").focus();
    h.get_by_label("New milestone").type_text("sent");
    h.run();
    h.get_by_label("Add").click();
    h.run();
    std::thread::sleep(Duration::from_millis(5));
    type_and_commit(&mut h, "The dictatorship of the proletariat.");
    type_and_commit(&mut h, " Really.");
    let listed =
        h.query_by_label_contains("row 1 · edited · • · The dictatorship of the proletariat.");
    assert!(listed.is_some(), "the list shows the change's text");
    assert!(
        h.query_by_label_contains("row 2 · edited · • · The dictatorship is inevitable.")
            .is_some()
    );
    const ALT: Modifiers = Modifiers::ALT;
    h.key_press_modifiers(ALT, Key::PageDown);
    h.run();
    assert_eq!(h.state().selected_index(), Some(0));
    h.key_press_modifiers(ALT, Key::Enter);
    h.run();
    assert_eq!(project(&h).rows[0].status, Status::Reviewed);
    assert_eq!(
        h.state().selected_index(),
        Some(1),
        "accepting moved on to the next change"
    );
    h.key_press_modifiers(ALT, Key::Backspace);
    h.run();
    assert_eq!(
        project(&h).rows[1].target,
        "The dictatorship is inevitable."
    );
    assert!(
        h.query_by_label_contains("1 accepted · 1 reverted · 0 remaining")
            .is_some()
    );
}

/// Steps frames until `label` shows (a dialog answered on a helper thread), at most ~2 s.
fn step_until(h: &mut Harness<'_, TolkApp>, label: &str) {
    for _ in 0..200 {
        h.step();
        if h.query_by_label(label).is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("{label} never showed");
}

/// Where the system has no file dialog (no desktop portal, no zenity: `rfd` then answers
/// "cancelled" at once), Tolk's own dialog opens instead and says why; it starts in the
/// project's folder, suggests the project's name, asks before replacing a file, and says
/// when a folder cannot be read.
#[test]
fn without_a_system_dialog_tolks_own_opens_and_never_fails_silently() {
    fn no_portal(_: &tolk::ui::Ask) -> Option<PathBuf> {
        None
    }
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path(), sample_rows(), vec![]);
    app.files.dialogs = Box::new(tolk::ui::NativeDialogs::with_system(no_portal));
    let mut h = harness(app);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Save as…").click();
    step_until(&mut h, "File name");
    assert!(
        h.state()
            .message
            .as_deref()
            .is_some_and(|m| m.contains("No system file dialog here")),
        "{:?}",
        h.state().message
    );
    assert!(h.query_by_label("Save the project as").is_some());
    let folder = h.query_by_label("Folder").unwrap();
    assert_eq!(
        folder.accesskit_node().value().as_deref(),
        Some(dir.path().to_str().unwrap()),
        "starts in the project's folder"
    );
    let name = h.get_by_label("File name");
    assert_eq!(name.accesskit_node().value().as_deref(), Some("p.json"));
    // The suggested name is the project's own file: saving asks before replacing it.
    h.get_by_label("Save").click();
    h.run();
    assert!(h.query_by_label_contains("exists. Replace it?").is_some());
    h.get_by_label("Keep it").click();
    h.run();
    h.get_by_label("File name").focus();
    h.key_press_modifiers(CTRL, Key::A);
    h.get_by_label("File name").type_text("copy");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    h.run();
    let copy = dir.path().join("copy.json");
    assert!(copy.exists(), "saved as copy.json");
    assert_eq!(h.state().doc.as_ref().unwrap().path(), Some(copy.as_path()));

    // Open: the listing offers the projects; an unreadable folder says so.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Open…").click();
    h.run();
    assert!(h.query_by_label("p.json").is_some() && h.query_by_label("copy.json").is_some());
    h.get_by_label("Folder").focus();
    h.key_press_modifiers(CTRL, Key::A);
    h.get_by_label("Folder").type_text("/no/such/folder");
    h.run();
    h.get_by_label("Go").click();
    h.run();
    assert!(
        h.query_by_label_contains("Cannot open the folder /no/such/folder")
            .is_some()
    );
    h.get_by_label("p.json").click();
    h.run();
    h.get_by_label("Open").click();
    h.run();
    h.run();
    assert_eq!(
        h.state().doc.as_ref().unwrap().path(),
        Some(dir.path().join("p.json").as_path())
    );
}

/// A one-line row with marks under its number (paragraph start, a note, findings) is made tall
/// enough for them: the marks end above the next row instead of being cut off by it.
#[test]
fn marks_under_the_row_number_are_not_cut_off_by_the_next_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = sample_rows();
    rows[1].starts_paragraph = true;
    let h = harness(app_on(dir.path(), rows, vec![]));
    let mark = h.get_by_label("Row 2 starts a paragraph").rect();
    let row = h.get_by_label("Row 2: draft").rect();
    let next = h.get_by_label("Row 3: draft").rect();
    assert!(mark.top() > row.top(), "the mark is under the row number");
    assert!(
        mark.bottom() <= next.top(),
        "the paragraph mark ({mark:?}) reaches into the next row (from {})",
        next.top()
    );
}

/// Every part of a row says what it is (tooltip and accessible name): status, paragraph mark,
/// padlock, confidence. Right-click gives the row's actions; copy source to target, mark
/// reviewed and back to draft work from the keyboard too. A locked row's text still takes
/// typing, and its cell says what the lock means.
#[test]
fn row_parts_say_what_they_are_and_the_context_menu_acts_on_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = sample_rows();
    rows[1].starts_paragraph = true;
    rows[1].score = Some(0.42);
    let mut app = app_on(dir.path(), rows, vec![]);
    let second = app.doc.as_ref().unwrap().project().rows[1].id;
    app.push(AppCommand::Edit(Edit::SetLocked {
        row: second,
        locked: true,
    }));
    let mut h = harness(app);
    assert!(h.query_by_label("Row 2: draft").is_some());
    assert!(h.query_by_label("Row 2 starts a paragraph").is_some());
    assert!(
        h.query_by_label_contains("Row 2: alignment locked")
            .is_some()
    );
    assert!(
        h.query_by_label("Row 2: aligner's confidence 0.42 (low: check this row)")
            .is_some()
    );
    // Right-click row 3's source: the row is selected and its actions are offered.
    h.get_by_label("Ett. Två.").click_secondary();
    h.run();
    assert_eq!(h.state().selected_index(), Some(2));
    h.get_by_label_contains("Merge with next row").click();
    h.run();
    assert_eq!(
        project(&h).rows[2].source,
        "Ett. Två. Demokratin och diktaturen."
    );
    // A row without a translation cannot be marked reviewed: the refusal is shown.
    h.state_mut().push(RowCommand::Select(0));
    h.run();
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Mark reviewed").click();
    h.run();
    assert!(
        h.state()
            .message
            .as_deref()
            .is_some_and(|m| m.contains("has no translation")),
        "{:?}",
        h.state().message
    );
    // Copy source to target, then mark reviewed and back to draft by keyboard.
    h.state_mut().push(RowCommand::Select(0));
    h.run();
    h.key_press_modifiers(
        Modifiers {
            shift: true,
            ..CTRL
        },
        Key::Insert,
    );
    h.run();
    assert_eq!(project(&h).rows[0].target, "Proletariatets diktatur.");
    assert_eq!(project(&h).rows[0].status, Status::Draft);
    h.key_press_modifiers(
        Modifiers {
            shift: true,
            ..CTRL
        },
        Key::Enter,
    );
    h.run();
    assert_eq!(project(&h).rows[0].status, Status::Reviewed);
    h.key_press_modifiers(
        Modifiers {
            shift: true,
            ..CTRL
        },
        Key::D,
    );
    h.run();
    assert_eq!(project(&h).rows[0].status, Status::Draft);
    // The locked row takes typing; merging it is refused with the reason.
    h.state_mut().push(RowCommand::Select(1));
    h.run();
    type_and_commit(&mut h, " Typed.");
    assert_eq!(
        project(&h).rows[1].target,
        "The dictatorship is inevitable. Typed."
    );
    h.state_mut().push(RowCommand::Select(1));
    h.run();
    h.key_press_modifiers(CTRL, Key::M);
    h.run();
    assert!(
        h.state()
            .message
            .as_deref()
            .is_some_and(|m| m.contains("is locked: unlock it")),
        "{:?}",
        h.state().message
    );
}

/// A click into a cell puts the caret where it landed (and edits that side); moving between
/// rows with Ctrl+Up/Down puts it at the end of the text, not where an earlier visit left it.
#[test]
fn the_caret_goes_where_the_click_lands_and_rows_open_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_on(dir.path(), sample_rows(), vec![]));
    let cell = h.get_by_label("Diktaturen är oundviklig.");
    let rect = cell.rect();
    let at = eframe::egui::pos2(rect.left() + 2.0, rect.center().y);
    for pressed in [true, false] {
        h.input_mut()
            .events
            .push(eframe::egui::Event::PointerMoved(at));
        h.input_mut()
            .events
            .push(eframe::egui::Event::PointerButton {
                pos: at,
                button: eframe::egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::default(),
            });
    }
    h.run();
    let editor = h.state().editor.clone().unwrap();
    assert_eq!(h.state().selected_index(), Some(1));
    assert_eq!(editor.side, Side::Source, "the clicked side is edited");
    assert_eq!(
        editor.cursor,
        Some(0),
        "the caret is where the click landed"
    );
    h.key_press_modifiers(CTRL, Key::ArrowDown);
    h.run();
    h.key_press_modifiers(CTRL, Key::ArrowUp);
    h.run();
    let editor = h.state().editor.clone().unwrap();
    assert_eq!(editor.side, Side::Target);
    assert_eq!(
        editor.cursor,
        Some("The dictatorship is inevitable.".chars().count()),
        "arriving by keyboard puts the caret at the end"
    );
}

/// Find: the default scope is the target; a match in the edited side is selected in the
/// cell; a match in the source does not switch the row into source editing.
#[test]
fn find_selects_the_match_and_leaves_the_edited_side_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_on(dir.path(), sample_rows(), vec![]));
    h.key_press_modifiers(CTRL, Key::F);
    h.run();
    h.get_by_label("Find").focus();
    h.get_by_label("Find").type_text("dictatorship");
    h.run();
    h.get_by_label("Next").click();
    h.run();
    assert_eq!(h.state().selected_index(), Some(1));
    let editor = h.state().editor.clone().unwrap();
    assert_eq!(editor.side, Side::Target);
    let id = eframe::egui::Id::unique(("cell", editor.row.0, "target"));
    let state = eframe::egui::text_edit::TextEditState::load(&h.ctx, id).unwrap();
    let range = state.cursor.char_range().unwrap();
    // The window selects the match (4..16); egui keeps only the caret end of a selection in
    // a field without IME events, as under the test harness: the caret is at the match, not
    // at the end of the cell (31) where a plain jump leaves it.
    assert_eq!(range.primary.index.0, 16, "the caret is at the match");
    // Search the source for "Ett": the row is selected, its target stays the edited side.
    h.get_by_label("Find").focus();
    h.key_press_modifiers(CTRL, Key::A);
    h.get_by_label("Find").type_text("Ett");
    h.run();
    h.state_mut().panels.find.query.scope = tolk::Scope::Source;
    h.run();
    h.get_by_label("Next").click();
    h.run();
    assert_eq!(h.state().selected_index(), Some(2));
    assert_eq!(h.state().editor.as_ref().unwrap().side, Side::Target);
    // Whole word: "diktatur" is inside "diktaturen" but a word of its own in row 1.
    h.state_mut().panels.find.query = tolk::Query {
        pattern: "diktatur".into(),
        whole_word: true,
        scope: tolk::Scope::Source,
        ..tolk::Query::default()
    };
    h.state_mut().panels.find.current = None;
    h.run();
    assert!(h.query_by_label_contains("1 matches").is_some());
}

/// The alignment map of a big project is a summary per pixel line, not a solid band: marks are
/// bounded by the map's height, the rows in view are shown, and a click still jumps.
#[test]
fn the_map_of_a_big_project_is_aggregated_and_shows_the_viewport() {
    let rows: Vec<ImportedRow> = (0..20_000)
        .map(|i| ImportedRow {
            source: format!("Mening {i}."),
            target: format!("Sentence {i}."),
            score: Some((i % 10) as f32 / 10.0),
            ..ImportedRow::default()
        })
        .collect();
    let mut project = Project::new("big", "sv", "en");
    project.append_imported(rows);
    let mut app = TolkApp::new(
        Settings {
            show_map: true,
            ..Settings::default()
        },
        Box::new(ScriptedDialogs::default()),
    );
    app.files.background = false;
    app.set_document(Document::unsaved(project));
    let mut h = harness(app);
    let marks = h.state().map_marks_drawn();
    assert!(
        (1..=800).contains(&marks),
        "{marks} marks for 20,000 rows, half of them low in confidence"
    );
    assert!(
        h.query_by_label_contains("Alignment map: rows 1–")
            .is_some()
    );
    h.state_mut().push(RowCommand::JumpTo(15_000));
    h.run();
    let map = h.get_by_label_contains("Alignment map: rows ");
    let described = map.accesskit_node().label().unwrap_or_default();
    let first: usize = described
        .trim_start_matches("Alignment map: rows ")
        .split('–')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        (14_950..=15_000).contains(&first) && described.contains("of 20000 in view"),
        "the viewport band follows the grid: {described}"
    );
    // A click near the top of the map jumps back to the start of the book.
    let rect = map.rect();
    let at = eframe::egui::pos2(rect.left() + 20.0, rect.top() + 10.0);
    for pressed in [true, false] {
        h.input_mut()
            .events
            .push(eframe::egui::Event::PointerMoved(at));
        h.input_mut()
            .events
            .push(eframe::egui::Event::PointerButton {
                pos: at,
                button: eframe::egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::default(),
            });
    }
    h.run();
    assert!(h.state().selected_index().unwrap() < 2_000);
}

/// With every panel open (find and replace, filters, history and review, map) at 1280x800,
/// the sample project's grid still shows at least eight whole rows; history and review share
/// one dock as tabs, which folds to its tab bar.
#[test]
fn all_panels_open_leave_eight_rows_of_the_sample_in_view() {
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/kamenev-proletariatets-diktatur.json");
    let project = tolk::load_project(&sample).unwrap().project;
    let mut app = TolkApp::new(
        Settings {
            show_map: true,
            ..Settings::default()
        },
        Box::new(ScriptedDialogs::default()),
    );
    app.files.background = false;
    app.set_document(Document::unsaved(project));
    let mut h = harness(app);
    use tolk::ui::{FindCommand, Panel, ViewCommand};
    h.state_mut().push(FindCommand::Show { replace: true });
    h.state_mut().push(ViewCommand::Show(Panel::Filters, true));
    h.state_mut().push(ViewCommand::Show(Panel::History, true));
    h.state_mut().push(ViewCommand::Show(Panel::Review, true));
    h.run();
    h.run();
    assert!(h.query_by_label("History").is_some() && h.query_by_label("Review").is_some());
    assert!(
        h.query_by_label_contains(" changed · ").is_some(),
        "the review tab is in front"
    );
    let rows = h.state().rows_in_view();
    eprintln!("whole rows in view with every panel open: {rows}");
    assert!(rows >= 8, "{rows} whole rows in view with every panel open");
    // Folding the dock gives the grid more room.
    h.get_by_label("Fold").click();
    h.run();
    h.run();
    assert!(h.state().rows_in_view() > rows);
}

/// Splitting a glued row at the cursor in the target cuts the source at its matching clause
/// boundary (it used to send the whole source to the new row); with no boundary the source
/// stays in the first row and the window says so; Ctrl+Shift+K splits it at a word too.
#[test]
fn splitting_a_glued_row_cuts_both_sides_where_they_match() {
    let dir = tempfile::tempdir().unwrap();
    let rows = [
        (
            "Revolutionen segrade, och sedan kom freden",
            "The revolution won. Then came peace.",
        ),
        (
            "Arbetarna vann och sedan kom hungern",
            "The workers won. Then came hunger.",
        ),
    ]
    .map(|(s, t)| ImportedRow {
        source: s.into(),
        target: t.into(),
        ..ImportedRow::default()
    })
    .to_vec();
    let mut h = harness(app_on(dir.path(), rows, vec![]));
    place_cursor(&h, "The revolution won. ".len());
    h.run();
    h.key_press_modifiers(CTRL, Key::K);
    h.run();
    let texts: Vec<(String, String)> = project(&h)
        .rows
        .iter()
        .map(|r| (r.source.clone(), r.target.clone()))
        .collect();
    assert_eq!(
        texts[..2],
        [
            (
                "Revolutionen segrade,".to_string(),
                "The revolution won.".to_string()
            ),
            (
                "och sedan kom freden".to_string(),
                "Then came peace.".to_string()
            )
        ]
    );
    // No clause boundary: the source stays whole, and the window says why.
    h.state_mut().push(RowCommand::Select(2));
    h.run();
    place_cursor(&h, "The workers won. ".len());
    h.run();
    h.key_press_modifiers(CTRL, Key::K);
    h.run();
    assert_eq!(
        project(&h).rows[2].source,
        "Arbetarna vann och sedan kom hungern"
    );
    assert!(
        h.state()
            .message
            .as_deref()
            .is_some_and(|m| m.contains("stayed whole")),
        "{:?}",
        h.state().message
    );
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    h.state_mut().push(RowCommand::Select(2));
    h.run();
    place_cursor(&h, "The workers won. ".len());
    h.run();
    h.key_press_modifiers(
        Modifiers {
            shift: true,
            ..CTRL
        },
        Key::K,
    );
    h.run();
    let (first, second) = (&project(&h).rows[2], &project(&h).rows[3]);
    assert_eq!(
        (first.source.as_str(), second.source.as_str()),
        ("Arbetarna vann och", "sedan kom hungern")
    );
    assert_eq!(
        (first.target.as_str(), second.target.as_str()),
        ("The workers won.", "Then came hunger.")
    );
}
