//! What each intrinsic function computes, given its evaluated arguments.
//!
//! Every failure is a `States.IntrinsicFailure` whose cause is the returned text.

use std::fmt;

use serde_json::{Map, Value};

use super::{Function, HashAlgorithm, IntrinsicEnv, Piece};

/// AWS's limit on the input of Base64Encode, Base64Decode and Hash, in characters.
const MAX_TEXT_CHARS: usize = 10_000;

/// AWS's limit on the length of the array ArrayRange builds.
const MAX_RANGE_ITEMS: i128 = 1000;

type Outcome = Result<Value, String>;

/// Applies `function` to `args` (already checked for count at parse time). `template` is the
/// first argument of `States.Format` when it was a literal, with its escapes resolved.
pub(super) fn apply(
    function: Function,
    template: Option<&[Piece]>,
    args: Vec<Value>,
    env: &mut dyn IntrinsicEnv,
) -> Outcome {
    let f = Args { function, args };
    match function {
        Function::Format => f.format(template),
        Function::StringToJson => f.string_to_json(),
        Function::JsonToString => Ok(Value::String(f.arg(0)?.to_string())),
        Function::Array => Ok(Value::Array(f.args)),
        Function::ArrayPartition => f.array_partition(),
        Function::ArrayContains => {
            let (items, needle) = (f.array(0)?, f.arg(1)?);
            Ok(Value::Bool(items.contains(needle)))
        }
        Function::ArrayRange => f.array_range(),
        Function::ArrayGetItem => f.array_get_item(),
        Function::ArrayLength => Ok(Value::from(f.array(0)?.len())),
        Function::ArrayUnique => f.array_unique(),
        Function::Base64Encode => Ok(Value::String(base64_encode(f.limited_text(0)?.as_bytes()))),
        Function::Base64Decode => f.base64_decode(),
        Function::Hash => f.hash(env),
        Function::JsonMerge => f.json_merge(),
        Function::MathRandom => f.math_random(env),
        Function::MathAdd => f.math_add(),
        Function::StringSplit => f.string_split(),
        Function::Uuid => Ok(Value::String(env.uuid())),
    }
}

/// One call being evaluated: the function (for error texts) and its argument values.
struct Args {
    function: Function,
    args: Vec<Value>,
}

impl Args {
    fn fail(&self, detail: impl fmt::Display) -> String {
        format!("Invalid arguments in {}: {detail}", self.function.name())
    }

    fn arg(&self, i: usize) -> Result<&Value, String> {
        self.args
            .get(i)
            .ok_or_else(|| self.fail(format!("argument {} is missing", i + 1)))
    }

    fn string(&self, i: usize) -> Result<&str, String> {
        match self.arg(i)? {
            Value::String(s) => Ok(s),
            other => Err(self.fail(format!("expected a string but got {}", type_name(other)))),
        }
    }

    fn array(&self, i: usize) -> Result<&Vec<Value>, String> {
        match self.arg(i)? {
            Value::Array(items) => Ok(items),
            other => Err(self.fail(format!("expected an array but got {}", type_name(other)))),
        }
    }

    fn object(&self, i: usize) -> Result<&Map<String, Value>, String> {
        match self.arg(i)? {
            Value::Object(map) => Ok(map),
            other => Err(self.fail(format!("expected an object but got {}", type_name(other)))),
        }
    }

