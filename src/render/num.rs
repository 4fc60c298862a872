//! Decimal digits of unsigned integers without `core::fmt`: `n.to_string()` on an integer
//! builds a `Formatter` and goes through `Display` and `pad_integral` at every call site;
//! these write the same digits directly.

/// Appends the decimal digits of `n` to `out`, as `out.push_str(&n.to_string())` does.
pub(crate) fn push_uint(out: &mut String, n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

/// The decimal digits of `n`, as `n.to_string()`.
pub(crate) fn uint(n: u64) -> String {
    let mut s = String::new();
    push_uint(&mut s, n);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_as_to_string() {
        let mut samples = vec![0, 1, 9, 10, 99, 100, 1_000, 65_535, 4_294_967_295, u64::MAX];
        let mut n: u64 = 1;
        while let Some(m) = n.checked_mul(7) {
            samples.extend([m - 1, m, m + 1]);
            n = m;
        }
        samples.extend(0..10_000);
        for n in samples {
            assert_eq!(uint(n), n.to_string());
            let mut s = String::from("x");
            push_uint(&mut s, n);
            assert_eq!(s, format!("x{n}"));
        }
    }
}
