//! quiz-web: the practice-exam study app (Leptos, client-side rendered). A thin shell: all exam
//! logic lives in quiz-core; this crate renders it, stores progress in localStorage and talks
//! to the browser.

mod app;
mod browser;
mod content;
mod lazy;
mod pages;

use wasm_bindgen::prelude::*;

/// Entry point, called by `boot.js` once the module is instantiated.
#[wasm_bindgen]
pub fn start() {
    let root = leptos::prelude::document()
        .get_element_by_id("app")
        .expect("#app element");
    root.set_inner_html("");
    let root: web_sys::HtmlElement = root.unchecked_into();
    leptos::mount::mount_to(root, app::Root).forget();
}
