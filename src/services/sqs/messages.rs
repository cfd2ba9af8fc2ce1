//! A message in a queue: what was sent, where it stands (delayed, visible, in flight), and
//! how a receive shows it (system attributes and the message attributes asked for).

use super::error::{SqsError, SqsResult};
use super::md5::{self, Value as AttributeData};
use super::types::{self, MessageAttributeValue};
use crate::clock::{Clock, Deadline};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

use std::collections::BTreeMap;
use std::sync::Arc;
use time::OffsetDateTime;

/// The most message attributes a message may carry.
const MAX_ATTRIBUTES: usize = 10;

/// A message attribute: its data type (`String`, `Number.float`, `Binary.gif`) and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// The data type as sent.
    pub data_type: String,
    /// The value.
    pub value: AttributeData,
}

/// The bytes an attribute adds to a batch's size, before it is read.
pub fn raw_size(value: &MessageAttributeValue) -> usize {
    let text = |v: &Option<String>| v.as_ref().map_or(0, String::len);
    value.data_type.len() + text(&value.string_value) + text(&value.binary_value)
}

/// Message attributes by name, in name order (the order their digest takes them in).
pub type Attributes = BTreeMap<String, Attribute>;

/// Checks and reads a message's attributes as AWS does.
pub fn parse_attributes(raw: BTreeMap<String, MessageAttributeValue>) -> SqsResult<Attributes> {
    if raw.len() > MAX_ATTRIBUTES {
        return Err(SqsError::InvalidParameterValue(format!(
            "Number of message attributes [{}] exceeds the allowed maximum [{MAX_ATTRIBUTES}].",
            raw.len()
        )));
    }
    raw.into_iter()
        .map(|(name, value)| Ok((name.clone(), parse_attribute(&name, value)?)))
        .collect()
}

fn parse_attribute(name: &str, raw: MessageAttributeValue) -> SqsResult<Attribute> {
    let invalid = |text: String| SqsError::InvalidParameterValue(text);
    let kind = raw.data_type.split('.').next().unwrap_or_default();
    let empty = || {
        invalid(format!(
            "The message attribute '{name}' must contain non-empty message attribute value for message attribute type '{}'.",
            raw.data_type
        ))
    };
    let value = match kind {
        "String" | "Number" => {
            let text = raw
                .string_value
                .clone()
                .filter(|s| !s.is_empty())
                .ok_or_else(empty)?;
            if kind == "Number" && text.trim().parse::<f64>().is_err() {
                return Err(invalid(format!(
                    "Can't cast the value of message (user) attribute '{name}' to a number."
                )));
            }
            AttributeData::String(text)
        }
        "Binary" => {
            let text = raw.binary_value.as_deref().ok_or_else(empty)?;
            let bytes = BASE64.decode(text).map_err(|_| empty())?;
            AttributeData::Binary(bytes)
        }
        _ => {
            return Err(invalid(format!(
                "The type of message (user) attribute '{name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String."
            )));
        }
    };
    Ok(Attribute {
        data_type: raw.data_type,
        value,
    })
}

/// The bytes attributes count toward a message's size: names, types and values.
pub fn size(attributes: &Attributes) -> usize {
    let value = |a: &Attribute| match &a.value {
        AttributeData::String(text) => text.len(),
        AttributeData::Binary(bytes) => bytes.len(),
    };
    attributes
        .iter()
        .map(|(name, a)| name.len() + a.data_type.len() + value(a))
        .sum()
}

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Sent with a delay that has not ended.
    Delayed(Deadline),
    /// Ready for a receive.
    Visible,
    /// Received, and hidden until the deadline.
    InFlight(Deadline),
}

/// One message in a queue. A queue may hold millions, so fields are kept small: ids and
/// digests as bytes, and what only FIFO or redriven messages have behind one pointer.
#[derive(Debug, Clone)]
pub struct Message {
    /// Its id.
    pub id: uuid::Uuid,
    /// The body.
    pub body: String,
    /// The body's MD5.
    pub md5_body: [u8; 16],
    /// Message attributes.
    pub attributes: Attributes,
    /// The `AWSTraceHeader` system attribute.
    pub trace_header: Option<Box<str>>,
    /// When it was sent.
    pub sent: OffsetDateTime,
    /// When it was first received.
    pub first_receive: Option<OffsetDateTime>,
    /// How many times it was received.
    pub receives: u32,
    /// Delayed, visible or in flight.
    pub visibility: Visibility,
    /// The handle of its latest receive: only it deletes the message.
    pub receipt: Option<String>,
    /// When the queue's retention period drops it.
    pub expires: Deadline,
    /// Its message group (FIFO queues, and fair standard queues), with a FIFO message's
    /// deduplication id and sequence number.
    pub group: Option<Box<Group>>,
    /// The ARN of the queue it came from, once moved to a dead-letter queue (shared by the
    /// messages moved from one queue).
    pub dead_letter_source: Option<Arc<str>>,
}

/// A message's group, and what a FIFO message carries besides.
#[derive(Debug, Clone)]
pub struct Group {
    /// The message group id.
    pub id: String,
    /// FIFO: the deduplication id it was sent with (or the body's hash).
    pub dedup_id: Option<String>,
    /// FIFO: its sequence number.
    pub sequence: Option<String>,
}

impl Message {
    /// Whether a receive may take it now.
    pub fn is_visible(&self, clock: &Clock) -> bool {
        match self.visibility {
            Visibility::Visible => true,
            Visibility::Delayed(at) | Visibility::InFlight(at) => clock.is_due(at),
        }
    }

    /// Whether it is received and still hidden.
    pub fn in_flight(&self, clock: &Clock) -> bool {
        matches!(self.visibility, Visibility::InFlight(at) if !clock.is_due(at))
    }

