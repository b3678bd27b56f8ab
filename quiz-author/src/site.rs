//! The static study site for an exam: the prebuilt web app and blog embed that travel inside
//! this crate (`site/`, filled by `scripts/package.sh` from `make dist`; empty in a plain clone),
//! and the steps that fit a site to its bank: the home page's title and figures written into
//! `index.html` (painted before the wasm is in), the bank's shards added to the service worker's
//! precache list, and the service worker stamped with a build id so a new deploy replaces old
//! caches. `scripts/build-web.sh` runs the same steps (`quiz-author finish-site`) on the site it
//! builds, so the markup is declared here only.

use crate::load::UsageError;
use include_dir::{include_dir, Dir};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The prebuilt site (without a bank), or nothing when this binary was built without it.
static SITE: Dir<'_> = include_dir!("$QUIZ_AUTHOR_SITE");

/// What `build` and `serve` say when the site is not inside this binary.
pub const NO_SITE: &str = "this quiz-author was built without the study app and the embed \
(a clone of the repository has them only after `make dist`). Install a released one with \
`cargo install quiz-author`, or in the clone run `make dist && make package` and install from \
dist/packages (see README.md, Releasing)";

/// The files of the prebuilt site, path relative to the site → bytes.
pub fn files() -> Vec<(PathBuf, &'static [u8])> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(PathBuf, &'static [u8])>) {
        for file in dir.files() {
            out.push((file.path().to_path_buf(), file.contents()));
        }
        for sub in dir.dirs() {
            walk(sub, out);
        }
    }
    let mut out = vec![];
    walk(&SITE, &mut out);
    out.sort();
    out
}

fn io(path: &Path, e: std::io::Error) -> UsageError {
    UsageError(format!("{}: {e}", path.display()))
}

/// Writes the prebuilt site's files into `dir` (its bank is written apart).
pub fn write_app(dir: &Path) -> Result<usize, UsageError> {
    let files = files();
    if files.is_empty() {
        return Err(UsageError(NO_SITE.into()));
    }
    for (path, bytes) in &files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        std::fs::write(&target, bytes).map_err(|e| io(&target, e))?;
    }
    Ok(files.len())
}

/// Text escaped for HTML element content and quoted attributes (quiz-core's escaping, which the
/// embed uses too).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    quiz_core::safe_html::escape(&mut out, text);
    out
}

/// The home page's static part as the app renders it (quiz-web's `Root` and `Home`): the
/// header and the exam's title and figures. A browser test ("prerendered home") fails when the
/// two drift apart.
pub fn prerendered_home(title: &str, questions: u64, minutes: u64, pass: u64) -> String {
    let title = escape(title);
    let figures = escape(&format!(
        "{questions} questions · {minutes} minutes · pass mark {pass}%"
    ));
    format!(
        "<a class=\"skip\" href=\"#main\">Skip to content</a>\
<header class=\"top\"><div class=\"wrap top-inner\"><a class=\"brand\" href=\"#/\">{title}</a>\
<nav aria-label=\"Main\"><a href=\"#/\" aria-current=\"page\">Home</a><a href=\"#/progress\">Progress</a>\
<a href=\"#/settings\">Settings</a></nav></div></header>\
<div class=\"sr-only\" aria-live=\"polite\" aria-atomic=\"true\" id=\"announcer\"></div>\
<main class=\"wrap\" id=\"main\"><div class=\"banners\"></div>\
<section aria-labelledby=\"home-title\"><h1 id=\"home-title\" tabindex=\"-1\">{title}</h1>\
<p class=\"lead\">{figures}</p></section>\
<p class=\"loading\" aria-busy=\"true\">Loading the practice exam…</p>\
<noscript><p>This practice exam needs JavaScript and WebAssembly.</p></noscript></main>"
    )
}

