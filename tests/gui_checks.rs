//! The translator's checks in the window, headless (egui_kittest): the checks panel, the live
//! check of the row being typed, spelling underlines and the word menu, the glossary and fuzzy
//! matches of the row assistant, notes, the concordance, statistics in the status bar, and the
//! document imports' cleanup report and DOCX changes export. Each test drives the real app
//! through its input and asserts both what the window shows and what the project holds.

use std::path::{Path, PathBuf};

use eframe::egui::{Key, Modifiers, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use tolk::ui::{RowCommand, ScriptedDialogs, Settings, TolkApp, ViewCommand};
use tolk::{CheckId, ImportedRow, Project, Side, Status};

mod gui_support;
mod support;

use gui_support::{app_on_project, harness, project};

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
    let settings = Settings {
        author: "reviser".into(),
        show_map: false,
        user_words: Some(dir.join("my-words.txt")),
        ..Settings::default()
    };
    app_on_project(dir, project, settings, answers)
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
    let found = h
        .query_all_by_label_contains(entry)
        .find(|n| matches!(n.accesskit_node().role(), Role::Button | Role::CheckBox))
        .unwrap_or_else(|| panic!("no {entry} in {menu}"));
    found.click();
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

/// The text a node shows (a label's is its value, other widgets' their name).
fn text_of(node: &egui_kittest::Node<'_>) -> Option<String> {
    let node = node.accesskit_node();
    match node.role() {
        Role::Label => node.value(),
        _ => node.label(),
    }
}

/// The texts shown on the same line as `anchor` (a hit's source and target beside its origin).
fn line_of(h: &Harness<'_, TolkApp>, anchor: &str) -> Vec<String> {
    let y = h.get_by_label(anchor).rect().center().y;
    h.query_all_by(|_| true)
        .filter(|n| {
            n.accesskit_node()
                .bounding_box()
                .is_some_and(|b| ((b.y0 + b.y1) as f32 / 2.0 - y).abs() < 8.0)
        })
        .filter_map(|n| text_of(&n))
        .collect()
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
        Some(
            &[std::ops::Range {
                start: 0,
                end: "Recieved".len()
            }][..]
        ),
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
    rows.meta.target_lang = "tlh".into();
    let mut h = harness(app_on(dir.path(), &rows, vec![]));
    let said = "no Hunspell dictionary for tlh found";
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

fn test_glossary() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/checks/glossary.tbx")
}

/// File > Add glossary… (through the file dialog) references the TBX in the project; the
/// selected row's source terms are listed with their translations, forbidden ones marked;
/// Ctrl+1 and Ctrl+2 insert the first and second term at the caret; the term check flags a
/// forbidden translation on another row.
#[test]
fn glossary_terms_of_the_row_are_listed_and_inserted_with_ctrl_and_a_number() {
    let dir = tempfile::tempdir().unwrap();
    let rows = project_of(&[
        (
            "Proletariatets diktatur under statens ledning.",
            "",
            Status::Untranslated,
        ),
        (
            "Vid statens ledning satt de.",
            "They sat at the direction of the state.",
            Status::Translated,
        ),
    ]);
    let mut h = harness(app_on(dir.path(), &rows, vec![Some(test_glossary())]));
    assert!(
        h.query_by_label("No glossary in use: File > Add glossary…")
            .is_some()
    );
    menu(&mut h, "File", "Add glossary…");
    let glossaries = &project(&h).qa.glossaries;
    assert_eq!(glossaries.len(), 1);
    assert!(
        glossaries[0].ends_with("tests/data/checks/glossary.tbx"),
        "{glossaries:?}"
    );
    assert!(
        h.state()
            .message
            .as_deref()
            .unwrap_or("")
            .contains("Using the glossary")
    );

    assert!(
        h.query_by_label("Glossary (2)").is_some(),
        "two terms in row 1's source"
    );
    assert!(h.query_by_label("diktatur").is_some() && h.query_by_label("dictatorship").is_some());
    assert!(h.query_by_label("statens ledning").is_some());
    assert!(h.query_by_label("government").is_some());
    // The forbidden translation is shown struck through, and says why when pointed at.
    h.get_by_label("direction of the state").hover();
    for _ in 0..40 {
        h.step();
        if h.query_by_label("Forbidden: the glossary says not to use this")
            .is_some()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        h.query_by_label("Forbidden: the glossary says not to use this")
            .is_some(),
        "the forbidden term is marked"
    );
    assert!(h.query_by_label("Ctrl+1").is_some() && h.query_by_label("Ctrl+2").is_some());
    assert!(
        findings(&h).contains(&(2, CheckId::Term)),
        "{:?}",
        findings(&h)
    );

    h.get_by_label("Target (en)").focus();
    h.run();
    h.get_by_label("Target (en)").type_text("The ");
    h.run();
    h.key_press_modifiers(CTRL, Key::Num1);
    h.run();
    h.get_by_label("Target (en)").type_text(" under the ");
    h.run();
    h.key_press_modifiers(CTRL, Key::Num2);
    h.run();
    assert_eq!(
        h.state().editor.as_ref().unwrap().text,
        "The dictatorship under the government",
        "each term went in at the caret"
    );
    h.key_press_modifiers(CTRL, Key::Enter);
    h.run();
    assert_eq!(
        project(&h).rows[0].target,
        "The dictatorship under the government"
    );
    assert!(
        !findings(&h).contains(&(1, CheckId::Term)),
        "{:?}",
        findings(&h)
    );
}

/// A note added from the row's context menu carries the author setting's name; the grid marks
/// the row and its tooltip says the note; undo takes it away; the assistant deletes one.
#[test]
fn notes_are_added_from_the_context_menu_marked_undone_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let rows = project_of(&[
        ("Ett.", "One.", Status::Translated),
        ("Koltjak kom.", "Kolchak came.", Status::Translated),
    ]);
    let mut h = harness(app_on(dir.path(), &rows, vec![]));
    h.get_by_label("Koltjak kom.").click_secondary();
    h.run();
    h.get_by_label("Add note…").click();
    h.run();
    let field = "Note (for you, a reviser, the next translator)";
    h.get_by_label(field)
        .type_text("Koltjak is the old spelling.");
    h.run();
    let add = h
        .query_all_by_label("Add note")
        .find(|b| !b.accesskit_node().is_disabled())
        .expect("the dialog's Add note (the assistant's is disabled while its field is empty)");
    add.click();
    h.run();
    let notes = &project(&h).rows[1].notes;
    assert_eq!(notes.len(), 1);
    assert_eq!(
        (notes[0].author.as_str(), notes[0].text.as_str()),
        ("reviser", "Koltjak is the old spelling.")
    );
    let marker = h.query_by_label_contains("Row 2: notes");
    let marker = marker.expect("the gutter marks the row");
    let said = marker.accesskit_node().value().unwrap();
    assert!(
        said.contains("reviser (") && said.ends_with("Koltjak is the old spelling."),
        "{said}"
    );
    assert!(
        h.query_by_label("Notes (1)").is_some(),
        "the assistant lists it"
    );

    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert!(project(&h).rows[1].notes.is_empty());
    assert!(
        h.query_by_label_contains("Row 2: notes").is_none(),
        "the mark went"
    );
    h.key_press_modifiers(CTRL, Key::Y);
    h.run();
    assert_eq!(project(&h).rows[1].notes.len(), 1);

    // Delete it from the assistant (the row is selected).
    assert_eq!(h.state().selected_index(), Some(1));
    h.get_by_label("Delete").click();
    h.run();
    assert!(project(&h).rows[1].notes.is_empty());
    assert!(h.query_by_label("Notes (0)").is_some());
}

