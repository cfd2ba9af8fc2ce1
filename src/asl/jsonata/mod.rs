//! JSONata for `QueryLanguage: JSONata` states: one adapter over the `jsonata-core` crate.
//!
//! An [`Expression`] is parsed once, when the definition is created or validated (AWS refuses
//! a definition whose expressions do not parse), and evaluated many times against a
//! [`Scope`]: the `$states` object and the workflow variables, each bound as a JSONata
//! variable. The adapter adds the functions Step Functions adds (`$partition`, `$range`,
//! `$hash`, `$random`, `$uuid`, `$parse`), hides `$eval`, answers `$now()` and `$millis()`
//! from the time the scope carries (never from the system clock), and bounds every evaluation
//! in time, stack depth and sequence length ([`Limits`]) so a hostile expression fails cleanly.
//!
//! jsonata-core's values and evaluator hold `Rc`s and are not `Send`: they live only inside
//! one synchronous [`Expression::evaluate`] call. The parsed tree is `Send + Sync`.

mod brake;
mod convert;
mod error;
mod functions;
mod guards;
mod operands;
mod refs;

#[cfg(test)]
mod suite;
#[cfg(test)]
mod tests;

pub use brake::{evaluations_in_flight, stop_evaluations};
pub use error::{JsonataError, json_type_name};

use crate::asl::path::Variables;
use jsonata_core::ast::AstNode;
use jsonata_core::evaluator::{Context, Evaluator, EvaluatorOptions};
use jsonata_core::value::JValue;
use serde_json::Value;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;

/// What a failure inside the JSONata library is reported as.
const PANIC_MESSAGE: &str =
    "The expression could not be evaluated (an internal error of the JSONata evaluator)";

/// The name of the reserved variable that holds input, result, error output and context.
const STATES: &str = "states";

/// A JSONata expression, parsed once.
///
/// Cheap to clone (the tree is shared). Two expressions are equal when their text is.
#[derive(Clone)]
pub struct Expression {
    inner: Arc<Parsed>,
}

struct Parsed {
    source: String,
    ast: AstNode,
    /// Whether it calls the operand checks of [`operands`] (it uses `..` or `$substring`).
    wrapped: bool,
    /// The names read as variables (`$name`), sorted.
    variables: Vec<String>,
    /// Every `$name` the expression mentions, called functions included, sorted: the only
    /// names worth binding, so a workflow with many variables pays only for those used.
    bindable: Vec<String>,
    /// The only members of `$states` the expression can read, when it reads it only as
    /// `$states.member`: the rest (the context, mostly) is not converted.
    states_members: Option<Vec<String>>,
    /// What every evaluation fails with, for an expression that calls something that is not a
    /// function (`2()`, `3(?)`): jsonata-js, and so AWS, parses it and raises the error when it
    /// is evaluated, where jsonata-core raises it while parsing.
    fails: Option<JsonataError>,
}

/// What an expression can see: `$states`, the workflow variables and the current time.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    /// The `$states` object: `{"input", "context"}`, plus `"result"` (Task, Map, Parallel
    /// `Output` and `Assign`) and `"errorOutput"` (a Catcher's `Output` and `Assign`).
    pub states: &'a Value,
    /// The workflow variables, read as `$name`. A name with no value is JSONata `undefined`.
    pub variables: &'a dyn Variables,
    /// What `$now()` and `$millis()` return (to the millisecond): the time the engine runs the
    /// state at, so they follow its clock (manual or scaled) and agree within one state.
    pub now: OffsetDateTime,
}

/// Bounds on one evaluation. Exceeding one fails with a JSONata error: `D1012` (time),
/// `D1011` (stack depth), `D2015` (sequence length).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock time for one evaluation.
    pub timeout: Duration,
    /// Nesting of the evaluator; a non-tail recursive call costs about three levels.
    pub max_stack_depth: usize,
    /// Items in any sequence the evaluation builds (`[1..n]`, `$map`, `$range`, ...).
    pub max_sequence_length: usize,
}

impl Default for Limits {
    /// Generous for real workflows, whose payloads AWS caps at 256 KiB, and small enough that
    /// an infinite loop or a runaway range costs at most about a second of one worker.
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(1),
            max_stack_depth: 3_000,
            max_sequence_length: 1_000_000,
        }
    }
}

impl Expression {
    /// Parses `source`, the text inside `{% ... %}` (surrounding whitespace is ignored).
    ///
    /// # Errors
    /// [`JsonataError::Parse`] with the parser's message, for AWS's
    /// `INVALID_JSONATA_EXPRESSION` diagnostic.
    pub fn parse(source: &str) -> Result<Expression, JsonataError> {
        let source = source.trim();
        let ast = match jsonata_core::parser::parse(source) {
            Ok(ast) => ast,
            Err(e) => return Expression::unparsed(source, &e.to_string()),
        };
        let refs = refs::References::of(&ast);
        if refs.misplaced_binding {
            return Err(JsonataError::Parse {
                code: Some("S0212".to_owned()),
                message: "The left side of := must be a variable name (start with $)".to_owned(),
            });
        }
        let (ast, wrapped) = operands::bound(ast);
        Ok(Expression {
            inner: Arc::new(Parsed {
                source: source.to_owned(),
                ast,
                wrapped,
                bindable: refs.variables.union(&refs.functions).cloned().collect(),
                variables: refs.variables.into_iter().collect(),
                states_members: refs.states_members.map(|m| m.into_iter().collect()),
                fails: None,
            }),
        })
    }

