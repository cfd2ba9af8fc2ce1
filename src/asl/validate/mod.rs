//! Static validation of definitions, with AWS's diagnostics.
//!
//! Parsing and validation are one walk over the JSON: every field is read once into the typed
//! model of [`crate::asl::definition`] while problems are recorded as [`Diagnostic`]s with
//! AWS's codes, messages and locations (JSON-pointer-like, e.g. `/States/A/Catch[0]/Next`).
//! Nothing here panics on any input.

mod choice;
mod ctx;
mod graph;
mod json_error;
pub use json_error::jackson_message;
mod jsonata;
mod kinds;
mod machine;
mod map;
mod nested_fields;
mod paths;
mod resources;
mod retry;
mod sdk;
#[cfg(test)]
mod tests;
mod variables;
mod warnings;

use super::deep_json::{self, DeepJsonError};
use super::definition::{Definition, QueryLanguage, State};
use ctx::{Ctx, Obj, SCHEMA};
use graph::Scope;
use serde_json::{Map, Value};

/// Standard or express: some resources are only valid in one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MachineType {
    /// Long-running, exactly-once workflows.
    Standard,
    /// Short, high-volume workflows.
    Express,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The definition is rejected.
    Error,
    /// Reported by ValidateStateMachineDefinition only.
    Warning,
}

/// One finding, as ValidateStateMachineDefinition reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// ERROR or WARNING.
    pub severity: Severity,
    /// AWS's code, e.g. `SCHEMA_VALIDATION_FAILED`.
    pub code: &'static str,
    /// AWS's message, without the location.
    pub message: String,
    /// A JSON pointer such as `/States/A/Next`, or Jackson's source location for bad JSON.
    pub location: Option<String>,
}

/// The result of checking a definition.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The parsed definition, present exactly when no diagnostic is an error.
    pub definition: Option<Definition>,
    /// Every finding, errors first.
    pub diagnostics: Vec<Diagnostic>,
}

/// The result of checking a lone state (TestState).
#[derive(Debug, Clone)]
pub struct StateOutcome {
    /// The parsed state, present exactly when no diagnostic is an error.
    pub state: Option<State>,
    /// Every finding, errors first.
    pub diagnostics: Vec<Diagnostic>,
}

/// The name TestState gives a lone state in its locations (`/States/StateName/...`).
pub const LONE_STATE_NAME: &str = "StateName";

const TOP_LEVEL: &[&str] = &[
    "Comment",
    "StartAt",
    "States",
    "Version",
    "TimeoutSeconds",
    "QueryLanguage",
];

/// Parses and validates a definition's text.
pub fn check(text: &str, machine_type: MachineType) -> Outcome {
    let mut ctx = Ctx::new(machine_type);
    let definition = match object(&mut ctx, text) {
        Some(map) => {
            let definition = top_level(&mut ctx, &map);
            warnings::check(&mut ctx, &map);
            definition
        }
        None => None,
    };
    let diagnostics = finish(ctx.diagnostics);
    let definition = definition.filter(|_| !has_error(&diagnostics));
    Outcome {
        definition,
        diagnostics,
    }
}

/// Parses and validates one state object, as TestState's `definition` may be. Locations are
/// reported as AWS does, under `/States/StateName`; `Next` targets are not checked since the
/// other states do not exist.
pub fn check_state(text: &str, machine_type: MachineType) -> StateOutcome {
    let mut ctx = Ctx::new(machine_type);
    let state = object(&mut ctx, text).and_then(|map| {
        let loc = machine::state_location("/", LONE_STATE_NAME);
        machine::state(
            &mut ctx,
            LONE_STATE_NAME,
            &Obj::new(&map, loc),
            &mut Scope::default(),
        )
    });
    let diagnostics = finish(ctx.diagnostics);
    let state = state.filter(|_| !has_error(&diagnostics));
    StateOutcome { state, diagnostics }
}

/// The text CreateStateMachine puts inside `Invalid State Machine Definition: '...'`:
/// each error as `CODE: message at location`, joined by `, `. AWS prints a missing location
/// as `null` (observed: `MISSING_END_STATE: Workflow has no terminal state at null`).
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            format!(
                "{}: {} at {}",
                d.code,
                d.message,
                d.location.as_deref().unwrap_or("null")
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The JSON object in `text`, or the diagnostic AWS gives for bad JSON / a non-object.
fn object(ctx: &mut Ctx, text: &str) -> Option<Map<String, Value>> {
    let not_an_object =
        |ctx: &mut Ctx| ctx.error(SCHEMA, None, "Definition must be a valid JSON object");
    if text.trim().is_empty() {
        not_an_object(ctx);
        return None;
    }
    match deep_json::parse(text) {
        Ok(Value::Object(map)) => Some(map),
        Ok(_) => {
            not_an_object(ctx);
            None
        }
        Err(DeepJsonError::Syntax(e)) => {
            ctx.diagnostics.push(json_error::invalid_json(text, &e));
            None
        }
        Err(DeepJsonError::TooDeep(message)) => {
            ctx.diagnostics.push(json_error::too_deep(text, message));
            None
        }
    }
}

fn top_level(ctx: &mut Ctx, map: &Map<String, Value>) -> Option<Definition> {
    let obj = Obj::new(map, "/".to_owned());
    obj.reject_unknown(ctx, TOP_LEVEL);
    ctx.machine_language = match obj.get("QueryLanguage") {
        None => QueryLanguage::JsonPath,
        Some(v) if v == "JSONPath" => QueryLanguage::JsonPath,
        // Observed: any other value makes the machine JSONata, and is reported on its own.
        Some(_) => QueryLanguage::Jsonata,
    };
    if obj.has("QueryLanguage") {
        obj.one_of(ctx, "QueryLanguage", &["JSONPath", "JSONata"]);
    }
    let version = obj.one_of(ctx, "Version", &["1.0"]).map(str::to_owned);
    let timeout_seconds = obj.integer(ctx, "TimeoutSeconds", 0, 99_999_999);
    let machine = machine::scope(ctx, &obj, machine::ScopeKind::TopLevel);
    jsonata::check(ctx, map.get("States"), "/States", ctx.machine_language);
    let machine = machine?;
    Some(Definition {
        comment: machine.comment.clone(),
        version,
        timeout_seconds,
        query_language: ctx.machine_language,
        machine: machine.into(),
    })
}

/// Errors first, in the order found.
fn finish(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by_key(|d| d.severity);
    diagnostics
}

fn has_error(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}
