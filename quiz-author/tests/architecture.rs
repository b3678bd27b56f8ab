//! ARCHITECTURE.md's dependency table is the crates' real dependencies: every crate of the
//! workspace (and the fuzz crate) has a row; every dependency in its Cargo.toml (normal, build,
//! target-specific or dev) is listed in the row's "may depend on" column, and nothing else is;
//! a dependency used only by tests is marked "(tests)" there; and no dependency is named in the
//! "must not depend on" column (one the row allows for tests may be used by tests).
//! The dependencies come from `cargo metadata`, which reads the Cargo.toml files.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// One dependency of a crate: its name, and whether only tests use it.
#[derive(Debug)]
struct Dependency {
    name: String,
    tests_only: bool,
}

/// The crates of the workspace whose manifest is `manifest`, by folder (relative to the root),
/// with their dependencies.
fn crates(manifest: &Path) -> BTreeMap<String, Vec<Dependency>> {
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .arg("--manifest-path")
        .arg(manifest)
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    let root = Path::new(ROOT).canonicalize().unwrap();
    let mut crates = BTreeMap::new();
    for package in meta["packages"].as_array().unwrap() {
        let dir = PathBuf::from(package["manifest_path"].as_str().unwrap())
            .parent()
            .unwrap()
            .canonicalize()
            .unwrap();
        let dir = dir
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let mut deps: BTreeMap<String, bool> = BTreeMap::new();
        for dep in package["dependencies"].as_array().unwrap() {
            let name = dep["name"].as_str().unwrap().to_string();
            let dev = dep["kind"] == "dev";
            // A dependency is for tests only if every declaration of it is a dev-dependency.
            let entry = deps.entry(name).or_insert(dev);
            *entry &= dev;
        }
        let deps = deps
            .into_iter()
            .map(|(name, tests_only)| Dependency { name, tests_only })
            .collect();
        crates.insert(dir, deps);
    }
    crates
}

/// One row of the table: what a crate may use (name → marked for tests only) and the crate
/// names its "must not" column names.
#[derive(Debug)]
struct Row {
    may: BTreeMap<String, bool>,
    must_not: Vec<String>,
}

/// Splits a cell at commas and slashes outside parentheses; each item's first word is a crate
/// name (or, in the "must not" column, a description such as "anything web").
fn items(cell: &str) -> Vec<(String, String)> {
    let mut items = vec![];
    let (mut depth, mut current) = (0, String::new());
    for c in cell.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' | '/' if depth == 0 => {
                items.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    items.push(current);
    items
        .into_iter()
        .filter_map(|item| {
            let item = item.trim().to_string();
            let name = item
                .split(|c: char| c.is_whitespace() || c == '(')
                .next()?
                .trim_matches('`')
                .to_string();
            (!name.is_empty()).then_some((name, item))
        })
        .collect()
}

/// The rows of ARCHITECTURE.md's "Dependency rules" table, by crate folder.
fn table() -> BTreeMap<String, Row> {
    let doc = std::fs::read_to_string(Path::new(ROOT).join("ARCHITECTURE.md")).unwrap();
    let section = doc
        .split("\n## Dependency rules")
        .nth(1)
        .expect("ARCHITECTURE.md has a \"Dependency rules\" section");
    let section = section.split("\n## ").next().unwrap();
    let mut rows = BTreeMap::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        assert_eq!(cells.len(), 5, "a row of three cells: {line}");
        let folder = cells[1]
            .split('`')
            .nth(1)
            .unwrap()
            .trim_end_matches('/')
            .to_string();
        let may = items(cells[2])
            .into_iter()
            .map(|(name, item)| {
                let tests = item.contains("(tests");
                (name, tests)
            })
            .collect();
        let must_not = items(cells[3]).into_iter().map(|(name, _)| name).collect();
        rows.insert(folder, Row { may, must_not });
    }
    assert!(!rows.is_empty(), "no rows found in the dependency table");
    rows
}

#[test]
fn the_dependency_table_is_the_cargo_files() {
    let root = Path::new(ROOT);
    let mut all = crates(&root.join("Cargo.toml"));
    all.extend(crates(&root.join("fuzz/Cargo.toml")));
    let rows = table();
    let mut problems = vec![];
    for (folder, deps) in &all {
        let Some(row) = rows.get(folder) else {
            problems.push(format!(
                "{folder}: no row in ARCHITECTURE.md's dependency table"
            ));
            continue;
        };
        for dep in deps {
            match row.may.get(&dep.name) {
                None => problems.push(format!(
                    "{folder} depends on {} (Cargo.toml), which its row in ARCHITECTURE.md does not list: \
                     list it (with \"(tests)\" if only tests use it), or drop the dependency",
                    dep.name
                )),
                Some(&marked) if marked != dep.tests_only => problems.push(format!(
                    "{folder}: {} is {} but its row in ARCHITECTURE.md {}",
                    dep.name,
                    if dep.tests_only {
                        "a dev-dependency (tests only)"
                    } else {
                        "a dependency of the crate itself"
                    },
                    if marked {
                        "marks it \"(tests)\""
                    } else {
                        "does not mark it \"(tests)\""
                    }
                )),
                Some(_) => {}
            }
            let allowed_in_tests = dep.tests_only && row.may.get(&dep.name) == Some(&true);
            if row.must_not.contains(&dep.name) && !allowed_in_tests {
                problems.push(format!(
                    "{folder} depends on {}, which its row in ARCHITECTURE.md forbids",
                    dep.name
                ));
            }
        }
        for name in row.may.keys() {
            if !deps.iter().any(|d| &d.name == name) {
                problems.push(format!(
                    "{folder}: its row in ARCHITECTURE.md lists {name}, which its Cargo.toml does not depend on"
                ));
            }
        }
    }
    for folder in rows.keys() {
        if !all.contains_key(folder) {
            problems.push(format!(
                "ARCHITECTURE.md has a row for {folder}, which is not a crate"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "ARCHITECTURE.md's dependency table and the Cargo.toml files differ:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn items_split_outside_parentheses() {
    let got: Vec<String> = items("serde, rand (no default, features), serde/serde_json (why), `x`")
        .into_iter()
        .map(|i| i.0)
        .collect();
    assert_eq!(got, ["serde", "rand", "serde", "serde_json", "x"]);
}
