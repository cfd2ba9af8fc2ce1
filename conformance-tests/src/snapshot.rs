//! The recorded cases' "snapshot form" and the tolerant comparison against it (rules
//! summarised in `conformance-tests/cases/README.md`).
//!
//! The expected values were recorded against AWS and passed through LocalStack's snapshot
//! tooling: ids, ARNs, timestamps and request ids are rewritten or replaced by placeholders.
//! [`snapshot_form`] brings a live response into the same form, and [`Matcher`] compares,
//! treating the expected side's placeholders as wildcards.
//!
//! Live values here are wire JSON, not boto3 objects: a date is an epoch number rather than a
//! `datetime`. Every date the runners compare sits under a `timestamp` key, which rule 2 replaces
//! either way, so the reference's `datetime` rule has nothing to do and is left out.

use serde_json::{Map, Number, Value};
use std::collections::BTreeSet;
use std::fmt;

/// The account id that snapshot form uses in place of the live one.
pub const SNAP_ACCOUNT: &str = "111111111111";

/// Tokens that stand for a whole value in every Step Functions snapshot.
const DEFAULT_VALUE_TOKENS: &[&str] = &[
    "date",
    "datetime",
    "timestamp",
    "RequestId",
    "X-Amzn-Trace-Id",
    "x-amz-crc32",
    "x-amzn-RequestId",
    "x-amzn-requestid",
    "snf_role_arn",
    "sfn_role_arn",
];

/// Tokens that may stand for part of a string in every snapshot.
const DEFAULT_SUBSTRING_TOKENS: &[&str] = &["snf_role_arn", "sfn_role_arn", "date"];

/// Event types that close a Parallel state, for [`Matcher::compare_history`].
const PARALLEL_END: &[&str] = &[
    "ParallelStateSucceeded",
    "ParallelStateAborted",
    "ParallelStateExited",
    "ParallelStateFailed",
];

/// Brings a live response into snapshot form (`account` and `region` are the live ones):
///
/// 1. a string value of an object key that starts with `{` and parses as JSON is replaced by the
///    parsed value, one level deep (objects nested in arrays included, strings inside the parsed
///    value untouched);
/// 2. a scalar under a key containing `timestamp` (any case), `creationTime` or `ingestionTime`
///    becomes `"timestamp"`, unless it is a string starting with an ISO-8601 date-time;
/// 3. in every string and key: the account becomes [`SNAP_ACCOUNT`], the region `<region>`,
///    `arn:aws:` becomes `arn:<partition>:` and ISO-8601 date-times become `date`;
/// 4. `ResponseMetadata` is dropped.
pub fn snapshot_form(value: &Value, account: &str, region: &str) -> Value {
    let mut value = value.clone();
    if let Value::Object(map) = &mut value {
        parse_brace_strings(map);
    }
    rewrite_strings(replace_timestamps(value, None), account, region)
}

fn parse_brace_strings(map: &mut Map<String, Value>) {
    for value in map.values_mut() {
        match value {
            Value::Array(items) => {
                for item in items {
                    if let Value::Object(inner) = item {
                        parse_brace_strings(inner);
                    }
                }
            }
            Value::Object(inner) => parse_brace_strings(inner),
            Value::String(s) if s.starts_with('{') => {
                if let Ok(parsed) = serde_json::from_str(s) {
                    *value = parsed;
                }
            }
            _ => {}
        }
    }
}

/// Rules 2 and 4. Array items inherit the key of their array.
fn replace_timestamps(value: Value, key: Option<&str>) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| k != "ResponseMetadata")
                .map(|(k, v)| {
                    let v = replace_timestamps(v, Some(&k));
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|v| replace_timestamps(v, key))
                .collect(),
        ),
        scalar => {
            let iso = matches!(&scalar, Value::String(s) if iso8601_at(s.as_bytes(), 0).is_some());
            if key.is_some_and(is_timestamp_key) && !iso {
                Value::String("timestamp".into())
            } else {
                scalar
            }
        }
    }
}

fn is_timestamp_key(key: &str) -> bool {
    key.to_ascii_lowercase().contains("timestamp")
        || key == "creationTime"
        || key == "ingestionTime"
}

fn rewrite_strings(value: Value, account: &str, region: &str) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    (
                        rewrite_string(&k, account, region),
                        rewrite_strings(v, account, region),
                    )
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|v| rewrite_strings(v, account, region))
                .collect(),
        ),
        Value::String(s) => Value::String(rewrite_string(&s, account, region)),
        other => other,
    }
}

/// Rule 3 on one string.
fn rewrite_string(s: &str, account: &str, region: &str) -> String {
    let mut s = s.to_owned();
    if !account.is_empty() && s.contains(account) {
        s = s.replace(account, SNAP_ACCOUNT);
    }
    if !region.is_empty() && s.contains(region) {
        s = s.replace(region, "<region>");
    }
    if s.contains("arn:aws:") {
        s = s.replace("arn:aws:", "arn:<partition>:");
    }
    if s.contains('T') {
        s = replace_iso8601(&s);
    }
    s
}

