//! Just enough of RFC 3339 dates to validate `published` / `updated` and print them.

/// A calendar date (the time of day, if given, is validated and dropped: bylines show dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, optionally followed by `THH:MM[:SS[.frac]]` and `Z` or `±HH:MM`.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            let s = text.get(r)?;
            if s.bytes().all(|c| c.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        };
        let (year, month, day) = (num(0..4)?, num(5..7)? as u8, num(8..10)? as u8);
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        if day == 0 || day > days_in_month {
            return None;
        }
        let rest = &text[10..];
        if !rest.is_empty() && !valid_time(rest) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// ISO form, `2020-09-09`, for `<time datetime>`.
    pub fn iso(&self) -> String {
        let mut s = String::with_capacity(10);
        push_padded(&mut s, u32::from(self.year), 4);
        s.push('-');
        push_padded(&mut s, u32::from(self.month), 2);
        s.push('-');
        push_padded(&mut s, u32::from(self.day), 2);
        s
    }
}

fn push_padded(s: &mut String, n: u32, width: usize) {
    let digits = n.to_string();
    for _ in digits.len()..width {
        s.push('0');
    }
    s.push_str(&digits);
}

/// `THH:MM[:SS[.frac]](Z|±HH:MM)`; a space may stand for `T`, and the zone may be left out.
fn valid_time(rest: &str) -> bool {
    let b = rest.as_bytes();
    if !matches!(b[0], b'T' | b't' | b' ') || b.len() < 6 {
        return false;
    }
    let two = |i: usize, max: u8| -> bool {
        b.get(i..i + 2).is_some_and(|d| {
            d.iter().all(u8::is_ascii_digit) && (d[0] - b'0') * 10 + (d[1] - b'0') <= max
        })
    };
    if !(two(1, 23) && b[3] == b':' && two(4, 59)) {
        return false;
    }
    let mut i = 6;
    if b.get(i) == Some(&b':') {
        if !two(i + 1, 60) {
            return false;
        }
        i += 3;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return false;
            }
        }
    }
    match b.get(i) {
        None => true,
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            i + 6 == b.len() && two(i + 1, 23) && b[i + 3] == b':' && two(i + 4, 59)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_and_date_times() {
        let d = Date {
            year: 2020,
            month: 9,
            day: 9,
        };
        for ok in [
            "2020-09-09",
            "2020-09-09T10:00:00Z",
            "2020-09-09T10:00Z",
            "2020-09-09T10:00:00.123+08:00",
            "2020-09-09 10:00:00-05:00",
            "2020-09-09T23:59:60Z",
        ] {
            assert_eq!(Date::parse(ok), Some(d), "{ok}");
        }
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.iso()),
            Some("2024-02-29".into())
        );
    }

    #[test]
    fn rejects_impossible_or_malformed_dates() {
        for bad in [
            "",
            "2020",
            "2020-9-9",
            "2020-13-01",
            "2020-00-10",
            "2021-02-29",
            "1900-02-29",
            "2020-04-31",
            "2020-09-09T25:00Z",
            "2020-09-09T10:00:00+0800",
            "2020-09-09x",
            "yesterday",
            "２０２０-09-09",
            "2020-09-09T10:00:00.Z",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }
}
