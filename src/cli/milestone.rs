//! `tolk milestone`: mark the present as a named milestone (saved atomically, refused when the
//! project is open in another Tolk or changed on disk meanwhile), or list the milestones.

use std::path::PathBuf;

use std::io::Write;

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
    #[command(flatten)]
    pub wait: super::WaitArgs,
}

pub fn run(args: MilestoneArgs) -> anyhow::Result<()> {
    let Some(name) = args.name else {
        let project = super::load(&args.project)?;
        let mut out = super::stdout();
        if project.milestones.is_empty() {
            writeln!(out, "no milestones")?;
        }
        for milestone in &project.milestones {
            let c = review_counts(&project, &milestone.name)?;
            writeln!(
                out,
                "{}\t{}\t{} changed, {} accepted, {} reverted, {} remaining",
                milestone.name, milestone.at, c.changed, c.accepted, c.reverted, c.remaining
            )?;
        }
        out.flush()?;
        return Ok(());
    };
    let author = super::author(None)?;
    let mut document = super::open_for_saving(&args.project, &args.wait)?;
    let name = name.trim().to_string();
    let at = Timestamp::now();
    let milestone = Milestone::new(name.clone(), at);
    document
        .apply_at(
            Edit::AddMilestone {
                milestone,
                index: None,
            },
            &author,
            at,
        )
        .with_context(|| format!("cannot add the milestone to {}", args.project.display()))?;
    super::save(&mut document, &format!("milestone \"{name}\" at {at}"))
}