fn replace_iso8601(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        match iso8601_at(bytes, i) {
            Some(end) => {
                out.push_str(&s[copied..i]);
                out.push_str("date");
                copied = end;
                i = end;
            }
            None => i += 1,
        }
    }
    out.push_str(&s[copied..]);
    out
}

/// Where an ISO-8601 date-time that starts at `i` ends: the reference's
/// `[1-9]\d{3}-MM-DDThh:mm:ss(\.\d{1,9})?(Z|[+-][01]\d(:?[0-5]\d)?)`, month, day and time
/// within their ranges (days up to 31 in any month, as the pattern allows).
fn iso8601_at(b: &[u8], i: usize) -> Option<usize> {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    let digit = |k: usize| at(k).is_ascii_digit();
    let within = |k: usize, low: &[u8], high: u8| {
        // Two digits "XY" with X in `low` (then any Y), or X == high-tens (then Y <= high-ones).
        let (x, y) = (at(k), at(k + 1));
        y.is_ascii_digit() && (low.contains(&x) || x == high / 10 + b'0' && y <= high % 10 + b'0')
    };
    let date = matches!(at(0), b'1'..=b'9')
        && digit(1)
        && digit(2)
        && digit(3)
        && at(4) == b'-'
        && (at(5) == b'0' && matches!(at(6), b'1'..=b'9') || at(5) == b'1' && within(5, &[], 12))
        && at(7) == b'-'
        && (at(8) == b'0' && matches!(at(9), b'1'..=b'9') || within(8, b"12", 31))
        && at(10) == b'T'
        && within(11, b"01", 23)
        && at(13) == b':'
        && within(14, b"012345", 59)
        && at(16) == b':'
        && within(17, b"012345", 59);
    if !date {
        return None;
    }
    let mut k = 19;
    if at(k) == b'.' {
        let fraction = (1..).take_while(|&n| digit(k + n)).count();
        if !(1..=9).contains(&fraction) {
            return None;
        }
        k += 1 + fraction;
    }
    match at(k) {
        b'Z' => Some(i + k + 1),
        b'+' | b'-' if matches!(at(k + 1), b'0' | b'1') && digit(k + 2) => {
            k += 3;
            let minutes = |m: usize| matches!(at(m), b'0'..=b'5') && digit(m + 1);
            if at(k) == b':' && minutes(k + 1) {
                k += 3;
            } else if minutes(k) {
                k += 2;
            }
            Some(i + k)
        }
        _ => None,
    }
}

/// Where a bracketed placeholder (`<[A-Za-z0-9_\-:.]+>`) that starts at `i` ends.
fn placeholder_at(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'<') {
        return None;
    }
    let name = b[i + 1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b':' | b'.'))
        .count();
    (name > 0 && b.get(i + 1 + name) == Some(&b'>')).then_some(i + name + 2)
}

fn is_placeholder(s: &str) -> bool {
    placeholder_at(s.as_bytes(), 0) == Some(s.len())
}

/// One difference: where, what was recorded, what Stepstone gave. Markers such as `<missing>`
/// (a recorded key Stepstone left out) and `<absent>` (a key Stepstone added) stand in for a side
/// that has no value.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// A JSONPath-like location; `<json>` marks a step into a string parsed as JSON.
    pub path: String,
    /// The recorded value.
    pub expected: Value,
    /// The live value, in snapshot form.
    pub actual: Value,
}

impl Diff {
    /// A difference at `path`.
    pub fn new(
        path: impl Into<String>,
        expected: impl Into<Value>,
        actual: impl Into<Value>,
    ) -> Self {
        Diff {
            path: path.into(),
            expected: expected.into(),
            actual: actual.into(),
        }
    }
}

impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: expected {} got {}",
            self.path,
            shorten(&self.expected),
            shorten(&self.actual)
        )
    }
}

/// A value as compact JSON, cut to 160 characters so that a diff line stays readable.
fn shorten(value: &Value) -> String {
    const LIMIT: usize = 160;
    let text = value.to_string();
    if text.chars().count() <= LIMIT {
        return text;
    }
    let mut cut: String = text.chars().take(LIMIT - 3).collect();
    cut.push_str("...");
    cut
}

/// Compares recorded (expected) values with live ones in snapshot form.
///
/// On the expected side these are wildcards: a whole string that is a bracketed placeholder
/// (`<uuid:1>`, `<ExecArnPart_0idx>`; matches anything but null), a whole string that is a value
/// token (`timestamp`, `RequestId`, the case's `value_placeholders`; matches anything), and, inside
/// a string, bracketed placeholders and substring tokens (`snf_role_arn`, `date`, the case's
/// `substring_placeholders` of three characters or more), each matching any run of characters.
/// Strings that hold JSON compare as JSON against structures, and numbers compare with numeric
/// strings. Arrays under an unordered key (`sorting:<key>` flags) compare as multisets.
#[derive(Debug, Clone)]
pub struct Matcher {
    value_tokens: BTreeSet<String>,
    /// Longest first, so that the longest token wins where tokens overlap.
    substring_tokens: Vec<String>,
    unordered_keys: BTreeSet<String>,
}

