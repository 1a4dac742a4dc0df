//! `tolk edit`: scripted edits of a project through the edit API (merge, split, move sentences,
//! texts, statuses, locks, notes), saved atomically once all of them applied. Rows are numbered from 1
//! as in the window; each operation sees the rows as the operations before it left them.

use std::path::PathBuf;

use anyhow::{Context, anyhow, bail};
use clap::Args;
use tolk::{CheckId, Edit, Project, Segmenter, Side, Status, commit_typed};

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The project file (saved in place; the previous version is kept as .bak).
    pub project: PathBuf,
    /// Operations, applied in order:
    /// merge:ROW (with the next row);
    /// split:ROW:S:T (after S source and T target sentences);
    /// up:ROW:source|target (first sentence to the previous row);
    /// down:ROW:source|target (last sentence to the next row);
    /// insert:ROW (an empty row before ROW); delete:ROW (an empty row);
    /// target:ROW=TEXT, source:ROW=TEXT (typed text; an untranslated row becomes a draft);
    /// status:ROWS=STATUS, lock:ROWS, unlock:ROWS (ROWS: N, A-B or all);
    /// note:ROW=TEXT (a note on the row, by the author, now);
    /// QA settings: word:WORD (accepted by the spelling check), wordlist:LIST (a shipped list
    /// such as sv-1900, or a file relative to the project), check:ID=on|off,
    /// ignore:ROW:CHECK (every finding the check has on that row now, recorded with the
    /// author and time);
    /// segmentation: rules:source=FILE, rules:target=FILE (rules added to the language's,
    /// kept in the project; FILE empty: none), lenient:on|off (then `tolk realign --recut`
    /// to cut the rows again).
    #[arg(required = true)]
    pub operations: Vec<String>,
    /// Author name for the revisions (default: $TOLK_AUTHOR, then $USER).
    #[arg(long, value_parser = super::author_name)]
    pub author: Option<String>,
    #[command(flatten)]
    pub wait: super::WaitArgs,
}

pub fn run(args: EditArgs) -> anyhow::Result<()> {
    let author = super::author(args.author)?;
    let mut document = super::open_for_saving(&args.project, &args.wait)?;
    for operation in &args.operations {
        let edits = match operation.strip_prefix("ignore:") {
            Some(what) => ignore(document.project(), &args.project, what, &author),
            None => edits_for(document.project(), operation),
        }
        .with_context(|| format!("in {operation:?}"))?;
        for edit in edits {
            document
                .apply(edit, &author)
                .with_context(|| format!("{operation:?} was refused; nothing was saved"))?;
        }
    }
    let rows = document.project().rows.len();
    super::save(
        &mut document,
        &format!("{} operations applied, {rows} rows", args.operations.len()),
    )
}

fn edits_for(project: &Project, operation: &str) -> anyhow::Result<Vec<Edit>> {
    let (verb, rest) = operation
        .split_once(':')
        .ok_or_else(|| anyhow!("expected VERB:ARGUMENTS"))?;
    let (place, value) = match rest.split_once('=') {
        Some((place, value)) => (place, Some(value)),
        None => (rest, None),
    };
    let parts: Vec<&str> = place.split(':').collect();
    let row = |n: usize| -> anyhow::Result<(usize, tolk::RowId)> {
        let index = parts
            .get(n)
            .ok_or_else(|| anyhow!("a row number is missing"))?
            .trim()
            .parse::<usize>()?;
        let row = project
            .rows
            .get(index.wrapping_sub(1))
            .ok_or_else(|| anyhow!("there is no row {index}"))?;
        Ok((index - 1, row.id))
    };
    let side = |n: usize| -> anyhow::Result<Side> {
        match parts.get(n).map(|s| s.trim()) {
            Some("source") => Ok(Side::Source),
            Some("target") => Ok(Side::Target),
            _ => bail!("give the side: source or target"),
        }
    };
    let count = |n: usize| -> anyhow::Result<usize> {
        Ok(parts
            .get(n)
            .ok_or_else(|| anyhow!("a sentence count is missing"))?
            .trim()
            .parse()?)
    };
    Ok(match verb {
        "merge" => vec![Edit::Merge { row: row(0)?.1 }],
        "split" => {
            let (index, id) = row(0)?;
            let r = &project.rows[index];
            let source_at = offset_after(&r.source, &project.segmenter(Side::Source), count(1)?)?;
            let target_at = offset_after(&r.target, &project.segmenter(Side::Target), count(2)?)?;
            vec![Edit::Split {
                row: id,
                source_at,
                target_at,
            }]
        }
        "up" => vec![Edit::MoveFirstSentenceUp {
            row: row(0)?.1,
            side: side(1)?,
        }],
        "down" => vec![Edit::MoveLastSentenceDown {
            row: row(0)?.1,
            side: side(1)?,
        }],
        "insert" => vec![Edit::InsertRow { index: row(0)?.0 }],
        "delete" => vec![Edit::DeleteRow { row: row(0)?.1 }],
        "target" | "source" => {
            let side = if verb == "target" {
                Side::Target
            } else {
                Side::Source
            };
            let text = value.ok_or_else(|| anyhow!("give the text after ="))?;
            commit_typed(project, row(0)?.1, side, text)
                .into_iter()
                .collect()
        }
        "status" => {
            let status = value.and_then(|v| Status::ALL.into_iter().find(|s| s.name() == v.trim()));
            let status = status.ok_or_else(|| {
                anyhow!("give the status after =: untranslated, draft, translated or reviewed")
            })?;
            rows(project, place)?
                .map(|row| Edit::SetStatus { row, status })
                .collect()
        }
        "note" => {
            let text = value.ok_or_else(|| anyhow!("give the note's text after ="))?;
            vec![Edit::AddNote {
                row: row(0)?.1,
                text: text.to_string(),
            }]
        }
        "word" | "wordlist" => {
            let item = rest.trim();
            let edit = if verb == "word" {
                tolk::check::settings::add_word(project, item)
            } else {
                tolk::check::settings::add_word_list(project, item)
            };
            if item.is_empty() {
                bail!("give the word or list after {verb}:");
            }
            edit.into_iter().collect()
        }
        "check" => {
            let check = CheckId::from_id(place.trim()).ok_or_else(|| {
                anyhow!(
                    "there is no check {:?}; the checks are {}",
                    place.trim(),
                    CheckId::ALL.map(CheckId::id).join(", ")
                )
            })?;
            let on = match value.map(str::trim) {
                Some("on") => true,
                Some("off") => false,
                _ => bail!("write check:ID=on or check:ID=off"),
            };
            tolk::check::settings::set_check_enabled(project, check, on)
                .into_iter()
                .collect()
        }
        "rules" => {
            // rules:source=FILE, rules:target=FILE; an empty FILE drops the side's rules.
            let mut settings = project.meta.segmentation.clone();
            let text = match value.map(str::trim) {
                None => bail!("write rules:source=FILE or rules:target=FILE (FILE empty: none)"),
                Some("") => String::new(),
                Some(file) => super::rules_text(std::path::Path::new(file))?,
            };
            match side(0)? {
                Side::Source => settings.source_rules = text,
                Side::Target => settings.target_rules = text,
            }
            vec![Edit::SetSegmentation(Box::new(settings))]
        }
        "lenient" => {
            let lenient = match place.trim() {
                "on" => true,
                "off" => false,
                _ => bail!("write lenient:on or lenient:off"),
            };
            let settings = tolk::SegmentationSettings {
                lenient,
                ..project.meta.segmentation.clone()
            };
            vec![Edit::SetSegmentation(Box::new(settings))]
        }
        "lock" | "unlock" => rows(project, place)?
            .map(|row| Edit::SetLocked {
                row,
                locked: verb == "lock",
            })
            .collect(),
        other => bail!("unknown operation {other:?}"),
    })
    .map(|edits: Vec<Edit>| {
        if edits.len() > 1 {
            vec![Edit::Batch(edits)]
        } else {
            edits
        }
    })
}

