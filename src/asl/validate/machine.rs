//! Reading a scope (`StartAt` + `States`) and the fields every state shares.

use super::ctx::{Ctx, Obj, child};
use super::graph::{self, Scope};
use super::{kinds, paths};
use crate::asl::definition::{
    DataFlow, JsonPathFlow, JsonataFlow, PathField, QueryLanguage, State, StateMachine, States,
    Transition,
};
use serde_json::Value;

/// The state types, in the order AWS lists them in its message.
const TYPES: [&str; 8] = [
    "Task", "Wait", "Pass", "Succeed", "Fail", "Choice", "Parallel", "Map",
];

/// Fields only a JSONPath state may have.
const JSONPATH_ONLY: [&str; 17] = [
    "InputPath",
    "OutputPath",
    "Parameters",
    "ResultSelector",
    "ResultPath",
    "Result",
    "ItemsPath",
    "TimeoutSecondsPath",
    "HeartbeatSecondsPath",
    "SecondsPath",
    "TimestampPath",
    "MaxConcurrencyPath",
    "ToleratedFailureCountPath",
    "ToleratedFailurePercentagePath",
    "ErrorPath",
    "CausePath",
    "Iterator",
];

/// Fields only a JSONata state may have.
const JSONATA_ONLY: [&str; 3] = ["Output", "Arguments", "Items"];

/// Payload templates that may not be `null`: the specification makes each a JSON object
/// (JSONata `Arguments` an object or an expression), unlike the paths, where `null` means
/// "nothing". AWS's wording for `null` here is not recorded; this is its usual type error.
const NOT_NULL: [&str; 3] = ["Parameters", "ResultSelector", "Arguments"];

/// AWS's limit on state names.
const MAX_STATE_NAME: usize = 80;

/// What kind of scope is being read, for its allowed fields and checks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum ScopeKind {
    TopLevel,
    Branch,
    Processor,
}

/// Reads `StartAt` and `States` of a scope object and checks its transitions (only when both
/// are there: AWS reports a missing `StartAt` alone).
pub(super) fn scope(ctx: &mut Ctx, obj: &Obj, kind: ScopeKind) -> Option<StateMachine> {
    let errors = ctx.error_count();
    let mut graph = Scope {
        top_level: kind == ScopeKind::TopLevel,
        ..Scope::default()
    };
    obj.require(ctx, &["States", "StartAt"]);
    let start_at = obj.string(ctx, "StartAt");
    let comment = obj.string(ctx, "Comment").map(str::to_owned);
    let map = obj.object(ctx, "States")?;
    if map.map.is_empty() {
        ctx.schema(&map.loc, "Value cannot be empty");
    }
    let mut states = States::default();
    for (name, value) in map.map {
        let loc = map.at(name);
        check_name(ctx, name, &loc);
        graph.states.push((name.clone(), loc.clone()));
        let Value::Object(fields) = value else {
            ctx.schema(&loc, "Expected value of type [OBJECT]");
            continue;
        };
        if let Some(state) = state(ctx, name, &Obj::new(fields, loc), &mut graph) {
            states.insert(name.clone(), state);
        }
    }
    let start_at = start_at?.to_owned();
    graph.start_at = Some((start_at.clone(), obj.at("StartAt")));
    graph::check(ctx, &graph);
    (ctx.error_count() == errors).then_some(StateMachine {
        comment,
        start_at,
        states,
    })
}

/// Names are 1 to 80 characters and unique across the whole machine (the ASL rule behind
/// AWS's `DUPLICATE_STATE_NAME`). An empty name cannot appear in a history event (the model
/// gives state names a minimum length of 1); its wording is a guess after the length one.
fn check_name(ctx: &mut Ctx, name: &str, loc: &str) {
    if name.is_empty() {
        ctx.error(
            "INVALID_STATE_NAME",
            Some(loc),
            "State name cannot be empty",
        );
    }
    if name.chars().count() > MAX_STATE_NAME {
        let message =
            format!("State name is too long. The maximum length is {MAX_STATE_NAME} characters");
        ctx.error("INVALID_STATE_NAME", Some(loc), message);
    }
    // The control characters AWS's name rules list (U+0000-001F, U+007F-009F). Spaces and the
    // other characters those rules forbid in resource names are fine in state names (AWS's
    // own samples use "Job Complete?"). Refusing them, and the wording, are guesses.
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        let message = format!(
            "State name contains an invalid character: U+{:04X}",
            u32::from(c)
        );
        ctx.error("INVALID_STATE_NAME", Some(loc), message);
    }
    if !ctx.state_names.insert(name.to_owned()) {
        ctx.error(
            "DUPLICATE_STATE_NAME",
            Some(loc),
            format!("Duplicate State name: {name}"),
        );
    }
}

