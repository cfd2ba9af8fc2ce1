//! The per-state data flow that both runners of a state share: the interpreter
//! (`engine/core`) and TestState (`engine/test_state`). JSONata fields, a Fail state's error
//! and cause, a Choice state's decision, a Map state's settings.
//!
//! Pure: a JSONata field that fails comes back as a [`FieldError`], and each runner reports it
//! its own way (the interpreter records `EvaluationFailed` and prefixes the state; TestState
//! answers with the bare cause).

use serde_json::{Map, Value};

use crate::asl::choice::{self, Decision};
use crate::asl::definition::{
    Choice, Condition, Count, FailField, JsonataExpr, JsonataTemplate, Payload, ValueOrExpr,
};
use crate::asl::errors::{Failure, NO_CHOICE_MATCHED, RUNTIME};
use crate::asl::intrinsic::IntrinsicEnv;
use crate::asl::jsonata::{JsonataError, Scope};
use crate::asl::path::Roots;
use crate::asl::payload;

/// The error every failed JSONata evaluation raises.
pub const QUERY_EVALUATION_ERROR: &str = "States.QueryEvaluationError";

/// A JSONata field that failed: the expression, the field it is written in (`Output/result`)
/// and why.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    expression: String,
    field: String,
    error: JsonataError,
}

impl FieldError {
    /// `expr`, written in `field`, failed with `error` (or returned the wrong kind of value).
    pub fn new(expr: &JsonataExpr, field: &str, error: JsonataError) -> FieldError {
        FieldError {
            expression: expr.source().to_owned(),
            field: field.to_owned(),
            error,
        }
    }

    /// The field, as AWS names it in `EvaluationFailed`'s location.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// AWS's cause: `The JSONata expression '...' specified for the field '...' ...`.
    pub fn cause(&self) -> String {
        self.error.cause(&self.expression, &self.field)
    }

    /// The `States.QueryEvaluationError` with the bare cause (no state prefix).
    pub fn failure(&self) -> Failure {
        Failure::new(QUERY_EVALUATION_ERROR, self.cause())
    }

    /// The same error seen from the enclosing member `key` of a template.
    fn within(mut self, key: &str) -> FieldError {
        self.field = format!("/{key}{}", self.field);
        self
    }
}

/// Why a field that may hold a path, an intrinsic call or an expression failed.
#[derive(Debug, Clone, PartialEq)]
pub enum FlowError {
    /// A JSONPath step or intrinsic call failed.
    Failed(Failure),
    /// A JSONata expression failed.
    Query(FieldError),
}

impl From<Failure> for FlowError {
    fn from(failure: Failure) -> Self {
        FlowError::Failed(failure)
    }
}

impl From<FieldError> for FlowError {
    fn from(error: FieldError) -> Self {
        FlowError::Query(error)
    }
}

/// `$states` for a field: the state input and context, plus `result` or `errorOutput` where
/// the field may see them.
pub fn states(input: &Value, context: &Value, extra: Option<(&str, &Value)>) -> Value {
    // Cloned, not built with `json!`, which would serialize both values into new ones.
    let mut states = Map::with_capacity(3);
    states.insert("input".to_owned(), input.clone());
    states.insert("context".to_owned(), context.clone());
    if let Some((key, value)) = extra {
        states.insert(key.to_owned(), value.clone());
    }
    Value::Object(states)
}

/// Evaluates one expression written in `field`, where a value is required.
pub fn evaluate_expr(
    expr: &JsonataExpr,
    scope: &Scope<'_>,
    field: &str,
) -> Result<Value, FieldError> {
    let result = match expr.parsed() {
        Ok(parsed) => parsed.evaluate_value(scope),
        Err(message) => Err(JsonataError::Parse {
            code: None,
            message: message.to_owned(),
        }),
    };
    result.map_err(|error| FieldError::new(expr, field, error))
}

