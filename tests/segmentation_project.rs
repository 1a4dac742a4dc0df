//! A project's own segmentation rules (`meta.segmentation`): `tolk new --source-rules
//! --target-rules --lenient` cuts the texts with them and keeps them, realignment and the edits
//! cut the same way, `tolk edit rules:SIDE=FILE` and `lenient:on|off` change them, the SRX
//! export carries them, and rules that do not parse are refused naming the file and the line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tolk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tolk"))
        .args(args)
        .env("TOLK_AUTHOR", "tester")
        .output()
        .unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A Swedish text with an abbreviation Tolk does not know ("anf." before a capital) and its
/// translation with "anon." the same way, in one folder.
struct Texts {
    dir: tempfile::TempDir,
}

impl Texts {
    fn new() -> Texts {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("source.txt"),
            "Lenin skrev det i anf. Arbete, sid. 3. Sedan kom kriget. Freden kom sent.\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("target.txt"),
            "Lenin wrote it in anon. Work, p. 3. Then came the war. Peace came late.\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("sv-rules.txt"), "# the text's own\nanf.\n").unwrap();
        std::fs::write(dir.path().join("en-rules.txt"), "anon.\n").unwrap();
        Texts { dir }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `tolk new` of the two texts into `name`, with `extra` arguments.
    fn new_project(&self, name: &str, extra: &[&str]) -> (PathBuf, Output) {
        let project = self.file(name);
        let (source, target) = (self.file("source.txt"), self.file("target.txt"));
        let mut args = vec!["new", path(&source), "--target", path(&target), "-o"];
        args.push(path(&project));
        args.extend_from_slice(extra);
        let out = tolk(&args);
        (project, out)
    }
}

fn sources(project: &Path) -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(project).unwrap()).unwrap();
    json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["source"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn new_cuts_with_the_projects_rules_and_realign_keeps_them() {
    let texts = Texts::new();
    let (plain, out) = texts.new_project("plain.json", &[]);
    assert!(ok(&out).contains("4 source sentences, 4 target sentences"));
    // Without rules "anf." ends a sentence before a capital.
    assert_eq!(
        sources(&plain),
        [
            "Lenin skrev det i anf.",
            "Arbete, sid. 3.",
            "Sedan kom kriget.",
            "Freden kom sent."
        ]
    );
    let (sv_rules, en_rules) = (texts.file("sv-rules.txt"), texts.file("en-rules.txt"));
    let (project, out) = texts.new_project(
        "own.json",
        &[
            "--source-rules",
            path(&sv_rules),
            "--target-rules",
            path(&en_rules),
        ],
    );
    assert!(ok(&out).contains("3 source sentences, 3 target sentences"));
    assert_eq!(
        sources(&project),
        [
            "Lenin skrev det i anf. Arbete, sid. 3.",
            "Sedan kom kriget.",
            "Freden kom sent."
        ]
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&project).unwrap()).unwrap();
    assert_eq!(
        json["meta"]["segmentation"]["source_rules"],
        "# the text's own\nanf.\n"
    );
    assert_eq!(json["meta"]["segmentation"]["target_rules"], "anon.\n");
    // Realignment right after cuts as the import did: nothing changes.
    let said = ok(&tolk(&["realign", path(&project)]));
    assert!(said.contains("nothing changed"), "{said}");
    // The SRX export carries the project's abbreviations for OmegaT.
    let srx = texts.file("own.srx");
    ok(&tolk(&[
        "export",
        path(&project),
        "--format",
        "srx",
        "-o",
        path(&srx),
    ]));
    let srx = std::fs::read_to_string(srx).unwrap();
    assert!(
        srx.contains(r"(?i)\banf\.") && srx.contains(r"(?i)\banon\."),
        "{srx}"
    );
}

