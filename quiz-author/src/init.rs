//! `quiz-author init`: the scaffold of a new exam. Owns the scaffold's files (the templates in
//! `templates/`, built into the binary, and the schemas as `quiz-author schema` prints them)
//! and writing them into a new or empty folder, all or nothing.

use crate::load::{UsageError, BLUEPRINT_SCHEMA, QUESTIONS_SCHEMA};
use std::path::{Path, PathBuf};

const BLUEPRINT: &str = include_str!("../templates/blueprint.json");
const QUESTIONS: &str = include_str!("../templates/questions.json");
const README: &str = include_str!("../templates/README.md");
const WORKFLOW: &str = include_str!("../templates/quiz.yml");

/// The scaffold's GitHub Actions workflow, relative to the new folder (`docs/content-ci.yml`
/// is a copy of it, held equal by a test).
pub const WORKFLOW_PATH: &str = ".github/workflows/quiz.yml";

/// The files of a new exam titled `title` with exam id `id`: paths relative to the new folder
/// (`/`-separated) and their text.
pub fn files(title: &str, id: &str) -> Vec<(&'static str, String)> {
    let json_title = serde_json::to_string(title).unwrap_or_default();
    let json_title = &json_title[1..json_title.len() - 1];
    let fill = |template: &str, title: &str| {
        template
            .replace("{{title}}", title)
            .replace("{{id}}", id)
            .replace("{{version}}", env!("CARGO_PKG_VERSION"))
    };
    vec![
        ("README.md", fill(README, title)),
        (WORKFLOW_PATH, fill(WORKFLOW, title)),
        ("content/blueprint.json", fill(BLUEPRINT, json_title)),
        (
            "content/questions/example.json",
            fill(QUESTIONS, json_title),
        ),
        (
            "content/schema/blueprint.schema.json",
            BLUEPRINT_SCHEMA.to_owned(),
        ),
        (
            "content/schema/questions.schema.json",
            QUESTIONS_SCHEMA.to_owned(),
        ),
    ]
}

/// An exam id from a title or a folder name: lower-case ASCII letters and digits, anything else
/// a hyphen (none leading, trailing or doubled), at most 80 characters; `exam` if nothing is left.
pub fn slug(text: &str) -> String {
    let mut id = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    id.truncate(80);
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "exam".to_owned()
    } else {
        id.to_owned()
    }
}

/// The title when none is given: the folder's name with hyphens and underscores as spaces and
/// its first letter upper-case (`my-exam` → `My exam`).
pub fn default_title(dir: &Path) -> String {
    let name = std::fs::canonicalize(dir)
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let words = name.replace(['-', '_'], " ");
    let words = words.trim();
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Practice exam".to_owned(),
    }
}

/// Writes the scaffold into `dir`, which must not exist or be an empty folder. On an error
/// nothing stays behind: a folder `init` created is removed, an empty one is emptied again.
/// Returns the files written.
pub fn write(dir: &Path, title: &str) -> Result<Vec<PathBuf>, UsageError> {
    let existed = match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(UsageError(format!(
                    "{} is not empty; init writes only into a new or empty folder (nothing written)",
                    dir.display()
                )));
            }
            true
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(_) if dir.exists() => {
            return Err(UsageError(format!(
                "{} exists and is not a folder (nothing written)",
                dir.display()
            )))
        }
        Err(e) => return Err(UsageError(format!("{}: {e}", dir.display()))),
    };
    let id = slug(title);
    let result = (|| {
        let mut written = Vec::new();
        for (path, text) in files(title, &id) {
            let file = dir.join(path);
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| UsageError(format!("{}: {e}", parent.display())))?;
            }
            std::fs::write(&file, text)
                .map_err(|e| UsageError(format!("{}: {e}", file.display())))?;
            written.push(file);
        }
        Ok(written)
    })();
    if result.is_err() {
        if existed {
            if let Ok(entries) = std::fs::read_dir(dir) {
                for entry in entries.flatten() {
                    let path = entry.path();
                    let _ = std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path));
                }
            }
        } else {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ids() {
        assert_eq!(
            slug("Azure AI Engineer (AI-102)"),
            "azure-ai-engineer-ai-102"
        );
        assert_eq!(slug("  --Ünïcode only-- "), "n-code-only");
        assert_eq!(slug("日本語"), "exam");
        assert_eq!(slug(&"a".repeat(100)).len(), 80);
        assert_eq!(slug(&format!("{}-b", "a".repeat(79))), "a".repeat(79));
    }

    #[test]
    fn default_titles_come_from_the_folder() {
        assert_eq!(
            default_title(Path::new("/no/such/my-new_exam")),
            "My new exam"
        );
        assert_eq!(default_title(Path::new("/")), "Practice exam");
    }

    /// The title is JSON-escaped in the JSON files and kept as written in the README.
    #[test]
    fn titles_are_escaped_in_json() {
        let title = r#"The "quoted" \ exam"#;
        for (path, text) in files(title, "x") {
            if path.ends_with(".json") {
                let value: serde_json::Value = serde_json::from_str(&text).expect(path);
                if path == "content/blueprint.json" {
                    assert_eq!(value["title"], title);
                    assert_eq!(value["id"], "x");
                }
            }
            assert!(!text.contains("{{"), "{path} has a placeholder left");
        }
        let readme = &files(title, "x")[0].1;
        assert!(readme.starts_with(&format!("# {title}\n")));
    }

    /// The schemas in the scaffold are the ones `quiz-author schema` prints and the one
    /// `validate` checks with.
    #[test]
    fn schemas_are_the_built_in_ones() {
        let all = files("T", "t");
        let get = |p: &str| &all.iter().find(|(path, _)| *path == p).unwrap().1;
        assert_eq!(
            get("content/schema/blueprint.schema.json"),
            BLUEPRINT_SCHEMA
        );
        assert_eq!(
            get("content/schema/questions.schema.json"),
            QUESTIONS_SCHEMA
        );
    }
}
