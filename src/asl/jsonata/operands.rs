//! Operands checked before jsonata-core sees them, where its integer arithmetic overflows on
//! huge numbers that jsonata-js handles:
//! - the range operator measures `end - start + 1` in 64-bit integers (`[0..1e300]`);
//!   jsonata-js refuses such a range as too long (D2014). Each operand of `..` is wrapped in a
//!   call that refuses magnitudes past 2^62 (any range reaching them is far longer than the
//!   10,000,000 items allowed) and passes everything else through unchanged;
//! - `$substring(s, start, length)` adds start and length as integers; both are wrapped in a
//!   call that clamps them to ±2^31, which changes no result (no string is that long).
//!
//! The wrapping is done once, at parse time.

use jsonata_core::ast::AstNode;
use jsonata_core::evaluator::{EvaluatorError, HostFnResult};
use jsonata_core::value::JValue;
use serde_json::{Map, Value, json};

/// The function wrapped around range operands.
pub(super) const RANGE_OPERAND: &str = "__rangeOperand";

/// The function wrapped around `$substring`'s start and length.
pub(super) const INDEX: &str = "__index";

/// The magnitude `$substring` arguments are clamped to.
const LONGEST_STRING: f64 = 2_147_483_648.0; // 2^31

/// Operands whose magnitude reaches this are refused.
const LARGEST: f64 = 4_611_686_018_427_387_904.0; // 2^62

/// `ast` with every range operand and `$substring` index wrapped, and whether it had any. The tree is rewritten
/// through its serde form, which covers every kind of node; one that does not convert back
/// (none is known) is left as it was.
pub(super) fn bound(ast: AstNode) -> (AstNode, bool) {
    let Ok(mut tree) = serde_json::to_value(&ast) else {
        return (ast, false);
    };
    if !wrap(&mut tree) {
        return (ast, false);
    }
    match serde_json::from_value(tree) {
        Ok(bounded) => (bounded, true),
        Err(_) => (ast, false),
    }
}

/// Wraps the operands of every range and `$substring` in `tree`; whether there was one.
fn wrap(tree: &mut Value) -> bool {
    let found = wrap_range(tree) | wrap_substring(tree);
    let inner = match tree {
        Value::Object(members) => members.values_mut().fold(false, |f, v| wrap(v) | f),
        Value::Array(items) => items.iter_mut().fold(false, |f, v| wrap(v) | f),
        _ => false,
    };
    found | inner
}

fn wrap_range(tree: &mut Value) -> bool {
    let Some(binary) = tree.get_mut("Binary").and_then(Value::as_object_mut) else {
        return false;
    };
    if binary.get("op").and_then(Value::as_str) != Some("Range") {
        return false;
    }
    for side in ["lhs", "rhs"] {
        if let Some(operand) = binary.get_mut(side) {
            *operand = call(RANGE_OPERAND, operand.take());
        }
    }
    true
}

fn wrap_substring(tree: &mut Value) -> bool {
    let Some(function) = tree.get_mut("Function").and_then(Value::as_object_mut) else {
        return false;
    };
    let substring = function.get("name").and_then(Value::as_str) == Some("substring")
        && function.get("is_builtin") == Some(&Value::Bool(true));
    let Some(args) = function.get_mut("args").and_then(Value::as_array_mut) else {
        return false;
    };
    if !substring || args.len() < 2 {
        return false;
    }
    // A placeholder (`$substring(?, 0, ?)`) must stay one for partial application.
    for arg in args.iter_mut().skip(1).filter(|a| *a != "Placeholder") {
        *arg = call(INDEX, arg.take());
    }
    true
}

fn call(name: &str, operand: Value) -> Value {
    let mut function = Map::new();
    function.insert("name".into(), json!(name));
    function.insert("args".into(), json!([operand]));
    function.insert("is_builtin".into(), json!(true));
    json!({ "Function": function })
}

/// A wrapped range operand: unchanged, unless it is a number too large for any range.
pub(super) fn range_operand(args: &[JValue]) -> HostFnResult {
    match args.first() {
        Some(JValue::Number(n)) if n.abs() >= LARGEST => {
            Err(EvaluatorError::EvaluationError(format!(
                "D2014: The size of the sequence allocated by the range operator (..) must not exceed 1e7.  Attempted to allocate {n}."
            )))
        }
        Some(value) => Ok(value.clone()),
        None => Ok(JValue::Undefined),
    }
}

/// A wrapped `$substring` start or length: numbers clamped to ±2^31, the rest unchanged.
pub(super) fn index(args: &[JValue]) -> HostFnResult {
    match args.first() {
        Some(JValue::Number(n)) => Ok(JValue::Number(n.clamp(-LONGEST_STRING, LONGEST_STRING))),
        Some(value) => Ok(value.clone()),
        None => Ok(JValue::Undefined),
    }
}
