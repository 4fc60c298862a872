//! The limits on what a document may hold (its size, a body's, the pull quotes shown, an
//! id's length and characters) and the messages that name them.

use super::LoadError;

pub(crate) fn too_large(bytes: usize) -> LoadError {
    LoadError::invalid(
        String::new(),
        over_limit("too large: ", bytes, MAX_DOCUMENT_BYTES),
    )
}

/// Content larger than this is refused before parsing: it could only be a mistake, and
/// laying out that much text would freeze the host page for seconds.
pub const MAX_DOCUMENT_BYTES: usize = 8 << 20;

/// The longest essay body accepted (Markdown source): a book, not an essay, beyond it.
pub const MAX_BODY_BYTES: usize = 2 << 20;

/// Pull quotes shown per essay; more are reported and left out. Each is looked for in the
/// body, so their number multiplies the work of a render, and no page shows more.
pub const MAX_PULL_QUOTES: usize = 64;

/// "too large: 10.2 MB (the limit is 8.0 MB)", for `what` (with its ": ").
pub(crate) fn over_limit(what: &str, bytes: usize, limit: usize) -> String {
    [
        what,
        &megabytes(bytes),
        " (the limit is ",
        &megabytes(limit),
        ")",
    ]
    .concat()
}

/// "10.5 MB", with integer arithmetic (no float formatting in the wasm).
fn megabytes(bytes: usize) -> String {
    let tenths = bytes * 10 / (1 << 20);
    [
        (tenths / 10).to_string(),
        ".".to_owned(),
        (tenths % 10).to_string(),
        " MB".to_owned(),
    ]
    .concat()
}

/// The longest essay id, in bytes: every share link carries it (`#ee=1~<id>~...`), and a
/// link with a longer one is not ours.
pub const MAX_ID_BYTES: usize = 200;

pub(super) fn is_valid_id(id: &str) -> bool {
    id.len() <= MAX_ID_BYTES
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}
