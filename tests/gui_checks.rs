//! The translator's checks in the window, headless (egui_kittest): the checks panel, the live
//! check of the row being typed, spelling underlines and the word menu, the glossary and fuzzy
//! matches of the row assistant, notes, the concordance, statistics in the status bar, and the
//! document imports' cleanup report and DOCX changes export. Each test drives the real app
//! through its input and asserts both what the window shows and what the project holds.

use std::path::{Path, PathBuf};

use eframe::egui::{Key, Modifiers, accesskit::Role, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use tolk::ui::{AppCommand, Panel, RowCommand, ScriptedDialogs, Settings, TolkApp, ViewCommand};
use tolk::{CheckId, Document, Edit, ImportedRow, Project, Side, Status};

mod support;

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

/// A project of (source, target, status) rows in `sv` -> `en`, made by "setup".
fn project_of(rows: &[(&str, &str, Status)]) -> Project {
    let mut project = Project::new("checks in the window", "sv", "en");
    project.session.author = "setup".into();
    project.append_imported(rows.iter().map(|(s, t, _)| ImportedRow {
        source: s.to_string(),
        target: t.to_string(),
        ..ImportedRow::default()
    }));
    for (row, (_, _, status)) in project.rows.iter_mut().zip(rows) {
        row.status = *status;
    }
    project
}

/// Saves `project` as `dir/p.json` and opens it in an app whose author is "reviser", whose
/// own word list lives in `dir`, and whose file dialogs answer with `answers`.
fn app_on(dir: &Path, project: &Project, answers: Vec<Option<PathBuf>>) -> TolkApp {
    let path = dir.join("p.json");
    support::save_project(project, &path).unwrap();
    let (doc, _) = Document::open(&path).unwrap();
    let settings = Settings {
        author: "reviser".into(),
        show_map: false,
        user_words: Some(dir.join("my-words.txt")),
        ..Settings::default()
    };
    let mut app = TolkApp::new(settings, Box::new(ScriptedDialogs::answering(answers)));
    app.files.background = false;
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

fn project<'h>(h: &'h Harness<'_, TolkApp>) -> &'h Project {
    h.state().doc.as_ref().unwrap().project()
}

/// The (row number from 1, check) of every finding the window holds, in row order.
fn findings(h: &Harness<'_, TolkApp>) -> Vec<(usize, CheckId)> {
    let project = project(h);
    project
        .rows
        .iter()
        .enumerate()
        .flat_map(|(i, row)| {
            h.state()
                .qa
                .findings_of(row.id)
                .iter()
                .map(move |f| (i + 1, f.check))
        })
        .collect()
}

/// Clicks a menu entry: the menu, then the entry.
fn menu(h: &mut Harness<'_, TolkApp>, menu: &str, entry: &str) {
    h.get_by_label(menu).click();
    h.run();
    h.get_by_label_contains(entry).click();
    h.run();
}

/// Clicks the button labelled `button` on the same line as the text containing `line`.
fn click_on_line(h: &mut Harness<'_, TolkApp>, line: &str, button: &str) {
    let y = h.get_by_label_contains(line).rect().center().y;
    let found = h
        .query_all_by_label(button)
        .find(|b| (b.rect().center().y - y).abs() < 6.0)
        .unwrap_or_else(|| panic!("no {button} beside {line}"));
    found.click();
    h.run();
}

/// The rows the checks panel lists for one check, as it shows them ("row N · check · side").
fn listed(h: &Harness<'_, TolkApp>, check: &str) -> Vec<String> {
    h.query_all_by_label_contains(&format!(" · {check} · "))
        .filter_map(|n| n.accesskit_node().label())
        .filter(|l| l.starts_with("row "))
        .collect()
}

/// Planted errors on rows 2-5 (numbers differ, an empty translated target, a double space, an
/// unmatched bracket), clean rows around them.
fn planted() -> Project {
    project_of(&[
        (
            "Diktaturen är oundviklig.",
            "The dictatorship is inevitable.",
            Status::Translated,
        ),
        ("Det var år 1915.", "It was in 1914.", Status::Translated),
        ("Ett och två.", "", Status::Translated),
        (
            "Det regnar i dag.",
            "It is raining  today.",
            Status::Translated,
        ),
        (
            "Kriget (1914-1918) tog slut.",
            "The war (1914-1918 ended.",
            Status::Translated,
        ),
        ("Demokratin och diktaturen.", "", Status::Untranslated),
    ])
}

/// The checks panel lists the planted findings; a click selects the finding's row; "Ignore"
/// puts an ignore with the author's name into the project's QA settings and the finding
/// leaves the list; undo brings it back; switching a check off removes its findings, and that
/// is undoable too.
#[test]
fn the_checks_panel_lists_findings_jumps_ignores_and_switches_checks() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_on(dir.path(), &planted(), vec![]));
    menu(&mut h, "View", "Checks (QA findings)");
    let found = findings(&h);
    for planted in [
        (2, CheckId::Numbers),
        (3, CheckId::EmptyTarget),
        (4, CheckId::DoubleSpace),
        (5, CheckId::BracketsQuotes),
    ] {
        assert!(found.contains(&planted), "{planted:?} in {found:?}");
    }
    assert!(
        !found.iter().any(|(row, _)| *row == 1 || *row == 6),
        "nothing on the clean rows: {found:?}"
    );
    let numbers = listed(&h, "numbers");
    assert_eq!(
        numbers.len(),
        2,
        "1914 not in the source, 1915 not in the translation"
    );
    assert!(
        numbers
            .iter()
            .all(|l| l.starts_with("row 2 · numbers · target"))
    );
    assert!(listed(&h, "empty-target")[0].starts_with("row 3 · empty-target"));
    assert!(listed(&h, "double-space")[0].starts_with("row 4 · double-space"));
    assert!(listed(&h, "brackets-quotes")[0].starts_with("row 5 · brackets-quotes"));
    assert!(
        h.query_by_label_contains(&format!("Checks ({})", found.len()))
            .is_some(),
        "the tab counts the findings"
    );

    // A click on a finding selects its row.
    h.get_by_label_contains("row 4 · double-space").click();
    h.run();
    assert_eq!(h.state().selected_index(), Some(3));
    let editor = h
        .state()
        .editor
        .as_ref()
        .expect("the finding's cell is open");
    assert_eq!(
        (editor.row, editor.side),
        (project(&h).rows[3].id, Side::Target)
    );

    // Ignore "1914 is not in the source" on row 2.
    click_on_line(
        &mut h,
        "row 2 · numbers · target: the number 1914",
        "Ignore",
    );
    let ignored = &project(&h).qa.ignored;
    assert_eq!(ignored.len(), 1);
    assert_eq!(
        (
            ignored[0].check.as_str(),
            ignored[0].key.as_str(),
            ignored[0].by.as_str()
        ),
        ("numbers", "1914", "reviser")
    );
    assert_eq!(ignored[0].row, project(&h).rows[1].id);
    assert_eq!(
        listed(&h, "numbers"),
        ["row 2 · numbers · target: the number 1915 of the source is not in the translation"],
        "the ignored finding left the list"
    );
    assert!(h.query_by_label("Ignored (1)").is_some());

    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert!(
        project(&h).qa.ignored.is_empty(),
        "undo took the ignore back"
    );
    assert_eq!(
        listed(&h, "numbers").len(),
        2,
        "and the finding is listed again"
    );

    // Switch the double-space check off in the panel's settings.
    h.get_by_label("Settings").click();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "double-space")
        .click();
    h.run();
    assert_eq!(project(&h).qa.disabled, ["double-space"]);
    assert!(!findings(&h).contains(&(4, CheckId::DoubleSpace)));
    assert!(listed(&h, "double-space").is_empty());
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert!(project(&h).qa.disabled.is_empty());
    assert!(findings(&h).contains(&(4, CheckId::DoubleSpace)));
    assert_eq!(listed(&h, "double-space").len(), 1);
}