/// Reads one state; transitions go into `graph` even when the state is otherwise malformed.
pub(super) fn state(ctx: &mut Ctx, name: &str, obj: &Obj, graph: &mut Scope) -> Option<State> {
    let errors = ctx.error_count();
    let Some(type_name) = state_type(ctx, obj) else {
        collect_transitions(name, obj, graph);
        return None;
    };
    let fields = kinds::fields(type_name);
    obj.reject_unknown(
        ctx,
        &fields
            .iter()
            .chain(kinds::COMMON)
            .copied()
            .collect::<Vec<_>>(),
    );
    let language = language(ctx, obj, fields);
    let transition = transition(ctx, name, obj, type_name, graph);
    let data_flow = data_flow(ctx, obj, fields, language);
    let kind = kinds::kind(ctx, name, obj, type_name, language, graph);
    let comment = obj.string(ctx, "Comment").map(str::to_owned);
    let state = State {
        comment,
        query_language: language,
        data_flow,
        transition,
        kind: kind?,
    };
    (ctx.error_count() == errors).then_some(state)
}

fn state_type<'a>(ctx: &mut Ctx, obj: &Obj<'a>) -> Option<&'a str> {
    if !obj.require(ctx, &["Type"]) {
        return None;
    }
    match obj.get("Type").and_then(Value::as_str) {
        Some(t) if TYPES.contains(&t) => Some(t),
        _ => {
            let message = format!(
                "The field 'Type' should have one of these values: [{}]",
                TYPES.join(", ")
            );
            ctx.schema(&obj.at("Type"), message);
            None
        }
    }
}

/// Keeps the `Next` targets of a state whose type is unknown, so they do not also show up as
/// unreachable.
fn collect_transitions(name: &str, obj: &Obj, graph: &mut Scope) {
    if let Some(next) = obj.get("Next").and_then(Value::as_str) {
        graph.edge(name, next, obj.at("Next"));
    }
    if obj.get("End") == Some(&Value::Bool(true)) {
        graph.has_terminal = true;
    }
}

/// Resolves the state's query language and reports fields of the other language.
///
/// Observed AWS behaviour: only the exact string `JSONPath` means JSONPath; any other value
/// present means JSONata (and is reported against the enum separately); a JSONPath state in a
/// JSONata machine is reported once and its fields are not checked against the language.
fn language(ctx: &mut Ctx, obj: &Obj, allowed: &[&str]) -> QueryLanguage {
    let own = obj.get("QueryLanguage");
    let language = match own {
        None => ctx.machine_language,
        Some(v) if v == "JSONPath" => QueryLanguage::JsonPath,
        Some(_) => QueryLanguage::Jsonata,
    };
    let downgraded =
        own.is_some_and(|v| v == "JSONPath") && ctx.machine_language == QueryLanguage::Jsonata;
    if downgraded {
        ctx.schema(
            &obj.loc,
            "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
        );
    } else {
        report_other_language_fields(ctx, obj, allowed, language);
    }
    if own.is_some() {
        obj.one_of(ctx, "QueryLanguage", &["JSONPath", "JSONata"]);
    }
    language
}

