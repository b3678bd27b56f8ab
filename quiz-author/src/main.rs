//! quiz-author: the content author's command line. `validate` checks content against the JSON
//! Schema and the quiz-core rules, `bundle` writes the file the browser loads, `stats` reports
//! coverage against the blueprint, `schema` prints the schemas, `init` scaffolds a new exam,
//! `build` writes an exam's static site and `serve` serves it while its content is edited.
//!
//! Exit codes: 0 valid, 1 invalid content, 2 usage or I/O error.

mod diagnostic;
mod init;
mod load;
mod pieces;
mod render;
mod serve;
mod site;
mod stats;

use clap::{Parser, Subcommand, ValueEnum};
use diagnostic::{Diagnostic, Format, Style};
use load::{Loaded, UsageError};
use quiz_core::rules::{self, Severity};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: loading, checking and rendering a bank allocate
/// millions of small strings; it took validate + bundle of 10,000 questions from 0.52 s to
/// 0.30 s (`RUNS=7 BENCH_SIZES=10000 scripts/bench.sh cli`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "quiz-author",
    version,
    about = "Validate, bundle and report on practice-exam content"
)]
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
    /// Validate, then write the bundle the browser loads: the index at --out and its shards in a
    /// folder beside it named by their hash (nothing is written on error).
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
    /// For tests and tools: split a bank whose text fields are already HTML (a JSON object with
    /// `blueprint`, `notes` and `questions`, `-` for standard input) into the bundle's pieces as
    /// `bundle` writes them, without validating or rendering it (test banks may be hostile).
    #[command(hide = true)]
    SplitBundle {
        bank: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Scaffold a new exam in DIR (a new or empty folder): a blueprint, two example questions,
    /// the schemas, a README for authors and a GitHub Actions workflow that validates pull
    /// requests.
    Init {
        dir: PathBuf,
        /// The exam's title (default: from the folder's name); its id is made from it.
        #[arg(long)]
        title: Option<String>,
    },
    /// Write the static site for an exam: the study app, the blog embed (quiz-embed.js and its
    /// files) and the bank, for any static host or sub-path (nothing is written on error).
    Build {
        /// The exam's folder (as `init` makes it) or its content files and folders.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// The site's folder.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Serve the exam's site on 127.0.0.1 and rebuild its bank on every save: findings are
    /// printed here and shown in the page; invalid content never replaces the last good bank.
    Serve {
        /// The exam's folder (as `init` makes it) or its content files and folders.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
    /// For scripts/build-web.sh: fit the site in SITE to its bank (SITE/bank.json): the home
    /// page prerendered, the shards in precache.json, the service worker stamped. Prints the
    /// build id.
    #[command(hide = true)]
    FinishSite { site: PathBuf },
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
    if paths.is_empty() {
        vec![PathBuf::from("content")]
    } else {
        paths
    }
}

fn style() -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Style {
        color: !no_color && std::io::stdout().is_terminal(),
    }
}

/// Loads and checks content; returns the loaded files, every diagnostic, and the bank.
fn check(paths: Vec<PathBuf>) -> Result<(Loaded, Vec<Diagnostic>), UsageError> {
    let loaded = load::load(&default_paths(paths))?;
    let diagnostics = diagnostics(&loaded);
    Ok((loaded, diagnostics))
}

/// The content rules' findings, as `rules::check` reports them, with the near-duplicate search
/// (about half the work on a large bank) on a second thread beside the other checks.
fn findings(bank: &quiz_core::Bank) -> Vec<rules::Finding> {
    let run = |checks: rules::Checks| {
        let mut found = Vec::new();
        checks(bank, &mut found);
        found
    };
    let [errors, coverage, near_duplicates, length_bias, cues] = rules::CHECKS;
    let (before, duplicates, after) = std::thread::scope(|s| {
        let duplicates = s.spawn(move || run(near_duplicates));
        let mut before = run(errors);
        before.extend(run(coverage));
        let mut after = run(length_bias);
        after.extend(run(cues));
        let duplicates = duplicates
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (before, duplicates, after)
    });
    rules::report_order([before, duplicates, after].concat())
}

/// Every diagnostic of loaded content: loading's, then the content rules', most severe first,
/// then by place.
fn diagnostics(loaded: &Loaded) -> Vec<Diagnostic> {
    let mut diagnostics = loaded.diagnostics.clone();
    if let Some(bank) = &loaded.bank {
        diagnostics.extend(findings(bank).iter().map(|f| loaded.locate(f)));
    }
    quiz_core::order::sort_by(&mut diagnostics, |a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)))
    });
    diagnostics
}

