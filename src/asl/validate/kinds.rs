//! The fields of each state type, and reading the type-specific ones.

use super::ctx::{Ctx, Obj, element};
use super::graph::Scope;
use super::machine::{self, ScopeKind, usable};
use super::paths::{self, PathOrIntrinsic};
use super::{MachineType, choice, map, resources, retry};
use crate::asl::choice::parse_timestamp;
use crate::asl::definition::{
    Credentials, Fail, FailField, IntegrationPattern, JsonataExpr, JsonataTemplate, Parallel, Pass,
    QueryLanguage, Resource, ResourceKind, StateKind, Task, Template, Timeout, ValueOrExpr, Wait,
    WaitFor,
};
use crate::asl::parameters;
use serde_json::Value;

/// Fields every state may have.
pub(super) const COMMON: &[&str] = &["Type", "Comment", "QueryLanguage"];

const PASS: &[&str] = &[
    "InputPath",
    "OutputPath",
    "Parameters",
    "ResultPath",
    "Result",
    "Assign",
    "Output",
    "Next",
    "End",
];
const TASK: &[&str] = &[
    "Resource",
    "InputPath",
    "OutputPath",
    "Parameters",
    "ResultSelector",
    "ResultPath",
    "Arguments",
    "Output",
    "Assign",
    "Retry",
    "Catch",
    "TimeoutSeconds",
    "TimeoutSecondsPath",
    "HeartbeatSeconds",
    "HeartbeatSecondsPath",
    "Credentials",
    "Next",
    "End",
];
const CHOICE: &[&str] = &[
    "Choices",
    "Default",
    "InputPath",
    "OutputPath",
    "Output",
    "Assign",
];
const WAIT: &[&str] = &[
    "Seconds",
    "Timestamp",
    "SecondsPath",
    "TimestampPath",
    "InputPath",
    "OutputPath",
    "Output",
    "Assign",
    "Next",
    "End",
];
const SUCCEED: &[&str] = &["InputPath", "OutputPath", "Output"];
const FAIL: &[&str] = &["Error", "Cause", "ErrorPath", "CausePath"];
const PARALLEL: &[&str] = &[
    "Branches",
    "InputPath",
    "OutputPath",
    "Parameters",
    "ResultSelector",
    "ResultPath",
    "Arguments",
    "Output",
    "Assign",
    "Retry",
    "Catch",
    "Next",
    "End",
];
/// Map fields (shared with [`map`]).
pub(super) const MAP: &[&str] = &[
    "ItemProcessor",
    "Iterator",
    "ItemsPath",
    "Items",
    "ItemSelector",
    "Parameters",
    "MaxConcurrency",
    "MaxConcurrencyPath",
    "ToleratedFailureCount",
    "ToleratedFailureCountPath",
    "ToleratedFailurePercentage",
    "ToleratedFailurePercentagePath",
    "ItemReader",
    "ItemBatcher",
    "ResultWriter",
    "Label",
    "InputPath",
    "OutputPath",
    "ResultSelector",
    "ResultPath",
    "Output",
    "Assign",
    "Retry",
    "Catch",
    "Next",
    "End",
];

/// AWS's largest `TimeoutSeconds` / `HeartbeatSeconds` (also the default timeout).
const MAX_SECONDS: u64 = 99_999_999;

/// The type-specific fields of a state type.
pub(super) fn fields(type_name: &str) -> &'static [&'static str] {
    match type_name {
        "Pass" => PASS,
        "Task" => TASK,
        "Choice" => CHOICE,
        "Wait" => WAIT,
        "Succeed" => SUCCEED,
        "Fail" => FAIL,
        "Parallel" => PARALLEL,
        _ => MAP,
    }
}

/// Reads what a state of `type_name` does.
pub(super) fn kind(
    ctx: &mut Ctx,
    name: &str,
    obj: &Obj,
    type_name: &str,
    language: QueryLanguage,
    graph: &mut Scope,
) -> Option<StateKind> {
    match type_name {
        "Pass" => Some(StateKind::Pass(pass(obj, language))),
        "Task" => task(ctx, name, obj, language, graph).map(|t| StateKind::Task(Box::new(t))),
        "Choice" => choice::choice(ctx, name, obj, language, graph).map(StateKind::Choice),
        "Wait" => wait(ctx, obj, language).map(StateKind::Wait),
        "Succeed" => Some(StateKind::Succeed),
        "Fail" => fail(ctx, obj, language).map(StateKind::Fail),
        "Parallel" => parallel(ctx, name, obj, language, graph).map(StateKind::Parallel),
        _ => map::map(ctx, name, obj, language, graph).map(|m| StateKind::Map(Box::new(m))),
    }
}

