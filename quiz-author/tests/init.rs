//! `quiz-author init` through the real binary: what it writes passes `validate --deny-warnings`
//! and `bundle`, carries the built-in schemas, is the workflow `docs/content-ci.yml` shows, and
//! nothing is written into a folder that is not empty.

mod common;

use common::run;
use serde_json::Value;
use std::path::Path;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref())
        .unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn init_writes_an_exam_that_validates_and_bundles() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(
        &["init", "azure-exam", "--title", "Azure \"AI\" Engineer"],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let dir = tmp.path().join("azure-exam");
    assert_eq!(
        tree(&dir),
        [
            ".github/workflows/quiz.yml",
            "README.md",
            "content/blueprint.json",
            "content/questions/example.json",
            "content/schema/blueprint.schema.json",
            "content/schema/questions.schema.json",
        ]
    );
    let blueprint: Value = serde_json::from_str(&read(dir.join("content/blueprint.json"))).unwrap();
    assert_eq!(blueprint["title"], "Azure \"AI\" Engineer");
    assert_eq!(blueprint["id"], "azure-ai-engineer");
    assert!(read(dir.join("README.md")).starts_with("# Azure \"AI\" Engineer\n"));

    // Passes with warnings denied, from inside the folder (content/ is the default) and from outside.
    let inside = run(&["validate", "--deny-warnings"], &dir);
    assert!(inside.status.success(), "{}", text(&inside.stdout));
    assert!(text(&inside.stdout).contains("0 error(s), 0 warning(s)"));
    let outside = run(&["validate", "--deny-warnings", "azure-exam"], tmp.path());
    assert!(outside.status.success(), "{}", text(&outside.stdout));

    let bundle = run(&["bundle", "--out", "site/bank.json"], &dir);
    assert!(bundle.status.success(), "{}", text(&bundle.stderr));
    let index: Value = serde_json::from_str(&read(dir.join("site/bank.json"))).unwrap();
    assert_eq!(index["blueprint"]["title"], "Azure \"AI\" Engineer");
}

#[test]
fn the_scaffold_has_one_question_of_each_kind_with_reasons_and_references() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(run(&["init", "x"], tmp.path()).status.success());
    let file: Value =
        serde_json::from_str(&read(tmp.path().join("x/content/questions/example.json"))).unwrap();
    let questions = file["questions"].as_array().unwrap();
    let kinds: Vec<&str> = questions
        .iter()
        .map(|q| q["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["single", "multiple"]);
    for q in questions {
        assert!(!q["references"].as_array().unwrap().is_empty());
        for option in q["options"].as_array().unwrap() {
            assert!(!option["reason"].as_str().unwrap().is_empty());
        }
    }
    // The title defaults to the folder's name.
    let blueprint: Value =
        serde_json::from_str(&read(tmp.path().join("x/content/blueprint.json"))).unwrap();
    assert_eq!(blueprint["title"], "X");
}

/// Each content file's `$schema` points at a schema file in the scaffold, and those are what
/// `quiz-author schema` prints (one source: the schemas validate checks with).
#[test]
fn schemas_are_beside_the_content_and_are_the_built_in_ones() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(run(&["init", "x"], tmp.path()).status.success());
    let content = tmp.path().join("x/content");
    for (file, kind) in [
        ("blueprint.json", "blueprint"),
        ("questions/example.json", "questions"),
    ] {
        let path = content.join(file);
        let value: Value = serde_json::from_str(&read(&path)).unwrap();
        let schema = path
            .parent()
            .unwrap()
            .join(value["$schema"].as_str().unwrap());
        let printed = run(&["schema", "--kind", kind], tmp.path());
        assert_eq!(read(&schema), text(&printed.stdout), "{file}");
    }
}

/// docs/content-ci.yml is exactly the workflow init writes.
#[test]
fn the_documented_workflow_is_the_one_init_writes() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(run(&["init", "x"], tmp.path()).status.success());
    let written = read(tmp.path().join("x/.github/workflows/quiz.yml"));
    let docs = read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/content-ci.yml"
    ));
    assert_eq!(
        docs, written,
        "docs/content-ci.yml differs from what `quiz-author init` writes \
         (quiz-author/templates/quiz.yml with the version filled in): copy it over"
    );
    assert!(written.contains(&format!(
        "cargo install quiz-author --version {} --locked",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(written.contains("quiz-author validate --deny-warnings --format github"));
    assert!(written.contains("pull_request:"));
}

/// The README's install lines name this version (the workflow's, which it quotes).
#[test]
fn the_readme_installs_this_version() {
    let readme = read(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"));
    let pinned: Vec<&str> = readme
        .lines()
        .filter(|l| l.contains("cargo install quiz-author --version"))
        .collect();
    assert!(!pinned.is_empty());
    for line in pinned {
        assert!(
            line.contains(&format!("--version {} ", env!("CARGO_PKG_VERSION"))),
            "README.md: {line}"
        );
    }
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("taken");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let out = run(&["init", "taken"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("taken is not empty"), "{err}");
    assert!(err.contains("nothing written"), "{err}");
    assert_eq!(tree(&dir), ["notes.txt"]);
    assert_eq!(read(dir.join("notes.txt")), "mine");

    // A hidden file counts too; a plain file is refused.
    let hidden = tmp.path().join("hidden");
    std::fs::create_dir_all(hidden.join(".git")).unwrap();
    assert_eq!(run(&["init", "hidden"], tmp.path()).status.code(), Some(2));
    assert!(std::fs::read_dir(hidden.join(".git"))
        .unwrap()
        .next()
        .is_none());
    std::fs::write(tmp.path().join("file"), "x").unwrap();
    let out = run(&["init", "file"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not a folder"));
    assert_eq!(read(tmp.path().join("file")), "x");
}

#[test]
fn init_fills_an_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(&["init", ".", "--title", "Here"], tmp.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(run(&["validate", "--deny-warnings"], tmp.path())
        .status
        .success());
}
