//! `quiz-author serve`: an exam's site on 127.0.0.1 while its author writes. The content is
//! watched; every save re-validates and, when there is no error, rebuilds the bank in place (the
//! bundle is all or nothing, so invalid content never replaces the last good bank). Open pages
//! learn of each rebuild from a long poll (`/__quiz/status`) made by a small script added to the
//! page (`/__quiz/live.js`): they reload after a good build and show the findings in a banner
//! after a bad one. The site's service worker is replaced by one that removes itself, so a page
//! never shows a cached bank.

use crate::load::UsageError;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// The outcome of one rebuild, as the page's script reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// Counts rebuilds (good or bad): a page reloads when it changes to a good one.
    pub version: u64,
    /// The last rebuild wrote the bank (no errors).
    pub ok: bool,
    /// The findings and the summary line, as the terminal shows them (no colour).
    pub report: String,
}

impl Status {
    fn to_json(&self) -> String {
        serde_json::json!({ "version": self.version, "ok": self.ok, "report": self.report })
            .to_string()
    }
}

/// The status shared by the watcher and the page requests.
#[derive(Default)]
pub struct Shared {
    status: Mutex<Status>,
    changed: Condvar,
}

impl Shared {
    /// Records a rebuild and wakes the pages waiting for one.
    pub fn publish(&self, ok: bool, report: String) {
        let mut s = self.status.lock().unwrap_or_else(|e| e.into_inner());
        s.version += 1;
        s.ok = ok;
        s.report = report;
        self.changed.notify_all();
    }

    /// The status once its version differs from `since` (at once if it does), or after
    /// `timeout` as it is.
    pub fn wait(&self, since: Option<u64>, timeout: Duration) -> Status {
        let s = self.status.lock().unwrap_or_else(|e| e.into_inner());
        let (s, _) = self
            .changed
            .wait_timeout_while(s, timeout, |s| since == Some(s.version))
            .unwrap_or_else(|e| e.into_inner());
        s.clone()
    }
}

/// The script added to the served page.
pub const LIVE_JS: &str = r#"// quiz-author serve: reload after each good rebuild of the content; show the findings of a bad one.
(() => {
  let version = null;
  const show = (text) => {
    let b = document.getElementById('quiz-serve-banner');
    if (!b) {
      b = document.createElement('pre');
      b.id = 'quiz-serve-banner';
      b.setAttribute('role', 'alert');
      b.style.cssText = 'position:sticky;top:0;z-index:1000;margin:0;padding:.8rem 1rem;max-height:40vh;overflow:auto;white-space:pre-wrap;background:#7f1d1d;color:#fff;font:14px/1.4 ui-monospace,monospace';
      document.body.prepend(b);
    }
    b.textContent = text;
  };
  const poll = async () => {
    for (;;) {
      try {
        const r = await fetch('__quiz/status' + (version === null ? '' : '?since=' + version), { cache: 'no-store' });
        const s = await r.json();
        if (version !== null && s.version !== version && s.ok) { location.reload(); return; }
        version = s.version;
        if (s.ok) document.getElementById('quiz-serve-banner')?.remove();
        else show('quiz-author serve: the content has errors. The page shows the last good bank.\n\n' + s.report);
      } catch {
        await new Promise((done) => setTimeout(done, 1000));
      }
    }
  };
  poll();
})();
"#;

/// A service worker that removes itself (and the app's caches), so that pages show what the
/// server has now.
const NO_SERVICE_WORKER: &str = "self.addEventListener('install', () => self.skipWaiting());\n\
self.addEventListener('activate', (e) => e.waitUntil(caches.keys()\n\
  .then((keys) => Promise.all(keys.map((k) => caches.delete(k))))\n\
  .then(() => self.registration.unregister())));\n";