fn pass(obj: &Obj, language: QueryLanguage) -> Pass {
    let result = if language == QueryLanguage::JsonPath {
        obj.get("Result").cloned()
    } else {
        None
    };
    Pass { result }
}

fn task(
    ctx: &mut Ctx,
    name: &str,
    obj: &Obj,
    language: QueryLanguage,
    graph: &mut Scope,
) -> Option<Task> {
    let resource = resource(ctx, obj);
    if let Some(resource) = &resource {
        integration_parameters(ctx, obj, resource, language);
    }
    let timeout = timing(ctx, obj, "TimeoutSeconds", language);
    let heartbeat = timing(ctx, obj, "HeartbeatSeconds", language);
    check_heartbeat(ctx, obj, timeout.as_ref(), heartbeat.as_ref());
    let credentials = credentials(ctx, obj, language);
    let retry = retry::retriers(ctx, obj);
    let catch = retry::catchers(ctx, name, obj, language, graph);
    Some(Task {
        resource: resource?,
        timeout,
        heartbeat,
        credentials,
        retry,
        catch,
    })
}

/// Reports the first field written in the state's `Parameters` (JSONata: `Arguments`, when
/// an object) that its optimized integration does not take (see [`crate::asl::parameters`]),
/// at the top level or nested inside one it takes.
fn integration_parameters(ctx: &mut Ctx, obj: &Obj, resource: &Resource, language: QueryLanguage) {
    let key = match language {
        QueryLanguage::JsonPath => "Parameters",
        QueryLanguage::Jsonata => "Arguments",
    };
    let Some(Value::Object(fields)) = obj.get(key) else {
        return;
    };
    let unknown = match parameters::unsupported_field(resource, fields) {
        Some(field) => Some(field.to_owned()),
        None => nested(resource, fields),
    };
    if let Some(field) = unknown {
        ctx.schema(&obj.at(key), parameters::not_supported(&field));
    }
}

/// The first field nested in `fields` that the integration's API lacks there.
fn nested(resource: &Resource, fields: &serde_json::Map<String, Value>) -> Option<String> {
    match &resource.kind {
        ResourceKind::Integration {
            service, action, ..
        } => super::nested_fields::first_unknown(service, action, fields),
        _ => None,
    }
}

/// A constant heartbeat must be shorter than the constant (or default) timeout.
fn check_heartbeat(
    ctx: &mut Ctx,
    obj: &Obj,
    timeout: Option<&Timeout>,
    heartbeat: Option<&Timeout>,
) {
    let Some(Timeout::Seconds(heartbeat)) = heartbeat else {
        return;
    };
    let timeout = match timeout {
        Some(Timeout::Seconds(t)) => *t,
        None => MAX_SECONDS,
        Some(_) => return,
    };
    if *heartbeat >= timeout {
        let message = "HeartbeatSeconds must be smaller than TimeoutSeconds";
        ctx.schema(&obj.at("HeartbeatSeconds"), message);
    }
}

fn resource(ctx: &mut Ctx, obj: &Obj) -> Option<Resource> {
    obj.require(ctx, &["Resource"]);
    let resource = Resource::parse(obj.non_empty_string(ctx, "Resource")?);
    let recognised = resources::check(ctx, &resource, &obj.at("Resource"));
    if recognised && ctx.machine_type == MachineType::Express {
        express_resource(ctx, &resource, &obj.at("Resource"));
    }
    Some(resource)
}

