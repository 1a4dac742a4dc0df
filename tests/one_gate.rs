//! Every write of a project goes through one gate (`Document`): concurrent command-line
//! writers, exports aimed at projects, symbolic links, devices, permissions, unknown fields,
//! no-op commands, leftovers and signals. Each test runs the real `tolk` binary the way a
//! user or a script would, and checks what is on disk afterwards.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tolk::{ImportedRow, Project, backup_path, load_project, lock_path};

mod support;
use support::files_in;

fn tolk() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tolk"));
    command.env("TOLK_AUTHOR", "tester");
    command
}

fn run(args: &[&str]) -> Output {
    tolk().args(args).output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn project(rows: usize) -> Project {
    let mut p = Project::new("gate", "sv", "en");
    p.append_imported((0..rows).map(|i| ImportedRow {
        source: format!("Mening nummer {i}."),
        target: format!("Sentence number {i}."),
        ..Default::default()
    }));
    p
}

fn saved_project(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join("p.json");
    support::save_project(&project(rows), &path).unwrap();
    path
}

fn target(path: &Path, row: usize) -> String {
    load_project(path).unwrap().project.rows[row - 1]
        .target
        .clone()
}

/// 20 rounds of two `tolk edit`s started together on one project, each changing its own row:
/// every writer that exits 0 has its change in the file. With the default wait both succeed;
/// with `--wait 0` the loser must fail loudly, never exit 0 having lost its change.
#[test]
fn concurrent_cli_writers_never_lose_a_change_they_reported_as_done() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path(), 3_000);
    let p = path.to_str().unwrap();
    let (mut succeeded, mut refused) = (0, 0);
    for round in 0..20 {
        let wait = if round % 2 == 0 { "10" } else { "0" };
        let writers: Vec<(usize, String, std::process::Child)> = [1 + round, 2_000 + round]
            .into_iter()
            .map(|row| {
                let text = format!("round {round} row {row}");
                let child = tolk()
                    .args(["edit", p, &format!("target:{row}={text}"), "--wait", wait])
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap();
                (row, text, child)
            })
            .collect();
        for (row, text, child) in writers {
            let output = child.wait_with_output().unwrap();
            if output.status.success() {
                succeeded += 1;
                assert_eq!(
                    target(&path, row),
                    text,
                    "round {round}: an exit-0 edit was lost"
                );
            } else {
                refused += 1;
                assert!(
                    wait == "0",
                    "with a wait both writers succeed: {}",
                    stderr(&output)
                );
                assert!(
                    stderr(&output).contains("is open in another Tolk"),
                    "{}",
                    stderr(&output)
                );
                assert_ne!(target(&path, row), text);
            }
        }
    }
    assert!(succeeded >= 30, "{succeeded} of 40 writers succeeded");
    eprintln!("{succeeded} writers succeeded, {refused} refused with a clear error");
    assert!(!lock_path(&path).exists(), "no lock left behind");
}

/// `tolk realign` and `tolk milestone` at the same time: the milestone is never lost.
#[test]
fn a_milestone_added_during_a_realign_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path(), 2_000);
    let p = path.to_str().unwrap();
    for round in 0..3 {
        let realign = tolk()
            .args(["realign", p])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let name = format!("sent {round}");
        let milestone = run(&["milestone", p, &name]);
        let realigned = realign.wait_with_output().unwrap();
        assert!(realigned.status.success(), "{}", stderr(&realigned));
        assert!(milestone.status.success(), "{}", stderr(&milestone));
        let milestones = load_project(&path).unwrap().project.milestones;
        assert!(
            milestones.iter().any(|m| m.name == name),
            "round {round}: the milestone was lost"
        );
    }
}

