//! Sharing a passage: the essay's plain-text projection and re-anchoring of quotes, and the
//! deep links, share texts and target URLs built on them.

pub mod anchor;
pub mod annotation;
pub mod arrival;
pub(crate) mod directive;
pub mod link;
// In `content`, the lowest module that uses it.
pub(crate) use crate::content::search;
