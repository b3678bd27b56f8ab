//! quiz-embed: the blog embed. A quick check on one objective (or section, domain, or list of
//! questions) shown inside a `[data-quiz]` element's shadow root.
//!
//! The loader (`static/quiz-embed.js`) finds the elements, makes the shadow roots, fetches and
//! `JSON.parse`s the bank, and owns the DOM: it sets the HTML this module renders and forwards
//! clicks and changes to [`act`]. This module holds no DOM handles and needs no web-sys, which
//! keeps the download small; the logic is quiz-core's, the widget's state and HTML are in [`view`]
//! (tested natively).

pub mod view;

use quiz_core::model::Bank;
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
    /// Parsed banks by URL: several widgets on one page share one bank.
    static BANKS: RefCell<Vec<(String, Rc<Bank>)>> = const { RefCell::new(Vec::new()) };
    static WIDGETS: RefCell<Vec<Widget>> = const { RefCell::new(Vec::new()) };
}

fn bank_for(key: &str, bundle: &JsValue) -> Result<Rc<Bank>, String> {
    if let Some(bank) = BANKS.with(|b| b.borrow().iter().find(|(k, _)| k == key).map(|(_, b)| b.clone())) {
        return Ok(bank);
    }
    let bank = Rc::new(quiz_js::bank_from_js(bundle).map_err(|e| format!("Sorry, {e}."))?);
    BANKS.with(|b| b.borrow_mut().push((key.to_string(), bank.clone())));
    Ok(bank)
}

fn with<T>(id: u32, f: impl FnOnce(&mut Widget) -> T) -> Option<T> {
    WIDGETS.with(|w| w.borrow_mut().get_mut(id as usize).map(f))
}

/// Starts a quiz with the bundle fetched from `bank_url`. `attr(name)` returns the host
/// element's attribute (`data-objective`, `data-count`, ...); `seed` is used unless `data-seed`
/// is set. Returns the widget's id, or a short sentence for the reader.
#[wasm_bindgen]
pub fn create(bank_url: &str, bundle: &JsValue, attr: &js_sys::Function, seed: f64, now_ms: f64) -> Result<u32, String> {
    let bank = bank_for(bank_url, bundle)?;
    let config = Config::read(|name| attr.call1(&JsValue::NULL, &JsValue::from_str(name)).ok().and_then(|v| v.as_string()))?;
    WIDGETS.with(|w| {
        let mut widgets = w.borrow_mut();
        let id = widgets.len() as u32;
        let seed = config.seed.unwrap_or(seed as u64);
        let quiz = Quiz::start(bank, config, id + 1, seed, now_ms as u64)?;
        widgets.push(Widget { quiz, checked: false });
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
    with(id, |w| w.checked.then(|| vec![w.quiz.exam_id().to_string(), w.quiz.record_json::<quiz_js::JsJson>(now_ms as u64)])).flatten()
}

// A small free-list allocator instead of dlmalloc (about 3 KB gzip less). The widget is
// single-threaded and allocates little after the bank is read.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
