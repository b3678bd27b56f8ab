//! Points `include_dir!` (src/site.rs) at the prebuilt study site: `site/` when
//! `scripts/package.sh` has filled it (a packaged quiz-author always has it), otherwise an empty
//! folder, so a plain `cargo build` in a clone builds and `build`/`serve` say how to get the site.
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let site = manifest.join("site");
    let dir = if site.join("index.html").is_file() {
        println!("cargo:rerun-if-changed=site");
        site
    } else {
        // Watching a path that does not exist would rerun this script, and so rebuild the
        // crate, at every build; the package's folder changes when `site/` appears.
        println!("cargo:rerun-if-changed=.");
        let empty = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("no-site");
        std::fs::create_dir_all(&empty).expect("OUT_DIR is writable");
        empty
    };
    println!("cargo:rustc-env=QUIZ_AUTHOR_SITE={}", dir.display());
}
