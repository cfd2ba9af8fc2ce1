//! Strict RFC 3339 timestamps for the `Timestamp*` comparators and `IsTimestamp`.
//!
//! AWS accepts `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` with an uppercase `T` and `Z`; a
//! lowercase `t`/`z`, a space instead of `T`, a missing offset or a date alone is not a
//! timestamp (observed: such values never match and `IsTimestamp` is false).

/// An instant: seconds since the Unix epoch and nanoseconds, ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    pub seconds: i64,
    /// Nanoseconds within the second (digits past the ninth are ignored).
    pub nanos: u32,
}

/// Parses a strict RFC 3339 date-time; `None` if `s` is not one.
pub fn parse_timestamp(s: &str) -> Option<Timestamp> {
    let mut r = Reader {
        bytes: s.as_bytes(),
        pos: 0,
    };
    let year = r.digits(4)?;
    r.expect(b'-')?;
    let month = r.digits(2)?;
    r.expect(b'-')?;
    let day = r.digits(2)?;
    r.expect(b'T')?;
    let hour = r.digits(2)?;
    r.expect(b':')?;
    let minute = r.digits(2)?;
    r.expect(b':')?;
    let second = r.digits(2)?;
    let nanos = r.fraction()?;
    let offset = r.offset()?;
    let valid = r.pos == r.bytes.len()
        && (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second < 60;
    valid.then(|| Timestamp {
        seconds: days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
            - offset,
        nanos,
    })
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    fn digits(&mut self, count: usize) -> Option<i64> {
        let mut n = 0;
        for _ in 0..count {
            let d = self.peek().filter(u8::is_ascii_digit)?;
            n = n * 10 + i64::from(d - b'0');
            self.pos += 1;
        }
        Some(n)
    }

    /// `.ddd...` (at least one digit) as nanoseconds, or 0 when absent.
    fn fraction(&mut self) -> Option<u32> {
        if self.peek() != Some(b'.') {
            return Some(0);
        }
        self.pos += 1;
        let start = self.pos;
        let mut nanos = 0u32;
        while let Some(d) = self.peek().filter(u8::is_ascii_digit) {
            if self.pos - start < 9 {
                nanos = nanos * 10 + u32::from(d - b'0');
            }
            self.pos += 1;
        }
        let count = self.pos - start;
        if count == 0 {
            return None;
        }
        let scale = 10u32.pow(9usize.saturating_sub(count) as u32);
        Some(nanos * scale)
    }

    /// `Z` or `±HH:MM`, in seconds east of UTC.
    fn offset(&mut self) -> Option<i64> {
        let sign = match self.peek()? {
            b'Z' => {
                self.pos += 1;
                return Some(0);
            }
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        self.pos += 1;
        let hours = self.digits(2)?;
        self.expect(b':')?;
        let minutes = self.digits(2)?;
        (hours < 24 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: &str) -> Option<i64> {
        parse_timestamp(s).map(|t| t.seconds)
    }

    #[test]
    fn accepts_rfc3339() {
        assert_eq!(secs("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(secs("2012-10-09T19:00:55Z"), Some(1_349_809_255));
        assert_eq!(secs("2012-10-09T20:00:55+01:00"), Some(1_349_809_255));
        assert_eq!(secs("2012-10-09T18:30:55-00:30"), Some(1_349_809_255));
        assert_eq!(secs("1969-12-31T23:59:59Z"), Some(-1));
        assert_eq!(secs("2024-02-29T00:00:00Z"), Some(1_709_164_800));
    }

    #[test]
    fn fractions_are_nanoseconds() {
        let t = |s| parse_timestamp(s).map(|t| t.nanos);
        assert_eq!(t("2012-10-09T19:00:55.5Z"), Some(500_000_000));
        assert_eq!(t("2012-10-09T19:00:55.000000001Z"), Some(1));
        assert_eq!(t("2012-10-09T19:00:55.1234567891Z"), Some(123_456_789));
        assert_eq!(t("2012-10-09T19:00:55.Z"), None);
    }

    #[test]
    fn rejects_everything_else() {
        for s in [
            "2012-10-09T19:00:55",
            "2012-10-09t19:00:55Z",
            "2012-10-09T19:00:55z",
            "2012-10-09 19:00:55Z",
            "2023-02-24",
            "2023-02-24 12:15:56.832957",
            "2023-02-30T00:00:00Z",
            "2023-13-01T00:00:00Z",
            "2023-01-01T24:00:00Z",
            "2023-01-01T00:00:60Z",
            "2023-01-01T00:00:00+0100",
            "2023-01-01T00:00:00Z ",
            "",
            "２０２３-01-01T00:00:00Z",
        ] {
            assert_eq!(parse_timestamp(s), None, "{s}");
        }
    }

    #[test]
    fn orders_chronologically() {
        let a = parse_timestamp("2012-10-09T19:00:55Z");
        let b = parse_timestamp("2012-10-09T19:00:55.1Z");
        let c = parse_timestamp("2012-10-09T20:00:55.05+01:00");
        assert!(a < b);
        assert!(c < b && a < c);
    }
}
