//! `tolk stats`: a project's size and progress: rows, words and characters per side and per
//! status, QA findings by check, rows changed since each milestone.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use tolk::{Side, Status};

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The project file.
    pub project: PathBuf,
    /// Output: `text` or `json` (every figure, for scripts).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Leave out the QA findings (the checks are not run).
    #[arg(long)]
    pub no_checks: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(args: StatsArgs) -> anyhow::Result<()> {
    let loaded = tolk::load_project(&args.project)?;
    for repair in &loaded.repairs {
        eprintln!("warning: {}: {repair}", args.project.display());
    }
    let project = &loaded.project;
    let findings = if args.no_checks {
        None
    } else {
        match tolk::Checker::new(project, Some(&args.project), &tolk::CheckSetup::default()) {
            Ok(checker) => {
                for notice in checker.notices() {
                    eprintln!("note: {notice}");
                }
                Some(checker.check_all(project))
            }
            Err(error) => {
                eprintln!("warning: the checks were not run: {error}");
                None
            }
        }
    };
    let stats = tolk::Statistics::of(project, findings.as_deref());
    let mut out = super::stdout();
    if args.format == Format::Json {
        serde_json::to_writer_pretty(&mut out, &stats)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(());
    }
    writeln!(out, "project: {}", project.meta.title)?;
    writeln!(
        out,
        "languages: {} -> {}",
        project.meta.source_lang, project.meta.target_lang
    )?;
    writeln!(out, "rows: {} ({} locked)", stats.rows, stats.locked)?;
    for side in Side::BOTH {
        let counts = match side {
            Side::Source => stats.source,
            Side::Target => stats.target,
        };
        writeln!(out, "{} words: {}", side.name(), counts.words)?;
        writeln!(out, "{} characters: {}", side.name(), counts.characters)?;
    }
    for status in Status::ALL {
        let s = stats.statuses[status.name()];
        writeln!(
            out,
            "{}: {} (source {} words, target {} words)",
            status.name(),
            s.rows,
            s.source.words,
            s.target.words
        )?;
    }
    writeln!(out, "done: {:.1}%", stats.percent_done)?;
    if let Some(findings) = &stats.findings {
        let total: usize = findings.values().sum();
        let by: Vec<String> = findings
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(id, n)| format!("{id} {n}"))
            .collect();
        writeln!(
            out,
            "findings: {total}{}{}",
            if by.is_empty() { "" } else { ": " },
            by.join(", ")
        )?;
    }
    for m in &stats.milestones {
        writeln!(
            out,
            "since \"{}\": {} rows changed ({} accepted, {} reverted, {} remaining)",
            m.name, m.changed, m.accepted, m.reverted, m.remaining
        )?;
    }
    out.flush()?;
    Ok(())
}
