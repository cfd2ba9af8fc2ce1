//! The per-state data flow that both runners of a state share: the interpreter
//! (`engine/core`) and TestState (`engine/test_state`). JSONata fields, a Fail state's error
//! and cause, a Choice state's decision.
//!
//! Pure: a JSONata field that fails comes back as a [`FieldError`], and each runner reports it
//! its own way (the interpreter records `EvaluationFailed` and prefixes the state; TestState
//! answers with the bare cause).

use serde_json::{Map, Value};

use crate::asl::definition::{FailField, JsonataExpr, JsonataTemplate};
use crate::asl::errors::Failure;
use crate::asl::intrinsic::IntrinsicEnv;
use crate::asl::jsonata::{JsonataError, Scope};
use crate::asl::path::Roots;

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

/// A whole number from an expression (`TimeoutSeconds`, `Seconds`, `MaxConcurrency`, ...).
pub fn evaluate_count(
    expr: &JsonataExpr,
    scope: &Scope<'_>,
    field: &str,
) -> Result<u64, FieldError> {
    let value = evaluate_expr(expr, scope, field)?;
    value.as_u64().ok_or_else(|| {
        FieldError::new(
            expr,
            field,
            JsonataError::unexpected_type("integer", &value),
        )
    })
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

/// A value as a Fail state's error or cause: strings as they are, other values as JSON.
fn text(value: Value) -> String {
    match value {
        Value::String(text) => text,
        other => other.to_string(),
    }
}
