//! Operation types of `models/sns.json` (CreateTopic, DeleteTopic, ListTopics, GetTopicAttributes, SetTopicAttributes, Subscribe, ConfirmSubscription, Unsubscribe, ListSubscriptions, ListSubscriptionsByTopic, GetSubscriptionAttributes, SetSubscriptionAttributes, Publish, PublishBatch, TagResource, UntagResource, ListTagsForResource, CreatePlatformApplication, GetPlatformApplicationAttributes, SetPlatformApplicationAttributes, ListPlatformApplications, DeletePlatformApplication, CreatePlatformEndpoint, GetEndpointAttributes, SetEndpointAttributes, ListEndpointsByPlatformApplication, DeleteEndpoint, SetSMSAttributes, GetSMSAttributes, CheckIfPhoneNumberIsOptedOut, ListPhoneNumbersOptedOut, OptInPhoneNumber, GetSMSSandboxAccountStatus, CreateSMSSandboxPhoneNumber, VerifySMSSandboxPhoneNumber, DeleteSMSSandboxPhoneNumber, ListSMSSandboxPhoneNumbers, ListOriginationNumbers, GetDataProtectionPolicy, PutDataProtectionPolicy, AddPermission, RemovePermission), written by
//! `tools/gen_types.py`: do not edit; change the script or its targets and run it again.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The model's `CreateTopicInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateTopicInput {
    /// `Name`.
    #[serde(rename = "Name")]
    pub name: String,
    /// `Attributes`.
    #[serde(
        rename = "Attributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attributes: Option<BTreeMap<String, String>>,
    /// `Tags`.
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    /// `DataProtectionPolicy`.
    #[serde(
        rename = "DataProtectionPolicy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub data_protection_policy: Option<String>,
}

/// The model's `Tag`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    /// `Key`.
    #[serde(rename = "Key")]
    pub key: String,
    /// `Value`.
    #[serde(rename = "Value")]
    pub value: String,
}

/// The model's `CreateTopicResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateTopicResponse {
    /// `TopicArn`.
    #[serde(rename = "TopicArn", default, skip_serializing_if = "Option::is_none")]
    pub topic_arn: Option<String>,
}

/// The model's `DeleteTopicInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteTopicInput {
    /// `TopicArn`.
    #[serde(rename = "TopicArn")]
    pub topic_arn: String,
}

/// The model's `ListTopicsInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListTopicsInput {
    /// `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `ListTopicsResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListTopicsResponse {
    /// `Topics`.
    #[serde(rename = "Topics", default, skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<Topic>>,
    /// `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `Topic`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    /// `TopicArn`.
    #[serde(rename = "TopicArn", default, skip_serializing_if = "Option::is_none")]
    pub topic_arn: Option<String>,
}

/// The model's `GetTopicAttributesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetTopicAttributesInput {
    /// `TopicArn`.
    #[serde(rename = "TopicArn")]
    pub topic_arn: String,
}

/// The model's `GetTopicAttributesResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetTopicAttributesResponse {
    /// `Attributes`.
    #[serde(
        rename = "Attributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attributes: Option<BTreeMap<String, String>>,
}

/// The model's `SetTopicAttributesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetTopicAttributesInput {
    /// `TopicArn`.
    #[serde(rename = "TopicArn")]
    pub topic_arn: String,
    /// `AttributeName`.
    #[serde(rename = "AttributeName")]
    pub attribute_name: String,
    /// `AttributeValue`.
    #[serde(
        rename = "AttributeValue",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attribute_value: Option<String>,
}

/// The model's `SubscribeInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SubscribeInput {
    /// `TopicArn`.
    #[serde(rename = "TopicArn")]
    pub topic_arn: String,
    /// `Protocol`.
    #[serde(rename = "Protocol")]
    pub protocol: String,
    /// `Endpoint`.
    #[serde(rename = "Endpoint", default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// `Attributes`.
    #[serde(
        rename = "Attributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attributes: Option<BTreeMap<String, String>>,
    /// `ReturnSubscriptionArn`.
    #[serde(
        rename = "ReturnSubscriptionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub return_subscription_arn: Option<bool>,
}

/// The model's `SubscribeResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SubscribeResponse {
    /// `SubscriptionArn`.
    #[serde(
        rename = "SubscriptionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub subscription_arn: Option<String>,
}

