//! `quiz-author build` through the real binary. A binary built with the study site inside
//! (`quiz-author/site/`, which `scripts/package.sh` fills from `make dist`) writes a site for the
//! exam `init` made; one built without it (a plain clone) says how to get it and writes nothing.
//! Invalid content writes nothing either way. (The installed package's `build` and `serve` are
//! tested in a browser by tests/package/.)

mod common;

use common::run;
use std::path::Path;

/// Whether this binary has the site inside: the folder `build.rs` pointed `include_dir!` at when
/// the binary was compiled (its `rustc-env` reaches the tests too), not `site/` as it is now,
/// which a later `make package` may have filled.
fn has_site() -> bool {
    Path::new(env!("QUIZ_AUTHOR_SITE"))
        .join("index.html")
        .is_file()
}

#[test]
fn build_writes_the_site_or_says_how_to_get_it() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(&["init", "exam", "--title", "Built exam"], dir.path())
        .status
        .success());
    let out = run(&["build", "exam", "--out", "site"], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let site = dir.path().join("site");
    if has_site() {
        assert!(out.status.success(), "{stderr}");
        let index = std::fs::read_to_string(site.join("index.html")).unwrap();
        assert!(index.contains("<title>Built exam</title>"));
        assert!(
            index.contains(">Built exam</h1>"),
            "the home page is prerendered"
        );
        for f in [
            "bank.json",
            "sw.js",
            "quiz_web_bg.wasm",
            "quiz-embed.js",
            "embed.html",
        ] {
            assert!(site.join(f).is_file(), "{f}");
        }
        let sw = std::fs::read_to_string(site.join("sw.js")).unwrap();
        assert!(
            !sw.contains("__BUILD_ID__"),
            "the service worker is stamped"
        );
    } else {
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("built without the study app"), "{stderr}");
        assert!(stderr.contains("cargo install quiz-author"), "{stderr}");
        assert!(!site.exists(), "nothing written");
    }
}

#[test]
fn build_of_invalid_content_writes_no_bank() {
    if !has_site() {
        return; // Without the site `build` stops before reading the content (the test above).
    }
    let dir = tempfile::tempdir().unwrap();
    assert!(run(&["init", "exam"], dir.path()).status.success());
    let file = dir.path().join("exam/content/questions/example.json");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("\"single\"", "\"singel\"", 1)).unwrap();
    let out = run(&["build", "exam", "--out", "site"], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("example.json:"), "names the file: {stderr}");
    assert!(!dir.path().join("site/bank.json").exists());
    assert!(
        !dir.path().join("site/index.html").exists(),
        "no app without a bank"
    );
}
