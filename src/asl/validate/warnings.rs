//! The WARNING diagnostics ValidateStateMachineDefinition reports (with `severity` WARNING):
//! fields that look like they were meant to be paths but are not read as paths.
//!
//! AWS documents three codes: `NO_DOLLAR` (a payload-template field whose value looks like a
//! path or intrinsic function but whose name does not end in `.$`), `NO_PATH` (a Choice
//! comparison whose value looks like a path but whose operator does not end in `Path`) and
//! `PASS_RESULT_IS_STATIC` (a path in a Pass state's `Result`). No recording shows AWS's
//! wording, so the messages are ours. JSONata states have no paths and get no warnings.

use super::ctx::{Ctx, child, element};
use super::{Diagnostic, Severity};
use serde_json::{Map, Value};

/// Templates whose members are evaluated only when their names end in `.$`.
const TEMPLATES: [&str; 4] = ["Parameters", "ResultSelector", "ItemSelector", "Assign"];

/// Records the warnings of every JSONPath state in `definition` (a parsed top-level object).
pub(super) fn check(ctx: &mut Ctx, definition: &Map<String, Value>) {
    let jsonata = definition.get("QueryLanguage").and_then(Value::as_str) == Some("JSONata");
    machine(ctx, definition, "/", jsonata);
}

fn machine(ctx: &mut Ctx, definition: &Map<String, Value>, loc: &str, jsonata: bool) {
    let Some(Value::Object(states)) = definition.get("States") else {
        return;
    };
    let states_loc = child(loc, "States");
    for (name, state) in states {
        let Value::Object(state) = state else {
            continue;
        };
        let loc = child(&states_loc, name);
        let state_jsonata = match state.get("QueryLanguage").and_then(Value::as_str) {
            Some(language) => language == "JSONata",
            None => jsonata,
        };
        if !state_jsonata {
            jsonpath_state(ctx, state, &loc);
        }
        if let Some(Value::Array(branches)) = state.get("Branches") {
            for (i, branch) in branches.iter().enumerate() {
                if let Value::Object(branch) = branch {
                    machine(ctx, branch, &element(&child(&loc, "Branches"), i), jsonata);
                }
            }
        }
        for key in ["ItemProcessor", "Iterator"] {
            if let Some(Value::Object(processor)) = state.get(key) {
                machine(ctx, processor, &child(&loc, key), jsonata);
            }
        }
    }
}

fn jsonpath_state(ctx: &mut Ctx, state: &Map<String, Value>, loc: &str) {
    for key in TEMPLATES {
        if let Some(template) = state.get(key) {
            no_dollar(ctx, template, &child(loc, key));
        }
    }
    if state.get("Type").and_then(Value::as_str) == Some("Pass")
        && let Some(result) = state.get("Result")
        && mentions_a_path(result)
    {
        warn(
            ctx,
            "PASS_RESULT_IS_STATIC",
            &child(loc, "Result"),
            "A Pass state's Result is used as it is: the paths in it are not evaluated",
        );
    }
    if let Some(Value::Array(choices)) = state.get("Choices") {
        for (i, rule) in choices.iter().enumerate() {
            no_path(ctx, rule, &element(&child(loc, "Choices"), i));
        }
    }
}

/// `NO_DOLLAR` for each member of the template `value` (at any depth) that should be `.$`.
fn no_dollar(ctx: &mut Ctx, value: &Value, loc: &str) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                let member_loc = child(loc, key);
                match member {
                    Value::String(s) if !key.ends_with(".$") && looks_like_a_path(s) => warn(
                        ctx,
                        "NO_DOLLAR",
                        &member_loc,
                        format!(
                            "The value of field '{key}' looks like a JSONPath or an intrinsic \
                             function, but the field name does not end with '.$'"
                        ),
                    ),
                    _ => no_dollar(ctx, member, &member_loc),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                no_dollar(ctx, item, &element(loc, i));
            }
        }
        _ => {}
    }
}