/// A small translation memory as another tool writes it (TMX 1.4).
const MEMORY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="OmegaT" creationtoolversion="6.0" segtype="sentence" o-tmf="OmegaT TMX" adminlang="en-US" srclang="sv" datatype="plaintext"/>
  <body>
    <tu>
      <tuv xml:lang="sv"><seg>Diktaturen är helt oundviklig.</seg></tuv>
      <tuv xml:lang="en"><seg>The dictatorship is wholly inevitable.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="sv"><seg>Borgarklassens diktatur är förbi.</seg></tuv>
      <tuv xml:lang="en"><seg>The dictatorship of the bourgeoisie is over.</seg></tuv>
    </tu>
  </body>
</tmx>
"#;

/// Ctrl+Shift+F opens the concordance; a search shows the project's hits with both sides and a
/// click jumps to the row; once a memory is added through File > Add translation memory…, its
/// units are searched too, and a row whose source is close to a unit gets it as a fuzzy match
/// that Ctrl+Alt+1 puts into the target.
#[test]
fn the_concordance_searches_project_and_memories_and_fuzzy_matches_go_in_with_one_key() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("memory.tmx");
    std::fs::write(&tmx, MEMORY).unwrap();
    let rows = project_of(&[
        ("Ett.", "One.", Status::Translated),
        ("Diktaturen är oundviklig.", "", Status::Untranslated),
        (
            "Proletariatets diktatur kommer.",
            "The dictatorship of the proletariat comes.",
            Status::Translated,
        ),
    ]);
    let mut h = harness(app_on(dir.path(), &rows, vec![Some(tmx.clone())]));
    h.key_press_modifiers(CTRL_SHIFT, Key::F);
    h.run();
    assert!(h.state().panels.concordance.open);
    let field = h.get_by_role_and_label(Role::TextInput, "Concordance");
    assert!(field.is_focused(), "the search field has the keyboard");
    field.type_text("diktatur");
    h.run();
    h.get_by_label("Search").click();
    h.run();
    assert!(
        h.query_by_label("2 hits").is_some(),
        "two rows of the project (Diktaturen, diktatur)"
    );
    assert!(h.query_by_label("row 2").is_some());
    assert!(
        h.query_by_label("in the project (File > Add translation memory… adds memories)")
            .is_some()
    );
    assert!(h.query_by_label("row 3").is_some());
    let hit = line_of(&h, "row 3");
    assert!(
        hit.contains(&"Proletariatets diktatur kommer.".to_string())
            && hit.contains(&"The dictatorship of the proletariat comes.".to_string()),
        "both sides of the hit: {hit:?}"
    );
    h.get_by_label("row 3").click();
    h.run();
    assert_eq!(h.state().selected_index(), Some(2));

    menu(&mut h, "File", "Add translation memory…");
    assert_eq!(
        project(&h).qa.memories,
        ["memory.tmx"],
        "named beside the project"
    );
    h.get_by_label("Search").click();
    h.run();
    assert!(h.query_by_label("in the project and 1 memory").is_some());
    assert!(
        h.query_by_label("4 hits").is_some(),
        "the memory's two units too"
    );
    assert!(
        h.query_by_label("memory.tmx #1").is_some() && h.query_by_label("memory.tmx #2").is_some()
    );
    let hit = line_of(&h, "memory.tmx #2");
    assert!(
        hit.contains(&"Borgarklassens diktatur är förbi.".to_string())
            && hit.contains(&"The dictatorship of the bourgeoisie is over.".to_string()),
        "both sides of the memory's unit: {hit:?}"
    );

    // Row 2's source is close to the memory's first unit.
    h.state_mut().push(RowCommand::Select(1));
    h.run();
    assert!(h.query_by_label("Fuzzy matches (1)").is_some());
    assert!(h.query_by_label("Ctrl+Alt+1").is_some());
    h.key_press_modifiers(Modifiers { alt: true, ..CTRL }, Key::Num1);
    h.run();
    assert_eq!(
        h.state().editor.as_ref().unwrap().text,
        "The dictatorship is wholly inevitable."
    );
    h.key_press_modifiers(CTRL, Key::Enter);
    h.run();
    assert_eq!(
        project(&h).rows[1].target,
        "The dictatorship is wholly inevitable."
    );
}

