//! The bad-content corpus: every folder of `tests/bad-content/` is a tiny content folder (a copy
//! of `tests/fixtures/good`) with exactly one thing broken, and an `expect.json`:
//!
//! ```json
//! {"exit": 1, "file": "questions/tiny.json", "rule": "single-needs-one-correct", "deny_warnings": false}
//! ```
//!
//! For each case the real binary runs `validate <case> [--deny-warnings] --format json` and
//! `bundle <case> --out <tmp>/bank.json`; the test asserts the exit code, that a diagnostic names
//! the file (`"file": null` for findings about the bank as a whole) and the rule, that `bundle`
//! wrote nothing (errors) or wrote a bundle (warnings only), and that the case's files are
//! byte-identical afterwards. The folders are made by `tests/bad-content/generate.py`.
//!
//! `<case>` is passed as its top-level entries (`blueprint.json`, `questions/`) rather than the
//! folder itself, so that `expect.json` is not read as content.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/bad-content");
const GOOD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/good");

trait AsOs {
    fn as_os(&self) -> &std::ffi::OsStr;
}
impl AsOs for str {
    fn as_os(&self) -> &std::ffi::OsStr {
        std::ffi::OsStr::new(self)
    }
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quiz-author"))
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("binary runs")
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// The content paths of a case: its top-level entries except expect.json.
fn content_paths(case: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(case)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "expect.json"))
        .collect();
    paths.sort();
    paths
}

struct Expect {
    exit: i32,
    file: Option<String>,
    rule: String,
    deny_warnings: bool,
}

fn expect(case: &Path) -> Expect {
    let text = std::fs::read_to_string(case.join("expect.json"))
        .unwrap_or_else(|e| panic!("{}: expect.json: {e}", case.display()));
    let v: Value = serde_json::from_str(&text).unwrap();
    Expect {
        exit: v["exit"].as_i64().expect("exit") as i32,
        file: v["file"].as_str().map(str::to_string),
        rule: v["rule"].as_str().expect("rule").to_string(),
        deny_warnings: v["deny_warnings"].as_bool().unwrap_or(false),
    }
}

/// Runs one case; returns a description of what went wrong, if anything.
fn check_case(case: &Path, want: &Expect) -> Result<(), String> {
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let before = snapshot(case);
    let paths = content_paths(case);
    let fail = |what: String| Err(format!("{name}: {what}"));

    // validate
    let mut args: Vec<&std::ffi::OsStr> = vec!["validate".as_os()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    if want.deny_warnings {
        args.push("--deny-warnings".as_os());
    }
    args.extend(["--format".as_os(), "json".as_os()]);
    let out = run(&args);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if out.status.code() != Some(want.exit) {
        return fail(format!(
            "validate exited {:?}, want {}\nstdout: {stdout}\nstderr: {stderr}",
            out.status.code(),
            want.exit
        ));
    }
    let diagnostics: Vec<Value> = match serde_json::from_str(&stdout) {
        Ok(v) => v,
        Err(e) => {
            return fail(format!(
                "--format json printed no JSON array ({e}):\n{stdout}"
            ))
        }
    };
    let wanted_file = want.file.as_ref().map(|f| case.join(f));
    let named = diagnostics.iter().any(|d| {
        d["rule"] == want.rule.as_str()
            && match &wanted_file {
                Some(f) => d["file"]
                    .as_str()
                    .is_some_and(|got| Path::new(got) == f.as_path()),
                None => d["file"] == "",
            }
    });
    if !named {
        return fail(format!(
            "no diagnostic with rule {} and file {:?}:\n{stdout}",
            want.rule, want.file
        ));
    }
    if let Some(d) = diagnostics
        .iter()
        .find(|d| d["message"].as_str().is_none_or(str::is_empty))
    {
        return fail(format!("a diagnostic without a message: {d}"));
    }

    // bundle: errors block it (nothing written, not even a temporary file); warnings do not.
    let tmp = tempfile::tempdir().unwrap();
    let bank = tmp.path().join("bank.json");
    let mut args: Vec<&std::ffi::OsStr> = vec!["bundle".as_os()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    args.extend(["--out".as_os(), bank.as_os_str()]);
    let out = run(&args);
    let warnings_only = diagnostics.iter().all(|d| d["severity"] == "warning");
    let written: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    if warnings_only {
        if out.status.code() != Some(0) || !bank.is_file() {
            return fail(format!(
                "bundle refused warnings-only content: {:?}\n{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    } else {
        if out.status.code() != Some(want.exit) {
            return fail(format!(
                "bundle exited {:?}, want {}",
                out.status.code(),
                want.exit
            ));
        }
        if !written.is_empty() {
            return fail(format!("bundle wrote {written:?} despite errors"));
        }
    }

    if snapshot(case) != before {
        return fail("the case's files changed".into());
    }
    Ok(())
}

#[test]
fn every_bad_content_case_is_reported_and_nothing_is_written() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(CORPUS)
        .expect("tests/bad-content exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 25, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    let mut rules = std::collections::BTreeSet::new();
    for case in &cases {
        let want = expect(case);
        rules.insert(want.rule.clone());
        if let Err(e) = check_case(case, &want) {
            failures.push(e);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
    // Every content rule that the schema lets through is broken somewhere in the corpus.
    for rule in [
        "duplicate-question-id",
        "duplicate-blueprint-id",
        "unknown-objective",
        "single-needs-one-correct",
        "multiple-needs-two-correct",
        "choose-mismatch",
        "duplicate-option-id",
        "option-count",
        "weights-sum",
        "not-enough-questions",
        "banned-option",
        "duplicate-note",
        "objective-without-questions",
        "near-duplicate-stem",
        "missing-reason",
        "answer-length-bias",
        "cue-exposes-key",
        "cue-asymmetry",
        "missing-references",
        "reference-url",
        "duplicate-reference",
        "json-syntax",
        "invalid-utf8",
        "empty-file",
        "schema",
        "no-blueprint",
        "two-blueprints",
    ] {
        assert!(rules.contains(rule), "no case for {rule}");
    }
}

/// The warnings-only cases pass without --deny-warnings (exit 0): the flag is what fails them.
#[test]
fn warning_cases_pass_without_deny_warnings() {
    for entry in std::fs::read_dir(CORPUS).unwrap() {
        let case = entry.unwrap().path();
        if !case.is_dir() || !expect(&case).deny_warnings {
            continue;
        }
        let paths = content_paths(&case);
        let mut args: Vec<&std::ffi::OsStr> = vec!["validate".as_os()];
        args.extend(paths.iter().map(|p| p.as_os_str()));
        let out = run(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            case.display(),
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// A questions file over 64 MB is refused before it is read. Made at test time in a temporary
/// folder (too big to commit).
#[test]
fn file_too_large() {
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path().join("file-too-large");
    std::fs::create_dir_all(case.join("questions")).unwrap();
    std::fs::copy(
        Path::new(GOOD).join("blueprint.json"),
        case.join("blueprint.json"),
    )
    .unwrap();
    let big = case.join("questions/tiny.json");
    let file = std::fs::File::create(&big).unwrap();
    // Sparse: 65 MB of zero bytes on disk costs nothing; the size check must come before reading.
    file.set_len(65 * 1024 * 1024).unwrap();
    drop(file);
    std::fs::write(
        case.join("expect.json"),
        r#"{"exit": 1, "file": "questions/tiny.json", "rule": "file-too-large"}"#,
    )
    .unwrap();
    let want = expect(&case);
    check_case(&case, &want).unwrap();
}
