//! quiz-author: the content author's command line. `validate` checks content against the JSON
//! Schema and the quiz-core rules, `bundle` writes the file the browser loads, `stats` reports
//! coverage against the blueprint, `schema` prints the schemas.
//!
//! Exit codes: 0 valid, 1 invalid content, 2 usage or I/O error.

mod diagnostic;
mod load;
mod render;
mod stats;

use clap::{Parser, Subcommand, ValueEnum};
use diagnostic::{Diagnostic, Format, Style};
use load::{Loaded, UsageError};
use quiz_core::bundle::{Bundle, BUNDLE_FORMAT};
use quiz_core::rules::{self, Severity};
use quiz_core::Bank;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "quiz-author", version, about = "Validate, bundle and report on practice-exam content")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check content files against the schema and the content rules.
    Validate {
        /// Content files or folders (default: content/).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Validate, then write the bundle the browser loads (nothing is written on error).
    Bundle {
        paths: Vec<PathBuf>,
        /// Where to write the bundle.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Questions per domain, section and objective against the blueprint.
    Stats {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: StatsFormat,
    },
    /// Print a JSON Schema for content files.
    Schema {
        #[arg(long, value_enum, default_value = "questions")]
        kind: SchemaKind,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum StatsFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaKind {
    Questions,
    Blueprint,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(UsageError(message)) => {
            eprintln!("quiz-author: {message}");
            ExitCode::from(2)
        }
    }
}

fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() { vec![PathBuf::from("content")] } else { paths }
}

fn style() -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Style { color: !no_color && std::io::stdout().is_terminal() }
}

/// Loads and checks content; returns the loaded files, every diagnostic, and the bank.
fn check(paths: Vec<PathBuf>) -> Result<(Loaded, Vec<Diagnostic>), UsageError> {
    let loaded = load::load(&default_paths(paths))?;
    let mut diagnostics = loaded.diagnostics.clone();
    if let Some(bank) = &loaded.bank {
        diagnostics.extend(rules::check(bank).iter().map(|f| loaded.locate(f)));
    }
    diagnostics.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column))));
    Ok((loaded, diagnostics))
}

fn summary(diagnostics: &[Diagnostic], files: usize, questions: Option<usize>) -> String {
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diagnostics.len() - errors;
    let q = questions.map_or(String::new(), |n| format!(", {n} questions"));
    format!("{files} file(s){q}: {errors} error(s), {warnings} warning(s)")
}

fn print(text: &str) -> Result<(), UsageError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(UsageError(format!("writing output: {e}"))),
    }
}

fn run(cli: Cli) -> Result<ExitCode, UsageError> {
    match cli.command {
        Command::Validate { paths, format, deny_warnings } => {
            let (loaded, diagnostics) = check(paths)?;
            print(&diagnostic::render(&diagnostics, &loaded.files, format, &style()))?;
            let line = summary(&diagnostics, loaded.discovered, loaded.bank.as_ref().map(|b| b.questions.len()));
            if format == Format::Json { eprintln!("{line}") } else { print(&format!("{line}\n"))? }
            let failed = diagnostics.iter().any(|d| d.severity == Severity::Error || deny_warnings);
            Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Bundle { paths, out, format } => {
            let (loaded, diagnostics) = check(paths)?;
            let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
            if !diagnostics.is_empty() {
                eprint!("{}", diagnostic::render(&diagnostics, &loaded.files, format, &style()));
            }
            let bank = match (&loaded.bank, has_errors) {
                (Some(bank), false) => bank,
                _ => {
                    eprintln!("{}; nothing written", summary(&diagnostics, loaded.discovered, None));
                    return Ok(ExitCode::from(1));
                }
            };
            let json = bundle_json(bank);
            write_atomically(&out, json.as_bytes())?;
            eprintln!("wrote {} ({} questions, {} bytes)", out.display(), bank.questions.len(), json.len());
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { paths, format } => {
            let (loaded, diagnostics) = check(paths)?;
            let Some(bank) = &loaded.bank else {
                eprint!("{}", diagnostic::render(&diagnostics, &loaded.files, Format::Human, &style()));
                return Ok(ExitCode::from(1));
            };
            let s = stats::compute(bank);
            match format {
                StatsFormat::Human => print(&stats::human(&s))?,
                StatsFormat::Json => print(&(serde_json::to_string_pretty(&s).unwrap_or_default() + "\n"))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { kind } => {
            print(match kind {
                SchemaKind::Questions => load::QUESTIONS_SCHEMA,
                SchemaKind::Blueprint => load::BLUEPRINT_SCHEMA,
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The bundle: the bank with every Markdown field rendered to sanitized HTML. Compact and
/// deterministic (same input, same bytes).
fn bundle_json(bank: &Bank) -> String {
    let r = render::markdown_to_html;
    let questions = bank
        .questions
        .iter()
        .map(|q| {
            let mut q = q.clone();
            q.stem = r(&q.stem);
            q.explanation = r(&q.explanation);
            for o in &mut q.options {
                o.text = r(&o.text);
                o.reason = r(&o.reason);
            }
            q
        })
        .collect();
    let notes = bank
        .notes
        .iter()
        .map(|n| {
            let mut n = n.clone();
            n.know = r(&n.know);
            n.trap = r(&n.trap);
            n
        })
        .collect();
    let bundle = Bundle { format: BUNDLE_FORMAT, blueprint: bank.blueprint.clone(), notes, questions };
    serde_json::to_string(&bundle).expect("bundle serializes")
}

/// Writes to a temporary file beside the target, then renames it over the target, so a reader
/// never sees a partial bundle.
fn write_atomically(target: &Path, bytes: &[u8]) -> Result<(), UsageError> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| UsageError(format!("{}: {e}", dir.display())))?;
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "bundle".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, target)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        UsageError(format!("writing {}: {e}", target.display()))
    })
}
