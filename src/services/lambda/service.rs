//! Lambda on the service seam: each operation of the model the fake runs, from its input
//! members (as rest-json or `aws-sdk:lambda` delivers them) to its typed call and back.

use super::{InvocationType, Invoke, InvokeOutput, Lambda, LambdaError, LambdaResult};
use crate::model::ServiceModel;
use crate::protocol::WireError;
use crate::services::registry::WeakRegistry;
use crate::services::{Answer, Call, DecodeError, Output, ResetReport, Service, not_implemented};
use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// One request's members, read by name.
struct Members {
    members: Map<String, Value>,
    payload: Option<Bytes>,
}

impl Members {
    fn text(&self, name: &str) -> Option<&str> {
        self.members.get(name).and_then(Value::as_str)
    }

    /// A required path label: the codec only matches a route when it is present.
    fn label(&self, name: &str) -> &str {
        self.text(name).unwrap_or_default()
    }

    fn max_items(&self) -> Option<usize> {
        let n = self.members.get("MaxItems")?.as_i64()?;
        Some(usize::try_from(n).unwrap_or(0))
    }

    /// The members as an operation's typed input; `labels` names path members the input type
    /// does not hold (removed first).
    fn body<T: DeserializeOwned>(mut self, labels: &[&str]) -> LambdaResult<T> {
        for label in labels {
            self.members.remove(*label);
        }
        serde_json::from_value(Value::Object(self.members)).map_err(|e| {
            LambdaError::InvalidRequestContent(format!(
                "Could not parse request body into json: {e}"
            ))
        })
    }
}

impl Service for Lambda {
    fn name(&self) -> &'static str {
        "lambda"
    }

    fn model(&self) -> ServiceModel {
        ServiceModel::Lambda
    }

    /// AWS's limit for `CreateFunction` with an inline zip.
    fn body_limit(&self) -> usize {
        70_167_211
    }

    fn call(&self, call: Call) -> Answer<'_> {
        Box::pin(async move {
            let (members, payload) = call.input.into_members()?;
            let members = Members {
                members: match members {
                    Value::Object(map) => map,
                    _ => Map::new(),
                },
                payload,
            };
            match self.run(&call.operation, members).await {
                Some(result) => result.map_err(WireError::from),
                None => Err(not_implemented(self, &call.operation)),
            }
        })
    }

    fn reset(&self) -> ResetReport<'_> {
        Box::pin(async move { serde_json::to_value(Lambda::reset(self).await).unwrap_or_default() })
    }

    fn connect(&self, peers: &WeakRegistry) {
        *self.peers.write().unwrap_or_else(|e| e.into_inner()) = peers.clone();
    }

    fn decode_error(&self, error: DecodeError) -> WireError {
        match error {
            DecodeError::Body(detail) => LambdaError::InvalidRequestContent(format!(
                "Could not parse request body into json: {detail}"
            )),
            DecodeError::Parameter { name, value } => {
                LambdaError::InvalidParameterValue(format!("Invalid {name} value: {value}"))
            }
        }
        .into()
    }
}

impl Lambda {
    /// Runs `operation`; `None` when the fake does not implement it.
    async fn run(&self, operation: &str, m: Members) -> Option<LambdaResult<Output>> {
        let result = match operation {
            "Invoke" => self.invoke_call(&m).await,
            "InvokeAsync" => self.invoke_async(m).await,
            "CreateEventSourceMapping" => match m.body(&[]) {
                Ok(req) => out(self.create_event_source_mapping(req).await),
                Err(error) => Err(error),
            },
            _ => return self.manage(operation, m),
        };
        Some(result)
    }

