//! The content's dates (RFC 3339 dates or date-times, validated by `model`) in the forms
//! feeds want: RFC 3339 date-times for Atom and JSON Feed, RFC 822 for RSS.

/// A point in time as the content gave it: a date, a time of day (midnight when only a date
/// was given) and a UTC offset in minutes (UTC when none was given).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Timestamp {
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    offset_minutes: i32,
}

impl Timestamp {
    /// 1970-01-01T00:00:00Z.
    pub(crate) const EPOCH: Timestamp = Timestamp {
        year: 1970,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        offset_minutes: 0,
    };

    /// Reads `YYYY-MM-DD[(T| )HH:MM[:SS[.frac]][Z|±HH:MM]]`; `None` for anything else.
    pub(crate) fn parse(text: &str) -> Option<Timestamp> {
        crate::content::date::Date::parse(text)?; // the calendar and the syntax are checked there
        let num = |s: Option<&str>| s.and_then(|s| s.parse::<u32>().ok());
        let mut t = Timestamp {
            year: num(text.get(0..4))?,
            month: num(text.get(5..7))?,
            day: num(text.get(8..10))?,
            hour: 0,
            minute: 0,
            second: 0,
            offset_minutes: 0,
        };
        let rest = text.get(10..).unwrap_or("");
        if rest.is_empty() {
            return Some(t);
        }
        t.hour = num(rest.get(1..3))?;
        t.minute = num(rest.get(4..6))?;
        let mut zone = rest.get(6..).unwrap_or("");
        if let Some(after) = zone.strip_prefix(':') {
            t.second = num(after.get(0..2))?.min(59);
            zone = after.get(2..).unwrap_or("");
            if let Some(frac) = zone.strip_prefix('.') {
                zone = frac.trim_start_matches(|c: char| c.is_ascii_digit());
            }
        }
        if let Some(sign @ ('+' | '-')) = zone.chars().next() {
            let minutes = (num(zone.get(1..3))? * 60 + num(zone.get(4..6))?) as i32;
            t.offset_minutes = if sign == '-' { -minutes } else { minutes };
        }
        Some(t)
    }

    /// `2020-09-09T00:00:00Z`, `2020-09-09T10:00:00+08:00`.
    pub(crate) fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}",
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            self.zone(true)
        )
    }

    /// `Wed, 09 Sep 2020 00:00:00 +0000`.
    pub(crate) fn rfc822(&self) -> String {
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let weekday = DAYS[self.days_since_epoch().rem_euclid(7) as usize];
        let month = MONTHS[(self.month.clamp(1, 12) - 1) as usize];
        format!(
            "{weekday}, {:02} {month} {:04} {:02}:{:02}:{:02} {}",
            self.day,
            self.year,
            self.hour,
            self.minute,
            self.second,
            self.zone(false)
        )
    }

    /// Seconds since 1970 in UTC, for ordering.
    pub(crate) fn unix(&self) -> i64 {
        self.days_since_epoch() * 86_400
            + i64::from(self.hour * 3600 + self.minute * 60 + self.second)
            - i64::from(self.offset_minutes) * 60
    }

    /// `Z` / `+08:00` (RFC 3339) or `+0000` / `+0800` (RFC 822).
    fn zone(&self, rfc3339: bool) -> String {
        let m = self.offset_minutes;
        if rfc3339 && m == 0 {
            return "Z".to_owned();
        }
        let sign = if m < 0 { '-' } else { '+' };
        let (h, mm) = (m.abs() / 60, m.abs() % 60);
        if rfc3339 {
            format!("{sign}{h:02}:{mm:02}")
        } else {
            format!("{sign}{h:02}{mm:02}")
        }
    }

    /// Days from 1970-01-01 to the date (Howard Hinnant's `days_from_civil`).
    fn days_since_epoch(&self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_for_feeds() {
        let t = Timestamp::parse("2020-09-09").unwrap();
        assert_eq!(t.rfc3339(), "2020-09-09T00:00:00Z");
        assert_eq!(t.rfc822(), "Wed, 09 Sep 2020 00:00:00 +0000");
        assert_eq!(t.unix(), 1_599_609_600);
        let t = Timestamp::parse("2024-02-29T23:05:07.5-05:30").unwrap();
        assert_eq!(t.rfc3339(), "2024-02-29T23:05:07-05:30");
        assert_eq!(t.rfc822(), "Thu, 29 Feb 2024 23:05:07 -0530");
        assert_eq!(
            Timestamp::parse("2000-01-01 10:00Z").unwrap().rfc3339(),
            "2000-01-01T10:00:00Z"
        );
        assert_eq!(
            Timestamp::parse("1969-12-31").unwrap().rfc822(),
            "Wed, 31 Dec 1969 00:00:00 +0000"
        );
        assert_eq!(Timestamp::parse("2020-13-01"), None);
    }
}
