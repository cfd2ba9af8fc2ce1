//! States: the fields every state has and one struct per state type.

use super::choice::ChoiceRule;
use super::map::{Count, ItemBatcher, ItemProcessor, ItemReader, MapItems, ResultWriter};
use super::retry::{Catcher, Retrier};
use super::template::{JsonataExpr, JsonataTemplate, Payload, Template, ValueOrExpr};
use super::{PathField, QueryLanguage, StateMachine};
use crate::asl::intrinsic::Intrinsic;
use crate::asl::path::{Path, ReferencePath};
use serde_json::Value;

/// One state.
#[derive(Debug, Clone)]
pub struct State {
    /// The `Comment`.
    pub comment: Option<String>,
    /// The effective query language (the state's own, else the machine's).
    pub query_language: QueryLanguage,
    /// Input/output processing, in the state's query language.
    pub data_flow: DataFlow,
    /// Where to go after the state; `None` for Choice (its rules decide), `End` for
    /// Succeed and Fail.
    pub transition: Option<Transition>,
    /// What the state does.
    pub kind: StateKind,
}

/// `Next` or `End`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transition {
    /// Continue with the named state.
    Next(String),
    /// The state ends its scope (execution, branch or iteration).
    End,
}

/// The data-flow fields of a state, by query language. Fields a state type does not have are
/// always `None`/absent.
#[derive(Debug, Clone, PartialEq)]
pub enum DataFlow {
    /// JSONPath fields.
    JsonPath(Box<JsonPathFlow>),
    /// JSONata fields.
    Jsonata(Box<JsonataFlow>),
}

/// JSONPath data flow: InputPath -> Parameters -> work -> ResultSelector -> ResultPath ->
/// OutputPath, plus Assign.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JsonPathFlow {
    /// `InputPath` (default `$`; `null` gives `{}`).
    pub input_path: PathField<Path>,
    /// `Parameters` (Map: legacy alias of `ItemSelector`, stored in [`Map::item_selector`]).
    pub parameters: Option<Payload>,
    /// `ResultSelector`.
    pub result_selector: Option<Payload>,
    /// `ResultPath` (default `$`; `null` discards the result).
    pub result_path: PathField<ReferencePath>,
    /// `OutputPath` (default `$`; `null` gives `{}`).
    pub output_path: PathField<Path>,
    /// `Assign`.
    pub assign: Option<Payload>,
}

/// JSONata data flow: Arguments -> work -> Output, plus Assign.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JsonataFlow {
    /// `Arguments` (Task, Parallel).
    pub arguments: Option<JsonataTemplate>,
    /// `Output`.
    pub output: Option<JsonataTemplate>,
    /// `Assign`.
    pub assign: Option<JsonataTemplate>,
}

/// What a state does, by `Type`.
#[derive(Debug, Clone)]
pub enum StateKind {
    /// `Pass`.
    Pass(Pass),
    /// `Task`.
    Task(Box<Task>),
    /// `Choice`.
    Choice(Choice),
    /// `Wait`.
    Wait(Wait),
    /// `Succeed`.
    Succeed,
    /// `Fail`.
    Fail(Fail),
    /// `Parallel`.
    Parallel(Parallel),
    /// `Map`.
    Map(Box<Map>),
}

impl StateKind {
    /// The retriers and catchers of a state type that has them (Task, Parallel, Map); the
    /// others have none.
    pub fn handlers(&self) -> (&[Retrier], &[Catcher]) {
        match self {
            StateKind::Task(task) => (&task.retry, &task.catch),
            StateKind::Parallel(parallel) => (&parallel.retry, &parallel.catch),
            StateKind::Map(map) => (&map.retry, &map.catch),
            _ => (&[], &[]),
        }
    }
}

/// Pass state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pass {
    /// JSONPath `Result`: the fixed result, else the effective input.
    pub result: Option<Value>,
}

