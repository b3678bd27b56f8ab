//! Runs the real quiz-author binary on real files: good content, and each kind of bad content.
//! Every case asserts the exit code, the file and rule named, and that nothing was written or
//! modified.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const GOOD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/good");

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_quiz-author"));
    c.env("NO_COLOR", "1");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A copy of the good fixture in a temporary folder.
fn good_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("content");
    std::fs::create_dir_all(root.join("questions")).unwrap();
    std::fs::copy(
        Path::new(GOOD).join("blueprint.json"),
        root.join("blueprint.json"),
    )
    .unwrap();
    std::fs::copy(
        Path::new(GOOD).join("questions/tiny.json"),
        root.join("questions/tiny.json"),
    )
    .unwrap();
    (dir, root)
}

fn edit_json(path: &Path, edit: impl FnOnce(&mut Value)) {
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    edit(&mut v);
    std::fs::write(path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

/// Breaks one rule in the questions file and checks the report.
fn assert_rule(edit: impl FnOnce(&mut Value), rule: &str) -> String {
    let (_dir, root) = good_copy();
    let file = root.join("questions/tiny.json");
    edit_json(&file, edit);
    let before = std::fs::read(&file).unwrap();
    let out = run(&["validate", root.to_str().unwrap()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains(&format!("error[{rule}]")),
        "rule {rule} not named:\n{text}"
    );
    assert!(text.contains("tiny.json:"), "file not named:\n{text}");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "content file was modified"
    );
    text
}

#[test]
fn good_content_is_valid() {
    let out = run(&["validate", GOOD, "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("0 error(s), 0 warning(s)"));
}

#[test]
fn the_shipped_content_is_valid() {
    let content = concat!(env!("CARGO_MANIFEST_DIR"), "/../content");
    let out = run(&["validate", content, "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn duplicate_question_id() {
    let text = assert_rule(
        |v| v["questions"][1]["id"] = v["questions"][0]["id"].clone(),
        "duplicate-question-id",
    );
    assert!(text.contains("/questions/1/id"), "{text}");
}

#[test]
fn unknown_objective_points_at_line_and_column() {
    let text = assert_rule(
        |v| v["questions"][4]["objective"] = "ghost".into(),
        "unknown-objective",
    );
    // The pointer is mapped back to the line holding the value.
    let line = text.lines().find(|l| l.contains("-->")).unwrap();
    let pos = line.rsplit(':').take(2).collect::<Vec<_>>();
    assert!(
        pos[0].parse::<usize>().unwrap() > 1 && pos[1].parse::<usize>().unwrap() > 1,
        "{line}"
    );
    assert!(
        text.contains("\"objective\": \"ghost\""),
        "snippet missing:\n{text}"
    );
}

#[test]
fn single_select_with_two_correct() {
    assert_rule(
        |v| v["questions"][0]["options"][1]["correct"] = true.into(),
        "single-needs-one-correct",
    );
}

#[test]
fn multiple_select_choose_mismatch() {
    assert_rule(
        |v| v["questions"][2]["choose"] = 3.into(),
        "choose-mismatch",
    );
}

#[test]
fn multiple_select_with_one_correct() {
    assert_rule(
        |v| {
            v["questions"][2]["options"][2]["correct"] = false.into();
        },
        "multiple-needs-two-correct",
    );
}

#[test]
fn duplicate_option_id() {
    assert_rule(
        |v| v["questions"][0]["options"][1]["id"] = "a".into(),
        "duplicate-option-id",
    );
}

#[test]
fn banned_option() {
    assert_rule(
        |v| v["questions"][0]["options"][3]["text"] = "All of the above".into(),
        "banned-option",
    );
}

#[test]
fn schema_errors_name_the_pointer() {
    let text = assert_rule(|v| v["questions"][0]["kind"] = "several".into(), "schema");
    assert!(text.contains("/questions/0/kind"), "{text}");
    assert_rule(
        |v| v["questions"][0]["options"][0]["text"] = "   ".into(),
        "schema",
    );
    assert_rule(
        |v| v["questions"][0]["options"] = Value::Array(vec![]),
        "schema",
    );
}

#[test]
fn weights_must_sum_to_100() {
    let (_dir, root) = good_copy();
    edit_json(&root.join("blueprint.json"), |v| {
        v["domains"][0]["weight_percent"] = 60.into()
    });
    let out = run(&["validate", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("error[weights-sum]"));
    assert!(stdout(&out).contains("blueprint.json:"));
}

#[test]
fn not_enough_questions_for_an_exam() {
    let (_dir, root) = good_copy();
    edit_json(&root.join("blueprint.json"), |v| {
        v["question_count"] = 40.into()
    });
    let out = run(&["validate", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("error[not-enough-questions]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let (_dir, root) = good_copy();
    edit_json(&root.join("questions/tiny.json"), |v| {
        v["questions"][0]["options"][1]["reason"] = "".into()
    });
    let out = run(&["validate", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("warning[missing-reason]"));
    let denied = run(&["validate", root.to_str().unwrap(), "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
}

fn bad_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf, Output) {
    let (dir, root) = good_copy();
    let path = root.join("questions").join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = run(&["validate", root.to_str().unwrap()]);
    (dir, path, out)
}

#[test]
fn broken_syntax_names_line_and_column() {
    let (_d, _p, out) = bad_file(
        "broken.json",
        b"{\n  \"questions\": [\n    {\"id\": \"x\",, }\n  ]\n}",
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("error[json-syntax]"), "{text}");
    assert!(text.contains("broken.json:3:16"), "{text}");
}

#[test]
fn invalid_utf8() {
    let (_d, _p, out) = bad_file("latin1.json", b"{\"questions\": [\"caf\xe9\"]}");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("error[invalid-utf8]"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("latin1.json:1:20"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn empty_file() {
    let (_d, _p, out) = bad_file("empty.json", b"  \n");
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("error[empty-file]"));
    assert!(stdout(&out).contains("empty.json:1:1"));
}

#[test]
fn null_document() {
    let (_d, _p, out) = bad_file("null.json", b"null");
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("error[schema]"));
    assert!(stdout(&out).contains("null.json:1:1"));
}

#[test]
fn deeply_nested_file_is_refused_without_overflow() {
    let deep = "[".repeat(100_000);
    let (_d, _p, out) = bad_file("deep.json", deep.as_bytes());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("nested too deeply"));
    assert!(stdout(&out).contains("deep.json:"));
}

#[test]
fn huge_file_is_refused() {
    let (dir, root) = good_copy();
    let path = root.join("questions/huge.json");
    // A sparse file: the size check happens before reading.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    let out = run(&["validate", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("error[file-too-large]"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("huge.json"));
    drop(dir);
}

#[test]
fn missing_path_is_a_usage_error() {
    let out = run(&["validate", "/definitely/not/here"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/definitely/not/here"));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn github_format_annotates() {
    let (_dir, root) = good_copy();
    edit_json(&root.join("questions/tiny.json"), |v| {
        v["questions"][0]["options"][1]["correct"] = true.into()
    });
    let out = run(&["validate", root.to_str().unwrap(), "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let line = stdout(&out)
        .lines()
        .find(|l| l.starts_with("::error file="))
        .map(String::from)
        .unwrap();
    assert!(line.contains("tiny.json,line="), "{line}");
    assert!(line.contains(",col="), "{line}");
    assert!(line.contains("title=single-needs-one-correct::"), "{line}");
}

#[test]
fn json_format_is_machine_readable() {
    let (_dir, root) = good_copy();
    edit_json(&root.join("questions/tiny.json"), |v| {
        v["questions"][0]["objective"] = "ghost".into()
    });
    let out = run(&["validate", root.to_str().unwrap(), "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["rule"], "unknown-objective");
    assert_eq!(v[0]["severity"], "error");
    assert!(v[0]["line"].as_u64().unwrap() > 1);
    assert_eq!(v[0]["pointer"], "/questions/0/objective");
}

/// Every file a bundle wrote: the index and its folder's files, by path relative to the index's
/// folder, sorted.
/// Bundles the content at `root` into `dir` (the bundle must succeed) and returns the text of
/// every file it wrote, index first.
fn bundled_text(dir: &Path, root: &Path) -> String {
    let out_path = dir.join("bank.json");
    let out = run(&[
        "bundle",
        root.to_str().unwrap(),
        "--out",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    bundle_files(&out_path).into_iter().map(|f| f.1).collect()
}

fn bundle_files(index: &Path) -> Vec<(String, String)> {
    let dir = index.parent().unwrap();
    let text = std::fs::read_to_string(index).unwrap();
    let folder = serde_json::from_str::<Value>(&text).unwrap()["folder"]
        .as_str()
        .unwrap()
        .to_string();
    let mut files = vec![(
        index.file_name().unwrap().to_string_lossy().into_owned(),
        text,
    )];
    let mut names: Vec<_> = std::fs::read_dir(dir.join(&folder))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        files.push((
            format!("{folder}/{name}"),
            std::fs::read_to_string(dir.join(&folder).join(&name)).unwrap(),
        ));
    }
    files
}

/// The bank a bundle holds, read as the browser reads it.
fn read_bundle(index: &Path) -> quiz_core::Bank {
    let dir = index.parent().unwrap().to_path_buf();
    quiz_core::bundle::parse(&std::fs::read_to_string(index).unwrap(), |p| {
        std::fs::read_to_string(dir.join(p)).ok()
    })
    .expect("the browser can read it")
}

#[test]
fn bundle_is_deterministic_compact_and_rendered() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (
        dir.path().join("a/bank.json"),
        dir.path().join("b/bank.json"),
    );
    let out = run(&["bundle", GOOD, "--out", a.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("12 questions in 4 shards"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        run(&["bundle", GOOD, "--out", b.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let files = bundle_files(&a);
    assert_eq!(
        files,
        bundle_files(&b),
        "bundle output differs between runs"
    );
    // The index, one shard for each of the four objectives (three questions each) and the directory.
    assert_eq!(
        files.len(),
        6,
        "{:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(files[1].0.starts_with("bank-") && files[1].0.len() > "bank-".len() + 10);
    let all: String = files.iter().map(|f| f.1.as_str()).collect();
    assert!(!all.contains("\n  "), "bundle is not compact");
    assert!(
        all.contains("<pre><code class=\\\"language-python\\\">"),
        "code not rendered"
    );
    assert!(
        all.contains("<strong>lighthouses</strong>"),
        "note Markdown not rendered"
    );
    assert_eq!(read_bundle(&a).questions.len(), 12);
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(a.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}

#[test]
fn a_changed_bank_gets_a_new_folder_and_the_old_one_stays_whole() {
    let (dir, root) = good_copy();
    let out_path = dir.path().join("site/bank.json");
    assert_eq!(
        run(&[
            "bundle",
            root.to_str().unwrap(),
            "--out",
            out_path.to_str().unwrap()
        ])
        .status
        .code(),
        Some(0)
    );
    let before = bundle_files(&out_path);
    edit_json(&root.join("questions/tiny.json"), |v| {
        v["questions"][0]["stem"] = "A changed stem about lighthouses?".into()
    });
    assert_eq!(
        run(&[
            "bundle",
            root.to_str().unwrap(),
            "--out",
            out_path.to_str().unwrap()
        ])
        .status
        .code(),
        Some(0)
    );
    let after = bundle_files(&out_path);
    assert_ne!(
        before[1].0.split('/').next(),
        after[1].0.split('/').next(),
        "the folder is named by its content"
    );
    assert!(read_bundle(&out_path)
        .questions
        .iter()
        .any(|q| q.stem.contains("A changed stem")));
    // The old folder is still there, unchanged, for pages that loaded the old index.
    for (path, text) in &before[1..] {
        assert_eq!(
            &std::fs::read_to_string(out_path.parent().unwrap().join(path)).unwrap(),
            text
        );
    }
}

#[test]
fn a_damaged_folder_of_the_same_name_is_written_again() {
    let (dir, root) = good_copy();
    let out_path = dir.path().join("site/bank.json");
    let bundle = || {
        run(&[
            "bundle",
            root.to_str().unwrap(),
            "--out",
            out_path.to_str().unwrap(),
        ])
        .status
        .code()
    };
    assert_eq!(bundle(), Some(0));
    let good = bundle_files(&out_path);
    let site = out_path.parent().unwrap();
    // As a crash before the disk caught up could leave it: one shard empty, one missing.
    std::fs::write(site.join(&good[1].0), "").unwrap();
    std::fs::remove_file(site.join(&good[2].0)).unwrap();
    assert_eq!(bundle(), Some(0));
    assert_eq!(bundle_files(&out_path), good);
    let names: Vec<String> = std::fs::read_dir(site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary folder left behind: {names:?}");
}

#[test]
fn bundle_writes_nothing_on_error() {
    let (dir, root) = good_copy();
    edit_json(&root.join("questions/tiny.json"), |v| {
        v["questions"][0]["options"][1]["correct"] = true.into()
    });
    let out_path = dir.path().join("out/bank.json");
    let out = run(&[
        "bundle",
        root.to_str().unwrap(),
        "--out",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nothing written"), "{}", stderr(&out));
    assert!(!out_path.exists());
    assert_eq!(
        std::fs::read_dir(out_path.parent().unwrap())
            .map(|d| d.count())
            .unwrap_or(0),
        0,
        "no shard folder either"
    );
    // An existing bundle is left as it was.
    std::fs::create_dir_all(out_path.parent().unwrap()).unwrap();
    std::fs::write(&out_path, "previous").unwrap();
    run(&[
        "bundle",
        root.to_str().unwrap(),
        "--out",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "previous");
}

#[test]
fn raw_html_in_content_never_reaches_the_bundle() {
    let (dir, root) = good_copy();
    edit_json(&root.join("questions/tiny.json"), |v| {
        v["questions"][0]["stem"] = "<script>alert(1)</script> <img src=x onerror=alert(1)>".into();
        v["questions"][1]["stem"] = "Read [the docs](javascript:alert(1)) first.".into();
    });
    let text = bundled_text(dir.path(), &root);
    assert!(!text.contains("<script"), "script passed through");
    assert!(!text.contains("<img"), "img passed through");
    assert!(
        !text.contains("href=\\\"javascript:"),
        "javascript link passed through"
    );
    assert!(
        !text.contains("onerror=alert(1)>"),
        "event handler passed through"
    );
    assert!(text.contains("&lt;script&gt;"));
    // A link whose scheme is not allowed is its text, with no element around it.
    assert!(text.contains("Read the docs first."), "link text lost");
}

#[test]
fn fenced_code_keeps_its_language_in_the_bundle() {
    let (dir, root) = good_copy();
    edit_json(&root.join("questions/tiny.json"), |v| {
        v["questions"][0]["stem"] = "Which setting?\n\n```ini\n[core]\nx = 1\n```".into();
        v["questions"][1]["stem"] = "Which table?\n\n```toml\n[package]\n```".into();
        v["questions"][2]["stem"] = "Which line?\n\n```py\"onclick=\"x\nx = 1\n```".into();
    });
    let text = bundled_text(dir.path(), &root);
    assert!(
        text.contains("<pre><code class=\\\"language-ini\\\">[core]"),
        "ini lost its language"
    );
    assert!(
        text.contains("<pre><code class=\\\"language-toml\\\">[package]"),
        "toml lost its language"
    );
    assert!(
        text.contains("<pre><code>x = 1"),
        "a malformed language is dropped"
    );
    assert!(!text.contains("class=\\\"\\\""), "an empty class attribute");
    assert!(!text.contains("onclick"), "the info string leaked");
}

#[test]
fn stats_report_coverage() {
    let out = run(&["stats", GOOD, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["questions"], 12);
    assert_eq!(v["multiple_select"], 4);
    assert_eq!(v["full_exams_without_repeats"], 3);
    assert_eq!(v["domains"][0]["per_exam"], 2);
    assert_eq!(v["objectives"].as_array().unwrap().len(), 4);
    let human = stdout(&run(&["stats", GOOD]));
    assert!(
        human.contains("full exams without repeating a question: 3"),
        "{human}"
    );
    assert_eq!(v["with_references"], 12);
    assert_eq!(v["recall_only"], 0);
    assert_eq!(
        v["difficulty"]["easy"].as_u64().unwrap()
            + v["difficulty"]["medium"].as_u64().unwrap()
            + v["difficulty"]["hard"].as_u64().unwrap(),
        12
    );
    let families: Vec<&str> = v["cues"]["families"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["family"].as_str().unwrap())
        .collect();
    assert_eq!(families, ["reason", "absolute", "sweeping"]);
    assert_eq!(v["cues"]["key_exposed"], serde_json::json!([]));
    assert!(
        human.contains("key left alone after crossing out cue-word options: 0 of 12"),
        "{human}"
    );
}

#[test]
fn stats_name_the_questions_whose_key_the_cue_words_expose() {
    let case = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/bad-content/cue-exposes-key"
    );
    let (bp, qs) = (
        format!("{case}/blueprint.json"),
        format!("{case}/questions"),
    );
    let v: Value =
        serde_json::from_slice(&run(&["stats", &bp, &qs, "--format", "json"]).stdout).unwrap();
    assert_eq!(
        v["cues"]["key_exposed"],
        serde_json::json!(["alpha-one-01"])
    );
    let reason = &v["cues"]["families"][0];
    assert_eq!(
        (
            reason["keyed_options_with"].as_u64(),
            reason["wrong_options_with"].as_u64()
        ),
        (Some(0), Some(1))
    );
    let human = stdout(&run(&["stats", &bp, &qs]));
    assert!(
        human.contains(
            "key left alone after crossing out cue-word options: 1 of 12 (8.3%): alpha-one-01"
        ),
        "{human}"
    );
}

#[test]
fn stats_columns_fit_long_titles() {
    let tmp = tempfile::tempdir().unwrap();
    let long = "Installation and Configuration of Very Long Things";
    let bp = std::fs::read_to_string(Path::new(GOOD).join("blueprint.json")).unwrap();
    let first_title = serde_json::from_str::<Value>(&bp).unwrap()["domains"][0]["title"]
        .as_str()
        .unwrap()
        .to_string();
    std::fs::write(
        tmp.path().join("blueprint.json"),
        bp.replacen(&format!("\"{first_title}\""), &format!("\"{long}\""), 1),
    )
    .unwrap();
    let qs = Path::new(GOOD).join("questions");
    let human = stdout(&run(&[
        "stats",
        tmp.path().join("blueprint.json").to_str().unwrap(),
        qs.to_str().unwrap(),
    ]));
    let rows: Vec<&str> = human
        .lines()
        .skip_while(|l| !l.starts_with("Domains"))
        .skip(1)
        .take(2)
        .collect();
    let slash = |l: &str| l.find(" / ").unwrap_or_else(|| panic!("{l}"));
    assert!(rows[0].contains(long), "{human}");
    assert_eq!(slash(rows[0]), slash(rows[1]), "{human}");
}

#[test]
fn schema_command_prints_both_schemas() {
    let q: Value = serde_json::from_slice(&run(&["schema"]).stdout).unwrap();
    assert!(q["$id"]
        .as_str()
        .unwrap()
        .ends_with("questions.schema.json"));
    let b: Value = serde_json::from_slice(&run(&["schema", "--kind", "blueprint"]).stdout).unwrap();
    assert!(b["$id"]
        .as_str()
        .unwrap()
        .ends_with("blueprint.schema.json"));
}

#[test]
fn a_single_question_file_finds_its_blueprint() {
    let file = Path::new(GOOD).join("questions/tiny.json");
    let out = run(&["validate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

/// CONTRIBUTING.md lists the cue words that quiz-core declares (`quiz_core::cues::FAMILIES`):
/// each family's row names exactly its words, in order.
#[test]
fn contributing_lists_the_cue_words_quiz_core_checks() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../CONTRIBUTING.md"))
        .unwrap();
    for family in quiz_core::cues::FAMILIES {
        let row = doc
            .lines()
            .find(|l| l.starts_with(&format!("| {} |", family.label)))
            .unwrap_or_else(|| panic!("CONTRIBUTING.md has no row for {}", family.label));
        let listed: Vec<&str> = row
            .split('|')
            .nth(2)
            .unwrap()
            .split(',')
            .map(str::trim)
            .collect();
        assert_eq!(
            listed, family.words,
            "CONTRIBUTING.md's {} row",
            family.label
        );
    }
}

#[test]
fn readme_names_the_programs_make_test_needs() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let setup = readme
        .split("\n## Set up")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("README.md has a \"Set up\" section");
    // The prerequisites: the sentence before the first command block.
    let prerequisites = setup.split("```").next().unwrap();
    let mut used = std::fs::read_to_string(format!("{root}/Makefile")).unwrap();
    for entry in std::fs::read_dir(format!("{root}/scripts")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "sh") {
            used.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    // What the scripts run but do not install (scripts/ensure-tools.sh installs the rest).
    for (program, named_as) in [
        ("python3", "python3"),
        ("node", "Node.js"),
        ("npm", "npm"),
        ("cargo", "Rust"),
    ] {
        if used.contains(&format!("{program} ")) {
            assert!(
                prerequisites.contains(named_as),
                "README.md's Set up does not list {named_as} (the Makefile or scripts run {program}):\n{prerequisites}"
            );
        }
    }
}
