//! Thin wrappers over browser APIs: clock, randomness, localStorage, fetch, downloads, focus.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub use quiz_core::progress::STORAGE_KEY;

pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

pub fn random_u64() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64
}

pub fn read_raw() -> Option<String> {
    LocalStorage::raw().get_item(STORAGE_KEY).ok().flatten()
}

/// Writes the record; `Err` carries the browser's reason (quota exceeded, storage disabled).
pub fn write_raw(key: &str, value: &str) -> Result<(), String> {
    LocalStorage::raw().set_item(key, value).map_err(|e| {
        e.dyn_ref::<web_sys::DomException>()
            .map(|d| d.name())
            .unwrap_or_else(|| "storage error".into())
    })
}

pub fn remove_key(key: &str) {
    let _ = LocalStorage::raw().remove_item(key);
}

/// The value of `?name=…` in the page's address, if present.
fn query_param(name: &str) -> Option<String> {
    let search = window().location().search().unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// The bank to load: `?bank=URL` or `bank.json` beside the page.
pub fn bank_url() -> String {
    bank_param().unwrap_or_else(|| "bank.json".into())
}

/// `?bank=URL`, when the page names a bank from elsewhere.
fn bank_param() -> Option<String> {
    query_param("bank").filter(|b| !b.is_empty())
}

/// Whether the bank is the one the site was built with (no `?bank=`): `quiz-author bundle`
/// ran the content rules on it and refuses to write a bank they reject, so the browser need
/// not run them again (boot.js makes the same choice for the check's chunk).
pub fn site_bank() -> bool {
    bank_param().is_none()
}

/// The bank's origin when it is not this page's own (`?bank=` on another origin), which its
/// progress is keyed by and every page shows: see [`quiz_core::progress::foreign_origin`].
pub fn foreign_bank_origin() -> Option<String> {
    let bank = bank_param()?;
    let location = window().location();
    let origins = location.origin().ok().zip(
        location
            .href()
            .ok()
            .and_then(|page| web_sys::Url::new_with_base(&bank, &page).ok())
            .map(|url| url.origin()),
    );
    // An address the browser cannot read cannot be shown to be ours.
    let Some((page, bank)) = origins else {
        return Some("null".into());
    };
    quiz_core::progress::foreign_origin(&page, &bank).map(str::to_string)
}

/// Shows `text` in the page's source line (`#source` in index.html, above the app: a plain
/// element set once, which costs the shell no view code).
pub fn show_source(text: &str) {
    if let Some(el) = document().get_element_by_id("source") {
        el.set_text_content(Some(text));
        let _ = el.remove_attribute("hidden");
    }
}

/// `?seed=N`: a shared exam link. Starting a full exam with it gives everyone the same questions
/// in the same order. Seeds above 2^53 are ignored: the stored record could not keep them exactly.
pub fn shared_seed() -> Option<u64> {
    query_param("seed")?
        .parse()
        .ok()
        .filter(|seed| *seed <= quiz_core::json::MAX_EXACT)
}

/// A link to this page that starts the same full exam (`?seed=N`, other parameters kept).
pub fn exam_link(seed: u64) -> Option<String> {
    let url = web_sys::Url::new(&window().location().href().ok()?).ok()?;
    url.search_params().set("seed", &seed.to_string());
    url.set_hash("");
    Some(url.href())
}

/// A link to this page (its query kept, so a bank from elsewhere stays) at `hash`.
pub fn page_link(hash: &str) -> Option<String> {
    let url = web_sys::Url::new(&window().location().href().ok()?).ok()?;
    url.set_hash(hash);
    Some(url.href())
}

/// The question bank's index at `url`, parsed by the browser (`Response.json()`): `Err` when it
/// could not be fetched, `Ok(Err)` when it is not JSON. Takes the request `boot.js` started
/// before the wasm was ready when it is for the same URL, and with it the early request for the
/// outline ([`Early`]).
pub async fn fetch_bank(url: &str) -> Result<(Result<JsValue, String>, Early), String> {
    let early = js_sys::Reflect::get(&window(), &JsValue::from_str("__quizBank"))
        .ok()
        .filter(|v| v.is_object())
        .and_then(|b| {
            let _ = js_sys::Reflect::delete_property(&window(), &JsValue::from_str("__quizBank"));
            let same = js_sys::Reflect::get(&b, &JsValue::from_str("url"))
                .ok()?
                .as_string()?
                == url;
            let field = |name| js_sys::Reflect::get(&b, &JsValue::from_str(name)).ok();
            same.then(|| (field("response"), Early(field("outline"))))
        });
    let (pending, outline) = match early {
        Some((Some(p), outline)) => (js_sys::Promise::from(p), outline),
        _ => (window().fetch_with_str(url), Early(None)),
    };
    let resp: web_sys::Response = JsFuture::from(pending)
        .await
        .map_err(js_error)?
        .dyn_into()
        .map_err(js_error)?;
    if !resp.ok() {
        return Err(format!("HTTP {} for {url}", resp.status()));
    }
    let parsed = JsFuture::from(resp.json().map_err(js_error)?)
        .await
        .map_err(js_error);
    Ok((parsed, outline))
}

/// The outline request `boot.js` started as soon as the index was in (a promise of a
/// `Response`, or of `null` when it could not name one).
pub struct Early(Option<JsValue>);

impl Early {
    /// The JSON at `url`: from the early request when that was for `url` and succeeded,
    /// otherwise fetched now.
    pub async fn json(self, url: &str) -> Result<JsValue, String> {
        if let Some(promise) = self.0.filter(JsValue::is_object) {
            let early = JsFuture::from(js_sys::Promise::from(promise))
                .await
                .ok()
                .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
                .filter(|r| r.ok() && r.url() == url);
            if let Some(resp) = early {
                return JsFuture::from(resp.json().map_err(js_error)?)
                    .await
                    .map_err(js_error);
            }
        }
        let mut values = fetch_all_json(std::slice::from_ref(&url.to_string())).await?;
        Ok(values.remove(0))
    }
}

/// A rejected promise's reason as text.
fn js_error(e: JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::Error::from(e).message().as_string())
        .unwrap_or_else(|| "network error".into())
}

