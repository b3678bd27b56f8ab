//! Reading content: finds the blueprint and question files, reads each one defensively (size,
//! empty, UTF-8, JSON syntax, nesting), validates it against the JSON Schema, and builds the
//! [`Bank`] together with a map from bank positions back to files and JSON pointers.
//!
//! Every problem becomes a [`Diagnostic`] naming the file, line and column; nothing panics and
//! content files are only ever read.

use crate::diagnostic::{Diagnostic, Locator};
use quiz_core::model::{Blueprint, Question, StudyNote};
use quiz_core::rules::{Finding, Severity, Target};
use quiz_core::Bank;
use serde::Deserialize;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub const BLUEPRINT_SCHEMA: &str = include_str!("../schema/blueprint.schema.json");
pub const QUESTIONS_SCHEMA: &str = include_str!("../schema/questions.schema.json");

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// An I/O or usage problem: exit code 2.
#[derive(Debug)]
pub struct UsageError(pub String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Blueprint,
    Questions,
}

/// One content file as read.
pub struct SourceFile {
    pub path: PathBuf,
    pub kind: FileKind,
    pub text: String,
    locator: OnceLock<Locator>,
}

impl SourceFile {
    pub fn locator(&self) -> &Locator {
        self.locator.get_or_init(|| Locator::new(&self.text))
    }
}

