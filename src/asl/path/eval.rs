//! Evaluation of parsed paths: node selection, filters, Jayway's definite-path errors and
//! ResultPath-style writes.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::parse::{CmpOp, Filter, Operand, Segment, Selector, Slice};
use super::{Root, Roots};

/// Why a definite walk stopped: Jayway's reason text and the step that could not be applied.
pub(super) struct Miss {
    pub(super) reason: String,
    pub(super) step: String,
}

/// The value a root stands for, if it exists (an unassigned variable does not).
pub(super) fn root_value<'v>(root: &Root, roots: &Roots<'v>) -> Option<&'v Value> {
    match root {
        Root::Input => Some(roots.input),
        Root::Context => Some(roots.context),
        Root::Variable(name) => roots.variables.variable(name),
    }
}

/// Jayway's notion of definite: only names and single indices; a name union only as the leaf.
pub(super) fn is_definite(segments: &[Segment]) -> bool {
    let last = segments.len().saturating_sub(1);
    segments.iter().enumerate().all(|(i, seg)| match seg {
        Segment::Child(Selector::Name(_) | Selector::Index(_)) => true,
        Segment::Child(Selector::Names(_)) => i == last,
        _ => false,
    })
}

/// Appends to `out` every node that `segments` select from `node`, in document order.
pub(super) fn select<'v>(
    segments: &[Segment],
    node: &'v Value,
    roots: &Roots<'v>,
    out: &mut Vec<&'v Value>,
) {
    let Some((first, rest)) = segments.split_first() else {
        out.push(node);
        return;
    };
    let mut hits = Vec::new();
    match first {
        Segment::Child(sel) => apply(sel, node, roots, &mut hits),
        Segment::Descendant(sel) => descend(sel, node, roots, &mut hits),
    }
    for hit in hits {
        select(rest, hit, roots, out);
    }
}

fn apply<'v>(sel: &Selector, node: &'v Value, roots: &Roots<'v>, out: &mut Vec<&'v Value>) {
    match (sel, node) {
        (Selector::Name(name), Value::Object(map)) => out.extend(map.get(name)),
        (Selector::Names(names), Value::Object(map)) => {
            out.extend(names.iter().filter_map(|n| map.get(n)));
        }
        (Selector::Index(i), Value::Array(items)) => out.extend(element(items, *i)),
        (Selector::Indices(indices), Value::Array(items)) => {
            out.extend(indices.iter().filter_map(|i| element(items, *i)));
        }
        (Selector::Wildcard, Value::Object(map)) => out.extend(map.values()),
        (Selector::Wildcard, Value::Array(items)) => out.extend(items),
        (Selector::Slice(slice), Value::Array(items)) => {
            out.extend(
                slice_indices(slice, items.len())
                    .into_iter()
                    .filter_map(|i| items.get(i)),
            );
        }
        (Selector::Filter(f), Value::Array(items)) => {
            out.extend(items.iter().filter(|item| test(f, item, roots)));
        }
        // Jayway tests an object itself against a filter rather than rejecting it.
        (Selector::Filter(f), Value::Object(_)) if test(f, node, roots) => out.push(node),
        _ => {}
    }
}

/// `..`: the selector applies to `node` and then to every container below it, depth first.
fn descend<'v>(sel: &Selector, node: &'v Value, roots: &Roots<'v>, out: &mut Vec<&'v Value>) {
    // Jayway reaches array elements through the scan itself, so a filter only tests objects
    // here; testing elements from their array as well would report each match twice.
    match (sel, node) {
        (Selector::Filter(f), Value::Object(_)) if test(f, node, roots) => out.push(node),
        (Selector::Filter(_), _) => {}
        _ => apply(sel, node, roots, out),
    }
    let children: Box<dyn Iterator<Item = &'v Value>> = match node {
        Value::Object(map) => Box::new(map.values()),
        Value::Array(items) => Box::new(items.iter()),
        _ => return,
    };
    for child in children.filter(|c| c.is_object() || c.is_array()) {
        descend(sel, child, roots, out);
    }
}

