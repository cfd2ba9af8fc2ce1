//! Mobile push's platform applications: create, read and set their attributes, list, delete.
//! Stepstone keeps the credentials an application is created with but never checks them
//! with the push service, and, as AWS, never shows them again.

use super::error::{NO_APPLICATION, SnsError, SnsResult};
use super::topics::page;
use super::types::{self, CreatePlatformApplicationInput};
use super::{Sns, State};
use std::collections::BTreeMap;

/// The attributes Create/SetPlatformApplicationAttributes take (AWS's documented list).
const SETTABLE: &[&str] = &[
    "PlatformCredential",
    "PlatformPrincipal",
    "EventEndpointCreated",
    "EventEndpointDeleted",
    "EventEndpointUpdated",
    "EventDeliveryFailure",
    "SuccessFeedbackRoleArn",
    "FailureFeedbackRoleArn",
    "SuccessFeedbackSampleRate",
    "ApplePlatformTeamID",
    "ApplePlatformBundleID",
];

/// The attributes kept but never shown (AWS does not return credentials).
const SECRET: &[&str] = &["PlatformCredential", "PlatformPrincipal"];

/// A push notification service AWS delivers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Platform {
    Adm,
    Apns,
    ApnsSandbox,
    Baidu,
    Gcm,
    Macos,
    MacosSandbox,
    Mpns,
    Wns,
}

impl Platform {
    const ALL: [Platform; 9] = [
        Platform::Adm,
        Platform::Apns,
        Platform::ApnsSandbox,
        Platform::Baidu,
        Platform::Gcm,
        Platform::Macos,
        Platform::MacosSandbox,
        Platform::Mpns,
        Platform::Wns,
    ];

    /// The platform's name in the API, in ARNs and as `MessageStructure=json`'s key.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Adm => "ADM",
            Platform::Apns => "APNS",
            Platform::ApnsSandbox => "APNS_SANDBOX",
            Platform::Baidu => "BAIDU",
            Platform::Gcm => "GCM",
            Platform::Macos => "MACOS",
            Platform::MacosSandbox => "MACOS_SANDBOX",
            Platform::Mpns => "MPNS",
            Platform::Wns => "WNS",
        }
    }

    fn parse(name: &str) -> SnsResult<Platform> {
        Platform::ALL
            .into_iter()
            .find(|p| p.as_str() == name)
            .ok_or_else(|| SnsError::invalid(format!("Platform Reason: {name} is not supported")))
    }

    /// Whether device tokens are Apple's hexadecimal ones.
    pub fn apple(self) -> bool {
        matches!(
            self,
            Platform::Apns | Platform::ApnsSandbox | Platform::Macos | Platform::MacosSandbox
        )
    }
}

/// One platform application.
#[derive(Debug, Clone)]
pub(super) struct Application {
    pub name: String,
    pub platform: Platform,
    /// The attributes as set, credentials included.
    pub attributes: BTreeMap<String, String>,
}

impl Application {
    /// The attributes AWS shows: those set but the credentials, `Enabled`, and how the
    /// application authenticates.
    fn shown(&self) -> BTreeMap<String, String> {
        let mut shown: BTreeMap<String, String> = self
            .attributes
            .iter()
            .filter(|(k, _)| !SECRET.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        shown.insert("Enabled".into(), "true".into());
        if let Some(method) = self.authentication_method() {
            shown.insert("AuthenticationMethod".into(), method.into());
        }
        shown
    }

    /// AWS's `AuthenticationMethod` for Apple and Firebase applications: token-based when
    /// a team id (Apple) or a JSON service key (Firebase) was given. A guess at how AWS
    /// tells them apart; AWS documents only the attribute.
    fn authentication_method(&self) -> Option<&'static str> {
        let credential = self.attributes.get("PlatformCredential");
        match self.platform {
            p if p.apple() => match self.attributes.contains_key("ApplePlatformTeamID") {
                true => Some("Token"),
                false => Some("Certificate"),
            },
            Platform::Gcm => match credential.is_some_and(|c| c.trim_start().starts_with('{')) {
                true => Some("Token"),
                false => Some("Key"),
            },
            _ => None,
        }
    }
}

/// An application's name rule (AWS: 1 to 256 letters, digits, `_`, `-` and `.`); the
/// wording follows AWS's `Invalid parameter: <what> Reason: <why>`.
fn check_name(name: &str) -> SnsResult<()> {
    let valid = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
    let reason = match name {
        "" => "cannot be empty",
        _ if name.len() > 256 => "must be at most 256 characters long",
        _ if !name.bytes().all(valid) => {
            "must contain only characters 'a'-'z', 'A'-'Z', '0'-'9', '_', '-', and '.'"
        }
        _ => return Ok(()),
    };
    Err(SnsError::invalid(format!("Name Reason: {reason}")))
}

