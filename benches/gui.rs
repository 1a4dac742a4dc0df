//! Frame cost of the workbench window without a GPU: `Context::run_ui` plus tessellation, with
//! 1,000 and 100,000 rows of real wrapped text, scrolled to the middle, one cell being edited.
//! Also the UI-thread cost of showing a freshly opened 100k-row project and of a column resize.
//! Run: `cargo bench --bench gui`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui::{self, Pos2, RawInput, Rect, vec2};
use tolk::ui::{Prepared, RowCommand, ScriptedDialogs, Settings, TolkApp};
use tolk::{Document, ImportedRow, Project, Segmenter, paragraphs};

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
    let mut output = ctx.run_ui(input(width), |ui| app.show(ui));
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
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
    }
    group.finish();

    // UI-thread time to show a just-opened 100k-row project, and to re-lay it out after a
    // column resize (both single events, measured once each, printed for the README).
    let ctx = egui::Context::default();
    let mut app = TolkApp::new(Settings::default(), Box::new(ScriptedDialogs::default()));
    app.files.background = false;
    // Loading and preparing run on a helper thread in the window (not timed here); what the
    // window's thread pays is taking the prepared project and drawing the first frame.
    let prepared = Prepared::new(Document::unsaved(project(100_000)));
    let start = Instant::now();
    app.open_prepared(prepared);
    frame(&ctx, &mut app, 1280.0);
    let opened = start.elapsed();
    let start = Instant::now();
    frame(&ctx, &mut app, 1100.0);
    let resized = start.elapsed();
    println!(
        "100k rows: first frame after opening {opened:?}, first frame after a column resize {resized:?}"
    );
}

criterion_group!(benches, frames);
criterion_main!(benches);
