//! quiz-embed: the blog embed. A quick check on one objective (or section, domain, or list of
//! questions) shown inside a `[data-quiz]` element's shadow root.
//!
//! The loader (`static/quiz-embed.js`) finds the elements, makes the shadow roots, fetches and
//! `JSON.parse`s the bank's index and then only the shards [`plan`] names (a few questions, not
//! the bank), and owns the DOM: it sets the HTML this module renders and forwards clicks and
//! changes to [`act`]. This module holds no DOM handles and needs no web-sys, which
//! keeps the download small; the logic is quiz-core's, the widget's state and HTML are in [`view`]
//! (tested natively).

pub mod view;

use quiz_core::bundle::{self, Index};
use std::cell::RefCell;
use std::rc::Rc;
use view::{focus_after, Config, Quiz};
use wasm_bindgen::prelude::*;

struct Widget {
    quiz: Quiz,
    /// An answer was checked by the last action: the loader should save progress.
    checked: bool,
}

thread_local! {
    static WIDGETS: RefCell<Vec<Widget>> = const { RefCell::new(Vec::new()) };
}

fn sorry(e: bundle::BundleError) -> String {
    format!("Sorry, {e}.")
}

fn index(value: &JsValue) -> Result<Index, String> {
    quiz_js::bank::index(value).map_err(sorry)
}

fn config(attr: &js_sys::Function) -> Result<Config, String> {
    Config::read(|name| {
        attr.call1(&JsValue::NULL, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    })
}

/// The outline's path (relative to the index) when the element names its questions
/// (`data-questions`): the loader fetches it before [`plan`]. Otherwise `undefined`.
#[wasm_bindgen]
pub fn outline_path(
    index_json: &JsValue,
    attr: &js_sys::Function,
) -> Result<Option<String>, String> {
    let index = index(index_json)?;
    Ok(matches!(config(attr)?.scope, quiz_core::Scope::Questions(_)).then(|| index.outline_path()))
}

/// The shards (paths relative to the index) this element's quick check needs: one of its
/// objective's, usually (`quiz_core::bundle::shards_for`). `outline` is the parsed outline or
/// `undefined`; `seed` is used unless `data-seed` is set, and must be the one given to [`create`].
#[wasm_bindgen]
pub fn plan(
    index_json: &JsValue,
    attr: &js_sys::Function,
    seed: f64,
    outline: &JsValue,
) -> Result<Vec<String>, String> {
    let index = index(index_json)?;
    let config = config(attr)?;
    let outline = if outline.is_undefined() {
        None
    } else {
        Some(quiz_js::bank::outline(outline).map_err(sorry)?)
    };
    let seed = config.seed.unwrap_or(seed as u64);
    Ok(
        bundle::shards_for(&index, &config.scope, config.count, seed, outline.as_ref())
            .iter()
            .map(|s| index.shard_path(s))
            .collect(),
    )
}

fn with<T>(id: u32, f: impl FnOnce(&mut Widget) -> T) -> Option<T> {
    WIDGETS.with(|w| w.borrow_mut().get_mut(id as usize).map(f))
}

/// Starts a quiz over the questions of the parsed `shards` that [`plan`] named. `attr(name)`
/// returns the host element's attribute (`data-objective`, `data-count`, ...); `seed` is used
/// unless `data-seed` is set. Returns the widget's id, or a short sentence for the reader.
#[wasm_bindgen]
pub fn create(
    index_json: &JsValue,
    shards: Vec<JsValue>,
    attr: &js_sys::Function,
    seed: f64,
    now_ms: f64,
) -> Result<u32, String> {
    let config = config(attr)?;
    let bank = Rc::new(quiz_js::bank::bank(&index(index_json)?, &shards).map_err(sorry)?);
    WIDGETS.with(|w| {
        let mut widgets = w.borrow_mut();
        let id = widgets.len() as u32;
        let seed = config.seed.unwrap_or(seed as u64);
        let quiz = Quiz::start(bank, config, id + 1, seed, now_ms as u64)?;
        widgets.push(Widget {
            quiz,
            checked: false,
        });
        Ok(id)
    })
}

/// The widget's HTML for its current state (bank text fields as sanitized HTML, the rest escaped).
#[wasm_bindgen]
pub fn html(id: u32) -> String {
    with(id, |w| w.quiz.render()).unwrap_or_default()
}

/// Applies a reader's action: "pick" (the `k`-th option shown), "check", "next" or "again" (with
/// a fresh `seed` unless `data-seed` is set). Returns a selector for where focus should go, or "".
#[wasm_bindgen]
pub fn act(id: u32, action: &str, k: u32, seed: f64, now_ms: f64) -> String {
    let now = now_ms as u64;
    with(id, |w| {
        w.checked = false;
        match action {
            "pick" => {
                w.quiz.pick(k as usize, now);
                return format!("input[data-k=\"{k}\"]");
            }
            "check" => w.checked = w.quiz.check(now),
            "next" => w.quiz.next(),
            "again" => {
                let seed = w.quiz.config.seed.unwrap_or(seed as u64);
                w.quiz.restart(seed, now);
            }
            _ => return String::new(),
        }
        focus_after(&w.quiz, action).unwrap_or_default()
    })
    .unwrap_or_default()
}

/// After an action that checked an answer: `[exam id, AttemptRecord JSON]` for the progress
/// module to merge into this origin's stored progress; otherwise `undefined`.
#[wasm_bindgen]
pub fn checked_record(id: u32, now_ms: f64) -> Option<Vec<String>> {
    with(id, |w| {
        w.checked.then(|| {
            vec![
                w.quiz.exam_id().to_string(),
                w.quiz.record_json::<quiz_js::JsJson>(now_ms as u64),
            ]
        })
    })
    .flatten()
}

// A small free-list allocator instead of dlmalloc (about 3 KB gzip less). The widget is
// single-threaded and allocates little after the bank is read.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