/// Reports, at the state, each field that belongs to the other query language.
pub(super) fn report_other_language_fields(
    ctx: &mut Ctx,
    obj: &Obj,
    allowed: &[&str],
    language: QueryLanguage,
) {
    let (foreign, set, other): (&[&str], _, _) = match language {
        QueryLanguage::JsonPath => (&JSONATA_ONLY, "JSONPath", "JSONata"),
        QueryLanguage::Jsonata => (&JSONPATH_ONLY, "JSONata", "JSONPath"),
    };
    for key in obj
        .map
        .keys()
        .filter(|k| allowed.contains(&k.as_str()) && foreign.contains(&k.as_str()))
    {
        ctx.schema(
            &obj.loc,
            format!("The QueryLanguage is set to '{set}', but field '{key}' is only supported for the '{other}' QueryLanguage"),
        );
    }
}

/// Whether `key` may be read in a state of `language` (it is allowed and not foreign).
pub(super) fn usable(key: &str, allowed: &[&str], language: QueryLanguage) -> bool {
    allowed.contains(&key)
        && match language {
            QueryLanguage::JsonPath => !JSONATA_ONLY.contains(&key),
            QueryLanguage::Jsonata => !JSONPATH_ONLY.contains(&key),
        }
}

fn transition(
    ctx: &mut Ctx,
    name: &str,
    obj: &Obj,
    type_name: &str,
    graph: &mut Scope,
) -> Option<Transition> {
    match type_name {
        "Choice" => return None,
        "Succeed" | "Fail" => {
            graph.has_terminal = true;
            return Some(Transition::End);
        }
        _ => {}
    }
    let next = obj.non_empty_string(ctx, "Next");
    let end = obj.boolean(ctx, "End");
    if let Some(next) = next {
        graph.edge(name, next, obj.at("Next"));
    }
    match (next, end) {
        (Some(next), None | Some(false)) => Some(Transition::Next(next.to_owned())),
        (None, Some(true)) if !obj.has("Next") => {
            graph.has_terminal = true;
            Some(Transition::End)
        }
        _ => {
            if (obj.has("Next") && obj.has("End")) || (!obj.has("Next") && end != Some(true)) {
                ctx.schema(
                    &obj.loc,
                    "Exactly one of these fields must be provided: [Next, End]",
                );
            }
            None
        }
    }
}

fn data_flow(ctx: &mut Ctx, obj: &Obj, allowed: &[&str], language: QueryLanguage) -> DataFlow {
    let has = |key: &str| usable(key, allowed, language) && obj.has(key);
    let payload = |ctx: &mut Ctx, key: &str| {
        let value = obj.get(key).filter(|_| has(key))?;
        paths::payload(ctx, value, &obj.at(key))
    };
    let path = |ctx: &mut Ctx, key: &str| match has(key) {
        true => paths::nullable_path(ctx, obj, key),
        false => PathField::Absent,
    };
    let jsonata = |key: &str| paths::jsonata(obj, key).filter(|_| has(key));
    if has("Assign") {
        super::variables::check_assign(ctx, obj.get("Assign"), &obj.at("Assign"), language);
    }
    for key in NOT_NULL {
        if has(key) && obj.get(key) == Some(&Value::Null) {
            ctx.schema(&obj.at(key), "Expected value of type [OBJECT]");
        }
    }
    match language {
        QueryLanguage::JsonPath => DataFlow::JsonPath(Box::new(JsonPathFlow {
            input_path: path(ctx, "InputPath"),
            // A Map's `Parameters` is its legacy ItemSelector, read with the Map.
            parameters: match allowed.contains(&"ItemSelector") {
                true => None,
                false => payload(ctx, "Parameters"),
            },
            result_selector: payload(ctx, "ResultSelector"),
            result_path: match has("ResultPath") {
                true => paths::nullable_reference_path(ctx, obj, "ResultPath"),
                false => PathField::Absent,
            },
            output_path: path(ctx, "OutputPath"),
            assign: payload(ctx, "Assign"),
        })),
        QueryLanguage::Jsonata => DataFlow::Jsonata(Box::new(JsonataFlow {
            arguments: jsonata("Arguments"),
            output: jsonata("Output"),
            assign: jsonata("Assign"),
        })),
    }
}

/// The location of a state inside a scope's `States`.
pub(super) fn state_location(scope_loc: &str, name: &str) -> String {
    child(&child(scope_loc, "States"), name)
}