/// Evaluates a template written in `field`; a failure names the member it is in
/// (`Output/result`, `Arguments/items/0`).
pub fn evaluate_template(
    template: &JsonataTemplate,
    scope: &Scope<'_>,
    field: &str,
) -> Result<Value, FieldError> {
    evaluate_member(template, scope).map_err(|mut error| {
        // Members add their part on the way out, so a success builds no field names.
        error.field.insert_str(0, field);
        error
    })
}

fn evaluate_member(template: &JsonataTemplate, scope: &Scope<'_>) -> Result<Value, FieldError> {
    match template {
        JsonataTemplate::Literal(value) => Ok(value.clone()),
        JsonataTemplate::Expr(expr) => evaluate_expr(expr, scope, ""),
        JsonataTemplate::Object(members) => {
            let mut object = Map::new();
            for (key, member) in members {
                let value = evaluate_member(member, scope).map_err(|e| e.within(key))?;
                object.insert(key.clone(), value);
            }
            Ok(Value::Object(object))
        }
        JsonataTemplate::Array(items) => {
            let mut values = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                values.push(evaluate_member(item, scope).map_err(|e| e.within(&i.to_string()))?);
            }
            Ok(Value::Array(values))
        }
    }
}

/// The largest number of seconds any duration field takes (Wait `Seconds`, Task
/// `TimeoutSeconds` and `HeartbeatSeconds`: "an integer value from 0 to 99999999").
pub const MAX_SECONDS: u64 = 99_999_999;

/// A duration field's expression (`Seconds`, `TimeoutSeconds`, `HeartbeatSeconds`): an
/// integer from `min` to [`MAX_SECONDS`], which the developer guide says the expression "must
/// evaluate to". A fraction or another type is an unexpected result type, as for other fields.
pub fn evaluate_seconds(
    expr: &JsonataExpr,
    scope: &Scope<'_>,
    field: &str,
    min: u64,
) -> Result<u64, FieldError> {
    evaluate_in_range(expr, scope, field, (min, MAX_SECONDS))
}

/// The largest `MaxConcurrency` or `ToleratedFailureCount` an expression may give: Java's
/// largest `int`, which AWS's Map settings are read into (a guess: the developer guide only
/// says they must be integers of 0 or more).
pub const MAX_MAP_COUNT: u64 = i32::MAX as u64;

/// An integer field's expression: a whole number from `min` to `max`; out of that range it is
/// [`JsonataError::OutOfRange`], a fraction or another type an unexpected result type.
pub fn evaluate_in_range(
    expr: &JsonataExpr,
    scope: &Scope<'_>,
    field: &str,
    (min, max): (u64, u64),
) -> Result<u64, FieldError> {
    let value = evaluate_expr(expr, scope, field)?;
    let error = match value.as_f64().filter(|n| n.fract() == 0.0) {
        Some(n) if (min as f64..=max as f64).contains(&n) => return Ok(n as u64),
        Some(_) => JsonataError::OutOfRange {
            min,
            max,
            value: value.to_string(),
        },
        None => JsonataError::unexpected_type("integer", &value),
    };
    Err(FieldError::new(expr, field, error))
}

/// A JSONata `Assign`: the variables it assigns (they take effect when the state exits).
pub fn assign_jsonata(
    template: &JsonataTemplate,
    scope: &Scope<'_>,
) -> Result<Map<String, Value>, FlowError> {
    let assigned = evaluate_template(template, scope, "Assign")?;
    Ok(assigned_object(assigned, QUERY_EVALUATION_ERROR)?)
}

/// A JSONPath `Assign` against `roots` (`$` is what the state's Assign sees: its effective
/// input, its result or the error output).
pub fn assign_json_path(
    payload: &Payload,
    roots: &Roots<'_>,
    env: &mut dyn IntrinsicEnv,
) -> Result<Map<String, Value>, Failure> {
    assigned_object(payload::evaluate(payload, roots, env)?, RUNTIME)
}

fn assigned_object(assigned: Value, error: &str) -> Result<Map<String, Value>, Failure> {
    match assigned {
        Value::Object(assigned) => Ok(assigned),
        other => Err(Failure::new(
            error,
            format!("Assign must produce an object, but produced: {other}"),
        )),
    }
}

