//! Operation types of `models/sqs.json` (CreateQueue, GetQueueUrl, ListQueues, ListDeadLetterSourceQueues, DeleteQueue, PurgeQueue, GetQueueAttributes, SetQueueAttributes, TagQueue, UntagQueue, ListQueueTags, AddPermission, RemovePermission, SendMessage, SendMessageBatch, ReceiveMessage, DeleteMessage, DeleteMessageBatch, ChangeMessageVisibility, ChangeMessageVisibilityBatch, StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask), written by
//! `tools/gen_types.py`: do not edit; change the script or its targets and run it again.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The model's `CreateQueueRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateQueueRequest {
    /// `QueueName`.
    #[serde(rename = "QueueName")]
    pub queue_name: String,
    /// `Attributes`.
    #[serde(
        rename = "Attributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attributes: Option<BTreeMap<String, String>>,
    /// `tags`.
    #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<BTreeMap<String, String>>,
}

/// The model's `CreateQueueResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateQueueResult {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl", default, skip_serializing_if = "Option::is_none")]
    pub queue_url: Option<String>,
}

/// The model's `GetQueueUrlRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetQueueUrlRequest {
    /// `QueueName`.
    #[serde(rename = "QueueName")]
    pub queue_name: String,
    /// `QueueOwnerAWSAccountId`.
    #[serde(
        rename = "QueueOwnerAWSAccountId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub queue_owner_aws_account_id: Option<String>,
}

/// The model's `GetQueueUrlResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetQueueUrlResult {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl", default, skip_serializing_if = "Option::is_none")]
    pub queue_url: Option<String>,
}

/// The model's `ListQueuesRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListQueuesRequest {
    /// `QueueNamePrefix`.
    #[serde(
        rename = "QueueNamePrefix",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub queue_name_prefix: Option<String>,
    /// `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// `MaxResults`.
    #[serde(
        rename = "MaxResults",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_results: Option<i32>,
}

/// The model's `ListQueuesResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListQueuesResult {
    /// `QueueUrls`.
    #[serde(rename = "QueueUrls", default, skip_serializing_if = "Option::is_none")]
    pub queue_urls: Option<Vec<String>>,
    /// `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `ListDeadLetterSourceQueuesRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListDeadLetterSourceQueuesRequest {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
    /// `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// `MaxResults`.
    #[serde(
        rename = "MaxResults",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_results: Option<i32>,
}

/// The model's `ListDeadLetterSourceQueuesResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListDeadLetterSourceQueuesResult {
    /// `queueUrls`.
    #[serde(rename = "queueUrls")]
    pub queue_urls: Vec<String>,
    /// `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `DeleteQueueRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteQueueRequest {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
}

/// The model's `PurgeQueueRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PurgeQueueRequest {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
}

/// The model's `GetQueueAttributesRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetQueueAttributesRequest {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
    /// `AttributeNames`.
    #[serde(
        rename = "AttributeNames",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attribute_names: Option<Vec<String>>,
}

/// The model's `GetQueueAttributesResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetQueueAttributesResult {
    /// `Attributes`.
    #[serde(
        rename = "Attributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attributes: Option<BTreeMap<String, String>>,
}

/// The model's `SetQueueAttributesRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetQueueAttributesRequest {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
    /// `Attributes`.
    #[serde(rename = "Attributes")]
    pub attributes: BTreeMap<String, String>,
}

/// The model's `TagQueueRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TagQueueRequest {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
    /// `Tags`.
    #[serde(rename = "Tags")]
    pub tags: BTreeMap<String, String>,
}

/// The model's `UntagQueueRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UntagQueueRequest {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
    /// `TagKeys`.
    #[serde(rename = "TagKeys")]
    pub tag_keys: Vec<String>,
}

/// The model's `ListQueueTagsRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListQueueTagsRequest {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
}

/// The model's `ListQueueTagsResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListQueueTagsResult {
    /// `Tags`.
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<BTreeMap<String, String>>,
}

/// The model's `AddPermissionRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddPermissionRequest {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
    /// `Label`.
    #[serde(rename = "Label")]
    pub label: String,
    /// `AWSAccountIds`.
    #[serde(rename = "AWSAccountIds")]
    pub aws_account_ids: Vec<String>,
    /// `Actions`.
    #[serde(rename = "Actions")]
    pub actions: Vec<String>,
}

/// The model's `RemovePermissionRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RemovePermissionRequest {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
    /// `Label`.
    #[serde(rename = "Label")]
    pub label: String,
}