/// Every URL's JSON, fetched at once and parsed by the browser, in the order given; `Err` names
/// the first that could not be fetched or read.
pub async fn fetch_all_json(urls: &[String]) -> Result<Vec<JsValue>, String> {
    let err = js_error;
    let requests = js_sys::Array::new();
    for url in urls {
        requests.push(&window().fetch_with_str(url));
    }
    let responses = JsFuture::from(js_sys::Promise::all(&requests))
        .await
        .map_err(err)?;
    let bodies = js_sys::Array::new();
    for (response, url) in js_sys::Array::from(&responses).iter().zip(urls) {
        let response: web_sys::Response = response.dyn_into().map_err(err)?;
        if !response.ok() {
            return Err(format!("HTTP {} for {url}", response.status()));
        }
        bodies.push(&JsValue::from(response.json().map_err(err)?));
    }
    let parsed = JsFuture::from(js_sys::Promise::all(&bodies))
        .await
        .map_err(err)?;
    Ok(js_sys::Array::from(&parsed).iter().collect())
}

/// `path` (relative to the bank's index at `index_url`) as an address.
pub fn beside(index_url: &str, path: &str) -> String {
    let base =
        web_sys::Url::new_with_base(index_url, &window().location().href().unwrap_or_default());
    base.ok()
        .and_then(|b| web_sys::Url::new_with_base(path, &b.href()).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| path.to_string())
}

pub async fn file_text(file: web_sys::File) -> Result<String, String> {
    JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| "the file could not be read".into())
}

