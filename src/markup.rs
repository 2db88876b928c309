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
