//! JSONPath data flow: payload templates and the per-state processing steps.
//!
//! AWS's order is InputPath -> Parameters -> (the state's work) -> ResultSelector ->
//! ResultPath -> OutputPath. [`effective_input`] runs the first two, [`state_output`] the last
//! three; the single steps are public for states that use only some of them (a Choice state
//! has InputPath and OutputPath only). Every step fails with data ([`Failure`]), never a panic.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::asl::definition::{JsonPathFlow, PathField, Payload};
use crate::asl::errors::{Failure, RESULT_PATH_MATCH_FAILURE};
use crate::asl::intrinsic::{IntrinsicEnv, IntrinsicEvalError};
use crate::asl::path::{Path, ReferencePath, Root, Roots};

/// Evaluates a payload template (`Parameters`, `ResultSelector`, `ItemSelector`, `Assign`):
/// `.$` values are looked up or called against `roots`, everything else is copied.
///
/// A path that selects nothing fails with `States.Runtime` and AWS's cause
/// `The JSONPath '$.x' specified for the field 'value.$' could not be found in the input '<json>'`
/// (observed; not `States.ParameterPathFailure` as the docs say).
pub fn evaluate(
    payload: &Payload,
    roots: &Roots<'_>,
    env: &mut dyn IntrinsicEnv,
) -> Result<Value, Failure> {
    eval_node(payload, "", roots, env)
}

/// `field` is the output key of the nearest enclosing object entry, for error messages.
fn eval_node(
    payload: &Payload,
    field: &str,
    roots: &Roots<'_>,
    env: &mut dyn IntrinsicEnv,
) -> Result<Value, Failure> {
    match payload {
        Payload::Literal(value) => Ok(value.clone()),
        Payload::Object(entries) => {
            let mut map = Map::with_capacity(entries.len());
            for (key, value) in entries {
                map.insert(key.clone(), eval_node(value, key, roots, env)?);
            }
            Ok(Value::Object(map))
        }
        Payload::Array(items) => items
            .iter()
            .map(|item| eval_node(item, field, roots, env))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        Payload::Path(path) => eval_field_path(path, field, roots),
        Payload::Intrinsic(call) => call.eval(roots, env).map_err(intrinsic_failure),
    }
}

fn eval_field_path(path: &Path, field: &str, roots: &Roots<'_>) -> Result<Value, Failure> {
    let error = match path.eval(roots) {
        Ok(value) => return Ok(value.into_owned()),
        Err(error) => error,
    };
    let searched = match path.root() {
        Root::Input => Some(roots.input),
        Root::Context => Some(roots.context),
        Root::Variable(name) => roots.variables.variable(name),
    };
    let Some(searched) = searched else {
        // An unassigned variable: no recorded AWS wording, so Jayway's reason is passed on.
        return Err(Failure::runtime(error.to_string()));
    };
    Err(Failure::runtime(format!(
        "The JSONPath '{}' specified for the field '{field}.$' could not be found in the input '{}'",
        path.source(),
        compact(searched)
    )))
}

fn intrinsic_failure(error: IntrinsicEvalError) -> Failure {
    Failure::new(error.error_name(), error.to_string())
}

/// Compact JSON text, as AWS quotes inputs in causes.
fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// `InputPath` applied to the raw state input `roots.input`.
///
/// Absent keeps the input, `null` gives `{}` (observed), a path that misses fails with
/// `States.Runtime` and Jayway's text, e.g. `Invalid path '$.x' : No results for path: $['x']`.
pub fn input_path(field: &PathField<Path>, roots: &Roots<'_>) -> Result<Value, Failure> {
    select(field, roots)
}

/// `OutputPath` applied to the state output `roots.input`; the same rules as [`input_path`].
pub fn output_path(field: &PathField<Path>, roots: &Roots<'_>) -> Result<Value, Failure> {
    select(field, roots)
}

fn select(field: &PathField<Path>, roots: &Roots<'_>) -> Result<Value, Failure> {
    match field {
        PathField::Absent => Ok(roots.input.clone()),
        PathField::Null => Ok(Value::Object(Map::new())),
        PathField::Path(path) => path
            .eval(roots)
            .map(Cow::into_owned)
            .map_err(|e| Failure::runtime(e.to_string())),
    }
}

