//! The digests SQS returns with every message, which the SDKs recompute and compare: of the
//! body, and of the message attributes in AWS's documented encoding ("Calculating the MD5
//! message digest for message attributes", SQS Developer Guide).

use super::messages::Attribute;
use md5::{Digest, Md5};
use std::collections::BTreeMap;

/// The MD5 of `text`'s UTF-8 bytes, as bytes (how a stored message keeps it).
pub fn digest(text: &str) -> [u8; 16] {
    Md5::digest(text.as_bytes()).into()
}

/// The MD5 of message attributes, or `None` when there are none (AWS then sends no digest).
/// For each attribute in name order: the name, the data type, one transport byte (1 for
/// `String`/`Number` values, 2 for `Binary`), then the value; every string and binary is
/// preceded by its length as four big-endian bytes.
pub fn of_attributes(attributes: &BTreeMap<String, Attribute>) -> Option<String> {
    if attributes.is_empty() {
        return None;
    }
    let mut digest = Md5::new();
    for (name, attribute) in attributes {
        prefixed(&mut digest, name.as_bytes());
        prefixed(&mut digest, attribute.data_type.as_bytes());
        match &attribute.value {
            Value::String(text) => {
                digest.update([1]);
                prefixed(&mut digest, text.as_bytes());
            }
            Value::Binary(bytes) => {
                digest.update([2]);
                prefixed(&mut digest, bytes);
            }
        }
    }
    Some(hex(&digest.finalize()))
}

/// An attribute's value as it is digested and stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A `String` or `Number` (and custom subtypes of them).
    String(String),
    /// A `Binary`, decoded.
    Binary(Vec<u8>),
}

fn prefixed(digest: &mut Md5, bytes: &[u8]) {
    digest.update((bytes.len() as u32).to_be_bytes());
    digest.update(bytes);
}

/// Bytes as lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribute(data_type: &str, value: Value) -> Attribute {
        Attribute {
            data_type: data_type.into(),
            value,
        }
    }

    fn digest(entries: &[(&str, Attribute)]) -> Option<String> {
        let map = entries.iter().map(|(n, a)| (n.to_string(), a.clone()));
        of_attributes(&map.collect())
    }

    /// The example values AWS's documentation and SDK test suites use.
    #[test]
    fn attribute_digests_match_aws() {
        let text = (
            "attribName1",
            attribute("String", Value::String("attribValue 1".into())),
        );
        let number = (
            "customNumberTypeAttrib",
            attribute(
                "Number.float",
                Value::String("4563442423554324324264524243.32543234".into()),
            ),
        );
        let binary = (
            "binaryAttribute",
            attribute("Binary", Value::Binary(b"Hello binary world!".to_vec())),
        );
        let expect = |entries: &[(&str, Attribute)], md5: &str| {
            assert_eq!(digest(entries).as_deref(), Some(md5));
        };
        expect(
            std::slice::from_ref(&text),
            "19e27d4e946b072f3f58da80d94fd778",
        );
        expect(
            std::slice::from_ref(&number),
            "9fe1b90bbd9965bdf77bac517c7d2495",
        );
        expect(
            std::slice::from_ref(&binary),
            "31a92b15d92f8db860eda32aceb656c3",
        );
        expect(&[text, number, binary], "c932db14a896c663f83c260297d594ff");
        assert_eq!(digest(&[]), None);
    }

    #[test]
    fn body_digests_are_hex_md5() {
        assert_eq!(hex(&super::digest("")), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(
            hex(&super::digest("hello")),
            "5d41402abc4b2a76b9719d911017c592"
        );
    }
}
