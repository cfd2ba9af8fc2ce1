//! Step Functions errors: one variant per AWS error shape, each rendering AWS's message style
//! (`<Human Title>: '<subject>'`).

use crate::protocol::WireError;

/// An error a Step Functions operation returns. The variant name is the AWS error code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SfnError {
    /// `ActivityAlreadyExists`.
    ActivityAlreadyExists(String),
    /// `ActivityDoesNotExist`; holds the ARN.
    ActivityDoesNotExist(String),
    /// `ActivityLimitExceeded`; holds the full message.
    ActivityLimitExceeded(String),
    /// `ConflictException`; holds the full message.
    Conflict(String),
    /// `ExecutionAlreadyExists`; holds the ARN.
    ExecutionAlreadyExists(String),
    /// `ExecutionNotRedrivable`; holds the full message.
    ExecutionNotRedrivable(String),
    /// `ExecutionDoesNotExist`; holds the ARN.
    ExecutionDoesNotExist(String),
    /// `ExecutionLimitExceeded`; holds the full message.
    ExecutionLimitExceeded(String),
    /// `InvalidArn`; holds the detail inside `Invalid Arn: '...'`.
    InvalidArn(String),
    /// `InvalidDefinition`; holds the diagnostics summary.
    InvalidDefinition(String),
    /// `InvalidDefinition` in words of its own, without the diagnostics wrapper; holds the full
    /// message.
    InvalidDefinitionAs(String),
    /// `InvalidExecutionInput`; holds the detail.
    InvalidExecutionInput(String),
    /// `InvalidEncryptionConfiguration`; holds the full message.
    InvalidEncryptionConfiguration(String),
    /// `InvalidLoggingConfiguration`; holds the full message.
    InvalidLoggingConfiguration(String),
    /// `InvalidName`; holds the offending name.
    InvalidName(String),
    /// `InvalidOutput`; holds the detail.
    InvalidOutput(String),
    /// `InvalidToken`; holds the detail.
    InvalidToken(String),
    /// `MissingRequiredParameter`; holds the full message.
    MissingRequiredParameter(String),
    /// `ResourceNotFound`; holds the ARN, which is also the error's `resourceName`.
    ResourceNotFound(String),
    /// `ResourceNotFound` in AWS's generic wording (`Request references a resource that does not
    /// exist.`, recorded for UpdateStateMachineAlias); holds the ARN (`resourceName`).
    NoSuchResource(String),
    /// `ServiceQuotaExceededException`; holds the full message.
    ServiceQuotaExceeded(String),
    /// `StateMachineAlreadyExists`; holds the ARN.
    StateMachineAlreadyExists(String),
    /// `StateMachineDoesNotExist`; holds the ARN.
    StateMachineDoesNotExist(String),
    /// `StateMachineLimitExceeded`; holds the full message.
    StateMachineLimitExceeded(String),
    /// `StateMachineTypeNotSupported`; holds the full message.
    StateMachineTypeNotSupported(String),
    /// `TaskDoesNotExist`; holds the full message.
    TaskDoesNotExist(String),
    /// `TaskTimedOut`; holds the full message.
    TaskTimedOut(String),
    /// `TooManyTags`; holds the resource (the error's `resourceName`) and the count it would
    /// reach.
    TooManyTags(String, usize),
    /// `ValidationException`; holds the full message.
    Validation(String),
    /// `ValidationException` with a `reason`; holds the full message.
    ValidationFor(String, ValidationReason),
}

