//! Operation types of `models/sts.json` (GetCallerIdentity, AssumeRole), written by
//! `tools/gen_types.py`: do not edit; change the script or its targets and run it again.

use serde::{Deserialize, Serialize};

/// The model's `GetCallerIdentityRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetCallerIdentityRequest {}

/// The model's `GetCallerIdentityResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GetCallerIdentityResponse {
    /// `UserId`.
    #[serde(rename = "UserId", default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// `Account`.
    #[serde(rename = "Account", default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// `Arn`.
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
}

/// The model's `AssumeRoleRequest`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AssumeRoleRequest {
    /// `RoleArn`.
    #[serde(rename = "RoleArn")]
    pub role_arn: String,
    /// `RoleSessionName`.
    #[serde(rename = "RoleSessionName")]
    pub role_session_name: String,
    /// `PolicyArns`.
    #[serde(
        rename = "PolicyArns",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub policy_arns: Option<Vec<PolicyDescriptorType>>,
    /// `Policy`.
    #[serde(rename = "Policy", default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// `DurationSeconds`.
    #[serde(
        rename = "DurationSeconds",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub duration_seconds: Option<i32>,
    /// `Tags`.
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    /// `TransitiveTagKeys`.
    #[serde(
        rename = "TransitiveTagKeys",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub transitive_tag_keys: Option<Vec<String>>,
    /// `ExternalId`.
    #[serde(
        rename = "ExternalId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub external_id: Option<String>,
    /// `SerialNumber`.
    #[serde(
        rename = "SerialNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub serial_number: Option<String>,
    /// `TokenCode`.
    #[serde(rename = "TokenCode", default, skip_serializing_if = "Option::is_none")]
    pub token_code: Option<String>,
    /// `SourceIdentity`.
    #[serde(
        rename = "SourceIdentity",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub source_identity: Option<String>,
    /// `ProvidedContexts`.
    #[serde(
        rename = "ProvidedContexts",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub provided_contexts: Option<Vec<ProvidedContext>>,
    /// `MinimumSessionTokenSize`.
    #[serde(
        rename = "MinimumSessionTokenSize",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub minimum_session_token_size: Option<i32>,
}

/// The model's `PolicyDescriptorType`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PolicyDescriptorType {
    /// `arn`.
    #[serde(rename = "arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
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

/// The model's `ProvidedContext`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProvidedContext {
    /// `ProviderArn`.
    #[serde(
        rename = "ProviderArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub provider_arn: Option<String>,
    /// `ContextAssertion`.
    #[serde(
        rename = "ContextAssertion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub context_assertion: Option<String>,
}

/// The model's `AssumeRoleResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AssumeRoleResponse {
    /// `Credentials`.
    #[serde(
        rename = "Credentials",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub credentials: Option<Credentials>,
    /// `AssumedRoleUser`.
    #[serde(
        rename = "AssumedRoleUser",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub assumed_role_user: Option<AssumedRoleUser>,
    /// `PackedPolicySize`.
    #[serde(
        rename = "PackedPolicySize",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub packed_policy_size: Option<i32>,
    /// `SourceIdentity`.
    #[serde(
        rename = "SourceIdentity",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub source_identity: Option<String>,
    /// `SessionTokenUtilization`.
    #[serde(
        rename = "SessionTokenUtilization",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub session_token_utilization: Option<i32>,
    /// `SessionTokenSize`.
    #[serde(
        rename = "SessionTokenSize",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub session_token_size: Option<i32>,
}

/// The model's `Credentials`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Credentials {
    /// `AccessKeyId`.
    #[serde(rename = "AccessKeyId")]
    pub access_key_id: String,
    /// `SecretAccessKey`.
    #[serde(rename = "SecretAccessKey")]
    pub secret_access_key: String,
    /// `SessionToken`.
    #[serde(rename = "SessionToken")]
    pub session_token: String,
    /// `Expiration`.
    #[serde(rename = "Expiration")]
    pub expiration: f64,
}

/// The model's `AssumedRoleUser`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AssumedRoleUser {
    /// `AssumedRoleId`.
    #[serde(rename = "AssumedRoleId")]
    pub assumed_role_id: String,
    /// `Arn`.
    #[serde(rename = "Arn")]
    pub arn: String,
}
