//! Substring search without core's Two-Way searcher: `str::find`, `contains`, `replace`,
//! `split` and `split_once` with a `&str` pattern each bring `StrSearcher` (its setup alone
//! is 1.4 KB of wasm) and inline its search loop at every call site. The needles here are
//! short and few, so a plain scan does; the results are the same as core's.

/// The byte index of the first occurrence of `needle` in `hay`, as `hay.find(needle)`.
/// A match of valid UTF-8 in valid UTF-8 always starts and ends on char boundaries.
pub(crate) fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let last = h.len().checked_sub(n.len())?;
    let Some((&first, rest)) = n.split_first() else {
        return Some(0);
    };
    // Jump from one occurrence of the first byte to the next (a tight scan), and compare
    // the rest only there.
    let mut i = 0;
    while i <= last {
        i += h.get(i..=last)?.iter().position(|&b| b == first)?;
        if h.get(i + 1..i + n.len()) == Some(rest) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// `s` with every non-overlapping occurrence of `from` (left to right) replaced by `to`,
/// as `s.replace(from, to)`.
pub(crate) fn replace(s: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if from.is_empty() {
        for c in s.chars() {
            out.push_str(to);
            out.push(c);
        }
        out.push_str(to);
        return out;
    }
    let mut rest = s;
    while let Some(at) = find(rest, from) {
        out.push_str(&rest[..at]);
        out.push_str(to);
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    out
}

/// `s.split_once(sep)`.
pub(crate) fn split_once<'a>(s: &'a str, sep: &str) -> Option<(&'a str, &'a str)> {
    let at = find(s, sep)?;
    Some((&s[..at], &s[at + sep.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: &[&str] = &[
        "",
        "a",
        "aa",
        "aaa",
        "ab",
        "ba",
        "abab",
        "...",
        ". . .",
        "a...b....c. . . .d",
        "\r\n",
        "x\r\ny\r\n\r\nz\r",
        "é…é",
        "日本語の本",
        "://",
        "https://a.b/c://d",
        ":~:",
        "#x:~:text=a:~:b",
        "application/json",
        "JSON",
        "{name}",
        "Hi {name}, {name}!",
    ];

    #[test]
    fn same_as_core() {
        for &hay in SAMPLES {
            for &needle in SAMPLES {
                assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
                assert_eq!(
                    split_once(hay, needle),
                    hay.split_once(needle),
                    "{hay:?} {needle:?}"
                );
                for &to in &["", "…", "\n", "xyz"] {
                    assert_eq!(
                        replace(hay, needle, to),
                        hay.replace(needle, to),
                        "{hay:?} {needle:?}"
                    );
                }
            }
        }
    }
}