/// `NO_PATH` for each comparison in the Choice rule `rule` (nested rules included) whose
/// value looks like a path.
fn no_path(ctx: &mut Ctx, rule: &Value, loc: &str) {
    let Value::Object(rule) = rule else {
        return;
    };
    for (key, value) in rule {
        match (key.as_str(), value) {
            ("And" | "Or", Value::Array(rules)) => {
                for (i, nested) in rules.iter().enumerate() {
                    no_path(ctx, nested, &element(&child(loc, key), i));
                }
            }
            ("Not", nested) => no_path(ctx, nested, &child(loc, key)),
            ("Variable" | "Next" | "Comment" | "Assign" | "Condition", _) => {}
            (operator, Value::String(s)) if !operator.ends_with("Path") && looks_like_a_path(s) => {
                warn(
                    ctx,
                    "NO_PATH",
                    &child(loc, key),
                    format!(
                        "The value of field '{operator}' looks like a path, but the field name \
                         does not end with 'Path'"
                    ),
                );
            }
            _ => {}
        }
    }
}

/// Whether a static value holds a `.$` key or a path-like string anywhere.
fn mentions_a_path(value: &Value) -> bool {
    match value {
        Value::String(s) => looks_like_a_path(s),
        Value::Array(items) => items.iter().any(mentions_a_path),
        Value::Object(members) => members
            .iter()
            .any(|(key, member)| key.ends_with(".$") || mentions_a_path(member)),
        _ => false,
    }
}

/// `$`, `$.x`, `$[0]`, `$$.x`, or an intrinsic function call such as `States.Format(...)`.
fn looks_like_a_path(s: &str) -> bool {
    let intrinsic = s
        .strip_prefix("States.")
        .and_then(|rest| rest.split_once('('))
        .is_some_and(|(name, _)| !name.is_empty() && name.chars().all(char::is_alphanumeric));
    intrinsic
        || s == "$"
        || s == "$$"
        || ["$.", "$[", "$$.", "$$["].iter().any(|p| s.starts_with(p))
}

fn warn(ctx: &mut Ctx, code: &'static str, location: &str, message: impl Into<String>) {
    ctx.diagnostics.push(Diagnostic {
        severity: Severity::Warning,
        code,
        message: message.into(),
        location: Some(location.to_owned()),
    });
}

#[cfg(test)]
mod tests {
    use super::super::{MachineType, check as validate};
    use serde_json::json;

    /// `(code, location)` of each warning for `definition`.
    fn warnings(definition: serde_json::Value) -> Vec<(String, String)> {
        validate(&definition.to_string(), MachineType::Standard)
            .diagnostics
            .into_iter()
            .filter(|d| d.severity == super::Severity::Warning)
            .map(|d| (d.code.to_owned(), d.location.unwrap_or_default()))
            .collect()
    }

    fn pair(code: &str, location: &str) -> (String, String) {
        (code.to_owned(), location.to_owned())
    }

    #[test]
    fn templates_without_dollar_keys() {
        let definition = json!({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Parameters": {"a": "$.x", "ok.$": "$.y",
                "nested": {"f": "States.Format('{}', $.z)"}, "text": "cost: $5"}, "End": true}}});
        assert_eq!(
            warnings(definition),
            [
                pair("NO_DOLLAR", "/States/A/Parameters/a"),
                pair("NO_DOLLAR", "/States/A/Parameters/nested/f"),
            ]
        );
    }

    #[test]
    fn choice_values_that_look_like_paths() {
        let definition = json!({"StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [
                {"Variable": "$.a", "StringEquals": "$.b", "Next": "D"},
                {"Not": {"Variable": "$.a", "NumericEqualsPath": "$.c"}, "Next": "D"}],
                "Default": "D"},
            "D": {"Type": "Succeed"}}});
        assert_eq!(
            warnings(definition),
            [pair("NO_PATH", "/States/C/Choices[0]/StringEquals")]
        );
    }

    #[test]
    fn pass_results_are_static_and_jsonata_states_are_left_alone() {
        let definition = json!({"StartAt": "P", "States": {
            "P": {"Type": "Pass", "Result": {"a.$": "$.x"}, "Next": "Q"},
            "Q": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"a": "$.x"},
                "Next": "R"},
            "R": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "S", "States": {
                "S": {"Type": "Pass", "Result": "$.y", "End": true}}}]}}});
        assert_eq!(
            warnings(definition),
            [
                pair("PASS_RESULT_IS_STATIC", "/States/P/Result"),
                pair(
                    "PASS_RESULT_IS_STATIC",
                    "/States/R/Branches[0]/States/S/Result"
                ),
            ]
        );
    }
}