/// The model's `ConfirmSubscriptionInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConfirmSubscriptionInput {
    /// `TopicArn`.
    #[serde(rename = "TopicArn")]
    pub topic_arn: String,
    /// `Token`.
    #[serde(rename = "Token")]
    pub token: String,
    /// `AuthenticateOnUnsubscribe`.
    #[serde(
        rename = "AuthenticateOnUnsubscribe",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub authenticate_on_unsubscribe: Option<String>,
}

/// The model's `ConfirmSubscriptionResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConfirmSubscriptionResponse {
    /// `SubscriptionArn`.
    #[serde(
        rename = "SubscriptionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub subscription_arn: Option<String>,
}

/// The model's `UnsubscribeInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UnsubscribeInput {
    /// `SubscriptionArn`.
    #[serde(rename = "SubscriptionArn")]
    pub subscription_arn: String,
}

/// The model's `ListSubscriptionsInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListSubscriptionsInput {
    /// `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `ListSubscriptionsResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListSubscriptionsResponse {
    /// `Subscriptions`.
    #[serde(
        rename = "Subscriptions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub subscriptions: Option<Vec<Subscription>>,
    /// `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `Subscription`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    /// `SubscriptionArn`.
    #[serde(
        rename = "SubscriptionArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub subscription_arn: Option<String>,
    /// `Owner`.
    #[serde(rename = "Owner", default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// `Protocol`.
    #[serde(rename = "Protocol", default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// `Endpoint`.
    #[serde(rename = "Endpoint", default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// `TopicArn`.
    #[serde(rename = "TopicArn", default, skip_serializing_if = "Option::is_none")]
    pub topic_arn: Option<String>,
}

/// The model's `ListSubscriptionsByTopicInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListSubscriptionsByTopicInput {
    /// `TopicArn`.
    #[serde(rename = "TopicArn")]
    pub topic_arn: String,
    /// `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `ListSubscriptionsByTopicResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListSubscriptionsByTopicResponse {
    /// `Subscriptions`.
    #[serde(
        rename = "Subscriptions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub subscriptions: Option<Vec<Subscription>>,
    /// `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `GetSubscriptionAttributesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetSubscriptionAttributesInput {
    /// `SubscriptionArn`.
    #[serde(rename = "SubscriptionArn")]
    pub subscription_arn: String,
}

/// The model's `GetSubscriptionAttributesResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetSubscriptionAttributesResponse {
    /// `Attributes`.
    #[serde(
        rename = "Attributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attributes: Option<BTreeMap<String, String>>,
}

/// The model's `SetSubscriptionAttributesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetSubscriptionAttributesInput {
    /// `SubscriptionArn`.
    #[serde(rename = "SubscriptionArn")]
    pub subscription_arn: String,
    /// `AttributeName`.
    #[serde(rename = "AttributeName")]
    pub attribute_name: String,
    /// `AttributeValue`.
    #[serde(
        rename = "AttributeValue",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attribute_value: Option<String>,
}

/// The model's `PublishInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PublishInput {
    /// `TopicArn`.
    #[serde(rename = "TopicArn", default, skip_serializing_if = "Option::is_none")]
    pub topic_arn: Option<String>,
    /// `TargetArn`.
    #[serde(rename = "TargetArn", default, skip_serializing_if = "Option::is_none")]
    pub target_arn: Option<String>,
    /// `PhoneNumber`.
    #[serde(
        rename = "PhoneNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub phone_number: Option<String>,
    /// `Message`.
    #[serde(rename = "Message")]
    pub message: String,
    /// `Subject`.
    #[serde(rename = "Subject", default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// `MessageStructure`.
    #[serde(
        rename = "MessageStructure",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_structure: Option<String>,
    /// `MessageAttributes`.
    #[serde(
        rename = "MessageAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_attributes: Option<BTreeMap<String, MessageAttributeValue>>,
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
    /// `DataType`.
    #[serde(rename = "DataType")]
    pub data_type: String,
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
}

/// The model's `PublishResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PublishResponse {
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

/// The model's `PublishBatchInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PublishBatchInput {
    /// `TopicArn`.
    #[serde(rename = "TopicArn")]
    pub topic_arn: String,
    /// `PublishBatchRequestEntries`.
    #[serde(rename = "PublishBatchRequestEntries")]
    pub publish_batch_request_entries: Vec<PublishBatchRequestEntry>,
}

/// The model's `PublishBatchRequestEntry`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PublishBatchRequestEntry {
    /// `Id`.
    #[serde(rename = "Id")]
    pub id: String,
    /// `Message`.
    #[serde(rename = "Message")]
    pub message: String,
    /// `Subject`.
    #[serde(rename = "Subject", default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// `MessageStructure`.
    #[serde(
        rename = "MessageStructure",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_structure: Option<String>,
    /// `MessageAttributes`.
    #[serde(
        rename = "MessageAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_attributes: Option<BTreeMap<String, MessageAttributeValue>>,
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

