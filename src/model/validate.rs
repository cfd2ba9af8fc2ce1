//! Request validation from the model's constraints, worded as AWS's request validation words
//! it: `1 validation error detected: Value 'v' at 'path' failed to satisfy constraint: ...`.
//!
//! The request is the JSON form of an operation's input (member names as in the model). Paths
//! follow AWS: member names with their first letter in lower case, joined with `.`; the
//! elements of a list of structures as `tags.1.member.key` (1-based), the values of a map of
//! structures as `map.<key>.member.field`. The constraints a list's elements or a map's keys
//! and values break by themselves (lengths, ranges, patterns, enums) are reported once, at the
//! collection, listing every constraint of the element shape (`Member must satisfy
//! constraint: [...]`, `Map keys must satisfy constraint: [...]`, `Map value must satisfy
//! constraint: [...]`), as AWS does. Values print as AWS's Java messages print them.

use super::{Model, Shape, ShapeKind, ShapeRef};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use regex::Regex;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

/// Why a request does not fit its input shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violations {
    /// Values that break the model's constraints, in AWS's order (members in model order,
    /// depth first): AWS answers `ValidationException`.
    Constraints(Vec<String>),
    /// A value of the wrong JSON type. AWS fails these while reading the request, before any
    /// constraint is checked, with a `SerializationException`; the message is the one AWS's
    /// JSON services send (best knowledge: Coral's wording, which names no path).
    Type {
        /// Where the value sits, in the same notation as constraint violations.
        path: String,
        /// AWS's message.
        message: String,
    },
}

impl Violations {
    /// The error code AWS answers with: `ValidationException` or `SerializationException`.
    pub fn code(&self) -> &'static str {
        match self {
            Violations::Constraints(_) => "ValidationException",
            Violations::Type { .. } => "SerializationException",
        }
    }

    /// AWS's message: `N validation error(s) detected: ...; ...`, or the type mismatch's.
    pub fn message(&self) -> String {
        match self {
            Violations::Constraints(found) => {
                let plural = if found.len() == 1 { "error" } else { "errors" };
                format!(
                    "{} validation {plural} detected: {}",
                    found.len(),
                    found.join("; ")
                )
            }
            Violations::Type { message, .. } => message.clone(),
        }
    }
}

/// Checks `value`, the JSON form of a request, against the structure `input` refers to.
/// A missing or `null` request is an empty one.
pub fn validate(model: &Model, input: &ShapeRef, value: &Value) -> Result<(), Violations> {
    let mut walk = Walk {
        model,
        found: Vec::new(),
        mismatch: None,
        depth: 0,
    };
    let empty = Value::Object(Map::new());
    let value = if value.is_null() { &empty } else { value };
    walk.value(input, "", value);
    match (walk.mismatch, walk.found.is_empty()) {
        (Some((path, message)), _) => Err(Violations::Type { path, message }),
        (None, true) => Ok(()),
        (None, false) => Err(Violations::Constraints(walk.found)),
    }
}

/// How deeply values may nest in a request (recursive shapes such as DynamoDB's
/// `AttributeValue` allow any depth; AWS's own limits are far lower), so that walking one
/// never exhausts the stack.
pub const MAX_DEPTH: usize = 128;

/// One pass over a request: constraint violations, and the first type mismatch.
struct Walk<'m> {
    model: &'m Model,
    found: Vec<String>,
    mismatch: Option<(String, String)>,
    depth: usize,
}

impl<'m> Walk<'m> {
    /// A structure member: its own constraints, then what it holds.
    fn value(&mut self, reference: &ShapeRef, path: &str, value: &Value) {
        let Some(shape) = self.live_shape(reference, value) else {
            return;
        };
        match own_constraints(shape, value) {
            Ok(failed) => {
                for constraint in failed {
                    self.fail(path, reference, shape.sensitive, value, &constraint);
                }
                self.descend(reference, shape, path, value);
            }
            Err(message) => self.mismatched(path, message),
        }
    }