    /// Whether its delay has not ended.
    pub fn delayed(&self, clock: &Clock) -> bool {
        matches!(self.visibility, Visibility::Delayed(at) if !clock.is_due(at))
    }

    /// When it next becomes visible, if it is hidden now.
    pub fn hidden_until(&self, clock: &Clock) -> Option<Deadline> {
        match self.visibility {
            Visibility::Delayed(at) | Visibility::InFlight(at) if !clock.is_due(at) => Some(at),
            _ => None,
        }
    }

    /// The message as a receive answers it: `system` names the system attributes asked for,
    /// `wanted` the message attributes.
    pub fn render(
        &self,
        receipt: &str,
        system: &[String],
        wanted: &[String],
        sender: &str,
    ) -> types::Message {
        let system = self.system_attributes(system, sender);
        let chosen: Attributes = (self.attributes.iter())
            .filter(|(name, _)| wanted_attribute(wanted, name))
            .map(|(n, a)| (n.clone(), a.clone()))
            .collect();
        let digest = md5::of_attributes(&chosen);
        types::Message {
            message_id: Some(self.id.to_string()),
            receipt_handle: Some(receipt.to_owned()),
            md5_of_body: Some(md5::hex(&self.md5_body)),
            body: Some(self.body.to_string()),
            attributes: (!system.is_empty()).then_some(system),
            message_attributes: digest.is_some().then(|| render_attributes(&chosen)),
            md5_of_message_attributes: digest,
        }
    }

    /// The system attributes among `names`; `sender` is the sending account (Stepstone
    /// checks no credentials, so every message is the account's own).
    fn system_attributes(&self, names: &[String], sender: &str) -> BTreeMap<String, String> {
        let all = names.iter().any(|n| n == "All");
        let millis = |t: OffsetDateTime| (t.unix_timestamp_nanos() / 1_000_000).to_string();
        let group = self.group.as_deref();
        let text = |t: Option<&str>| t.map(str::to_owned);
        let values = [
            ("SenderId", Some(sender.to_owned())),
            ("SentTimestamp", Some(millis(self.sent))),
            ("ApproximateReceiveCount", Some(self.receives.to_string())),
            (
                "ApproximateFirstReceiveTimestamp",
                self.first_receive.map(millis),
            ),
            (
                "SequenceNumber",
                text(group.and_then(|g| g.sequence.as_deref())),
            ),
            (
                "MessageDeduplicationId",
                text(group.and_then(|g| g.dedup_id.as_deref())),
            ),
            ("MessageGroupId", text(group.map(|g| g.id.as_str()))),
            ("AWSTraceHeader", text(self.trace_header.as_deref())),
            (
                "DeadLetterQueueSourceArn",
                text(self.dead_letter_source.as_deref()),
            ),
        ];
        values
            .into_iter()
            .filter(|(name, _)| all || names.iter().any(|n| n == name))
            .filter_map(|(name, value)| Some((name.to_owned(), value?)))
            .collect()
    }
}

/// Whether `MessageAttributeNames` asks for the attribute `name`: `All` or `.*` ask for every
/// one, `prefix.*` for those under the prefix, any other entry for itself.
fn wanted_attribute(wanted: &[String], name: &str) -> bool {
    wanted.iter().any(|w| match w.as_str() {
        "All" | ".*" => true,
        w => match w.strip_suffix(".*") {
            Some(prefix) => name.starts_with(prefix) && name[prefix.len()..].starts_with('.'),
            None => w == name,
        },
    })
}

/// Attributes in the model's `MessageAttributeValue` form.
pub fn render_attributes(attributes: &Attributes) -> BTreeMap<String, MessageAttributeValue> {
    let entries = attributes.iter().map(|(name, attribute)| {
        let mut value = MessageAttributeValue {
            data_type: attribute.data_type.clone(),
            ..MessageAttributeValue::default()
        };
        match &attribute.value {
            AttributeData::String(text) => value.string_value = Some(text.clone()),
            AttributeData::Binary(bytes) => value.binary_value = Some(BASE64.encode(bytes)),
        }
        (name.clone(), value)
    });
    entries.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_filters_take_all_names_and_prefixes() {
        let wanted = |w: &[&str], name| {
            let w: Vec<String> = w.iter().map(|s| s.to_string()).collect();
            wanted_attribute(&w, name)
        };
        assert!(wanted(&["All"], "a"));
        assert!(wanted(&[".*"], "a"));
        assert!(wanted(&["trace.*"], "trace.id"));
        assert!(!wanted(&["trace.*"], "tracer"));
        assert!(wanted(&["x", "y"], "y"));
        assert!(!wanted(&[], "y"));
    }

    #[test]
    fn attributes_are_checked_as_aws_does() {
        let raw = |t: &str, s: Option<&str>, b: Option<&str>| MessageAttributeValue {
            data_type: t.into(),
            string_value: s.map(Into::into),
            binary_value: b.map(Into::into),
            ..Default::default()
        };
        let one = |value| parse_attributes([("a".to_owned(), value)].into());
        assert!(one(raw("Number.int", Some("12"), None)).is_ok());
        assert!(one(raw("Number", Some("twelve"), None)).is_err());
        assert!(one(raw("String", Some(""), None)).is_err());
        assert!(one(raw("Json", Some("{}"), None)).is_err());
        let binary = one(raw("Binary", None, Some("aGk="))).unwrap();
        assert_eq!(binary["a"].value, AttributeData::Binary(b"hi".to_vec()));
        let eleven = (0..11).map(|i| (format!("a{i}"), raw("String", Some("v"), None)));
        assert!(parse_attributes(eleven.collect()).is_err());
    }
}
