//! `tolk diff`: the changes since a milestone or a time, or between two versions of a project,
//! with word diffs as text (coloured on a terminal), JSON or an HTML page.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail};
use clap::{Args, ValueEnum};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;
use tolk::{
    Change, Diff, DiffStyle, Project, ReviewCounts, ReviewState, RowId, Side, changes_since,
    compare_projects, escape_html, review,
};

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The project (with --since), or the older version of a project (with NEW).
    pub project: PathBuf,
    /// A newer version of the same project (e.g. a colleague's copy): rows are matched by id
    /// and shown as added, removed or changed.
    #[arg(required_unless_present = "since", conflicts_with = "since")]
    pub new: Option<PathBuf>,
    /// Show every change since this milestone (its name) or time: 2026-11-26,
    /// 2026-11-26T14:30 (both local time) or 2026-11-26T13:30:00Z.
    #[arg(long, value_name = "MILESTONE|DATE")]
    pub since: Option<String>,
    /// Output: text (wdiff markers [-deleted-]{+inserted+}, coloured on a terminal unless
    /// NO_COLOR is set), json, or a self-contained html page.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Html,
}

/// What is being compared, for headings.
enum Basis {
    Milestone { name: String, at: Timestamp },
    Time(Timestamp),
    Files { old: PathBuf, new: PathBuf },
}

/// One change as the command shows it; `state` only in a review against a milestone.
#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    change: &'a Change,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<ReviewState>,
}

pub fn run(args: DiffArgs) -> anyhow::Result<()> {
    let project = super::load(&args.project)?;
    let (basis, changes, states, counts) = match (&args.new, &args.since) {
        (Some(new_path), _) => {
            let new = super::load(new_path)?;
            let basis = Basis::Files {
                old: args.project.clone(),
                new: new_path.clone(),
            };
            (basis, compare_projects(&project, &new), None, None)
        }
        (None, Some(since)) => match project.milestone(since) {
            Some(milestone) => {
                let review = review(&project, &milestone.name)?;
                let counts = review.counts();
                let basis = Basis::Milestone {
                    name: review.milestone.clone(),
                    at: review.at,
                };
                let (changes, states) = review
                    .items
                    .into_iter()
                    .map(|item| (item.change, item.state))
                    .unzip();
                (basis, changes, Some(states), Some(counts))
            }
            None => {
                let at = parse_time(since).map_err(|_| anyhow!(no_basis(&project, since)))?;
                (Basis::Time(at), changes_since(&project, at), None, None)
            }
        },
        (None, None) => bail!("give a milestone or time with --since, or a second project"),
    };
    let shown: Vec<Shown> = changes
        .iter()
        .enumerate()
        .map(|(i, change)| Shown {
            change,
            state: states.as_ref().map(|s: &Vec<ReviewState>| s[i]),
        })
        .collect();
    let mut out = super::stdout();
    match args.format {
        Format::Text => {
            let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let style = if colour {
                DiffStyle::Ansi
            } else {
                DiffStyle::Plain
            };
            write_text(&mut out, &basis, &shown, counts, style)?;
        }
        Format::Json => write_json(&mut out, &basis, &shown, counts)?,
        Format::Html => write_html(&mut out, &project, &basis, &shown, counts)?,
    }
    out.flush()?;
    Ok(())
}

/// The message when `--since` is neither a milestone nor a time.
fn no_basis(project: &Project, since: &str) -> String {
    let names: Vec<String> = project
        .milestones
        .iter()
        .map(|m| format!("\"{}\"", m.name))
        .collect();
    let known = if names.is_empty() {
        "the project has no milestones".to_string()
    } else {
        format!("its milestones are {}", names.join(", "))
    };
    format!(
        "\"{since}\" is neither a milestone of the project ({known}) nor a date or time (2026-11-26, 2026-11-26T14:30, 2026-11-26T13:30:00Z)"
    )
}

/// A timestamp with an offset, or a local date and time, or a local date (its midnight).
fn parse_time(text: &str) -> anyhow::Result<Timestamp> {
    let text = text.trim();
    if let Ok(at) = text.parse::<Timestamp>() {
        return Ok(at);
    }
    let local = if let Ok(datetime) = text.parse::<jiff::civil::DateTime>() {
        datetime
    } else {
        text.parse::<jiff::civil::Date>()?
            .to_datetime(jiff::civil::Time::midnight())
    };
    Ok(TimeZone::system().to_timestamp(local)?)
}

