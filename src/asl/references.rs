//! The workflow variables each state reads: DescribeStateMachine's `variableReferences`.
//!
//! Worked out from the definition's JSON, which has already passed validation: in a JSONPath
//! state, the `$name` roots of its paths (fields named `...Path` or `Variable`, and values of
//! `.$` keys, intrinsic-function arguments included); in a JSONata state, the `$name`s its
//! `{% %}` expressions read, less `$states`. A state's nested Parallel branches and Map
//! processors are states of their own, listed under their own names (names are unique in the
//! whole machine).

use super::definition::JsonataExpr;
use super::intrinsic::Intrinsic;
use super::path::{Path, Root};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The fields holding nested state machines, walked as machines rather than as values.
const NESTED: [&str; 3] = ["Branches", "ItemProcessor", "Iterator"];

/// For every state that reads a variable, the names it reads (sorted); states that read none
/// are left out, as AWS leaves them out.
pub fn variable_references(definition: &Value) -> BTreeMap<String, Vec<String>> {
    let jsonata = definition.get("QueryLanguage").and_then(Value::as_str) == Some("JSONata");
    let mut out = BTreeMap::new();
    machine(definition, jsonata, &mut out);
    out
}

/// Every state of `definition` (a machine: an object with `States`) and of the machines nested in them.
/// `jsonata` is the machine-wide query language, which nested machines inherit.
fn machine(definition: &Value, jsonata: bool, out: &mut BTreeMap<String, Vec<String>>) {
    let Some(Value::Object(states)) = definition.get("States") else {
        return;
    };
    for (name, state) in states {
        let Value::Object(fields) = state else {
            continue;
        };
        let state_jsonata = match fields.get("QueryLanguage").and_then(Value::as_str) {
            Some(language) => language == "JSONata",
            None => jsonata,
        };
        let mut names = BTreeSet::new();
        for (key, value) in fields.iter().filter(|(k, _)| !NESTED.contains(&k.as_str())) {
            if state_jsonata {
                expressions(value, &mut names);
            } else {
                paths(key, value, &mut names);
            }
        }
        if !names.is_empty() {
            out.insert(name.clone(), names.into_iter().collect());
        }
        for nested in NESTED.iter().filter_map(|key| fields.get(*key)) {
            match nested {
                Value::Array(branches) => branches.iter().for_each(|b| machine(b, jsonata, out)),
                processor => machine(processor, jsonata, out),
            }
        }
    }
}

/// Variables read by the `{% %}` expressions anywhere in `value`.
fn expressions(value: &Value, names: &mut BTreeSet<String>) {
    match value {
        Value::String(s) => {
            let Some(expr) = JsonataExpr::from_delimited(s) else {
                return;
            };
            if let Ok(parsed) = expr.parsed() {
                names.extend(
                    parsed
                        .variable_references()
                        .filter(|name| *name != "states" && !name.is_empty())
                        .map(str::to_owned),
                );
            }
        }
        Value::Array(items) => items.iter().for_each(|item| expressions(item, names)),
        Value::Object(members) => members.values().for_each(|m| expressions(m, names)),
        _ => {}
    }
}

/// Variables read by the paths in the JSONPath field `key` = `value`: a path field, a `.$` key
/// of a template, or (inside objects and arrays) the same at any depth.
fn paths(key: &str, value: &Value, names: &mut BTreeSet<String>) {
    match value {
        Value::String(s) if key.ends_with(".$") || key.ends_with("Path") || key == "Variable" => {
            path_variables(s, names);
        }
        Value::Array(items) => items.iter().for_each(|item| paths(key, item, names)),
        Value::Object(members) => members.iter().for_each(|(k, m)| paths(k, m, names)),
        _ => {}
    }
}

/// The variable a path starts from, or those an intrinsic function's path arguments start from.
fn path_variables(source: &str, names: &mut BTreeSet<String>) {
    let roots: Vec<Root> = if source.starts_with("States.") {
        Intrinsic::parse(source)
            .map(|call| call.paths().into_iter().map(|p| p.root().clone()).collect())
            .unwrap_or_default()
    } else {
        Path::parse(source)
            .map(|p| vec![p.root().clone()])
            .unwrap_or_default()
    };
    names.extend(roots.into_iter().filter_map(|root| match root {
        Root::Variable(name) => Some(name),
        Root::Input | Root::Context => None,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn refs(definition: Value) -> Value {
        json!(variable_references(&definition))
    }

    #[test]
    fn jsonpath_paths_templates_intrinsics_and_choice_rules() {
        let definition = json!({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "B"},
            "B": {"Type": "Pass", "InputPath": "$x", "Parameters": {
                "a.$": "$y.field", "b.$": "States.Format('{} {}', $z, $.in)",
                "literal": "$notAPath", "nested": {"c.$": "$w[0]"}}, "Next": "C"},
            "C": {"Type": "Choice", "Choices": [
                {"Variable": "$v", "StringEqualsPath": "$u", "Next": "D"},
                {"Not": {"Variable": "$.a", "IsPresent": true}, "Next": "D"}],
                "Default": "D"},
            "D": {"Type": "Wait", "SecondsPath": "$secs", "Next": "E"},
            "E": {"Type": "Succeed", "OutputPath": "$$.Execution.Input"}
        }});
        assert_eq!(
            refs(definition),
            json!({"B": ["w", "x", "y", "z"], "C": ["u", "v"], "D": ["secs"]})
        );
    }

    #[test]
    fn jsonata_expressions_less_states() {
        let definition = json!({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
            "A": {"Type": "Pass", "Output": {"a": "{% $states.input.a + $x %}",
                "list": ["{% $y %}", "plain $z"]}, "Assign": {"n": "{% $count + 1 %}"},
                "Next": "B"},
            "B": {"Type": "Choice", "Choices": [{"Condition": "{% $flag %}", "Next": "C"}],
                "Default": "C"},
            "C": {"Type": "Succeed", "Output": "{% $states.input %}"}
        }});
        assert_eq!(
            refs(definition),
            json!({"A": ["count", "x", "y"], "B": ["flag"]})
        );
    }

    #[test]
    fn nested_states_are_listed_under_their_own_names_in_the_inherited_language() {
        let definition = json!({"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "End": true, "ResultSelector": {"r.$": "$outer"},
                "Branches": [{"StartAt": "B1", "States": {
                    "B1": {"Type": "Pass", "OutputPath": "$inner", "End": true}}}]},
            "M": {"Type": "Map", "End": true, "QueryLanguage": "JSONata",
                "ItemProcessor": {"StartAt": "I", "States": {
                    "I": {"Type": "Pass", "QueryLanguage": "JSONata",
                        "Output": "{% $item %}", "End": true},
                    "J": {"Type": "Pass", "Parameters": {"a.$": "$j"}, "End": true}}}}
        }});
        assert_eq!(
            refs(definition),
            json!({"P": ["outer"], "B1": ["inner"], "I": ["item"], "J": ["j"]})
        );
    }

    #[test]
    fn a_machine_without_variables_has_no_references() {
        let definition = json!({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Parameters": {"a.$": "$.a", "b.$": "$$.State.Name"},
                "End": true}}});
        assert_eq!(refs(definition), json!({}));
    }
}