/// The page with the live script added before `</body>`.
pub fn with_live_script(page: &str) -> String {
    let tag = "<script src=\"__quiz/live.js\" defer></script>";
    match page.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &page[..at], &page[at..]),
        None => format!("{page}{tag}"),
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The site file a request path names (`/` is `index.html`), or `None` for a path that leaves
/// the site.
pub fn file_for(site: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("");
    let rel = path.trim_start_matches('/');
    let rel = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    let rel = Path::new(&rel);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    Some(site.join(rel))
}

/// What the server answers to one request: a status, a content type and a body.
#[derive(Debug, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            content_type,
            body: body.into(),
        }
    }
}

/// The reply to a GET of `target` (a path and query): the live script, the status (a long poll
/// of up to 25 s when `since` names the version the page has), the self-removing service
/// worker, or a file of the site (the page with the live script added); 404 for anything else.
/// Blocking: the server runs it on a thread of its own.
pub fn reply(target: &str, site: &Path, shared: &Shared) -> Reply {
    let path = target.split('?').next().unwrap_or("");
    match path {
        "/__quiz/live.js" => Reply::new(200, content_type(Path::new("a.js")), LIVE_JS),
        "/__quiz/status" => {
            let since = target
                .split_once("since=")
                .and_then(|(_, v)| v.split('&').next()?.parse().ok());
            let status = shared.wait(since, Duration::from_secs(25));
            Reply::new(200, "application/json", status.to_json())
        }
        "/sw.js" => Reply::new(200, content_type(Path::new("a.js")), NO_SERVICE_WORKER),
        _ => match file_for(site, path).map(|f| (std::fs::read(&f), f)) {
            Some((Ok(bytes), file)) => {
                let body = if file.file_name().is_some_and(|n| n == "index.html") {
                    with_live_script(&String::from_utf8_lossy(&bytes)).into_bytes()
                } else {
                    bytes
                };
                Reply::new(200, content_type(&file), body)
            }
            _ => Reply::new(404, "text/plain; charset=utf-8", "not found\n"),
        },
    }
}

