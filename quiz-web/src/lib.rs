//! quiz-web: the practice-exam study app (Leptos, client-side rendered). A thin shell: all exam
//! logic lives in quiz-core; this crate renders it, stores progress in localStorage and talks
//! to the browser. Its own helpers that are not views (routes, keys, timer text, chart geometry)
//! are in `logic`, tested natively.

mod app;
mod browser;
mod content;
mod lazy;
mod logic;
mod pages;

use wasm_bindgen::prelude::*;

/// Entry point, called by `boot.js` once the module is instantiated. The app is built apart from
/// the page and takes the place of the page's static part (the prerendered home page, or the
/// loading line) once it has something to show ([`browser::show_app`]): the title already on
/// screen stays there meanwhile.
#[wasm_bindgen]
pub fn start() {
    leptos::mount::mount_to(browser::stage(), app::Root).forget();
}
