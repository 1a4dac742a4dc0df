//! Benchmarks of the core (issue: import + segmentation throughput, project load and save).
//! Run: `cargo bench --bench core`. Figures are quoted in the README.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use jiff::Timestamp;
use tolk::{Origin, Project, Revision, Row, RowId, Segmenter, Side, Status, import_bytes};

const SEED: &str = include_str!("../tests/data/kamenev.source.txt");

/// The seed text repeated to about `bytes` bytes.
fn big_text(bytes: usize) -> Vec<u8> {
    let mut text = Vec::with_capacity(bytes + SEED.len());
    while text.len() < bytes {
        text.extend_from_slice(SEED.as_bytes());
        text.extend_from_slice(b"\n\n");
    }
    text
}

fn import_and_segment(c: &mut Criterion) {
    let text = big_text(50 * 1024 * 1024);
    let mut group = c.benchmark_group("import");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("import+segment 50 MB Swedish", |b| {
        b.iter(|| {
            let imported = import_bytes(black_box(&text), Segmenter::for_language("sv")).unwrap();
            black_box(imported.paragraphs.len())
        })
    });
    group.finish();
}

/// A project of `rows` rows, each with three revisions (source imported, target typed twice).
fn big_project(rows: usize) -> Project {
    let mut project = Project::new("bench", "sv", "en");
    let cleaned = tolk::paragraphs(SEED).join(" ");
    let sentences = Segmenter::for_language("sv").split(&cleaned);
    let at = Timestamp::now();
    let revision = |side, text: &str, origin| Revision {
        at,
        author: "bench".into(),
        side,
        text: text.into(),
        origin,
        extra: Default::default(),
    };
    for i in 0..rows {
        let source = sentences[i % sentences.len()];
        let draft = format!("Draft {i}: {source}");
        let target =
            format!("Translation {i} of a sentence of about the same length as its source.");
        project.rows.push(Row {
            id: RowId(i as u64 + 1),
            source: source.to_string(),
            target: target.clone(),
            status: Status::Translated,
            locked: i % 7 == 0,
            score: Some(0.9),
            starts_paragraph: i % 5 == 0,
            target_starts_paragraph: None,
            history: vec![
                revision(Side::Source, source, Origin::Imported),
                revision(Side::Target, &draft, Origin::Typed),
                revision(Side::Target, &target, Origin::Typed),
            ],
            notes: Vec::new(),
            extra: Default::default(),
        });
    }
    project.next_id = rows as u64 + 1;
    project
}

fn load_and_save(c: &mut Criterion) {
    let project = big_project(100_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    // Saves go through the one gate, `Document`; each iteration runs the same atomic save.
    let (document, _) =
        tolk::Document::create(&path, project.clone(), false, Duration::ZERO).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    let mut group = c.benchmark_group("project 100k rows x 3 revisions");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.throughput(Throughput::Bytes(size));
    group.bench_function("save", |b| {
        // The snapshot a save job takes is set-up; the timing is the write itself.
        b.iter_batched(
            || document.save_job(true).unwrap(),
            |job| black_box(job.run().unwrap()),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("load", |b| {
        b.iter(|| black_box(tolk::load_project(&path).unwrap().project.rows.len()))
    });
    group.finish();
}

criterion_group!(benches, import_and_segment, load_and_save);
criterion_main!(benches);