/// Task state.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// `Resource`.
    pub resource: Resource,
    /// `TimeoutSeconds` / `TimeoutSecondsPath`.
    pub timeout: Option<Timeout>,
    /// `HeartbeatSeconds` / `HeartbeatSecondsPath`.
    pub heartbeat: Option<Timeout>,
    /// `Credentials`.
    pub credentials: Option<Credentials>,
    /// `Retry`.
    pub retry: Vec<Retrier>,
    /// `Catch`.
    pub catch: Vec<Catcher>,
}

/// A Task timeout or heartbeat.
#[derive(Debug, Clone, PartialEq)]
pub enum Timeout {
    /// A constant number of seconds.
    Seconds(u64),
    /// A reference path to the seconds in the input (`...Path` fields).
    Path(ReferencePath),
    /// A JSONata expression.
    Expr(JsonataExpr),
}

/// `Credentials`: the role to assume; accepted and recorded, never assumed by an emulator.
#[derive(Debug, Clone, PartialEq)]
pub struct Credentials {
    /// The whole object as a template (`RoleArn`, `RoleArn.$` or an expression).
    pub template: Template,
}

/// A Task `Resource` and what kind of thing it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// The ARN as written.
    pub arn: String,
    /// What it names.
    pub kind: ResourceKind,
}

/// The kinds of Task resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourceKind {
    /// `arn:aws:states:<r>:<a>:activity:<name>`.
    Activity,
    /// A Lambda function ARN called directly (legacy).
    LambdaFunction,
    /// `arn:aws:states:::<service>:<action>[.pattern]`, including `aws-sdk:<service>:<action>`.
    Integration {
        /// e.g. `lambda`, `sqs`, `aws-sdk:dynamodb`.
        service: String,
        /// e.g. `invoke`, `putItem`.
        action: String,
        /// How the call completes.
        pattern: IntegrationPattern,
    },
    /// Anything else (e.g. `arn:aws:states:::http:invoke` is an Integration; this is for
    /// ARNs the model does not recognise).
    Other,
}

/// Service-integration patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntegrationPattern {
    /// Return when the API call returns.
    RequestResponse,
    /// `.sync`: wait for the job to finish.
    Sync,
    /// `.sync:2`: as `.sync`, with JSON output (Step Functions StartExecution).
    Sync2,
    /// `.waitForTaskToken`: wait for SendTaskSuccess/Failure.
    WaitForTaskToken,
}

impl Resource {
    /// Classifies an ARN.
    pub fn parse(arn: &str) -> Resource {
        Resource {
            arn: arn.to_owned(),
            kind: classify(arn),
        }
    }
}

fn classify(arn: &str) -> ResourceKind {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [_, _, service, _, _, rest] = parts.as_slice() else {
        return ResourceKind::Other;
    };
    match *service {
        "lambda" if rest.starts_with("function:") => ResourceKind::LambdaFunction,
        "states" if rest.starts_with("activity:") => ResourceKind::Activity,
        "states" => integration(rest),
        _ => ResourceKind::Other,
    }
}

fn integration(rest: &str) -> ResourceKind {
    let (call, pattern) = if let Some(c) = rest.strip_suffix(".waitForTaskToken") {
        (c, IntegrationPattern::WaitForTaskToken)
    } else if let Some(c) = rest.strip_suffix(".sync:2") {
        (c, IntegrationPattern::Sync2)
    } else if let Some(c) = rest.strip_suffix(".sync") {
        (c, IntegrationPattern::Sync)
    } else {
        (rest, IntegrationPattern::RequestResponse)
    };
    match call.rsplit_once(':') {
        Some((service, action)) if !service.is_empty() && !action.is_empty() => {
            ResourceKind::Integration {
                service: service.to_owned(),
                action: action.to_owned(),
                pattern,
            }
        }
        _ => ResourceKind::Other,
    }
}

/// Choice state.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The rules, tried in order.
    pub choices: Vec<ChoiceRule>,
    /// The state to go to when no rule matches (else `States.NoChoiceMatched`).
    pub default: Option<String>,
}