    /// The control operations: functions, versions, aliases, tags, concurrency.
    fn manage(&self, operation: &str, m: Members) -> Option<LambdaResult<Output>> {
        let result = match operation {
            "CreateFunction"
            | "GetFunction"
            | "GetFunctionConfiguration"
            | "ListFunctions"
            | "DeleteFunction"
            | "UpdateFunctionConfiguration"
            | "UpdateFunctionCode" => self.functions(operation, m)?,
            "PublishVersion"
            | "ListVersionsByFunction"
            | "CreateAlias"
            | "GetAlias"
            | "UpdateAlias"
            | "DeleteAlias"
            | "ListAliases" => self.versions(operation, m)?,
            "GetEventSourceMapping"
            | "UpdateEventSourceMapping"
            | "DeleteEventSourceMapping"
            | "ListEventSourceMappings" => self.mappings_call(operation, m)?,
            _ => self.settings(operation, m)?,
        };
        Some(result)
    }

    fn functions(&self, operation: &str, m: Members) -> Option<LambdaResult<Output>> {
        let name = m.label("FunctionName").to_owned();
        let qualifier = m.text("Qualifier").map(str::to_owned);
        let result = match operation {
            "CreateFunction" => m
                .body(&[])
                .and_then(|req| out(self.create_function(req).map(|c| c.to_wire()))),
            "GetFunction" => out(self.get_function(&name, qualifier.as_deref())),
            "GetFunctionConfiguration" => {
                out(self.get_function_configuration(&name, qualifier.as_deref()))
            }
            "ListFunctions" => {
                let all = m.text("FunctionVersion") == Some("ALL");
                out(self.list_functions(all, m.text("Marker"), m.max_items()))
            }
            "DeleteFunction" => self
                .delete_function(&name, qualifier.as_deref())
                .map(|()| status(204)),
            "UpdateFunctionConfiguration" => m.body(&[]).and_then(|req| {
                out(self
                    .update_function_configuration(&name, req)
                    .map(|c| c.to_wire()))
            }),
            "UpdateFunctionCode" => m
                .body(&[])
                .and_then(|req| out(self.update_function_code(&name, req).map(|c| c.to_wire()))),
            _ => return None,
        };
        Some(result)
    }

    fn versions(&self, operation: &str, m: Members) -> Option<LambdaResult<Output>> {
        let name = m.label("FunctionName").to_owned();
        let alias = m.label("Name").to_owned();
        let result = match operation {
            "PublishVersion" => m
                .body(&[])
                .and_then(|req| out(self.publish_version(&name, req).map(|c| c.to_wire()))),
            "ListVersionsByFunction" => {
                out(self.list_versions_by_function(&name, m.text("Marker"), m.max_items()))
            }
            "CreateAlias" => m
                .body(&[])
                .and_then(|req| out(self.create_alias(&name, req).map(|a| a.to_wire()))),
            "GetAlias" => out(self.get_alias(&name, &alias).map(|a| a.to_wire())),
            "UpdateAlias" => m
                .body(&[])
                .and_then(|req| out(self.update_alias(&name, &alias, req).map(|a| a.to_wire()))),
            "DeleteAlias" => self.delete_alias(&name, &alias).map(|()| Output::empty()),
            "ListAliases" => out(self.list_aliases(
                &name,
                m.text("FunctionVersion"),
                m.text("Marker"),
                m.max_items(),
            )),
            _ => return None,
        };
        Some(result)
    }

    fn mappings_call(&self, operation: &str, m: Members) -> Option<LambdaResult<Output>> {
        let uuid = m.label("UUID").to_owned();
        let result = match operation {
            "GetEventSourceMapping" => out(self.get_event_source_mapping(&uuid)),
            "UpdateEventSourceMapping" => m
                .body(&["UUID"])
                .and_then(|req| out(self.update_event_source_mapping(&uuid, req))),
            "DeleteEventSourceMapping" => out(self.delete_event_source_mapping(&uuid)),
            "ListEventSourceMappings" => out(self.list_event_source_mappings(
                m.text("EventSourceArn"),
                m.text("FunctionName"),
                m.text("Marker"),
                m.max_items(),
            )),
            _ => return None,
        };
        Some(result)
    }

