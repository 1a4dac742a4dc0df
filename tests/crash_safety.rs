//! Crash safety, proven by killing: a real `tolk save-loop` process saving a large project is
//! killed with SIGKILL at random moments, and after every kill the project file must load and
//! be exactly one complete version, and `NAME.bak` must be exactly the one before (or the
//! same). `TOLK_KILLS` sets the number of kills (20 by default, for CI; 1000 by hand),
//! `TOLK_KILL_ROWS` the project's size and `TOLK_BIN` the binary.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tolk::{ImportedRow, Project, backup_path, project_from_slice};

mod support;

/// A project large enough that a save takes a while (some MB of JSON).
fn large_project(rows: usize) -> Project {
    let mut project = Project::new("Kill test", "sv", "en");
    project.append_imported((0..rows).map(|i| ImportedRow {
        source: format!("Mening nummer {i} med å, ä och ö och lite mer text för att fylla ut."),
        target: format!("Sentence number {i} with some more text to fill the line up."),
        starts_paragraph: i % 7 == 0,
        score: Some((i % 100) as f32 / 100.0),
    }));
    project.rows[0].target = String::new();
    project
}

/// Rows in the test project: `TOLK_KILL_ROWS`, default 5,000 (about 1.5 MB of JSON).
fn rows() -> usize {
    std::env::var("TOLK_KILL_ROWS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(5_000)
}

/// The `tolk` to kill: `TOLK_BIN` (a copy, so that a long run by hand is not disturbed by
/// rebuilds), else the one cargo built for this test.
fn tolk_binary() -> std::ffi::OsString {
    std::env::var_os("TOLK_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_tolk").into())
}

/// Which version the file at `path` is, if it is exactly one; a description of the fault if
/// it is not. Version `n` is the base project after `n` saves of `tolk save-loop`: the first
/// row's target is "save n", its history has gained one revision per save (the last one saying
/// "save n"), and everything else is as in the base (the modification time aside).
fn which_version(base: &Project, path: &Path) -> Result<u64, String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut loaded = project_from_slice(&bytes, path)
        .map_err(|e| e.to_string())?
        .project;
    let first = &mut loaded.rows[0];
    let n = if first.target.is_empty() {
        0
    } else {
        first
            .target
            .strip_prefix("save ")
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| {
                format!(
                    "{}: unexpected first target {:?}",
                    path.display(),
                    first.target
                )
            })?
    };
    let base_history = base.rows[0].history.len();
    let added: Vec<String> = first
        .history
        .drain(base_history.min(first.history.len())..)
        .map(|r| r.text)
        .collect();
    let expected: Vec<String> = (1..=n).map(|k| format!("save {k}")).collect();
    first.target.clear();
    loaded.meta.modified = base.meta.modified;
    if added != expected || loaded != *base {
        return Err(format!(
            "{} loads but is not exactly version {n}",
            path.display()
        ));
    }
    Ok(n)
}

/// A small xorshift generator: the kill moments need no more than that.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn saves_killed_at_random_moments_leave_the_old_or_the_new_version_and_an_intact_backup() {
    let kills: u64 = std::env::var("TOLK_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(20);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    let base = large_project(rows());
    support::save_project(&base, &path).unwrap();
    // Time one save in this process to spread the kills over a few saves' length.
    let started = Instant::now();
    support::save_project(&base, &path).unwrap();
    fs::remove_file(backup_path(&path)).unwrap();
    let save_ms = (started.elapsed().as_millis() as u64).max(5);
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let mut random = Random(seed | 1);
    let mut last = 0;
    let mut faults = Vec::new();
    let mut stray_temporaries = 0;
    for kill in 0..kills {
        let mut child = Command::new(tolk_binary())
            .args(["save-loop", path.to_str().unwrap(), "--times", "1000000"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut ready = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut ready)
            .unwrap();
        assert_eq!(
            ready.trim(),
            "ready",
            "save-loop did not start (kill {kill})"
        );
        std::thread::sleep(Duration::from_micros(random.below(save_ms * 3 * 1000)));
        child.kill().unwrap();
        child.wait().unwrap();
        match which_version(&base, &path) {
            Ok(n) if n >= last => {
                if n > 0 {
                    match which_version(&base, &backup_path(&path)) {
                        Ok(b) if b + 1 == n || b == n => {}
                        Ok(b) => faults.push(format!("kill {kill}: .bak is version {b}, file {n}")),
                        Err(e) => faults.push(format!("kill {kill}: .bak: {e}")),
                    }
                }
                last = n;
            }
            Ok(n) => faults.push(format!("kill {kill}: went back from version {last} to {n}")),
            Err(e) => faults.push(format!("kill {kill}: {e}")),
        }
        if (kill + 1) % 25 == 0 {
            // Progress for long runs by hand: what is proven so far survives an interruption.
            eprintln!(
                "kill test: {} kills tried, {} faults, version {last}",
                kill + 1,
                faults.len()
            );
        }
        // A killed save leaves its temporary file behind (never under the project's name).
        for entry in fs::read_dir(dir.path()).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.starts_with(".tolk-") && name.ends_with(".tmp") {
                stray_temporaries += 1;
                fs::remove_file(dir.path().join(name)).unwrap();
            }
        }
    }
    eprintln!(
        "kill test: {kills} kills tried, {} corrupt or wrong files, {last} saves completed, {stray_temporaries} temporary files left by killed saves (one save takes ~{save_ms} ms here)",
        faults.len()
    );
    assert!(faults.is_empty(), "{faults:#?}");
    assert!(
        kills < 5 || last > 0,
        "no save ever completed: the kills did not test saving"
    );
}