impl Matcher {
    /// A matcher with a case's tokens on top of the default ones.
    pub fn new<S: AsRef<str>>(
        substring_tokens: &[S],
        value_tokens: &[S],
        unordered_keys: &[S],
    ) -> Self {
        fn owned<S: AsRef<str>>(tokens: &[S]) -> impl Iterator<Item = String> + '_ {
            tokens.iter().map(|t| t.as_ref().to_owned())
        }
        let mut substring_tokens: Vec<String> = DEFAULT_SUBSTRING_TOKENS
            .iter()
            .map(|t| (*t).to_owned())
            .chain(owned(substring_tokens).filter(|t| t.chars().count() >= 3))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        // Stable, so equal lengths keep a fixed (sorted) order.
        substring_tokens.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
        Matcher {
            value_tokens: DEFAULT_VALUE_TOKENS
                .iter()
                .map(|t| (*t).to_owned())
                .chain(owned(value_tokens))
                .collect(),
            substring_tokens,
            unordered_keys: owned(unordered_keys).collect(),
        }
    }

    /// The matcher for a case's `normalization` object (`substring_placeholders`,
    /// `value_placeholders` and the `sorting:<key>` flags).
    pub fn for_case(normalization: &Value) -> Self {
        let strings = |key: &str| -> Vec<String> {
            normalization[key]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        };
        let unordered: Vec<String> = strings("flags")
            .iter()
            .filter_map(|f| f.strip_prefix("sorting:"))
            .map(str::to_owned)
            .collect();
        Matcher::new(
            &strings("substring_placeholders"),
            &strings("value_placeholders"),
            &unordered,
        )
    }

    /// The differences between `expected` and `actual`, with paths starting at `path`.
    pub fn compare(&self, expected: &Value, actual: &Value, path: &str) -> Vec<Diff> {
        let mut diffs = Vec::new();
        self.compare_into(expected, actual, path, &mut diffs, None);
        diffs
    }

    /// Compares execution histories (paths `$.events…`). With `unordered_parallel` (the
    /// `parallel_unordered` flag) the events inside each Parallel state take `id` `[0]` and
    /// `previousEventId` `0`, as the recording did, and compare as a multiset; when the Parallel
    /// spans do not line up, the whole lists compare in order. With `partial`, only the first
    /// `expected.len()` live events count.
    pub fn compare_history(
        &self,
        expected: &[Value],
        actual: &[Value],
        unordered_parallel: bool,
        partial: bool,
    ) -> Vec<Diff> {
        let recorded;
        let actual = if unordered_parallel {
            recorded = recorded_parallel_events(actual);
            &recorded[..]
        } else {
            actual
        };
        let actual = if partial {
            &actual[..actual.len().min(expected.len())]
        } else {
            actual
        };
        let in_order = |e: &[Value], a: &[Value]| {
            self.compare(
                &Value::Array(e.to_vec()),
                &Value::Array(a.to_vec()),
                "$.events",
            )
        };
        if !unordered_parallel {
            return in_order(expected, actual);
        }
        let (expected, expected_spans) = parallel_unordered_form(expected);
        let (actual, actual_spans) = parallel_unordered_form(actual);
        if expected.len() != actual.len() || expected_spans != actual_spans {
            return in_order(&expected, &actual);
        }
        let mut diffs = Vec::new();
        let mut in_span = vec![false; expected.len()];
        for &(start, end) in &expected_spans {
            self.compare_multiset(
                &expected[start..end],
                &actual[start..end],
                &format!("$.events[{start}:{end}]"),
                &mut diffs,
            );
            in_span[start..end].fill(true);
        }
        for (i, (e, a)) in expected.iter().zip(&actual).enumerate() {
            if !in_span[i] {
                self.compare_into(e, a, &format!("$.events[{i}]"), &mut diffs, None);
            }
        }
        diffs
    }

    fn has_wildcard(&self, s: &str) -> bool {
        let b = s.as_bytes();
        (0..b.len()).any(|i| placeholder_at(b, i).is_some())
            || self.substring_tokens.iter().any(|t| s.contains(t.as_str()))
    }

    /// Whether `actual` matches `expected` with its placeholders and substring tokens as `.*`.
    fn wildcard_match(&self, expected: &str, actual: &str) -> bool {
        // The literal runs between wildcards, split leftmost-first with placeholders preferred
        // over tokens, as the reference's alternation regex splits.
        let b = expected.as_bytes();
        let mut literals = Vec::new();
        let (mut start, mut i) = (0, 0);
        while i < b.len() {
            let end = placeholder_at(b, i).or_else(|| {
                self.substring_tokens
                    .iter()
                    .find(|t| b[i..].starts_with(t.as_bytes()))
                    .map(|t| i + t.len())
            });
            match end {
                Some(end) => {
                    literals.push(&expected[start..i]);
                    start = end;
                    i = end;
                }
                // A match starts with a character's first byte, so the cuts fall on character
                // boundaries even though the scan steps bytewise.
                None => i += 1,
            }
        }
        literals.push(&expected[start..]);
        glob_match(&literals, actual)
    }

    fn compare_into(
        &self,
        expected: &Value,
        actual: &Value,
        path: &str,
        diffs: &mut Vec<Diff>,
        parent_key: Option<&str>,
    ) {
        let differ =
            |diffs: &mut Vec<Diff>| diffs.push(Diff::new(path, expected.clone(), actual.clone()));
        match expected {
            Value::String(e) => {
                let value_token = self.value_tokens.contains(e);
                if value_token || is_placeholder(e) {
                    if actual.is_null() && !value_token {
                        differ(diffs);
                    }
                    return;
                }
                let Value::String(a) = actual else {
                    return differ(diffs);
                };
                if e == a || self.has_wildcard(e) && self.wildcard_match(e, a) {
                    return;
                }
                if let (Some(ej), Some(aj)) = (maybe_json(e), maybe_json(a))
                    && (is_structure(&ej) || is_structure(&aj))
                {
                    let path = format!("{path}<json>");
                    return self.compare_into(&ej, &aj, &path, diffs, parent_key);
                }
                differ(diffs);
            }
            Value::Object(e) => {
                let a = match actual {
                    Value::Object(a) => a,
                    Value::String(s) => match maybe_json(s) {
                        Some(parsed @ Value::Object(_)) => {
                            let path = format!("{path}<json>");
                            return self.compare_into(expected, &parsed, &path, diffs, parent_key);
                        }
                        _ => return differ(diffs),
                    },
                    _ => return differ(diffs),
                };
                for (k, v) in e {
                    match a.get(k) {
                        None => {
                            diffs.push(Diff::new(format!("{path}.{k}"), v.clone(), "<missing>"))
                        }
                        Some(av) => {
                            self.compare_into(v, av, &format!("{path}.{k}"), diffs, Some(k))
                        }
                    }
                }
                for (k, v) in a {
                    if !e.contains_key(k) {
                        diffs.push(Diff::new(format!("{path}.{k}"), "<absent>", v.clone()));
                    }
                }
            }
            Value::Array(e) => {
                let a = match actual {
                    Value::Array(a) => a,
                    Value::String(s) => match maybe_json(s) {
                        Some(parsed @ Value::Array(_)) => {
                            let path = format!("{path}<json>");
                            return self.compare_into(expected, &parsed, &path, diffs, parent_key);
                        }
                        _ => return differ(diffs),
                    },
                    _ => return differ(diffs),
                };
                if parent_key.is_some_and(|k| self.unordered_keys.contains(k)) {
                    return self.compare_multiset(e, a, path, diffs);
                }
                if e.len() != a.len() {
                    diffs.push(Diff::new(format!("{path}.length"), e.len(), a.len()));
                }
                for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                    self.compare_into(ev, av, &format!("{path}[{i}]"), diffs, None);
                }
            }
            // Booleans match only booleans (Python's `True == 1` does not count).
            Value::Bool(_) => {
                if expected != actual {
                    differ(diffs);
                }
            }
            Value::Number(_) | Value::Null => {
                if actual.is_boolean() {
                    return differ(diffs);
                }
                // A number also matches a string holding that number.
                let parsed = match actual {
                    Value::String(s) if !expected.is_null() => {
                        maybe_json(s).filter(|v| !v.is_boolean())
                    }
                    _ => None,
                };
                if !scalar_eq(expected, actual) && !parsed.is_some_and(|p| scalar_eq(expected, &p))
                {
                    differ(diffs);
                }
            }
        }
    }

    /// Each expected item takes the first remaining live item it matches.
    fn compare_multiset(
        &self,
        expected: &[Value],
        actual: &[Value],
        path: &str,
        diffs: &mut Vec<Diff>,
    ) {
        let mut remaining: Vec<usize> = (0..actual.len()).collect();
        for (i, e) in expected.iter().enumerate() {
            let hit = remaining
                .iter()
                .position(|&j| self.compare(e, &actual[j], path).is_empty());
            match hit {
                Some(position) => {
                    remaining.remove(position);
                }
                None => diffs.push(Diff::new(
                    format!("{path}[{i}]"),
                    e.clone(),
                    "<no matching element>",
                )),
            }
        }
        for j in remaining {
            diffs.push(Diff::new(
                format!("{path}[+{j}]"),
                "<absent>",
                actual[j].clone(),
            ));
        }
    }
}