#[test]
fn an_export_never_replaces_its_project_or_any_other_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path(), 5);
    let other = dir.path().join("other.json");
    support::save_project(&project(2), &other).unwrap();
    let before = fs::read(&path).unwrap();
    let other_before = fs::read(&other).unwrap();
    for (output, says) in [
        (&path, "is the project being exported"),
        (&other, "is a Tolk project"),
    ] {
        let result = run(&[
            "export",
            path.to_str().unwrap(),
            "--format",
            "html",
            "-o",
            output.to_str().unwrap(),
        ]);
        assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
        assert!(stderr(&result).contains(says), "{}", stderr(&result));
    }
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(fs::read(&other).unwrap(), other_before);
    assert!(
        !backup_path(&path).exists(),
        "nothing was written, not even a backup"
    );
    // `-` is standard output.
    let result = run(&[
        "export",
        path.to_str().unwrap(),
        "--format",
        "tsv",
        "-o",
        "-",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let text = String::from_utf8(result.stdout).unwrap();
    assert!(text.contains("Sentence number 4."), "{text}");
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_updates_the_real_file_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = saved_project(dir.path(), 3);
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("p.json", &link).unwrap();
    let result = run(&["edit", link.to_str().unwrap(), "target:1=Through the link."]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(target(&real, 1), "Through the link.");
    let backup = backup_path(&real);
    assert!(fs::symlink_metadata(&backup).unwrap().file_type().is_file());
    assert_eq!(
        load_project(&backup).unwrap().project.rows[0].target,
        "Sentence number 0."
    );
    assert!(
        !backup_path(&link).exists(),
        "the backup is beside the real file"
    );
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_written_directly_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path(), 3);
    let p = path.to_str().unwrap();
    let result = run(&["export", p, "--format", "tsv", "-o", "/dev/stdout"]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(String::from_utf8_lossy(&result.stdout).contains("Sentence number 2."));
    let result = run(&["export", p, "--format", "tmx", "-o", "/dev/null"]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    let fifo = dir.path().join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let result = run(&["export", p, "--format", "tsv", "-o", fifo.to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(reader.join().unwrap().contains("Sentence number 1."));
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[cfg(unix)]
#[test]
fn permissions_are_kept_and_a_read_only_project_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path(), 3);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let result = run(&["edit", path.to_str().unwrap(), "target:1=Kept mode."]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(mode(&path), 0o644);
    assert_eq!(mode(&backup_path(&path)), 0o644);
    // A new project gets what any new file gets under the umask (022 here: 0644).
    let text = dir.path().join("sv.txt");
    fs::write(&text, "En mening. En till.\n").unwrap();
    let new = dir.path().join("new.json");
    let result = Command::new("sh")
        .args(["-c", "umask 022; exec \"$0\" new \"$1\" -o \"$2\""])
        .arg(env!("CARGO_BIN_EXE_tolk"))
        .arg(&text)
        .arg(&new)
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(mode(&new), 0o644);
    // Read-only: refused for every user, root included, and left exactly as it was.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&path).unwrap();
    let result = run(&["edit", path.to_str().unwrap(), "target:1=Refused."]);
    assert_eq!(result.status.code(), Some(1));
    assert!(stderr(&result).contains("read-only"), "{}", stderr(&result));
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(mode(&path), 0o444);
}

#[test]
fn unknown_fields_are_kept_through_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path(), 2);
    let p = path.to_str().unwrap();
    assert!(run(&["milestone", p, "first"]).status.success());
    assert!(run(&["edit", p, "target:1=Edited once."]).status.success());
    let mut json: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    let extra = serde_json::json!({"by": "a newer Tolk", "n": [1, 2]});
    json["x_top"] = extra.clone();
    json["meta"]["x_meta"] = extra.clone();
    json["rows"][0]["x_row"] = extra.clone();
    json["rows"][1]["x_row"] = extra.clone();
    json["rows"][0]["history"][0]["x_revision"] = extra.clone();
    json["milestones"][0]["x_milestone"] = extra.clone();
    fs::write(&path, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    let result = run(&["edit", p, "target:2=Edited again.", "status:1=translated"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let after: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(after["x_top"], extra);
    assert_eq!(after["meta"]["x_meta"], extra);
    assert_eq!(after["rows"][0]["x_row"], extra);
    assert_eq!(after["rows"][1]["x_row"], extra);
    assert_eq!(after["rows"][0]["history"][0]["x_revision"], extra);
    assert_eq!(after["milestones"][0]["x_milestone"], extra);
    assert_eq!(after["rows"][1]["target"], "Edited again.");
}

#[test]
fn a_command_that_changes_nothing_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path(), 50);
    let p = path.to_str().unwrap();
    assert!(
        run(&["edit", p, "target:1=A real change."])
            .status
            .success()
    );
    let (file, backup) = (
        fs::read(&path).unwrap(),
        fs::read(backup_path(&path)).unwrap(),
    );
    for args in [
        vec!["realign", p, "--rows", "10-10"],
        vec!["edit", p, "target:1=A real change."],
        vec!["edit", p, "status:2=draft"],
    ] {
        let result = run(&args);
        assert!(result.status.success(), "{args:?}: {}", stderr(&result));
        assert!(
            stderr(&result).contains("nothing changed"),
            "{}",
            stderr(&result)
        );
        assert_eq!(
            fs::read(&path).unwrap(),
            file,
            "{args:?} rewrote the project"
        );
        assert_eq!(
            fs::read(backup_path(&path)).unwrap(),
            backup,
            "{args:?} rotated the backup"
        );
    }
}

#[test]
fn language_tags_and_author_names_are_checked_where_they_come_in() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("sv.txt");
    fs::write(&text, "En mening.\n").unwrap();
    let out = dir.path().join("p.json");
    let o = out.to_str().unwrap();
    let t = text.to_str().unwrap();
    let result = run(&["new", t, "-o", o, "--source-lang", "/../../ESCAPED"]);
    assert_eq!(result.status.code(), Some(2), "a usage error");
    assert!(
        stderr(&result).contains("not a language tag"),
        "{}",
        stderr(&result)
    );
    // A control character in a tag is no tag either (it would make ill-formed XML later).
    let result = run(&["new", t, "-o", o, "--target-lang", "en\u{7}"]);
    assert_eq!(result.status.code(), Some(2), "a usage error");
    assert!(
        stderr(&result).contains("not a language tag"),
        "{}",
        stderr(&result)
    );
    let result = run(&["new", t, "-o", o, "--author", "Eva\u{1}"]);
    assert_eq!(result.status.code(), Some(2));
    assert!(stderr(&result).contains("author"), "{}", stderr(&result));
    assert!(!out.exists());
    // sv_SE is repaired to sv-SE.
    let result = run(&["new", t, "-o", o, "--source-lang", "sv_SE"]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(
        load_project(&out).unwrap().project.meta.source_lang,
        "sv-SE"
    );
    // A project file with a tag that is no tag is refused, naming the field.
    let mut json: serde_json::Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    json["meta"]["target_lang"] = "../x\u{7}".into();
    fs::write(&out, serde_json::to_vec(&json).unwrap()).unwrap();
    let result = run(&["stats", o]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("meta.target_lang"),
        "{}",
        stderr(&result)
    );
    // A TMX whose languages are no tags never makes a project, nor files outside the folder.
    let tmx = dir.path().join("bad.tmx");
    fs::write(
        &tmx,
        "<?xml version=\"1.0\"?><tmx version=\"1.4\"><header srclang=\"/../../ESCAPED\" \
         datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" o-tmf=\"x\" \
         creationtool=\"x\" creationtoolversion=\"1\"/><body><tu><tuv xml:lang=\"/../../ESCAPED\">\
         <seg>Ett.</seg></tuv><tuv xml:lang=\"en\"><seg>One.</seg></tuv></tu></body></tmx>",
    )
    .unwrap();
    let imported = dir.path().join("imported.json");
    let result = run(&[
        "import",
        tmx.to_str().unwrap(),
        "-o",
        imported.to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    // The refusal quotes the tag as the file writes it, not as Tolk would have normalised it.
    assert!(
        stderr(&result).contains(
            "\"/../../ESCAPED\" (an xml:lang or srclang attribute) is not a language tag"
        ),
        "{}",
        stderr(&result)
    );
    assert!(!imported.exists());
}

#[test]
fn a_closed_or_full_standard_output_ends_quietly_or_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    // Spelling off: on a machine without Hunspell dictionaries `stats` says so on stderr, which
    // is not what this test is about (it failed there, outside CI, which installs them).
    let mut project = project(20_000);
    project.qa.disabled.push("spelling".into());
    let path = dir.path().join("p.json");
    support::save_project(&project, &path).unwrap();
    // Whoever reads stops after 10 bytes: the command ends quietly, exit 0, no panic.
    for command in ["stats \"$1\"", "export \"$1\" --format tsv -o -"] {
        let script =
            format!("\"$0\" {command} | head -c 10 >/dev/null; echo \"exit ${{PIPESTATUS[0]}}\"");
        let piped = Command::new("bash")
            .args(["-c", &script])
            .arg(env!("CARGO_BIN_EXE_tolk"))
            .arg(&path)
            .output()
            .unwrap();
        let err = stderr(&piped);
        assert!(err.is_empty(), "{command}: {err}");
        assert_eq!(
            String::from_utf8_lossy(&piped.stdout).trim(),
            "exit 0",
            "{command}"
        );
    }
    // A full disk behind standard output: one `tolk:` line, exit 1.
    if Path::new("/dev/full").exists() {
        for args in [vec!["stats"], vec!["export", "--format", "tsv", "-o", "-"]] {
            let full = Command::new(env!("CARGO_BIN_EXE_tolk"))
                .args(&args[..1])
                .arg(&path)
                .args(&args[1..])
                .stdout(fs::File::create("/dev/full").unwrap())
                .output()
                .unwrap();
            let err = stderr(&full);
            assert_eq!(full.status.code(), Some(1), "{args:?}: {err}");
            assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
            assert!(
                err.starts_with("tolk: cannot write to standard output: ") && err.contains("space"),
                "{err}"
            );
        }
    }
}

#[test]
fn temporary_files_of_dead_saves_are_swept_when_a_project_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path(), 3);
    let mut child = Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let host = fs::read_to_string("/proc/sys/kernel/hostname")
        .unwrap()
        .trim()
        .to_string();
    let stale = dir.path().join(format!(".tolk-save-123-{dead}@{host}.tmp"));
    fs::write(&stale, "half a project").unwrap();
    let result = run(&["edit", path.to_str().unwrap(), "target:1=Swept."]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(
        stderr(&result).contains("removed 1 temporary file"),
        "{}",
        stderr(&result)
    );
    assert_eq!(files_in(dir.path()), ["p.json", "p.json.bak"]);
}

/// SIGTERM or SIGINT in the middle of saving: the process removes its lock and temporary
/// files, and the project is whole (the old or the new version).
#[cfg(unix)]
#[test]
fn a_signal_leaves_no_lock_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let mut big = project(5_000);
    big.rows[0].target.clear(); // what `tolk save-loop` starts from
    support::save_project(&big, &path).unwrap();
    for signal in ["TERM", "INT"] {
        let mut child = tolk()
            .args(["save-loop", path.to_str().unwrap(), "--times", "1000000"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut ready = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(child.stdout.as_mut().unwrap()),
            &mut ready,
        )
        .unwrap();
        assert_eq!(ready.trim(), "ready");
        assert!(lock_path(&path).exists());
        std::thread::sleep(std::time::Duration::from_millis(700));
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(130), "{signal}: {status:?}");
        let left = files_in(dir.path());
        assert!(
            left.iter()
                .all(|name| name == "p.json" || name == "p.json.bak"),
            "{signal}: {left:?}"
        );
        assert!(load_project(&path).is_ok());
    }
}

/// SIGINT while `tolk new` writes its project: no lock is left for a file never made, no
/// temporary file, and whatever is at the output is a whole project.
#[cfg(unix)]
#[test]
fn an_interrupted_new_leaves_no_lock_and_no_half_project() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("sv.txt");
    let sentences: String = (0..40_000)
        .map(|i| format!("Detta är mening nummer {i} i en lång text.\n"))
        .collect();
    fs::write(&text, sentences).unwrap();
    let path = dir.path().join("p.json");
    let mut child = tolk()
        .args(["new", text.to_str().unwrap(), "-o", path.to_str().unwrap()])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The lock appears when the project is about to be written: interrupt right then.
    let mut interrupted_while_locked = false;
    while child.try_wait().unwrap().is_none() {
        if lock_path(&path).exists() {
            let killed = Command::new("kill")
                .args(["-INT", &child.id().to_string()])
                .status()
                .unwrap();
            interrupted_while_locked = killed.success();
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let status = child.wait().unwrap();
    assert!(
        interrupted_while_locked,
        "the lock was never seen before `tolk new` ended ({status:?})"
    );
    assert!(
        matches!(status.code(), Some(130) | Some(0)),
        "an interrupted new exits 130 (or 0 when it finished first): {status:?}"
    );
    let left: Vec<String> = files_in(dir.path())
        .into_iter()
        .filter(|name| name != "sv.txt")
        .collect();
    assert!(
        left.is_empty() || left == ["p.json"],
        "nothing but a whole project may be left: {left:?}"
    );
    if path.exists() {
        assert_eq!(load_project(&path).unwrap().project.rows.len(), 40_000);
    }
}

#[test]
fn a_mostly_utf8_text_with_a_stray_latin1_byte_stays_utf8_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("sv.txt");
    let mut bytes = "Första raden är här.\nAndra raden.\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"Tredje raden \xe4r trasig.\n");
    bytes.extend_from_slice("Fjärde raden är hel.\n".as_bytes());
    fs::write(&text, bytes).unwrap();
    let result = run(&["segment", text.to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    let out = String::from_utf8(result.stdout.clone()).unwrap();
    assert!(out.contains("Första raden är här."), "{out}");
    assert!(out.contains("Tredje raden är trasig."), "{out}");
    assert!(out.contains("Fjärde raden är hel."), "{out}");
    let err = stderr(&result);
    assert!(
        err.contains("not valid UTF-8") && err.contains("line 3"),
        "{err}"
    );
}

/// Two `tolk milestone`s taking over the same stale lock (left by a process that died) at the
/// same moment: never both hold it, so no milestone reported as added is lost.
#[test]
fn two_takers_of_a_stale_lock_never_both_win() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path(), 5_000);
    let p = path.to_str().unwrap();
    let host = fs::read_to_string("/proc/sys/kernel/hostname")
        .unwrap()
        .trim()
        .to_string();
    let mut child = Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    for round in 0..10 {
        fs::write(
            lock_path(&path),
            format!("pid={dead}\nhost={host}\ntoken=x\n"),
        )
        .unwrap();
        let names = [format!("a{round}"), format!("b{round}")];
        let takers: Vec<_> = names
            .iter()
            .map(|name| {
                tolk()
                    .args(["milestone", p, name, "--wait", "0"])
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outputs: Vec<Output> = takers
            .into_iter()
            .map(|t| t.wait_with_output().unwrap())
            .collect();
        let milestones = load_project(&path).unwrap().project.milestones;
        for (name, output) in names.iter().zip(&outputs) {
            let added = milestones.iter().any(|m| &m.name == name);
            if output.status.success() {
                assert!(added, "round {round}: {name} exited 0 but was lost");
            } else {
                assert!(!added);
                assert!(
                    stderr(output).contains("open in another Tolk"),
                    "{}",
                    stderr(output)
                );
            }
        }
        assert!(
            outputs.iter().any(|o| o.status.success()),
            "round {round}: nobody won"
        );
    }
}