/// Typing "1914" over a source's "1915" shows the numbers finding for the row being edited in
/// the row assistant before anything is committed.
#[test]
fn the_live_check_sees_the_typed_text_before_it_is_committed() {
    let dir = tempfile::tempdir().unwrap();
    let rows = project_of(&[
        ("Det var år 1915.", "", Status::Untranslated),
        ("Ett och två.", "One and two.", Status::Translated),
    ]);
    let mut h = harness(app_on(dir.path(), &rows, vec![]));
    assert!(
        h.query_by_label("Checks (0)").is_some(),
        "{:?}",
        findings(&h)
    );
    h.get_by_label("Target (en)").focus();
    h.run();
    h.get_by_label("Target (en)").type_text("It was in 1914.");
    h.run();
    assert_eq!(project(&h).rows[0].target, "", "nothing committed yet");
    assert!(
        h.query_by_label("Checks (2)").is_some(),
        "the assistant counts the live findings"
    );
    assert!(
        h.query_by_label("the number 1914 is not in the source")
            .is_some()
    );
    assert!(
        h.query_by_label("the number 1915 of the source is not in the translation")
            .is_some()
    );
    assert!(
        findings(&h).is_empty(),
        "the project's findings wait for the commit"
    );
    // Correcting the typing clears it, still before the commit.
    h.get_by_label("Target (en)").focus();
    h.key_press_modifiers(CTRL, Key::A);
    h.get_by_label("Target (en)").type_text("It was in 1915.");
    h.run();
    assert!(h.query_by_label("Checks (0)").is_some());
}

/// Whether the Hunspell dictionaries CI installs are here (else the test is skipped, or fails
/// under `TOLK_REQUIRE_DICTIONARIES`).
fn dictionaries_installed() -> bool {
    let have = |name: &str| Path::new(&format!("/usr/share/hunspell/{name}.aff")).is_file();
    if have("en_US") || std::env::var_os("TOLK_DICTIONARIES").is_some() {
        return true;
    }
    support::skip_unless_required(
        "TOLK_REQUIRE_DICTIONARIES",
        "no Hunspell dictionary for en (hunspell-en-us) is installed",
    );
    false
}

