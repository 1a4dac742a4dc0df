//! Helpers shared by the window tests (`tests/gui.rs`, `tests/gui_checks.rs`): an app on a
//! saved project, the headless harness that drives it, and the project it holds.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use eframe::egui::vec2;
use egui_kittest::Harness;
use tolk::ui::{ScriptedDialogs, Settings, TolkApp};
use tolk::{Document, Project};

/// Saves `project` as `dir/p.json` (through `Document`, as the app would) and opens it in an
/// app with `settings` whose file dialogs answer with `answers`; background work runs on the
/// test's thread.
pub fn app_on_project(
    dir: &Path,
    project: &Project,
    settings: Settings,
    answers: Vec<Option<PathBuf>>,
) -> TolkApp {
    let path = dir.join("p.json");
    crate::support::save_project(project, &path).unwrap();
    let (doc, _) = Document::open(&path).unwrap();
    let mut app = TolkApp::new(settings, Box::new(ScriptedDialogs::answering(answers)));
    app.files.background = false;
    app.set_document(doc);
    app
}

/// The 1280x800 headless window over `app`, run until it settles.
pub fn harness(app: TolkApp) -> Harness<'static, TolkApp> {
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut TolkApp| app.show(ui), app);
    harness.run();
    harness
}

/// The project the window holds.
pub fn project<'h>(harness: &'h Harness<'_, TolkApp>) -> &'h Project {
    harness.state().doc.as_ref().unwrap().project()
}
