//! Frame cost of the workbench window without a GPU: `Context::run_ui` plus tessellation, with
//! 1,000 and 100,000 rows of real wrapped text, scrolled to the middle, one cell being edited.
//! Then the same sizes as a translator has the window at work: the sample article's rows over
//! and over with its glossary and names list, a milestone and revised rows, and every panel
//! open (find with matches, filters, the dock with history, review, concordance and the checks
//! in front, the row assistant with glossary terms, the map), spelling underlines drawn; both
//! idle and while typing (each frame one key into the edited cell, so the live check and the
//! typed text's spelling run every frame). Also the UI-thread cost of showing a freshly opened
//! 100k-row project and of a column resize. Run: `cargo bench --bench gui`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui::{self, Event, Key, Modifiers, Pos2, RawInput, Rect, vec2};
use tolk::ui::{Panel, Prepared, RowCommand, ScriptedDialogs, Settings, TolkApp, ViewCommand};
use tolk::{
    Document, Edit, ImportedRow, Milestone, Project, Segmenter, Side, commit_typed, paragraphs,
};

mod common;

use common::{sample_book, sample_file};

const SEED: &str = include_str!("../tests/data/kamenev.source.txt");

/// A project of `rows` rows: the seed's sentences as sources, with English-sized targets.
fn project(rows: usize) -> Project {
    let cleaned = paragraphs(SEED).join(" ");
    let sentences = Segmenter::for_language("sv").split(&cleaned);
    let mut project = Project::new("bench", "sv", "en");
    project.append_imported((0..rows).map(|i| {
        let source = sentences[i % sentences.len()];
        ImportedRow {
            source: source.to_string(),
            target: format!(
                "Translation {i}: {}",
                source.chars().rev().collect::<String>()
            ),
            starts_paragraph: i % 5 == 0,
            score: Some((i % 10) as f32 / 10.0),
        }
    }));
    project
}

fn input(width: f32) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(width, 800.0))),
        ..RawInput::default()
    }
}

/// One frame: layout plus tessellation, as the window does before handing triangles to the GPU.
fn frame(ctx: &egui::Context, app: &mut TolkApp, width: f32) -> usize {
    frame_with(ctx, app, input(width))
}