fn heading(basis: &Basis, shown: &[Shown], counts: Option<ReviewCounts>) -> String {
    let what = match basis {
        Basis::Milestone { name, at } => format!("changes since milestone \"{name}\" ({at})"),
        Basis::Time(at) => format!("changes since {at}"),
        Basis::Files { old, new } => format!("changes from {} to {}", old.display(), new.display()),
    };
    match counts {
        Some(c) => format!(
            "{what}: {} changed, {} accepted, {} reverted, {} remaining",
            c.changed, c.accepted, c.reverted, c.remaining
        ),
        None => {
            let mut kinds: Vec<(&str, usize)> = Vec::new();
            for Shown { change, .. } in shown {
                match kinds.iter_mut().find(|(k, _)| *k == change.kind.name()) {
                    Some((_, n)) => *n += 1,
                    None => kinds.push((change.kind.name(), 1)),
                }
            }
            kinds.sort();
            let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
            match kinds.is_empty() {
                true => format!("{what}: no changes"),
                false => format!("{what}: {}", kinds.join(", ")),
            }
        }
    }
}

fn rows_label(rows: &[RowId]) -> String {
    rows.iter()
        .map(RowId::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

fn state_name(state: ReviewState) -> &'static str {
    match state {
        ReviewState::Remaining => "remaining",
        ReviewState::Accepted => "accepted",
        ReviewState::Reverted => "reverted",
    }
}

fn write_text(
    out: &mut impl Write,
    basis: &Basis,
    shown: &[Shown],
    counts: Option<ReviewCounts>,
    style: DiffStyle,
) -> anyhow::Result<()> {
    writeln!(out, "{}", heading(basis, shown, counts))?;
    for Shown { change, state } in shown {
        let state = state.map_or(String::new(), |s| format!(", {}", state_name(s)));
        writeln!(
            out,
            "\n{} {}{state}",
            rows_label(&change.rows),
            change.kind.name()
        )?;
        let mut any = false;
        for side in Side::BOTH {
            let diff: &Diff = change.diff(side);
            if diff.is_changed() {
                any = true;
                writeln!(out, "  {}: {}", side.name(), diff.render(style))?;
            }
        }
        if !any {
            writeln!(out, "  (text unchanged)")?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonReport<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    milestone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    old: Option<&'a Path>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new: Option<&'a Path>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counts: Option<ReviewCounts>,
    changes: &'a [Shown<'a>],
}

fn write_json(
    out: &mut impl Write,
    basis: &Basis,
    shown: &[Shown],
    counts: Option<ReviewCounts>,
) -> anyhow::Result<()> {
    let mut report = JsonReport {
        milestone: None,
        since: None,
        old: None,
        new: None,
        counts,
        changes: shown,
    };
    match basis {
        Basis::Milestone { name, at } => {
            report.milestone = Some(name);
            report.since = Some(*at);
        }
        Basis::Time(at) => report.since = Some(*at),
        Basis::Files { old, new } => {
            report.old = Some(old);
            report.new = Some(new);
        }
    }
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)?;
    Ok(())
}

const CSS: &str = "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}\
td,th{border-bottom:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}\
td.text{white-space:pre-wrap;width:40%}del{color:#b00;background:#fdd}\
ins{color:#070;background:#dfd;text-decoration:none}mark{background:none;font-weight:bold;\
text-decoration:underline;color:inherit}.ws{outline:1px dotted}";

fn write_html(
    out: &mut impl Write,
    project: &Project,
    basis: &Basis,
    shown: &[Shown],
    counts: Option<ReviewCounts>,
) -> anyhow::Result<()> {
    let mut page = String::new();
    let esc = |page: &mut String, text: &str| escape_html(page, text);
    page.push_str("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>");
    esc(&mut page, &project.meta.title);
    page.push_str("</title><style>");
    page.push_str(CSS);
    page.push_str("</style></head><body>\n<h1>");
    esc(&mut page, &project.meta.title);
    page.push_str("</h1>\n<p>");
    esc(&mut page, &heading(basis, shown, counts));
    page.push_str("</p>\n<table><tr><th>rows</th><th>change</th><th>");
    esc(&mut page, &project.meta.source_lang);
    page.push_str("</th><th>");
    esc(&mut page, &project.meta.target_lang);
    page.push_str("</th></tr>\n");
    for Shown { change, state } in shown {
        page.push_str("<tr><td>");
        esc(&mut page, &rows_label(&change.rows));
        page.push_str("</td><td>");
        page.push_str(change.kind.name());
        if let Some(state) = state {
            page.push_str(", ");
            page.push_str(state_name(*state));
        }
        for side in Side::BOTH {
            page.push_str("</td><td class=\"text\">");
            page.push_str(&change.diff(side).render(DiffStyle::Html));
        }
        page.push_str("</td></tr>\n");
    }
    page.push_str("</table>\n</body></html>\n");
    out.write_all(page.as_bytes())?;
    Ok(())
}
