//! rest-json: the method and path select the operation (the model's `requestUri` templates);
//! members come from path labels, the query string, headers and the JSON body, and answers
//! put them back where the output shape says. Lambda, Batch and Scheduler speak it.

use super::WireError;
use super::query::Query;
use crate::model::{Location, Model, Operation, Shape, ShapeKind, ShapeRef};
use crate::services::{DecodeError, Input, Output};
use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Method, Response, StatusCode, header};
use percent_encoding::percent_decode_str;
use serde_json::{Map, Value};

/// One operation's path template.
#[derive(Debug)]
struct Route {
    operation: String,
    method: Method,
    segments: Vec<Segment>,
    /// Query parameters the template fixes (`?List=ALL`): the request must carry them.
    fixed: Vec<(String, String)>,
}

#[derive(Debug, PartialEq)]
enum Segment {
    Literal(String),
    Label(String),
    /// `{Name+}`: the rest of the path.
    Greedy(String),
}

/// A model's operations by method and path.
#[derive(Debug)]
pub struct Routes {
    routes: Vec<Route>,
}

/// The operation a request selects, with its path labels (decoded).
#[derive(Debug, PartialEq)]
pub struct Matched<'a> {
    /// The operation's name.
    pub operation: &'a str,
    /// `{Label}` values by label name.
    pub labels: Vec<(String, String)>,
}

impl Routes {
    /// The routes of every operation of `model`.
    pub fn new(model: &Model) -> Routes {
        let routes = model.operations.values().filter_map(route).collect();
        Routes { routes }
    }

    /// Whether `path` is in this service's space: its first segment starts some template
    /// (Lambda's dated `/2015-03-31/...`), so an unknown operation there is the service's.
    pub fn claims(&self, path: &str) -> bool {
        let first = segments(path).next().unwrap_or_default();
        !first.is_empty()
            && self
                .routes
                .iter()
                .any(|r| matches!(r.segments.first(), Some(Segment::Literal(l)) if l == first))
    }

    /// The operation `method` and `path` select. Of several matches the most literal
    /// template wins (`/functions/{F}/versions` over `/functions/{F}/{X}`).
    pub fn find(&self, method: &Method, path: &str, query: &Query) -> Option<Matched<'_>> {
        let path: Vec<&str> = segments(path).collect();
        self.routes
            .iter()
            .filter(|r| r.method == *method && r.fixed_in(query))
            .filter_map(|r| r.labels(&path).map(|labels| (r, labels)))
            .max_by_key(|(r, _)| (r.literals(), r.fixed.len()))
            .map(|(r, labels)| Matched {
                operation: &r.operation,
                labels,
            })
    }
}

impl Route {
    fn fixed_in(&self, query: &Query) -> bool {
        self.fixed
            .iter()
            .all(|(k, v)| query.get(k) == Some(v.as_str()))
    }

    fn literals(&self) -> usize {
        let literal = |s: &&Segment| matches!(s, Segment::Literal(_));
        self.segments.iter().filter(literal).count()
    }

    /// The labels of `path` when it fits this template.
    /// The labels of `path` (raw segments) when it fits this template; only labels are
    /// percent-decoded, and only once the whole path fits.
    fn labels(&self, path: &[&str]) -> Option<Vec<(String, String)>> {
        let greedy = matches!(self.segments.last(), Some(Segment::Greedy(_)));
        let fits = match greedy {
            true => path.len() >= self.segments.len(),
            false => path.len() == self.segments.len(),
        };
        let literal = |(segment, raw): (&Segment, &&str)| match segment {
            Segment::Literal(l) => l == raw,
            _ => true,
        };
        if !fits || !self.segments.iter().zip(path).all(literal) {
            return None;
        }
        let labels = self
            .segments
            .iter()
            .enumerate()
            .filter_map(|(i, segment)| match segment {
                Segment::Label(name) => Some((name.clone(), decode(path[i]))),
                Segment::Greedy(name) => Some((name.clone(), decode(&path[i..].join("/")))),
                Segment::Literal(_) => None,
            });
        Some(labels.collect())
    }
}