/// `index.html` with the home page prerendered for `title` and figures: the content of
/// `<div id="app">` (up to its `</div>` before `</body>`) and the `<title>` replaced. Works on a
/// page already prerendered for another exam.
pub fn prerender(page: &str, home: &str, title: &str) -> Result<String, String> {
    let open = "<div id=\"app\">";
    let start = page.find(open).ok_or("no <div id=\"app\"> in index.html")? + open.len();
    let body = page[start..]
        .find("</body>")
        .ok_or("no </body> after <div id=\"app\"> in index.html")?
        + start;
    let end = page[start..body]
        .rfind("</div>")
        .ok_or("no </div> closing <div id=\"app\"> in index.html")?
        + start;
    let mut out = format!("{}{home}{}", &page[..start], &page[end..]);
    if let (Some(a), Some(b)) = (out.find("<title>"), out.find("</title>")) {
        if a < b {
            out.replace_range(a + "<title>".len()..b, &escape(title));
        }
    }
    Ok(out)
}

/// `index.html` with the head preloading the bank's index and outline, which every start needs
/// (`boot.js` fetches both, and the browser hands it these responses): they start downloading
/// with the page's first request instead of one and two round trips later (after `boot.js`,
/// then after the index). Replaces the preloads of an earlier bank. A `?bank=` start fetches
/// another bank and leaves these unused.
pub fn preload_bank(page: &str, folder: &str) -> Result<String, String> {
    let mut out = String::with_capacity(page.len() + 200);
    for line in page.split_inclusive('\n') {
        if !line.contains(" data-bank>") {
            out.push_str(line);
        }
    }
    let at = out
        .find("<script type=\"module\" src=\"boot.js\">")
        .ok_or("no <script type=\"module\" src=\"boot.js\"> in index.html")?;
    let indent = &out[out[..at].rfind('\n').map_or(0, |i| i + 1)..at];
    let links = format!(
        "<link rel=\"preload\" href=\"bank.json\" as=\"fetch\" crossorigin data-bank>\n{indent}\
<link rel=\"preload\" href=\"{}/outline.json\" as=\"fetch\" crossorigin data-bank>\n{indent}",
        escape(folder)
    );
    out.insert_str(at, &links);
    Ok(out)
}

/// `embed.html`: the blog embed on a page of its own, on the first objective of the blueprint,
/// with the two lines that embed it elsewhere (the bank's and the script's URLs relative to the
/// site; a blog post uses their full addresses).
pub fn embed_example(title: &str, objective: &str) -> String {
    let (title, objective) = (escape(title), escape(objective));
    let snippet = format!(
        "<div data-quiz data-bank=\"bank.json\" data-objective=\"{objective}\" data-count=\"3\"></div>\n\
<script type=\"module\" src=\"quiz-embed.js\"></script>"
    );
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{title}: the blog embed</title>\n</head>\n<body>\n<main>\n\
<h1>{title}: the blog embed</h1>\n\
<p>Three questions on one objective, as a blog post shows them. To embed them in a page, paste \
these two lines, with the full addresses of <code>bank.json</code> and <code>quiz-embed.js</code> \
on your host (docs/embed.md has every attribute):</p>\n<pre><code>{}</code></pre>\n{snippet}\n\
<p><a href=\"./\">The study app</a></p>\n</main>\n</body>\n</html>\n",
        escape(&snippet)
    )
}

/// The service worker's build-id literal: `quiz-` and 16 hex digits (or the placeholder the
/// source has, `quiz-__BUILD_ID__`).
fn stamp(sw: &str, id: &str) -> Result<String, String> {
    let placeholder = "quiz-__BUILD_ID__";
    if let Some(at) = sw.find(placeholder) {
        return Ok(format!(
            "{}quiz-{id}{}",
            &sw[..at],
            &sw[at + placeholder.len()..]
        ));
    }
    let bytes = sw.as_bytes();
    let mut from = 0;
    while let Some(i) = sw[from..].find("quiz-") {
        let at = from + i + "quiz-".len();
        let hex = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        if hex == 16
            && bytes
                .get(at + 16)
                .is_some_and(|b| *b == b'\'' || *b == b'"')
        {
            return Ok(format!("{}{id}{}", &sw[..at], &sw[at + 16..]));
        }
        from = at;
    }
    Err("no build id (quiz-__BUILD_ID__) in sw.js".into())
}

