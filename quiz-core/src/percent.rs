//! Percent-coding of ids in the app's links: hash routes (`#/quick/objective/ID`) and custom
//! practice queries (`objectives=ID,ID`). Everything but ASCII letters, digits and `-_.~` is
//! written as `%XX`; reading is lenient (a `%` not followed by two hex digits stays as it is).

/// Percent-encodes an id for a link: everything but ASCII letters, digits and `-_.~`.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes; a `%` not followed by two hex digits stays as it is.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(v) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_with_link_characters_are_encoded() {
        assert_eq!(encode("a,b&c=d/e"), "a%2Cb%26c%3Dd%2Fe");
        assert_eq!(decode(&encode("a,b&c=d/e é")), "a,b&c=d/e é");
        assert_eq!(decode("50%"), "50%");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("a%2"), "a%2");
    }
}