/// Chooses the next state of a Choice state written in JSONata: the first rule whose
/// `Condition` holds (an expression against `scope`, or a JSONPath rule against `roots`, the
/// raw input), else the `Default`, else `States.NoChoiceMatched`.
pub fn decide_jsonata<'c>(
    rules: &'c Choice,
    roots: &Roots<'_>,
    scope: &Scope<'_>,
) -> Result<Decision<'c>, FlowError> {
    for (index, rule) in rules.choices.iter().enumerate() {
        if condition_holds(&rule.condition, index, roots, scope)? {
            return Ok(Decision::Rule(rule));
        }
    }
    let default = rules.default.as_deref().map(Decision::Default);
    Ok(default.ok_or_else(|| Failure::new(NO_CHOICE_MATCHED, "No Matches!"))?)
}

fn condition_holds(
    condition: &Condition,
    index: usize,
    roots: &Roots<'_>,
    scope: &Scope<'_>,
) -> Result<bool, FlowError> {
    let expr = match condition {
        Condition::Jsonata(ValueOrExpr::Value(holds)) => return Ok(*holds),
        Condition::Jsonata(ValueOrExpr::Expr(expr)) => expr,
        other => return Ok(choice::holds(other, roots)?),
    };
    // The field is named only when it fails: conditions run on every pass through the state.
    let named = |mut error: FieldError| {
        error.field = format!("Choices/{index}/Condition");
        error
    };
    match evaluate_expr(expr, scope, "").map_err(named)? {
        Value::Bool(holds) => Ok(holds),
        other => {
            let error = JsonataError::unexpected_type("boolean", &other);
            Err(named(FieldError::new(expr, "", error)).into())
        }
    }
}

/// One of a Fail state's fields, `Error` or `Cause` (`name`), as text: a constant, an
/// expression against `scope`, or (`ErrorPath`, `CausePath`) a path or intrinsic call against
/// `roots`. Absent is empty.
pub fn fail_text(
    field: Option<&FailField>,
    name: &str,
    (roots, scope): (&Roots<'_>, &Scope<'_>),
    env: &mut dyn IntrinsicEnv,
) -> Result<String, FlowError> {
    let value = match field {
        None => return Ok(String::new()),
        Some(FailField::Literal(text)) => return Ok(text.clone()),
        Some(FailField::Expr(expr)) => evaluate_expr(expr, scope, name)?,
        Some(FailField::Path(path)) => path.eval(roots).map(|v| v.into_owned()).map_err(|_| {
            Failure::runtime(format!(
                "The JSONPath '{}' specified for the field '{name}Path' could not be found in the input '{}'",
                path.source(),
                roots.input
            ))
        })?,
        Some(FailField::Intrinsic(call)) => call
            .eval(roots, env)
            .map_err(|e| Failure::new(e.error_name(), e.to_string()))?,
    };
    Ok(text(value))
}

/// A Fail state's failure from its evaluated error and cause; the error's failure wins.
pub fn fail_failure<E>(error: Result<String, E>, cause: Result<String, E>) -> Result<Failure, E> {
    Ok(Failure::new(error?, cause?))
}

/// A JSONata Map's `Items`. An expression must give an array; a literal that is not one is
/// refused where the runner checks the items (each names that failure its own way).
pub fn map_items_jsonata(
    template: &JsonataTemplate,
    scope: &Scope<'_>,
) -> Result<Value, FieldError> {
    let items = evaluate_template(template, scope, "Items")?;
    match (template, items.is_array()) {
        (JsonataTemplate::Expr(expr), false) => {
            let error = JsonataError::unexpected_type("array", &items);
            Err(FieldError::new(expr, "Items", error))
        }
        _ => Ok(items),
    }
}

