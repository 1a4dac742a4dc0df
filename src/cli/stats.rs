//! `tolk stats`: a project's size and progress.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use tolk::{Side, Status};

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The project file.
    pub project: PathBuf,
}

pub fn run(args: StatsArgs) -> anyhow::Result<()> {
    let loaded = tolk::load_project(&args.project)?;
    for repair in &loaded.repairs {
        eprintln!("warning: {}: {repair}", args.project.display());
    }
    let stats = tolk::ProjectStats::of(&loaded.project);
    let project = &loaded.project;
    let mut out = super::stdout();
    writeln!(out, "project: {}", project.meta.title)?;
    writeln!(
        out,
        "languages: {} -> {}",
        project.meta.source_lang, project.meta.target_lang
    )?;
    writeln!(out, "rows: {} ({} locked)", stats.rows, stats.locked)?;
    for side in Side::BOTH {
        writeln!(out, "{} words: {}", side.name(), stats.words(side))?;
    }
    for status in Status::ALL {
        writeln!(out, "{}: {}", status.name(), stats.count(status))?;
    }
    writeln!(out, "done: {:.1}%", stats.percent_done())?;
    out.flush()?;
    Ok(())
}
