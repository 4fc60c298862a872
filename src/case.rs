//! Unicode lowercase without core's table.
//!
//! `char::to_lowercase` carries an 11.5 KB table of `(char, char)` pairs into the wasm
//! (6 KB gzip); the same mapping is 185 runs of code points that move by the same distance.
//! [`lowercase`] gives exactly what `char::to_lowercase` gives, for every `char`: a unit test
//! compares all of them, so a toolchain with a newer Unicode version makes it fail
//! (`UPDATE_CASE=1 cargo test --lib case` then rewrites the table below).

/// The lowercase of `c`, as `char::to_lowercase(c)` would give it (one or two chars).
pub fn lowercase(c: char) -> Lowercase {
    if c.is_ascii() {
        return one(c.to_ascii_lowercase());
    }
    if c == '\u{130}' {
        // The one character whose lowercase is two: LATIN CAPITAL LETTER I WITH DOT ABOVE.
        return Lowercase {
            chars: ['i', '\u{307}'],
            next: 0,
            len: 2,
        };
    }
    let cp = c as u32;
    let i = RUNS.partition_point(|&(run, _)| run >> 9 <= cp);
    if let Some(&(run, delta)) = i.checked_sub(1).and_then(|i| RUNS.get(i)) {
        let (start, len, stride) = (run >> 9, (run >> 1) & 0xff, (run & 1) + 1);
        let offset = cp - start;
        if offset / stride <= len && offset % stride == 0 {
            if let Some(lower) = char::from_u32(cp.wrapping_add_signed(delta)) {
                return one(lower);
            }
        }
    }
    one(c)
}

/// The chars of a lowercase mapping; an iterator like `char::ToLowercase`.
#[derive(Debug, Clone)]
pub struct Lowercase {
    chars: [char; 2],
    next: usize,
    len: usize,
}

impl Iterator for Lowercase {
    type Item = char;
    fn next(&mut self) -> Option<char> {
        let c = *self.chars.get(self.next).filter(|_| self.next < self.len)?;
        self.next += 1;
        Some(c)
    }
}

fn one(c: char) -> Lowercase {
    Lowercase {
        chars: [c, c],
        next: 0,
        len: 1,
    }
}

