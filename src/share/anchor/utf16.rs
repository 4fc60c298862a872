//! UTF-16 offsets (the DOM's and JavaScript's unit) to byte offsets and back.

/// The byte offset in `text` of a UTF-16 offset (the DOM's unit); `None` past the end or
/// inside a surrogate pair.
pub fn utf16_to_byte(text: &str, utf16: usize) -> Option<usize> {
    let mut units = 0;
    for (at, c) in text.char_indices() {
        if units == utf16 {
            return Some(at);
        }
        units += c.len_utf16();
        if units > utf16 {
            return None;
        }
    }
    (units == utf16).then_some(text.len())
}

/// The UTF-16 offset of byte offset `byte` in `text` (clamped to the text).
pub fn byte_to_utf16(text: &str, byte: usize) -> usize {
    text.get(..byte.min(text.len()))
        .map_or(0, |t| t.encode_utf16().count())
}

/// The index of the character that starts at UTF-16 offset `units` of `text`, when it
/// differs from `units` (some character before it is outside the BMP); `None` otherwise.
pub(super) fn char_index_of_utf16(text: &[char], units: usize) -> Option<usize> {
    let mut counted = 0usize;
    for (i, c) in text.iter().enumerate() {
        if counted >= units {
            return (counted == units && i != units).then_some(i);
        }
        counted += c.len_utf16();
    }
    (counted == units && text.len() != units).then_some(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_convert_exactly() {
        let text = "a😀é\u{301}中ب";
        // a(1) 😀(2 units, 4 bytes) é(1, 2 bytes) combining(1, 2 bytes) 中(1, 3 bytes) ب(1, 2 bytes)
        let pairs = [(0, 0), (1, 1), (3, 5), (4, 7), (5, 9), (6, 12), (7, 14)];
        for (units, bytes) in pairs {
            assert_eq!(utf16_to_byte(text, units), Some(bytes), "{units}");
            assert_eq!(byte_to_utf16(text, bytes), units, "{bytes}");
        }
        assert_eq!(utf16_to_byte(text, 2), None, "inside the surrogate pair");
        assert_eq!(utf16_to_byte(text, 8), None, "past the end");
        assert_eq!(text.encode_utf16().count(), 7);
    }
}
