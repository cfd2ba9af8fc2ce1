//! STS: who the caller is (`GetCallerIdentity`) and dummy temporary credentials
//! (`AssumeRole`), on the query protocol. CDK, Terraform and many test harnesses ask STS for
//! the account before anything else; Stepstone answers with its configured account.

mod credentials;
pub mod types;

#[cfg(test)]
mod tests;

use super::{Answer, Call, Output, ResetReport, Service, not_implemented};
use crate::clock::Clock;
use crate::model::ServiceModel;
use crate::protocol::WireError;
use serde_json::json;
use types::{
    AssumeRoleRequest, AssumeRoleResponse, AssumedRoleUser, Credentials, GetCallerIdentityResponse,
};

/// The STS fake: it keeps no state, so every answer follows the configuration and the clock.
#[derive(Debug)]
pub struct Sts {
    account: String,
    clock: Clock,
}

/// How long assumed-role credentials last when the caller does not say (AWS: one hour).
const DEFAULT_DURATION: i64 = 3600;

impl Sts {
    /// STS for `account`, dating credentials by `clock`.
    pub fn new(account: String, clock: Clock) -> Self {
        Sts { account, clock }
    }

    /// The caller is the account's root user: credentials are not checked, so no IAM user is
    /// known, and the root identity's `UserId` is the account id, as on AWS.
    fn caller_identity(&self) -> Result<Output, WireError> {
        let account = &self.account;
        Output::of(&GetCallerIdentityResponse {
            user_id: Some(account.clone()),
            account: Some(account.clone()),
            arn: Some(format!("arn:aws:iam::{account}:root")),
        })
    }

    fn assume_role(&self, input: AssumeRoleRequest) -> Result<Output, WireError> {
        let (role_account, role_name) = role_parts(&input.role_arn)?;
        let account = role_account.unwrap_or(&self.account);
        let session = &input.role_session_name;
        let duration = input.duration_seconds.map_or(DEFAULT_DURATION, i64::from);
        let expiration = self.clock.now() + time::Duration::seconds(duration);
        let credentials = Credentials {
            access_key_id: credentials::access_key_id(),
            secret_access_key: credentials::secret_access_key(),
            session_token: credentials::session_token(),
            expiration: expiration.unix_timestamp() as f64,
        };
        let user = AssumedRoleUser {
            assumed_role_id: format!("{}:{session}", credentials::role_id()),
            arn: format!("arn:aws:sts::{account}:assumed-role/{role_name}/{session}"),
        };
        Output::of(&AssumeRoleResponse {
            credentials: Some(credentials),
            assumed_role_user: Some(user),
            packed_policy_size: Some(0),
            ..AssumeRoleResponse::default()
        })
    }
}

/// The account (when the ARN names one) and the role name (the last part of its path) of an
/// IAM role ARN, `arn:aws:iam::123456789012:role/path/name`.
fn role_parts(arn: &str) -> Result<(Option<&str>, &str), WireError> {
    let invalid = || WireError::client("ValidationError", format!("{arn} is invalid"));
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [_, _, _, _, account, resource] = parts[..] else {
        return Err(invalid());
    };
    let path = resource.strip_prefix("role/").ok_or_else(invalid)?;
    let name = path.rsplit('/').next().filter(|n| !n.is_empty());
    let account = Some(account).filter(|a| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()));
    Ok((account, name.ok_or_else(invalid)?))
}

impl Service for Sts {
    fn name(&self) -> &'static str {
        "sts"
    }

    fn model(&self) -> ServiceModel {
        ServiceModel::Sts
    }

    fn call(&self, call: Call) -> Answer<'_> {
        Box::pin(async move {
            match call.operation.as_str() {
                "GetCallerIdentity" => self.caller_identity(),
                "AssumeRole" => {
                    let (members, _) = call.input.into_members()?;
                    let input = serde_json::from_value(members)
                        .map_err(|e| WireError::client("ValidationError", e.to_string()))?;
                    self.assume_role(input)
                }
                operation => Err(not_implemented(self, operation)),
            }
        })
    }

    fn reset(&self) -> ResetReport<'_> {
        Box::pin(async { json!({}) })
    }
}