fn summary(diagnostics: &[Diagnostic], files: usize, questions: Option<usize>) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
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

/// What [`bundle_into`] did: whether it wrote the bundle, and what it has to say (findings and a
/// closing line, rendered for the terminal).
struct Bundled {
    ok: bool,
    report: String,
}

/// Validates `paths` and, when the rules find no error, writes the bundle: the index at `out`
/// and its folder beside it. All or nothing.
fn bundle_into(
    paths: &[PathBuf],
    out: &std::path::Path,
    format: Format,
    style: &Style,
) -> Result<Bundled, UsageError> {
    let loaded = load::load(paths)?;
    let out = out.to_path_buf();
    // The content rules side by side with rendering and writing the folder under a temporary
    // name (both only read the bank). The folder is put in place and the index written only if
    // the rules find no error; otherwise what was written is removed.
    let (diagnostics, staged) = std::thread::scope(|s| {
        let render = loaded
            .bank
            .as_ref()
            .map(|bank| s.spawn(|| pieces::stage(pieces::prepare(bank, &out), &out)));
        let diagnostics = diagnostics(&loaded);
        let staged = render.map(|r| r.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        (diagnostics, staged)
    });
    let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
    let mut report = String::new();
    if !diagnostics.is_empty() {
        report.push_str(&diagnostic::render(
            &diagnostics,
            &loaded.files,
            format,
            style,
        ));
    }
    let (bank, staged) = match (&loaded.bank, staged, has_errors) {
        (Some(bank), Some(staged), false) => (bank, staged?),
        _ => {
            report.push_str(&format!(
                "{}; nothing written\n",
                summary(&diagnostics, loaded.discovered, None)
            ));
            return Ok(Bundled { ok: false, report });
        }
    };
    let written = staged.commit()?;
    report.push_str(&format!(
        "wrote {} ({} bytes) and {}/ ({} questions in {} shards, {} bytes)\n",
        out.display(),
        written.index_bytes,
        written.folder.display(),
        bank.questions.len(),
        written.shards,
        written.shard_bytes
    ));
    Ok(Bundled { ok: true, report })
}

/// `serve`: builds the site in a temporary folder, serves it and rebuilds the bank on every
/// change to the content (see [`serve`]'s module).
fn serve(paths: Vec<PathBuf>, port: u16) -> Result<ExitCode, UsageError> {
    if site::files().is_empty() {
        return Err(UsageError(site::NO_SITE.into()));
    }
    let server = serve::bind(port)?;
    let dir = serve::site_dir(port);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| UsageError(format!("{}: {e}", dir.display())))?;
    site::write_app(&dir)?;
    let shared = std::sync::Arc::new(serve::Shared::default());
    let plain = Style { color: false };
    let rebuild = {
        let (dir, shared, paths) = (dir.clone(), shared.clone(), paths.clone());
        move || {
            let result = bundle_into(&paths, &dir.join("bank.json"), Format::Human, &plain)
                .and_then(|b| {
                    if b.ok {
                        site::finish(&dir)?;
                    }
                    Ok(b)
                });
            let (ok, report) = match result {
                Ok(b) => (b.ok, b.report),
                Err(UsageError(why)) => (false, format!("{why}\n")),
            };
            let when = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() % 86_400)
                .unwrap_or(0);
            eprint!(
                "[{:02}:{:02}:{:02} UTC] {}",
                when / 3600,
                when / 60 % 60,
                when % 60,
                if ok {
                    report.clone()
                } else {
                    format!("{report}the last good bank is still served\n")
                }
            );
            shared.publish(ok, report);
        }
    };
    rebuild();
    {
        let (dir, shared) = (dir.clone(), shared.clone());
        std::thread::spawn(move || serve::serve_http(server, dir, shared));
    }
    eprintln!(
        "serving http://127.0.0.1:{port}/ (the blog embed: http://127.0.0.1:{port}/embed.html); \
watching {} for changes (Ctrl-C to stop)",
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    serve::watch(&paths, rebuild)?;
    Ok(ExitCode::SUCCESS)
}

