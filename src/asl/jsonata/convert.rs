//! Crossing the boundary between `serde_json::Value` and jsonata-core's `JValue`.

use super::JsonataError;
use jsonata_core::value::{JMap, JValue, with_stack};
use serde::Deserialize;
use serde_json::{Number, Value};
use std::rc::Rc;

/// Results nested deeper than this are refused: `$reduce` can build a value thousands of
/// levels deep, and the rest of the engine (serde_json's parser stops at 128, recursive drops)
/// is not built for that. Jackson, which AWS parses with, stops at 1000 by default.
const MAX_RESULT_DEPTH: usize = 1000;

/// Integers below this magnitude are exact in an `f64` and print as integers, as JavaScript's
/// `JSON.stringify` prints `1` rather than `1.0`.
const MAX_EXACT_INTEGER: f64 = 9_223_372_036_854_775_808.0;

/// Converts a JSON value without cloning it first: `&Value` is a serde deserializer, so
/// jsonata-core builds its value straight from the borrowed tree.
pub(super) fn to_jvalue(value: &Value) -> Result<JValue, JsonataError> {
    JValue::deserialize(value).map_err(|e| JsonataError::Evaluation {
        code: None,
        message: format!("the value could not be read: {e}"),
    })
}

/// Converts only `members` of an object (all of a value that is not one): the parts of
/// `$states` an expression can read.
pub(super) fn members_to_jvalue(value: &Value, members: &[String]) -> Result<JValue, JsonataError> {
    let Value::Object(object) = value else {
        return to_jvalue(value);
    };
    let map = members
        .iter()
        .filter_map(|name| object.get(name).map(|member| (name, member)))
        .map(|(name, member)| Ok((name.clone(), to_jvalue(member)?)))
        .collect::<Result<JMap, JsonataError>>()?;
    Ok(JValue::Object(Rc::new(map)))
}

/// Results larger than this (counted in string bytes plus a few bytes per value) are refused:
/// jsonata-core shares one string among many places in a result, so a small result can stand
/// for an enormous JSON value. Any payload over AWS's 256 KiB fails later anyway.
const MAX_RESULT_BYTES: usize = 16 * 1024 * 1024;

/// Converts a result back to JSON: `None` for `undefined`, an error for a function anywhere
/// inside. `undefined` members of objects and arrays are left out, as JSON has no such value.
pub(super) fn from_jvalue(value: &JValue) -> Result<Option<Value>, JsonataError> {
    Converter {
        budget: MAX_RESULT_BYTES,
    }
    .convert(value, 0)
}

/// One conversion, with what is left of its size budget.
struct Converter {
    budget: usize,
}

impl Converter {
    fn convert(&mut self, value: &JValue, depth: usize) -> Result<Option<Value>, JsonataError> {
        if depth > MAX_RESULT_DEPTH {
            return Err(too_big(format!(
                "The result is nested deeper than {MAX_RESULT_DEPTH} levels"
            )));
        }
        let size = match value {
            JValue::String(s) => s.len() + 2,
            _ => 8,
        };
        self.budget = self.budget.checked_sub(size).ok_or_else(|| {
            too_big(format!(
                "The result is larger than {} MiB",
                MAX_RESULT_BYTES >> 20
            ))
        })?;
        Ok(Some(match value {
            JValue::Undefined => return Ok(None),
            JValue::Null => Value::Null,
            JValue::Bool(b) => Value::Bool(*b),
            JValue::Number(n) => number(*n),
            JValue::String(s) => Value::String(s.to_string()),
            JValue::Array(items) => with_stack(|| self.array(items, depth))?,
            JValue::Object(map) => with_stack(|| self.object(map, depth))?,
            JValue::Lambda(_) | JValue::Builtin { .. } | JValue::Regex { .. } => {
                return Err(JsonataError::UnsupportedResult);
            }
        }))
    }

    fn array(&mut self, items: &[JValue], depth: usize) -> Result<Value, JsonataError> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.extend(self.convert(item, depth + 1)?);
        }
        Ok(Value::Array(out))
    }

    fn object(&mut self, map: &JMap, depth: usize) -> Result<Value, JsonataError> {
        let mut out = serde_json::Map::with_capacity(map.len());
        for (key, item) in map.iter() {
            if let Some(item) = self.convert(item, depth + 1)? {
                self.budget = self.budget.saturating_sub(key.len());
                out.insert(key.clone(), item);
            }
        }
        Ok(Value::Object(out))
    }
}

fn too_big(message: String) -> JsonataError {
    JsonataError::Evaluation {
        code: None,
        message,
    }
}

/// A JSONata number as JSON: integral values as integers (`1`, not `1.0`); NaN and the
/// infinities as `null`, as `JSON.stringify` writes them.
#[allow(clippy::cast_possible_truncation)] // integral and in range: the cast is exact
pub(super) fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < MAX_EXACT_INTEGER {
        return Value::Number(Number::from(n as i64));
    }
    Number::from_f64(n).map_or(Value::Null, Value::Number)
}