/// Fits the site in `dir` to the bank whose index is `dir/bank.json`: prerenders the home page,
/// writes the embed's example page (`embed.html`), removes earlier banks' folders, lists the bank's shards in `precache.json` (beside the code
/// files already there) and stamps the service worker with a hash of every file.
pub fn finish(dir: &Path) -> Result<String, UsageError> {
    let read = |name: &str| -> Result<String, UsageError> {
        let path = dir.join(name);
        std::fs::read_to_string(&path).map_err(|e| io(&path, e))
    };
    let write = |name: &str, text: &str| -> Result<(), UsageError> {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| io(&path, e))
    };
    let bad = |name: &str, why: String| UsageError(format!("{}: {why}", dir.join(name).display()));
    let index: serde_json::Value =
        serde_json::from_str(&read("bank.json")?).map_err(|e| bad("bank.json", e.to_string()))?;
    let bp = &index["blueprint"];
    let folder = index["folder"]
        .as_str()
        .ok_or_else(|| bad("bank.json", "no \"folder\"".into()))?;
    let title = bp["title"].as_str().unwrap_or("Practice exam");
    let number = |key: &str| bp[key].as_u64().unwrap_or(0);
    let home = prerendered_home(
        title,
        number("question_count"),
        number("duration_minutes"),
        number("pass_percent"),
    );
    let page = prerender(&read("index.html")?, &home, title)
        .and_then(|page| preload_bank(&page, folder))
        .map_err(|e| bad("index.html", e))?;
    write("index.html", &page)?;
    let first_objective = bp["domains"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["sections"].as_array().into_iter().flatten())
        .flat_map(|s| s["objectives"].as_array().into_iter().flatten())
        .filter_map(|o| o["id"].as_str())
        .next()
        .unwrap_or("");
    write("embed.html", &embed_example(title, first_objective))?;

    // Earlier banks' folders go (an open page reloads onto the new bank).
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("bank-") && name != folder && entry.path().is_dir() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    let mut precache: Vec<String> = serde_json::from_str(&read("precache.json")?)
        .map_err(|e| bad("precache.json", e.to_string()))?;
    precache.retain(|p| !p.starts_with("bank-"));
    let mut shards: Vec<String> = std::fs::read_dir(dir.join(folder))
        .map_err(|e| io(&dir.join(folder), e))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .map(|n| format!("{folder}/{n}"))
        .collect();
    shards.sort();
    precache.extend(shards);
    write(
        "precache.json",
        &(serde_json::to_string(&precache).unwrap_or_default() + "\n"),
    )?;

    let id = build_id(dir)?;
    let sw = stamp(&read("sw.js")?, &id).map_err(|e| bad("sw.js", e))?;
    write("sw.js", &sw)?;
    write("build-id.txt", &format!("{id}\n"))?;
    Ok(id)
}

