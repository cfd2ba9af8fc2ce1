//! Choice states and their rules.

use super::ctx::{Ctx, Obj, element};
use super::graph::Scope;
use super::paths;
use crate::asl::choice::parse_timestamp;
use crate::asl::definition::{
    Choice, ChoiceRule, Comparator, Comparison, Condition, JsonataExpr, Operand, QueryLanguage,
    ValueOrExpr,
};
use serde_json::Value;

const JSONPATH_RULE: &[&str] = &["Variable", "And", "Or", "Not", "Next", "Comment", "Assign"];
const NESTED_RULE: &[&str] = &["Variable", "And", "Or", "Not", "Comment"];
const JSONATA_RULE: &[&str] = &["Condition", "Next", "Comment", "Assign", "Output"];

/// Reads `Choices` and `Default`; their targets go into `graph`.
pub(super) fn choice(
    ctx: &mut Ctx,
    name: &str,
    obj: &Obj,
    language: QueryLanguage,
    graph: &mut Scope,
) -> Option<Choice> {
    obj.require(ctx, &["Choices"]);
    let errors = ctx.error_count();
    let mut choices = Vec::new();
    if let Some(items) = obj.array(ctx, "Choices", true) {
        let loc = obj.at("Choices");
        for (i, value) in items.iter().enumerate() {
            if let Some(rule) = top_rule(ctx, name, value, element(&loc, i), language, graph) {
                choices.push(rule);
            }
        }
    }
    let default = obj.non_empty_string(ctx, "Default").map(str::to_owned);
    if let Some(d) = &default {
        graph.edge(name, d, obj.at("Default"));
    }
    (ctx.error_count() == errors).then_some(Choice { choices, default })
}

/// Reports, at the rule, each field of the other query language (JSONata rules have no
/// `Variable`, operators or combinators; JSONPath rules have no `Condition` or `Output`), and
/// returns them so they are not also reported as unsupported.
fn foreign_fields<'a>(ctx: &mut Ctx, rule: &Obj<'a>, language: QueryLanguage) -> Vec<&'a str> {
    let (set, other) = match language {
        QueryLanguage::JsonPath => ("JSONPath", "JSONata"),
        QueryLanguage::Jsonata => ("JSONata", "JSONPath"),
    };
    let foreign: Vec<&str> = rule
        .map
        .keys()
        .map(String::as_str)
        .filter(|k| match language {
            QueryLanguage::JsonPath => ["Condition", "Output"].contains(k),
            QueryLanguage::Jsonata => {
                NESTED_RULE[..4].contains(k) || Comparator::from_field(k).is_some()
            }
        })
        .collect();
    for key in &foreign {
        let message = format!(
            "The QueryLanguage is set to '{set}', but field '{key}' is only supported for the '{other}' QueryLanguage"
        );
        ctx.schema(&rule.loc, message);
    }
    foreign
}

fn as_obj<'a>(ctx: &mut Ctx, value: &'a Value, loc: String) -> Option<Obj<'a>> {
    match value {
        Value::Object(map) => Some(Obj::new(map, loc)),
        _ => {
            ctx.schema(&loc, "Expected value of type [OBJECT]");
            None
        }
    }
}

fn top_rule(
    ctx: &mut Ctx,
    name: &str,
    value: &Value,
    loc: String,
    language: QueryLanguage,
    graph: &mut Scope,
) -> Option<ChoiceRule> {
    let rule = as_obj(ctx, value, loc)?;
    let next = rule.non_empty_string(ctx, "Next");
    if let Some(next) = next {
        graph.edge(name, next, rule.at("Next"));
    }
    let (condition, output) = match language {
        QueryLanguage::JsonPath => (comparison_rule(ctx, &rule, true), None),
        QueryLanguage::Jsonata => (jsonata_rule(ctx, &rule), paths::jsonata(&rule, "Output")),
    };
    let assign = paths::assign(ctx, &rule, language);
    let comment = rule.string(ctx, "Comment").map(str::to_owned);
    Some(ChoiceRule {
        condition: condition?,
        next: next?.to_owned(),
        assign,
        output,
        comment,
    })
}

fn jsonata_rule(ctx: &mut Ctx, rule: &Obj) -> Option<Condition> {
    let foreign = foreign_fields(ctx, rule, QueryLanguage::Jsonata);
    rule.reject_unknown(ctx, &[JSONATA_RULE, &foreign].concat());
    rule.require(ctx, &["Condition", "Next"]);
    match rule.get("Condition")? {
        Value::Bool(b) => Some(Condition::Jsonata(ValueOrExpr::Value(*b))),
        Value::String(s) => match JsonataExpr::from_delimited(s) {
            Some(e) => Some(Condition::Jsonata(ValueOrExpr::Expr(e))),
            None => bad_condition(ctx, rule),
        },
        _ => bad_condition(ctx, rule),
    }
}