// Each run is `(start << 9 | (count - 1) << 1 | (stride - 1), delta)`: the code points
// `start + k * stride` for `k` in `0..count` lowercase to themselves plus `delta`.
// The generated table spells out every field, zeros included.
#[allow(clippy::identity_op)]
// BEGIN GENERATED (UPDATE_CASE=1 cargo test --lib case)
const RUNS: [(u32, i32); 184] = [
    (0x000c0 << 9 | 22 << 1 | 0, 32),
    (0x000d8 << 9 | 6 << 1 | 0, 32),
    (0x00100 << 9 | 23 << 1 | 1, 1),
    (0x00132 << 9 | 2 << 1 | 1, 1),
    (0x00139 << 9 | 7 << 1 | 1, 1),
    (0x0014a << 9 | 22 << 1 | 1, 1),
    (0x00178 << 9 | 0 << 1 | 0, -121),
    (0x00179 << 9 | 2 << 1 | 1, 1),
    (0x00181 << 9 | 0 << 1 | 0, 210),
    (0x00182 << 9 | 1 << 1 | 1, 1),
    (0x00186 << 9 | 0 << 1 | 0, 206),
    (0x00187 << 9 | 0 << 1 | 0, 1),
    (0x00189 << 9 | 1 << 1 | 0, 205),
    (0x0018b << 9 | 0 << 1 | 0, 1),
    (0x0018e << 9 | 0 << 1 | 0, 79),
    (0x0018f << 9 | 0 << 1 | 0, 202),
    (0x00190 << 9 | 0 << 1 | 0, 203),
    (0x00191 << 9 | 0 << 1 | 0, 1),
    (0x00193 << 9 | 0 << 1 | 0, 205),
    (0x00194 << 9 | 0 << 1 | 0, 207),
    (0x00196 << 9 | 0 << 1 | 0, 211),
    (0x00197 << 9 | 0 << 1 | 0, 209),
    (0x00198 << 9 | 0 << 1 | 0, 1),
    (0x0019c << 9 | 0 << 1 | 0, 211),
    (0x0019d << 9 | 0 << 1 | 0, 213),
    (0x0019f << 9 | 0 << 1 | 0, 214),
    (0x001a0 << 9 | 2 << 1 | 1, 1),
    (0x001a6 << 9 | 0 << 1 | 0, 218),
    (0x001a7 << 9 | 0 << 1 | 0, 1),
    (0x001a9 << 9 | 0 << 1 | 0, 218),
    (0x001ac << 9 | 0 << 1 | 0, 1),
    (0x001ae << 9 | 0 << 1 | 0, 218),
    (0x001af << 9 | 0 << 1 | 0, 1),
    (0x001b1 << 9 | 1 << 1 | 0, 217),
    (0x001b3 << 9 | 1 << 1 | 1, 1),
    (0x001b7 << 9 | 0 << 1 | 0, 219),
    (0x001b8 << 9 | 0 << 1 | 0, 1),
    (0x001bc << 9 | 0 << 1 | 0, 1),
    (0x001c4 << 9 | 0 << 1 | 0, 2),
    (0x001c5 << 9 | 0 << 1 | 0, 1),
    (0x001c7 << 9 | 0 << 1 | 0, 2),
    (0x001c8 << 9 | 0 << 1 | 0, 1),
    (0x001ca << 9 | 0 << 1 | 0, 2),
    (0x001cb << 9 | 8 << 1 | 1, 1),
    (0x001de << 9 | 8 << 1 | 1, 1),
    (0x001f1 << 9 | 0 << 1 | 0, 2),
    (0x001f2 << 9 | 1 << 1 | 1, 1),
    (0x001f6 << 9 | 0 << 1 | 0, -97),
    (0x001f7 << 9 | 0 << 1 | 0, -56),
    (0x001f8 << 9 | 19 << 1 | 1, 1),
    (0x00220 << 9 | 0 << 1 | 0, -130),
    (0x00222 << 9 | 8 << 1 | 1, 1),
    (0x0023a << 9 | 0 << 1 | 0, 10795),
    (0x0023b << 9 | 0 << 1 | 0, 1),
    (0x0023d << 9 | 0 << 1 | 0, -163),
    (0x0023e << 9 | 0 << 1 | 0, 10792),
    (0x00241 << 9 | 0 << 1 | 0, 1),
    (0x00243 << 9 | 0 << 1 | 0, -195),
    (0x00244 << 9 | 0 << 1 | 0, 69),
    (0x00245 << 9 | 0 << 1 | 0, 71),
    (0x00246 << 9 | 4 << 1 | 1, 1),
    (0x00370 << 9 | 1 << 1 | 1, 1),
    (0x00376 << 9 | 0 << 1 | 0, 1),
    (0x0037f << 9 | 0 << 1 | 0, 116),
    (0x00386 << 9 | 0 << 1 | 0, 38),
    (0x00388 << 9 | 2 << 1 | 0, 37),
    (0x0038c << 9 | 0 << 1 | 0, 64),
    (0x0038e << 9 | 1 << 1 | 0, 63),
    (0x00391 << 9 | 16 << 1 | 0, 32),
    (0x003a3 << 9 | 8 << 1 | 0, 32),
    (0x003cf << 9 | 0 << 1 | 0, 8),
    (0x003d8 << 9 | 11 << 1 | 1, 1),
    (0x003f4 << 9 | 0 << 1 | 0, -60),
    (0x003f7 << 9 | 0 << 1 | 0, 1),
    (0x003f9 << 9 | 0 << 1 | 0, -7),
    (0x003fa << 9 | 0 << 1 | 0, 1),
    (0x003fd << 9 | 2 << 1 | 0, -130),
    (0x00400 << 9 | 15 << 1 | 0, 80),
    (0x00410 << 9 | 31 << 1 | 0, 32),
    (0x00460 << 9 | 16 << 1 | 1, 1),
    (0x0048a << 9 | 26 << 1 | 1, 1),
    (0x004c0 << 9 | 0 << 1 | 0, 15),
    (0x004c1 << 9 | 6 << 1 | 1, 1),
    (0x004d0 << 9 | 47 << 1 | 1, 1),
    (0x00531 << 9 | 37 << 1 | 0, 48),
    (0x010a0 << 9 | 37 << 1 | 0, 7264),
    (0x010c7 << 9 | 0 << 1 | 0, 7264),
    (0x010cd << 9 | 0 << 1 | 0, 7264),
    (0x013a0 << 9 | 79 << 1 | 0, 38864),
    (0x013f0 << 9 | 5 << 1 | 0, 8),
    (0x01c89 << 9 | 0 << 1 | 0, 1),
    (0x01c90 << 9 | 42 << 1 | 0, -3008),
    (0x01cbd << 9 | 2 << 1 | 0, -3008),
    (0x01e00 << 9 | 74 << 1 | 1, 1),
    (0x01e9e << 9 | 0 << 1 | 0, -7615),
    (0x01ea0 << 9 | 47 << 1 | 1, 1),
    (0x01f08 << 9 | 7 << 1 | 0, -8),
    (0x01f18 << 9 | 5 << 1 | 0, -8),
    (0x01f28 << 9 | 7 << 1 | 0, -8),
    (0x01f38 << 9 | 7 << 1 | 0, -8),
    (0x01f48 << 9 | 5 << 1 | 0, -8),
    (0x01f59 << 9 | 3 << 1 | 1, -8),
    (0x01f68 << 9 | 7 << 1 | 0, -8),
    (0x01f88 << 9 | 7 << 1 | 0, -8),
    (0x01f98 << 9 | 7 << 1 | 0, -8),
    (0x01fa8 << 9 | 7 << 1 | 0, -8),
    (0x01fb8 << 9 | 1 << 1 | 0, -8),
    (0x01fba << 9 | 1 << 1 | 0, -74),
    (0x01fbc << 9 | 0 << 1 | 0, -9),
    (0x01fc8 << 9 | 3 << 1 | 0, -86),
    (0x01fcc << 9 | 0 << 1 | 0, -9),
    (0x01fd8 << 9 | 1 << 1 | 0, -8),
    (0x01fda << 9 | 1 << 1 | 0, -100),
    (0x01fe8 << 9 | 1 << 1 | 0, -8),
    (0x01fea << 9 | 1 << 1 | 0, -112),
    (0x01fec << 9 | 0 << 1 | 0, -7),
    (0x01ff8 << 9 | 1 << 1 | 0, -128),
    (0x01ffa << 9 | 1 << 1 | 0, -126),
    (0x01ffc << 9 | 0 << 1 | 0, -9),
    (0x02126 << 9 | 0 << 1 | 0, -7517),
    (0x0212a << 9 | 0 << 1 | 0, -8383),
    (0x0212b << 9 | 0 << 1 | 0, -8262),
    (0x02132 << 9 | 0 << 1 | 0, 28),
    (0x02160 << 9 | 15 << 1 | 0, 16),
    (0x02183 << 9 | 0 << 1 | 0, 1),
    (0x024b6 << 9 | 25 << 1 | 0, 26),
    (0x02c00 << 9 | 47 << 1 | 0, 48),
    (0x02c60 << 9 | 0 << 1 | 0, 1),
    (0x02c62 << 9 | 0 << 1 | 0, -10743),
    (0x02c63 << 9 | 0 << 1 | 0, -3814),
    (0x02c64 << 9 | 0 << 1 | 0, -10727),
    (0x02c67 << 9 | 2 << 1 | 1, 1),
    (0x02c6d << 9 | 0 << 1 | 0, -10780),
    (0x02c6e << 9 | 0 << 1 | 0, -10749),
    (0x02c6f << 9 | 0 << 1 | 0, -10783),
    (0x02c70 << 9 | 0 << 1 | 0, -10782),
    (0x02c72 << 9 | 0 << 1 | 0, 1),
    (0x02c75 << 9 | 0 << 1 | 0, 1),
    (0x02c7e << 9 | 1 << 1 | 0, -10815),
    (0x02c80 << 9 | 49 << 1 | 1, 1),
    (0x02ceb << 9 | 1 << 1 | 1, 1),
    (0x02cf2 << 9 | 0 << 1 | 0, 1),
    (0x0a640 << 9 | 22 << 1 | 1, 1),
    (0x0a680 << 9 | 13 << 1 | 1, 1),
    (0x0a722 << 9 | 6 << 1 | 1, 1),
    (0x0a732 << 9 | 30 << 1 | 1, 1),
    (0x0a779 << 9 | 1 << 1 | 1, 1),
    (0x0a77d << 9 | 0 << 1 | 0, -35332),
    (0x0a77e << 9 | 4 << 1 | 1, 1),
    (0x0a78b << 9 | 0 << 1 | 0, 1),
    (0x0a78d << 9 | 0 << 1 | 0, -42280),
    (0x0a790 << 9 | 1 << 1 | 1, 1),
    (0x0a796 << 9 | 9 << 1 | 1, 1),
    (0x0a7aa << 9 | 0 << 1 | 0, -42308),
    (0x0a7ab << 9 | 0 << 1 | 0, -42319),
    (0x0a7ac << 9 | 0 << 1 | 0, -42315),
    (0x0a7ad << 9 | 0 << 1 | 0, -42305),
    (0x0a7ae << 9 | 0 << 1 | 0, -42308),
    (0x0a7b0 << 9 | 0 << 1 | 0, -42258),
    (0x0a7b1 << 9 | 0 << 1 | 0, -42282),
    (0x0a7b2 << 9 | 0 << 1 | 0, -42261),
    (0x0a7b3 << 9 | 0 << 1 | 0, 928),
    (0x0a7b4 << 9 | 7 << 1 | 1, 1),
    (0x0a7c4 << 9 | 0 << 1 | 0, -48),
    (0x0a7c5 << 9 | 0 << 1 | 0, -42307),
    (0x0a7c6 << 9 | 0 << 1 | 0, -35384),
    (0x0a7c7 << 9 | 1 << 1 | 1, 1),
    (0x0a7cb << 9 | 0 << 1 | 0, -42343),
    (0x0a7cc << 9 | 7 << 1 | 1, 1),
    (0x0a7dc << 9 | 0 << 1 | 0, -42561),
    (0x0a7f5 << 9 | 0 << 1 | 0, 1),
    (0x0ff21 << 9 | 25 << 1 | 0, 32),
    (0x10400 << 9 | 39 << 1 | 0, 40),
    (0x104b0 << 9 | 35 << 1 | 0, 40),
    (0x10570 << 9 | 10 << 1 | 0, 39),
    (0x1057c << 9 | 14 << 1 | 0, 39),
    (0x1058c << 9 | 6 << 1 | 0, 39),
    (0x10594 << 9 | 1 << 1 | 0, 39),
    (0x10c80 << 9 | 50 << 1 | 0, 64),
    (0x10d50 << 9 | 21 << 1 | 0, 32),
    (0x118a0 << 9 | 31 << 1 | 0, 32),
    (0x16e40 << 9 | 31 << 1 | 0, 32),
    (0x16ea0 << 9 | 24 << 1 | 0, 27),
    (0x1e900 << 9 | 33 << 1 | 0, 34),
];
// END GENERATED

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs of `char::to_lowercase`, as the source of `RUNS`.
    fn generate() -> String {
        let mut runs: Vec<(u32, u32, i64, u32)> = Vec::new(); // start, end, delta, stride
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut lower = c.to_lowercase();
            let (Some(l), None) = (lower.next(), lower.next()) else {
                continue;
            };
            let (cp, delta) = (c as u32, l as i64 - c as i64);
            if delta == 0 || c.is_ascii() {
                continue;
            }
            if let Some(last) = runs.last_mut() {
                let step = cp - last.1;
                let stride = if last.0 == last.1 { step } else { last.3 };
                if last.2 == delta
                    && step == stride
                    && step <= 2
                    && (last.1 - last.0) / stride < 255
                {
                    last.1 = cp;
                    last.3 = stride;
                    continue;
                }
            }
            runs.push((cp, cp, delta, 1));
        }
        let mut out = format!("const RUNS: [(u32, i32); {}] = [\n", runs.len());
        for (start, end, delta, stride) in runs {
            let count = (end - start) / stride + 1;
            out.push_str(&format!(
                "    ({:#07x} << 9 | {} << 1 | {}, {}),\n",
                start,
                count - 1,
                stride - 1,
                delta
            ));
        }
        out.push_str("];\n");
        out
    }

    #[test]
    fn the_table_is_up_to_date() {
        let source = std::fs::read_to_string("src/case.rs").unwrap();
        let (head, rest) = source.split_once("// BEGIN GENERATED").unwrap();
        let (_, tail) = rest.split_once("// END GENERATED").unwrap();
        let table = generate();
        let first_line = rest.lines().next().unwrap();
        let fresh = format!("{head}// BEGIN GENERATED{first_line}\n{table}// END GENERATED{tail}");
        if std::env::var_os("UPDATE_CASE").is_some() {
            std::fs::write("src/case.rs", &fresh).unwrap();
        } else {
            assert!(
                fresh == source,
                "src/case.rs is stale for this toolchain's Unicode: UPDATE_CASE=1 cargo test --lib case"
            );
        }
    }

    #[test]
    fn same_as_char_to_lowercase_for_every_char() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert!(
                lowercase(c).eq(c.to_lowercase()),
                "{c:?} (U+{:04X})",
                c as u32
            );
        }
    }

    #[test]
    fn examples() {
        let s: String = "Ärger İstanbul ΣΑΣ ǅ Ꭰ 𐐀 AZ"
            .chars()
            .flat_map(lowercase)
            .collect();
        assert_eq!(s, "ärger i\u{307}stanbul σασ ǆ ꭰ 𐐨 az");
        assert_eq!(lowercase('\0').collect::<String>(), "\0");
    }
}
