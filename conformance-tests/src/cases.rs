//! The conformance cases recorded against real AWS (`conformance-tests/cases`, described in its
//! README): finding and loading them, and preparing their requests the way the reference runner
//! (`run_cases.py`) does, so that what Stepstone receives is byte for byte what AWS received.

use serde_json::Value;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

/// The cases folder, inside this package (`cases/`, with its provenance note).
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("cases")
}

/// Every case that `keep` accepts, in file-name order. Panics when the folder is missing or
/// nothing in it is accepted: the cases are part of the repository, and a test must not pass by
/// running nothing.
pub fn load(keep: impl Fn(&Value) -> bool) -> Vec<Value> {
    let dir = dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("recorded cases missing at {}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let cases: Vec<Value> = paths
        .iter()
        .map(|p| {
            serde_json::from_str::<Value>(&std::fs::read_to_string(p).expect("read case"))
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .filter(|case| keep(case))
        .collect();
    assert!(
        !cases.is_empty(),
        "no recorded case selected in {}",
        dir.display()
    );
    cases
}

/// `value` as Python's `json.dumps(value)` writes it: `", "` and `": "` separators, non-ASCII
/// escaped, floats in `repr` form. Definitions are sent in this form, and some recorded outputs
/// echo the definition text, so a compact serialisation would not match them.
pub fn python_json(value: &Value) -> String {
    let mut out = String::new();
    write_python_json(value, &mut out);
    out
}

fn write_python_json(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match n.as_f64().filter(|_| n.is_f64()) {
            Some(f) => out.push_str(&python_float(f)),
            None => out.push_str(&n.to_string()),
        },
        Value::String(s) => write_python_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_python_json(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_python_string(key, out);
                out.push_str(": ");
                write_python_json(item, out);
            }
            out.push('}');
        }
    }
}

/// `ensure_ascii=True`: everything outside printable ASCII becomes `\uXXXX` (lower-case hex,
/// surrogate pairs above the BMP).
fn write_python_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
}

/// Python's `repr(float)`: the shortest round-trip digits, positional while the decimal point
/// falls within -4..=16 digits of the first digit (with a `.0` when integral), else scientific
/// with a signed exponent of at least two digits.
fn python_float(f: f64) -> String {
    // Rust's `{:e}` gives the same shortest round-trip digits, as `d.ddde<exp>`.
    let sci = format!("{:e}", f.abs());
    let (mantissa, exponent) = sci.split_once('e').expect("{:e} has an exponent");
    let exponent: i32 = exponent.parse().expect("exponent");
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if f.is_sign_negative() { "-" } else { "" };
    let point = exponent + 1;
    if (-3..=16).contains(&point) {
        let body = if point <= 0 {
            format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
        } else if digits.len() <= point as usize {
            format!("{digits}{}.0", "0".repeat(point as usize - digits.len()))
        } else {
            format!(
                "{}.{}",
                &digits[..point as usize],
                &digits[point as usize..]
            )
        };
        format!("{sign}{body}")
    } else {
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        format!("{sign}{mantissa}e{exp_sign}{:02}", exponent.unsigned_abs())
    }
}

/// Fills a case's placeholders in `text`: `{{sfnconf:account}}` and `{{sfnconf:region}}`, and each
/// harness uid `sfncNNNN` becomes `sfnc<uid>NNNN`, unique per run when `uid` is. Any other
/// `{{sfnconf:…}}` refers to a setup resource (`lambda_function_1.arn`), looked up in
/// `resources`; one that is not there is returned as the error.
pub fn fill_placeholders(
    text: &str,
    account: &str,
    region: &str,
    uid: &str,
    resources: &std::collections::BTreeMap<String, String>,
) -> Result<String, String> {
    const OPEN: &str = "{{sfnconf:";
    // Uids first: resource values already carry theirs.
    let text = replace_uids(text, uid);
    let mut filled = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find(OPEN) {
        filled.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len()..];
        let Some(end) = after.find("}}") else {
            filled.push_str(&rest[start..]);
            rest = "";
            break;
        };
        match &after[..end] {
            "account" => filled.push_str(account),
            "region" => filled.push_str(region),
            other => match resources.get(other) {
                Some(value) => filled.push_str(value),
                None => return Err(format!("{OPEN}{other}}}}}")),
            },
        }
        rest = &after[end + 2..];
    }
    filled.push_str(rest);
    Ok(filled)
}

fn replace_uids(text: &str, uid: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("sfnc") {
        let digits = &rest.as_bytes()[start + 4..];
        if digits.len() >= 4 && digits[..4].iter().all(u8::is_ascii_digit) {
            out.push_str(&rest[..start + 4]);
            out.push_str(uid);
            out.push_str(&rest[start + 4..start + 8]);
            rest = &rest[start + 8..];
        } else {
            out.push_str(&rest[..start + 4]);
            rest = &rest[start + 4..];
        }
    }
    out.push_str(rest);
    out
}

/// `time_relative_input`: moves every `YYYY-MM-DDTHH:MM:SS` in `text` by `now - reference_time`
/// (whole seconds, rounded down as Python's `strftime` truncates), leaving fractions and zones as
/// they are. Dates that do not exist stay unchanged. `None` when `reference_time` is not
/// `YYYY-MM-DDTHH:MM:SSZ`.
pub fn shift_timestamps(text: &str, reference_time: &str, now: SystemTime) -> Option<String> {
    let reference = reference_time
        .strip_suffix('Z')
        .filter(|r| r.len() == 19)
        .and_then(unix_seconds)?;
    let now_micros = match now.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_micros() as i128,
        Err(e) => -(e.duration().as_micros() as i128),
    };
    let delta_micros = now_micros - i128::from(reference) * 1_000_000;
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i + 19 <= bytes.len() {
        if !civil_shape(&bytes[i..i + 19]) {
            i += 1;
            continue;
        }
        let shifted = unix_seconds(&text[i..i + 19]).and_then(|t| {
            let micros = i128::from(t) * 1_000_000 + delta_micros;
            format_civil(i64::try_from(micros.div_euclid(1_000_000)).ok()?)
        });
        if let Some(shifted) = shifted {
            out.push_str(&text[copied..i]);
            out.push_str(&shifted);
            copied = i + 19;
        }
        i += 19;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// `\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}`.
fn civil_shape(b: &[u8]) -> bool {
    b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        10 => *c == b'T',
        13 | 16 => *c == b':',
        _ => c.is_ascii_digit(),
    })
}