/// A whole-number Map setting (`MaxConcurrency`, `ToleratedFailureCount`, ...): a constant,
/// read by its `...Path` from `roots` (the effective input), or an expression against `scope`.
/// AWS also takes a number written as a string (`"1"`) by path.
pub fn map_count(
    count: Option<&Count<u64>>,
    field: &str,
    (roots, scope): (&Roots<'_>, &Scope<'_>),
) -> Result<Option<u64>, FlowError> {
    let path = match count {
        None => return Ok(None),
        Some(Count::Value(n)) => return Ok(Some(*n)),
        Some(Count::Expr(expr)) => {
            let range = (0, MAX_MAP_COUNT);
            return Ok(Some(evaluate_in_range(expr, scope, field, range)?));
        }
        Some(Count::Path(path)) => path,
    };
    let value = path
        .get(roots)
        .map_err(|e| Failure::runtime(e.to_string()))?;
    match integer(value) {
        Some(n) if n < 0 && field == "ToleratedFailureCount" => {
            Err(Failure::runtime("ToleratedFailureCount cannot be negative.").into())
        }
        Some(n) if n >= 0 => Ok(Some(n.unsigned_abs())),
        _ => Err(Failure::runtime(format!(
            "The {field}Path field refers to value {} which is not a valid integer: {}",
            quoted(value),
            path.source()
        ))
        .into()),
    }
}

/// `ToleratedFailurePercentage`, read as [`map_count`] reads counts; between 0 and 100.
pub fn map_percentage(
    percentage: Option<&Count<f64>>,
    (roots, scope): (&Roots<'_>, &Scope<'_>),
) -> Result<Option<f64>, FlowError> {
    let field = "ToleratedFailurePercentage";
    let value = match percentage {
        None => return Ok(None),
        Some(Count::Value(p)) => *p,
        Some(Count::Path(path)) => {
            let value = path
                .get(roots)
                .map_err(|e| Failure::runtime(e.to_string()))?;
            float(value).ok_or_else(|| {
                Failure::runtime(format!(
                    "The {field}Path field refers to value {} which is not a valid float: {}",
                    quoted(value),
                    path.source()
                ))
            })?
        }
        Some(Count::Expr(expr)) => {
            let value = evaluate_expr(expr, scope, field)?;
            let error = || JsonataError::unexpected_type("number", &value);
            value
                .as_f64()
                .ok_or_else(|| FieldError::new(expr, field, error()))?
        }
    };
    if !(0.0..=100.0).contains(&value) {
        return Err(Failure::runtime(format!("{field} must be between 0 and 100.")).into());
    }
    Ok(Some(value))
}

/// An `ItemBatcher` limit (`MaxItemsPerBatch`, `MaxInputBytesPerBatch`), read as
/// [`map_count`] reads counts; AWS requires a positive integer.
pub fn batch_limit(
    count: Option<&Count<u64>>,
    field: &str,
    inputs: (&Roots<'_>, &Scope<'_>),
) -> Result<Option<u64>, FlowError> {
    match (map_count(count, field, inputs)?, count) {
        (Some(0), Some(count)) => Err(zero_limit(field, count).into()),
        (value, _) => Ok(value),
    }
}

/// The failure for a batch limit of 0 (AWS's other Map settings read by a `...Path` fail
/// with `States.Runtime` in the same way).
fn zero_limit(field: &str, count: &Count<u64>) -> Failure {
    match count {
        Count::Path(path) => Failure::runtime(format!(
            "The {field}Path field refers to value \"0\" which is not a positive integer: {}",
            path.source()
        )),
        Count::Value(_) | Count::Expr(_) => {
            Failure::runtime(format!("The {field} field must be a positive integer"))
        }
    }
}

/// A `...Path` Map setting as a whole number; AWS also takes one written as a string (`"1"`).
fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::String(text) => text.parse().ok(),
        other => other.as_i64(),
    }
}

/// A `...Path` Map setting as a number; AWS also takes one written as a string (`"1.5"`).
fn float(value: &Value) -> Option<f64> {
    match value {
        Value::String(text) => text.parse().ok().filter(|p: &f64| p.is_finite()),
        other => other.as_f64(),
    }
}