    /// An argument that must be a whole number (`2.0` counts as `2`).
    fn integer(&self, i: usize) -> Result<i64, String> {
        let value = self.arg(i)?;
        let whole = match value {
            Value::Number(n) => n
                .as_i64()
                .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).and_then(f64_to_i64)),
            _ => None,
        };
        whole.ok_or_else(|| self.fail(format!("expected an integer but got {value}")))
    }

    /// A numeric argument rounded half up to an integer, as Java's `Math.round` does.
    fn rounded(&self, i: usize) -> Result<i64, String> {
        let value = self.arg(i)?;
        let rounded = match value {
            Value::Number(n) => n
                .as_i64()
                .or_else(|| n.as_f64().and_then(|f| f64_to_i64((f + 0.5).floor()))),
            _ => None,
        };
        rounded.ok_or_else(|| self.fail(format!("expected a number but got {value}")))
    }

    /// A string argument within AWS's 10,000-character limit.
    fn limited_text(&self, i: usize) -> Result<&str, String> {
        let text = self.string(i)?;
        if text.chars().count() > MAX_TEXT_CHARS {
            return Err(self.fail(format!(
                "the input exceeds the limit of {MAX_TEXT_CHARS} characters"
            )));
        }
        Ok(text)
    }

    fn format(&self, template: Option<&[Piece]>) -> Outcome {
        let pieces = match template {
            Some(pieces) => pieces.to_vec(),
            None => split_template(self.string(0)?),
        };
        let values = self.args.get(1..).unwrap_or_default();
        let holes = pieces.iter().filter(|p| matches!(p, Piece::Hole)).count();
        if holes != values.len() {
            return Err(self.fail(format!(
                "the template has {holes} placeholder(s) but {} value(s) were given",
                values.len()
            )));
        }
        let mut values = values.iter();
        let mut out = String::new();
        for piece in &pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Hole => values.next().into_iter().for_each(|v| render(v, &mut out)),
            }
        }
        Ok(Value::String(out))
    }

    fn string_to_json(&self) -> Outcome {
        let text = self.string(0)?;
        if text.trim().is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_str(text)
            .map_err(|e| self.fail(format!("the string is not valid JSON: {e}")))
    }

    fn array_partition(&self) -> Outcome {
        let items = self.array(0)?;
        let size = self.integer(1)?;
        let size = usize::try_from(size)
            .ok()
            .filter(|s| *s > 0)
            .ok_or_else(|| {
                self.fail(format!(
                    "the chunk size must be a positive integer but was {size}"
                ))
            })?;
        Ok(Value::Array(
            items
                .chunks(size)
                .map(|c| Value::Array(c.to_vec()))
                .collect(),
        ))
    }

    fn array_range(&self) -> Outcome {
        let (start, end, step) = (self.integer(0)?, self.integer(1)?, self.integer(2)?);
        if step == 0 {
            return Err(self.fail("the step cannot be 0"));
        }
        let span = i128::from(end) - i128::from(start);
        let count = if span == 0 || (span > 0) == (step > 0) {
            span / i128::from(step) + 1
        } else {
            0
        };
        if count > MAX_RANGE_ITEMS {
            return Err(self.fail("Arrays cannot contain more than 1000 items"));
        }
        let items =
            (0..count).filter_map(|k| i64::try_from(i128::from(start) + k * i128::from(step)).ok());
        Ok(Value::Array(items.map(Value::from).collect()))
    }

    fn array_get_item(&self) -> Outcome {
        let items = self.array(0)?;
        let index = self.integer(1)?;
        usize::try_from(index)
            .ok()
            .and_then(|i| items.get(i))
            .cloned()
            .ok_or_else(|| {
                self.fail(format!(
                    "index {index} is out of bounds for an array of length {}",
                    items.len()
                ))
            })
    }

    /// Keeps each item's first occurrence, in linear time: items are compared by their
    /// canonical text, which is equal exactly when the values are (objects in any key order).
    fn array_unique(&self) -> Outcome {
        let mut seen = std::collections::HashSet::new();
        let unique = self
            .array(0)?
            .iter()
            .filter(|item| seen.insert(canonical_text(item)))
            .cloned()
            .collect();
        Ok(Value::Array(unique))
    }

    fn base64_decode(&self) -> Outcome {
        let bytes = base64_decode(self.limited_text(0)?)
            .ok_or_else(|| self.fail("the string is not valid Base64"))?;
        String::from_utf8(bytes)
            .map(Value::String)
            .map_err(|_| self.fail("the decoded bytes are not valid UTF-8"))
    }

    fn hash(&self, env: &dyn IntrinsicEnv) -> Outcome {
        // Non-string data is hashed as its JSON text.
        let data = match self.arg(0)? {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if data.chars().count() > MAX_TEXT_CHARS {
            return Err(self.fail(format!(
                "the input exceeds the limit of {MAX_TEXT_CHARS} characters"
            )));
        }
        let name = self.string(1)?;
        let algorithm = HashAlgorithm::from_name(name).ok_or_else(|| {
            let known: Vec<&str> = HashAlgorithm::ALL.iter().map(|a| a.name()).collect();
            self.fail(format!(
                "the algorithm '{name}' is not one of {}",
                known.join(", ")
            ))
        })?;
        Ok(Value::String(env.hash(algorithm, &data)))
    }

    fn json_merge(&self) -> Outcome {
        let (left, right) = (self.object(0)?, self.object(1)?);
        match self.arg(2)? {
            Value::Bool(false) => {}
            Value::Bool(true) => {
                return Err(
                    self.fail("deep merge is not supported; the third argument must be false")
                );
            }
            other => {
                return Err(self.fail(format!("expected a boolean but got {}", type_name(other))));
            }
        }
        let mut merged = left.clone();
        merged.extend(right.iter().map(|(k, v)| (k.clone(), v.clone())));
        Ok(Value::Object(merged))
    }

    fn math_random(&self, env: &mut dyn IntrinsicEnv) -> Outcome {
        let (start, end) = (self.rounded(0)?, self.rounded(1)?);
        let seed = if self.args.len() > 2 {
            Some(self.rounded(2)?)
        } else {
            None
        };
        if start >= end {
            return Err(self.fail(format!("the start {start} must be less than the end {end}")));
        }
        Ok(Value::from(env.random(start, end, seed)))
    }

    fn math_add(&self) -> Outcome {
        let (a, b) = (self.rounded(0)?, self.rounded(1)?);
        a.checked_add(b)
            .map(Value::from)
            .ok_or_else(|| self.fail("the sum is out of range"))
    }

    fn string_split(&self) -> Outcome {
        let (text, delimiters) = (self.string(0)?, self.string(1)?);
        let parts = text
            .split(|c| delimiters.contains(c))
            .filter(|p| !p.is_empty());
        Ok(Value::Array(
            parts.map(|p| Value::String(p.to_owned())).collect(),
        ))
    }
}

