//! Markdown to safe HTML, done once at bundle time so the browser needs no Markdown parser.
//! Raw HTML in content is turned into text before rendering, and the output goes through the
//! ammonia sanitizer (no scripts, no event handlers, no `javascript:` links). Fenced code keeps
//! its language as a `language-*` class when the language is a well-formed name
//! ([`code_language`]); otherwise the block has no class at all.

use pulldown_cmark::{html, CodeBlockKind, Event, Options, Parser, Tag};
use std::borrow::Cow;
use std::sync::OnceLock;

/// The longest language name a fenced block keeps.
const MAX_LANGUAGE_LEN: usize = 32;

/// The language a fence's info string names, if it is a well-formed name: its first word, of 1
/// to [`MAX_LANGUAGE_LEN`] ASCII letters, digits and `+ - _ . #` (`ini`, `c++`, `c#`,
/// `objective-c`). Anything else names no language.
fn code_language(info: &str) -> Option<&str> {
    let lang = info.split_whitespace().next()?;
    let well_formed = lang.len() <= MAX_LANGUAGE_LEN
        && lang
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+-_.#".contains(&b));
    well_formed.then_some(lang)
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_tag_attributes("code", ["class"]);
        // A class survives only as the one `language-*` class the renderer writes.
        b.attribute_filter(|element, attribute, value| match (element, attribute) {
            ("code", "class") => value
                .strip_prefix("language-")
                .and_then(code_language)
                .filter(|lang| lang.len() + "language-".len() == value.len())
                .map(|_| Cow::Borrowed(value)),
            _ => Some(Cow::Borrowed(value)),
        });
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
        // A fence keeps a well-formed language and nothing else of its info string.
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
            Event::Start(Tag::CodeBlock(match code_language(&info) {
                Some(lang) => CodeBlockKind::Fenced(lang.to_string().into()),
                None => CodeBlockKind::Indented,
            }))
        }
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
    fn code_keeps_any_well_formed_language() {
        for lang in [
            "ini",
            "conf",
            "console",
            "shell",
            "psql",
            "plpgsql",
            "toml",
            "javascript",
            "c++",
            "c#",
            "objective-c",
            "f_sharp",
            "x86.asm",
        ] {
            let html = markdown_to_html(&format!("```{lang}\nx = 1\n```"));
            assert!(
                html.starts_with(&format!("<pre><code class=\"language-{lang}\">x = 1")),
                "{lang}: {html}"
            );
        }
        // Only the first word of the info string names the language.
        let html = markdown_to_html("```toml title=\"x\"\nx = 1\n```");
        assert!(
            html.starts_with("<pre><code class=\"language-toml\">"),
            "{html}"
        );
    }

    #[test]
    fn a_malformed_language_is_dropped_without_an_empty_class() {
        let too_long = "a".repeat(MAX_LANGUAGE_LEN + 1);
        for info in [
            "py\"onclick=\"x",
            "a<b",
            "lang=\"x\"",
            "ñandu",
            too_long.as_str(),
        ] {
            let html = markdown_to_html(&format!("```{info}\nx = 1\n```"));
            assert!(html.starts_with("<pre><code>x = 1"), "{info}: {html}");
            assert!(!html.contains("class"), "{info}: {html}");
        }
        // Indented code and a fence without a language have no class either.
        for md in ["    x = 1", "```\nx = 1\n```"] {
            let html = markdown_to_html(md);
            assert!(html.starts_with("<pre><code>x = 1"), "{html}");
        }
    }

    #[test]
    fn a_class_attribute_is_never_empty() {
        for md in [
            "```ini\nx\n```",
            "```???\nx\n```",
            "```\nx\n```",
            "`inline`",
        ] {
            let html = markdown_to_html(md);
            assert!(!html.contains("class=\"\""), "{md}: {html}");
        }
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