    fn settings(&self, operation: &str, m: Members) -> Option<LambdaResult<Output>> {
        let name = m.label("FunctionName").to_owned();
        let resource = m.label("Resource").to_owned();
        let result = match operation {
            "ListTags" => out(self.list_tags(&resource)),
            "TagResource" => m
                .body::<super::types::TagResourceRequest>(&[])
                .and_then(|req| self.tag_resource(&resource, req))
                .map(|()| Output::empty()),
            "UntagResource" => m
                .body::<super::types::UntagResourceRequest>(&[])
                .and_then(|req| self.untag_resource(&req.resource, &req.tag_keys))
                .map(|()| Output::empty()),
            "PutFunctionConcurrency" => m
                .body(&[])
                .and_then(|req| out(self.put_function_concurrency(&name, req))),
            "GetFunctionConcurrency" => out(self.get_function_concurrency(&name)),
            "DeleteFunctionConcurrency" => self
                .delete_function_concurrency(&name)
                .map(|()| Output::empty()),
            "GetAccountSettings" => out(Ok(self.account_settings())),
            _ => return None,
        };
        Some(result)
    }

    async fn invoke_call(&self, m: &Members) -> LambdaResult<Output> {
        let invocation_type = match m.text("InvocationType") {
            Some(text) => InvocationType::parse(text)?,
            None => InvocationType::RequestResponse,
        };
        let request = Invoke {
            function_name: m.label("FunctionName").to_owned(),
            qualifier: m.text("Qualifier").map(str::to_owned),
            invocation_type,
            log_tail: m.text("LogType") == Some("Tail"),
            client_context: m.text("ClientContext").map(str::to_owned),
            payload: m.payload.clone().unwrap_or_default(),
        };
        Ok(invoked(self.invoke(request).await?))
    }

    async fn invoke_async(&self, m: Members) -> LambdaResult<Output> {
        let request = Invoke {
            function_name: m.label("FunctionName").to_owned(),
            invocation_type: InvocationType::Event,
            payload: m.payload.unwrap_or_default(),
            ..Invoke::default()
        };
        self.invoke(request).await?;
        Ok(status(202))
    }
}

/// `Invoke`'s answer: the status, headers and the function's result as the whole body.
fn invoked(output: InvokeOutput) -> Output {
    let mut members = Map::new();
    members.insert("StatusCode".into(), output.status.into());
    let headers = [
        ("FunctionError", output.function_error),
        ("LogResult", output.log_result),
        ("ExecutedVersion", output.executed_version),
    ];
    for (name, value) in headers {
        if let Some(value) = value {
            members.insert(name.into(), value.into());
        }
    }
    Output::Members {
        members: Value::Object(members),
        payload: Some(output.payload),
    }
}

/// An answer carrying only its HTTP status (`StatusCode`, bound to the status line).
fn status(code: u16) -> Output {
    Output::Members {
        members: serde_json::json!({ "StatusCode": code }),
        payload: None,
    }
}

/// A typed answer, serialised straight to its JSON document (no intermediate value: listings
/// of full function configurations are the hot read path).
fn out(result: LambdaResult<impl serde::Serialize>) -> LambdaResult<Output> {
    let mut body = Vec::with_capacity(1024);
    serde_json::to_writer(&mut body, &result?)
        .map_err(|e| LambdaError::Service(format!("cannot encode the answer: {e}")))?;
    Ok(Output::Json(Bytes::from(body)))
}

impl From<LambdaError> for WireError {
    fn from(error: LambdaError) -> Self {
        let kind = match &error {
            LambdaError::Validation(_) | LambdaError::Unsupported(_) => None,
            LambdaError::Service(_) => Some("Service"),
            _ => Some("User"),
        };
        let mut wire = WireError::with_status(error.status(), error.code(), error.message());
        if let Some(kind) = kind {
            wire = wire.field("Type", kind);
        }
        if let LambdaError::TooManyRequests(_, reason) = error {
            wire = wire.field("Reason", reason);
        }
        wire
    }
}
