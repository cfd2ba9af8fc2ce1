//! Mobile push's platform endpoints (one device of one application): create (idempotent on
//! the token), read and set their attributes, list by application, delete.

use super::applications::{Platform, checked_application_arn};
use super::error::{NO_APPLICATION, NO_ENDPOINT, SnsError, SnsResult};
use super::topics::{boolean, page};
use super::types::{self, CreatePlatformEndpointInput};
use super::{Sns, State};
use std::collections::BTreeMap;

/// The attributes an endpoint has and takes.
const SETTABLE: &[&str] = &["CustomUserData", "Enabled", "Token"];

/// AWS's limit of `CustomUserData`, in bytes.
const MAX_USER_DATA: usize = 2048;

/// AWS's limit of a token, in bytes (Apple's tokens: 400 hexadecimal characters).
const MAX_TOKEN: usize = 8192;
const MAX_APPLE_TOKEN: usize = 400;

/// One platform endpoint.
#[derive(Debug, Clone)]
pub(super) struct Endpoint {
    /// The platform application's ARN.
    pub application: String,
    pub platform: Platform,
    /// `Enabled`, `Token` and `CustomUserData` (when given), as AWS shows them.
    pub attributes: BTreeMap<String, String>,
}

impl Endpoint {
    /// Whether the endpoint takes messages.
    pub fn enabled(&self) -> bool {
        self.attributes.get("Enabled").is_none_or(|v| v == "true")
    }

    fn token(&self) -> &str {
        self.attributes.get("Token").map_or("", String::as_str)
    }
}

/// A device token checked as AWS checks it for `platform`.
fn check_token(platform: Platform, token: &str) -> SnsResult<()> {
    let reason = match token {
        "" => "cannot be empty",
        _ if token.len() > MAX_TOKEN => "must be at most 8192 bytes long in UTF-8 encoding",
        _ if platform.apple()
            && (token.len() > MAX_APPLE_TOKEN || !token.bytes().all(|b| b.is_ascii_hexdigit())) =>
        {
            "iOS device tokens must be no more than 400 hexadecimal characters"
        }
        _ => return Ok(()),
    };
    Err(SnsError::invalid(format!("Token Reason: {reason}")))
}

/// Endpoint attributes checked; answers them as kept (`Enabled` in lower case). The
/// wording of a bad name or value is AWS's `Attributes Reason:` form; the exact reasons are
/// plausible, not recorded.
fn checked_attributes(
    platform: Platform,
    given: BTreeMap<String, String>,
) -> SnsResult<BTreeMap<String, String>> {
    let invalid = |reason: String| Err(SnsError::invalid(format!("Attributes Reason: {reason}")));
    let mut kept = BTreeMap::new();
    for (name, value) in given {
        let value = match name.as_str() {
            _ if !SETTABLE.contains(&name.as_str()) => {
                return invalid(format!("Invalid attribute name: {name}"));
            }
            "Enabled" => match boolean(&name, &value) {
                Ok(on) => on.to_string(),
                Err(_) => return invalid(format!("Invalid value for attribute: {name}: {value}")),
            },
            "CustomUserData" if value.len() > MAX_USER_DATA => {
                return invalid(format!(
                    "Invalid value for attribute: {name}: must be at most 2048 bytes long in UTF-8 encoding"
                ));
            }
            "Token" => {
                check_token(platform, &value)?;
                value
            }
            _ => value,
        };
        kept.insert(name, value);
    }
    Ok(kept)
}

/// An endpoint ARN's parts checked, as topic ARNs are.
fn checked_endpoint_arn(arn: &str) -> SnsResult<&str> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    match parts.as_slice() {
        ["arn", _, "sns", _, _, resource] if resource.starts_with("endpoint/") => Ok(arn),
        _ => Err(SnsError::invalid("EndpointArn")),
    }
}

