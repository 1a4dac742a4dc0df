//! `tolk stats`: a project's size and progress.

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
    println!("project: {}", project.meta.title);
    println!(
        "languages: {} -> {}",
        project.meta.source_lang, project.meta.target_lang
    );
    println!("rows: {} ({} locked)", stats.rows, stats.locked);
    for side in Side::BOTH {
        println!("{} words: {}", side.name(), stats.words(side));
    }
    for status in Status::ALL {
        println!("{}: {}", status.name(), stats.count(status));
    }
    println!("done: {:.1}%", stats.percent_done());
    Ok(())
}