/// The element at `index`, counting from the end when negative.
pub(super) fn element(items: &[Value], index: i64) -> Option<&Value> {
    items.get(resolve_index(index, items.len())?)
}

fn resolve_index(index: i64, len: usize) -> Option<usize> {
    if index >= 0 {
        usize::try_from(index).ok()
    } else {
        len.checked_sub(usize::try_from(index.unsigned_abs()).ok()?)
    }
}

/// The indices a slice selects, with Python's clamping rules.
fn slice_indices(slice: &Slice, len: usize) -> Vec<usize> {
    let len = i64::try_from(len).unwrap_or(i64::MAX);
    let norm = |i: i64| if i < 0 { i.saturating_add(len) } else { i };
    let (start, end) = if slice.step > 0 {
        (
            slice.start.map_or(0, norm).clamp(0, len),
            slice.end.map_or(len, norm).clamp(0, len),
        )
    } else {
        let last = len - 1;
        (
            slice.start.map_or(last, norm).clamp(-1, last),
            slice.end.map_or(-1, norm).clamp(-1, last),
        )
    };
    let mut out = Vec::new();
    let mut i = start;
    while (slice.step > 0 && i < end) || (slice.step < 0 && i > end) {
        out.extend(usize::try_from(i).ok());
        i = i.saturating_add(slice.step);
    }
    out
}

fn test(filter: &Filter, node: &Value, roots: &Roots<'_>) -> bool {
    match filter {
        Filter::Or(a, b) => test(a, node, roots) || test(b, node, roots),
        Filter::And(a, b) => test(a, node, roots) && test(b, node, roots),
        Filter::Not(inner) => !test(inner, node, roots),
        Filter::Exists(operand) => exists(operand, node, roots),
        Filter::Compare(left, op, right) => {
            let left = resolve(left, node, roots);
            let right = resolve(right, node, roots);
            compare(left.as_deref(), *op, right.as_deref())
        }
    }
}

fn exists(operand: &Operand, node: &Value, roots: &Roots<'_>) -> bool {
    let (start, segments) = match operand {
        Operand::Current(segments) => (Some(node), segments),
        Operand::Rooted(root, segments) => (root_value(root, roots), segments),
        Operand::Literal(_) => return true,
    };
    let mut hits = Vec::new();
    if let Some(start) = start {
        select(segments, start, roots, &mut hits);
    }
    !hits.is_empty()
}

/// The value of one side of a comparison; `None` when a definite path selects nothing.
fn resolve<'a>(operand: &'a Operand, node: &'a Value, roots: &Roots<'a>) -> Option<Cow<'a, Value>> {
    let (start, segments) = match operand {
        Operand::Literal(value) => return Some(Cow::Borrowed(value)),
        Operand::Current(segments) => (node, segments),
        Operand::Rooted(root, segments) => (root_value(root, roots)?, segments),
    };
    let mut hits = Vec::new();
    select(segments, start, roots, &mut hits);
    if is_definite(segments) {
        hits.first().map(|v| Cow::Borrowed(*v))
    } else {
        Some(Cow::Owned(Value::Array(
            hits.into_iter().cloned().collect(),
        )))
    }
}

fn compare(left: Option<&Value>, op: CmpOp, right: Option<&Value>) -> bool {
    let ordering = || match (left?, right?) {
        (Value::Number(a), Value::Number(b)) => a.as_f64()?.partial_cmp(&b.as_f64()?),
        // Java's String.compareTo orders by UTF-16 code units.
        (Value::String(a), Value::String(b)) => Some(a.encode_utf16().cmp(b.encode_utf16())),
        _ => None,
    };
    match op {
        CmpOp::Eq => equal(left, right),
        CmpOp::Ne => !equal(left, right),
        CmpOp::Lt => ordering() == Some(Ordering::Less),
        CmpOp::Le => matches!(ordering(), Some(Ordering::Less | Ordering::Equal)),
        CmpOp::Gt => ordering() == Some(Ordering::Greater),
        CmpOp::Ge => matches!(ordering(), Some(Ordering::Greater | Ordering::Equal)),
        CmpOp::In => contains(right, left),
        CmpOp::Nin => !contains(right, left),
    }
}

