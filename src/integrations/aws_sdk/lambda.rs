//! `aws-sdk:lambda:*`: the Lambda API's operations called on the in-process fake's typed
//! operations. Arguments are the operation's request members (path, query and body alike);
//! results are the responses as the SDK v2 returns them — `Invoke`'s `Payload` as text, unlike
//! the optimized `lambda:invoke`, which parses it.

use super::super::lambda::{LambdaTarget, invoke_request};
use super::{bad_arguments, sdk_failure};
use crate::asl::errors::Failure;
use crate::services::lambda::{Lambda, LambdaError};
use bytes::Bytes;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Calls the operation named by `action` (e.g. `getFunction`).
pub async fn call(
    target: &LambdaTarget,
    action: &str,
    arguments: &Value,
) -> Result<Value, Failure> {
    let args = Arguments(arguments);
    if action == "invoke" {
        return invoke(target, &args).await;
    }
    let LambdaTarget::InProcess(lambda) = target else {
        return Err(Failure::runtime(format!(
            "aws-sdk:lambda:{action} is not forwarded to LAMBDA_ENDPOINT; only invoke is"
        )));
    };
    operation(lambda, action, &args).map_err(Call::failure)
}

fn service_failure(error: LambdaError) -> Failure {
    sdk_failure(
        "Lambda",
        error.code(),
        error.status().as_u16(),
        error.message(),
    )
}

/// Why an operation failed: the service refused it, or the arguments do not make a request.
enum Call {
    Service(LambdaError),
    Arguments(String),
}

impl Call {
    fn failure(self) -> Failure {
        match self {
            Call::Service(error) => service_failure(error),
            Call::Arguments(detail) => bad_arguments("Lambda", detail),
        }
    }
}

impl From<LambdaError> for Call {
    fn from(error: LambdaError) -> Self {
        Call::Service(error)
    }
}

fn operation(lambda: &Lambda, action: &str, args: &Arguments) -> Result<Value, Call> {
    let name = || args.required("FunctionName");
    match action {
        "createFunction" => output(lambda.create_function(args.body()?)?),
        "getFunction" => output(lambda.get_function(&name()?, args.text("Qualifier"))?),
        "getFunctionConfiguration" => {
            output(lambda.get_function_configuration(&name()?, args.text("Qualifier"))?)
        }
        "listFunctions" => output(lambda.list_functions(
            args.text("FunctionVersion") == Some("ALL"),
            args.text("Marker"),
            args.max_items()?,
        )?),
        "updateFunctionCode" => output(lambda.update_function_code(&name()?, args.body()?)?),
        "updateFunctionConfiguration" => {
            output(lambda.update_function_configuration(&name()?, args.body()?)?)
        }
        "deleteFunction" => {
            lambda.delete_function(&name()?, args.text("Qualifier"))?;
            Ok(json!({}))
        }
        "publishVersion" => output(lambda.publish_version(&name()?, args.body()?)?),
        "listVersionsByFunction" => output(lambda.list_versions_by_function(
            &name()?,
            args.text("Marker"),
            args.max_items()?,
        )?),
        "createAlias" => output(lambda.create_alias(&name()?, args.body()?)?),
        "getAlias" => output(lambda.get_alias(&name()?, &args.required("Name")?)?),
        "updateAlias" => {
            let alias = args.required("Name")?;
            output(lambda.update_alias(&name()?, &alias, args.body()?)?)
        }
        "deleteAlias" => {
            lambda.delete_alias(&name()?, &args.required("Name")?)?;
            Ok(json!({}))
        }
        "listAliases" => output(lambda.list_aliases(
            &name()?,
            args.text("FunctionVersion"),
            args.text("Marker"),
            args.max_items()?,
        )?),
        "listTags" => Ok(lambda.list_tags(&args.required("Resource")?)?),
        "tagResource" => {
            lambda.tag_resource(&args.required("Resource")?, args.body()?)?;
            Ok(json!({}))
        }
        "untagResource" => {
            let keys: Vec<String> = match args.0.get("TagKeys") {
                Some(keys) => serde_json::from_value(keys.clone())
                    .map_err(|e| Call::Arguments(format!("TagKeys: {e}")))?,
                None => Vec::new(),
            };
            lambda.untag_resource(&args.required("Resource")?, &keys)?;
            Ok(json!({}))
        }
        "putFunctionConcurrency" => Ok(lambda.put_function_concurrency(&name()?, args.body()?)?),
        "getFunctionConcurrency" => Ok(lambda.get_function_concurrency(&name()?)?),
        "deleteFunctionConcurrency" => {
            lambda.delete_function_concurrency(&name()?)?;
            Ok(json!({}))
        }
        "getAccountSettings" => Ok(lambda.account_settings()),
        other => Err(Call::Arguments(format!(
            "Stepstone's Lambda does not serve the action '{other}'"
        ))),
    }
}

/// `Invoke`: the SDK response, `Payload` as text and `FunctionError` when the handler failed
/// (the call itself succeeded, so the task does too).
async fn invoke(target: &LambdaTarget, args: &Arguments<'_>) -> Result<Value, Failure> {
    // The SDK sends the payload as given: text as it is, JSON as its text.
    let payload = match args.0.get("Payload") {
        None | Some(Value::Null) => Bytes::new(),
        Some(Value::String(text)) => Bytes::from(text.clone()),
        Some(value) => Bytes::from(value.to_string()),
    };
    let missing = || Call::Arguments("The request must include FunctionName (a string)".into());
    let request = invoke_request(args.0, payload, || missing().failure(), service_failure)?;
    let out = target.call(request, service_failure).await?;
    let mut response = json!({
        "StatusCode": out.status,
        "Payload": String::from_utf8_lossy(&out.payload),
    });
    let mut set = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            response[name] = json!(value);
        }
    };
    set("ExecutedVersion", out.executed_version);
    set("FunctionError", out.function_error);
    set("LogResult", out.log_result);
    Ok(response)
}

/// The state's arguments, read as one operation's request members.
struct Arguments<'a>(&'a Value);

impl Arguments<'_> {
    fn text(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(Value::as_str)
    }

    fn required(&self, name: &str) -> Result<String, Call> {
        self.text(name)
            .map(str::to_owned)
            .ok_or_else(|| Call::Arguments(format!("The request must include {name} (a string)")))
    }

    fn max_items(&self) -> Result<Option<usize>, Call> {
        match self.0.get("MaxItems") {
            None | Some(Value::Null) => Ok(None),
            Some(value) => value
                .as_u64()
                .map(|n| Some(n as usize))
                .ok_or_else(|| Call::Arguments("MaxItems must be a number".into())),
        }
    }

    /// The request body: the members the operation's body carries (path members are ignored).
    fn body<T: DeserializeOwned>(&self) -> Result<T, Call> {
        serde_json::from_value(self.0.clone()).map_err(|e| Call::Arguments(e.to_string()))
    }
}

fn output(response: impl Serialize) -> Result<Value, Call> {
    Ok(serde_json::to_value(response).unwrap_or(Value::Null))
}
