//! Bank HTML as a page inserts it: the one allowlist shared by the study app and the blog embed.
//!
//! A bank's text fields are HTML written by quiz-author's renderer, but a bank from elsewhere
//! (`?bank=`, an embed's `data-bank`) can hold anything. [`PageHtml::from_bank`] checks a field
//! against exactly what the renderer writes, byte by byte, in the canonical forms it writes them:
//!
//! - elements `p h1-h6 blockquote pre ul li table thead tbody tr th td em strong del a code`
//!   with no attributes, and `<br />`, `<hr />`;
//! - `<ol>` or `<ol start="DIGITS">`; `<code class="language-NAME">` ([`language_byte`]);
//! - `<a href="URL" rel="noopener noreferrer nofollow">`, the URL starting with one of
//!   [`LINK_SCHEMES`] and holding only [`url_byte`]s and `&amp;`;
//! - text with no `<`, `>` or NUL, and `&` only in `&amp;`, `&lt;`, `&gt;`;
//! - every element closed, in order.
//!
//! Anything else (another element, attribute, quoting, scheme, entity, a comment or `<!`, a stray
//! or missing end tag) rejects the whole field, which is then shown as text. What is accepted
//! tokenizes the same way in every browser, with nothing for a parser to guess at (no raw-text
//! element, no foreign content, no character reference but three); the tree builder can at most
//! regroup allowed elements (a `<ul>` inside a `<p>` closes it), never make another element or
//! attribute.

/// Elements with content; the position is the element's number on the open-element stack.
const ELEMENTS: [&str; 22] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "em",
    "strong",
    "del",
    // The three below have attributes (see `start_tag`).
    "ol",
    "code",
    // `a` is handled apart: its attributes are required.
];
const PRE: usize = 8;
const OL: usize = 20;
const CODE: usize = 21;
const A: usize = ELEMENTS.len();

/// The schemes a link may have (compared without case): anything else is no link.
pub const LINK_SCHEMES: [&str; 3] = ["http://", "https://", "mailto:"];
/// The `rel` every link carries.
pub const LINK_REL: &str = "noopener noreferrer nofollow";
/// The longest language name a code block's class carries.
pub const MAX_LANGUAGE_LEN: usize = 32;

/// Whether a link destination (as the author wrote it) may become a link.
pub fn link_allowed(url: &str) -> bool {
    LINK_SCHEMES.iter().any(|s| {
        url.len() >= s.len() && url.as_bytes()[..s.len()].eq_ignore_ascii_case(s.as_bytes())
    })
}

/// A byte a link's URL may hold as it is; the renderer writes `&` as `&amp;` and
/// percent-encodes every other byte.
pub fn url_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%()*+,-./:;=?@^_~".contains(&b)
}

/// A byte of a code block's language name (`ini`, `c++`, `c#`, `objective-c`).
pub fn language_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"+-_.#".contains(&b)
}

/// HTML that may be inserted into a page as markup: a bank field that passed the allowlist
/// (with every `<pre>` made reachable by keyboard), or else the field as escaped text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageHtml(String);