fn frame_with(ctx: &egui::Context, app: &mut TolkApp, input: RawInput) -> usize {
    let mut output = ctx.run_ui(input, |ui| app.show(ui));
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

/// CPU time this thread has run (Linux: `/proc/thread-self/schedstat`, nanoseconds), to give
/// frame costs that do not depend on how many other processes share the cores (the wall times
/// criterion measures grow with the load).
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// Mean CPU time of `n` frames made by `frame`, printed beside criterion's wall times.
fn print_cpu_per_frame(what: &str, n: u32, mut frame: impl FnMut(u32)) {
    let Some(start) = thread_cpu_time() else {
        return;
    };
    for i in 0..n {
        frame(i);
    }
    if let Some(end) = thread_cpu_time() {
        println!(
            "{what}: {:?} CPU per frame (mean of {n})",
            (end - start) / n
        );
    }
}

/// The project as a translator has it at work: the sample article's rows over and over (each
/// copy numbered, so that texts differ as a book's do), the sample's glossary and names list, a
/// milestone "draft" and, after it, revised rows around the middle (some with planted slips:
/// a wrong number, a double space, a misspelt word), so that the review, the checks and the
/// spelling underlines all have something to show where the grid is.
/// Returns the document and the row to select: in the middle, one whose source has a glossary
/// term.
fn translator_document(rows: usize) -> (Document, usize) {
    let mut project = sample_book(rows, "en-GB");
    project.qa.glossaries = vec![sample_file("kamenev.tbx").display().to_string()];
    project.qa.word_lists = vec![sample_file("kamenev-names.txt").display().to_string()];
    let middle = (rows / 2..rows)
        .find(|&i| project.rows[i].source.contains("proletariatets diktatur"))
        .expect("a row with a glossary term");
    let mut doc = Document::unsaved(project);
    let milestone = Edit::AddMilestone {
        milestone: Milestone::new("draft", jiff::Timestamp::now()),
        index: None,
    };
    doc.apply(milestone, "bench").unwrap();
    for (n, index) in (middle.saturating_sub(30)..(middle + 30).min(rows))
        .step_by(3)
        .enumerate()
    {
        let row = &doc.project().rows[index];
        let revised = match n % 4 {
            0 => format!("{}  (revised)", row.target),
            1 => format!("{} 1921", row.target.replace("1920", "1902")),
            2 => format!("{} teh revision", row.target),
            _ => format!("Revised: {}", row.target),
        };
        let edit = commit_typed(doc.project(), row.id, Side::Target, &revised).unwrap();
        doc.apply(edit, "bench").unwrap();
    }
    (doc, middle)
}

/// An app on the translator's project with every panel open, the selected row (in the middle,
/// one whose source has glossary terms) being edited.
fn app_with_every_panel(rows: usize) -> (egui::Context, TolkApp, usize) {
    let ctx = egui::Context::default();
    let mut app = TolkApp::new(Settings::default(), Box::new(ScriptedDialogs::default()));
    app.files.background = false;
    let (doc, middle) = translator_document(rows);
    app.set_document(doc);
    app.panels.find.open = true;
    app.panels.find.replace_mode = true;
    app.panels.find.query.pattern = "dictatorship".to_string();
    app.panels.review.milestone = Some("draft".to_string());
    for panel in [
        Panel::Filters,
        Panel::History,
        Panel::Review,
        Panel::Concordance,
        Panel::Checks,
        Panel::Assistant,
        Panel::Map,
    ] {
        app.push(ViewCommand::Show(panel, true));
    }
    app.panels.concordance.query = "diktatur".to_string();
    app.push(tolk::ui::CheckCommand::Search);
    // The first frames build the checker and check every row (on this thread: no background).
    app.push(RowCommand::JumpTo(middle + 1));
    for _ in 0..5 {
        frame(&ctx, &mut app, 1280.0);
    }
    (ctx, app, middle)
}

/// What the panel bench claims to show is on screen: findings, glossary terms of the selected
/// row, the panels open, the edited cell, and rows in the grid (how many is printed: the rows
/// around the sample's row 8 are long, so fewer than the sample's first rows fit).
fn assert_every_panel_shows(app: &TolkApp, middle: usize) {
    assert_eq!(
        app.selected_index(),
        Some(middle),
        "the middle row is selected"
    );
    assert!(app.editor.is_some(), "a cell is being edited");
    let doc = app.doc.as_ref().unwrap();
    let checker = app.qa.checker().expect("the checks ran");
    assert!(app.qa.total() > 0, "the checks found the planted slips");
    assert!(
        !checker
            .term_hits(&doc.project().rows[middle].source)
            .is_empty(),
        "the selected row has glossary terms"
    );
    assert!(app.panels.find.open && app.panels.review.open && app.panels.qa.open);
    assert!(app.rows_in_view() >= 3, "the grid shows rows");
}

/// One key typed into the edited cell: a letter, and on the next frame Backspace, so that the
/// text alternates and nothing cached by its content can answer.
fn typing_input(n: u64) -> RawInput {
    let event = if n.is_multiple_of(2) {
        Event::Text("s".to_string())
    } else {
        Event::Key {
            key: Key::Backspace,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        }
    };
    RawInput {
        events: vec![event],
        ..input(1280.0)
    }
}

/// An app showing `rows` rows, scrolled to the middle, with the middle row's cell being edited.
fn app_in_the_middle(rows: usize) -> (egui::Context, TolkApp) {
    let ctx = egui::Context::default();
    let mut app = TolkApp::new(Settings::default(), Box::new(ScriptedDialogs::default()));
    app.files.background = false;
    app.set_document(Document::unsaved(project(rows)));
    app.push(RowCommand::JumpTo(rows / 2));
    for _ in 0..5 {
        frame(&ctx, &mut app, 1280.0);
    }
    (ctx, app)
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame (run_ui + tessellate)");
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(8));
    for rows in [1_000, 100_000] {
        let (ctx, mut app) = app_in_the_middle(rows);
        assert!(app.editor.is_some(), "a cell is being edited");
        group.bench_function(format!("{rows} rows"), |b| {
            b.iter(|| black_box(frame(&ctx, &mut app, 1280.0)))
        });
        print_cpu_per_frame(&format!("{rows} rows"), 2000, |_| {
            black_box(frame(&ctx, &mut app, 1280.0));
        });
    }
    group.finish();

    let mut group = c.benchmark_group("frame, every panel open (run_ui + tessellate)");
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(8));
    for rows in [1_000, 100_000] {
        let (ctx, mut app, middle) = app_with_every_panel(rows);
        assert_every_panel_shows(&app, middle);
        println!(
            "{rows} rows, every panel open: {} findings, {} whole rows in the grid",
            app.qa.total(),
            app.rows_in_view()
        );
        group.bench_function(format!("{rows} rows"), |b| {
            b.iter(|| black_box(frame(&ctx, &mut app, 1280.0)))
        });
        print_cpu_per_frame(&format!("{rows} rows, every panel open"), 2000, |_| {
            black_box(frame(&ctx, &mut app, 1280.0));
        });
        let before = app.editor.as_ref().unwrap().text.clone();
        frame_with(&ctx, &mut app, typing_input(0));
        let typed = app.editor.as_ref().unwrap().text.clone();
        assert_ne!(before, typed, "the key reached the edited cell");
        let mut keys = 1;
        group.bench_function(format!("{rows} rows, typing"), |b| {
            b.iter(|| {
                keys += 1;
                black_box(frame_with(&ctx, &mut app, typing_input(keys)))
            })
        });
        print_cpu_per_frame(
            &format!("{rows} rows, every panel open, typing"),
            1000,
            |i| {
                black_box(frame_with(&ctx, &mut app, typing_input(u64::from(i))));
            },
        );
        assert_every_panel_shows(&app, middle);
    }
    group.finish();

    // UI-thread time to show a just-opened 100k-row project, to re-lay it out after a column
    // resize, and to move to the next row (single events, measured once each, printed for the
    // README). The checks run on a helper thread as in the window (`background` stays on).
    let ctx = egui::Context::default();
    let mut app = TolkApp::new(Settings::default(), Box::new(ScriptedDialogs::default()));
    // Loading and preparing run on a helper thread in the window (not timed here); what the
    // window's thread pays is taking the prepared project and drawing the first frame (which
    // hands a copy of the project to the checks' thread).
    let prepared = Prepared::new(Document::unsaved(project(100_000)));
    let start = Instant::now();
    app.open_prepared(prepared);
    frame(&ctx, &mut app, 1280.0);
    let opened = start.elapsed();
    let start = Instant::now();
    while app.qa.checker().is_none() {
        std::thread::sleep(Duration::from_millis(20));
        frame(&ctx, &mut app, 1280.0);
    }
    let checked = start.elapsed();
    frame(&ctx, &mut app, 1280.0);
    let start = Instant::now();
    frame(&ctx, &mut app, 1100.0);
    let resized = start.elapsed();
    // Ctrl+Down: the frame that takes the key and the one that shows the next row (its live
    // checks, glossary terms and fuzzy matches among the 100,000 rows are computed for it).
    app.push(RowCommand::SelectRelative(1));
    let start = Instant::now();
    frame(&ctx, &mut app, 1100.0);
    frame(&ctx, &mut app, 1100.0);
    let next_row = start.elapsed();
    println!(
        "100k rows: first frame after opening {opened:?} (the checks then took {checked:?} on their thread), first frame after a column resize {resized:?}, two frames after moving to the next row {next_row:?}"
    );
}

criterion_group!(benches, frames);
criterion_main!(benches);
