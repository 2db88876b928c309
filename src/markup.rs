//! Small pure helpers of the client (links, markup), compiled on both sides so that the native
//! test run covers them.

/// Percent-encodes a path for a query value (keeps `/` readable).
pub fn encode_component(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Reverses `encode_component` (and a form's `+` for a space); a malformed escape is kept as
/// written, bytes that are not UTF-8 become U+FFFD.
pub fn decode_component(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |j: usize| b.get(j).and_then(|c| (*c as char).to_digit(16));
        match (b[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Escapes text for HTML element content and attribute values (the summary's server-rendered
/// report and controls, and the notices the summary page writes).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A `next` link is followed only when it is a path on this site.
pub fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/sign-in"))
        .unwrap_or_else(|| "/".into())
}

/// Drops the `<style>` element and `style="…"` attributes charts-rs writes: the
/// Content-Security-Policy allows no inline styles (what they did lives in app.css).
pub fn without_inline_styles(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while !rest.is_empty() {
        let element = rest.find("<style>");
        let attribute = rest.find(" style=\"");
        match (element, attribute) {
            (Some(e), a) if a.is_none_or(|a| e < a) => {
                out.push_str(&rest[..e]);
                rest = rest[e..].find("</style>").map_or("", |end| &rest[e + end + "</style>".len()..]);
            }
            (_, Some(a)) => {
                out.push_str(&rest[..a]);
                let value = &rest[a + " style=\"".len()..];
                rest = value.find('"').map_or("", |end| &value[end + 1..]);
            }
            _ => {
                out.push_str(rest);
                rest = "";
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_component_decodes_to_what_was_encoded() {
        for s in ["12 000 000", "+40,5 %", "a&b=c", "Zürich/€", ""] {
            assert_eq!(decode_component(&encode_component(s)), s);
        }
        assert_eq!(decode_component("a+b%2"), "a b%2");
        assert_eq!(decode_component("%zz%C3"), "%zz\u{fffd}");
    }

    #[test]
    fn inline_styles_are_removed() {
        let svg = r#"<svg><style>.ct-tip{opacity:0}</style><rect class="ct-trigger" style="animation-delay:10ms" x="1"/></svg>"#;
        assert_eq!(without_inline_styles(svg), r#"<svg><rect class="ct-trigger" x="1"/></svg>"#);
        assert_eq!(without_inline_styles("<svg><style>unclosed"), "<svg>");
        assert_eq!(without_inline_styles("plain"), "plain");
    }

    #[test]
    fn next_links_stay_on_this_site() {
        assert_eq!(safe_next(Some("/?preset=90d".into())), "/?preset=90d");
        assert_eq!(safe_next(Some("//evil.example".into())), "/");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/");
        assert_eq!(safe_next(Some("/sign-in".into())), "/");
        assert_eq!(safe_next(None), "/");
        assert_eq!(encode_component("/?a=1&b=x y"), "/%3Fa%3D1%26b%3Dx%20y");
    }
}