impl SfnError {
    /// The AWS error code (the `__type` shape name).
    pub fn code(&self) -> &'static str {
        use SfnError::*;
        match self {
            ActivityAlreadyExists(_) => "ActivityAlreadyExists",
            ActivityDoesNotExist(_) => "ActivityDoesNotExist",
            ActivityLimitExceeded(_) => "ActivityLimitExceeded",
            Conflict(_) => "ConflictException",
            ExecutionAlreadyExists(_) => "ExecutionAlreadyExists",
            ExecutionNotRedrivable(_) => "ExecutionNotRedrivable",
            ExecutionDoesNotExist(_) => "ExecutionDoesNotExist",
            ExecutionLimitExceeded(_) => "ExecutionLimitExceeded",
            InvalidArn(_) => "InvalidArn",
            InvalidDefinition(_) | InvalidDefinitionAs(_) => "InvalidDefinition",
            InvalidExecutionInput(_) => "InvalidExecutionInput",
            InvalidEncryptionConfiguration(_) => "InvalidEncryptionConfiguration",
            InvalidLoggingConfiguration(_) => "InvalidLoggingConfiguration",
            InvalidName(_) => "InvalidName",
            InvalidOutput(_) => "InvalidOutput",
            InvalidToken(_) => "InvalidToken",
            MissingRequiredParameter(_) => "MissingRequiredParameter",
            ResourceNotFound(_) | NoSuchResource(_) => "ResourceNotFound",
            ServiceQuotaExceeded(_) => "ServiceQuotaExceededException",
            StateMachineAlreadyExists(_) => "StateMachineAlreadyExists",
            StateMachineDoesNotExist(_) => "StateMachineDoesNotExist",
            StateMachineLimitExceeded(_) => "StateMachineLimitExceeded",
            StateMachineTypeNotSupported(_) => "StateMachineTypeNotSupported",
            TaskDoesNotExist(_) => "TaskDoesNotExist",
            TaskTimedOut(_) => "TaskTimedOut",
            TooManyTags(..) => "TooManyTags",
            Validation(_) | ValidationFor(..) => "ValidationException",
        }
    }

    /// The message, in AWS's wording.
    pub fn message(&self) -> String {
        use SfnError::*;
        match self {
            ActivityAlreadyExists(arn) => format!("Activity already exists: '{arn}'"),
            ActivityDoesNotExist(arn) => format!("Activity Does Not Exist: '{arn}'"),
            ExecutionAlreadyExists(arn) => format!("Execution Already Exists: '{arn}'"),
            ExecutionDoesNotExist(arn) => format!("Execution Does Not Exist: '{arn}'"),
            InvalidArn(detail) => format!("Invalid Arn: '{detail}'"),
            InvalidDefinition(detail) => format!("Invalid State Machine Definition: '{detail}'"),
            InvalidExecutionInput(detail) => {
                format!("Invalid State Machine Execution Input: '{detail}'")
            }
            InvalidName(name) => format!("Invalid Name: '{name}'"),
            InvalidOutput(detail) => format!("Invalid Output: '{detail}'"),
            InvalidToken(detail) => format!("Invalid Token: '{detail}'"),
            StateMachineAlreadyExists(arn) => format!("State Machine Already Exists: '{arn}'"),
            StateMachineDoesNotExist(arn) => format!("State Machine Does Not Exist: '{arn}'"),
            ResourceNotFound(arn) => format!("Resource not found: '{arn}'"),
            NoSuchResource(_) => "Request references a resource that does not exist.".to_owned(),
            // AWS's wording is not recorded; the limit is documented (50 tags per resource).
            TooManyTags(resource, count) => format!(
                "Too many tags: resource '{resource}' would have {count} tags, the limit is 50"
            ),
            ExecutionNotRedrivable(m)
            | ActivityLimitExceeded(m)
            | ExecutionLimitExceeded(m)
            | StateMachineLimitExceeded(m)
            | Conflict(m)
            | InvalidDefinitionAs(m)
            | InvalidEncryptionConfiguration(m)
            | InvalidLoggingConfiguration(m)
            | MissingRequiredParameter(m)
            | ServiceQuotaExceeded(m)
            | StateMachineTypeNotSupported(m)
            | TaskDoesNotExist(m)
            | TaskTimedOut(m)
            | Validation(m)
            | ValidationFor(m, _) => m.clone(),
        }
    }
}

/// The `reason` of a `ValidationException` (the model's `ValidationExceptionReason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValidationReason {
    /// UpdateMapRun on a Map Run that has ended.
    CannotUpdateCompletedMapRun,
    /// A Distributed Map label ARN (`stateMachine:m/label`) sent to an operation that does not
    /// take one.
    ApiDoesNotSupportLabeledArns,
    /// An alias's routing configuration breaks a rule (versions of one machine, each once,
    /// weights summing to 100).
    InvalidRoutingConfiguration,
    /// A request that must change something names nothing to change.
    MissingRequiredParameter,
}

impl ValidationReason {
    /// The wire name, e.g. `CANNOT_UPDATE_COMPLETED_MAP_RUN`.
    pub fn name(self) -> &'static str {
        match self {
            ValidationReason::CannotUpdateCompletedMapRun => "CANNOT_UPDATE_COMPLETED_MAP_RUN",
            ValidationReason::ApiDoesNotSupportLabeledArns => "API_DOES_NOT_SUPPORT_LABELED_ARNS",
            ValidationReason::InvalidRoutingConfiguration => "INVALID_ROUTING_CONFIGURATION",
            ValidationReason::MissingRequiredParameter => "MISSING_REQUIRED_PARAMETER",
        }
    }
}

impl From<SfnError> for WireError {
    fn from(err: SfnError) -> Self {
        match err {
            SfnError::ValidationFor(message, reason) => {
                WireError::client("ValidationException", message).field("reason", reason.name())
            }
            SfnError::ResourceNotFound(ref resource)
            | SfnError::NoSuchResource(ref resource)
            | SfnError::TooManyTags(ref resource, _) => {
                let resource = resource.clone();
                WireError::client(err.code(), err.message()).field("resourceName", resource)
            }
            other => WireError::client(other.code(), other.message()),
        }
    }
}

/// Shorthand for operation results.
pub type SfnResult<T> = Result<T, SfnError>;
