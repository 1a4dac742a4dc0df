//! Benchmark of the review query (issue 5): the rows changed since a milestone, with their word
//! diffs, on 100,000 rows with 10 revisions each. Run: `cargo bench --bench history`. Figures
//! are quoted in the README.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::{SignedDuration, Timestamp};
use tolk::{Milestone, Origin, Project, Revision, Row, RowId, Segmenter, Side, Status, review};

const SEED: &str = include_str!("../tests/data/kamenev.source.txt");
const ROWS: usize = 100_000;

/// 100,000 rows, each with 10 revisions: the source imported and corrected once, the target
/// imported and retyped seven times, each draft a few words from the last. Every
/// `changed_every`-th row has its last two revisions (a draft and the source correction) after
/// the milestone; the other rows were finished before it.
fn project(changed_every: usize) -> Project {
    let mut project = Project::new("bench", "sv", "en");
    let cleaned = tolk::paragraphs(SEED).join(" ");
    let sentences = Segmenter::for_language("sv").split(&cleaned);
    let start = Timestamp::from_second(1_800_000_000).unwrap();
    let hour = |h: i64| start + SignedDuration::from_hours(h);
    let words = ["slowly", "quickly", "firmly", "openly", "again", "once"];
    for i in 0..ROWS {
        let source = sentences[i % sentences.len()];
        let late = i % changed_every == 0;
        let mut history = Vec::with_capacity(10);
        let mut push = |k: i64, side, text: String, origin| {
            // Rows changed since the milestone (at 8:30) have their last two revisions after
            // it, at 8:40 and 9:40; the others have all ten by 7:30.
            let at = match (late, k >= 8) {
                (true, true) => hour(k) + SignedDuration::from_mins(40),
                (true, false) => hour(k),
                (false, _) => start + SignedDuration::from_mins(50 * k),
            };
            history.push(Revision {
                at,
                author: "bench".into(),
                side,
                text,
                origin,
                extra: Default::default(),
            });
        };
        push(
            0,
            Side::Source,
            format!("{source} (utkast)"),
            Origin::Imported,
        );
        push(
            1,
            Side::Target,
            format!("Sentence {i} as imported."),
            Origin::Imported,
        );
        for k in 2..9 {
            let target = format!(
                "Sentence {i} was translated {} in draft {k}, and the translator {} revised it.",
                words[(i + k as usize) % words.len()],
                words[(i * 7 + k as usize) % words.len()],
            );
            push(k, Side::Target, target, Origin::Typed);
        }
        push(9, Side::Source, source.to_string(), Origin::Typed);
        let target = history
            .iter()
            .rev()
            .find(|r| r.side == Side::Target)
            .map(|r| r.text.clone())
            .unwrap_or_default();
        project.rows.push(Row {
            id: RowId(i as u64 + 1),
            source: source.to_string(),
            target,
            status: Status::Translated,
            locked: false,
            score: Some(0.9),
            starts_paragraph: i % 5 == 0,
            target_starts_paragraph: None,
            history,
            notes: Vec::new(),
            extra: Default::default(),
        });
    }
    project.next_id = ROWS as u64 + 1;
    project.milestones.push(Milestone::new(
        "sent to reviewer",
        start + SignedDuration::from_mins(8 * 60 + 30),
    ));
    project
}

fn review_query(c: &mut Criterion) {
    let mut group = c.benchmark_group("review 100k rows x 10 revisions");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for (label, every) in [("10% changed", 10), ("all changed", 1)] {
        let project = project(every);
        let expected = ROWS / every;
        assert_eq!(
            review(&project, "sent to reviewer").unwrap().items.len(),
            expected
        );
        group.bench_function(label, |b| {
            b.iter(|| {
                let review = review(black_box(&project), "sent to reviewer").unwrap();
                black_box(review.items.len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, review_query);
criterion_main!(benches);