impl PageHtml {
    /// The only way to make one: checks `bank_html` against the allowlist.
    pub fn from_bank(bank_html: &str) -> PageHtml {
        let mut out = String::with_capacity(bank_html.len() + 16);
        if !check(bank_html, &mut out) {
            out.clear();
            escape(&mut out, bank_html);
        }
        PageHtml(out)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Whether `bank_html` passes the allowlist (would be inserted as markup).
pub fn allowed(bank_html: &str) -> bool {
    check(bank_html, &mut String::new())
}

/// A field's words without its markup, in at most `max_chars` characters: cut at a word
/// boundary and ended with "…" when longer. What a collapsed review row shows of a stem. A field
/// outside the allowlist is shown as text, so its summary is its text as it is.
pub fn summary(bank_html: &str, max_chars: usize) -> String {
    let text = if allowed(bank_html) {
        text_of(bank_html)
    } else {
        bank_html.to_string()
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    let whole = words.join(" ");
    if whole.chars().count() <= max_chars {
        return whole;
    }
    // Room for the words and the "…".
    let room = max_chars.saturating_sub(1);
    let mut out = String::new();
    let mut length = 0;
    for word in words {
        let count = word.chars().count();
        let gap = usize::from(length > 0);
        if length + gap + count > room {
            if length == 0 {
                out.extend(word.chars().take(room));
            }
            break;
        }
        if gap == 1 {
            out.push(' ');
        }
        out.push_str(word);
        length += gap + count;
    }
    out.push('…');
    out
}

/// The text of allowed markup: tags dropped (a block's end or start separates words, an inline
/// element's does not) and its three entities decoded.
fn text_of(html: &str) -> String {
    const INLINE: [&str; 5] = ["em", "strong", "code", "del", "a"];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        let name = rest[start + 1..end]
            .trim_start_matches('/')
            .split([' ', '>', '/'])
            .next()
            .unwrap_or("");
        if !INLINE.contains(&name) {
            out.push(' ');
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Writes `text` escaped for element content and double-quoted attribute values (`&`, `<`,
/// `>`, `"`, `'`): a refused field here, and every text the embed writes into its HTML.
pub fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// A position in the field being checked.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    /// Steps over `lit` if it comes next.
    fn eat(&mut self, lit: &str) -> bool {
        let hit = self.b[self.i..].starts_with(lit.as_bytes());
        if hit {
            self.i += lit.len();
        }
        hit
    }

    /// Steps over the bytes that satisfy `ok`; how many.
    fn run(&mut self, ok: fn(u8) -> bool) -> usize {
        let start = self.i;
        while self.i < self.b.len() && ok(self.b[self.i]) {
            self.i += 1;
        }
        self.i - start
    }

    /// The element named next (lowercase letters and digits), by number.
    fn element(&mut self) -> Option<usize> {
        let start = self.i;
        self.run(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        let name = &self.b[start..self.i];
        if name == b"a" {
            return Some(A);
        }
        ELEMENTS.iter().position(|e| e.as_bytes() == name)
    }

    /// A start tag's attributes and `>` for element `e` (its name read).
    fn start_tag(&mut self, e: usize) -> bool {
        match e {
            A => {
                self.eat(" href=\"")
                    && LINK_SCHEMES.iter().any(|s| self.eat_scheme(s))
                    && self.url()
                    && self.eat("\" rel=\"")
                    && self.eat(LINK_REL)
                    && self.eat("\">")
            }
            OL => {
                self.eat(">")
                    || (self.eat(" start=\"")
                        && (1..=9).contains(&self.run(|b| b.is_ascii_digit()))
                        && self.eat("\">"))
            }
            CODE => {
                self.eat(">")
                    || (self.eat(" class=\"language-")
                        && (1..=MAX_LANGUAGE_LEN).contains(&self.run(language_byte))
                        && self.eat("\">"))
            }
            _ => self.eat(">"),
        }
    }

    /// A link scheme, in any case.
    fn eat_scheme(&mut self, scheme: &str) -> bool {
        let rest = &self.b[self.i..];
        let hit = rest.len() >= scheme.len()
            && rest[..scheme.len()].eq_ignore_ascii_case(scheme.as_bytes());
        if hit {
            self.i += scheme.len();
        }
        hit
    }

    /// The rest of a URL: `url_byte`s and `&amp;`.
    fn url(&mut self) -> bool {
        loop {
            self.run(url_byte);
            if !self.eat("&amp;") {
                return self.b.get(self.i) == Some(&b'"');
            }
        }
    }
}

/// Checks `html` against the allowlist, writing the page's HTML to `out` as it goes (whatever
/// it wrote is meaningless when it returns false).
fn check(html: &str, out: &mut String) -> bool {
    let mut c = Cursor {
        b: html.as_bytes(),
        i: 0,
    };
    let mut open: Vec<usize> = Vec::new();
    let mut copied = 0;
    while c.i < c.b.len() {
        if c.eat("</") {
            let e = c.element();
            if e.is_none() || open.pop() != e || !c.eat(">") {
                return false;
            }
        } else if c.eat("<") {
            if c.eat("br />") || c.eat("hr />") {
                continue;
            }
            let Some(e) = c.element() else { return false };
            if e == PRE {
                out.push_str(&html[copied..c.i]);
                out.push_str(" tabindex=\"0\"");
                copied = c.i;
            }
            if !c.start_tag(e) {
                return false;
            }
            open.push(e);
        } else if c.eat("&") {
            if !(c.eat("amp;") || c.eat("lt;") || c.eat("gt;")) {
                return false;
            }
        } else if matches!(c.b[c.i], b'>' | 0) {
            return false;
        } else {
            c.i += 1;
        }
    }
    out.push_str(&html[copied..]);
    open.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn page(html: &str) -> String {
        PageHtml::from_bank(html).into_string()
    }

    /// Text back from what [`escape`] wrote.
    fn unescape(html: &str) -> String {
        html.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn a_summary_is_the_fields_words_cut_at_a_word() {
        let stem = "<p>A team <em>logs</em> runs with <code>mlflow.autolog()</code> &amp; a &lt;tag&gt;.</p><pre><code class=\"language-python\">x = 1\n</code></pre><p>Next?</p>";
        assert!(allowed(stem));
        assert_eq!(
            summary(stem, 200),
            "A team logs runs with mlflow.autolog() & a <tag>. x = 1 Next?"
        );
        assert_eq!(summary(stem, 12), "A team logs…");
        assert_eq!(summary(stem, 11), "A team…");
        assert_eq!(summary("<p>Supercalifragilistic</p>", 6), "Super…");
        assert_eq!(summary("<p>Just fits</p>", 9), "Just fits");
        // Outside the allowlist the field is text, markup and all, as the page shows it.
        assert_eq!(summary("<b>bold</b> move", 40), "<b>bold</b> move");
        assert_eq!(summary("", 10), "");
    }

    proptest! {
        #[test]
        fn a_summary_never_exceeds_its_length(text in "(<p>|</p>|<em>|</em>|&amp;|[a-zé ]{0,9}){0,12}", max in 1usize..40) {
            let cut = summary(&text, max);
            prop_assert!(cut.chars().count() <= max, "{cut:?}");
            prop_assert!(!cut.contains("<p>") || !allowed(&text));
        }
    }

    #[test]
    fn escape_writes_text_for_content_and_attributes() {
        let mut out = String::from("x");
        escape(&mut out, "a<b>&\"c'd ü");
        assert_eq!(out, "xa&lt;b&gt;&amp;&quot;c&#39;d ü");
    }

    /// What the renderer writes for every construct it has.
    const RENDERED: &str = "<h2>Title</h2>\n<p>Text &amp; <em>em</em> <strong>strong</strong> <del>gone</del> \
        <code>x &lt; y &gt; z</code> \"quoted\" it's<br />\nnext</p>\n<blockquote>\n<p>quote</p>\n</blockquote>\n\
        <ul>\n<li>one</li>\n</ul>\n<ol>\n<li>a</li>\n</ol>\n<ol start=\"3\">\n<li>c</li>\n</ol>\n<hr />\n\
        <pre><code class=\"language-c++\">int x;\n</code></pre>\n<pre><code>plain\n</code></pre>\n\
        <table><thead><tr><th>h</th></tr></thead><tbody>\n<tr><td>d</td></tr>\n</tbody></table>\n\
        <p><a href=\"https://example.org/a?b=1&amp;c=%22\" rel=\"noopener noreferrer nofollow\">link</a> \
        <a href=\"MAILTO:x@example.org\" rel=\"noopener noreferrer nofollow\">mail</a> \
        <a href=\"http://example.org\" rel=\"noopener noreferrer nofollow\">plain</a></p>";

    #[test]
    fn every_construct_the_renderer_writes_is_markup_and_code_blocks_are_focusable() {
        assert!(allowed(RENDERED));
        let out = page(RENDERED);
        assert_eq!(out.matches("<pre tabindex=\"0\"><code").count(), 2, "{out}");
        assert_eq!(out.replace("<pre tabindex=\"0\">", "<pre>"), RENDERED);
        assert_eq!(page("<p>x</p>"), "<p>x</p>");
        assert_eq!(page(""), "");
        assert_eq!(page("plain text, ünïcödé"), "plain text, ünïcödé");
    }

    #[test]
    fn anything_else_shows_the_whole_field_as_text() {
        for bad in [
            // Elements outside the allowlist, the vectors first.
            "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
            "<p>x<meta http-equiv=\"refresh\" content=\"2;url=https://evil.example\"></p>",
            "<base href=\"https://evil.example/\">",
            "<form action=\"https://evil.example\"><input type=\"password\" name=\"p\"></form>",
            "<svg><script>alert(1)</script></svg>",
            "<svg onload=\"alert(1)\"></svg>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
            "<script>alert(1)</script>",
            "<img src=\"x\" onerror=\"alert(1)\">",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<style>*{display:none}</style>",
            "<template><p>x</p></template>",
            "<textarea><p>x</p></textarea>",
            "<noscript><p>x</p></noscript>",
            "<div>x</div>",
            "<span>x</span>",
            "<b>x</b>",
            "<img src=\"https://example.org/x.png\" alt=\"x\" />",
            // Attributes outside the allowlist, or in another form.
            "<p class=\"x\">x</p>",
            "<p style=\"color:red\">x</p>",
            "<p onclick=\"alert(1)\">x</p>",
            "<p >x</p>",
            "<P>x</P>",
            "<code class=\"x\">x</code>",
            "<code class=\"language-\">x</code>",
            "<code class='language-py'>x</code>",
            "<code class=language-py>x</code>",
            "<code class=\"language-py\" onclick=\"x\">x</code>",
            "<ol start=\"x\"><li>a</li></ol>",
            "<ol start=\"\"><li>a</li></ol>",
            "<ol start=\"1234567890\"><li>a</li></ol>",
            "<br>",
            "<br/>",
            "<hr>",
            "<br></br>",
            "<pre tabindex=\"0\"><code>x</code></pre>",
            // Links: scheme, form and rel.
            "<a href=\"javascript:alert(1)\" rel=\"noopener noreferrer nofollow\">x</a>",
            "<a href=\"java&#x09;script:alert(1)\" rel=\"noopener noreferrer nofollow\">x</a>",
            "<a href=\" https://x\" rel=\"noopener noreferrer nofollow\">x</a>",
            "<a href=\"data:text/html,x\" rel=\"noopener noreferrer nofollow\">x</a>",
            "<a href=\"/relative\" rel=\"noopener noreferrer nofollow\">x</a>",
            "<a href=\"//evil.example\" rel=\"noopener noreferrer nofollow\">x</a>",
            "<a href=\"?bank=https://evil.example\" rel=\"noopener noreferrer nofollow\">x</a>",
            "<a href=\"https://x\">x</a>",
            "<a href=\"https://x\" rel=\"noopener\">x</a>",
            "<a rel=\"noopener noreferrer nofollow\" href=\"https://x\">x</a>",
            "<a href=\"https://x y\" rel=\"noopener noreferrer nofollow\">x</a>",
            "<a href=\"https://x\ny\" rel=\"noopener noreferrer nofollow\">x</a>",
            "<a href=\"https://x&quot;\" rel=\"noopener noreferrer nofollow\">x</a>",
            "<a href=\"https://x\" title=\"t\" rel=\"noopener noreferrer nofollow\">x</a>",
            // Entities, comments, declarations, stray brackets.
            "a &nbsp; b",
            "a &amp b",
            "&#60;script&#62;",
            "&#x3C;",
            "&quot;",
            "&AMP;",
            "<!-- x -->",
            "<!doctype html>",
            "<![CDATA[x]]>",
            "<?xml x?>",
            "a > b",
            "a < b",
            "<",
            "a\0b",
            // Structure.
            "<p>x",
            "x</p>",
            "<p><em>x</p></em>",
            "<p>x</p></p>",
            "</a>",
            "<a",
            "<p",
        ] {
            assert!(!allowed(bad), "accepted: {bad}");
            let out = page(bad);
            assert!(!out.contains('<'), "{bad} → {out}");
            assert_eq!(unescape(&out), bad);
        }
    }

    #[test]
    fn links_need_an_allowed_scheme() {
        for ok in ["https://x", "HTTP://x", "mailto:a@b", "Https://x"] {
            assert!(link_allowed(ok), "{ok}");
        }
        for bad in [
            "javascript:x",
            "data:x",
            "/x",
            "x",
            "//x",
            "#x",
            "",
            " https://x",
            "https:x",
            "http:/x",
            "mailto",
            "vbscript:x",
        ] {
            assert!(!link_allowed(bad), "{bad}");
        }
    }

    /// Markup from every allowed construct, and text from any characters, nested at random.
    fn allowed_tree() -> impl Strategy<Value = String> {
        let text = "[^<>&\0]{0,8}".prop_map(|s| s.to_string());
        let entity = prop::sample::select(vec!["&amp;", "&lt;", "&gt;", "<br />", "<hr />"])
            .prop_map(String::from);
        let leaf = prop_oneof![text, entity];
        leaf.prop_recursive(4, 32, 4, |inner| {
            // Every element of the allowlist bare, and the attribute forms the renderer writes.
            let wrap = prop::sample::select(
                ELEMENTS
                    .iter()
                    .copied()
                    .chain([
                        "ol start=\"12\"",
                        "code class=\"language-objective-c\"",
                        "a href=\"https://x.example/a?b=c&amp;d=%20\" rel=\"noopener noreferrer nofollow\"",
                        "a href=\"mailto:a@b.example\" rel=\"noopener noreferrer nofollow\"",
                    ])
                    .collect::<Vec<_>>(),
            );
            (wrap, prop::collection::vec(inner, 0..4)).prop_map(|(tag, children)| {
                let name = tag.split(' ').next().unwrap_or(tag);
                format!("<{tag}>{}</{name}>", children.concat())
            })
        })
    }

    /// A construct outside the allowlist.
    fn hostile() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "<script>x</script>",
            "<meta http-equiv=\"refresh\" content=\"0\">",
            "<base href=\"https://e\">",
            "<form><input type=\"password\"></form>",
            "<svg></svg>",
            "<math></math>",
            "<img src=x>",
            "<!---->",
            "&nbsp;",
            "</p>",
            "<p>",
            "<a href=\"javascript:x\" rel=\"noopener noreferrer nofollow\">x</a>",
            "<p title=\"x\">x</p>",
            ">",
            "<br>",
        ])
    }

    proptest! {
        #[test]
        fn a_field_is_either_its_markup_or_its_text(s in "(<[a-z/!]{0,3}|[a-z\"= ]|&[a-z]{0,4};?|<pre>|</pre>|<p>|</p>|\\PC){0,40}") {
            let out = page(&s);
            if allowed(&s) {
                prop_assert_eq!(out.replace("<pre tabindex=\"0\">", "<pre>"), s);
            } else {
                prop_assert!(!out.contains('<'));
                prop_assert_eq!(unescape(&out), s);
            }
        }

        #[test]
        fn allowed_constructs_pass_and_one_hostile_one_fails_the_whole_field(
            tree in allowed_tree(),
            bad in hostile(),
            at in any::<prop::sample::Index>(),
        ) {
            prop_assert!(allowed(&tree), "{}", tree);
            // The hostile piece goes in at a place between two constructs of the tree.
            let cuts: Vec<usize> = (0..=tree.len())
                .filter(|&i| i == tree.len() || tree.as_bytes()[i] == b'<')
                .collect();
            let i = cuts[at.index(cuts.len())];
            let spoiled = format!("{}{bad}{}", &tree[..i], &tree[i..]);
            prop_assert!(!allowed(&spoiled), "{}", spoiled);
        }
    }
}