/// The model's `PublishBatchResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PublishBatchResponse {
    /// `Successful`.
    #[serde(
        rename = "Successful",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub successful: Option<Vec<PublishBatchResultEntry>>,
    /// `Failed`.
    #[serde(rename = "Failed", default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<Vec<BatchResultErrorEntry>>,
}

/// The model's `PublishBatchResultEntry`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PublishBatchResultEntry {
    /// `Id`.
    #[serde(rename = "Id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
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

/// The model's `BatchResultErrorEntry`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchResultErrorEntry {
    /// `Id`.
    #[serde(rename = "Id")]
    pub id: String,
    /// `Code`.
    #[serde(rename = "Code")]
    pub code: String,
    /// `Message`.
    #[serde(rename = "Message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// `SenderFault`.
    #[serde(rename = "SenderFault")]
    pub sender_fault: bool,
}

/// The model's `TagResourceRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TagResourceRequest {
    /// `ResourceArn`.
    #[serde(rename = "ResourceArn")]
    pub resource_arn: String,
    /// `Tags`.
    #[serde(rename = "Tags")]
    pub tags: Vec<Tag>,
}

/// The model's `TagResourceResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TagResourceResponse {}

/// The model's `UntagResourceRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UntagResourceRequest {
    /// `ResourceArn`.
    #[serde(rename = "ResourceArn")]
    pub resource_arn: String,
    /// `TagKeys`.
    #[serde(rename = "TagKeys")]
    pub tag_keys: Vec<String>,
}

/// The model's `UntagResourceResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UntagResourceResponse {}

/// The model's `ListTagsForResourceRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListTagsForResourceRequest {
    /// `ResourceArn`.
    #[serde(rename = "ResourceArn")]
    pub resource_arn: String,
}

/// The model's `ListTagsForResourceResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListTagsForResourceResponse {
    /// `Tags`.
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
}

/// The model's `CreatePlatformApplicationInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreatePlatformApplicationInput {
    /// `Name`.
    #[serde(rename = "Name")]
    pub name: String,
    /// `Platform`.
    #[serde(rename = "Platform")]
    pub platform: String,
    /// `Attributes`.
    #[serde(rename = "Attributes")]
    pub attributes: BTreeMap<String, String>,
}

/// The model's `CreatePlatformApplicationResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreatePlatformApplicationResponse {
    /// `PlatformApplicationArn`.
    #[serde(
        rename = "PlatformApplicationArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub platform_application_arn: Option<String>,
}

/// The model's `GetPlatformApplicationAttributesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetPlatformApplicationAttributesInput {
    /// `PlatformApplicationArn`.
    #[serde(rename = "PlatformApplicationArn")]
    pub platform_application_arn: String,
}

/// The model's `GetPlatformApplicationAttributesResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetPlatformApplicationAttributesResponse {
    /// `Attributes`.
    #[serde(
        rename = "Attributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attributes: Option<BTreeMap<String, String>>,
}

/// The model's `SetPlatformApplicationAttributesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetPlatformApplicationAttributesInput {
    /// `PlatformApplicationArn`.
    #[serde(rename = "PlatformApplicationArn")]
    pub platform_application_arn: String,
    /// `Attributes`.
    #[serde(rename = "Attributes")]
    pub attributes: BTreeMap<String, String>,
}

/// The model's `ListPlatformApplicationsInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListPlatformApplicationsInput {
    /// `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `ListPlatformApplicationsResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListPlatformApplicationsResponse {
    /// `PlatformApplications`.
    #[serde(
        rename = "PlatformApplications",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub platform_applications: Option<Vec<PlatformApplication>>,
    /// `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `PlatformApplication`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlatformApplication {
    /// `PlatformApplicationArn`.
    #[serde(
        rename = "PlatformApplicationArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub platform_application_arn: Option<String>,
    /// `Attributes`.
    #[serde(
        rename = "Attributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attributes: Option<BTreeMap<String, String>>,
}

/// The model's `DeletePlatformApplicationInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeletePlatformApplicationInput {
    /// `PlatformApplicationArn`.
    #[serde(rename = "PlatformApplicationArn")]
    pub platform_application_arn: String,
}