/// The model's `SendMessageRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SendMessageRequest {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
    /// `MessageBody`.
    #[serde(rename = "MessageBody")]
    pub message_body: String,
    /// `DelaySeconds`.
    #[serde(
        rename = "DelaySeconds",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delay_seconds: Option<i32>,
    /// `MessageAttributes`.
    #[serde(
        rename = "MessageAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_attributes: Option<BTreeMap<String, MessageAttributeValue>>,
    /// `MessageSystemAttributes`.
    #[serde(
        rename = "MessageSystemAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_system_attributes: Option<BTreeMap<String, MessageSystemAttributeValue>>,
    /// `MessageDeduplicationId`.
    #[serde(
        rename = "MessageDeduplicationId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_deduplication_id: Option<String>,
    /// `MessageGroupId`.
    #[serde(
        rename = "MessageGroupId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_group_id: Option<String>,
}

/// The model's `MessageAttributeValue`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MessageAttributeValue {
    /// `StringValue`.
    #[serde(
        rename = "StringValue",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub string_value: Option<String>,
    /// `BinaryValue`.
    #[serde(
        rename = "BinaryValue",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub binary_value: Option<String>,
    /// `StringListValues`.
    #[serde(
        rename = "StringListValues",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub string_list_values: Option<Vec<String>>,
    /// `BinaryListValues`.
    #[serde(
        rename = "BinaryListValues",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub binary_list_values: Option<Vec<String>>,
    /// `DataType`.
    #[serde(rename = "DataType")]
    pub data_type: String,
}

/// The model's `MessageSystemAttributeValue`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MessageSystemAttributeValue {
    /// `StringValue`.
    #[serde(
        rename = "StringValue",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub string_value: Option<String>,
    /// `BinaryValue`.
    #[serde(
        rename = "BinaryValue",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub binary_value: Option<String>,
    /// `StringListValues`.
    #[serde(
        rename = "StringListValues",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub string_list_values: Option<Vec<String>>,
    /// `BinaryListValues`.
    #[serde(
        rename = "BinaryListValues",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub binary_list_values: Option<Vec<String>>,
    /// `DataType`.
    #[serde(rename = "DataType")]
    pub data_type: String,
}

/// The model's `SendMessageResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SendMessageResult {
    /// `MD5OfMessageBody`.
    #[serde(
        rename = "MD5OfMessageBody",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub md5_of_message_body: Option<String>,
    /// `MD5OfMessageAttributes`.
    #[serde(
        rename = "MD5OfMessageAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub md5_of_message_attributes: Option<String>,
    /// `MD5OfMessageSystemAttributes`.
    #[serde(
        rename = "MD5OfMessageSystemAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub md5_of_message_system_attributes: Option<String>,
    /// `MessageId`.
    #[serde(rename = "MessageId", default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    /// `SequenceNumber`.
    #[serde(
        rename = "SequenceNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub sequence_number: Option<String>,
}

/// The model's `SendMessageBatchRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SendMessageBatchRequest {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
    /// `Entries`.
    #[serde(rename = "Entries")]
    pub entries: Vec<SendMessageBatchRequestEntry>,
}

/// The model's `SendMessageBatchRequestEntry`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SendMessageBatchRequestEntry {
    /// `Id`.
    #[serde(rename = "Id")]
    pub id: String,
    /// `MessageBody`.
    #[serde(rename = "MessageBody")]
    pub message_body: String,
    /// `DelaySeconds`.
    #[serde(
        rename = "DelaySeconds",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delay_seconds: Option<i32>,
    /// `MessageAttributes`.
    #[serde(
        rename = "MessageAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_attributes: Option<BTreeMap<String, MessageAttributeValue>>,
    /// `MessageSystemAttributes`.
    #[serde(
        rename = "MessageSystemAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_system_attributes: Option<BTreeMap<String, MessageSystemAttributeValue>>,
    /// `MessageDeduplicationId`.
    #[serde(
        rename = "MessageDeduplicationId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_deduplication_id: Option<String>,
    /// `MessageGroupId`.
    #[serde(
        rename = "MessageGroupId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_group_id: Option<String>,
}

/// The model's `SendMessageBatchResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SendMessageBatchResult {
    /// `Successful`.
    #[serde(rename = "Successful")]
    pub successful: Vec<SendMessageBatchResultEntry>,
    /// `Failed`.
    #[serde(rename = "Failed")]
    pub failed: Vec<BatchResultErrorEntry>,
}