fn f64_to_i64(f: f64) -> Option<i64> {
    // Within ±2^63 the cast cannot saturate, so it is exact for whole numbers.
    let limit = 2f64.powi(63);
    (f.is_finite() && f >= -limit && f < limit).then_some(f as i64)
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Splits a template read from the input at run time: every `{}` is a placeholder.
fn split_template(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for (i, part) in text.split("{}").enumerate() {
        if i > 0 {
            pieces.push(Piece::Hole);
        }
        pieces.push(Piece::Text(part.to_owned()));
    }
    pieces
}

/// How `States.Format` shows a value: strings raw, objects and arrays the way Java prints
/// maps and lists (`{a=1, b=[x, y]}`), everything else as JSON.
fn render(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => out.push_str(s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                render(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(key);
                out.push('=');
                render(item, out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard, padded Base64 (RFC 4648 §4).
fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b =
            [chunk.first(), chunk.get(1), chunk.get(2)].map(|b| u32::from(b.copied().unwrap_or(0)));
        let n = (b[0] << 16) | (b[1] << 8) | b[2];
        for k in 0..4 {
            if k <= chunk.len() {
                let sextet = (n >> (18 - 6 * k)) & 63;
                out.push(char::from(
                    BASE64_ALPHABET
                        .get(sextet as usize)
                        .copied()
                        .unwrap_or(b'='),
                ));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard Base64; padding is required, whitespace is not allowed.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let quads: Vec<&[u8]> = text.as_bytes().chunks(4).collect();
    for (i, quad) in quads.iter().enumerate() {
        let padding = quad.iter().rev().take_while(|b| **b == b'=').count();
        if padding > 2 || (padding > 0 && i + 1 != quads.len()) {
            return None;
        }
        let mut n = 0u32;
        for byte in quad.iter().take(4 - padding) {
            let sextet = BASE64_ALPHABET.iter().position(|a| a == byte)?;
            n = (n << 6) | u32::try_from(sextet).ok()?;
        }
        n <<= 6 * padding;
        let bytes = n.to_be_bytes();
        out.extend(bytes.get(1..4 - padding).unwrap_or_default());
    }
    Some(out)
}

/// `value` as JSON text with every object's keys sorted.
fn canonical_text(value: &Value) -> String {
    let mut text = String::new();
    write_canonical(value, &mut text);
    text
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_unstable_by_key(|(key, _)| *key);
            out.push('{');
            for (index, (key, item)) in entries.into_iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("Data to encode", "RGF0YSB0byBlbmNvZGU="),
            ("ü€", "w7zigqw="),
        ] {
            assert_eq!(base64_encode(plain.as_bytes()), encoded, "{plain}");
            assert_eq!(
                base64_decode(encoded),
                Some(plain.as_bytes().to_vec()),
                "{encoded}"
            );
        }
    }

    #[test]
    fn base64_rejects_malformed_input() {
        for bad in ["Zg=", "Z===", "Zg==Zg==", "Zm9v!A==", "Zm 9", "===="] {
            assert_eq!(base64_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn render_is_java_like() {
        let mut out = String::new();
        render(
            &serde_json::json!({"a": [1, "x", null], "b": {"c": true}, "d": 1.5}),
            &mut out,
        );
        assert_eq!(out, "{a=[1, x, null], b={c=true}, d=1.5}");
    }

    #[test]
    fn templates_split_at_placeholders() {
        assert_eq!(
            split_template("a{}b{}"),
            vec![
                Piece::Text("a".into()),
                Piece::Hole,
                Piece::Text("b".into()),
                Piece::Hole,
                Piece::Text(String::new())
            ]
        );
        assert_eq!(split_template("{x}"), vec![Piece::Text("{x}".into())]);
    }
}
