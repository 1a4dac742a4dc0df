//! `tolk milestone`: mark the present as a named milestone (saved atomically), or list the
//! milestones with their review counts.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use jiff::Timestamp;
use tolk::{Edit, Milestone, review_counts};

#[derive(Debug, Args)]
pub struct MilestoneArgs {
    /// The project file.
    pub project: PathBuf,
    /// The new milestone's name, e.g. "sent to reviewer" (unique within the project).
    #[arg(required_unless_present = "list", conflicts_with = "list")]
    pub name: Option<String>,
    /// List the milestones, oldest first, with their times and review counts.
    #[arg(long)]
    pub list: bool,
}

pub fn run(args: MilestoneArgs) -> anyhow::Result<()> {
    let mut project = super::load(&args.project)?;
    let Some(name) = args.name else {
        if project.milestones.is_empty() {
            println!("no milestones");
        }
        for milestone in &project.milestones {
            let c = review_counts(&project, &milestone.name)?;
            println!(
                "{}\t{}\t{} changed, {} accepted, {} reverted, {} remaining",
                milestone.name, milestone.at, c.changed, c.accepted, c.reverted, c.remaining
            );
        }
        return Ok(());
    };
    let name = name.trim().to_string();
    let at = Timestamp::now();
    project
        .apply(Edit::AddMilestone {
            milestone: Milestone::new(name.clone(), at),
            index: None,
        })
        .with_context(|| format!("cannot add the milestone to {}", args.project.display()))?;
    tolk::save_project(&project, &args.project)?;
    eprintln!("{}: milestone \"{name}\" at {at}", args.project.display());
    Ok(())
}