/// Express machines cannot wait for jobs, tokens or activities (messages as AWS words them,
/// including the space before `at` in the `.waitForTaskToken` one).
fn express_resource(ctx: &mut Ctx, resource: &Resource, loc: &str) {
    let message = match resource.kind {
        ResourceKind::Integration {
            pattern: IntegrationPattern::Sync | IntegrationPattern::Sync2,
            ..
        } => "Express state machine does not support '.sync' service integration",
        ResourceKind::Integration {
            pattern: IntegrationPattern::WaitForTaskToken,
            ..
        } => "Express state machine does not support '.waitForTaskToken' service integration ",
        ResourceKind::Activity => "Express state machine does not support Activities",
        _ => return,
    };
    ctx.schema(loc, message);
}

/// `<key>` / `<key>Path`: a positive number of seconds, a reference path or an expression.
fn timing(ctx: &mut Ctx, obj: &Obj, key: &str, language: QueryLanguage) -> Option<Timeout> {
    let path_key = format!("{key}Path");
    exclusive(ctx, obj, &[key, &path_key])?;
    if obj.has(&path_key) {
        return match language {
            QueryLanguage::JsonPath => {
                paths::reference_path(ctx, obj, &path_key).map(Timeout::Path)
            }
            QueryLanguage::Jsonata => None,
        };
    }
    match paths::integer_or_expr(ctx, obj, key, (1, MAX_SECONDS), language)? {
        ValueOrExpr::Value(n) => Some(Timeout::Seconds(n)),
        ValueOrExpr::Expr(e) => Some(Timeout::Expr(e)),
    }
}

/// Reports fields that may not be written together (at the first one); `None` when they are.
pub(super) fn exclusive(ctx: &mut Ctx, obj: &Obj, keys: &[&str]) -> Option<()> {
    let present: Vec<&str> = keys.iter().copied().filter(|k| obj.has(k)).collect();
    if present.len() > 1 {
        ctx.schema(
            &obj.at(present[0]),
            format!(
                "These fields are mutually exclusive: [{}]",
                present.join(", ")
            ),
        );
        return None;
    }
    Some(())
}

/// `Credentials` must name the role (observed: `{}` and unknown fields both give only this).
fn credentials(ctx: &mut Ctx, obj: &Obj, language: QueryLanguage) -> Option<Credentials> {
    let value = obj.get("Credentials")?;
    let loc = obj.at("Credentials");
    let names_role = match value {
        Value::Object(map) => map.contains_key("RoleArn") || map.contains_key("RoleArn.$"),
        Value::String(s) => {
            language == QueryLanguage::Jsonata && JsonataExpr::from_delimited(s).is_some()
        }
        _ => false,
    };
    if !names_role {
        ctx.schema(&loc, "The field 'RoleArn' is required but was missing");
        return None;
    }
    let template = match language {
        QueryLanguage::JsonPath => Template::JsonPath(paths::payload(ctx, value, &loc)?),
        QueryLanguage::Jsonata => Template::Jsonata(JsonataTemplate::from_value(value)),
    };
    Some(Credentials { template })
}

const WAIT_FIELDS: [&str; 4] = ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"];

fn wait(ctx: &mut Ctx, obj: &Obj, language: QueryLanguage) -> Option<Wait> {
    let present: Vec<&str> = WAIT_FIELDS.iter().copied().filter(|k| obj.has(k)).collect();
    if present.len() != 1 {
        ctx.schema(
            &obj.loc,
            format!(
                "Exactly one of these fields must be provided: [{}]",
                WAIT_FIELDS.join(", ")
            ),
        );
        return None;
    }
    let wait_for = match present[0] {
        key if !usable(key, WAIT, language) => return None,
        "Seconds" => WaitFor::Seconds(paths::integer_or_expr(
            ctx,
            obj,
            "Seconds",
            (0, MAX_SECONDS),
            language,
        )?),
        "Timestamp" => WaitFor::Timestamp(wait_timestamp(ctx, obj, language)?),
        "SecondsPath" => WaitFor::SecondsPath(paths::reference_path(ctx, obj, "SecondsPath")?),
        _ => WaitFor::TimestampPath(paths::reference_path(ctx, obj, "TimestampPath")?),
    };
    Some(Wait { wait_for })
}

