//! Benchmarks of the translator's checks (issue 13): every check over a 100,000-row project
//! (the target: `tolk check` under 2 s), and the live check of one row (under 5 ms). Rows are
//! the sample article's rows over and over, each copy numbered so that the texts differ as a
//! book's do; a glossary of 1,000 concepts; spelling with the system's Hunspell dictionaries
//! when they are installed. Run: `cargo bench --no-default-features --bench checks`. With
//! `TOLK_BENCH_KEEP=DIR` the project and glossary are also written to DIR, to time the command
//! itself: `tolk check DIR/checks-100k.json`.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use tolk::{CheckSetup, Checker};

mod common;

use common::sample_book;

const ROWS: usize = 100_000;

/// A glossary of 1,000 concepts: made-up terms, and ten of the article's own.
fn glossary(dir: &Path) -> std::path::PathBuf {
    let mut tsv = String::from("sv\ten\tforbidden\n");
    for (s, t) in [
        ("diktatur", "dictatorship"),
        ("proletariat", "proletariat"),
        ("bourgeoisi", "bourgeoisie"),
        ("demokrati", "democracy"),
        ("revolution", "revolution"),
        ("arbetarklass", "working class"),
        ("statsmakt", "state power"),
        ("imperialism", "imperialism"),
        ("kapitalism", "capitalism"),
        ("sovjet", "soviet"),
    ] {
        tsv.push_str(&format!("{s}\t{t}\t\n"));
    }
    for i in 0..990 {
        tsv.push_str(&format!("termord{i}\ttermword{i}\t\n"));
    }
    tsv.push_str("statens ledning\tdirection of the state\tyes\n");
    let path = dir.join("glossary.tsv");
    std::fs::write(&path, tsv).unwrap();
    path
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_book(ROWS, "en");
    let setup = CheckSetup {
        glossaries: vec![glossary(dir.path())],
        ..CheckSetup::default()
    };
    if let Some(keep) = std::env::var_os("TOLK_BENCH_KEEP") {
        let keep = Path::new(&keep);
        std::fs::create_dir_all(keep).unwrap();
        tolk::Document::unsaved(project.clone())
            .save_as(&keep.join("checks-100k.json"))
            .unwrap();
        std::fs::copy(dir.path().join("glossary.tsv"), keep.join("glossary.tsv")).unwrap();
    }
    let checker = Checker::new(&project, None, &setup).unwrap();
    for notice in checker.notices() {
        eprintln!("note: {notice}");
    }
    let found = checker.check_all(&project).len();
    eprintln!("{ROWS} rows: {found} findings");
    let mut group = c.benchmark_group("checks");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function(
        "build the checker for 100k rows (indexes, glossary, dictionaries)",
        |b| b.iter(|| black_box(Checker::new(&project, None, &setup).unwrap())),
    );
    group.bench_function("check all 100k rows", |b| {
        b.iter(|| black_box(checker.check_all(&project)))
    });
    group.finish();
    // Live: each call checks a row not checked before (no cached spelling), as when the
    // translator moves on to the next row.
    let mut next = 0usize;
    c.bench_function("live check of one row (100k-row project)", |b| {
        b.iter(|| {
            next = (next + 7919) % ROWS;
            black_box(checker.check_row(&project, next))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
