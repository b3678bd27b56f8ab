//! Any text given to quiz-author's Markdown renderer (`quiz-author/src/render.rs`, compiled in
//! here as it is) comes out as HTML that quiz-core's allowlist accepts
//! (`quiz_core::safe_html::allowed`), so the browser inserts it as markup: the renderer is safe
//! by construction and never writes anything the app or the embed would refuse.
#![no_main]
use libfuzzer_sys::fuzz_target;

// The renderer itself, not a copy: quiz-author is a binary crate, and its other modules (schema,
// CLI) would bring heavy dependencies into every sanitizer build.
#[path = "../../quiz-author/src/render.rs"]
mod render;

fuzz_target!(|data: &[u8]| {
    let markdown = String::from_utf8_lossy(data);
    let html = render::markdown_to_html(&markdown);
    assert!(
        quiz_core::safe_html::allowed(&html),
        "outside the allowlist: {markdown:?} → {html:?}"
    );
});