fn equal(left: Option<&Value>, right: Option<&Value>) -> bool {
    match (left, right) {
        (Some(Value::Number(a)), Some(Value::Number(b))) => a.as_f64() == b.as_f64(),
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

fn contains(list: Option<&Value>, item: Option<&Value>) -> bool {
    match list {
        Some(Value::Array(items)) => items.iter().any(|v| equal(Some(v), item)),
        _ => false,
    }
}

/// Jayway's normalized form of a root, e.g. `$`.
pub(super) fn render_root(root: &Root) -> String {
    match root {
        Root::Input => "$".to_owned(),
        Root::Context => "$$".to_owned(),
        Root::Variable(name) => format!("${name}"),
    }
}

/// Appends Jayway's normalized form of one segment, e.g. `['a']` or `[0]`.
pub(super) fn render_segment(segment: &Segment, out: &mut String) {
    let sel = match segment {
        Segment::Child(sel) => sel,
        Segment::Descendant(sel) => {
            out.push_str("..");
            sel
        }
    };
    let text = match sel {
        Selector::Name(name) => format!("['{name}']"),
        Selector::Names(names) => format!("['{}']", names.join("', '")),
        Selector::Index(i) => format!("[{i}]"),
        Selector::Indices(indices) => {
            let parts: Vec<String> = indices.iter().map(i64::to_string).collect();
            format!("[{}]", parts.join(","))
        }
        Selector::Wildcard => "[*]".to_owned(),
        Selector::Slice(s) => render_slice(s),
        Selector::Filter(_) => "[?]".to_owned(),
    };
    out.push_str(&text);
}

fn render_slice(slice: &Slice) -> String {
    let bound = |b: Option<i64>| b.map(|i| i.to_string()).unwrap_or_default();
    let step = if slice.step == 1 {
        String::new()
    } else {
        format!(":{}", slice.step)
    };
    format!("[{}:{}{step}]", bound(slice.start), bound(slice.end))
}

/// The text of a name or index step, as AWS quotes it in `Unable to apply step "x"`.
pub(super) fn step_text(segment: &Segment) -> String {
    match segment {
        Segment::Child(Selector::Name(name)) => name.clone(),
        other => {
            let mut out = String::new();
            render_segment(other, &mut out);
            out.trim_start_matches('[').trim_end_matches(']').to_owned()
        }
    }
}

/// Walks a definite path (names and indices only) with Jayway's errors for misses.
///
/// `full` is the normalized text of the whole path, which Jayway quotes when the leaf is absent.
pub(super) fn walk<'v>(
    root: &Root,
    segments: &[Segment],
    start: &'v Value,
    full: &str,
) -> Result<&'v Value, Miss> {
    let mut at = render_root(root);
    let mut node = start;
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        let before = at.clone();
        render_segment(segment, &mut at);
        let miss = |reason: String| Miss {
            reason,
            step: step_text(segment),
        };
        node = match (segment, node) {
            (Segment::Child(Selector::Name(name)), Value::Object(map)) => match map.get(name) {
                Some(child) => child,
                None if i == last => return Err(miss(format!("No results for path: {full}"))),
                None => return Err(miss(format!("Missing property in path {at}"))),
            },
            (Segment::Child(Selector::Name(_)), other) => {
                let fragment = at.get(before.len()..).unwrap_or("");
                return Err(miss(not_an_object(fragment, &before, other)));
            }
            (Segment::Child(Selector::Index(index)), Value::Array(items)) => {
                match element(items, *index) {
                    Some(child) => child,
                    None => return Err(miss(format!("No results for path: {full}"))),
                }
            }
            (Segment::Child(Selector::Index(_)), Value::Null) => {
                return Err(miss(format!("The path {before} is null")));
            }
            (Segment::Child(Selector::Index(index)), other) => {
                return Err(miss(format!(
                    "Filter: [{index}] can only be applied to arrays. Current context is: {other}"
                )));
            }
            _ => return Err(miss(format!("No results for path: {full}"))),
        };
    }
    Ok(node)
}