    /// The shape of a value worth checking: not `null`, not an open document.
    fn live_shape(&self, reference: &ShapeRef, value: &Value) -> Option<&'m Shape> {
        let shape = self.model.shape_named(&reference.shape)?;
        (!shape.document && !value.is_null()).then_some(shape)
    }

    /// What a value holds (members, elements, entries), one level deeper.
    fn descend(&mut self, reference: &ShapeRef, shape: &Shape, path: &str, value: &Value) {
        if self.depth == MAX_DEPTH {
            let message = format!("Values nest more than {MAX_DEPTH} levels deep");
            return self.mismatched(path, message);
        }
        self.depth += 1;
        match (shape.kind, value) {
            (ShapeKind::Structure, Value::Object(members)) => self.structure(shape, path, members),
            (ShapeKind::List, Value::Array(items)) => {
                self.list(reference, shape, path, value, items)
            }
            (ShapeKind::Map, Value::Object(entries)) => {
                self.map(reference, shape, path, value, entries)
            }
            _ => {}
        }
        self.depth -= 1;
    }

    fn structure(&mut self, shape: &Shape, path: &str, members: &Map<String, Value>) {
        for (name, reference) in &shape.members {
            let member_path = join(path, &first_lower(name));
            match members.get(name).filter(|v| !v.is_null()) {
                Some(value) => self.value(reference, &member_path, value),
                None if shape.required.contains(name) => self.found.push(format!(
                    "Value null at '{member_path}' failed to satisfy constraint: Member must not be null"
                )),
                None => {}
            }
        }
    }

    fn list(
        &mut self,
        reference: &ShapeRef,
        shape: &Shape,
        path: &str,
        value: &Value,
        items: &[Value],
    ) {
        let Some(element) = shape.member.as_deref() else {
            return;
        };
        let items: Vec<(String, &Value)> = (items.iter().enumerate())
            .map(|(index, item)| (format!("{path}.{}.member", index + 1), item))
            .collect();
        let collection = (reference, shape, path, value);
        self.elements(
            collection,
            element,
            "Member must satisfy constraint",
            &items,
        );
    }

    fn map(
        &mut self,
        reference: &ShapeRef,
        shape: &Shape,
        path: &str,
        value: &Value,
        entries: &Map<String, Value>,
    ) {
        let (Some(key), Some(item)) = (shape.key.as_deref(), shape.value.as_deref()) else {
            return;
        };
        let collection = (reference, shape, path, value);
        let names: Vec<Value> = entries.keys().cloned().map(Value::String).collect();
        let keys: Vec<(String, &Value)> = names.iter().map(|k| (path.to_owned(), k)).collect();
        self.elements(collection, key, "Map keys must satisfy constraint", &keys);
        let values: Vec<(String, &Value)> = (entries.iter())
            .map(|(name, entry)| (format!("{path}.{name}.member"), entry))
            .collect();
        self.elements(
            collection,
            item,
            "Map value must satisfy constraint",
            &values,
        );
    }

    /// A collection's elements (or a map's keys or values). Their own constraints are
    /// reported once, at the collection, naming every constraint of the element shape, as AWS
    /// does; what each holds is checked at its own path (`tags.2.member.key`).
    fn elements(
        &mut self,
        (reference, collection, path, value): (&ShapeRef, &Shape, &str, &Value),
        element: &ShapeRef,
        lead: &str,
        items: &[(String, &Value)],
    ) {
        let Some(shape) = self.model.shape_named(&element.shape) else {
            return;
        };
        let mut broken = false;
        let mut sound = Vec::with_capacity(items.len());
        for (item_path, item) in items.iter().filter(|(_, item)| !item.is_null()) {
            match own_constraints(shape, item) {
                Ok(failed) => {
                    broken |= !failed.is_empty();
                    sound.push((item_path, *item));
                }
                Err(message) => self.mismatched(path, message),
            }
        }
        if broken {
            let constraint = format!("{lead}: [{}]", every_constraint(shape).join(", "));
            let hidden = collection.sensitive || shape.sensitive;
            self.fail(path, reference, hidden, value, &constraint);
        }
        for (item_path, item) in sound {
            if let Some(shape) = self.live_shape(element, item) {
                self.descend(element, shape, item_path, item);
            }
        }
    }

    /// Records a violation; a sensitive value is named without being echoed.
    fn fail(
        &mut self,
        path: &str,
        reference: &ShapeRef,
        sensitive: bool,
        value: &Value,
        constraint: &str,
    ) {
        self.found.push(match sensitive {
            true => format!("Value at '{path}' failed to satisfy constraint: {constraint}"),
            false => format!(
                "Value '{}' at '{path}' failed to satisfy constraint: {constraint}",
                render(self.model, Some(reference), value, 0)
            ),
        });
    }

    fn mismatched(&mut self, path: &str, message: String) {
        self.mismatch
            .get_or_insert_with(|| (path.to_owned(), message));
    }
}

