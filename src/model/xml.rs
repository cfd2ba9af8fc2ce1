//! The query protocol's answers: an operation's output (its JSON form, member names as in the
//! model) written as the XML AWS sends, and errors as `<ErrorResponse>` documents.
//!
//! The layout is the one botocore's query parser reads: `<{Op}Response>` around the result
//! wrapper and `ResponseMetadata`; members in model order under their `locationName`; lists in
//! `<member>` elements (or the element's `locationName`), or, flattened, one element per item;
//! maps as `<entry><key/><value/></entry>`, or, flattened, one element per entry. Written by
//! hand: the output is write-only and small, so an XML crate would buy nothing but escaping.

use super::validate::MAX_DEPTH;
use super::{Model, Operation, ShapeKind, ShapeRef};
use serde_json::{Map, Value};
use std::fmt::Write;
use time::OffsetDateTime;
use time::macros::format_description;

/// The whole success body of `operation` for `output` (ignored when the operation has none).
pub fn encode_response(
    model: &Model,
    operation: &Operation,
    output: &Value,
    request_id: &str,
) -> String {
    let name = &operation.name;
    let mut writer = Writer {
        model,
        xml: String::with_capacity(256),
        depth: 0,
    };
    writer.open(&format!("{name}Response xmlns=\"{}\"", namespace(model)));
    if let Some(reference) = &operation.output {
        let wrapper = match &reference.result_wrapper {
            Some(wrapper) => wrapper.clone(),
            None => format!("{name}Result"),
        };
        writer.structure(&wrapper, reference, output);
    }
    writer.metadata(request_id);
    writer.close(&format!("{name}Response"));
    writer.xml
}

/// An error document: `Sender` when the caller is at fault, else `Receiver`. The empty
/// `<Detail/>` is what SQS sends; botocore and the other SDKs read only `Code` and `Message`.
pub fn encode_error(
    model: &Model,
    code: &str,
    message: &str,
    sender: bool,
    request_id: &str,
) -> String {
    let mut writer = Writer {
        model,
        xml: String::with_capacity(256),
        depth: 0,
    };
    writer.open(&format!("ErrorResponse xmlns=\"{}\"", namespace(model)));
    writer.open("Error");
    writer.text("Type", if sender { "Sender" } else { "Receiver" });
    writer.text("Code", code);
    writer.text("Message", message);
    writer.xml.push_str("<Detail/>");
    writer.close("Error");
    writer.text("RequestId", request_id);
    writer.close("ErrorResponse");
    writer.xml
}

/// The model's XML namespace, or the one AWS's query services use when it names none.
fn namespace(model: &Model) -> String {
    let metadata = &model.metadata;
    let namespace = match &metadata.xml_namespace {
        Some(namespace) => namespace.clone(),
        None => format!(
            "https://{}.amazonaws.com/doc/{}/",
            metadata.endpoint_prefix, metadata.api_version
        ),
    };
    escape(&namespace)
}

struct Writer<'m> {
    model: &'m Model,
    xml: String,
    /// How many values deep the writer is: output past [`MAX_DEPTH`] is left out.
    depth: usize,
}

