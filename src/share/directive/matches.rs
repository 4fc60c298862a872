//! A candidate directive: its encoding, and where it matches on the page, counted as the
//! polyfill counts (or more).

use super::page::{PageText, BREAK};
use super::Span;
use crate::share::link::percent_encode_into;

pub(super) struct Directive<'a> {
    pub(super) page: &'a PageText,
    pub(super) start: Span,
    pub(super) end: Option<Span>,
    pub(super) prefix: Option<Span>,
    pub(super) suffix: Option<Span>,
}

impl Directive<'_> {
    pub(super) fn encode(&self) -> String {
        let shown = &self.page.shown;
        let term = |(s, e): Span| -> String { shown.get(s..e).unwrap_or(&[]).iter().collect() };
        let mut out = String::from("text=");
        if let Some(prefix) = self.prefix {
            percent_encode_into(&mut out, &term(prefix), true);
            out.push_str("-,");
        }
        percent_encode_into(&mut out, &term(self.start), true);
        if let Some(end) = self.end {
            out.push(',');
            percent_encode_into(&mut out, &term(end), true);
        }
        if let Some(suffix) = self.suffix {
            out.push_str(",-");
            percent_encode_into(&mut out, &term(suffix), true);
        }
        out
    }

    /// Up to two matches (spans of the page), as the polyfill's `processTextFragmentDirective`
    /// would count them or more: every start with its prefix right before it, paired with
    /// every end after it that has its suffix right after it.
    pub(super) fn matches(
        &self,
        starts: &[usize],
        ends: Option<&[usize]>,
        (start_len, end_len): (usize, usize),
    ) -> Vec<Span> {
        let folded = &self.page.folded;
        let term = |span: Option<Span>| span.and_then(|(s, e)| folded.get(s..e));
        let (prefix, suffix) = (term(self.prefix), term(self.suffix));
        let prefixed = |at: usize| {
            let Some(prefix) = prefix else { return true };
            let mut to = at;
            while to > 0 && matches!(folded.get(to - 1), Some(&' ') | Some(&BREAK)) {
                to -= 1;
            }
            to >= prefix.len() && folded.get(to - prefix.len()..to) == Some(prefix)
        };
        let suffixed = |at: usize| {
            let Some(suffix) = suffix else { return true };
            let mut from = at;
            while matches!(folded.get(from), Some(&' ') | Some(&BREAK)) {
                from += 1;
            }
            folded.get(from..from + suffix.len()) == Some(suffix)
        };
        let mut found = Vec::new();
        for &s in starts.iter().filter(|&&s| prefixed(s)) {
            let after_start = s + start_len;
            match ends {
                None => {
                    if suffixed(after_start) {
                        found.push((s, after_start));
                    }
                }
                Some(ends) => {
                    let first = ends.partition_point(|&e| e < after_start);
                    for &e in ends.get(first..).unwrap_or(&[]) {
                        if suffixed(e + end_len) {
                            found.push((s, e + end_len));
                            if found.len() >= 2 {
                                break;
                            }
                        }
                    }
                }
            }
            if found.len() >= 2 {
                break;
            }
        }
        found
    }
}