/// The constraints a value breaks by itself (lengths of strings, blobs and collections,
/// ranges, patterns, enums), or AWS's message when it is of the wrong JSON type.
fn own_constraints(shape: &Shape, value: &Value) -> Result<Vec<String>, String> {
    match (shape.kind, value) {
        (ShapeKind::Structure, Value::Object(_)) => Ok(Vec::new()),
        (ShapeKind::List, Value::Array(items)) => Ok(length_constraints(shape, items.len())),
        (ShapeKind::Map, Value::Object(entries)) => Ok(length_constraints(shape, entries.len())),
        _ => scalar_constraints(shape, value),
    }
}

/// Every constraint a shape has, worded as AWS lists them for a collection's elements:
/// upper bound, lower bound, pattern, enum.
fn every_constraint(shape: &Shape) -> Vec<String> {
    let unit = match shape.kind {
        ShapeKind::Integer | ShapeKind::Long | ShapeKind::Double | ShapeKind::Float => "value",
        _ => "length",
    };
    let mut all = Vec::new();
    if let Some(max) = shape.max {
        all.push(format!(
            "Member must have {unit} less than or equal to {}",
            number(max)
        ));
    }
    if let Some(min) = shape.min {
        all.push(format!(
            "Member must have {unit} greater than or equal to {}",
            number(min)
        ));
    }
    if let Some(pattern) = &shape.pattern {
        all.push(format!(
            "Member must satisfy regular expression pattern: {pattern}"
        ));
    }
    if let Some(set) = &shape.enum_values {
        all.push(format!(
            "Member must satisfy enum value set: [{}]",
            set.join(", ")
        ));
    }
    all
}

/// The constraints a scalar value breaks, or AWS's message when it is of the wrong type.
fn scalar_constraints(shape: &Shape, value: &Value) -> Result<Vec<String>, String> {
    use ShapeKind::*;
    match (shape.kind, value) {
        (String, Value::String(text)) => Ok(string_constraints(shape, text)),
        (Blob, Value::String(text)) => match BASE64.decode(text) {
            Ok(bytes) => Ok(length_constraints(shape, bytes.len())),
            Err(_) => Err("Base64 encoded binary data is not valid".to_owned()),
        },
        (Integer | Long | Double | Float, Value::Number(n)) if fits(shape.kind, n) => {
            Ok(range_constraints(shape, n.as_f64().unwrap_or(0.0)))
        }
        (Boolean, Value::Bool(_)) => Ok(Vec::new()),
        // Epoch seconds on JSON wires, the text as given on the query wire.
        (Timestamp, Value::Number(_) | Value::String(_)) => Ok(Vec::new()),
        _ => Err(type_mismatch(shape.kind, value)),
    }
}

/// Whether a JSON number can be read as the numeric kind: integers must be whole and in range.
fn fits(kind: ShapeKind, number: &serde_json::Number) -> bool {
    match kind {
        ShapeKind::Integer => number.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        ShapeKind::Long => number.as_i64().is_some(),
        _ => true,
    }
}

fn string_constraints(shape: &Shape, text: &str) -> Vec<String> {
    let mut failed = length_constraints(shape, text.chars().count());
    if let Some(pattern) = shape.pattern.as_deref()
        && matches(pattern, text) == Some(false)
    {
        failed.push(format!(
            "Member must satisfy regular expression pattern: {pattern}"
        ));
    }
    if let Some(set) = shape.enum_values.as_ref()
        && !set.iter().any(|allowed| allowed == text)
    {
        failed.push(format!(
            "Member must satisfy enum value set: [{}]",
            set.join(", ")
        ));
    }
    failed
}

