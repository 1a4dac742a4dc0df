//! `tolk save-loop` (hidden): saves a project over and over, for the kill test that proves
//! saves are atomic (tests/crash_safety.rs).

use std::io::Write;
use std::path::PathBuf;

use anyhow::bail;
use clap::Args;

#[derive(Debug, Args)]
pub struct SaveLoopArgs {
    /// The project file; its first row's target must be empty or "save N".
    pub project: PathBuf,
    /// How many saves to make.
    #[arg(long, default_value_t = 100)]
    pub times: u64,
}

/// Each save sets the first row's target to "save N+1", where N is the number in the file,
/// and changes nothing else (no revision, so no timestamps): version N of the file is thus
/// known exactly to the test. Prints "ready" once the project is loaded, so the test kills
/// during saves and not during loading.
pub fn run(args: SaveLoopArgs) -> anyhow::Result<()> {
    let wait = super::WaitArgs { wait: 0.0 };
    let mut document = super::open_for_saving(&args.project, &wait)?;
    let Some(first) = document.project().rows.first() else {
        bail!("{} has no rows to change", args.project.display());
    };
    let row = first.id;
    let mut count = save_number(&first.target)?;
    let mut out = super::stdout();
    writeln!(out, "ready")?;
    out.flush()?;
    for _ in 0..args.times {
        count += 1;
        let edit = tolk::Edit::SetText {
            row,
            side: tolk::Side::Target,
            text: format!("save {count}"),
            origin: tolk::Origin::Typed,
        };
        document.apply(edit, "save-loop")?;
        document.save()?;
    }
    Ok(())
}

/// The N of "save N"; 0 for an empty text.
fn save_number(target: &str) -> anyhow::Result<u64> {
    if target.is_empty() {
        return Ok(0);
    }
    match target.strip_prefix("save ").map(str::parse) {
        Some(Ok(n)) => Ok(n),
        _ => bail!("the first row's target is {target:?}, not \"save N\""),
    }
}