/// `ResultPath`: places `result` into a copy of the raw state input.
///
/// Absent (or `$`) makes the result the output; `null` discards it and keeps the raw input
/// (observed); a path creates missing objects along the way. A write that cannot be applied
/// (stepping into a non-object) fails with `States.ResultPathMatchFailure`.
pub fn result_path(
    field: &PathField<ReferencePath>,
    raw_input: &Value,
    result: Value,
) -> Result<Value, Failure> {
    match field {
        PathField::Absent => Ok(result),
        PathField::Null => Ok(raw_input.clone()),
        PathField::Path(path) => {
            let mut target = raw_input.clone();
            path.set_creating(&mut target, result)
                .map_err(|e| Failure::new(RESULT_PATH_MATCH_FAILURE, e.reason))?;
            Ok(target)
        }
    }
}

/// A step of the JSONPath data flow, named for the value it leaves: what TestState reports in
/// `inspectionData` (`afterInputPath`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// After `InputPath`.
    InputPath,
    /// After `Parameters` (the effective input, also when there are none).
    Parameters,
    /// After `ResultSelector` (also when there is none).
    ResultSelector,
    /// After `ResultPath`.
    ResultPath,
}

/// `InputPath` then `Parameters`: the effective input the state works on.
///
/// `roots.input` is the raw state input; `$$` and `$var` in Parameters resolve through `roots`.
pub fn effective_input(
    flow: &JsonPathFlow,
    roots: &Roots<'_>,
    env: &mut dyn IntrinsicEnv,
) -> Result<Value, Failure> {
    effective_input_seen(flow, roots, env, &mut |_, _| {})
}

/// [`effective_input`], showing `seen` the value after each step. The interpreter sees nothing
/// (the closure is empty and compiles away); TestState keeps copies for `inspectionData`.
pub fn effective_input_seen(
    flow: &JsonPathFlow,
    roots: &Roots<'_>,
    env: &mut dyn IntrinsicEnv,
    seen: &mut impl FnMut(Stage, &Value),
) -> Result<Value, Failure> {
    let selected = input_path(&flow.input_path, roots)?;
    seen(Stage::InputPath, &selected);
    let parameters = match &flow.parameters {
        None => selected,
        Some(parameters) => evaluate(parameters, &with_input(roots, &selected), env)?,
    };
    seen(Stage::Parameters, &parameters);
    Ok(parameters)
}

/// `ResultSelector`, `ResultPath` and `OutputPath` applied to a state's `result`: the state
/// output.
///
/// `roots.input` is the raw state input (what ResultPath writes into); ResultSelector's `$` is
/// the result.
pub fn state_output(
    flow: &JsonPathFlow,
    roots: &Roots<'_>,
    result: Value,
    env: &mut dyn IntrinsicEnv,
) -> Result<Value, Failure> {
    state_output_seen(flow, roots, result, env, &mut |_, _| {})
}

/// [`state_output`], showing `seen` the value after each step but the last (the output).
pub fn state_output_seen(
    flow: &JsonPathFlow,
    roots: &Roots<'_>,
    result: Value,
    env: &mut dyn IntrinsicEnv,
    seen: &mut impl FnMut(Stage, &Value),
) -> Result<Value, Failure> {
    let selected = match &flow.result_selector {
        None => result,
        Some(selector) => evaluate(selector, &with_input(roots, &result), env)?,
    };
    seen(Stage::ResultSelector, &selected);
    let placed = result_path(&flow.result_path, roots.input, selected)?;
    seen(Stage::ResultPath, &placed);
    output_path(&flow.output_path, &with_input(roots, &placed))
}

