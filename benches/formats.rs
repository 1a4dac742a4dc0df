//! Benchmarks of the bilingual formats (issue 6): export of a 100,000-row project to TMX,
//! XLIFF and the DOCX review table, the DOCX of 10,000 changes since a milestone (issue 15),
//! and import of that TMX into a new project. Run: `cargo bench --bench formats`.
//! Figures are quoted in the README.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tolk::{Bilingual, BilingualUnit, Options, Project, Segmenter, Status};

const SEED: &str = include_str!("../tests/data/kamenev.source.txt");

/// A project of `rows` rows built through the edit API (one splice, as imports do): Swedish
/// sentences of the seed text with an English stand-in translation carrying markup
/// characters, and all four statuses.
fn big_project(rows: usize) -> Project {
    let cleaned = tolk::paragraphs(SEED).join(" ");
    let sentences = Segmenter::for_language("sv").split(&cleaned);
    let units = (0..rows)
        .map(|i| BilingualUnit {
            source: sentences[i % sentences.len()].to_string(),
            target: format!(
                "Translation {i} of a sentence, with <tags> & \"quotes\" of about the same length."
            ),
            status: Some(Status::ALL[i % 4]),
            score: Some(0.9),
            ..BilingualUnit::default()
        })
        .collect();
    let bilingual = Bilingual {
        source_lang: "sv".into(),
        target_lang: "en".into(),
        units,
        ..Bilingual::default()
    };
    bilingual.into_project("bench", "bench")
}

/// The project with a milestone and, after it, a word changed in every `every`-th row's
/// target; and the options that export the changes since that milestone.
fn with_changes(project: &Project, every: usize) -> (Project, Options) {
    let mut changed = project.clone();
    let at = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(1);
    changed
        .apply_at(
            tolk::Edit::AddMilestone {
                milestone: tolk::Milestone::new("sent", at),
                index: None,
            },
            at,
        )
        .unwrap();
    let later = at + jiff::SignedDuration::from_mins(1);
    for i in (0..changed.rows.len()).step_by(every) {
        let row = &changed.rows[i];
        let text = row.target.replace("about the same", "roughly the same");
        let edit = tolk::Edit::SetText {
            row: row.id,
            side: tolk::Side::Target,
            text,
            origin: tolk::Origin::Typed,
        };
        changed.apply_at(edit, later).unwrap();
    }
    let options = Options {
        since: Some("sent".into()),
        ..Options::default()
    };
    (changed, options)
}

fn formats(c: &mut Criterion) {
    let project = big_project(100_000);
    let options = Options::default();
    let mut tmx = Vec::new();
    tolk::tmx::write(&project, &options, &mut tmx).unwrap();
    let mut group = c.benchmark_group("formats 100k rows");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Bytes(tmx.len() as u64));
    group.bench_function("export TMX", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(tmx.len());
            tolk::tmx::write(black_box(&project), &options, &mut out).unwrap();
            black_box(out.len())
        })
    });
    group.bench_function("export XLIFF 2.0", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(tmx.len());
            tolk::xliff2::write(black_box(&project), &options, &mut out).unwrap();
            black_box(out.len())
        })
    });
    group.bench_function("export XLIFF 1.2", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(tmx.len());
            tolk::xliff12::write(black_box(&project), &options, &mut out).unwrap();
            black_box(out.len())
        })
    });
    group.bench_function("export DOCX review table", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            tolk::docx_table::write(black_box(&project), &options, &mut out).unwrap();
            black_box(out.len())
        })
    });
    let (changed, since) = with_changes(&project, 10);
    group.bench_function("export DOCX changes (10,000 edited rows)", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            tolk::docx_changes::write(black_box(&changed), &since, &mut out).unwrap();
            black_box(out.len())
        })
    });
    group.bench_function("parse TMX (no project)", |b| {
        b.iter(|| black_box(tolk::tmx::read(black_box(&tmx)).unwrap().units.len()))
    });
    group.bench_function("import TMX", |b| {
        b.iter(|| {
            let read = tolk::tmx::read(black_box(&tmx)).unwrap();
            black_box(read.into_project("bench", "bench").rows.len())
        })
    });
    group.finish();
}

criterion_group!(benches, formats);
criterion_main!(benches);