    /// The expression jsonata-core could not parse (its message `message`): a parse error, or
    /// one that fails whenever it is evaluated, for the errors jsonata-js raises only then.
    fn unparsed(source: &str, message: &str) -> Result<Expression, JsonataError> {
        let evaluation = JsonataError::evaluation(message);
        if !matches!(evaluation.code(), Some("T1006" | "T1008")) {
            return Err(JsonataError::parse(message));
        }
        let ast = jsonata_core::parser::parse("null").map_err(|_| JsonataError::parse(message))?;
        Ok(Expression {
            inner: Arc::new(Parsed {
                source: source.to_owned(),
                ast,
                wrapped: false,
                bindable: Vec::new(),
                variables: Vec::new(),
                states_members: None,
                fails: Some(evaluation),
            }),
        })
    }

    /// The expression text, trimmed: what AWS quotes in its error causes.
    pub fn source(&self) -> &str {
        &self.inner.source
    }

    /// The names the expression reads as `$name`, sorted, without `states`. Names bound
    /// inside the expression (`$x := ...`, lambda parameters) are included.
    pub fn variable_references(&self) -> impl Iterator<Item = &str> {
        self.inner
            .variables
            .iter()
            .map(String::as_str)
            .filter(|name| *name != STATES)
    }

    /// Evaluates with the default [`Limits`]. `Ok(None)` is JSONata `undefined`.
    ///
    /// # Errors
    /// [`JsonataError::Evaluation`] when evaluation raises an error,
    /// [`JsonataError::UnsupportedResult`] when the result holds a function.
    pub fn evaluate(&self, scope: &Scope<'_>) -> Result<Option<Value>, JsonataError> {
        self.evaluate_with(scope, &Limits::default())
    }

    /// Evaluates where a value is required: `undefined` is [`JsonataError::Undefined`].
    ///
    /// # Errors
    /// As [`Expression::evaluate`], plus [`JsonataError::Undefined`].
    pub fn evaluate_value(&self, scope: &Scope<'_>) -> Result<Value, JsonataError> {
        self.evaluate(scope)?.ok_or(JsonataError::Undefined)
    }

    /// Evaluates within `limits`. `Ok(None)` is JSONata `undefined`.
    ///
    /// # Errors
    /// As [`Expression::evaluate`].
    pub fn evaluate_with(
        &self,
        scope: &Scope<'_>,
        limits: &Limits,
    ) -> Result<Option<Value>, JsonataError> {
        // AWS evaluates with no input document: `$` means nothing at the top level.
        self.evaluate_on(&JValue::Undefined, scope, limits)
    }

    /// Evaluates with `input` as the input document (`$`), which plain JSONata has and AWS
    /// does not: only the JSONata reference suite (`suite.rs`) passes one.
    fn evaluate_on(
        &self,
        input: &JValue,
        scope: &Scope<'_>,
        limits: &Limits,
    ) -> Result<Option<Value>, JsonataError> {
        if let Some(error) = &self.inner.fails {
            return Err(error.clone());
        }
        let mut context = Context::new();
        functions::remove_eval(&mut context);
        for name in &self.inner.bindable {
            let value = if name == STATES {
                Some(match &self.inner.states_members {
                    Some(members) => convert::members_to_jvalue(scope.states, members)?,
                    None => convert::to_jvalue(scope.states)?,
                })
            } else {
                scope
                    .variables
                    .variable(name)
                    .map(convert::to_jvalue)
                    .transpose()?
            };
            if let Some(value) = value {
                context.bind(name.clone(), value);
            }
        }
        let hold = brake::Hold::take();
        let options = EvaluatorOptions {
            timeout_ms: Some(u64::try_from(limits.timeout.as_millis()).unwrap_or(u64::MAX)),
            cancel: Some(hold.token.clone()),
            max_stack_depth: Some(limits.max_stack_depth),
            max_sequence_length: Some(limits.max_sequence_length),
        };
        let mut evaluator = Evaluator::with_options(context, options);
        // Only an expression that names a function can call it: register no others.
        let mentions = |name: &str| self.mentions(name);
        functions::register(&mut evaluator, limits.max_sequence_length, mentions)
            .map_err(|e| JsonataError::evaluation(e.message()))?;
        if mentions("now") || mentions("millis") {
            functions::register_clock(&mut evaluator, scope.now)
                .map_err(|e| JsonataError::evaluation(e.message()))?;
        }
        if self.inner.wrapped {
            evaluator
                .register_fn(operands::RANGE_OPERAND, operands::range_operand)
                .and_then(|()| evaluator.register_fn(operands::INDEX, operands::index))
                .map_err(|e| JsonataError::evaluation(e.message()))?;
        }
        guards::register(&mut evaluator, mentions)
            .map_err(|e| JsonataError::evaluation(e.message()))?;
        // A bug in the library (a division by zero, an overflow) must fail the state, not the
        // server or the execution's driver: the evaluator and its values are dropped with it.
        let evaluated = panic::catch_unwind(AssertUnwindSafe(|| {
            evaluator.evaluate(&self.inner.ast, input)
        }));
        let result = evaluated
            .map_err(|_| JsonataError::evaluation(PANIC_MESSAGE))?
            .map_err(|e| match hold.stopped() {
                true => JsonataError::evaluation(brake::STOPPED),
                false => JsonataError::evaluation(e.message()),
            })?;
        convert::from_jvalue(&result)
    }

    /// Whether the expression mentions `$name` (a variable or a function).
    fn mentions(&self, name: &str) -> bool {
        self.inner
            .bindable
            .binary_search_by(|n| n.as_str().cmp(name))
            .is_ok()
    }
}

impl fmt::Debug for Expression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Expression").field(&self.source()).finish()
    }
}

impl PartialEq for Expression {
    fn eq(&self, other: &Self) -> bool {
        self.source() == other.source()
    }
}

impl Eq for Expression {}