/// A value as AWS quotes it in Map setting errors: `"NoNumber"`, `"{}"`.
fn quoted(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{s}\""),
        other => format!("\"{other}\""),
    }
}

/// A value as a Fail state's error or cause: strings as they are, other values as JSON.
fn text(value: Value) -> String {
    match value {
        Value::String(text) => text,
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asl::path::{NoVariables, Path, ReferencePath};
    use serde_json::json;
    use time::OffsetDateTime;

    struct NoEnv;

    impl IntrinsicEnv for NoEnv {
        fn uuid(&mut self) -> String {
            String::new()
        }
        fn random(&mut self, start: i64, _end: i64, _seed: Option<i64>) -> i64 {
            start
        }
        fn hash(&self, _algorithm: crate::asl::intrinsic::HashAlgorithm, data: &str) -> String {
            data.into()
        }
    }

    fn scope(states: &Value) -> Scope<'_> {
        Scope {
            states,
            variables: &NoVariables,
            now: OffsetDateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn a_failing_member_is_named_by_its_place_in_the_template() {
        let template = JsonataTemplate::from_value(&json!({"a": [1, "{% $x.y() %}"]}));
        let states = json!({});
        let error = evaluate_template(&template, &scope(&states), "Output").unwrap_err();
        assert_eq!(error.field(), "Output/a/1");
        assert!(
            error.cause().starts_with(
                "The JSONata expression '$x.y()' specified for the field 'Output/a/1'"
            )
        );
    }

    #[test]
    fn a_condition_that_is_not_boolean_names_its_rule() {
        let choice = Choice {
            choices: Vec::new(),
            default: Some("D".into()),
        };
        let states = json!({});
        let roots = Roots::new(&states, &states);
        let decision = decide_jsonata(&choice, &roots, &scope(&states));
        assert_eq!(decision.ok().map(|d| d.next().to_owned()), Some("D".into()));
        let expr = JsonataExpr::from_delimited("{% 1 %}").expect("an expression");
        let condition = Condition::Jsonata(ValueOrExpr::Expr(expr));
        let Err(FlowError::Query(error)) = condition_holds(&condition, 2, &roots, &scope(&states))
        else {
            panic!("a number is not a condition");
        };
        assert_eq!(error.field(), "Choices/2/Condition");
    }

    #[test]
    fn fail_paths_quote_the_input_they_missed() {
        let input = json!({"a": 1});
        let roots = Roots::new(&input, &input);
        let path = FailField::Path(Path::parse("$.b").expect("a path"));
        let states = json!({});
        let inputs = (&roots, &scope(&states));
        let failure = fail_text(Some(&path), "Cause", inputs, &mut NoEnv);
        assert_eq!(
            failure,
            Err(FlowError::Failed(Failure::runtime(
                "The JSONPath '$.b' specified for the field 'CausePath' could not be found in the input '{\"a\":1}'"
            )))
        );
        let fields = fail_failure::<()>(Ok("E".into()), Ok(String::new()));
        assert_eq!(fields, Ok(Failure::new("E", "")));
    }

    #[test]
    fn map_counts_take_numbers_written_as_strings_but_batch_limits_refuse_zero() {
        let input = json!({"n": "3", "zero": 0});
        let roots = Roots::new(&input, &input);
        let states = json!({});
        let inputs = (&roots, &scope(&states));
        let path = |p: &str| Count::Path(ReferencePath::parse(p).expect("a path"));
        let count = map_count(Some(&path("$.n")), "MaxConcurrency", inputs);
        assert_eq!(count, Ok(Some(3)));
        let zero = batch_limit(Some(&path("$.zero")), "MaxItemsPerBatch", inputs);
        assert_eq!(
            zero,
            Err(FlowError::Failed(Failure::runtime(
                "The MaxItemsPerBatchPath field refers to value \"0\" which is not a positive integer: $.zero"
            )))
        );
    }
}
