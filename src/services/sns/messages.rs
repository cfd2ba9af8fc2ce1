//! A message as Publish takes it: checked (attributes, structure, size) as AWS checks it,
//! and read per protocol by the deliveries.

use super::error::{SnsError, SnsResult};
use super::subscriptions::Protocol;
use super::types::MessageAttributeValue;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// The largest message, attributes included (AWS: 256 KiB).
pub const MAX_SIZE: usize = 256 * 1024;

/// What Publish (or one PublishBatch entry) asks to send.
#[derive(Debug, Default)]
pub(super) struct Outgoing {
    pub message: String,
    pub subject: Option<String>,
    pub structure: Option<String>,
    pub attributes: BTreeMap<String, MessageAttributeValue>,
    pub group_id: Option<String>,
    pub dedup_id: Option<String>,
}

/// A published message, as the deliveries read it.
#[derive(Debug, Clone)]
pub(super) struct Message {
    pub id: String,
    /// The message for protocols the structure names no message for.
    pub default: String,
    /// `MessageStructure=json`'s messages by protocol.
    pub per_protocol: Option<Map<String, Value>>,
    pub subject: Option<String>,
    pub attributes: BTreeMap<String, MessageAttributeValue>,
    pub group_id: Option<String>,
    pub dedup_id: Option<String>,
    pub sequence: Option<String>,
    pub timestamp: OffsetDateTime,
}

impl Message {
    /// The message `protocol`'s subscribers get.
    pub fn text_for(&self, protocol: Protocol) -> &str {
        self.text_for_key(protocol.as_str())
    }

    /// The message a JSON structure names for `key` (a protocol, or a mobile platform such
    /// as `GCM`), or the default one.
    pub fn text_for_key(&self, key: &str) -> &str {
        self.per_protocol
            .as_ref()
            .and_then(|m| m.get(key))
            .and_then(Value::as_str)
            .unwrap_or(&self.default)
    }

    /// The attributes as Publish's members (what filter policies read).
    pub fn attribute_members(&self) -> Map<String, Value> {
        self.attributes
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::to_value(v).unwrap_or_default()))
            .collect()
    }

    /// The attributes as the JSON envelope writes them: `{"Type": ..., "Value": ...}`.
    pub fn envelope_attributes(&self) -> Map<String, Value> {
        let value = |v: &MessageAttributeValue| {
            let text = v.string_value.as_deref().or(v.binary_value.as_deref());
            json!({ "Type": v.data_type, "Value": text.unwrap_or_default() })
        };
        self.attributes
            .iter()
            .map(|(k, v)| (k.clone(), value(v)))
            .collect()
    }
}

impl Outgoing {
    /// The size AWS counts against its limit: the message and every attribute's name, type
    /// and value.
    pub fn size(&self) -> usize {
        let attribute = |(name, v): (&String, &MessageAttributeValue)| {
            let value = v.string_value.as_deref().or(v.binary_value.as_deref());
            name.len() + v.data_type.len() + value.map_or(0, str::len)
        };
        self.message.len() + self.attributes.iter().map(attribute).sum::<usize>()
    }

    /// Checks the message as AWS does; answers the per-protocol messages of a JSON structure.
    /// `position` is a batch entry's (1-based), for the wording of a missing data type.
    pub fn checked(&self, position: Option<usize>) -> SnsResult<Option<Map<String, Value>>> {
        if self.subject.as_deref().is_some_and(|s| !is_subject(s)) {
            return Err(SnsError::invalid("Subject"));
        }
        if self.message.is_empty() {
            return Err(SnsError::invalid("Empty message"));
        }
        for (name, value) in &self.attributes {
            check_attribute(name, value, position)?;
        }
        if self.size() > MAX_SIZE {
            return Err(SnsError::invalid("Message too long"));
        }
        match self.structure.as_deref() {
            None => Ok(None),
            Some("json") => per_protocol(&self.message).map(Some),
            // AWS is not known to say more; the parameter is named as AWS names others.
            Some(_) => Err(SnsError::invalid("MessageStructure")),
        }
    }
}