fn length_constraints(shape: &Shape, length: usize) -> Vec<String> {
    let length = length as f64;
    let mut failed = Vec::new();
    if let Some(min) = shape.min.filter(|min| length < *min) {
        failed.push(format!(
            "Member must have length greater than or equal to {}",
            number(min)
        ));
    }
    if let Some(max) = shape.max.filter(|max| length > *max) {
        failed.push(format!(
            "Member must have length less than or equal to {}",
            number(max)
        ));
    }
    failed
}

fn range_constraints(shape: &Shape, value: f64) -> Vec<String> {
    let mut failed = Vec::new();
    if let Some(min) = shape.min.filter(|min| value < *min) {
        failed.push(format!(
            "Member must have value greater than or equal to {}",
            number(min)
        ));
    }
    if let Some(max) = shape.max.filter(|max| value > *max) {
        failed.push(format!(
            "Member must have value less than or equal to {}",
            number(max)
        ));
    }
    failed
}

/// Whether `text` matches the whole of `pattern` (Java's `matches`), or `None` when the
/// pattern uses what the regex crate lacks (look-around, back-references): then it is skipped.
/// Each pattern is compiled once; requests only take the read lock.
fn matches(pattern: &str, text: &str) -> Option<bool> {
    type Cache = RwLock<HashMap<String, Option<Regex>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Cache::default);
    let read = cache
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(regex) = read.get(pattern) {
        return regex.as_ref().map(|regex| regex.is_match(text));
    }
    drop(read);
    let regex = Regex::new(&format!("^(?:{})$", java_to_rust(pattern))).ok();
    let found = regex.as_ref().map(|regex| regex.is_match(text));
    let mut write = cache
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    write.insert(pattern.to_owned(), regex);
    found
}

/// A Java pattern in the regex crate's syntax, where the two differ in meaning: Java's `\d`,
/// `\w`, `\s` and POSIX classes (`\p{Print}`) are ASCII-only, and Java writes characters
/// beyond U+FFFF as surrogate pairs (`\uD800\uDC00`).
fn java_to_rust(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let escape = &rest[at..];
        let (replacement, used) = java_escape(escape);
        out.push_str(&replacement);
        rest = &escape[used..];
    }
    out.push_str(rest);
    out
}

/// The translation of the escape `escape` starts with, and how many bytes it used.
fn java_escape(escape: &str) -> (String, usize) {
    const CLASSES: [(&str, &str); 6] = [
        ("\\d", "[0-9]"),
        ("\\D", "[^0-9]"),
        ("\\w", "[a-zA-Z_0-9]"),
        ("\\W", "[^a-zA-Z_0-9]"),
        ("\\s", "[ \\t\\n\\x0B\\f\\r]"),
        ("\\S", "[^ \\t\\n\\x0B\\f\\r]"),
    ];
    const POSIX: [&str; 11] = [
        "Alpha", "Digit", "Alnum", "Upper", "Lower", "Punct", "Graph", "Print", "Blank", "Cntrl",
        "Space",
    ];
    if let Some((java, rust)) = CLASSES.iter().find(|(java, _)| escape.starts_with(java)) {
        return ((*rust).to_owned(), java.len());
    }
    for name in POSIX {
        if escape.starts_with(&format!("\\p{{{name}}}")) {
            return (
                format!("[[:{}:]]", name.to_ascii_lowercase()),
                name.len() + 4,
            );
        }
    }
    if let Some(c) = surrogate_pair(escape) {
        return (format!("\\x{{{:X}}}", c as u32), 12);
    }
    // Any other escape is copied whole, so `\\d` stays a backslash and a `d`.
    let next = escape[1..].chars().next().map_or(0, char::len_utf8);
    (escape[..1 + next].to_owned(), 1 + next)
}

