//! SNS subscription filter policies: parsed and checked once, when a subscription sets one,
//! then matched against every message published to its topic — against the message's
//! attributes or, with `FilterPolicyScope` `MessageBody`, against its JSON body.
//!
//! The rules are the SNS developer guide's ("Amazon SNS message filtering" and its operator
//! pages): exact strings and numbers, `prefix`, `suffix`, `equals-ignore-case`,
//! `anything-but` (values, `prefix`, `suffix`), `numeric` comparisons and ranges, `exists`,
//! `cidr`, and `$or`; nested keys on the body scope only; at most five top-level keys and 150
//! combinations. Error texts are AWS's as SDK users quote them.

mod conditions;

use conditions::{Condition, Literal};
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
    /// Alternatives (one per `$or` choice); a message matches when one alternative's every key
    /// matches.
    alternatives: Vec<Vec<Rule>>,
}

/// One key's conditions: the key matches when any condition matches one of its values.
#[derive(Debug, Clone, PartialEq)]
struct Rule {
    /// The key's path (one name on the attribute scope; nested names on the body scope).
    path: Vec<String>,
    conditions: Vec<Condition>,
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
        let parsed = Parsed::of(&object, scope, &[], 1)?;
        if parsed.combinations > MAX_COMBINATIONS {
            return Err("FilterPolicy: Filter policy is too complex".to_owned());
        }
        Ok(FilterPolicy {
            scope,
            alternatives: parsed.alternatives,
        })
    }

    /// The scope the policy was parsed for.
    pub fn scope(&self) -> Scope {
        self.scope
    }

    /// Whether a message with `attributes` (Publish's `MessageAttributes` members:
    /// `{"name": {"DataType": "String", "StringValue": "x"}}`) and `body` passes the policy.
    pub fn matches(&self, attributes: &Map<String, Value>, body: &str) -> bool {
        if self.accepts_all() {
            return true;
        }
        match self.scope {
            Scope::MessageAttributes => self.matches_attributes(attributes),
            Scope::MessageBody => match serde_json::from_str(body) {
                Ok(Value::Object(body)) => self.matches_body(&body),
                _ => false,
            },
        }
    }

    /// Whether the policy has no keys (`{}`), which lets every message through.
    fn accepts_all(&self) -> bool {
        self.alternatives.iter().any(Vec::is_empty)
    }

    fn matches_attributes(&self, attributes: &Map<String, Value>) -> bool {
        // `"exists": false` matches only when the message has some attribute (the guide's
        // key-matching page): a message without attributes passes no attribute policy.
        !attributes.is_empty() && self.passes(|path| attribute_values(attributes.get(&path[0])?))
    }

    fn matches_body(&self, body: &Map<String, Value>) -> bool {
        self.passes(|path| {
            let mut found = Vec::new();
            leaves(body.get(&path[0])?, &path[1..], &mut found);
            (!found.is_empty()).then_some(found)
        })
    }

    /// Whether some alternative has every rule matched by the values `find` gives for its path
    /// (`None`: the key is absent).
    fn passes(&self, find: impl Fn(&[String]) -> Option<Vec<Literal>>) -> bool {
        self.alternatives.iter().any(|rules| {
            rules.iter().all(|rule| {
                let values = find(&rule.path);
                rule.conditions
                    .iter()
                    .any(|condition| condition.matches(values.as_deref()))
            })
        })
    }
}

/// A policy object's alternatives and combination count, as its keys are read.
struct Parsed {
    alternatives: Vec<Vec<Rule>>,
    combinations: usize,
}

impl Parsed {
    /// Reads `object`, found at `prefix` (nested `depth` levels down).
    fn of(
        object: &Map<String, Value>,
        scope: Scope,
        prefix: &[String],
        depth: usize,
    ) -> Result<Parsed, String> {
        let mut parsed = Parsed {
            alternatives: vec![Vec::new()],
            combinations: 1,
        };
        for (key, value) in object {
            let part = match (key.as_str(), value) {
                ("$or", Value::Array(choices)) => Parsed::or(choices, scope, prefix, depth)?,
                (_, Value::Array(values)) => Parsed::rule(key, values, prefix, depth)?,
                (_, Value::Object(nested)) if scope == Scope::MessageBody => {
                    Parsed::of(nested, scope, &path(prefix, key), depth + 1)?
                }
                (_, Value::Object(_)) => {
                    return Err(
                        "Filter policy scope MessageAttributes does not support nested \
                                filter policy"
                            .to_owned(),
                    );
                }
                _ => {
                    return Err(format!(
                        "FilterPolicy: \"{key}\" must be an object or an array"
                    ));
                }
            };
            parsed = parsed.and(part);
        }
        Ok(parsed)
    }

    /// One key's list of conditions.
    fn rule(
        key: &str,
        values: &[Value],
        prefix: &[String],
        depth: usize,
    ) -> Result<Parsed, String> {
        if values.is_empty() {
            return Err("FilterPolicy: Empty arrays are not allowed".to_owned());
        }
        let conditions = values
            .iter()
            .map(Condition::parse)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|reason| format!("FilterPolicy: {reason}"))?;
        Ok(Parsed {
            alternatives: vec![vec![Rule {
                path: path(prefix, key),
                conditions,
            }]],
            combinations: values.len() * depth,
        })
    }

    /// `$or`: each choice is an alternative, and their combinations add up.
    fn or(
        choices: &[Value],
        scope: Scope,
        prefix: &[String],
        depth: usize,
    ) -> Result<Parsed, String> {
        let mut parsed = Parsed {
            alternatives: Vec::new(),
            combinations: 0,
        };
        for choice in choices {
            let Value::Object(choice) = choice else {
                return Err("FilterPolicy: \"$or\" must be an object or an array".to_owned());
            };
            let part = Parsed::of(choice, scope, prefix, depth)?;
            parsed.alternatives.extend(part.alternatives);
            parsed.combinations += part.combinations;
        }
        Ok(parsed)
    }

    /// Both parts must match: every pair of their alternatives joins.
    fn and(self, other: Parsed) -> Parsed {
        let alternatives = self
            .alternatives
            .iter()
            .flat_map(|left| {
                other
                    .alternatives
                    .iter()
                    .map(move |right| left.iter().chain(right).cloned().collect::<Vec<_>>())
            })
            .collect();
        Parsed {
            alternatives,
            combinations: self.combinations.saturating_mul(other.combinations),
        }
    }
}

fn path(prefix: &[String], key: &str) -> Vec<String> {
    let mut path = prefix.to_vec();
    path.push(key.to_owned());
    path
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
        t if t.starts_with("Number") => vec![Literal::Number(text.trim().parse().ok()?)],
        t if t.starts_with("String") => vec![Literal::String(text.to_owned())],
        _ => return None,
    };
    Some(values)
}

/// The leaf values at `path` below `value`, looking through arrays at every level.
fn leaves(value: &Value, path: &[String], found: &mut Vec<Literal>) {
    match (value, path.split_first()) {
        (Value::Array(items), _) => items.iter().for_each(|item| leaves(item, path, found)),
        (Value::Object(object), Some((key, rest))) => {
            if let Some(child) = object.get(key) {
                leaves(child, rest, found);
            }
        }
        (leaf, None) => found.extend(Literal::of_json(leaf)),
        _ => {}
    }
}

#[cfg(test)]
mod tests;