fn bad_condition(ctx: &mut Ctx, rule: &Obj) -> Option<Condition> {
    ctx.schema(&rule.at("Condition"), "Expected value of type [BOOLEAN]");
    None
}

/// A JSONPath rule: exactly one of a comparison, `And`, `Or`, `Not`. Only top-level rules
/// have `Next` (and `Assign`).
fn comparison_rule(ctx: &mut Ctx, rule: &Obj, top: bool) -> Option<Condition> {
    let foreign = foreign_fields(ctx, rule, QueryLanguage::JsonPath);
    let operators: Vec<(&str, Comparator, bool)> = rule
        .map
        .keys()
        .filter_map(|k| Comparator::from_field(k).map(|(c, p)| (k.as_str(), c, p)))
        .collect();
    let base: &[&str] = if top { JSONPATH_RULE } else { NESTED_RULE };
    let mut allowed: Vec<&str> = base.iter().chain(&foreign).copied().collect();
    allowed.extend(operators.iter().map(|(k, _, _)| *k));
    rule.reject_unknown(ctx, &allowed);
    if top {
        rule.require(ctx, &["Next"]);
    }
    let combinators: Vec<&str> = ["And", "Or", "Not"]
        .into_iter()
        .filter(|k| rule.has(k))
        .collect();
    if operators.len() + combinators.len() != 1 {
        ctx.schema(
            &rule.loc,
            "A Choice rule must have exactly one comparison operator or one of [And, Or, Not]",
        );
        return None;
    }
    match combinators.first() {
        Some(&"Not") => not_rule(ctx, rule),
        Some(&key) => and_or(ctx, rule, key),
        None => comparison(ctx, rule, operators[0]),
    }
}

fn not_rule(ctx: &mut Ctx, rule: &Obj) -> Option<Condition> {
    if rule.has("Variable") {
        ctx.schema(&rule.loc, "Field 'Variable' is not supported");
    }
    let inner = as_obj(ctx, rule.get("Not")?, rule.at("Not"))?;
    comparison_rule(ctx, &inner, false).map(|c| Condition::Not(Box::new(c)))
}

fn and_or(ctx: &mut Ctx, rule: &Obj, key: &str) -> Option<Condition> {
    if rule.has("Variable") {
        ctx.schema(&rule.loc, "Field 'Variable' is not supported");
    }
    let items = rule.array(ctx, key, true)?;
    let loc = rule.at(key);
    let inner: Vec<Option<Condition>> = items
        .iter()
        .enumerate()
        .map(|(i, v)| {
            as_obj(ctx, v, element(&loc, i)).and_then(|o| comparison_rule(ctx, &o, false))
        })
        .collect();
    let inner = inner.into_iter().collect::<Option<Vec<_>>>()?;
    Some(if key == "And" {
        Condition::And(inner)
    } else {
        Condition::Or(inner)
    })
}

fn comparison(
    ctx: &mut Ctx,
    rule: &Obj,
    (key, comparator, is_path): (&str, Comparator, bool),
) -> Option<Condition> {
    if !rule.require(ctx, &["Variable"]) {
        return None;
    }
    let variable = paths::path(ctx, rule, "Variable");
    let operand = if is_path {
        paths::path(ctx, rule, key).map(Operand::Path)
    } else {
        operand(ctx, rule, key, comparator)
    };
    Some(Condition::Compare(Comparison {
        variable: variable?,
        comparator,
        operand: operand?,
    }))
}

fn operand(ctx: &mut Ctx, rule: &Obj, key: &str, comparator: Comparator) -> Option<Operand> {
    let name = comparator.name();
    if name.starts_with("Numeric") {
        rule.number(ctx, key, f64::MIN, f64::MAX)
            .map(Operand::Number)
    } else if name.starts_with("Timestamp") {
        timestamp(ctx, rule, key)
    } else if name.starts_with("String") {
        rule.string(ctx, key).map(|s| Operand::String(s.to_owned()))
    } else {
        rule.boolean(ctx, key).map(Operand::Boolean)
    }
}

/// A `Timestamp...` operand: a string that is a timestamp (RFC 3339, uppercase `T`, `Z` or an
/// offset), which the specification requires of the literal. The wording is a guess, the
/// same as for a Wait state's `Timestamp`; a `...Path` operand's value that is not one just
/// does not match at run time (specification: type mismatches are not errors).
fn timestamp(ctx: &mut Ctx, rule: &Obj, key: &str) -> Option<Operand> {
    let text = rule.string(ctx, key)?;
    if parse_timestamp(text).is_none() {
        let message = format!(
            "The value for the field '{key}' must be a valid ISO-8601 extended offset date-time format string"
        );
        ctx.schema(&rule.at(key), message);
        return None;
    }
    Some(Operand::String(text.to_owned()))
}
