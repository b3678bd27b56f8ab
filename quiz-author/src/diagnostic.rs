//! Diagnostics an author can act on: file, line, column, JSON pointer, rule, message and hint,
//! with a source snippet; and their output as human text, JSON or GitHub workflow annotations.

use crate::load::SourceFile;
use quiz_core::rules::Severity;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::Path;

#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub rule: String,
    /// Empty for findings about the bank as a whole.
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub pointer: String,
    pub message: String,
    pub hint: String,
}

impl Diagnostic {
    #[allow(clippy::too_many_arguments)]
    pub fn at(
        path: &Path,
        line: usize,
        column: usize,
        pointer: &str,
        rule: &str,
        severity: Severity,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            rule: rule.into(),
            file: path.display().to_string(),
            line,
            column,
            pointer: pointer.into(),
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// A problem with a whole file (it cannot be read as JSON at all).
    pub fn file_error(
        path: &Path,
        rule: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Diagnostic::at(path, 1, 1, "", rule, Severity::Error, message, hint)
    }

    /// A problem with no single place in the files.
    pub fn general(rule: &str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            rule: rule.into(),
            file: String::new(),
            line: 0,
            column: 0,
            pointer: String::new(),
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// A problem at a JSON pointer inside a parsed file.
    pub fn from_pointer(
        file: &SourceFile,
        pointer: &str,
        rule: &str,
        severity: Severity,
        message: String,
        hint: &str,
    ) -> Self {
        let locator = file.locator();
        let offset = locator.pointer_offset(&file.text, pointer).unwrap_or(0);
        let (line, column) = locator.line_col(offset);
        Diagnostic::at(
            &file.path, line, column, pointer, rule, severity, message, hint,
        )
    }
}

/// Maps byte offsets to lines and columns, and JSON pointers to offsets.
pub struct Locator {
    line_starts: Vec<usize>,
    lines: Vec<(usize, usize)>,
}

impl Locator {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let lines = line_starts
            .iter()
            .enumerate()
            .map(|(i, &start)| {
                let end = line_starts.get(i + 1).map_or(text.len(), |&n| n - 1);
                (start, end)
            })
            .collect();
        Locator { line_starts, lines }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        (line, offset - self.line_starts[line - 1] + 1)
    }

    /// Byte offset of the value a JSON pointer names (`""` is the whole document). Only called on
    /// text that serde_json already parsed, so nesting is bounded.
    pub fn pointer_offset(&self, text: &str, pointer: &str) -> Option<usize> {
        use jsonc_parser::ast::{ObjectPropName, Value};
        use jsonc_parser::common::Ranged;
        let parsed =
            jsonc_parser::parse_to_ast(text, &Default::default(), &Default::default()).ok()?;
        let mut node: &Value = parsed.value.as_ref()?;
        if pointer.is_empty() {
            return Some(node.range().start);
        }
        for raw in pointer.split('/').skip(1) {
            let segment = raw.replace("~1", "/").replace("~0", "~");
            node = match node {
                Value::Object(obj) => match obj.properties.iter().find(|p| match &p.name {
                    ObjectPropName::String(s) => s.value == segment,
                    ObjectPropName::Word(w) => w.value == segment,
                }) {
                    Some(p) => &p.value,
                    None => return Some(node.range().start),
                },
                Value::Array(arr) => match segment
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| arr.elements.get(i))
                {
                    Some(v) => v,
                    None => return Some(node.range().start),
                },
                _ => return Some(node.range().start),
            };
        }
        Some(node.range().start)
    }

    pub fn line_span(&self, line: usize) -> Option<(usize, usize)> {
        self.lines.get(line.checked_sub(1)?).copied()
    }
}

/// Output style for diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

fn source_line<'a>(files: &'a [SourceFile], d: &Diagnostic) -> Option<&'a str> {
    let file = files
        .iter()
        .find(|f| f.path.display().to_string() == d.file)?;
    let (start, end) = file.locator().line_span(d.line)?;
    file.text.get(start..end)
}

/// Renders diagnostics in the chosen format.
pub fn render(
    diagnostics: &[Diagnostic],
    files: &[SourceFile],
    format: Format,
    style: &Style,
) -> String {
    let mut out = String::new();
    match format {
        Format::Human => {
            for d in diagnostics {
                let (label, code) = match d.severity {
                    Severity::Error => ("error", "1;31"),
                    Severity::Warning => ("warning", "1;33"),
                };
                let _ = writeln!(
                    out,
                    "{}: {}",
                    style.paint(code, &format!("{label}[{}]", d.rule)),
                    style.paint("1", &d.message)
                );
                if !d.file.is_empty() {
                    let _ = writeln!(out, "  --> {}:{}:{}", d.file, d.line, d.column);
                    if !d.pointer.is_empty() {
                        let _ = writeln!(out, "   = at {}", d.pointer);
                    }
                    if let Some(line) = source_line(files, d) {
                        let shown: String = line.chars().take(160).collect();
                        let gutter = d.line.to_string();
                        let _ = writeln!(out, "{} | {}", style.paint("34", &gutter), shown);
                        let caret_pad =
                            " ".repeat(gutter.len() + 3 + d.column.saturating_sub(1).min(160));
                        let _ = writeln!(out, "{caret_pad}{}", style.paint(code, "^"));
                    }
                }
                if !d.hint.is_empty() {
                    let _ = writeln!(out, "   = help: {}", d.hint);
                }
                out.push('\n');
            }
        }
        Format::Json => {
            out = serde_json::to_string_pretty(diagnostics).unwrap_or_default();
            out.push('\n');
        }
        Format::Github => {
            for d in diagnostics {
                let level = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                let escape = |s: &str| {
                    s.replace('%', "%25")
                        .replace('\r', "%0D")
                        .replace('\n', "%0A")
                };
                let props = |s: &str| escape(s).replace(':', "%3A").replace(',', "%2C");
                let text = if d.hint.is_empty() {
                    d.message.clone()
                } else {
                    format!("{} ({})", d.message, d.hint)
                };
                if d.file.is_empty() {
                    let _ = writeln!(out, "::{level} title={}::{}", props(&d.rule), escape(&text));
                } else {
                    let _ = writeln!(
                        out,
                        "::{level} file={},line={},col={},title={}::{}",
                        props(&d.file),
                        d.line,
                        d.column,
                        props(&d.rule),
                        escape(&text)
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_find_their_values() {
        let text = "{\n  \"questions\": [\n    {\"id\": \"x\", \"options\": [1, 2]}\n  ]\n}";
        let l = Locator::new(text);
        let at = |p: &str| l.line_col(l.pointer_offset(text, p).unwrap());
        assert_eq!(at(""), (1, 1));
        assert_eq!(at("/questions"), (2, 16));
        assert_eq!(at("/questions/0/id"), (3, 12));
        assert_eq!(at("/questions/0/options/1"), (3, 32));
        // A missing key points at the nearest existing parent.
        assert_eq!(at("/questions/0/kind"), (3, 5));
    }

    #[test]
    fn line_col_is_one_based() {
        let l = Locator::new("ab\ncd\n");
        assert_eq!(l.line_col(0), (1, 1));
        assert_eq!(l.line_col(4), (2, 2));
        assert_eq!(l.line_span(2), Some((3, 5)));
    }
}
