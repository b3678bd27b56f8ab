//! Markdown to safe HTML, done once at bundle time so the browser needs no Markdown parser.
//! Safe by construction, at the level of pulldown-cmark's events (no second parse of the output):
//! raw HTML in content becomes text, a link is kept only when quiz-core allows its destination
//! ([`safe_html::link_allowed`]) and then carries `rel="noopener noreferrer nofollow"`, an image
//! becomes its description as text, table cells lose their alignment (no `style`), and fenced
//! code keeps its language as a `language-*` class when the language is a well-formed name
//! ([`code_language`]); otherwise the block has no class at all. What comes out is exactly what
//! `quiz_core::safe_html` accepts (tests over the real content, property tests and a fuzz target
//! hold the two together).

use pulldown_cmark::TagEnd;
use pulldown_cmark::{
    html, Alignment, CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag,
};
use quiz_core::safe_html::{language_byte, link_allowed, url_byte, LINK_REL, MAX_LANGUAGE_LEN};
use std::borrow::Cow;
use std::fmt::Write;

/// The language a fence's info string names, if it is a well-formed name: its first word, of 1
/// to [`MAX_LANGUAGE_LEN`] ASCII letters, digits and `+ - _ . #` (`ini`, `c++`, `c#`,
/// `objective-c`). Anything else names no language.
fn code_language(info: &str) -> Option<&str> {
    let lang = info.split_whitespace().next()?;
    let well_formed = lang.len() <= MAX_LANGUAGE_LEN && lang.bytes().all(language_byte);
    well_formed.then_some(lang)
}

/// A link's start tag: the destination with `&` as `&amp;` and every byte that is not a
/// [`url_byte`] percent-encoded.
fn link_start(url: &str) -> String {
    let mut tag = String::with_capacity(url.len() + 64);
    tag.push_str("<a href=\"");
    for &b in url.as_bytes() {
        if url_byte(b) {
            tag.push(b as char);
        } else if b == b'&' {
            tag.push_str("&amp;");
        } else {
            let _ = write!(tag, "%{b:02X}");
        }
    }
    tag.push_str("\" rel=\"");
    tag.push_str(LINK_REL);
    tag.push_str("\">");
    tag
}

/// Renders Markdown to safe HTML.
pub fn markdown_to_html(markdown: &str) -> String {
    // CommonMark replaces U+0000 with U+FFFD "for security reasons"; pulldown-cmark leaves it.
    let markdown = match markdown.contains('\0') {
        true => Cow::Owned(markdown.replace('\0', "\u{FFFD}")),
        false => Cow::Borrowed(markdown),
    };
    let markdown = markdown.as_ref();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // Whether each open link was kept (a dropped link's end is dropped too).
    let mut links: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, options).filter_map(|event| {
        Some(match event {
            // Raw HTML is shown as text, never passed through.
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            // A fence keeps a well-formed language and nothing else of its info string.
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                Event::Start(Tag::CodeBlock(match code_language(&info) {
                    Some(lang) => CodeBlockKind::Fenced(lang.to_string().into()),
                    None => CodeBlockKind::Indented,
                }))
            }
            Event::Start(Tag::Table(columns)) => {
                Event::Start(Tag::Table(vec![Alignment::None; columns.len()]))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let url = match link_type {
                    LinkType::Email => CowStr::from(format!("mailto:{dest_url}")),
                    _ => dest_url,
                };
                let keep = link_allowed(&url);
                links.push(keep);
                if !keep {
                    return None;
                }
                Event::InlineHtml(link_start(&url).into())
            }
            Event::End(TagEnd::Link) => {
                if !links.pop().unwrap_or(false) {
                    return None;
                }
                Event::End(TagEnd::Link)
            }
            // An image is its description, as text.
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => return None,
            other => other,
        })
    });
    let mut out = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut out, events);
    out.truncate(out.trim_end().len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use quiz_core::safe_html::allowed;

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
    fn links_keep_only_allowed_schemes_and_carry_rel() {
        let html = markdown_to_html(
            "[click](javascript:alert(1)) [rel](/x) [data](data:text/html,x) \
             [ok](https://example.org/a?b=1&c='\\\"x\\\"' \"Title\") <https://example.org/auto> \
             <someone@example.org> [up](HTTP://EXAMPLE.ORG/ü)",
        );
        assert_eq!(
            html,
            "<p>click rel data \
             <a href=\"https://example.org/a?b=1&amp;c=%27%22x%22%27\" rel=\"noopener noreferrer nofollow\">ok</a> \
             <a href=\"https://example.org/auto\" rel=\"noopener noreferrer nofollow\">https://example.org/auto</a> \
             <a href=\"mailto:someone@example.org\" rel=\"noopener noreferrer nofollow\">someone@example.org</a> \
             <a href=\"HTTP://EXAMPLE.ORG/%C3%BC\" rel=\"noopener noreferrer nofollow\">up</a></p>"
        );
        assert!(allowed(&html));
    }

    #[test]
    fn images_become_their_description_and_tables_lose_their_alignment() {
        let html = markdown_to_html("![a *cat*](https://example.org/cat.png \"t\")");
        assert_eq!(html, "<p>a <em>cat</em></p>");
        let html = markdown_to_html("| a | b |\n|:--|--:|\n| 1 | 2 |");
        assert_eq!(
            html,
            "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody>\n<tr><td>1</td><td>2</td></tr>\n</tbody></table>"
        );
        assert!(allowed(&html));
    }

    #[test]
    fn breaks_rules_lists_and_quotes_are_in_the_allowlist() {
        let html = markdown_to_html(
            "# T\n\na  \nb\n\n---\n\n> q ~~x~~\n\n3. c\n4. d\n\n- e\n\n    indented <b>",
        );
        assert!(html.contains("a<br />\nb"), "{html}");
        assert!(html.contains("<hr />"), "{html}");
        assert!(html.contains("<ol start=\"3\">"), "{html}");
        assert!(html.contains("<del>x</del>"), "{html}");
        assert!(allowed(&html), "{html}");
    }

    #[test]
    fn a_nul_character_becomes_the_replacement_character() {
        // Found by the `render_allowed` fuzz target: pulldown-cmark passes U+0000 through.
        for md in ["\n\u{1}\0", "`a\0b`", "```\n\0\n```", "[x](https://a\0b)"] {
            let html = markdown_to_html(md);
            assert!(!html.contains('\0') && allowed(&html), "{md:?} → {html:?}");
        }
    }

    proptest! {
        /// Whatever an author writes, the renderer's output passes quiz-core's allowlist: the
        /// browser inserts it as markup, never falls back to showing the HTML as text.
        #[test]
        fn any_markdown_renders_to_allowed_html(
            md in "([-*_`~#>|!:\\[\\]()<>&\"'=/\\\\ \n\t0-9a-zA-Z.]|https://|mailto:|javascript:|```|<a |<p>|</p>|&amp;|&#|\\x00|\\PC){0,80}"
        ) {
            let html = markdown_to_html(&md);
            prop_assert!(allowed(&html), "{:?} → {:?}", md, html);
        }
    }

    #[test]
    fn inline_code_and_emphasis() {
        assert_eq!(
            markdown_to_html("Use `fit()` *now*"),
            "<p>Use <code>fit()</code> <em>now</em></p>"
        );
    }
}