/// Serves `site` until the process ends (hyper on a tokio runtime of its own): each request's
/// [`reply`] runs on the runtime's blocking threads, so a page's long poll holds no other
/// request up. Every reply says `Cache-Control: no-store`.
pub fn serve_http(listener: std::net::TcpListener, site: PathBuf, shared: Arc<Shared>) {
    use hyper::server::conn::http1;
    use hyper_util::rt::TokioIo;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async move {
        let Ok(listener) = listener
            .set_nonblocking(true)
            .and_then(|()| tokio::net::TcpListener::from_std(listener))
        else {
            return;
        };
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let (site, shared) = (site.clone(), shared.clone());
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |request| {
                    let (site, shared) = (site.clone(), shared.clone());
                    let target = request
                        .uri()
                        .path_and_query()
                        .map_or_else(|| "/".to_string(), |p| p.as_str().to_string());
                    async move {
                        let reply =
                            tokio::task::spawn_blocking(move || reply(&target, &site, &shared))
                                .await
                                .unwrap_or_else(|_| {
                                    Reply::new(500, "text/plain; charset=utf-8", "server error\n")
                                });
                        hyper::Response::builder()
                            .status(reply.status)
                            .header("Content-Type", reply.content_type)
                            .header("Cache-Control", "no-store")
                            .body(http_body_util::Full::new(hyper::body::Bytes::from(
                                reply.body,
                            )))
                    }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
}

/// The listening socket on 127.0.0.1:`port` (an error when the port is taken: another `serve`
/// on it).
pub fn bind(port: u16) -> Result<std::net::TcpListener, UsageError> {
    std::net::TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| UsageError(format!("cannot serve on 127.0.0.1:{port}: {e}")))
}

/// Where `serve` on `port` builds its site: one folder per port, emptied at each start (the
/// port is bound first, so no other `serve` is using it), so runs do not pile up folders.
pub fn site_dir(port: u16) -> PathBuf {
    std::env::temp_dir().join(format!("quiz-author-serve-{port}"))
}

/// Calls `rebuild` after each change under `paths` (changes within 200 ms of each other count
/// as one), until the watcher stops.
pub fn watch(paths: &[PathBuf], mut rebuild: impl FnMut()) -> Result<(), UsageError> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = tx.send(());
        }
    })
    .map_err(|e| UsageError(format!("cannot watch the content: {e}")))?;
    for path in paths {
        watcher
            .watch(path, RecursiveMode::Recursive)
            .map_err(|e| UsageError(format!("cannot watch {}: {e}", path.display())))?;
    }
    while rx.recv().is_ok() {
        while rx.recv_timeout(Duration::from_millis(200)).is_ok() {}
        rebuild();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_stay_in_the_site() {
        let site = Path::new("/s");
        assert_eq!(file_for(site, "/"), Some(PathBuf::from("/s/index.html")));
        assert_eq!(
            file_for(site, "/bank-1/a.json?x=1"),
            Some(PathBuf::from("/s/bank-1/a.json"))
        );
        assert_eq!(
            file_for(site, "/demo/"),
            Some(PathBuf::from("/s/demo/index.html"))
        );
        assert_eq!(file_for(site, "/../etc/passwd"), None);
        assert_eq!(file_for(site, "/a/../../b"), None);
    }

    #[test]
    fn replies_hold_the_live_script_the_status_and_the_sites_files_and_nothing_else() {
        let site = tempfile::tempdir().unwrap();
        std::fs::write(site.path().join("index.html"), "<body></body>").unwrap();
        std::fs::write(site.path().join("app.wasm"), [0, 97, 115, 109]).unwrap();
        let shared = Shared::default();
        shared.publish(true, "ok".into());
        let page = reply("/?bank=x", site.path(), &shared);
        assert_eq!(
            (page.status, page.content_type),
            (200, "text/html; charset=utf-8")
        );
        assert_eq!(page.body, with_live_script("<body></body>").into_bytes());
        let wasm = reply("/app.wasm", site.path(), &shared);
        assert_eq!(
            (wasm.status, wasm.content_type, wasm.body),
            (200, "application/wasm", vec![0, 97, 115, 109])
        );
        assert_eq!(
            reply("/__quiz/live.js", site.path(), &shared).body,
            LIVE_JS.as_bytes()
        );
        assert_eq!(
            reply("/sw.js", site.path(), &shared).body,
            NO_SERVICE_WORKER.as_bytes()
        );
        // A page that has seen another version gets the status at once.
        let status = reply("/__quiz/status?since=7", site.path(), &shared);
        assert_eq!(
            status.body,
            shared.wait(None, Duration::ZERO).to_json().into_bytes()
        );
        assert_eq!(reply("/missing.js", site.path(), &shared).status, 404);
        assert_eq!(reply("/../index.html", site.path(), &shared).status, 404);
    }

    #[test]
    fn the_live_script_goes_before_the_end_of_the_body() {
        assert_eq!(
            with_live_script("<body><p>x</p></body></html>"),
            "<body><p>x</p><script src=\"__quiz/live.js\" defer></script></body></html>"
        );
    }

    #[test]
    fn a_waiting_page_wakes_at_the_next_rebuild() {
        let shared = Arc::new(Shared::default());
        assert_eq!(shared.wait(None, Duration::from_secs(5)).version, 0);
        let waiter = {
            let shared = shared.clone();
            std::thread::spawn(move || shared.wait(Some(0), Duration::from_secs(20)))
        };
        std::thread::sleep(Duration::from_millis(50));
        shared.publish(false, "error".into());
        let seen = waiter.join().unwrap();
        assert_eq!(
            (seen.version, seen.ok, seen.report.as_str()),
            (1, false, "error")
        );
        // Nothing new: the wait ends at its timeout with the same version.
        assert_eq!(shared.wait(Some(1), Duration::from_millis(20)).version, 1);
    }
}
