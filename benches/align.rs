//! Criterion benchmark of the aligner on 1k, 10k, 100k and 1M sentences per side, and of
//! `realign` right after `new` on projects of about 10k and 100k rows, made at run time by
//! concatenating the dev documents of ../shared/align-dev (skipped when absent).

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use tolk::{AlignOptions, NewProject, Sentence, align, project_from_texts, realign, segment_text};

/// All dev documents of both sets, source and target, in a fixed order.
fn dev_documents() -> Option<(Vec<String>, Vec<String>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/align-dev");
    let mut src = Vec::new();
    let mut tgt = Vec::new();
    for set in ["lines_dev_sv_en", "textberg_dev"] {
        let mut golds: Vec<PathBuf> = std::fs::read_dir(root.join(set))
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "gold"))
            .collect();
        golds.sort();
        for g in golds {
            src.extend(
                std::fs::read_to_string(g.with_extension("src"))
                    .ok()?
                    .lines()
                    .map(String::from),
            );
            tgt.extend(
                std::fs::read_to_string(g.with_extension("tgt"))
                    .ok()?
                    .lines()
                    .map(String::from),
            );
        }
    }
    Some((src, tgt))
}

/// Whole copies of the documents until the source has at least `n` sentences (the target
/// then has about 6% more), so that both sides stay translations of each other.
fn corpus(src: &[String], tgt: &[String], n: usize) -> (Vec<Sentence>, Vec<Sentence>) {
    let copies = n.div_ceil(src.len());
    let rep = |v: &[String]| -> Vec<Sentence> {
        (0..copies)
            .flat_map(|_| v.iter().map(|s| Sentence::new(s.as_str())))
            .collect()
    };
    (rep(src), rep(tgt))
}

/// A project as `tolk new` makes it from `copies` copies of the documents in paragraphs of
/// five sentences a side (as `benches/align_cli.sh` builds it).
fn new_project(src: &[String], tgt: &[String], copies: usize) -> tolk::Project {
    let text = |v: &[String], lang: &str| {
        let paragraphs: Vec<String> = v.chunks(5).map(|c| c.join(" ")).collect();
        let one = paragraphs.join("\n\n") + "\n\n";
        segment_text(
            &one.repeat(copies),
            "UTF-8",
            tolk::Segmenter::for_language(lang),
        )
    };
    let names = NewProject {
        title: "bench",
        source_lang: "sv",
        target_lang: "en",
        author: "bench",
    };
    project_from_texts(&text(src, "sv"), Some(&text(tgt, "en")), &names)
}

fn bench(c: &mut Criterion) {
    let Some((src, tgt)) = dev_documents() else {
        eprintln!("skipped: ../shared/align-dev not found");
        return;
    };
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    for n in [1_000, 10_000, 100_000, 1_000_000] {
        let (s, t) = corpus(&src, &tgt, n);
        group.bench_function(format!("{n}"), |b| {
            b.iter(|| align(&s, &t, &AlignOptions::default(), &[]).unwrap())
        });
    }
    group.finish();
    let mut group = c.benchmark_group("realign after new");
    group.sample_size(10);
    for copies in [7, 65] {
        let project = new_project(&src, &tgt, copies);
        group.bench_function(format!("{} rows", project.rows.len()), |b| {
            b.iter(|| realign(&project, 0..project.rows.len()).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
