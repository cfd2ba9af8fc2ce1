//! SQS's errors, with the codes and messages AWS answers. The codes are the JSON model's
//! shape names; the protocol layer adds their legacy query codes (`x-amzn-query-error`, and
//! the query protocol's `<Code>`) from the legacy model.

use crate::protocol::WireError;

/// Why an SQS operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SqsError {
    /// The queue URL or name names no queue.
    #[error("The specified queue does not exist.")]
    QueueDoesNotExist,
    /// A queue of that name exists with other attributes.
    #[error("A queue already exists with the same name and a different value for attribute {0}")]
    QueueNameExists(String),
    /// A parameter's value is out of its range or not allowed here (the whole message).
    #[error("{0}")]
    InvalidParameterValue(String),
    /// A queue attribute's value is not valid (the whole message).
    #[error("{0}")]
    InvalidAttributeValue(String),
    /// A queue or message attribute name AWS does not know.
    #[error("Unknown Attribute {0}.")]
    InvalidAttributeName(String),
    /// A required parameter is missing (the whole message).
    #[error("{0}")]
    MissingParameter(String),
    /// A receipt handle that no receive could have issued.
    #[error("The input receipt handle \"{0}\" is not a valid receipt handle.")]
    ReceiptHandleIsInvalid(String),
    /// Two entries of a batch share an id.
    #[error("Id {0} repeated.")]
    BatchEntryIdsNotDistinct(String),
    /// A batch of more than ten entries.
    #[error("Maximum number of entries per request are 10. You have sent {0}.")]
    TooManyEntriesInBatchRequest(usize),
    /// A batch without entries.
    #[error("There should be at least one {0} in the request.")]
    EmptyBatchRequest(&'static str),
    /// A batch entry id with characters AWS does not allow.
    #[error(
        "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long."
    )]
    InvalidBatchEntryId,
    /// The batch's messages are together larger than the queue allows.
    #[error("Batch requests cannot be longer than {0} bytes. You have sent {1} bytes.")]
    BatchRequestTooLong(usize, usize),
    /// A message body with characters SQS does not carry.
    #[error(
        "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF"
    )]
    InvalidMessageContents,
    /// A second purge within 60 seconds.
    #[error("Only one PurgeQueue operation on {0} is allowed every 60 seconds.")]
    PurgeQueueInProgress(String),
    /// More messages in flight than AWS allows.
    #[error("{0}")]
    OverLimit(String),
    /// A queue of this name was deleted less than 60 seconds ago.
    #[error(
        "You must wait 60 seconds after deleting a queue before you can create another queue with the same name."
    )]
    QueueDeletedRecently,
    /// An ARN or task handle that names nothing (the whole message).
    #[error("{0}")]
    ResourceNotFound(String),
}

impl SqsError {
    /// The JSON model's shape name (or, for errors the model does not declare, AWS's code).
    pub fn code(&self) -> &'static str {
        match self {
            SqsError::QueueDoesNotExist => "QueueDoesNotExist",
            SqsError::QueueNameExists(_) => "QueueNameExists",
            SqsError::InvalidParameterValue(_) => "InvalidParameterValue",
            SqsError::InvalidAttributeValue(_) => "InvalidAttributeValue",
            SqsError::InvalidAttributeName(_) => "InvalidAttributeName",
            SqsError::MissingParameter(_) => "MissingParameter",
            SqsError::ReceiptHandleIsInvalid(_) => "ReceiptHandleIsInvalid",
            SqsError::BatchEntryIdsNotDistinct(_) => "BatchEntryIdsNotDistinct",
            SqsError::TooManyEntriesInBatchRequest(_) => "TooManyEntriesInBatchRequest",
            SqsError::EmptyBatchRequest(_) => "EmptyBatchRequest",
            SqsError::InvalidBatchEntryId => "InvalidBatchEntryId",
            SqsError::BatchRequestTooLong(..) => "BatchRequestTooLong",
            SqsError::InvalidMessageContents => "InvalidMessageContents",
            SqsError::PurgeQueueInProgress(_) => "PurgeQueueInProgress",
            SqsError::OverLimit(_) => "OverLimit",
            SqsError::QueueDeletedRecently => "QueueDeletedRecently",
            SqsError::ResourceNotFound(_) => "ResourceNotFoundException",
        }
    }

    /// The HTTP status the model gives the error (`OverLimit` and `PurgeQueueInProgress`
    /// answer 403, `ResourceNotFoundException` 404, the others 400).
    fn status(&self) -> http::StatusCode {
        match self {
            SqsError::OverLimit(_) | SqsError::PurgeQueueInProgress(_) => {
                http::StatusCode::FORBIDDEN
            }
            SqsError::ResourceNotFound(_) => http::StatusCode::NOT_FOUND,
            _ => http::StatusCode::BAD_REQUEST,
        }
    }
}

impl From<SqsError> for WireError {
    fn from(error: SqsError) -> Self {
        WireError::with_status(error.status(), error.code(), error.to_string())
    }
}

/// The result of an SQS operation.
pub type SqsResult<T> = Result<T, SqsError>;