/// Seconds since the epoch of a UTC `YYYY-MM-DDTHH:MM:SS` (the first 19 characters of `text`;
/// anything after them is ignored). `None` when it is not a real date and time.
pub fn unix_seconds(text: &str) -> Option<i64> {
    let b = text.as_bytes().get(..19)?;
    if !civil_shape(b) {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> i64 {
        b[range].iter().fold(0, |n, d| n * 10 + i64::from(d - b'0'))
    };
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    let (hour, minute, second) = (num(11..13), num(14..16), num(17..19));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    if year < 1 || !(1..=month_days).contains(&day) || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second)
}

fn format_civil(seconds: i64) -> Option<String> {
    let (days, time) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    (1..=9999).contains(&year).then(|| {
        format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            time / 3_600,
            time % 3_600 / 60,
            time % 60
        )
    })
}

// Days since 1970-01-01 in the proleptic Gregorian calendar, and back (Howard Hinnant's
// `days_from_civil` / `civil_from_days`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::time::Duration;

    #[test]
    fn python_json_uses_python_separators_and_escapes() {
        let value: Value = serde_json::from_str(
            r#"{"b": [1, -2, true, null, {}], "a": "q\"\\\n\u0001\u007f é 😀", "c": []}"#,
        )
        .unwrap();
        assert_eq!(
            python_json(&value),
            r#"{"b": [1, -2, true, null, {}], "a": "q\"\\\n\u0001\u007f \u00e9 \ud83d\ude00", "c": []}"#
        );
    }

    #[test]
    fn python_json_writes_floats_as_python_repr() {
        let cases = [
            ("1.0", "1.0"),
            ("0.0", "0.0"),
            ("-0.0", "-0.0"),
            ("0.1", "0.1"),
            ("2.22", "2.22"),
            ("100e0", "100.0"),
            ("1e16", "1e+16"),
            ("1234567890123456.0", "1234567890123456.0"),
            ("1.5e300", "1.5e+300"),
            ("0.0001", "0.0001"),
            ("0.00001", "1e-05"),
            ("-1.25e-7", "-1.25e-07"),
            ("123.456", "123.456"),
        ];
        for (json, repr) in cases {
            let value: Value = serde_json::from_str(json).unwrap();
            assert_eq!(python_json(&value), repr, "{json}");
        }
        assert_eq!(
            python_json(&json!(12345678901234567u64)),
            "12345678901234567"
        );
    }

    #[test]
    fn placeholders_are_filled_and_uids_made_unique() {
        assert_eq!(
            fill_placeholders(
                "arn:aws:states:{{sfnconf:region}}:{{sfnconf:account}}:x sfnc0001 sfnc00012 sfnc12",
                "123",
                "r-1",
                "u7",
                &Default::default(),
            ),
            Ok("arn:aws:states:r-1:123:x sfncu70001 sfncu700012 sfnc12".to_owned())
        );
        let none = Default::default();
        assert_eq!(
            fill_placeholders("{{sfnconf:lambda_function_1.arn}}", "1", "r", "u", &none),
            Err("{{sfnconf:lambda_function_1.arn}}".to_owned())
        );
        let known = [("lambda_function_1.name".to_owned(), "f".to_owned())].into();
        assert_eq!(
            fill_placeholders(
                "x {{sfnconf:lambda_function_1.name}}",
                "1",
                "r",
                "u",
                &known
            ),
            Ok("x f".to_owned())
        );
        assert_eq!(
            fill_placeholders("{{sfnconf:x", "1", "r", "u", &none),
            Ok("{{sfnconf:x".to_owned())
        );
    }

    #[test]
    fn timestamps_move_by_now_minus_reference() {
        let reference = "2026-03-23T08:51:59Z";
        let now = UNIX_EPOCH
            + Duration::from_secs(unix_seconds("2026-03-24T10:00:00").unwrap() as u64)
            + Duration::from_millis(700);
        let text = r#"{"a": "2026-03-23T08:51:59.000Z", "b": "2094-02-28T23:00:00", "c": "2016-13-05T21:29:29Z"}"#;
        assert_eq!(
            shift_timestamps(text, reference, now).unwrap(),
            r#"{"a": "2026-03-24T10:00:00.000Z", "b": "2094-03-02T00:08:01", "c": "2016-13-05T21:29:29Z"}"#
        );
        assert_eq!(shift_timestamps(text, "2026-03-23", now), None);
    }

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(unix_seconds("1970-01-01T00:00:00"), Some(0));
        assert_eq!(unix_seconds("2000-02-29T12:00:00Z"), Some(951_825_600));
        assert_eq!(unix_seconds("2001-02-29T12:00:00"), None);
        assert_eq!(unix_seconds("2016-12-05T25:29:29Z"), None);
        assert_eq!(unix_seconds("2016-12-05 21:29:29Z"), None);
        for t in [-1, 0, 951_825_600, 4_000_000_000] {
            assert_eq!(unix_seconds(&format_civil(t).unwrap()), Some(t));
        }
    }
}
