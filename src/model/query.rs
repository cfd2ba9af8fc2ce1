//! The query protocol's requests: a form post's flattened parameters (`Tags.member.1.Key=k`)
//! read back into the JSON form of the operation's input, member names as in the model.
//!
//! Parameter names follow botocore's query serializer: structures `Name.Sub`; lists
//! `Name.member.N`, or, flattened, `Name.N` (with the element's `locationName` in place of
//! `Name` when it has one: SQS's `AttributeName.N`); maps `Name.entry.N.key` / `.value`, or,
//! flattened, `Name.N.key`, with the key's and value's `locationName`s (`Attribute.N.Name`,
//! `Attribute.N.Value`). A member is found under its `locationName` or its own name. Decoding
//! accepts every one of these spellings whatever the model's `flattened` says, since clients
//! differ and no name can mean two things.

use super::{Model, Shape, ShapeKind, ShapeRef};
use indexmap::IndexMap;
use serde_json::{Map, Number, Value};
use std::fmt;

/// The most dot-separated parts a parameter name may have; longer names are ignored (the
/// deepest the bundled models need is 7: `SendMessageBatchRequestEntry.1.MessageAttribute.1.
/// Value.StringListValue.1`).
const MAX_PARTS: usize = 32;

/// A parameter whose text cannot be read as its shape's kind.
///
/// What AWS answers, to our best knowledge (not recorded): legacy SQS a `400
/// InvalidParameterValue` in its usual form, `Value 1000 for parameter MaxNumberOfMessages is
/// invalid. Reason: ...` (that form is confirmed for out-of-range values, not for unparsable
/// ones); SNS and STS, whose front end is AWS's query framework, a `400` with a
/// `MalformedQueryString`- or `InvalidParameterValue`-class code naming the parameter.
/// [`fmt::Display`] renders the SQS form, with a reason of our own wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The parameter as sent (`SendMessageBatchRequestEntry.1.DelaySeconds`).
    pub parameter: String,
    /// Its text.
    pub value: String,
    /// What the model wanted: `integer`, `long`, `double`, `float` or `boolean`.
    pub expected: &'static str,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Value {} for parameter {} is invalid. Reason: must be {} {}.",
            self.value,
            self.parameter,
            if self.expected == "integer" {
                "an"
            } else {
                "a"
            },
            self.expected
        )
    }
}

impl std::error::Error for DecodeError {}

/// Turns a form post's parameters into the JSON form of `input` (a structure). `Action` and
/// `Version` are the protocol's own; parameters the model does not know are ignored.
/// Timestamps and blobs keep their text (ISO-8601, base64), as validation and the services
/// read them.
pub fn decode_form(
    model: &Model,
    input: &ShapeRef,
    params: &[(String, String)],
) -> Result<Value, DecodeError> {
    let mut root = Node::default();
    for (name, value) in params {
        // No model nests that deep; a longer name would only build a tree too deep to drop.
        let deep = name.split('.').nth(MAX_PARTS).is_some();
        if name != "Action" && name != "Version" && !deep {
            root.insert(name, value);
        }
    }
    let decoder = Decoder { model };
    let value = decoder.structure(input, &[&root])?;
    Ok(value.unwrap_or_else(|| Value::Object(Map::new())))
}

/// The parameters as a tree of their dotted names.
#[derive(Debug, Default)]
struct Node {
    /// The parameter's whole name, for errors.
    name: String,
    text: Option<String>,
    children: IndexMap<String, Node>,
}

impl Node {
    fn insert(&mut self, name: &str, value: &str) {
        let node = name.split('.').fold(self, |node, part| {
            let name = join(&node.name, part);
            node.children
                .entry(part.to_owned())
                .or_insert_with(|| Node {
                    name,
                    ..Node::default()
                })
        });
        node.text = Some(value.to_owned());
    }

    fn child(&self, name: &str) -> Option<&Node> {
        self.children.get(name)
    }

    /// The children named by positive integers, in number order.
    fn numbered(&self) -> Vec<&Node> {
        let mut found: Vec<(u64, &Node)> = self
            .children
            .iter()
            .filter_map(|(k, n)| Some((k.parse::<u64>().ok().filter(|i| *i > 0)?, n)))
            .collect();
        found.sort_by_key(|(index, _)| *index);
        found.into_iter().map(|(_, n)| n).collect()
    }
}

struct Decoder<'m> {
    model: &'m Model,
}