/// Python equality for what the comparison leaves to it: null with null, numbers by value
/// (`1 == 1.0`).
fn scalar_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Number(x), Value::Number(y)) => number_eq(x, y),
        _ => false,
    }
}

fn number_eq(x: &Number, y: &Number) -> bool {
    let int = |n: &Number| {
        n.as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
    };
    match (int(x), int(y)) {
        (Some(a), Some(b)) => a == b,
        _ => x.as_f64() == y.as_f64(),
    }
}

fn is_structure(value: &Value) -> bool {
    value.is_object() || value.is_array()
}

/// A string parsed as JSON when it looks like JSON (after trimming, it starts with one of
/// `{["-0123456789tfn`) and parses.
fn maybe_json(s: &str) -> Option<Value> {
    let t = s.trim();
    let first = t.chars().next()?;
    if !"{[\"-0123456789tfn".contains(first) {
        return None;
    }
    serde_json::from_str(t).ok()
}

/// `literals` joined by `.*` matches all of `s`.
fn glob_match(literals: &[&str], s: &str) -> bool {
    let [first, middle @ .., last] = literals else {
        return literals.first().is_some_and(|only| *only == s);
    };
    let Some(mut rest) = s.strip_prefix(first) else {
        return false;
    };
    // Taking each middle literal at its leftmost place leaves the most room for the rest.
    for literal in middle {
        match rest.find(literal) {
            Some(at) => rest = &rest[at + literal.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// The live events the `parallel_unordered` recordings keep. All eight of them lack every
/// `ParallelStateSucceeded`/`ParallelStateFailed` and the `ParallelStateExited` of a Parallel
/// nested in another (their ids skip exactly those events), so those are left out here too and
/// the rest of the history still compares.
fn recorded_parallel_events(events: &[Value]) -> Vec<Value> {
    let mut depth = 0usize;
    events
        .iter()
        .filter(|event| match event.get("type").and_then(Value::as_str) {
            Some("ParallelStateSucceeded" | "ParallelStateFailed") => false,
            Some("ParallelStateEntered") => {
                depth += 1;
                true
            }
            Some("ParallelStateExited") => {
                depth = depth.saturating_sub(1);
                depth == 0
            }
            _ => true,
        })
        .cloned()
        .collect()
}

/// Events between a `ParallelStateStarted` and the end of that Parallel state get `id` `[0]` and
/// `previousEventId` `0`; returns the events and the `(start, end)` index spans so marked.
fn parallel_unordered_form(events: &[Value]) -> (Vec<Value>, Vec<(usize, usize)>) {
    let mut events = events.to_vec();
    let mut spans = Vec::new();
    let mut start = None;
    for (i, event) in events.iter_mut().enumerate() {
        let kind = event.get("type");
        let ends = match kind {
            None | Some(Value::Null) => true,
            Some(Value::String(t)) => PARALLEL_END.contains(&t.as_str()),
            Some(_) => false,
        };
        let starts = kind.and_then(Value::as_str) == Some("ParallelStateStarted");
        if ends {
            if let Some(s) = start.take() {
                spans.push((s, i));
            }
        } else if starts {
            start = Some(i + 1);
        } else if start.is_some()
            && let Value::Object(map) = event
        {
            map.insert("id".into(), Value::Array(vec![0.into()]));
            map.insert("previousEventId".into(), 0.into());
        }
    }
    (events, spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ACCOUNT: &str = "123456789012";
    const REGION: &str = "us-east-1";

    fn snap(value: Value) -> Value {
        snapshot_form(&value, ACCOUNT, REGION)
    }

    fn plain() -> Matcher {
        Matcher::new::<&str>(&[], &[], &[])
    }

    fn paths(diffs: &[Diff]) -> Vec<&str> {
        diffs.iter().map(|d| d.path.as_str()).collect()
    }

    #[test]
    fn brace_strings_are_parsed_one_level_deep() {
        let live = json!({
            "output": "{\"a\": \"{\\\"b\\\": 1}\", \"n\": 1}",
            "list": "[1, 2]",
            "events": [{"details": {"input": "{\"x\": 1}"}}, "{\"not\": \"parsed\"}"],
            "nested": {"deeper": {"input": "{}"}},
            "broken": "{not json",
        });
        assert_eq!(
            snap(live),
            json!({
                "output": {"a": "{\"b\": 1}", "n": 1},
                "list": "[1, 2]",
                "events": [{"details": {"input": {"x": 1}}}, "{\"not\": \"parsed\"}"],
                "nested": {"deeper": {"input": {}}},
                "broken": "{not json",
            })
        );
    }

    #[test]
    fn timestamp_keys_are_replaced_unless_iso() {
        let live = json!({
            "timestamp": 1_700_000_000.123,
            "eventTimestamp": null,
            "TIMESTAMPS": [1, true, "2024-01-02T03:04:05Z"],
            "creationTime": "yesterday",
            "ingestionTime": 5,
            "lastTimestamp": {"inner": 3},
            "startDate": 1_700_000_000.5,
            "ResponseMetadata": {"RequestId": "x"},
        });
        assert_eq!(
            snap(live),
            json!({
                "timestamp": "timestamp",
                "eventTimestamp": "timestamp",
                // The ISO string survives rule 2, then rule 3 rewrites it.
                "TIMESTAMPS": ["timestamp", "timestamp", "date"],
                "creationTime": "timestamp",
                "ingestionTime": "timestamp",
                "lastTimestamp": {"inner": 3},
                "startDate": 1_700_000_000.5,
            })
        );
    }

    #[test]
    fn strings_and_keys_lose_account_region_partition_and_dates() {
        let live = json!({
            "arn": "arn:aws:states:us-east-1:123456789012:execution:m:e",
            "123456789012": "us-east-1",
            "dates": ["at 2024-01-02T03:04:05.123456789Z and 2024-01-02T03:04:05+01:00!",
                      "2024-01-02T03:04:05+0130", "2024-01-02T03:04:05-01", "2024-01-02T03:04:05",
                      "2024-01-02T03:04:05.1234567890Z", "2024-13-02T03:04:05Z",
                      "2024-01-32T03:04:05Z", "0024-01-02T03:04:05Z", "2024-01-31T23:59:59Z"],
        });
        assert_eq!(
            snap(live),
            json!({
                "arn": "arn:<partition>:states:<region>:111111111111:execution:m:e",
                "111111111111": "<region>",
                "dates": ["at date and date!", "date", "date", "2024-01-02T03:04:05",
                          "2024-01-02T03:04:05.1234567890Z", "2024-13-02T03:04:05Z",
                          "2024-01-32T03:04:05Z", "0024-01-02T03:04:05Z", "date"],
            })
        );
    }

    #[test]
    fn iso8601_pattern_edges() {
        let end = |s: &str| iso8601_at(s.as_bytes(), 0);
        assert_eq!(end("2024-02-30T00:00:00Z"), Some(20), "any day up to 31");
        assert_eq!(end("2024-10-19T20:00:00Zx"), Some(20));
        assert_eq!(end("2024-10-19T24:00:00Z"), None);
        assert_eq!(end("2024-10-19T19:60:00Z"), None);
        assert_eq!(end("2024-10-00T19:00:00Z"), None);
        assert_eq!(end("2024-00-10T19:00:00Z"), None);
        assert_eq!(end("2024-10-19T19:00:00.Z"), None);
        assert_eq!(end("2024-10-19T19:00:00+2"), None);
        assert_eq!(
            end("2024-10-19T19:00:00+19:7"),
            Some(22),
            "minutes are optional"
        );
        assert_eq!(end("2024-10-19T19:00:00-05:30"), Some(25));
    }

    #[test]
    fn exact_values_and_extra_or_missing_keys() {
        let m = plain();
        assert!(
            m.compare(
                &json!({"a": [1, "x", null, true]}),
                &json!({"a": [1, "x", null, true]}),
                "$"
            )
            .is_empty()
        );
        let diffs = m.compare(&json!({"a": 1, "b": 2}), &json!({"b": 3, "c": 4}), "$");
        assert_eq!(
            diffs,
            vec![
                Diff::new("$.a", 1, "<missing>"),
                Diff::new("$.b", 2, 3),
                Diff::new("$.c", "<absent>", 4),
            ]
        );
        assert_eq!(
            m.compare(&json!([1, 2]), &json!([1, 2, 3]), "$"),
            vec![Diff::new("$.length", 2, 3)]
        );
        assert_eq!(m.compare(&json!("a"), &json!(1), "$").len(), 1);
    }

    #[test]
    fn bracketed_placeholders_match_anything_but_null() {
        let m = plain();
        assert!(
            m.compare(&json!("<uuid:1>"), &json!("d5e1…"), "$")
                .is_empty()
        );
        assert!(
            m.compare(&json!("<ExecArnPart_0idx>"), &json!({"any": 1}), "$")
                .is_empty()
        );
        assert_eq!(
            paths(&m.compare(&json!("<uuid:1>"), &Value::Null, "$")),
            ["$"]
        );
        assert_eq!(
            paths(&m.compare(&json!({"k": "<uuid:1>"}), &json!({}), "$")),
            ["$.k"],
            "a placeholder still needs its key"
        );
        // Inside a string, each placeholder matches any run of characters.
        let expected = json!(
            "arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>"
        );
        let actual =
            json!("arn:<partition>:states:<region>:111111111111:execution:sfnconf-1:5c1d-4e");
        assert!(m.compare(&expected, &actual, "$").is_empty());
        let wrong = json!("arn:<partition>:states:<region>:111111111111:express:sfnconf-1:5c1d-4e");
        assert_eq!(
            m.compare(&expected, &wrong, "$"),
            vec![Diff::new("$", expected.clone(), wrong)]
        );
        // "<a b>" is not a placeholder (space), so it must match literally.
        assert_eq!(m.compare(&json!("<a b>"), &json!("x"), "$").len(), 1);
    }

    #[test]
    fn value_tokens_match_anything_including_null() {
        let m = Matcher::new(&[] as &[&str], &["start-time"], &[]);
        for expected in ["start-time", "timestamp", "RequestId", "date"] {
            assert!(
                m.compare(&json!(expected), &Value::Null, "$").is_empty(),
                "{expected}"
            );
            assert!(
                m.compare(&json!(expected), &json!(12), "$").is_empty(),
                "{expected}"
            );
        }
        assert_eq!(m.compare(&json!("end-time"), &json!(12), "$").len(), 1);
    }

    #[test]
    fn substring_tokens_match_part_of_a_string() {
        let m = Matcher::new(&["table-name", "ab"], &[], &[]);
        assert!(
            m.compare(&json!("snf_role_arn"), &json!("arn:aws:iam::1:role/r"), "$")
                .is_empty()
        );
        assert!(
            m.compare(
                &json!("{\"RoleArn\": \"sfn_role_arn\"}"),
                &json!("{\"RoleArn\": \"arn:x\"}"),
                "$"
            )
            .is_empty()
        );
        assert!(
            m.compare(
                &json!("Table table-name done"),
                &json!("Table t-1234 done"),
                "$"
            )
            .is_empty()
        );
        assert_eq!(
            m.compare(
                &json!("Table table-name done"),
                &json!("Tables t done"),
                "$"
            )
            .len(),
            1
        );
        // Tokens shorter than three characters are ignored.
        assert_eq!(m.compare(&json!("ab"), &json!("cd"), "$").len(), 1);
        // "date" is a default substring token, also inside words.
        assert!(
            m.compare(&json!("validated"), &json!("valiXYZd"), "$")
                .is_empty()
        );
    }

    #[test]
    fn wildcards_split_leftmost_with_longest_tokens_first() {
        let m = Matcher::new(&["abc", "abcdef"], &[], &[]);
        // "abcdef" wins over "abc", so no literal "def" is left to match.
        assert!(
            m.compare(&json!("x abcdef y"), &json!("x Q y"), "$")
                .is_empty()
        );
        assert!(m.wildcard_match("<a>-<b>", "-"));
        assert!(m.wildcard_match("<a>-<b>", "x-y-z"));
        assert!(!m.wildcard_match("<a>-<b>", "xyz"));
        assert!(m.wildcard_match("ab<x>ba", "abba"));
        assert!(
            !m.wildcard_match("ab<x>ba", "aba"),
            "literals do not overlap"
        );
        assert!(!m.wildcard_match("aba<x>aba", "ababa"));
        assert!(m.wildcard_match("a<x>\n<y>b", "a1\n\n2b"));
    }

    #[test]
    fn json_strings_compare_as_json() {
        let m = plain();
        // An array stays a string in snapshot form; it still matches a recorded array.
        assert!(
            m.compare(&json!(["a", 1]), &json!("[\"a\", 1]"), "$")
                .is_empty()
        );
        assert!(
            m.compare(&json!({"a": 1}), &json!(" {\"a\": 1}"), "$")
                .is_empty()
        );
        assert!(m.compare(&json!("[1,2]"), &json!("[1, 2]"), "$").is_empty());
        assert!(
            m.compare(
                &json!("{\"a\":\"<uuid:1>\"}"),
                &json!("{\"a\": \"x\"}"),
                "$"
            )
            .is_empty()
        );
        assert_eq!(
            m.compare(&json!("[1, 2]"), &json!("[1, 3]"), "$"),
            vec![Diff::new("$<json>[1]", 2, 3)]
        );
        assert_eq!(
            m.compare(&json!(["a"]), &json!("[\"b\"]"), "$"),
            vec![Diff::new("$<json>[0]", "a", "b")]
        );
        // Two scalars in JSON strings are just different strings.
        assert_eq!(m.compare(&json!("1"), &json!("1.0"), "$").len(), 1);
    }

    #[test]
    fn numbers_compare_by_value_and_with_numeric_strings() {
        let m = plain();
        assert!(m.compare(&json!(1), &json!(1.0), "$").is_empty());
        assert!(m.compare(&json!(3), &json!("3"), "$").is_empty());
        assert!(m.compare(&json!(3), &json!(" 3.0 "), "$").is_empty());
        assert_eq!(m.compare(&json!(1), &json!(true), "$").len(), 1);
        assert_eq!(m.compare(&json!(true), &json!(1), "$").len(), 1);
        assert_eq!(m.compare(&json!(true), &json!("true"), "$").len(), 1);
        assert_eq!(m.compare(&Value::Null, &json!("null"), "$").len(), 1);
        assert!(m.compare(&Value::Null, &Value::Null, "$").is_empty());
        assert_eq!(m.compare(&json!(1), &json!([1]), "$").len(), 1);
    }

    #[test]
    fn sorting_flags_make_lists_unordered() {
        let m = Matcher::for_case(&json!({"flags": ["sorting:Items", "parallel_unordered"]}));
        let expected = json!({"Items": [{"k": 1}, {"k": 2}, {"k": 2}], "Other": [1, 2]});
        assert!(
            m.compare(
                &expected,
                &json!({"Items": [{"k": 2}, {"k": 1}, {"k": 2}], "Other": [1, 2]}),
                "$"
            )
            .is_empty()
        );
        assert_eq!(
            m.compare(
                &expected,
                &json!({"Items": [{"k": 2}, {"k": 1}, {"k": 3}], "Other": [2, 1]}),
                "$"
            ),
            vec![
                Diff::new("$.Items[2]", json!({"k": 2}), "<no matching element>"),
                Diff::new("$.Items[+2]", "<absent>", json!({"k": 3})),
                Diff::new("$.Other[0]", 1, 2),
                Diff::new("$.Other[1]", 2, 1),
            ]
        );
    }

    #[test]
    fn for_case_reads_the_normalization_block() {
        let m = Matcher::for_case(&json!({
            "substring_placeholders": ["lambda_function_name"],
            "value_placeholders": ["entered-time"],
            "flags": [],
        }));
        assert!(m.compare(&json!("entered-time"), &json!(1), "$").is_empty());
        assert!(
            m.compare(&json!("fn lambda_function_name"), &json!("fn f-1"), "$")
                .is_empty()
        );
        assert!(
            Matcher::for_case(&Value::Null)
                .compare(&json!("a"), &json!("a"), "$")
                .is_empty()
        );
    }

    fn event(id: i64, previous: i64, kind: &str, name: &str) -> Value {
        json!({"id": id, "previousEventId": previous, "type": kind, "detail": name})
    }

    #[test]
    fn history_in_order() {
        let m = plain();
        let expected = [event(1, 0, "ExecutionStarted", "")];
        let actual = [
            event(1, 0, "ExecutionStarted", ""),
            event(2, 1, "ExecutionSucceeded", ""),
        ];
        assert_eq!(
            paths(&m.compare_history(&expected, &actual, false, false)),
            ["$.events.length"]
        );
        assert!(
            m.compare_history(&expected, &actual, false, true)
                .is_empty()
        );
    }

    #[test]
    fn parallel_branches_compare_as_a_multiset() {
        let m = plain();
        let unordered = |kind: &str, name: &str| json!({"id": [0], "previousEventId": 0, "type": kind, "detail": name});
        // As recorded: the closer (id 6) is missing and the ids skip it.
        let expected = [
            event(1, 0, "ExecutionStarted", ""),
            event(2, 1, "ParallelStateEntered", ""),
            event(3, 2, "ParallelStateStarted", ""),
            unordered("PassStateEntered", "A"),
            unordered("PassStateEntered", "B"),
            event(7, 5, "ParallelStateExited", ""),
            event(8, 7, "ExecutionSucceeded", ""),
        ];
        let actual = [
            event(1, 0, "ExecutionStarted", ""),
            event(2, 1, "ParallelStateEntered", ""),
            event(3, 2, "ParallelStateStarted", ""),
            event(4, 3, "PassStateEntered", "B"),
            event(5, 3, "PassStateEntered", "A"),
            event(6, 5, "ParallelStateSucceeded", ""),
            event(7, 5, "ParallelStateExited", ""),
            event(8, 7, "ExecutionSucceeded", ""),
        ];
        assert!(
            m.compare_history(&expected, &actual, true, false)
                .is_empty()
        );
        assert!(
            !m.compare_history(&expected, &actual, false, false)
                .is_empty()
        );

        let mut wrong = actual.clone();
        wrong[4] = event(5, 3, "PassStateEntered", "C");
        wrong[7] = event(8, 7, "ExecutionFailed", "");
        assert_eq!(
            paths(&m.compare_history(&expected, &wrong, true, false)),
            ["$.events[3:5][0]", "$.events[3:5][+1]", "$.events[6].type"]
        );

        // Spans that do not line up fall back to an in-order comparison.
        let shorter = [actual[0].clone(), actual[7].clone()];
        assert_eq!(
            paths(&m.compare_history(&expected, &shorter, true, false))[0],
            "$.events.length"
        );
    }

    #[test]
    fn flagged_recordings_lack_parallel_closers_and_nested_exits() {
        let kinds = |events: &[Value]| -> Vec<String> {
            recorded_parallel_events(events)
                .iter()
                .map(|e| e["type"].as_str().unwrap().to_owned())
                .collect()
        };
        let live = [
            event(1, 0, "ParallelStateEntered", "outer"),
            event(2, 1, "ParallelStateStarted", ""),
            event(3, 2, "ParallelStateEntered", "inner"),
            event(4, 3, "ParallelStateStarted", ""),
            event(5, 4, "PassStateEntered", ""),
            event(6, 5, "ParallelStateSucceeded", ""),
            event(7, 5, "ParallelStateExited", "inner"),
            event(8, 7, "ParallelStateFailed", ""),
            event(9, 7, "ParallelStateExited", "outer"),
        ];
        assert_eq!(
            kinds(&live),
            [
                "ParallelStateEntered",
                "ParallelStateStarted",
                "ParallelStateEntered",
                "ParallelStateStarted",
                "PassStateEntered",
                "ParallelStateExited",
            ]
        );
    }

    #[test]
    fn diffs_display_shortened() {
        let long = "x".repeat(400);
        let line = Diff::new("$.output", long.as_str(), "<missing>").to_string();
        assert_eq!(
            line,
            format!(
                "$.output: expected \"{}... got \"<missing>\"",
                "x".repeat(156)
            )
        );
    }
}
