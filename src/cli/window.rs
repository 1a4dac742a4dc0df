//! `tolk [PROJECT]`: the window, or a clear message where none can be opened.

use std::path::{Path, PathBuf};

use anyhow::bail;

/// The sample project, looked for in the current folder and then beside the sources.
const SAMPLE: &str = "projects/kamenev-proletariatets-diktatur.json";

const CLI_HINT: &str = "Use the command line instead, for example:\n  \
    tolk stats PROJECT.json\n  \
    tolk segment TEXT.txt\n  \
    tolk new SOURCE.txt --target TARGET.txt -o PROJECT.json\n\
    (tolk --help lists every command)";

fn sample_project() -> Option<PathBuf> {
    let here = Path::new(SAMPLE);
    if here.exists() {
        return Some(here.to_path_buf());
    }
    let beside_sources = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE);
    beside_sources.exists().then_some(beside_sources)
}

#[cfg(feature = "gui")]
pub fn run(project: Option<PathBuf>) -> anyhow::Result<()> {
    if let Some(path) = &project
        && !path.exists()
    {
        bail!("{} does not exist", path.display());
    }
    if !tolk::ui::display_available() {
        bail!(
            "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n{CLI_HINT}"
        );
    }
    let project = project.or_else(sample_project);
    tolk::ui::run(project)
        .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}\n{CLI_HINT}"))
}

#[cfg(not(feature = "gui"))]
pub fn run(_project: Option<PathBuf>) -> anyhow::Result<()> {
    let _ = sample_project;
    bail!("this Tolk was built without its window (cargo feature `gui`).\n{CLI_HINT}")
}
