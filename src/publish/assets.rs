//! The site's own static files: the widget's stylesheet for pages that show the essay in their
//! own DOM, the iframe card's script, and the partner page's copy buttons. All served as files
//! (no inline script or style), so every page works under a strict Content Security Policy.

/// The widget's stylesheet (`src/web/style.css`, written for a shadow root) for a page that
/// holds the rendered HTML in its own DOM: `:host` becomes the `.ee-host` wrapper. On the
/// publisher's own pages there is no foreign CSS to isolate the essay from.
pub(crate) fn page_css() -> String {
    let mut css = host_to_class(include_str!("../web/style.css"));
    css.push_str(include_str!("assets/site.css"));
    css
}

/// Rewrites `:host` to `.ee-host` and `:host(X)` to `.ee-host` followed by `X`.
fn host_to_class(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find(":host") {
        out.push_str(&rest[..at]);
        out.push_str(".ee-host");
        rest = &rest[at + ":host".len()..];
        if let Some(inner) = rest.strip_prefix('(') {
            // The argument, up to its matching parenthesis.
            let mut depth = 1;
            let mut end = None;
            for (i, c) in inner.char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(i);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            if let Some(end) = end {
                out.push_str(&inner[..end]);
                rest = &inner[end + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `(name under assets/, bytes)` for every asset.
pub(crate) fn files() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("essay-embed.css", page_css().into_bytes()),
        (
            "frame.js",
            include_str!("assets/frame.js").as_bytes().to_vec(),
        ),
        (
            "embed-page.js",
            include_str!("assets/embed-page.js").as_bytes().to_vec(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_selectors_become_the_wrapper_class() {
        assert_eq!(
            host_to_class(
                ":host { a: b } :host([theme=\"dark\"]) x, :host(:not([theme=\"light\"])) .y {}"
            ),
            ".ee-host { a: b } .ee-host[theme=\"dark\"] x, .ee-host:not([theme=\"light\"]) .y {}"
        );
        assert!(!page_css().contains(":host"));
    }
}
