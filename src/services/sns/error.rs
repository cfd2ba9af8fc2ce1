//! SNS's errors, with the codes and messages AWS answers. The codes are the model's shape
//! names; the query codec writes the model's own code (`NotFound`) into `<Code>`, and the
//! SDKs raise their typed exceptions from it.

use crate::protocol::WireError;
use http::StatusCode;

/// Why an SNS operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnsError {
    /// The topic or subscription does not exist (the whole message: `Topic does not exist`).
    #[error("{0}")]
    NotFound(&'static str),
    /// A tagged resource or a sandbox phone number does not exist (the whole message).
    #[error("{0}")]
    ResourceNotFound(&'static str),
    /// A parameter is invalid: AWS's message after `Invalid parameter: `.
    #[error("Invalid parameter: {0}")]
    InvalidParameter(String),
    /// A parameter's value is invalid (message attributes): the whole message.
    #[error("{0}")]
    ParameterValueInvalid(String),
    /// A constraint the model states, in its `N validation error detected` wording.
    #[error("{0}")]
    Validation(String),
    /// Two entries of a batch share an id.
    #[error("Two or more batch entries in the request have the same Id.")]
    BatchEntryIdsNotDistinct,
    /// A batch of more than ten entries.
    #[error("The batch request contains more entries than permissible.")]
    TooManyEntriesInBatchRequest,
    /// A batch without entries.
    #[error("The batch request doesn't contain any entries.")]
    EmptyBatchRequest,
    /// A batch entry id with characters AWS does not allow.
    #[error("The Id of a batch entry in a batch request doesn't abide by the specification.")]
    InvalidBatchEntryId,
    /// The batch's messages are together larger than 256 KiB.
    #[error("The length of all the messages put together is more than the limit.")]
    BatchRequestTooLong,
    /// Publish to a platform endpoint whose `Enabled` is false.
    #[error("Endpoint is disabled")]
    EndpointDisabled,
    /// A sandbox phone number's one-time password did not match (the whole message).
    #[error("{0}")]
    Verification(&'static str),
    /// More than 50 tags on a resource.
    #[error("Could not complete request: tag quota of per resource exceeded")]
    TagLimitExceeded,
}

impl SnsError {
    /// A parameter AWS calls invalid, with its reason (`Invalid parameter: {0}`).
    pub fn invalid(text: impl Into<String>) -> Self {
        SnsError::InvalidParameter(text.into())
    }

    /// The model's shape name of the error (`ValidationError`, which the model does not
    /// declare, as the query protocol's validation code).
    pub fn code(&self) -> &'static str {
        match self {
            SnsError::NotFound(_) => "NotFoundException",
            SnsError::ResourceNotFound(_) => "ResourceNotFoundException",
            SnsError::EndpointDisabled => "EndpointDisabledException",
            SnsError::Verification(_) => "VerificationException",
            SnsError::InvalidParameter(_) => "InvalidParameterException",
            SnsError::ParameterValueInvalid(_) => "InvalidParameterValueException",
            SnsError::Validation(_) => "ValidationError",
            SnsError::BatchEntryIdsNotDistinct => "BatchEntryIdsNotDistinctException",
            SnsError::TooManyEntriesInBatchRequest => "TooManyEntriesInBatchRequestException",
            SnsError::EmptyBatchRequest => "EmptyBatchRequestException",
            SnsError::InvalidBatchEntryId => "InvalidBatchEntryIdException",
            SnsError::BatchRequestTooLong => "BatchRequestTooLongException",
            SnsError::TagLimitExceeded => "TagLimitExceededException",
        }
    }

    /// The model's HTTP status for the error.
    fn status(&self) -> StatusCode {
        match self {
            SnsError::NotFound(_) | SnsError::ResourceNotFound(_) => StatusCode::NOT_FOUND,
            _ => StatusCode::BAD_REQUEST,
        }
    }
}

impl From<SnsError> for WireError {
    fn from(error: SnsError) -> Self {
        WireError::with_status(error.status(), error.code(), error.to_string())
    }
}

/// The result of an SNS operation.
pub type SnsResult<T> = Result<T, SnsError>;

/// `Topic does not exist`.
pub const NO_TOPIC: SnsError = SnsError::NotFound("Topic does not exist");

/// `Subscription does not exist`.
pub const NO_SUBSCRIPTION: SnsError = SnsError::NotFound("Subscription does not exist");

/// `Resource does not exist` (a tagged resource).
pub const NO_RESOURCE: SnsError = SnsError::ResourceNotFound("Resource does not exist");

/// `PlatformApplication does not exist`.
pub const NO_APPLICATION: SnsError = SnsError::NotFound("PlatformApplication does not exist");

/// `Endpoint does not exist`.
pub const NO_ENDPOINT: SnsError = SnsError::NotFound("Endpoint does not exist");
