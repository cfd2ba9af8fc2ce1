//! The naming rules of the `aws-sdk:<service>:<action>` door, read from the model so every
//! service is reached the same way.
//!
//! A state's arguments name members as the AWS SDK for Java v2 does (PascalCase: `RoleArn`,
//! `Tags`); the service's request is the JSON form of the operation's input, member names as
//! in the model (`roleArn`, `tags`). Results go the other way, with timestamps as ISO-8601
//! text. Both walk the shapes, so a map's keys, which are data, are never renamed.

use super::validate::MAX_DEPTH;
use super::{Model, Shape, ShapeKind, ShapeRef};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Map, Value};
use std::cell::Cell;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// String shapes holding JSON text, by service id: Step Functions sends a JSON value given for
/// one as its text (`"Input": {"a": 1}` is the input `{"a":1}`).
const JSON_TEXT: &[(&str, &str)] = &[
    ("SFN", "Definition"),
    ("SFN", "SensitiveData"),
    ("SFN", "SensitiveDataJobInput"),
];

/// The request for `input` (a structure) from a state's arguments: member names as the model
/// spells them at every level; JSON values for JSON-text strings as their text; blobs given as
/// text (or as JSON, sent as its text) base64-encoded, as the JSON form carries them;
/// ISO-8601 timestamps as epoch seconds. An argument the shape does not have is an error
/// naming it; values of the wrong type are left for validation to report.
pub fn request_from_arguments(
    model: &Model,
    input: &ShapeRef,
    arguments: &Value,
) -> Result<Value, String> {
    match arguments {
        Value::Object(_) => Request {
            model,
            depth: Cell::new(0),
        }
        .value(input, arguments, ""),
        Value::Null => Ok(Value::Object(Map::new())),
        _ => Err("The arguments must be a JSON object".to_owned()),
    }
}

struct Request<'m> {
    model: &'m Model,
    /// How many values deep the walk is; arguments nested past [`MAX_DEPTH`] are refused.
    depth: Cell<usize>,
}

impl Request<'_> {
    fn value(&self, reference: &ShapeRef, value: &Value, path: &str) -> Result<Value, String> {
        if self.depth.get() == MAX_DEPTH {
            return Err(format!(
                "The arguments nest more than {MAX_DEPTH} levels deep"
            ));
        }
        self.depth.set(self.depth.get() + 1);
        let request = self.shaped(reference, value, path);
        self.depth.set(self.depth.get() - 1);
        request
    }

    fn shaped(&self, reference: &ShapeRef, value: &Value, path: &str) -> Result<Value, String> {
        let Some(shape) = self.model.shape_named(&reference.shape) else {
            return Ok(value.clone());
        };
        match (shape.kind, value) {
            (_, Value::Null) => Ok(Value::Null),
            (ShapeKind::Structure, Value::Object(members)) if !shape.document => {
                self.structure(shape, members, path)
            }
            (ShapeKind::List, Value::Array(items)) => match shape.member.as_deref() {
                Some(element) => items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.value(element, item, &format!("{path}[{i}]")))
                    .collect(),
                None => Ok(value.clone()),
            },
            (ShapeKind::Map, Value::Object(entries)) => match shape.value.as_deref() {
                Some(item) => entries
                    .iter()
                    .map(|(k, v)| Ok((k.clone(), self.value(item, v, &format!("{path}.{k}"))?)))
                    .collect::<Result<Map<_, _>, String>>()
                    .map(Value::Object),
                None => Ok(value.clone()),
            },
            (
                ShapeKind::String,
                Value::Object(_) | Value::Array(_) | Value::Number(_) | Value::Bool(_),
            ) if self.json_text(&reference.shape) => Ok(Value::String(value.to_string())),
            (ShapeKind::Blob, _) => Ok(blob(value)),
            (ShapeKind::Timestamp, Value::String(text)) => epoch_seconds(text, path),
            _ => Ok(value.clone()),
        }
    }

    fn structure(
        &self,
        shape: &Shape,
        arguments: &Map<String, Value>,
        path: &str,
    ) -> Result<Value, String> {
        let mut request = Map::new();
        for (name, value) in arguments {
            let Some((member, reference)) = member_named(shape, name) else {
                return Err(format!(
                    "The field '{}' is not supported by Step Functions",
                    join(path, name)
                ));
            };
            let value = self.value(reference, value, &join(path, name))?;
            request.insert(member.to_owned(), value);
        }
        Ok(Value::Object(request))
    }

    fn json_text(&self, shape: &str) -> bool {
        let service = self.model.metadata.service_id.as_str();
        JSON_TEXT.contains(&(service, shape))
    }
}