#[test]
fn edit_changes_the_rules_and_realign_cuts_again() {
    let texts = Texts::new();
    let (project, out) = texts.new_project("p.json", &[]);
    ok(&out);
    assert_eq!(sources(&project).len(), 4);
    // Realignment cuts each row's text (rows it does not join): a row merged by hand is cut
    // again at "anf." by the built-in rules...
    ok(&tolk(&["edit", path(&project), "merge:1"]));
    assert_eq!(sources(&project).len(), 3);
    ok(&tolk(&["realign", path(&project)]));
    assert_eq!(sources(&project).len(), 4);
    // ...and kept whole once the project's rules know the abbreviations.
    let source_rules = format!("rules:source={}", path(&texts.file("sv-rules.txt")));
    let target_rules = format!("rules:target={}", path(&texts.file("en-rules.txt")));
    let said = ok(&tolk(&[
        "edit",
        path(&project),
        "merge:1",
        &source_rules,
        &target_rules,
    ]));
    assert!(said.contains("3 operations applied"), "{said}");
    ok(&tolk(&["realign", path(&project)]));
    assert_eq!(
        sources(&project),
        [
            "Lenin skrev det i anf. Arbete, sid. 3.",
            "Sedan kom kriget.",
            "Freden kom sent."
        ]
    );
    // Lenient mode and dropping the rules are edits too.
    ok(&tolk(&[
        "edit",
        path(&project),
        "lenient:on",
        "rules:source=",
        "rules:target=",
    ]));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&project).unwrap()).unwrap();
    assert_eq!(json["meta"]["segmentation"]["lenient"], true);
    assert!(json["meta"]["segmentation"].get("source_rules").is_none());
    ok(&tolk(&["realign", path(&project)]));
    assert_eq!(sources(&project)[0], "Lenin skrev det i anf.");
    assert_eq!(sources(&project).len(), 4);
}

#[test]
fn realign_recut_joins_rows_the_new_rules_no_longer_cut() {
    // Rules added after the import: a plain realign keeps the row cut at "anf.", since a row
    // boundary stays a sentence boundary; `--recut` joins each paragraph's rows and cuts
    // them again, so the two rows come together, and a second one changes nothing.
    let texts = Texts::new();
    let (project, out) = texts.new_project("p.json", &[]);
    ok(&out);
    let source_rules = format!("rules:source={}", path(&texts.file("sv-rules.txt")));
    let target_rules = format!("rules:target={}", path(&texts.file("en-rules.txt")));
    ok(&tolk(&[
        "edit",
        path(&project),
        &source_rules,
        &target_rules,
        // The two rows to be joined were confirmed: the recut says their status is gone.
        "status:1-2=translated",
    ]));
    let said = ok(&tolk(&["realign", path(&project)]));
    assert!(said.contains("nothing changed"), "{said}");
    assert_eq!(sources(&project).len(), 4);
    let said = ok(&tolk(&["realign", path(&project), "--recut"]));
    assert!(said.contains("cut again and realigned rows 1-4"), "{said}");
    assert!(
        said.contains("2 translated or reviewed rows were replaced by draft rows"),
        "{said}"
    );
    assert_eq!(
        sources(&project),
        [
            "Lenin skrev det i anf. Arbete, sid. 3.",
            "Sedan kom kriget.",
            "Freden kom sent."
        ]
    );
    let said = ok(&tolk(&["realign", path(&project), "--recut"]));
    assert!(said.contains("nothing changed"), "{said}");
}

#[test]
fn rules_that_do_not_parse_are_refused_naming_the_file_and_the_line() {
    let texts = Texts::new();
    let bad = texts.file("bad-rules.txt");
    std::fs::write(&bad, "anf.\n\nnot an abbreviation\n").unwrap();
    let (project, out) = texts.new_project("p.json", &["--source-rules", path(&bad)]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad-rules.txt") && err.contains("line 3"),
        "{err}"
    );
    assert!(!project.exists(), "nothing written");
    // A file far too large to be rules (a text chosen by mistake) is refused before it is
    // read, naming it.
    let huge = texts.file("a-book.txt");
    std::fs::write(&huge, "anf.\n".repeat(300_000)).unwrap();
    let (project, out) = texts.new_project("p.json", &["--target-rules", path(&huge)]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a-book.txt") && err.contains("1500000 bytes"),
        "{err}"
    );
    assert!(!project.exists(), "nothing written");
    // In `tolk edit` too, and the project is left as it was.
    let (project, out) = texts.new_project("q.json", &[]);
    ok(&out);
    let before = std::fs::read(&project).unwrap();
    let out = tolk(&[
        "edit",
        path(&project),
        &format!("rules:target={}", path(&bad)),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 3"));
    assert_eq!(std::fs::read(&project).unwrap(), before);
    // A project file whose rules were broken by hand is refused on opening, not cut with
    // other rules than it says.
    let mut json: serde_json::Value = serde_json::from_slice(&before).unwrap();
    json["meta"]["segmentation"] = serde_json::json!({ "source_rules": "anf\n" });
    std::fs::write(&project, serde_json::to_vec(&json).unwrap()).unwrap();
    let out = tolk(&["realign", path(&project)]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("q.json") && err.contains("meta.segmentation.source_rules: line 1"),
        "{err}"
    );
}