/// The status bar's words per side and progress follow an edit, and are computed once per
/// change, not on every frame.
#[test]
fn statistics_in_the_status_bar_follow_edits_and_are_not_recomputed_every_frame() {
    let dir = tempfile::tempdir().unwrap();
    let rows = project_of(&[
        ("Ett två tre.", "One two three.", Status::Translated),
        ("Fyra fem.", "", Status::Untranslated),
    ]);
    let mut h = harness(app_on(dir.path(), &rows, vec![]));
    assert!(h.query_by_label("5 / 3 words").is_some());
    assert!(h.query_by_label("50% done").is_some());
    assert!(h.query_by_label("1 translated").is_some());
    let (_, computed) = h.state().statistics();
    for _ in 0..5 {
        h.step();
    }
    assert_eq!(
        h.state().statistics().1,
        computed,
        "five frames, nothing changed"
    );
    h.state_mut().push(RowCommand::Select(1));
    h.run();
    let computed = h.state().statistics().1;
    h.get_by_label("Target (en)").focus();
    h.run();
    h.get_by_label("Target (en)").type_text("Four five.");
    h.run();
    assert_eq!(
        h.state().statistics().1,
        computed,
        "typing not yet committed changes nothing"
    );
    h.key_press_modifiers(CTRL, Key::Enter);
    h.run();
    let (stats, after) = h.state().statistics();
    let stats = stats.unwrap();
    assert_eq!((stats.source.words, stats.target.words), (5, 5));
    assert!(after > computed, "computed again after the edit");
    assert!(h.query_by_label("5 / 5 words").is_some());
    assert!(h.query_by_label("100% done").is_some());
    assert!(h.query_by_label("2 translated").is_some());
    let settled = h.state().statistics().1;
    for _ in 0..5 {
        h.step();
    }
    assert_eq!(h.state().statistics().1, settled);
}

