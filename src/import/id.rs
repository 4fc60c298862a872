//! Essay ids from feed items' guids: URL-safe, stable, distinct.

use url::Url;

/// An essay id from a feed item's guid or id: URL-safe (ASCII letters, digits, `-`, `.`),
/// and the same every time the same item is imported. A URL keeps its path (the site's own
/// slug); an opaque id keeps its words; a long or non-ASCII one gets a short hash of the
/// whole so that two items never share an id by truncation.
///
/// ```
/// use essay_embed::import::essay_id;
/// assert_eq!(essay_id("https://example.com/2020/09/view-from-beijing/"), "2020-09-view-from-beijing");
/// assert_eq!(essay_id("https://example.com/?p=123"), "p-123");
/// assert_eq!(essay_id("tag:ghost.org,2020:post-5f3a"), "tag-ghost.org-2020-post-5f3a");
/// ```
pub fn essay_id(raw: &str) -> String {
    let raw = raw.trim();
    let source = match Url::parse(raw) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => {
            let mut s = u.path().to_owned();
            if let Some(q) = u.query() {
                s.push('-');
                s.push_str(q);
            }
            let decoded = percent_decode(&s);
            if decoded
                .trim_matches(|c: char| !c.is_alphanumeric())
                .is_empty()
            {
                u.host_str().unwrap_or_default().to_owned()
            } else {
                decoded
            }
        }
        _ => raw.to_owned(),
    };
    let mut id = String::with_capacity(source.len());
    let mut lossy = false;
    for c in source.chars() {
        if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            id.push(c.to_ascii_lowercase());
        } else {
            if !c.is_ascii() {
                lossy = true;
            }
            if !id.ends_with('-') {
                id.push('-');
            }
        }
    }
    let mut id = id.trim_matches(['-', '.']).to_owned();
    if id.len() > 80 {
        id.truncate(80);
        id = id.trim_end_matches(['-', '.']).to_owned();
        lossy = true;
    }
    if id.is_empty() || lossy {
        let hash = fnv1a(raw.as_bytes());
        if id.is_empty() {
            id = format!("item-{hash:08x}");
        } else {
            id = format!("{id}-{hash:08x}");
        }
    }
    id
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(s.replace('+', "%2B").as_bytes())
        .map(|(k, v)| {
            if v.is_empty() {
                k.into_owned()
            } else {
                format!("{k}={v}")
            }
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// 32-bit FNV-1a: a stable hash (std's is randomised per process).
fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_url_safe_stable_and_distinct() {
        assert_eq!(essay_id("https://example.com/?p=123"), "p-123");
        assert_eq!(
            essay_id("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"),
            "urn-uuid-1225c695-cfb8-4ebb-aaaa-80da344efa6a"
        );
        let cjk = essay_id("https://example.cn/文章/北京");
        assert!(cjk.starts_with("item-"), "{cjk}");
        assert_eq!(cjk, essay_id("https://example.cn/文章/北京"));
        assert_ne!(cjk, essay_id("https://example.cn/文章/上海"));
        let long = "x".repeat(200);
        assert_ne!(essay_id(&format!("{long}a")), essay_id(&format!("{long}b")));
        assert!(essay_id(&long).len() <= 89);
    }
}
