//! What the CLI test files share: running the real binary in a folder.

use std::path::Path;
use std::process::{Command, Output};

/// Runs quiz-author with `args` in `dir`, without colour.
pub fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quiz-author"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("binary runs")
}