/// A Wait `Timestamp`: a JSONata expression, or a literal that must already be an RFC 3339
/// date-time with an uppercase `T` and `Z` or an offset, as the ASL specification requires
/// (AWS's wording is a guess; see `docs/fidelity.md`).
fn wait_timestamp(
    ctx: &mut Ctx,
    obj: &Obj,
    language: QueryLanguage,
) -> Option<ValueOrExpr<String>> {
    if let Some(e) =
        paths::expr_field(obj, "Timestamp").filter(|_| language == QueryLanguage::Jsonata)
    {
        return Some(ValueOrExpr::Expr(e));
    }
    let text = obj.string(ctx, "Timestamp")?;
    if parse_timestamp(text).is_none() {
        let message = "The value for the field 'Timestamp' must be a valid ISO-8601 extended offset date-time format string";
        ctx.schema(&obj.at("Timestamp"), message);
        return None;
    }
    Some(ValueOrExpr::Value(text.to_owned()))
}

fn fail(ctx: &mut Ctx, obj: &Obj, language: QueryLanguage) -> Option<Fail> {
    let error = fail_field(ctx, obj, "Error", language);
    let cause = fail_field(ctx, obj, "Cause", language);
    Some(Fail {
        error: error?,
        cause: cause?,
    })
}

/// `Error`/`Cause` (a string, or an expression in JSONata) or `ErrorPath`/`CausePath` (a path
/// or an intrinsic call). `Some(None)` when neither is written.
fn fail_field(
    ctx: &mut Ctx,
    obj: &Obj,
    key: &str,
    language: QueryLanguage,
) -> Option<Option<FailField>> {
    let path_key = format!("{key}Path");
    exclusive(ctx, obj, &[key, &path_key])?;
    if obj.has(&path_key) {
        if language == QueryLanguage::Jsonata {
            return None;
        }
        let s = obj.string(ctx, &path_key)?;
        return match paths::path_or_intrinsic(s) {
            Some(PathOrIntrinsic::Path(p)) => Some(Some(FailField::Path(p))),
            Some(PathOrIntrinsic::Intrinsic(i)) if returns_string(i.source()) => {
                Some(Some(FailField::Intrinsic(i)))
            }
            _ => {
                let message = format!(
                    "The value for the field '{path_key}' must be a valid JSONPath or a valid intrinsic function call"
                );
                ctx.schema(&obj.at(&path_key), message);
                None
            }
        };
    }
    if !obj.has(key) {
        return Some(None);
    }
    let s = obj.string(ctx, key)?;
    Some(Some(match JsonataExpr::from_delimited(s) {
        Some(e) if language == QueryLanguage::Jsonata => FailField::Expr(e),
        _ => FailField::Literal(s.to_owned()),
    }))
}

/// Whether an intrinsic call returns a string, as Fail's `ErrorPath`/`CausePath` require.
fn returns_string(call: &str) -> bool {
    const STRING_FUNCTIONS: [&str; 7] = [
        "States.ArrayGetItem",
        "States.Base64Encode",
        "States.Base64Decode",
        "States.Format",
        "States.JsonToString",
        "States.Hash",
        "States.UUID",
    ];
    let name = call.split('(').next().unwrap_or_default().trim();
    STRING_FUNCTIONS.contains(&name)
}

fn parallel(
    ctx: &mut Ctx,
    name: &str,
    obj: &Obj,
    language: QueryLanguage,
    graph: &mut Scope,
) -> Option<Parallel> {
    obj.require(ctx, &["Branches"]);
    let branches = obj.array(ctx, "Branches", true).map(|items| {
        let parsed: Vec<_> = items
            .iter()
            .enumerate()
            .map(|(i, b)| branch(ctx, b, element(&obj.at("Branches"), i)))
            .collect();
        parsed.into_iter().collect::<Option<Vec<_>>>()
    });
    let retry = retry::retriers(ctx, obj);
    let catch = retry::catchers(ctx, name, obj, language, graph);
    Some(Parallel {
        branches: branches??.into_iter().map(std::sync::Arc::new).collect(),
        retry,
        catch,
    })
}

fn branch(
    ctx: &mut Ctx,
    value: &Value,
    loc: String,
) -> Option<crate::asl::definition::StateMachine> {
    let Value::Object(map) = value else {
        ctx.schema(&loc, "Expected value of type [OBJECT]");
        return None;
    };
    let obj = Obj::new(map, loc);
    obj.reject_unknown(ctx, &["StartAt", "States", "Comment"]);
    machine::scope(ctx, &obj, ScopeKind::Branch)
}