/// A right-click at a point of the window (a word in a cell).
fn right_click_at(h: &mut Harness<'_, TolkApp>, pos: eframe::egui::Pos2) {
    h.event(eframe::egui::Event::PointerMoved(pos));
    for pressed in [true, false] {
        h.event(eframe::egui::Event::PointerButton {
            pos,
            button: eframe::egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::default(),
        });
    }
    h.run();
}

/// The first word of the cell showing `text`.
fn first_word_of(h: &Harness<'_, TolkApp>, text: &str) -> eframe::egui::Pos2 {
    let rect = h.get_by_label(text).rect();
    eframe::egui::pos2(rect.left() + 12.0, rect.center().y)
}

/// A misspelt target word is underlined in the grid; right-click gives the dictionary's
/// suggestions, and choosing one replaces the word as one typed revision (one undo step);
/// "add to the project's word list" stops it being flagged and is saved in the project.
#[test]
fn misspelt_words_are_underlined_and_their_menu_fixes_or_accepts_them() {
    if !dictionaries_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let rows = project_of(&[
        ("Jag tackar.", "I thank you.", Status::Translated),
        (
            "Jag fick brevet.",
            "Recieved the letter.",
            Status::Translated,
        ),
        ("Kamenjev talade.", "Kamenjev spoke.", Status::Translated),
    ]);
    let mut h = harness(app_on(dir.path(), &rows, vec![]));
    let spelling: Vec<_> = findings(&h)
        .into_iter()
        .filter(|(_, c)| *c == CheckId::Spelling)
        .collect();
    assert_eq!(spelling, [(2, CheckId::Spelling), (3, CheckId::Spelling)]);
    let ids: Vec<_> = project(&h).rows.iter().map(|r| r.id).collect();
    assert_eq!(
        h.state().qa.underlined(ids[1], Side::Target),
        Some(&[0.."Recieved".len()][..]),
        "the grid drew row 2's target with its misspelt word underlined"
    );
    assert_eq!(h.state().qa.underlined(ids[0], Side::Target), Some(&[][..]));
    assert_eq!(
        h.state().qa.underlined(ids[0], Side::Source),
        None,
        "the source is not spelt unless asked"
    );

    // Right-click the word: its suggestions; the first replaces it as one revision.
    let revisions = project(&h).rows[1].history.len();
    let word = first_word_of(&h, "Recieved the letter.");
    right_click_at(&mut h, word);
    assert_eq!(h.state().selected_index(), Some(1));
    assert!(
        h.query_by_label("“Recieved”").is_some(),
        "the menu names the word"
    );
    h.get_by_label("Received").click();
    h.run();
    let row = &project(&h).rows[1];
    assert_eq!(row.target, "Received the letter.");
    assert_eq!(row.history.len(), revisions + 1, "one revision");
    let last = row.history.last().unwrap();
    assert_eq!(
        (last.origin, last.author.as_str()),
        (tolk::Origin::Typed, "reviser")
    );
    assert!(!findings(&h).contains(&(2, CheckId::Spelling)));
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(
        project(&h).rows[1].target,
        "Recieved the letter.",
        "one undo step"
    );

    // Accept a name in this project: no longer flagged, and kept in the project file.
    let word = first_word_of(&h, "Kamenjev spoke.");
    right_click_at(&mut h, word);
    h.get_by_label("Add to the project's word list").click();
    h.run();
    assert_eq!(project(&h).qa.words, ["Kamenjev"]);
    assert!(
        !findings(&h).contains(&(3, CheckId::Spelling)),
        "{:?}",
        findings(&h)
    );
    assert_eq!(h.state().qa.underlined(ids[2], Side::Target), Some(&[][..]));
    h.key_press_modifiers(CTRL, Key::S);
    h.run();
    let saved = tolk::load_project(&dir.path().join("p.json"))
        .unwrap()
        .project;
    assert_eq!(saved.qa.words, ["Kamenjev"]);
}

/// Without a dictionary for the target's language the status bar says so, once: checking again
/// does not say it again, and the other checks still run.
#[test]
fn a_missing_dictionary_is_said_once_in_the_status_bar() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = project_of(&[("År 1920.", "En 1921.", Status::Translated)]);
    rows.meta.target_lang = "eo".into();
    let mut h = harness(app_on(dir.path(), &rows, vec![]));
    let said = "no Hunspell dictionary for eo found";
    assert!(
        h.query_by_label_contains(said).is_some(),
        "{:?}",
        h.state().message
    );
    assert!(findings(&h).contains(&(1, CheckId::Numbers)));
    h.state_mut().message = None;
    h.state_mut().push(tolk::ui::CheckCommand::Recheck);
    h.run();
    assert!(h.state().qa.analyses() >= 2, "checked again");
    assert!(h.query_by_label_contains(said).is_none(), "said once");
}
