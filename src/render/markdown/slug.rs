//! Heading ids: stable slugs of the heading's text, unique within the body.

use super::Writer;
use crate::render::html::escape_into;

impl Writer {
    /// A stable id for the current top-level heading, from its text (case-folded), unique in
    /// the body.
    pub(super) fn unique_slug(&mut self) -> String {
        let mut slug = String::new();
        for c in unicase::UniCase::unicode(&self.current.text)
            .to_folded_case()
            .chars()
        {
            if c.is_alphanumeric() {
                slug.push(c);
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
            if slug.len() > 60 {
                break;
            }
        }
        let trimmed = slug.trim_end_matches('-');
        let base = if trimmed.is_empty() {
            "section".to_owned()
        } else {
            trimmed.to_owned()
        };
        // The base itself, else base-2, base-3, ... (the first not taken), resuming where the
        // last heading with this base stopped.
        let mut n = self.slugs.get(&base).unwrap_or(0);
        let slug = if n == 0 {
            base.clone()
        } else {
            loop {
                n += 1;
                let mut candidate = base.clone();
                candidate.push('-');
                candidate.push_str(&n.to_string());
                if self.slugs.get(&candidate).is_none() {
                    break candidate;
                }
            }
        };
        self.slugs.insert(&base, n.max(1));
        if self.slugs.get(&slug).is_none() {
            self.slugs.insert(&slug, 1);
        }
        let mut escaped = String::new();
        escape_into(&mut escaped, &slug);
        escaped
    }
}