/// Checks attribute names, and that credentials come as AWS requires them: Firebase takes a
/// credential alone, every other platform a principal and a credential together.
fn check_attributes(platform: Platform, attributes: &BTreeMap<String, String>) -> SnsResult<()> {
    if let Some(name) = attributes.keys().find(|k| !SETTABLE.contains(&k.as_str())) {
        return Err(SnsError::invalid(format!(
            "Attributes Reason: Invalid attribute name: {name}"
        )));
    }
    let given = |name: &str| attributes.get(name).is_some_and(|v| !v.is_empty());
    let reason = match (given("PlatformPrincipal"), given("PlatformCredential")) {
        (_, false) if platform == Platform::Gcm => "PlatformCredential attribute required",
        (true, false) => "PlatformPrincipal attribute provided without PlatformCredential",
        (false, true) if platform != Platform::Gcm => {
            "PlatformCredential attribute provided without PlatformPrincipal"
        }
        (false, false) => "PlatformPrincipal and PlatformCredential attributes required",
        _ => return Ok(()),
    };
    Err(SnsError::invalid(format!("Attributes Reason: {reason}")))
}

/// An application ARN's parts checked, as topic ARNs are; `param` names it.
pub(super) fn checked_application_arn<'a>(arn: &'a str, param: &str) -> SnsResult<&'a str> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    match parts.as_slice() {
        ["arn", _, "sns", _, _, resource] if resource.starts_with("app/") => Ok(arn),
        _ => Err(SnsError::invalid(param.to_owned())),
    }
}

impl Sns {
    /// CreatePlatformApplication: the application's ARN. Creating it again answers the same
    /// ARN and replaces its attributes, keeping its endpoints (a guess: AWS documents no
    /// complaint for it).
    pub(super) fn create_platform_application(
        &self,
        input: CreatePlatformApplicationInput,
    ) -> SnsResult<String> {
        check_name(&input.name)?;
        let platform = Platform::parse(&input.platform)?;
        check_attributes(platform, &input.attributes)?;
        let arn = format!(
            "arn:aws:sns:{}:{}:app/{}/{}",
            self.region,
            self.account,
            platform.as_str(),
            input.name
        );
        let application = Application {
            name: input.name,
            platform,
            attributes: input.attributes,
        };
        self.state().applications.insert(arn.clone(), application);
        Ok(arn)
    }

    /// GetPlatformApplicationAttributes: what AWS shows of them.
    pub(super) fn platform_application_attributes(
        &self,
        arn: &str,
    ) -> SnsResult<BTreeMap<String, String>> {
        checked_application_arn(arn, "PlatformApplicationArn")?;
        let state = self.state();
        let application = state.applications.get(arn).ok_or(NO_APPLICATION)?;
        Ok(application.shown())
    }

    /// SetPlatformApplicationAttributes: the given attributes replace those set.
    pub(super) fn set_platform_application_attributes(
        &self,
        arn: &str,
        attributes: BTreeMap<String, String>,
    ) -> SnsResult<()> {
        checked_application_arn(arn, "PlatformApplicationArn")?;
        let mut state = self.state();
        let application = state.applications.get_mut(arn).ok_or(NO_APPLICATION)?;
        let mut updated = application.attributes.clone();
        updated.extend(attributes);
        check_attributes(application.platform, &updated)?;
        application.attributes = updated;
        Ok(())
    }

    /// ListPlatformApplications: a page of applications in ARN order, and the next token.
    pub(super) fn list_platform_applications(
        &self,
        token: Option<&str>,
    ) -> SnsResult<(Vec<types::PlatformApplication>, Option<String>)> {
        let state = self.state();
        let (arns, next) = page(state.applications.keys(), token)?;
        let listed = arns.into_iter().filter_map(|arn| {
            let attributes = state.applications.get(&arn)?.shown();
            Some(types::PlatformApplication {
                platform_application_arn: Some(arn),
                attributes: Some(attributes),
            })
        });
        Ok((listed.collect(), next))
    }

    /// DeletePlatformApplication, with its endpoints; a missing one is no error.
    pub(super) fn delete_platform_application(&self, arn: &str) -> SnsResult<()> {
        checked_application_arn(arn, "PlatformApplicationArn")?;
        let mut state = self.state();
        let State {
            applications,
            endpoints,
            ..
        } = &mut *state;
        applications.remove(arn);
        endpoints.retain(|_, e| e.application != arn);
        Ok(())
    }
}