fn run(cli: Cli) -> Result<ExitCode, UsageError> {
    match cli.command {
        Command::Validate {
            paths,
            format,
            deny_warnings,
        } => {
            let (loaded, diagnostics) = check(paths)?;
            print(&diagnostic::render(
                &diagnostics,
                &loaded.files,
                format,
                &style(),
            ))?;
            let line = summary(
                &diagnostics,
                loaded.discovered,
                loaded.bank.as_ref().map(|b| b.questions.len()),
            );
            if format == Format::Json {
                eprintln!("{line}")
            } else {
                print(&format!("{line}\n"))?
            }
            let failed = diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error || deny_warnings);
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Bundle { paths, out, format } => {
            let bundled = bundle_into(&default_paths(paths), &out, format, &style())?;
            eprint!("{}", bundled.report);
            Ok(if bundled.ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Build { paths, out, format } => {
            if site::files().is_empty() {
                return Err(UsageError(site::NO_SITE.into()));
            }
            let bundled = bundle_into(&paths, &out.join("bank.json"), format, &style())?;
            eprint!("{}", bundled.report);
            if !bundled.ok {
                return Ok(ExitCode::from(1));
            }
            let files = site::write_app(&out)?;
            let id = site::finish(&out)?;
            eprintln!(
                "wrote the site in {} ({files} files of the app and the embed; build {id})",
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { paths, port } => serve(paths, port),
        Command::FinishSite { site } => {
            let id = site::finish(&site)?;
            print(&format!("{id}\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { paths, format } => {
            let (loaded, diagnostics) = check(paths)?;
            let Some(bank) = &loaded.bank else {
                eprint!(
                    "{}",
                    diagnostic::render(&diagnostics, &loaded.files, Format::Human, &style())
                );
                return Ok(ExitCode::from(1));
            };
            let s = stats::compute(bank);
            match format {
                StatsFormat::Human => print(&stats::human(&s))?,
                StatsFormat::Json => {
                    print(&(serde_json::to_string_pretty(&s).unwrap_or_default() + "\n"))?
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::SplitBundle { bank, out } => {
            let text = if bank.as_os_str() == "-" {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
                    .map_err(|e| UsageError(format!("standard input: {e}")))?;
                s
            } else {
                std::fs::read_to_string(&bank)
                    .map_err(|e| UsageError(format!("{}: {e}", bank.display())))?
            };
            let whole: pieces::WholeBank = serde_json::from_str(&text)
                .map_err(|e| UsageError(format!("{}: {e}", bank.display())))?;
            let written = pieces::write_html(&whole.into_bank(), &out)?;
            eprintln!(
                "wrote {} and {}/ ({} shards)",
                out.display(),
                written.folder.display(),
                written.shards
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir, title } => {
            let title = title.unwrap_or_else(|| init::default_title(&dir));
            let written = init::write(&dir, &title)?;
            eprintln!(
                "wrote {} files for \"{title}\" in {}:",
                written.len(),
                dir.display()
            );
            for file in &written {
                eprintln!("  {}", file.display());
            }
            eprintln!(
                "next: cd {} && quiz-author validate --deny-warnings",
                dir.display()
            );
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The checks run side by side report what `rules::check` reports, in its order, on a bank
    /// with errors and warnings from several checks.
    #[test]
    fn findings_side_by_side_are_rules_check_in_its_order() {
        let content = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content");
        let loaded = load::load(&[content]).expect("content loads");
        let mut bank = loaded.bank.expect("content makes a bank");
        let objective = bank.questions[0].objective.clone();
        let twin = (1..bank.questions.len())
            .find(|&i| bank.questions[i].objective == objective)
            .expect("two questions of one objective");
        bank.questions[twin].stem = bank.questions[0].stem.clone();
        let id = bank.questions[3].id.clone();
        bank.questions[4].id = id;
        for option in &mut bank.questions[5].options {
            if !option.correct {
                option.text = format!("Always {}", option.text);
            }
        }
        let bank = quiz_core::Bank::new(bank.blueprint, bank.questions, bank.notes);
        let expected = rules::check(&bank);
        let codes: Vec<&str> = expected.iter().map(|f| f.rule.code()).collect();
        assert!(codes.contains(&"duplicate-question-id"), "{codes:?}");
        assert!(codes.contains(&"near-duplicate-stem"), "{codes:?}");
        assert!(codes.contains(&"cue-exposes-key"), "{codes:?}");
        assert_eq!(findings(&bank), expected);
    }
}