/// The member an argument names: the member of that exact name, else the one whose
/// PascalCase (the Java SDK v2's name) it is.
fn member_named<'s>(shape: &'s Shape, argument: &str) -> Option<(&'s str, &'s ShapeRef)> {
    if let Some((name, reference)) = shape.members.get_key_value(argument) {
        return Some((name, reference));
    }
    shape
        .members
        .iter()
        .find(|(name, _)| first_upper(name) == argument)
        .map(|(name, reference)| (name.as_str(), reference))
}

/// A blob argument: text is the bytes themselves, any other JSON value the bytes of its text
/// (as Lambda's `Payload` is sent), base64-encoded for the JSON form.
fn blob(value: &Value) -> Value {
    let text = match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    Value::String(BASE64.encode(text))
}

fn epoch_seconds(text: &str, path: &str) -> Result<Value, String> {
    let time = OffsetDateTime::parse(text, &Rfc3339)
        .map_err(|_| format!("The field '{path}' must be an ISO-8601 timestamp, not '{text}'"))?;
    let seconds = time.unix_timestamp_nanos() as f64 / 1e9;
    Ok(serde_json::Number::from_f64(seconds).map_or(Value::Null, Value::Number))
}

/// The result the SDK v2 gives for `response` (the JSON form of `output`): member names in
/// PascalCase, timestamps (by shape kind) as ISO-8601 text, and a blob that is the whole HTTP
/// body (Lambda `Invoke`'s `Payload`) as text, as Step Functions returns it. Members the
/// shape does not know keep their value, PascalCased.
pub fn result_for_sdk(model: &Model, output: &ShapeRef, response: &Value) -> Value {
    let payload = model
        .shape_named(&output.shape)
        .and_then(|shape| shape.payload.as_deref());
    let walk = Response {
        model,
        depth: Cell::new(0),
    };
    let mut result = walk.value(Some(output), response);
    if let (Some(payload), Value::Object(members)) = (payload, &mut result) {
        let name = first_upper(payload);
        if let Some(Value::String(encoded)) = members.get(&name) {
            let text = BASE64
                .decode(encoded)
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
            members.insert(
                name,
                Value::String(text.unwrap_or_else(|_| encoded.clone())),
            );
        }
    }
    result
}

/// The walk over a response.
struct Response<'m> {
    model: &'m Model,
    /// How many values deep the walk is; past [`MAX_DEPTH`] values are kept as they are.
    depth: Cell<usize>,
}

impl Response<'_> {
    fn value(&self, reference: Option<&ShapeRef>, value: &Value) -> Value {
        if self.depth.get() == MAX_DEPTH {
            return value.clone();
        }
        self.depth.set(self.depth.get() + 1);
        let result = self.shaped(reference, value);
        self.depth.set(self.depth.get() - 1);
        result
    }

    fn shaped(&self, reference: Option<&ShapeRef>, value: &Value) -> Value {
        let shape = reference.and_then(|r| self.model.shape_named(&r.shape));
        if shape.is_some_and(|s| s.document) {
            return value.clone();
        }
        match (shape.map(|s| s.kind), value) {
            (Some(ShapeKind::Structure) | None, Value::Object(members)) => {
                Value::Object(self.members(shape, members))
            }
            (_, Value::Array(items)) => {
                let element = shape.and_then(|s| s.member.as_deref());
                items.iter().map(|item| self.value(element, item)).collect()
            }
            (Some(ShapeKind::Map), Value::Object(entries)) => {
                let item = shape.and_then(|s| s.value.as_deref());
                let entries = entries
                    .iter()
                    .map(|(k, v)| (k.clone(), self.value(item, v)));
                Value::Object(entries.collect())
            }
            (Some(ShapeKind::Timestamp), Value::Number(seconds)) => {
                Value::String(iso8601(seconds.as_f64().unwrap_or(0.0)))
            }
            _ => value.clone(),
        }
    }

    fn members(&self, shape: Option<&Shape>, members: &Map<String, Value>) -> Map<String, Value> {
        members
            .iter()
            .map(|(name, value)| {
                let member = shape.and_then(|s| s.members.get(name));
                (first_upper(name), self.value(member, value))
            })
            .collect()
    }
}

/// Epoch seconds as the SDK v2 prints an `Instant`, to the millisecond:
/// `2024-05-01T12:00:00.123Z`, `2024-05-01T12:00:00Z`.
fn iso8601(seconds: f64) -> String {
    let nanos = ((seconds * 1000.0).round() as i128).saturating_mul(1_000_000);
    let time =
        OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    time.format(&Rfc3339).unwrap_or_default()
}

/// `name` with its first letter upper-cased, as the SDK v2 names members (`roleArn` is
/// `RoleArn`).
pub fn first_upper(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn join(path: &str, name: &str) -> String {
    match path.is_empty() {
        true => name.to_owned(),
        false => format!("{path}.{name}"),
    }
}

#[cfg(test)]
mod tests;