/// Every character the window's own texts use can be drawn with its fonts (egui draws a box,
/// "tofu", for one it has no glyph for: an arrow in the glossary list once showed as a box).
#[test]
fn every_character_of_the_windows_texts_has_a_glyph() {
    let ctx = eframe::egui::Context::default();
    let mut frame = ctx.run_ui(Default::default(), |_| {});
    frame.textures_delta.clear();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let code = std::fs::read_to_string(&path).unwrap();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for c in line.chars().filter(|c| !c.is_ascii()) {
                let drawable = ctx.fonts_mut(|f| {
                    f.has_glyph(&eframe::egui::FontId::proportional(14.0), c)
                        && f.has_glyph(&eframe::egui::FontId::monospace(14.0), c)
                });
                if !drawable {
                    missing.push(format!("{c:?} in {}", path.display()));
                }
            }
        }
    }
    missing.dedup();
    assert!(missing.is_empty(), "no glyph for {missing:?}");
}

/// Steps frames until `label` shows (a dialog answered on a helper thread), at most ~2 s.
fn step_until(h: &mut Harness<'_, TolkApp>, label: &str) {
    for _ in 0..200 {
        h.step();
        if h.query_by_label(label).is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{label} never showed");
}

/// Replaces the text of a field, as a person selecting all of it and typing would.
fn retype(h: &mut Harness<'_, TolkApp>, field: &str, text: &str) {
    h.get_by_label(field).focus();
    h.run();
    h.key_press_modifiers(CTRL, Key::A);
    h.get_by_label(field).type_text(text);
    h.run();
}

/// The welcome screen names the kinds of file a new project can be made from.
#[test]
fn the_welcome_screen_names_the_documents_it_takes() {
    let app = TolkApp::new(Settings::default(), Box::new(ScriptedDialogs::default()));
    let h = harness(app);
    assert!(
        h.query_by_label_contains("(.txt, .pdf, .docx, .odt, .html, .epub)")
            .is_some()
    );
}

/// File > New from a DOCX through Tolk's own file dialog (no system dialog here): the dialog
/// lists documents and says which kinds; the languages typed in the New dialog end up in the
/// project; the cleanup report opens at once and is kept in the project's notes.
#[test]
fn a_new_project_from_a_docx_shows_the_cleanup_report_and_takes_the_languages() {
    fn no_portal(_: &tolk::ui::Ask) -> Option<PathBuf> {
        None
    }
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/documents");
    std::fs::copy(
        fixture.join("word-features.docx"),
        dir.path().join("word-features.docx"),
    )
    .unwrap();
    std::fs::copy(
        fixture.join("features.pdf"),
        dir.path().join("features.pdf"),
    )
    .unwrap();
    let mut app = app_on(dir.path(), &planted(), vec![]);
    app.files.dialogs = Box::new(tolk::ui::NativeDialogs::with_system(no_portal));
    let mut h = harness(app);
    menu(&mut h, "File", "New from texts…");
    step_until(&mut h, "New project: the source text");
    assert!(
        h.query_by_label("Listed: Texts and documents (TXT, PDF, DOCX, ODT, HTML, EPUB)")
            .is_some(),
        "the dialog says which kinds of file it lists"
    );
    assert!(h.query_by_label("features.pdf").is_some());
    assert!(
        h.query_by_label("p.json").is_none(),
        "a project is not a text"
    );
    h.get_by_label("word-features.docx").click();
    h.run();
    h.get_by_label("Open").click();
    step_until(&mut h, "New project: its translation (cancel for none)");
    h.get_by_label("Cancel").click();
    step_until(&mut h, "New project");
    retype(&mut h, "Source language", "en-GB");
    retype(&mut h, "Target language", "sv");
    h.get_by_label("Create").click();
    h.run();
    h.run();
    let made = project(&h);
    assert_eq!(
        (
            made.meta.source_lang.as_str(),
            made.meta.target_lang.as_str()
        ),
        ("en-GB", "sv")
    );
    assert_eq!(made.meta.title, "word-features");
    let report = "source word-features.docx (DOCX): 2 footnotes/endnotes moved after their paragraph, 1 tracked deletions dropped, 2 fields and hidden text left out";
    assert_eq!(made.meta.notes.trim(), report);
    assert!(
        h.state().panels.show_project_notes,
        "the report opens at once"
    );
    assert!(h.query_by_label("Project notes").is_some());
    assert!(
        h.query_by_label(report).is_some(),
        "the window shows the report"
    );
    assert!(
        h.query_by_label_contains("what the cleanup changed is in View > Project notes")
            .is_some()
    );
}

/// File > Export… with "DOCX changes since a milestone" and a milestone chosen writes a DOCX
/// whose document has the changes since then as tracked insertions and deletions.
#[test]
fn the_docx_changes_export_writes_tracked_changes_since_the_chosen_milestone() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("changes.docx");
    let rows = project_of(&[
        (
            "Diktaturen är oundviklig.",
            "The dictatorship is unavoidable.",
            Status::Translated,
        ),
        ("Ett och två.", "One and two.", Status::Translated),
    ]);
    let mut h = harness(app_on(dir.path(), &rows, vec![Some(out.clone())]));
    menu(&mut h, "File", "Export…");
    h.get_by_label("Format").click();
    h.run();
    assert!(
        h.get_by_label("DOCX changes since a milestone (tracked changes)")
            .accesskit_node()
            .is_disabled(),
        "no milestone yet"
    );
    h.key_press(Key::Escape);
    h.run();
    // A milestone, then a revision of row 1.
    h.state_mut()
        .push(ViewCommand::Show(tolk::ui::Panel::Review, true));
    h.run();
    h.get_by_label("New milestone").focus();
    h.get_by_label("New milestone")
        .type_text("sent to the editor");
    h.run();
    h.get_by_label("Add").click();
    h.run();
    std::thread::sleep(std::time::Duration::from_millis(5));
    retype(&mut h, "Target (en)", "The dictatorship is inevitable.");
    h.key_press_modifiers(CTRL, Key::Enter);
    h.run();
    assert_eq!(project(&h).milestones.len(), 1);

    if !h.state().panels.export.open {
        menu(&mut h, "File", "Export…");
    }
    h.get_by_label("Format").click();
    h.run();
    let option = h.get_by_label("DOCX changes since a milestone (tracked changes)");
    option.click();
    h.run();
    let since = h.get_by_label("Changes since the milestone");
    assert_eq!(
        since.accesskit_node().value().as_deref(),
        Some("sent to the editor"),
        "the milestone is chosen"
    );
    h.get_by_role_and_label(Role::Button, "Export…").click();
    h.run();
    h.run();
    let file = std::fs::File::open(&out).expect("the DOCX was written");
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("<w:ins") && xml.contains("<w:del"), "{xml}");
    assert!(xml.contains("inevitable") && xml.contains("unavoidable"));
    assert!(
        xml.contains("w:author=\"reviser\""),
        "the change carries its author"
    );
}
