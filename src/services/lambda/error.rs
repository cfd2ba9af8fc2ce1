//! Lambda errors: one variant per AWS error shape, with its HTTP status and body member.

use http::StatusCode;

/// An error a Lambda operation returns. The variant name is the AWS error code minus
/// `Exception`; each holds the full message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LambdaError {
    /// `ResourceNotFoundException` (404).
    ResourceNotFound(String),
    /// `ResourceConflictException` (409).
    ResourceConflict(String),
    /// `InvalidParameterValueException` (400).
    InvalidParameterValue(String),
    /// `ValidationException` (400): a model constraint (pattern, range, length) failed.
    Validation(String),
    /// `InvalidRequestContentException` (400): the body or payload is not valid JSON.
    InvalidRequestContent(String),
    /// `RequestTooLargeException` (413): the invocation payload is over the limit.
    RequestTooLarge(String),
    /// `PreconditionFailedException` (412): a `RevisionId` does not match.
    PreconditionFailed(String),
    /// `TooManyRequestsException` (429): the function's reserved concurrency is used up;
    /// holds the message and the `Reason`.
    TooManyRequests(String, &'static str),
    /// `ServiceException` (500).
    Service(String),
    /// `NotImplemented` (501): a feature of the request Stepstone does not run yet; said
    /// plainly rather than accepted and ignored.
    Unsupported(String),
}

/// Shorthand for Lambda operation results.
pub type LambdaResult<T> = Result<T, LambdaError>;

impl LambdaError {
    /// The error shape name, sent as `x-amzn-ErrorType`.
    pub fn code(&self) -> &'static str {
        match self {
            LambdaError::ResourceNotFound(_) => "ResourceNotFoundException",
            LambdaError::ResourceConflict(_) => "ResourceConflictException",
            LambdaError::InvalidParameterValue(_) => "InvalidParameterValueException",
            LambdaError::Validation(_) => "ValidationException",
            LambdaError::InvalidRequestContent(_) => "InvalidRequestContentException",
            LambdaError::RequestTooLarge(_) => "RequestTooLargeException",
            LambdaError::PreconditionFailed(_) => "PreconditionFailedException",
            LambdaError::TooManyRequests(..) => "TooManyRequestsException",
            LambdaError::Service(_) => "ServiceException",
            LambdaError::Unsupported(_) => "NotImplemented",
        }
    }

    /// The HTTP status the model gives the shape.
    pub fn status(&self) -> StatusCode {
        match self {
            LambdaError::ResourceNotFound(_) => StatusCode::NOT_FOUND,
            LambdaError::ResourceConflict(_) => StatusCode::CONFLICT,
            LambdaError::RequestTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            LambdaError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            LambdaError::TooManyRequests(..) => StatusCode::TOO_MANY_REQUESTS,
            LambdaError::Service(_) => StatusCode::INTERNAL_SERVER_ERROR,
            LambdaError::Unsupported(_) => StatusCode::NOT_IMPLEMENTED,
            _ => StatusCode::BAD_REQUEST,
        }
    }

    /// The message.
    pub fn message(&self) -> &str {
        match self {
            LambdaError::ResourceNotFound(m)
            | LambdaError::ResourceConflict(m)
            | LambdaError::InvalidParameterValue(m)
            | LambdaError::Validation(m)
            | LambdaError::InvalidRequestContent(m)
            | LambdaError::RequestTooLarge(m)
            | LambdaError::PreconditionFailed(m)
            | LambdaError::TooManyRequests(m, _)
            | LambdaError::Service(m)
            | LambdaError::Unsupported(m) => m,
        }
    }
}

impl std::fmt::Display for LambdaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code(), self.message())
    }
}

impl std::error::Error for LambdaError {}