/// The model's `CreatePlatformEndpointInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreatePlatformEndpointInput {
    /// `PlatformApplicationArn`.
    #[serde(rename = "PlatformApplicationArn")]
    pub platform_application_arn: String,
    /// `Token`.
    #[serde(rename = "Token")]
    pub token: String,
    /// `CustomUserData`.
    #[serde(
        rename = "CustomUserData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub custom_user_data: Option<String>,
    /// `Attributes`.
    #[serde(
        rename = "Attributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attributes: Option<BTreeMap<String, String>>,
}

/// The model's `CreateEndpointResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateEndpointResponse {
    /// `EndpointArn`.
    #[serde(
        rename = "EndpointArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub endpoint_arn: Option<String>,
}

/// The model's `GetEndpointAttributesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetEndpointAttributesInput {
    /// `EndpointArn`.
    #[serde(rename = "EndpointArn")]
    pub endpoint_arn: String,
}

/// The model's `GetEndpointAttributesResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetEndpointAttributesResponse {
    /// `Attributes`.
    #[serde(
        rename = "Attributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attributes: Option<BTreeMap<String, String>>,
}

/// The model's `SetEndpointAttributesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetEndpointAttributesInput {
    /// `EndpointArn`.
    #[serde(rename = "EndpointArn")]
    pub endpoint_arn: String,
    /// `Attributes`.
    #[serde(rename = "Attributes")]
    pub attributes: BTreeMap<String, String>,
}

/// The model's `ListEndpointsByPlatformApplicationInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListEndpointsByPlatformApplicationInput {
    /// `PlatformApplicationArn`.
    #[serde(rename = "PlatformApplicationArn")]
    pub platform_application_arn: String,
    /// `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `ListEndpointsByPlatformApplicationResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListEndpointsByPlatformApplicationResponse {
    /// `Endpoints`.
    #[serde(rename = "Endpoints", default, skip_serializing_if = "Option::is_none")]
    pub endpoints: Option<Vec<Endpoint>>,
    /// `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `Endpoint`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Endpoint {
    /// `EndpointArn`.
    #[serde(
        rename = "EndpointArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub endpoint_arn: Option<String>,
    /// `Attributes`.
    #[serde(
        rename = "Attributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attributes: Option<BTreeMap<String, String>>,
}

/// The model's `DeleteEndpointInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteEndpointInput {
    /// `EndpointArn`.
    #[serde(rename = "EndpointArn")]
    pub endpoint_arn: String,
}

/// The model's `SetSMSAttributesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetSMSAttributesInput {
    /// `attributes`.
    #[serde(rename = "attributes")]
    pub attributes: BTreeMap<String, String>,
}

/// The model's `SetSMSAttributesResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetSMSAttributesResponse {}

/// The model's `GetSMSAttributesInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetSMSAttributesInput {
    /// `attributes`.
    #[serde(
        rename = "attributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attributes: Option<Vec<String>>,
}

/// The model's `GetSMSAttributesResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetSMSAttributesResponse {
    /// `attributes`.
    #[serde(
        rename = "attributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attributes: Option<BTreeMap<String, String>>,
}

/// The model's `CheckIfPhoneNumberIsOptedOutInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckIfPhoneNumberIsOptedOutInput {
    /// `phoneNumber`.
    #[serde(rename = "phoneNumber")]
    pub phone_number: String,
}

/// The model's `CheckIfPhoneNumberIsOptedOutResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckIfPhoneNumberIsOptedOutResponse {
    /// `isOptedOut`.
    #[serde(
        rename = "isOptedOut",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_opted_out: Option<bool>,
}

/// The model's `ListPhoneNumbersOptedOutInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListPhoneNumbersOptedOutInput {
    /// `nextToken`.
    #[serde(rename = "nextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `ListPhoneNumbersOptedOutResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListPhoneNumbersOptedOutResponse {
    /// `phoneNumbers`.
    #[serde(
        rename = "phoneNumbers",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub phone_numbers: Option<Vec<String>>,
    /// `nextToken`.
    #[serde(rename = "nextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `OptInPhoneNumberInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OptInPhoneNumberInput {
    /// `phoneNumber`.
    #[serde(rename = "phoneNumber")]
    pub phone_number: String,
}

/// The model's `OptInPhoneNumberResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OptInPhoneNumberResponse {}

/// The model's `GetSMSSandboxAccountStatusInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetSMSSandboxAccountStatusInput {}

/// The model's `GetSMSSandboxAccountStatusResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetSMSSandboxAccountStatusResult {
    /// `IsInSandbox`.
    #[serde(rename = "IsInSandbox")]
    pub is_in_sandbox: bool,
}