/// Offers `text` as a file download.
pub fn download(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document().create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        let _ = document().body().map(|b| b.append_child(&a));
        a.click();
        a.remove();
    }
    let u = url.clone();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&u);
        },
        Duration::from_secs(5),
    );
}

thread_local! {
    /// Where the app is built until it is shown ([`show_app`]).
    static STAGE: web_sys::HtmlElement = document()
        .create_element("div")
        .expect("a div")
        .unchecked_into();
}

/// The element the app is built in, apart from the page.
pub fn stage() -> web_sys::HtmlElement {
    STAGE.with(Clone::clone)
}

/// Shows the app: its nodes move from [`stage`] into `#app`, in place of what the page held
/// until now. Once; later calls find the stage empty and do nothing.
pub fn show_app() {
    let stage = stage();
    let Some(root) = document().get_element_by_id("app") else {
        return;
    };
    if stage.first_child().is_none() {
        return;
    }
    root.set_inner_html("");
    while let Some(node) = stage.first_child() {
        let _ = root.append_child(&node);
    }
}

/// Resolves in a task of its own (a zero timeout): awaiting it between the steps of a long piece
/// of work lets the browser paint and answer input in between, so no step blocks it for long.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(promise).await;
}

/// Runs `f` after the next frame is painted (an animation frame, then a task).
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, Duration::ZERO));
}

/// Runs `then` once the element with id `id` comes within 300 px of the viewport: what is below
/// the fold waits until the visitor scrolls toward it, so it does not compete with the first
/// screen. The element is looked for after the next paint (the page may still be staged), for
/// a second; without it, or without `IntersectionObserver`, `then` runs at once.
pub fn when_near(id: &'static str, then: impl FnOnce() + 'static) {
    find_then_observe(id, Box::new(then), 20);
}

fn find_then_observe(id: &'static str, then: Box<dyn FnOnce()>, tries: u32) {
    use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
    after_next_paint(move || {
        let Some(element) = document().get_element_by_id(id) else {
            return if tries > 0 {
                find_then_observe(id, then, tries - 1)
            } else {
                then()
            };
        };
        let then = std::rc::Rc::new(std::cell::Cell::new(Some(then)));
        let run = move || {
            if let Some(f) = then.take() {
                f();
            }
        };
        let on_change = run.clone();
        let callback =
            wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array, IntersectionObserver)>::new(
                move |entries: js_sys::Array, observer: IntersectionObserver| {
                    let near = entries.iter().any(|e| {
                        e.unchecked_into::<IntersectionObserverEntry>()
                            .is_intersecting()
                    });
                    if near {
                        observer.disconnect();
                        on_change();
                    }
                },
            );
        let init = IntersectionObserverInit::new();
        init.set_root_margin("300px");
        match IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init) {
            Ok(observer) => {
                observer.observe(&element);
                callback.forget();
            }
            Err(_) => run(),
        }
    });
}

/// Moves keyboard focus to the first element matching `selector` once the view has updated.
pub fn focus_later(selector: &'static str) {
    focus_when_present(selector, 40, 0);
}

/// Focuses the first match of `selector` once it exists: a page whose code is still being
/// fetched (see `lazy`) renders its heading a little later. Gives up after `tries` × 50 ms.
fn focus_when_present(selector: &'static str, tries: u32, delay_ms: u64) {
    set_timeout(
        move || match document().query_selector(selector).ok().flatten() {
            Some(el) => {
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
            None if tries > 0 => focus_when_present(selector, tries - 1, 50),
            None => {}
        },
        Duration::from_millis(delay_ms),
    );
}

pub fn set_theme_attr(theme: &str) {
    if let Some(root) = document().document_element() {
        if theme == "system" {
            let _ = root.remove_attribute("data-theme");
        } else {
            let _ = root.set_attribute("data-theme", theme);
        }
    }
}

pub fn scroll_top() {
    window().scroll_to_with_x_and_y(0.0, 0.0);
}