fn route(operation: &Operation) -> Option<Route> {
    let method = Method::from_bytes(operation.http.method.as_bytes()).ok()?;
    let (path, query) = operation
        .http
        .request_uri
        .split_once('?')
        .unwrap_or((&operation.http.request_uri, ""));
    let fixed = Query::parse(Some(query)).pairs().to_vec();
    let segments = segments(path).map(template_segment).collect();
    Some(Route {
        operation: operation.name.clone(),
        method,
        segments,
        fixed,
    })
}

fn template_segment(text: &str) -> Segment {
    match text.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
        Some(name) => match name.strip_suffix('+') {
            Some(greedy) => Segment::Greedy(greedy.to_owned()),
            None => Segment::Label(name.to_owned()),
        },
        None => Segment::Literal(text.to_owned()),
    }
}

/// The non-empty segments of a path (a trailing `/` changes nothing).
fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

fn decode(segment: &str) -> String {
    percent_decode_str(segment).decode_utf8_lossy().into_owned()
}

/// The parts of a request the input is read from.
#[derive(Debug)]
pub struct Parts<'a> {
    /// The matched operation and labels.
    pub matched: &'a Matched<'a>,
    /// The query string.
    pub query: &'a Query,
    /// The headers.
    pub headers: &'a HeaderMap,
}

/// Gathers the input shape's members from where the model binds them.
pub fn decode_input(
    model: &Model,
    operation: &Operation,
    parts: &Parts,
    body: Bytes,
) -> Result<Input, DecodeError> {
    let Some(input) = &operation.input else {
        return Ok(Input::Members {
            members: Value::Object(Map::new()),
            payload: None,
        });
    };
    let shape = model.shape(input);
    let (mut members, payload) = body_members(model, shape, body)?;
    for (name, member) in &shape.members {
        if let Some(value) = bound_value(model, name, member, parts)? {
            members.insert(name.clone(), value);
        }
    }
    Ok(Input::Members {
        members: Value::Object(members),
        payload,
    })
}

/// The members the body carries: a JSON object, or the payload member (a blob stays bytes).
fn body_members(
    model: &Model,
    shape: &Shape,
    body: Bytes,
) -> Result<(Map<String, Value>, Option<Bytes>), DecodeError> {
    let Some(payload) = &shape.payload else {
        return Ok((json_object(&body)?, None));
    };
    let member = &shape.members[payload];
    match model.shape(member).kind {
        ShapeKind::Blob | ShapeKind::String => Ok((Map::new(), Some(body))),
        _ => {
            let value = Value::Object(json_object(&body)?);
            Ok((Map::from_iter([(payload.clone(), value)]), None))
        }
    }
}

fn json_object(body: &[u8]) -> Result<Map<String, Value>, DecodeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(members)) => Ok(members),
        Ok(_) => Err(DecodeError::Body("the body is not a JSON object".into())),
        Err(e) => Err(DecodeError::Body(e.to_string())),
    }
}

/// A member bound to a label, query parameter or header, when the request has it.
fn bound_value(
    model: &Model,
    name: &str,
    member: &ShapeRef,
    parts: &Parts,
) -> Result<Option<Value>, DecodeError> {
    let wire = member.location_name.as_deref().unwrap_or(name);
    let shape = model.shape(member);
    let text = match member.location {
        Some(Location::Uri) => parts
            .matched
            .labels
            .iter()
            .find(|(label, _)| label == wire)
            .map(|(_, v)| v.clone()),
        Some(Location::Querystring) if shape.kind == ShapeKind::List => {
            let all = parts.query.all(wire);
            return Ok((!all.is_empty()).then(|| all.into_iter().map(Value::String).collect()));
        }
        Some(Location::Querystring) => parts.query.get(wire).map(str::to_owned),
        Some(Location::Header) => header_text(parts.headers, wire),
        _ => None,
    };
    text.map(|text| scalar(shape.kind, wire, text)).transpose()
}

fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// A path, query or header value as its shape's JSON.
fn scalar(kind: ShapeKind, name: &str, text: String) -> Result<Value, DecodeError> {
    let bad = |text: &str| DecodeError::Parameter {
        name: name.to_owned(),
        value: text.to_owned(),
    };
    match kind {
        ShapeKind::Integer | ShapeKind::Long => {
            text.parse::<i64>().map(Value::from).map_err(|_| bad(&text))
        }
        ShapeKind::Double | ShapeKind::Float => {
            text.parse::<f64>().map(Value::from).map_err(|_| bad(&text))
        }
        ShapeKind::Boolean => match text.as_str() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(bad(&text)),
        },
        _ => Ok(Value::String(text)),
    }
}

/// The answer: the output shape's members in their headers, status and body.
pub fn encode_output(model: &Model, operation: &Operation, output: Output) -> Response<Bytes> {
    let status = operation.http.response_code.unwrap_or(200);
    let mut status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let output = match output {
        // A document whose shape binds nothing outside the body is the body as it is.
        Output::Json(body) if body_only(model, operation) => {
            return respond(status, HeaderMap::new(), body);
        }
        other => other,
    };
    let (members, payload) = output.into_members();
    let Value::Object(mut members) = members else {
        return respond(status, HeaderMap::new(), Bytes::new());
    };
    let mut headers = HeaderMap::new();
    if let Some(shape) = operation.output.as_ref().map(|o| model.shape(o)) {
        for (name, member) in &shape.members {
            let Some(value) = members.remove(name) else {
                continue;
            };
            match member.location {
                Some(Location::StatusCode) => status = status_of(&value).unwrap_or(status),
                Some(Location::Header) => put_header(&mut headers, member, name, &value),
                _ => {
                    members.insert(name.clone(), value);
                }
            }
        }
        if let Some(payload_member) = &shape.payload {
            let body = match payload {
                Some(bytes) => bytes,
                None => members
                    .remove(payload_member)
                    .map_or_else(Bytes::new, json_bytes),
            };
            return respond(status, headers, body);
        }
    }
    let body = match status {
        StatusCode::NO_CONTENT => Bytes::new(),
        _ => json_bytes(Value::Object(members)),
    };
    respond(status, headers, body)
}

/// Whether every member of the operation's output travels in the JSON body.
fn body_only(model: &Model, operation: &Operation) -> bool {
    operation
        .output
        .as_ref()
        .map(|o| model.shape(o))
        .is_none_or(|shape| {
            shape.payload.is_none() && shape.members.values().all(|m| m.location.is_none())
        })
}

fn status_of(value: &Value) -> Option<StatusCode> {
    let code = u16::try_from(value.as_u64()?).ok()?;
    StatusCode::from_u16(code).ok()
}

fn put_header(headers: &mut HeaderMap, member: &ShapeRef, name: &str, value: &Value) {
    let wire = member.location_name.as_deref().unwrap_or(name);
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if let (Ok(name), Ok(value)) = (
        HeaderName::from_bytes(wire.as_bytes()),
        HeaderValue::from_str(&text),
    ) {
        headers.insert(name, value);
    }
}

fn json_bytes(value: Value) -> Bytes {
    Bytes::from(value.to_string())
}

fn respond(status: StatusCode, mut headers: HeaderMap, body: Bytes) -> Response<Bytes> {
    if status != StatusCode::NO_CONTENT {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
    }
    let mut response = Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}

/// An error: `X-Amzn-ErrorType` and a JSON body with the error shape's members; the message
/// goes in the member the model names (`Message` for some of Lambda's errors, else `message`).
pub fn encode_error(model: &Model, error: &WireError) -> Response<Bytes> {
    let mut body = Map::new();
    for (name, value) in &error.fields {
        body.insert((*name).to_owned(), value.clone());
    }
    body.insert(
        message_member(model, &error.code),
        error.message.clone().into(),
    );
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(&error.code) {
        headers.insert("x-amzn-errortype", value);
    }
    respond(error.status, headers, json_bytes(Value::Object(body)))
}

fn message_member(model: &Model, code: &str) -> String {
    model
        .shape_named(code)
        .and_then(|shape| {
            shape
                .members
                .keys()
                .find(|m| m.eq_ignore_ascii_case("message"))
        })
        .map_or_else(|| "message".to_owned(), String::clone)
}

#[cfg(test)]
mod tests;