/// The model's `SendMessageBatchResultEntry`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SendMessageBatchResultEntry {
    /// `Id`.
    #[serde(rename = "Id")]
    pub id: String,
    /// `MessageId`.
    #[serde(rename = "MessageId")]
    pub message_id: String,
    /// `MD5OfMessageBody`.
    #[serde(rename = "MD5OfMessageBody")]
    pub md5_of_message_body: String,
    /// `MD5OfMessageAttributes`.
    #[serde(
        rename = "MD5OfMessageAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub md5_of_message_attributes: Option<String>,
    /// `MD5OfMessageSystemAttributes`.
    #[serde(
        rename = "MD5OfMessageSystemAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub md5_of_message_system_attributes: Option<String>,
    /// `SequenceNumber`.
    #[serde(
        rename = "SequenceNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub sequence_number: Option<String>,
}

/// The model's `BatchResultErrorEntry`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchResultErrorEntry {
    /// `Id`.
    #[serde(rename = "Id")]
    pub id: String,
    /// `SenderFault`.
    #[serde(rename = "SenderFault")]
    pub sender_fault: bool,
    /// `Code`.
    #[serde(rename = "Code")]
    pub code: String,
    /// `Message`.
    #[serde(rename = "Message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The model's `ReceiveMessageRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReceiveMessageRequest {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
    /// `AttributeNames`.
    #[serde(
        rename = "AttributeNames",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attribute_names: Option<Vec<String>>,
    /// `MessageSystemAttributeNames`.
    #[serde(
        rename = "MessageSystemAttributeNames",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_system_attribute_names: Option<Vec<String>>,
    /// `MessageAttributeNames`.
    #[serde(
        rename = "MessageAttributeNames",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_attribute_names: Option<Vec<String>>,
    /// `MaxNumberOfMessages`.
    #[serde(
        rename = "MaxNumberOfMessages",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_number_of_messages: Option<i32>,
    /// `VisibilityTimeout`.
    #[serde(
        rename = "VisibilityTimeout",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub visibility_timeout: Option<i32>,
    /// `WaitTimeSeconds`.
    #[serde(
        rename = "WaitTimeSeconds",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub wait_time_seconds: Option<i32>,
    /// `ReceiveRequestAttemptId`.
    #[serde(
        rename = "ReceiveRequestAttemptId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub receive_request_attempt_id: Option<String>,
}

/// The model's `ReceiveMessageResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReceiveMessageResult {
    /// `Messages`.
    #[serde(rename = "Messages", default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<Message>>,
}

/// The model's `Message`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// `MessageId`.
    #[serde(rename = "MessageId", default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    /// `ReceiptHandle`.
    #[serde(
        rename = "ReceiptHandle",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub receipt_handle: Option<String>,
    /// `MD5OfBody`.
    #[serde(rename = "MD5OfBody", default, skip_serializing_if = "Option::is_none")]
    pub md5_of_body: Option<String>,
    /// `Body`.
    #[serde(rename = "Body", default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `Attributes`.
    #[serde(
        rename = "Attributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attributes: Option<BTreeMap<String, String>>,
    /// `MD5OfMessageAttributes`.
    #[serde(
        rename = "MD5OfMessageAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub md5_of_message_attributes: Option<String>,
    /// `MessageAttributes`.
    #[serde(
        rename = "MessageAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_attributes: Option<BTreeMap<String, MessageAttributeValue>>,
}

/// The model's `DeleteMessageRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteMessageRequest {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
    /// `ReceiptHandle`.
    #[serde(rename = "ReceiptHandle")]
    pub receipt_handle: String,
}

/// The model's `DeleteMessageBatchRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteMessageBatchRequest {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
    /// `Entries`.
    #[serde(rename = "Entries")]
    pub entries: Vec<DeleteMessageBatchRequestEntry>,
}

/// The model's `DeleteMessageBatchRequestEntry`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteMessageBatchRequestEntry {
    /// `Id`.
    #[serde(rename = "Id")]
    pub id: String,
    /// `ReceiptHandle`.
    #[serde(rename = "ReceiptHandle")]
    pub receipt_handle: String,
}

/// The model's `DeleteMessageBatchResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteMessageBatchResult {
    /// `Successful`.
    #[serde(rename = "Successful")]
    pub successful: Vec<DeleteMessageBatchResultEntry>,
    /// `Failed`.
    #[serde(rename = "Failed")]
    pub failed: Vec<BatchResultErrorEntry>,
}

/// The model's `DeleteMessageBatchResultEntry`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteMessageBatchResultEntry {
    /// `Id`.
    #[serde(rename = "Id")]
    pub id: String,
}

/// The model's `ChangeMessageVisibilityRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChangeMessageVisibilityRequest {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
    /// `ReceiptHandle`.
    #[serde(rename = "ReceiptHandle")]
    pub receipt_handle: String,
    /// `VisibilityTimeout`.
    #[serde(rename = "VisibilityTimeout")]
    pub visibility_timeout: i32,
}

/// The model's `ChangeMessageVisibilityBatchRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChangeMessageVisibilityBatchRequest {
    /// `QueueUrl`.
    #[serde(rename = "QueueUrl")]
    pub queue_url: String,
    /// `Entries`.
    #[serde(rename = "Entries")]
    pub entries: Vec<ChangeMessageVisibilityBatchRequestEntry>,
}

/// The model's `ChangeMessageVisibilityBatchRequestEntry`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChangeMessageVisibilityBatchRequestEntry {
    /// `Id`.
    #[serde(rename = "Id")]
    pub id: String,
    /// `ReceiptHandle`.
    #[serde(rename = "ReceiptHandle")]
    pub receipt_handle: String,
    /// `VisibilityTimeout`.
    #[serde(
        rename = "VisibilityTimeout",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub visibility_timeout: Option<i32>,
}

/// The model's `ChangeMessageVisibilityBatchResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChangeMessageVisibilityBatchResult {
    /// `Successful`.
    #[serde(rename = "Successful")]
    pub successful: Vec<ChangeMessageVisibilityBatchResultEntry>,
    /// `Failed`.
    #[serde(rename = "Failed")]
    pub failed: Vec<BatchResultErrorEntry>,
}

/// The model's `ChangeMessageVisibilityBatchResultEntry`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChangeMessageVisibilityBatchResultEntry {
    /// `Id`.
    #[serde(rename = "Id")]
    pub id: String,
}

/// The model's `StartMessageMoveTaskRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StartMessageMoveTaskRequest {
    /// `SourceArn`.
    #[serde(rename = "SourceArn")]
    pub source_arn: String,
    /// `DestinationArn`.
    #[serde(
        rename = "DestinationArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub destination_arn: Option<String>,
    /// `MaxNumberOfMessagesPerSecond`.
    #[serde(
        rename = "MaxNumberOfMessagesPerSecond",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_number_of_messages_per_second: Option<i32>,
}

/// The model's `StartMessageMoveTaskResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StartMessageMoveTaskResult {
    /// `TaskHandle`.
    #[serde(
        rename = "TaskHandle",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub task_handle: Option<String>,
}

/// The model's `ListMessageMoveTasksRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListMessageMoveTasksRequest {
    /// `SourceArn`.
    #[serde(rename = "SourceArn")]
    pub source_arn: String,
    /// `MaxResults`.
    #[serde(
        rename = "MaxResults",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_results: Option<i32>,
}

/// The model's `ListMessageMoveTasksResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListMessageMoveTasksResult {
    /// `Results`.
    #[serde(rename = "Results", default, skip_serializing_if = "Option::is_none")]
    pub results: Option<Vec<ListMessageMoveTasksResultEntry>>,
}

/// The model's `ListMessageMoveTasksResultEntry`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListMessageMoveTasksResultEntry {
    /// `TaskHandle`.
    #[serde(
        rename = "TaskHandle",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub task_handle: Option<String>,
    /// `Status`.
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// `SourceArn`.
    #[serde(rename = "SourceArn", default, skip_serializing_if = "Option::is_none")]
    pub source_arn: Option<String>,
    /// `DestinationArn`.
    #[serde(
        rename = "DestinationArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub destination_arn: Option<String>,
    /// `MaxNumberOfMessagesPerSecond`.
    #[serde(
        rename = "MaxNumberOfMessagesPerSecond",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_number_of_messages_per_second: Option<i32>,
    /// `ApproximateNumberOfMessagesMoved`.
    #[serde(
        rename = "ApproximateNumberOfMessagesMoved",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub approximate_number_of_messages_moved: Option<i64>,
    /// `ApproximateNumberOfMessagesToMove`.
    #[serde(
        rename = "ApproximateNumberOfMessagesToMove",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub approximate_number_of_messages_to_move: Option<i64>,
    /// `FailureReason`.
    #[serde(
        rename = "FailureReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub failure_reason: Option<String>,
    /// `StartedTimestamp`.
    #[serde(
        rename = "StartedTimestamp",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub started_timestamp: Option<i64>,
}

/// The model's `CancelMessageMoveTaskRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CancelMessageMoveTaskRequest {
    /// `TaskHandle`.
    #[serde(rename = "TaskHandle")]
    pub task_handle: String,
}

/// The model's `CancelMessageMoveTaskResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CancelMessageMoveTaskResult {
    /// `ApproximateNumberOfMessagesMoved`.
    #[serde(
        rename = "ApproximateNumberOfMessagesMoved",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub approximate_number_of_messages_moved: Option<i64>,
}
