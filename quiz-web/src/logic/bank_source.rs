//! Where a bank from another origin comes from, as every page says it ("Questions from
//! example.org"). Which origin counts as another is quiz-core's
//! ([`quiz_core::progress::foreign_origin`]), as is reading its host.

use quiz_core::progress;

/// What every page says about a bank from another origin ([`progress::foreign_origin`]): where
/// its questions come from, "Questions from example.org".
pub fn source_label(foreign_origin: &str) -> String {
    // Concatenation rather than `format!`: this runs in the shell, and formatting here drew
    // shared formatting code out of the page chunks into it.
    let host = progress::origin_host(foreign_origin);
    let name = if host.len() < foreign_origin.len() {
        host
    } else {
        "another site"
    };
    String::from("Questions from ") + name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bank_from_elsewhere_says_where_from() {
        assert_eq!(
            source_label("https://example.org"),
            "Questions from example.org"
        );
        assert_eq!(
            source_label("http://localhost:8080"),
            "Questions from localhost:8080"
        );
        assert_eq!(source_label("null"), "Questions from another site");
    }
}