/// Wait state.
#[derive(Debug, Clone, PartialEq)]
pub struct Wait {
    /// How long, or until when.
    pub wait_for: WaitFor,
}

/// The four ways to say how long a Wait state waits.
#[derive(Debug, Clone, PartialEq)]
pub enum WaitFor {
    /// `Seconds` (JSONata: may be an expression).
    Seconds(ValueOrExpr<u64>),
    /// `Timestamp` (JSONata: may be an expression).
    Timestamp(ValueOrExpr<String>),
    /// `SecondsPath`.
    SecondsPath(ReferencePath),
    /// `TimestampPath`.
    TimestampPath(ReferencePath),
}

/// Fail state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fail {
    /// `Error` / `ErrorPath`.
    pub error: Option<FailField>,
    /// `Cause` / `CausePath`.
    pub cause: Option<FailField>,
}

/// Where a Fail state's error or cause comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum FailField {
    /// A constant string.
    Literal(String),
    /// JSONata: an expression.
    Expr(JsonataExpr),
    /// `...Path`: a path into the input.
    Path(Path),
    /// `...Path`: a string-returning intrinsic call.
    Intrinsic(Intrinsic),
}

/// Parallel state.
#[derive(Debug, Clone)]
pub struct Parallel {
    /// The branches, all given the same input; results in this order.
    pub branches: Vec<std::sync::Arc<StateMachine>>,
    /// `Retry`.
    pub retry: Vec<Retrier>,
    /// `Catch`.
    pub catch: Vec<Catcher>,
}

/// Map state.
#[derive(Debug, Clone)]
pub struct Map {
    /// `ItemProcessor` or legacy `Iterator`.
    pub processor: ItemProcessor,
    /// `ItemsPath` or `Items`; `None` iterates the effective input.
    pub items: Option<MapItems>,
    /// `ItemSelector` (or the legacy JSONPath `Parameters`).
    pub item_selector: Option<Template>,
    /// `MaxConcurrency` / `MaxConcurrencyPath` (0 = unlimited).
    pub max_concurrency: Option<Count<u64>>,
    /// `ToleratedFailureCount` / `...Path`.
    pub tolerated_failure_count: Option<Count<u64>>,
    /// `ToleratedFailurePercentage` / `...Path`.
    pub tolerated_failure_percentage: Option<Count<f64>>,
    /// `ItemReader`.
    pub item_reader: Option<ItemReader>,
    /// `ItemBatcher`.
    pub item_batcher: Option<ItemBatcher>,
    /// `ResultWriter`.
    pub result_writer: Option<ResultWriter>,
    /// `Label`.
    pub label: Option<String>,
    /// `Retry`.
    pub retry: Vec<Retrier>,
    /// `Catch`.
    pub catch: Vec<Catcher>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_resources() {
        let kind = |arn| Resource::parse(arn).kind;
        assert_eq!(
            kind("arn:aws:lambda:us-east-1:1:function:f"),
            ResourceKind::LambdaFunction
        );
        assert_eq!(
            kind("arn:aws:states:us-east-1:1:activity:a"),
            ResourceKind::Activity
        );
        assert_eq!(
            kind("arn:aws:states:::sns:publish.waitForTaskToken"),
            ResourceKind::Integration {
                service: "sns".into(),
                action: "publish".into(),
                pattern: IntegrationPattern::WaitForTaskToken
            }
        );
        assert_eq!(
            kind("arn:aws:states:::aws-sdk:s3:getObject"),
            ResourceKind::Integration {
                service: "aws-sdk:s3".into(),
                action: "getObject".into(),
                pattern: IntegrationPattern::RequestResponse
            }
        );
        assert!(matches!(
            kind("arn:aws:states:::states:startExecution.sync:2"),
            ResourceKind::Integration {
                pattern: IntegrationPattern::Sync2,
                ..
            }
        ));
        assert_eq!(kind("not an arn"), ResourceKind::Other);
    }
}