impl Decoder<'_> {
    /// The value of a shape found at `nodes` (the places a member's spellings lead to);
    /// `None` when nothing was sent for it.
    fn value(&self, reference: &ShapeRef, nodes: &[&Node]) -> Result<Option<Value>, DecodeError> {
        let Some(shape) = self.model.shape_named(&reference.shape) else {
            return Ok(None);
        };
        match shape.kind {
            ShapeKind::Structure => self.structure(reference, nodes),
            ShapeKind::List => self.list(shape, nodes),
            ShapeKind::Map => self.map(shape, nodes),
            kind => match nodes.iter().find(|n| n.text.is_some()) {
                Some(node) => scalar(kind, node).map(Some),
                None => Ok(None),
            },
        }
    }

    fn structure(
        &self,
        reference: &ShapeRef,
        nodes: &[&Node],
    ) -> Result<Option<Value>, DecodeError> {
        let Some(shape) = self.model.shape_named(&reference.shape) else {
            return Ok(None);
        };
        let mut members = Map::new();
        for (name, member) in &shape.members {
            let found = self.member_nodes(name, member, nodes);
            if let Some(value) = self.value(member, &found)? {
                members.insert(name.clone(), value);
            }
        }
        Ok((!members.is_empty()).then_some(Value::Object(members)))
    }

    /// Where a member may sit among its structure's `nodes`: under its `locationName`, its own
    /// name, and, for a flattened list, its element's `locationName` (botocore's rule).
    fn member_nodes<'n>(&self, name: &str, member: &ShapeRef, nodes: &[&'n Node]) -> Vec<&'n Node> {
        let wire = member.location_name.as_deref().unwrap_or(name);
        let mut names = vec![wire, name];
        let shape = self.model.shape_named(&member.shape);
        if member.flattened || shape.is_some_and(|s| s.flattened) {
            let element = shape.and_then(|s| s.member.as_deref());
            names.extend(element.and_then(|e| e.location_name.as_deref()));
        }
        let mut found = Vec::new();
        for node in nodes {
            found.extend(names.iter().filter_map(|n| node.child(n)));
        }
        unique(found)
    }

    fn list(&self, shape: &Shape, nodes: &[&Node]) -> Result<Option<Value>, DecodeError> {
        let Some(element) = shape.member.as_deref() else {
            return Ok(None);
        };
        let containers = containers(
            nodes,
            &[
                "member",
                element.location_name.as_deref().unwrap_or("member"),
            ],
        );
        let mut items = Vec::new();
        for container in containers {
            for node in container.numbered() {
                if let Some(item) = self.value(element, &[node])? {
                    items.push(item);
                }
            }
        }
        Ok(present(nodes, items.is_empty()).then_some(Value::Array(items)))
    }

    fn map(&self, shape: &Shape, nodes: &[&Node]) -> Result<Option<Value>, DecodeError> {
        let (Some(key), Some(value)) = (shape.key.as_deref(), shape.value.as_deref()) else {
            return Ok(None);
        };
        let key_name = key.location_name.as_deref().unwrap_or("key");
        let value_name = value.location_name.as_deref().unwrap_or("value");
        let mut entries = Map::new();
        for container in containers(nodes, &["entry"]) {
            for entry in container.numbered() {
                let Some(name) = [key_name, "key"]
                    .iter()
                    .find_map(|k| entry.child(k)?.text.clone())
                else {
                    continue;
                };
                let spots: Vec<&Node> = [value_name, "value"]
                    .iter()
                    .filter_map(|v| entry.child(v))
                    .collect();
                if let Some(item) = self.value(value, &spots)? {
                    entries.insert(name, item);
                }
            }
        }
        Ok(present(nodes, entries.is_empty()).then_some(Value::Object(entries)))
    }
}

/// The nodes whose numbered children are a collection's elements: each spot itself
/// (flattened) and its wrapper children (`member`, `entry`, or the element's own name).
fn containers<'n>(nodes: &[&'n Node], wrappers: &[&str]) -> Vec<&'n Node> {
    let mut found = Vec::new();
    for node in nodes {
        found.push(*node);
        for wrapper in wrappers {
            found.extend(node.child(wrapper));
        }
    }
    unique(found)
}

/// `nodes` without repeats (two spellings may lead to the same place).
fn unique(nodes: Vec<&Node>) -> Vec<&Node> {
    let mut kept: Vec<&Node> = Vec::with_capacity(nodes.len());
    for node in nodes {
        if !kept.iter().any(|k| std::ptr::eq(*k, node)) {
            kept.push(node);
        }
    }
    kept
}

/// Whether a collection was sent: with elements, or empty as botocore sends an empty list
/// (`Name=` with nothing under it).
fn present(nodes: &[&Node], empty: bool) -> bool {
    !empty || nodes.iter().any(|n| n.text.is_some())
}

/// A scalar parameter's text read as its kind.
fn scalar(kind: ShapeKind, node: &Node) -> Result<Value, DecodeError> {
    let text = node.text.as_deref().unwrap_or_default();
    let invalid = |expected| DecodeError {
        parameter: node.name.clone(),
        value: text.to_owned(),
        expected,
    };
    let value = match kind {
        ShapeKind::Integer => text
            .trim()
            .parse::<i32>()
            .map(Value::from)
            .map_err(|_| invalid("integer"))?,
        ShapeKind::Long => text
            .trim()
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| invalid("long"))?,
        ShapeKind::Double | ShapeKind::Float => {
            let expected = if kind == ShapeKind::Double {
                "double"
            } else {
                "float"
            };
            let number = text.trim().parse::<f64>().ok().and_then(Number::from_f64);
            Value::Number(number.ok_or_else(|| invalid(expected))?)
        }
        ShapeKind::Boolean => match text.trim().to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(invalid("boolean")),
        },
        _ => Value::String(text.to_owned()),
    };
    Ok(value)
}

fn join(path: &str, name: &str) -> String {
    match path.is_empty() {
        true => name.to_owned(),
        false => format!("{path}.{name}"),
    }
}

#[cfg(test)]
mod tests;
