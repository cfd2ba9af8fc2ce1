//! SNS subscription filter policies: parsed and checked once, when a subscription sets one,
//! then matched against every message published to its topic — against the message's
//! attributes or, with `FilterPolicyScope` `MessageBody`, against its JSON body.
//!
//! The rules are the SNS developer guide's ("Amazon SNS message filtering" and its operator
//! pages): exact strings and numbers, `prefix`, `suffix`, `equals-ignore-case`,
//! `anything-but` (values, `prefix`, `suffix`), `numeric` comparisons and ranges, `exists`,
//! `cidr`, and `$or`; nested keys on the body scope only; at most five top-level keys and 150
//! combinations. Error texts are AWS's as SDK users quote them. The matching is the core SNS
//! shares with EventBridge-style patterns (`crate::aws::pattern`); this file keeps what is
//! SNS's own: its limits, its wording, and the message-attribute scope.

use crate::aws::pattern::{Dialect, Literal, Pattern, PatternError};
use serde_json::{Map, Value};

/// What a filter policy is matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The message's attributes (the default).
    MessageAttributes,
    /// The message's body, which must be a JSON object.
    MessageBody,
}

/// A parsed, checked filter policy.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterPolicy {
    scope: Scope,
    pattern: Pattern,
}

/// AWS's limits: top-level keys, and the product of the values each key may take.
const MAX_KEYS: usize = 5;
const MAX_COMBINATIONS: usize = 150;

impl FilterPolicy {
    /// Parses and checks `policy` for `scope`. The error is AWS's reason, which SNS puts after
    /// `Invalid parameter: ` (SetSubscriptionAttributes) or
    /// `Invalid parameter: Attributes Reason: ` (Subscribe).
    pub fn parse(policy: &str, scope: Scope) -> Result<FilterPolicy, String> {
        let value: Value = serde_json::from_str(policy)
            .map_err(|e| format!("FilterPolicy: failed to parse JSON. {e}"))?;
        // AWS is silent on policies that are JSON but not objects; Jackson-style wording.
        let Value::Object(object) = value else {
            return Err("FilterPolicy: Filter policy must be a JSON object".to_owned());
        };
        if object.len() > MAX_KEYS {
            return Err("FilterPolicy: Filter policy can not have more than 5 keys".to_owned());
        }
        let nested = scope == Scope::MessageBody;
        let pattern = Pattern::parse(&object, Dialect::Sns, nested).map_err(reason)?;
        if pattern.combinations() > MAX_COMBINATIONS {
            return Err(TOO_COMPLEX.to_owned());
        }
        Ok(FilterPolicy { scope, pattern })
    }

    /// The scope the policy was parsed for.
    pub fn scope(&self) -> Scope {
        self.scope
    }

    /// Whether a message with `attributes` (Publish's `MessageAttributes` members:
    /// `{"name": {"DataType": "String", "StringValue": "x"}}`) and `body` passes the policy.
    pub fn matches(&self, attributes: &Map<String, Value>, body: &str) -> bool {
        if self.pattern.accepts_all() {
            return true;
        }
        match self.scope {
            Scope::MessageAttributes => self.matches_attributes(attributes),
            Scope::MessageBody => match serde_json::from_str(body) {
                Ok(Value::Object(body)) => self.pattern.matches(&body),
                _ => false,
            },
        }
    }

    fn matches_attributes(&self, attributes: &Map<String, Value>) -> bool {
        // `"exists": false` matches only when the message has some attribute (the guide's
        // key-matching page): a message without attributes passes no attribute policy.
        !attributes.is_empty()
            && (self.pattern).passes(|path| attribute_values(attributes.get(&path[0])?))
    }
}

const TOO_COMPLEX: &str = "FilterPolicy: Filter policy is too complex";

/// A refused pattern in SNS's words.
fn reason(error: PatternError) -> String {
    match error {
        PatternError::NotObjectOrArray(key) => {
            format!("FilterPolicy: \"{key}\" must be an object or an array")
        }
        PatternError::EmptyArray => "FilterPolicy: Empty arrays are not allowed".to_owned(),
        PatternError::Nested => {
            "Filter policy scope MessageAttributes does not support nested filter policy".to_owned()
        }
        PatternError::OrChoice => "FilterPolicy: \"$or\" must be an object or an array".to_owned(),
        PatternError::Condition(reason) => format!("FilterPolicy: {reason}"),
        PatternError::TooComplex => TOO_COMPLEX.to_owned(),
    }
}

/// An attribute's values as filters see them: a String or Number, or each element of a
/// `String.Array` / `Number.Array`. Binary attributes are ignored, as if absent.
fn attribute_values(attribute: &Value) -> Option<Vec<Literal>> {
    let data_type = attribute.get("DataType")?.as_str()?;
    let text = attribute.get("StringValue")?.as_str()?;
    let values = match data_type {
        "String.Array" | "Number.Array" => match serde_json::from_str(text).ok()? {
            Value::Array(items) => items.iter().filter_map(Literal::of_json).collect(),
            _ => return None,
        },
        t if t.starts_with("Number") => vec![Literal::number(text.trim().parse().ok()?)?],
        t if t.starts_with("String") => vec![Literal::String(text.to_owned())],
        _ => return None,
    };
    Some(values)
}

#[cfg(test)]
mod tests;