fn with_input<'v>(roots: &Roots<'v>, input: &'v Value) -> Roots<'v> {
    Roots { input, ..*roots }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asl::intrinsic::{HashAlgorithm, Intrinsic};
    use serde_json::json;

    struct FixedEnv;

    impl IntrinsicEnv for FixedEnv {
        fn uuid(&mut self) -> String {
            "00000000-0000-4000-8000-000000000000".into()
        }
        fn random(&mut self, start: i64, _end: i64, _seed: Option<i64>) -> i64 {
            start
        }
        fn hash(&self, _algorithm: HashAlgorithm, data: &str) -> String {
            data.into()
        }
    }

    fn path(s: &str) -> Path {
        Path::parse(s).expect("valid path")
    }

    fn reference(s: &str) -> ReferencePath {
        ReferencePath::parse(s).expect("valid reference path")
    }

    fn obj(entries: Vec<(&str, Payload)>) -> Payload {
        Payload::Object(entries.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    fn eval(payload: &Payload, input: Value) -> Result<Value, Failure> {
        let context = json!({"Execution": {"Id": "arn:x"}});
        evaluate(payload, &Roots::new(&input, &context), &mut FixedEnv)
    }

    #[test]
    fn template_copies_literals_and_looks_up_paths() {
        let p = obj(vec![
            ("lit", Payload::Literal(json!("$.a"))),
            ("v", Payload::Path(path("$.a"))),
            ("ctx", Payload::Path(path("$$.Execution.Id"))),
            (
                "arr",
                Payload::Array(vec![obj(vec![("x", Payload::Path(path("$.b[*]")))])]),
            ),
        ]);
        assert_eq!(
            eval(&p, json!({"a": 1, "b": [2, 3]})),
            Ok(json!({"lit": "$.a", "v": 1, "ctx": "arn:x", "arr": [{"x": [2, 3]}]}))
        );
    }

    #[test]
    fn template_calls_intrinsics() {
        let call = Intrinsic::parse("States.Format('hi {}', $.n)").expect("valid call");
        let p = obj(vec![("m", Payload::Intrinsic(call))]);
        assert_eq!(eval(&p, json!({"n": "x"})), Ok(json!({"m": "hi x"})));
    }

    #[test]
    fn template_path_miss_has_aws_cause() {
        let p = obj(vec![("value", Payload::Path(path("$.x")))]);
        assert_eq!(
            eval(&p, json!({"a": [1, "b"]})),
            Err(Failure::runtime(
                "The JSONPath '$.x' specified for the field 'value.$' could not be found in the input '{\"a\":[1,\"b\"]}'"
            ))
        );
    }

    #[test]
    fn template_unassigned_variable_fails() {
        let p = obj(vec![("v", Payload::Path(path("$nope")))]);
        assert_eq!(
            eval(&p, json!({})).map_err(|f| f.error),
            Err("States.Runtime".into())
        );
    }

    #[test]
    fn input_and_output_path_rules() {
        let input = json!({"a": {"b": 1}});
        let ctx = json!({});
        let roots = Roots::new(&input, &ctx);
        assert_eq!(input_path(&PathField::Absent, &roots), Ok(input.clone()));
        assert_eq!(input_path(&PathField::Null, &roots), Ok(json!({})));
        assert_eq!(output_path(&PathField::Null, &roots), Ok(json!({})));
        assert_eq!(
            input_path(&PathField::Path(path("$.a")), &roots),
            Ok(json!({"b": 1}))
        );
        assert_eq!(
            input_path(&PathField::Path(path("$.x")), &roots),
            Err(Failure::runtime(
                "Invalid path '$.x' : No results for path: $['x']"
            ))
        );
    }

    #[test]
    fn result_path_rules() {
        let raw = json!({"a": 1});
        assert_eq!(
            result_path(&PathField::Absent, &raw, json!(2)),
            Ok(json!(2))
        );
        assert_eq!(
            result_path(&PathField::Null, &raw, json!(2)),
            Ok(raw.clone())
        );
        assert_eq!(
            result_path(&PathField::Path(reference("$.r.s")), &raw, json!(2)),
            Ok(json!({"a": 1, "r": {"s": 2}}))
        );
        assert_eq!(
            result_path(&PathField::Path(reference("$")), &raw, json!(2)),
            Ok(json!(2))
        );
        let err = result_path(&PathField::Path(reference("$.a.b")), &raw, json!(2));
        assert_eq!(
            err.map_err(|f| f.error),
            Err(RESULT_PATH_MATCH_FAILURE.into())
        );
    }

    #[test]
    fn whole_flow_in_aws_order() {
        let flow = JsonPathFlow {
            input_path: PathField::Path(path("$.in")),
            parameters: Some(obj(vec![("p", Payload::Path(path("$.v")))])),
            result_selector: Some(obj(vec![("s", Payload::Path(path("$.r")))])),
            result_path: PathField::Path(reference("$.out")),
            output_path: PathField::Path(path("$.out")),
            assign: None,
        };
        let raw = json!({"in": {"v": 7}, "keep": true});
        let ctx = json!({});
        let roots = Roots::new(&raw, &ctx);
        let effective = effective_input(&flow, &roots, &mut FixedEnv);
        assert_eq!(effective, Ok(json!({"p": 7})));
        let output = state_output(&flow, &roots, json!({"r": 8, "x": 0}), &mut FixedEnv);
        assert_eq!(output, Ok(json!({"s": 8})));
    }

    #[test]
    fn result_path_null_keeps_raw_input() {
        let flow = JsonPathFlow {
            input_path: PathField::Null,
            result_path: PathField::Null,
            ..JsonPathFlow::default()
        };
        let raw = json!({"a": 1});
        let ctx = json!({});
        let roots = Roots::new(&raw, &ctx);
        assert_eq!(effective_input(&flow, &roots, &mut FixedEnv), Ok(json!({})));
        assert_eq!(
            state_output(&flow, &roots, json!(5), &mut FixedEnv),
            Ok(raw.clone())
        );
    }
}