impl Sns {
    /// CreatePlatformEndpoint: the endpoint's ARN. A token the application already has gets
    /// its endpoint again when the attributes asked for are the endpoint's, and AWS's
    /// complaint otherwise.
    pub(super) fn create_platform_endpoint(
        &self,
        input: CreatePlatformEndpointInput,
    ) -> SnsResult<String> {
        let app_arn = input.platform_application_arn;
        checked_application_arn(&app_arn, "PlatformApplicationArn")?;
        let mut state = self.state();
        let application = state.applications.get(&app_arn).ok_or(NO_APPLICATION)?;
        let platform = application.platform;
        check_token(platform, &input.token)?;
        let mut attributes = checked_attributes(platform, input.attributes.unwrap_or_default())?;
        attributes.insert("Token".into(), input.token.clone());
        attributes.entry("Enabled".into()).or_insert("true".into());
        if let Some(data) = input.custom_user_data {
            // The attribute, when both are given, wins (as AWS's SDK documentation implies).
            attributes.entry("CustomUserData".into()).or_insert(data);
        }
        let prefix = format!(
            "arn:aws:sns:{}:{}:endpoint/{}/{}/",
            self.region,
            self.account,
            platform.as_str(),
            application.name
        );
        let same_token = |e: &&Endpoint| e.application == app_arn && e.token() == input.token;
        if let Some((arn, existing)) = state.endpoints.iter().find(|(_, e)| same_token(e)) {
            return match existing.attributes == attributes {
                true => Ok(arn.clone()),
                false => Err(SnsError::invalid(format!(
                    "Token Reason: Endpoint {arn} already exists with the same Token, but different attributes."
                ))),
            };
        }
        let arn = format!("{prefix}{}", uuid::Uuid::new_v4());
        let endpoint = Endpoint {
            application: app_arn,
            platform,
            attributes,
        };
        state.endpoints.insert(arn.clone(), endpoint);
        Ok(arn)
    }

    /// GetEndpointAttributes: `Enabled`, `Token` and `CustomUserData`.
    pub(super) fn endpoint_attributes(&self, arn: &str) -> SnsResult<BTreeMap<String, String>> {
        checked_endpoint_arn(arn)?;
        let state = self.state();
        let endpoint = state.endpoints.get(arn).ok_or(NO_ENDPOINT)?;
        Ok(endpoint.attributes.clone())
    }

    /// SetEndpointAttributes: the given attributes replace those set.
    pub(super) fn set_endpoint_attributes(
        &self,
        arn: &str,
        attributes: BTreeMap<String, String>,
    ) -> SnsResult<()> {
        checked_endpoint_arn(arn)?;
        let mut state = self.state();
        let endpoint = state.endpoints.get_mut(arn).ok_or(NO_ENDPOINT)?;
        let checked = checked_attributes(endpoint.platform, attributes)?;
        endpoint.attributes.extend(checked);
        Ok(())
    }

    /// ListEndpointsByPlatformApplication: a page of the application's endpoints in ARN
    /// order, and the next token.
    pub(super) fn list_endpoints(
        &self,
        app_arn: &str,
        token: Option<&str>,
    ) -> SnsResult<(Vec<types::Endpoint>, Option<String>)> {
        checked_application_arn(app_arn, "PlatformApplicationArn")?;
        let state = self.state();
        state.applications.get(app_arn).ok_or(NO_APPLICATION)?;
        let arns = state
            .endpoints
            .iter()
            .filter(|(_, e)| e.application == app_arn)
            .map(|(arn, _)| arn);
        let (arns, next) = page(arns, token)?;
        let listed = arns.into_iter().filter_map(|arn| {
            let attributes = state.endpoints.get(&arn)?.attributes.clone();
            Some(types::Endpoint {
                endpoint_arn: Some(arn),
                attributes: Some(attributes),
            })
        });
        Ok((listed.collect(), next))
    }

    /// DeleteEndpoint; a missing endpoint is no error (AWS: idempotent).
    pub(super) fn delete_endpoint(&self, arn: &str) -> SnsResult<()> {
        checked_endpoint_arn(arn)?;
        self.state().endpoints.remove(arn);
        Ok(())
    }
}

/// The endpoint `arn` Publish may send to: its platform, or why not (AWS's words).
pub(super) fn push_target(state: &State, arn: &str) -> SnsResult<Platform> {
    let endpoint = state.endpoints.get(arn).ok_or_else(|| {
        SnsError::invalid("TargetArn Reason: No endpoint found for the target arn specified")
    })?;
    match endpoint.enabled() {
        true => Ok(endpoint.platform),
        false => Err(SnsError::EndpointDisabled),
    }
}