/// Content that passed the schema, with the way back from the bank to the files.
pub struct Loaded {
    /// How many content files were found (some may have been unreadable).
    pub discovered: usize,
    pub files: Vec<SourceFile>,
    pub bank: Option<Bank>,
    /// For each bank question: (file index, position in that file's `questions`).
    pub question_origin: Vec<(usize, usize)>,
    /// For each bank note: (file index, position in that file's `notes`).
    pub note_origin: Vec<(usize, usize)>,
    pub blueprint_file: Option<usize>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Collects the content files named by `paths` (files or directories, searched recursively;
/// `schema/` folders and non-JSON files are skipped). When no blueprint is among them, the
/// nearest `blueprint.json` above the first path is used.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<(PathBuf, FileKind)>, UsageError> {
    let mut found = Vec::new();
    for path in paths {
        let meta =
            std::fs::metadata(path).map_err(|e| UsageError(format!("{}: {e}", path.display())))?;
        if meta.is_dir() {
            walk(path, &mut found).map_err(|e| UsageError(format!("{}: {e}", path.display())))?;
        } else {
            found.push(path.clone());
        }
    }
    found.sort();
    found.dedup();
    let mut files: Vec<(PathBuf, FileKind)> = found
        .into_iter()
        .map(|p| {
            let kind = if p.file_name().is_some_and(|n| n == "blueprint.json") {
                FileKind::Blueprint
            } else {
                FileKind::Questions
            };
            (p, kind)
        })
        .collect();
    if !files.iter().any(|(_, k)| *k == FileKind::Blueprint) {
        if let Some(bp) = paths.first().and_then(|p| find_blueprint_above(p)) {
            files.insert(0, (bp, FileKind::Blueprint));
        }
    }
    if files.is_empty() {
        return Err(UsageError("no content files found".into()));
    }
    Ok(files)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let ty = entry.file_type()?;
        if ty.is_dir() {
            if path
                .file_name()
                .is_some_and(|n| n == "schema" || n.to_string_lossy().starts_with('.'))
            {
                continue;
            }
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

fn find_blueprint_above(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    let mut dir = if start.is_dir() {
        Some(start.as_path())
    } else {
        start.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join("blueprint.json");
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

fn validator(kind: FileKind) -> &'static jsonschema::Validator {
    static BLUEPRINT: OnceLock<jsonschema::Validator> = OnceLock::new();
    static QUESTIONS: OnceLock<jsonschema::Validator> = OnceLock::new();
    let (cell, text) = match kind {
        FileKind::Blueprint => (&BLUEPRINT, BLUEPRINT_SCHEMA),
        FileKind::Questions => (&QUESTIONS, QUESTIONS_SCHEMA),
    };
    cell.get_or_init(|| {
        let schema: Value = serde_json::from_str(text).expect("embedded schema is JSON");
        jsonschema::draft202012::new(&schema).expect("embedded schema is valid")
    })
}

#[derive(Deserialize)]
struct QuestionFile {
    #[serde(default)]
    notes: Vec<StudyNote>,
    #[serde(default)]
    questions: Vec<Question>,
}

/// One file's content after the schema, as the model's types.
enum Typed {
    Blueprint(Blueprint),
    Questions(QuestionFile),
}

/// Turns a file's schema-checked JSON into the model's types; `None` (and a diagnostic) when the
/// schema let through something the model cannot hold.
fn typed(file: &SourceFile, value: Value, diagnostics: &mut Vec<Diagnostic>) -> Option<Typed> {
    let result = match file.kind {
        FileKind::Blueprint => serde_json::from_value(value).map(Typed::Blueprint),
        FileKind::Questions => serde_json::from_value(value).map(Typed::Questions),
    };
    result
        .map_err(|e| {
            diagnostics.push(Diagnostic::file_error(
                &file.path,
                "schema",
                e.to_string(),
                "",
            ))
        })
        .ok()
}

/// Reads one file's text, refusing what is not a readable JSON document.
fn read_text(path: &Path) -> Result<Result<String, Diagnostic>, UsageError> {
    let meta =
        std::fs::metadata(path).map_err(|e| UsageError(format!("{}: {e}", path.display())))?;
    if meta.len() > MAX_FILE_BYTES {
        return Ok(Err(Diagnostic::file_error(
            path,
            "file-too-large",
            format!(
                "the file is {} MB; the limit is {} MB",
                meta.len() / 1_048_576,
                MAX_FILE_BYTES / 1_048_576
            ),
            "split the questions over several files",
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| UsageError(format!("{}: {e}", path.display())))?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Ok(Err(Diagnostic::file_error(
            path,
            "empty-file",
            "the file is empty",
            "write a JSON object, or delete the file",
        )));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Ok(text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
            let locator = Locator::new(&valid);
            let (line, column) = locator.line_col(at.min(valid.len()));
            Ok(Err(Diagnostic::at(
                path,
                line,
                column,
                "",
                "invalid-utf8",
                Severity::Error,
                format!("the byte at offset {at} is not valid UTF-8"),
                "save the file as UTF-8",
            )))
        }
    }
}

/// Parses and schema-checks one file. Returns the JSON value when it passed the schema.
fn parse_file(file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<Value> {
    let value: Value = match serde_json::from_str(&file.text) {
        Ok(v) => v,
        Err(e) => {
            let (message, hint) = if e.to_string().contains("recursion limit") {
                (
                    "the JSON is nested too deeply (more than 128 levels)".to_string(),
                    "content files are a few levels deep; this file is not a question file",
                )
            } else {
                (format!("invalid JSON: {}", strip_position(&e.to_string())), "fix the JSON syntax at this position (a missing comma, quote or bracket is the usual cause)")
            };
            diagnostics.push(Diagnostic::at(
                &file.path,
                e.line(),
                e.column(),
                "",
                "json-syntax",
                Severity::Error,
                message,
                hint,
            ));
            return None;
        }
    };
    let validator = validator(file.kind);
    // The fast yes/no check first; collect the errors only for a file that fails.
    if validator.is_valid(&value) {
        return Some(value);
    }
    let mut ok = true;
    for error in validator.iter_errors(&value) {
        ok = false;
        let pointer = error.instance_path().as_str().to_string();
        diagnostics.push(Diagnostic::from_pointer(
            file,
            &pointer,
            "schema",
            Severity::Error,
            schema_message(&error.to_string(), &pointer),
            "see `quiz-author schema` for the expected shape",
        ));
    }
    ok.then_some(value)
}

fn strip_position(message: &str) -> &str {
    message.rsplit_once(" at line ").map_or(message, |(m, _)| m)
}

fn schema_message(raw: &str, pointer: &str) -> String {
    let mut m = raw.to_string();
    if m.len() > 300 {
        let cut = (0..=300)
            .rev()
            .find(|&i| m.is_char_boundary(i))
            .unwrap_or(0);
        m.truncate(cut);
        m.push('…');
    }
    if pointer.is_empty() {
        m
    } else {
        format!("{m} (at {pointer})")
    }
}

/// Reads, parses and schema-checks every file; builds the bank when the schema passed
/// everywhere and exactly one blueprint exists.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, UsageError> {
    let discovered = discover(paths)?;
    let discovered_count = discovered.len();
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for (path, kind) in discovered {
        match read_text(&path)? {
            Ok(text) => files.push(SourceFile {
                path,
                kind,
                text,
                locator: OnceLock::new(),
            }),
            Err(d) => diagnostics.push(d),
        }
    }
    // Files parse, schema-check and become typed content independently: in two halves side by
    // side, the results (and their diagnostics) kept in file order, so the output is what one
    // pass would give. Each file's JSON tree is dropped as soon as it is typed, so the trees of
    // all files are never in memory at once (page faults were a third of a 50,000-question run).
    let halves: Vec<Vec<(Option<Typed>, Vec<Diagnostic>)>> = std::thread::scope(|s| {
        let parse = |part: &'_ [SourceFile]| {
            part.iter()
                .map(|file| {
                    let mut found = Vec::new();
                    let typed = parse_file(file, &mut found)
                        .and_then(|value| typed(file, value, &mut found));
                    (typed, found)
                })
                .collect()
        };
        let (first, second) = files.split_at(files.len() / 2);
        let second = s.spawn(move || parse(second));
        let first = parse(first);
        vec![
            first,
            second
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
        ]
    });
    let mut contents: Vec<Option<Typed>> = Vec::with_capacity(files.len());
    for (typed, found) in halves.into_iter().flatten() {
        contents.push(typed);
        diagnostics.extend(found);
    }
    let mut loaded = Loaded {
        discovered: discovered_count,
        files,
        bank: None,
        question_origin: vec![],
        note_origin: vec![],
        blueprint_file: None,
        diagnostics,
    };
    let blueprints: Vec<usize> = loaded
        .files
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == FileKind::Blueprint)
        .map(|(i, _)| i)
        .collect();
    match blueprints.as_slice() {
        [] => {
            loaded.diagnostics.push(Diagnostic::general(
                "no-blueprint",
                "no blueprint.json among the content files or above them",
                "add a blueprint.json (see `quiz-author schema --kind blueprint`)",
            ));
            return Ok(loaded);
        }
        [one] => loaded.blueprint_file = Some(*one),
        [_, rest @ ..] => {
            for &extra in rest {
                loaded.diagnostics.push(Diagnostic::file_error(
                    &loaded.files[extra].path,
                    "two-blueprints",
                    "a second blueprint.json",
                    "keep one blueprint per bank; validate each exam's folder separately",
                ));
            }
            return Ok(loaded);
        }
    }
    if contents.iter().any(Option::is_none)
        || loaded
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    {
        return Ok(loaded);
    }
    let mut blueprint: Option<Blueprint> = None;
    let mut questions = Vec::new();
    let mut notes = Vec::new();
    for (i, typed) in contents.into_iter().enumerate() {
        match typed.expect("checked above") {
            Typed::Blueprint(bp) => blueprint = Some(bp),
            Typed::Questions(file) => {
                for (j, q) in file.questions.into_iter().enumerate() {
                    loaded.question_origin.push((i, j));
                    questions.push(q);
                }
                for (j, n) in file.notes.into_iter().enumerate() {
                    loaded.note_origin.push((i, j));
                    notes.push(n);
                }
            }
        }
    }
    if let Some(bp) = blueprint {
        loaded.bank = Some(Bank::new(bp, questions, notes));
    }
    Ok(loaded)
}

impl Loaded {
    /// Turns a content-rule finding into a diagnostic at its file, line and column.
    pub fn locate(&self, finding: &Finding) -> Diagnostic {
        let (file, pointer) = match &finding.target {
            Target::Blueprint { pointer } => (self.blueprint_file, pointer.clone()),
            Target::Question { index, pointer } => {
                let (f, j) = self.question_origin[*index];
                (Some(f), format!("/questions/{j}{pointer}"))
            }
            Target::Note { index, pointer } => {
                let (f, j) = self.note_origin[*index];
                (Some(f), format!("/notes/{j}{pointer}"))
            }
            Target::Bank => (None, String::new()),
        };
        let code = finding.rule.code();
        match file {
            Some(f) => Diagnostic::from_pointer(
                &self.files[f],
                &pointer,
                code,
                finding.severity,
                finding.message.clone(),
                finding.rule.hint(),
            ),
            None => Diagnostic {
                severity: finding.severity,
                ..Diagnostic::general(code, &finding.message, finding.rule.hint())
            },
        }
    }
}