/// The model's `CreateSMSSandboxPhoneNumberInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateSMSSandboxPhoneNumberInput {
    /// `PhoneNumber`.
    #[serde(rename = "PhoneNumber")]
    pub phone_number: String,
    /// `LanguageCode`.
    #[serde(
        rename = "LanguageCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub language_code: Option<String>,
}

/// The model's `CreateSMSSandboxPhoneNumberResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateSMSSandboxPhoneNumberResult {}

/// The model's `VerifySMSSandboxPhoneNumberInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VerifySMSSandboxPhoneNumberInput {
    /// `PhoneNumber`.
    #[serde(rename = "PhoneNumber")]
    pub phone_number: String,
    /// `OneTimePassword`.
    #[serde(rename = "OneTimePassword")]
    pub one_time_password: String,
}

/// The model's `VerifySMSSandboxPhoneNumberResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VerifySMSSandboxPhoneNumberResult {}

/// The model's `DeleteSMSSandboxPhoneNumberInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteSMSSandboxPhoneNumberInput {
    /// `PhoneNumber`.
    #[serde(rename = "PhoneNumber")]
    pub phone_number: String,
}

/// The model's `DeleteSMSSandboxPhoneNumberResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteSMSSandboxPhoneNumberResult {}

/// The model's `ListSMSSandboxPhoneNumbersInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListSMSSandboxPhoneNumbersInput {
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

/// The model's `ListSMSSandboxPhoneNumbersResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListSMSSandboxPhoneNumbersResult {
    /// `PhoneNumbers`.
    #[serde(rename = "PhoneNumbers")]
    pub phone_numbers: Vec<SMSSandboxPhoneNumber>,
    /// `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The model's `SMSSandboxPhoneNumber`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SMSSandboxPhoneNumber {
    /// `PhoneNumber`.
    #[serde(
        rename = "PhoneNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub phone_number: Option<String>,
    /// `Status`.
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// The model's `ListOriginationNumbersRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListOriginationNumbersRequest {
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

/// The model's `ListOriginationNumbersResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListOriginationNumbersResult {
    /// `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// `PhoneNumbers`.
    #[serde(
        rename = "PhoneNumbers",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub phone_numbers: Option<Vec<PhoneNumberInformation>>,
}

/// The model's `PhoneNumberInformation`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PhoneNumberInformation {
    /// `CreatedAt`.
    #[serde(rename = "CreatedAt", default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<f64>,
    /// `PhoneNumber`.
    #[serde(
        rename = "PhoneNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub phone_number: Option<String>,
    /// `Status`.
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// `Iso2CountryCode`.
    #[serde(
        rename = "Iso2CountryCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub iso2_country_code: Option<String>,
    /// `RouteType`.
    #[serde(rename = "RouteType", default, skip_serializing_if = "Option::is_none")]
    pub route_type: Option<String>,
    /// `NumberCapabilities`.
    #[serde(
        rename = "NumberCapabilities",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub number_capabilities: Option<Vec<String>>,
}

/// The model's `GetDataProtectionPolicyInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetDataProtectionPolicyInput {
    /// `ResourceArn`.
    #[serde(rename = "ResourceArn")]
    pub resource_arn: String,
}

/// The model's `GetDataProtectionPolicyResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetDataProtectionPolicyResponse {
    /// `DataProtectionPolicy`.
    #[serde(
        rename = "DataProtectionPolicy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub data_protection_policy: Option<String>,
}

/// The model's `PutDataProtectionPolicyInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PutDataProtectionPolicyInput {
    /// `ResourceArn`.
    #[serde(rename = "ResourceArn")]
    pub resource_arn: String,
    /// `DataProtectionPolicy`.
    #[serde(rename = "DataProtectionPolicy")]
    pub data_protection_policy: String,
}

/// The model's `AddPermissionInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddPermissionInput {
    /// `TopicArn`.
    #[serde(rename = "TopicArn")]
    pub topic_arn: String,
    /// `Label`.
    #[serde(rename = "Label")]
    pub label: String,
    /// `AWSAccountId`.
    #[serde(rename = "AWSAccountId")]
    pub aws_account_id: Vec<String>,
    /// `ActionName`.
    #[serde(rename = "ActionName")]
    pub action_name: Vec<String>,
}

/// The model's `RemovePermissionInput`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RemovePermissionInput {
    /// `TopicArn`.
    #[serde(rename = "TopicArn")]
    pub topic_arn: String,
    /// `Label`.
    #[serde(rename = "Label")]
    pub label: String,
}