/// Jayway's text for reading a property of something that is not an object.
pub(super) fn not_an_object(fragment: &str, at: &str, found: &Value) -> String {
    format!(
        "Expected to find an object with property {fragment} in path {at} but found '{}'. This is \
         not a json object according to the JsonProvider: \
         'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.",
        java_class(found)
    )
}

/// The Java class Jackson maps a JSON value to; Jayway names it in its errors.
fn java_class(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "java.lang.Boolean",
        Value::Number(n) if n.as_i64().is_some_and(|i| i32::try_from(i).is_ok()) => {
            "java.lang.Integer"
        }
        Value::Number(n) if n.is_i64() || n.is_u64() => "java.lang.Long",
        Value::Number(_) => "java.lang.Double",
        Value::String(_) => "java.lang.String",
        Value::Array(_) => "java.util.ArrayList",
        Value::Object(_) => "java.util.LinkedHashMap",
    }
}

/// Merges the named properties of an object into a new object (Jayway's multi-property leaf);
/// absent names are skipped.
pub(super) fn merge_names(names: &[String], node: &Value) -> Option<Value> {
    let map = node.as_object()?;
    let merged: Map<String, Value> = names
        .iter()
        .filter_map(|n| Some((n.clone(), map.get(n)?.clone())))
        .collect();
    Some(Value::Object(merged))
}

/// Writes `value` at a reference path, creating missing objects on the way.
///
/// Fails with the text of the step that cannot be applied, before changing anything.
pub(super) fn write(segments: &[Segment], target: &mut Value, value: Value) -> Result<(), String> {
    let Some((last, init)) = segments.split_last() else {
        *target = value;
        return Ok(());
    };
    let mut node = target;
    for (i, segment) in init.iter().enumerate() {
        node = match (segment, node) {
            (Segment::Child(Selector::Name(name)), Value::Object(map)) => {
                if !map.contains_key(name) {
                    return create_chain(map, segments.get(i..).unwrap_or_default(), value);
                }
                map.get_mut(name).ok_or_else(|| step_text(segment))?
            }
            (Segment::Child(Selector::Index(index)), Value::Array(items)) => {
                let slot = resolve_index(*index, items.len());
                slot.and_then(|s| items.get_mut(s))
                    .ok_or_else(|| step_text(segment))?
            }
            _ => return Err(step_text(segment)),
        };
    }
    match (last, node) {
        (Segment::Child(Selector::Name(name)), Value::Object(map)) => {
            map.insert(name.clone(), value);
            Ok(())
        }
        (Segment::Child(Selector::Index(index)), Value::Array(items)) => {
            let slot = resolve_index(*index, items.len()).and_then(|s| items.get_mut(s));
            *slot.ok_or_else(|| step_text(last))? = value;
            Ok(())
        }
        _ => Err(step_text(last)),
    }
}

/// Creates `rest` (whose first name is missing from `map`) as nested objects holding `value`.
/// Only names can be created: an index into a new object fails.
fn create_chain(
    map: &mut Map<String, Value>,
    rest: &[Segment],
    value: Value,
) -> Result<(), String> {
    let mut names = Vec::with_capacity(rest.len());
    for segment in rest {
        match segment {
            Segment::Child(Selector::Name(name)) => names.push(name),
            other => return Err(step_text(other)),
        }
    }
    let Some((first, inner)) = names.split_first() else {
        return Ok(());
    };
    let nested = inner.iter().rev().fold(value, |acc, name| {
        Value::Object(Map::from_iter([((*name).clone(), acc)]))
    });
    map.insert((*first).clone(), nested);
    Ok(())
}