impl Writer<'_> {
    fn open(&mut self, tag: &str) {
        let _ = write!(self.xml, "<{tag}>");
    }

    fn close(&mut self, tag: &str) {
        let _ = write!(self.xml, "</{tag}>");
    }

    fn text(&mut self, tag: &str, text: &str) {
        let _ = write!(self.xml, "<{tag}>{}</{tag}>", escape(text));
    }

    fn metadata(&mut self, request_id: &str) {
        self.open("ResponseMetadata");
        self.text("RequestId", request_id);
        self.close("ResponseMetadata");
    }

    /// A value of any shape as the element `tag` (or, flattened, the elements).
    fn value(&mut self, tag: &str, reference: &ShapeRef, value: &Value) {
        if self.depth < MAX_DEPTH {
            self.depth += 1;
            self.shaped(tag, reference, value);
            self.depth -= 1;
        }
    }

    fn shaped(&mut self, tag: &str, reference: &ShapeRef, value: &Value) {
        let Some(shape) = self.model.shape_named(&reference.shape) else {
            return;
        };
        let flattened = reference.flattened || shape.flattened;
        match (shape.kind, value) {
            (_, Value::Null) => {}
            (ShapeKind::Structure, _) => self.structure(tag, reference, value),
            (ShapeKind::List, Value::Array(items)) => {
                if let Some(element) = shape.member.as_deref() {
                    self.list(tag, element, items, flattened);
                }
            }
            (ShapeKind::Map, Value::Object(entries)) => {
                if let (Some(key), Some(item)) = (shape.key.as_deref(), shape.value.as_deref()) {
                    self.map(tag, (key, item), entries, flattened);
                }
            }
            (kind, value) => {
                let format = reference.timestamp_format.as_deref();
                let format = format.or(shape.timestamp_format.as_deref());
                self.text(tag, &scalar(kind, format, value));
            }
        }
    }

    /// A structure's members in model order; members missing from `value` are left out.
    fn structure(&mut self, tag: &str, reference: &ShapeRef, value: &Value) {
        let Some(shape) = self.model.shape_named(&reference.shape) else {
            return;
        };
        self.open(tag);
        if let Value::Object(members) = value {
            for (name, member) in &shape.members {
                if let Some(value) = members.get(name) {
                    self.value(&self.member_tag(name, member), member, value);
                }
            }
        }
        self.close(tag);
    }

    /// A member's element name: its `locationName`, or, for a flattened list whose elements
    /// are named, the elements' name (botocore's rule).
    fn member_tag(&self, name: &str, member: &ShapeRef) -> String {
        let shape = self.model.shape_named(&member.shape);
        if let Some(list) = shape.filter(|s| s.kind == ShapeKind::List)
            && (member.flattened || list.flattened)
            && let Some(element) = list.member.as_deref().and_then(|m| m.location_name.clone())
        {
            return element;
        }
        member
            .location_name
            .clone()
            .unwrap_or_else(|| name.to_owned())
    }

    fn list(&mut self, tag: &str, element: &ShapeRef, items: &[Value], flattened: bool) {
        if flattened {
            items.iter().for_each(|item| self.value(tag, element, item));
            return;
        }
        let item_tag = element.location_name.as_deref().unwrap_or("member");
        self.wrapped(tag, items.is_empty(), |writer| {
            items
                .iter()
                .for_each(|item| writer.value(item_tag, element, item))
        });
    }

    fn map(
        &mut self,
        tag: &str,
        (key, item): (&ShapeRef, &ShapeRef),
        entries: &Map<String, Value>,
        flattened: bool,
    ) {
        let key_tag = key.location_name.as_deref().unwrap_or("key");
        let value_tag = item.location_name.as_deref().unwrap_or("value");
        let entry = |writer: &mut Self, name: &str, value: &Value| {
            writer.text(key_tag, name);
            writer.value(value_tag, item, value);
        };
        if flattened {
            for (name, value) in entries {
                self.wrapped(tag, false, |writer| entry(writer, name, value));
            }
            return;
        }
        self.wrapped(tag, entries.is_empty(), |writer| {
            for (name, value) in entries {
                writer.wrapped("entry", false, |writer| entry(writer, name, value));
            }
        });
    }

    /// `<tag>…</tag>` around what `inner` writes, or `<tag/>` when there is nothing.
    fn wrapped(&mut self, tag: &str, empty: bool, inner: impl FnOnce(&mut Self)) {
        if empty {
            let _ = write!(self.xml, "<{tag}/>");
            return;
        }
        self.open(tag);
        inner(self);
        self.close(tag);
    }
}

/// A scalar's text: booleans `true`/`false`, timestamps given as epoch seconds in ISO-8601
/// (unless the model asks for epoch seconds), everything else as its JSON text; strings,
/// blobs (already base64) and timestamps given as text are written as they are.
fn scalar(kind: ShapeKind, format: Option<&str>, value: &Value) -> String {
    match (kind, value) {
        (_, Value::String(text)) => text.clone(),
        (ShapeKind::Timestamp, Value::Number(seconds)) if format != Some("unixTimestamp") => {
            iso8601(seconds.as_f64().unwrap_or(0.0))
        }
        (_, other) => other.to_string(),
    }
}

/// Epoch seconds as `2024-05-01T12:00:00Z`, with milliseconds when there are any
/// (`2024-05-01T12:00:00.250Z`).
fn iso8601(seconds: f64) -> String {
    let millis = (seconds * 1000.0).round() as i128;
    let time = OffsetDateTime::from_unix_timestamp_nanos(millis.saturating_mul(1_000_000))
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let format = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let mut text = time.format(format).unwrap_or_default();
    match time.millisecond() {
        0 => text.push('Z'),
        ms => {
            let _ = write!(text, ".{ms:03}Z");
        }
    }
    text
}

/// `text` safe inside an element or a quoted attribute. A carriage return is written as a
/// character reference, since XML readers turn a literal one into a line feed; other control
/// characters XML 1.0 cannot carry are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#xD;"),
            '\t' | '\n' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