/// The character a Java surrogate pair `\uD83D\uDE00` at the start of `escape` stands for.
fn surrogate_pair(escape: &str) -> Option<char> {
    let unit = |at: usize| {
        let digits = escape.get(at..at + 6)?.strip_prefix("\\u")?;
        u32::from_str_radix(digits, 16).ok()
    };
    let (high, low) = (unit(0)?, unit(6)?);
    if !(0xD800..0xDC00).contains(&high) || !(0xDC00..0xE000).contains(&low) {
        return None;
    }
    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
}

/// AWS's deserialization message for a value of the wrong JSON type.
fn type_mismatch(kind: ShapeKind, value: &Value) -> String {
    let token = match value {
        Value::Object(_) => return "Start of structure or map found where not expected.".into(),
        Value::Array(_) => return "Start of list found where not expected.".into(),
        Value::String(_) => "STRING_VALUE",
        Value::Number(_) => "NUMBER_VALUE",
        Value::Bool(_) => "BOOLEAN_VALUE",
        Value::Null => "NULL_VALUE",
    };
    let target = match kind {
        ShapeKind::Structure => "a Structure",
        ShapeKind::List => "a List",
        ShapeKind::Map => "a Map",
        ShapeKind::String => "a String",
        ShapeKind::Integer => "an Integer",
        ShapeKind::Long => "a Long",
        ShapeKind::Double => "a Double",
        ShapeKind::Float => "a Float",
        ShapeKind::Boolean => "a Boolean",
        ShapeKind::Timestamp => "a Date",
        ShapeKind::Blob => "a ByteBuffer",
    };
    format!("{token} can not be converted to {target}")
}

/// A value as AWS's (Java) messages print it: text bare, lists `[a, b]`, maps `{k=v}`,
/// structures `Tag(key=k, value=null)` with every member in model order. Sensitive members
/// inside are not echoed; nesting past [`MAX_DEPTH`] is elided.
fn render(model: &Model, reference: Option<&ShapeRef>, value: &Value, depth: usize) -> String {
    let shape = reference.and_then(|r| Some((r, model.shape_named(&r.shape)?)));
    let inner = |of: Option<&ShapeRef>, v: &Value| match depth < MAX_DEPTH {
        true => render(model, of, v, depth + 1),
        false => "...".to_owned(),
    };
    match (shape, value) {
        (Some((r, s)), Value::Object(members)) if s.kind == ShapeKind::Structure && !s.document => {
            let fields: Vec<String> = (s.members.iter())
                .map(|(name, member)| {
                    let text = match members.get(name).filter(|v| !v.is_null()) {
                        None => "null".to_owned(),
                        Some(_)
                            if model
                                .shape_named(&member.shape)
                                .is_some_and(|m| m.sensitive) =>
                        {
                            "*** Sensitive Data Redacted ***".to_owned()
                        }
                        Some(v) => inner(Some(member), v),
                    };
                    format!("{}={text}", first_lower(name))
                })
                .collect();
            format!("{}({})", r.shape, fields.join(", "))
        }
        (_, Value::Array(items)) => {
            let element = shape.and_then(|(_, s)| s.member.as_deref());
            let items: Vec<String> = items.iter().map(|v| inner(element, v)).collect();
            format!("[{}]", items.join(", "))
        }
        (_, Value::Object(entries)) => {
            let item = shape.and_then(|(_, s)| s.value.as_deref());
            let entries: Vec<String> = (entries.iter())
                .map(|(k, v)| format!("{k}={}", inner(item, v)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        (_, Value::String(text)) => text.clone(),
        (_, other) => other.to_string(),
    }
}

/// A bound from the model as AWS prints it: whole numbers without a fraction.
fn number(bound: f64) -> String {
    if bound.fract() == 0.0 && bound.abs() < 1e18 {
        format!("{}", bound as i64)
    } else {
        bound.to_string()
    }
}

fn join(path: &str, name: &str) -> String {
    match path.is_empty() {
        true => name.to_owned(),
        false => format!("{path}.{name}"),
    }
}

/// AWS's paths name members in lower camel case (`TableName` is `tableName`).
fn first_lower(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