/// `ignore:ROW:CHECK`: every finding `CHECK` has on row `ROW` as it is now, ignored on that
/// row by `author` (a later, different finding of the same check still shows).
fn ignore(
    project: &Project,
    path: &std::path::Path,
    what: &str,
    author: &str,
) -> anyhow::Result<Vec<Edit>> {
    let (row, check) = what
        .split_once(':')
        .ok_or_else(|| anyhow!("write ignore:ROW:CHECK"))?;
    let index = row
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=project.rows.len()).contains(n))
        .ok_or_else(|| anyhow!("there is no row {row:?} (rows 1-{})", project.rows.len()))?
        - 1;
    let check = CheckId::from_id(check.trim())
        .ok_or_else(|| anyhow!("there is no check {:?}", check.trim()))?;
    let setup = tolk::CheckSetup {
        only: Some(vec![check]),
        ..Default::default()
    };
    let checker = tolk::Checker::new(project, Some(path), &setup)?;
    let findings = checker.check_row(project, index);
    if findings.is_empty() {
        bail!("row {} has no {} finding to ignore", index + 1, check.id());
    }
    // One settings edit holding every ignore, so it is one step to undo.
    let mut changed = project.clone();
    let at = jiff::Timestamp::now();
    for finding in &findings {
        if let Some(edit) = tolk::check::settings::ignore(&changed, finding, author, at) {
            changed.apply(edit)?;
        }
    }
    Ok(tolk::check::settings::set_qa(project, changed.qa)
        .into_iter()
        .collect())
}

/// The character offset just after the first `sentences` sentences of a text.
fn offset_after(text: &str, segmenter: &Segmenter, sentences: usize) -> anyhow::Result<usize> {
    if sentences == 0 {
        return Ok(0);
    }
    let spans = segmenter.sentence_spans(text);
    let span = spans
        .get(sentences - 1)
        .ok_or_else(|| anyhow!("the row has only {} sentences on that side", spans.len()))?;
    Ok(text[..span.end].chars().count())
}

/// The ids of the rows in `N`, `A-B` or `all` (1-based, inclusive).
fn rows<'p>(
    project: &'p Project,
    spec: &str,
) -> anyhow::Result<impl Iterator<Item = tolk::RowId> + 'p> {
    let n = project.rows.len();
    let (first, last) = match spec.trim() {
        "all" => (1, n),
        range => match range.split_once('-') {
            Some((a, b)) => (a.trim().parse()?, b.trim().parse()?),
            None => {
                let one = range.parse()?;
                (one, one)
            }
        },
    };
    if first == 0 || first > last || last > n {
        bail!("rows {first}-{last} are not within 1-{n}");
    }
    Ok(project.rows[first - 1..last].iter().map(|r| r.id))
}