/// A hash of every file of the site but the service worker and the id itself (path and bytes,
/// in path order): 16 hex digits.
fn build_id(dir: &Path) -> Result<String, UsageError> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_path_buf());
            }
        }
        Ok(())
    }
    let mut paths = vec![];
    walk(dir, dir, &mut paths).map_err(|e| io(dir, e))?;
    paths.retain(|p| p != Path::new("sw.js") && p != Path::new("build-id.txt"));
    paths.sort();
    let mut hash = Sha256::new();
    for p in &paths {
        hash.update(p.to_string_lossy().as_bytes());
        hash.update([0]);
        hash.update(std::fs::read(dir.join(p)).map_err(|e| io(&dir.join(p), e))?);
    }
    Ok(hash
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><head><title>Practice exam</title>\n<script type=\"module\" src=\"boot.js\"></script></head><body>\n  <div id=\"app\">\n    <main class=\"wrap boot\"><p>x</p></main>\n  </div>\n</body></html>";

    #[test]
    fn the_home_page_is_prerendered_and_can_be_again() {
        let home = prerendered_home("A & <B>", 60, 90, 70);
        assert!(home.contains(">A &amp; &lt;B&gt;</h1>"));
        assert!(home.contains("60 questions · 90 minutes · pass mark 70%"));
        let once = prerender(PAGE, &home, "A & <B>").unwrap();
        assert!(once.contains("<title>A &amp; &lt;B&gt;</title>"));
        assert!(once.contains(&format!("<div id=\"app\">{home}</div>\n</body>")));
        let other = prerendered_home("Other", 1, 2, 3);
        let twice = prerender(&once, &other, "Other").unwrap();
        assert_eq!(twice, prerender(PAGE, &other, "Other").unwrap());
        assert!(prerender("<body></body>", &home, "x").is_err());
    }

    #[test]
    fn the_bank_is_preloaded_and_an_earlier_banks_preloads_go() {
        let page = "<head>\n  <link rel=\"stylesheet\" href=\"app.css\">\n  <script type=\"module\" src=\"boot.js\"></script>\n</head>\n";
        let once = preload_bank(page, "bank-0123").unwrap();
        assert_eq!(
            once,
            "<head>\n  <link rel=\"stylesheet\" href=\"app.css\">\n  \
<link rel=\"preload\" href=\"bank.json\" as=\"fetch\" crossorigin data-bank>\n  \
<link rel=\"preload\" href=\"bank-0123/outline.json\" as=\"fetch\" crossorigin data-bank>\n  \
<script type=\"module\" src=\"boot.js\"></script>\n</head>\n"
        );
        let again = preload_bank(&once, "bank-4567").unwrap();
        assert_eq!(again, preload_bank(page, "bank-4567").unwrap());
        assert!(!again.contains("bank-0123"));
        assert!(preload_bank("<head></head>", "bank-0123").is_err());
    }

    #[test]
    fn the_service_worker_is_stamped_and_restamped() {
        let sw = "const BUILD_ID='quiz-__BUILD_ID__';const P='quiz-';";
        let one = stamp(sw, "0123456789abcdef").unwrap();
        assert_eq!(
            one,
            "const BUILD_ID='quiz-0123456789abcdef';const P='quiz-';"
        );
        let two = stamp(&one, "fedcba9876543210").unwrap();
        assert_eq!(
            two,
            "const BUILD_ID='quiz-fedcba9876543210';const P='quiz-';"
        );
        assert!(stamp("const P='quiz-';", "0123456789abcdef").is_err());
    }

    #[test]
    fn finish_lists_the_shards_and_stamps_a_hash_of_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("index.html"), PAGE).unwrap();
        std::fs::write(
            d.join("precache.json"),
            "[\"chunk_1.wasm\",\"bank-old/s1.json\"]",
        )
        .unwrap();
        std::fs::write(d.join("sw.js"), "const BUILD_ID = 'quiz-__BUILD_ID__';").unwrap();
        std::fs::create_dir(d.join("bank-new")).unwrap();
        std::fs::create_dir(d.join("bank-old")).unwrap();
        std::fs::write(d.join("bank-new/b.json"), "{}").unwrap();
        std::fs::write(d.join("bank-new/a.json"), "{}").unwrap();
        std::fs::write(
            d.join("bank.json"),
            r#"{"folder":"bank-new","blueprint":{"title":"T","question_count":5,"duration_minutes":10,"pass_percent":60,
                "domains":[{"sections":[{"objectives":[{"id":"first-o"}]}]}]}}"#,
        )
        .unwrap();
        let id = finish(d).unwrap();
        assert_eq!(id.len(), 16);
        let page = std::fs::read_to_string(d.join("index.html")).unwrap();
        assert!(page.contains("href=\"bank-new/outline.json\" as=\"fetch\" crossorigin data-bank>"));
        assert!(
            !d.join("bank-old").exists(),
            "an earlier bank's folder goes"
        );
        let precache = std::fs::read_to_string(d.join("precache.json")).unwrap();
        assert_eq!(
            precache.trim(),
            r#"["chunk_1.wasm","bank-new/a.json","bank-new/b.json"]"#
        );
        let sw = std::fs::read_to_string(d.join("sw.js")).unwrap();
        assert_eq!(sw, format!("const BUILD_ID = 'quiz-{id}';"));
        assert!(std::fs::read_to_string(d.join("index.html"))
            .unwrap()
            .contains("5 questions · 10 minutes · pass mark 60%"));
        let example = std::fs::read_to_string(d.join("embed.html")).unwrap();
        assert!(example.contains("data-objective=\"first-o\""));
        // The same files give the same id; another bank another.
        assert_eq!(finish(d).unwrap(), id);
        std::fs::write(d.join("bank-new/a.json"), "{\"x\":1}").unwrap();
        assert_ne!(finish(d).unwrap(), id);
    }
}
