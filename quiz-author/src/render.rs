//! Markdown to safe HTML, done once at bundle time so the browser needs no Markdown parser.
//! Raw HTML in content is turned into text before rendering, and the output goes through the
//! ammonia sanitizer (no scripts, no event handlers, no `javascript:` links). Fenced code keeps
//! its language as a `language-*` class.

use pulldown_cmark::{html, Event, Options, Parser};
use std::sync::OnceLock;

const CODE_LANGUAGES: [&str; 10] = [
    "python", "py", "sql", "yaml", "yml", "json", "bash", "sh", "scala", "text",
];

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        let classes: Vec<&'static str> = CODE_LANGUAGES
            .iter()
            .map(|l| &*Box::leak(format!("language-{l}").into_boxed_str()))
            .collect();
        b.add_allowed_classes("code", classes);
        b.link_rel(Some("noopener noreferrer nofollow"));
        b.url_schemes(["http", "https", "mailto"].into_iter().collect());
        b
    })
}

/// Renders Markdown to sanitized HTML.
pub fn markdown_to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        // Raw HTML is shown as text, never passed through.
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut out, events);
    let clean = sanitizer().clean(&out).to_string();
    clean.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_code_with_language() {
        let html = markdown_to_html("Look:\n\n```python\nprint('<b>')\n```");
        assert!(
            html.contains("<pre><code class=\"language-python\">print('&lt;b&gt;')"),
            "{html}"
        );
    }

    #[test]
    fn raw_html_becomes_text() {
        let html = markdown_to_html("Hi <script>alert(1)</script> <img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn javascript_links_are_dropped() {
        let html = markdown_to_html("[click](javascript:alert(1)) and [ok](https://example.org)");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("href=\"https://example.org\""), "{html}");
    }

    #[test]
    fn inline_code_and_emphasis() {
        assert_eq!(
            markdown_to_html("Use `fit()` *now*"),
            "<p>Use <code>fit()</code> <em>now</em></p>"
        );
    }
}