/// AWS's subject rule: 1 to 100 printable ASCII characters, no line breaks.
fn is_subject(subject: &str) -> bool {
    (1..=100).contains(&subject.len()) && subject.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// `MessageStructure=json`'s messages: the object's string values (others are ignored, as
/// AWS does), which must include `default`.
fn per_protocol(message: &str) -> SnsResult<Map<String, Value>> {
    let Ok(Value::Object(object)) = serde_json::from_str::<Value>(message) else {
        return Err(SnsError::invalid(
            "Message Structure - JSON message body failed to parse",
        ));
    };
    let strings: Map<String, Value> = object.into_iter().filter(|(_, v)| v.is_string()).collect();
    match strings.contains_key("default") {
        true => Ok(strings),
        false => Err(SnsError::invalid(
            "Message Structure - No default entry in JSON message body",
        )),
    }
}

/// One message attribute, with AWS's messages (`ParameterValueInvalid`).
fn check_attribute(
    name: &str,
    value: &MessageAttributeValue,
    position: Option<usize>,
) -> SnsResult<()> {
    check_attribute_name(name)?;
    let invalid = |text: String| Err(SnsError::ParameterValueInvalid(text));
    let data_type = value.data_type.as_str();
    if data_type.is_empty() {
        let at = match position {
            Some(n) => format!(
                "publishBatchRequestEntries.{n}.member.messageAttributes.{name}.member.dataType"
            ),
            None => format!("messageAttributes.{name}.member.dataType"),
        };
        return Err(SnsError::Validation(format!(
            "1 validation error detected: Value null at '{at}' failed to satisfy constraint: Member must not be null"
        )));
    }
    let base = data_type
        .split_once('.')
        .map_or(data_type, |(base, _)| base);
    if !matches!(base, "String" | "Number" | "Binary") || data_type.ends_with('.') {
        return invalid(format!(
            "The message attribute '{name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."
        ));
    }
    let (field, given) = match base {
        "Binary" => ("Binary", value.binary_value.as_deref()),
        _ => ("String", value.string_value.as_deref()),
    };
    match given {
        None if value.string_value.is_some() || value.binary_value.is_some() => invalid(format!(
            "The message attribute '{name}' with type '{data_type}' must use field '{field}'."
        )),
        None | Some("") => invalid(format!(
            "The message attribute '{name}' must contain non-empty message attribute value for message attribute type '{data_type}'."
        )),
        // AWS's wording for a Number that is not one (as SQS words it).
        Some(text) if base == "Number" && text.trim().parse::<f64>().is_err() => invalid(format!(
            "Could not cast message attribute '{name}' value to number."
        )),
        Some(_) => Ok(()),
    }
}

/// AWS's name rule: letters, digits, `_`, `-` and `.`, no leading, trailing or doubled dot,
/// at most 256 characters.
fn check_attribute_name(name: &str) -> SnsResult<()> {
    let invalid = |text: String| Err(SnsError::ParameterValueInvalid(text));
    if name.len() > 256 {
        return invalid("Length of message attribute name must be less than 256 bytes.".into());
    }
    if name.starts_with('.') {
        return invalid(
            "Invalid message attribute name starting with character '.' was found.".into(),
        );
    }
    if name.ends_with('.') {
        return invalid(
            "Invalid message attribute name ending with character '.' was found.".into(),
        );
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
    {
        return invalid(format!(
            "Invalid non-alphanumeric character '#x{:X}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.",
            c as u32
        ));
    }
    match name.contains("..") {
        true => invalid("Message attribute name can not have successive '.' character.".into()),
        false => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(value: &str) -> MessageAttributeValue {
        MessageAttributeValue {
            data_type: "String".into(),
            string_value: Some(value.into()),
            binary_value: None,
        }
    }

    fn outgoing(message: &str) -> Outgoing {
        Outgoing {
            message: message.into(),
            ..Outgoing::default()
        }
    }

    #[test]
    fn attributes_are_checked_with_aws_words() {
        let mut out = outgoing("m");
        out.attributes.insert("a..b".into(), string("x"));
        let err = out.checked(None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Message attribute name can not have successive '.' character."
        );
        let mut out = outgoing("m");
        let number = MessageAttributeValue {
            data_type: "Number".into(),
            ..string("ten")
        };
        out.attributes.insert("n".into(), number);
        assert!(
            out.checked(None)
                .unwrap_err()
                .to_string()
                .contains("to number")
        );
        let mut out = outgoing("m");
        let binary = MessageAttributeValue {
            data_type: "Binary".into(),
            ..string("x")
        };
        out.attributes.insert("b".into(), binary);
        assert_eq!(
            out.checked(None).unwrap_err().to_string(),
            "The message attribute 'b' with type 'Binary' must use field 'Binary'."
        );
    }

    #[test]
    fn a_json_structure_needs_a_default() {
        let mut out = outgoing(r#"{"sqs": "q", "email": 3}"#);
        out.structure = Some("json".into());
        assert_eq!(
            out.checked(None).unwrap_err().to_string(),
            "Invalid parameter: Message Structure - No default entry in JSON message body"
        );
        out.message = r#"{"default": "d", "sqs": "q", "email": 3}"#.into();
        let messages = out.checked(None).unwrap().unwrap();
        assert_eq!(messages.len(), 2);
    }

    #[test]
    fn the_limit_counts_attributes() {
        let mut out = outgoing(&"a".repeat(MAX_SIZE - 10));
        assert!(out.checked(None).is_ok());
        out.attributes.insert("name".into(), string("0123456789"));
        assert_eq!(
            out.checked(None).unwrap_err().to_string(),
            "Invalid parameter: Message too long"
        );
    }
}
