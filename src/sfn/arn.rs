//! Step Functions ARNs: building them for this server's region and account, and parsing the
//! ones clients send, with AWS's `InvalidArn` wording.

use super::error::{SfnError, SfnResult, ValidationReason};

/// The region and account every ARN this server mints belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArnScope {
    /// AWS region, e.g. `us-east-1`.
    pub region: String,
    /// Twelve-digit account id.
    pub account: String,
}

impl ArnScope {
    fn prefix(&self) -> String {
        crate::aws::arn::prefix("states", &self.region, &self.account)
    }
    /// `arn:aws:states:<region>:<account>:stateMachine:<name>`.
    pub fn state_machine(&self, name: &str) -> String {
        format!("{}:stateMachine:{name}", self.prefix())
    }
    /// `arn:aws:states:<region>:<account>:activity:<name>`.
    pub fn activity(&self, name: &str) -> String {
        format!("{}:activity:{name}", self.prefix())
    }
}

/// The resource part of a Step Functions ARN, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    /// `stateMachine:<name>` with an optional qualifier.
    StateMachine {
        /// The unqualified ARN.
        base: String,
        /// The state machine's name.
        name: String,
        /// A version number, an alias name or a Distributed Map label.
        qualifier: Qualifier,
    },
    /// `activity:<name>`.
    Activity(String),
    /// `execution:<machine>:<name>`.
    Execution,
    /// `express:<machine>:<name>:<id>`.
    Express,
    /// `mapRun:<machine>/<label>:<id>`.
    MapRun,
}

/// What follows a state machine's name in a qualified ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Qualifier {
    /// No qualifier: the latest revision.
    None,
    /// `:<n>`: a published version.
    Version(u32),
    /// `:<alias>`: an alias.
    Alias(String),
    /// `/<label>`: a Distributed Map's sub-workflow.
    Label(String),
}

/// Parses any Step Functions ARN. Every request naming a resource parses one, so nothing is
/// allocated unless the result holds it.
pub fn parse(arn: &str) -> SfnResult<Resource> {
    let invalid_prefix = || SfnError::InvalidArn(format!("Invalid ARN prefix: {arn}"));
    let mut parts = arn.splitn(7, ':');
    let mut part = || parts.next().ok_or_else(invalid_prefix);
    let (prefix, partition, service) = (part()?, part()?, part()?);
    let (region, account, kind, rest) = (part()?, part()?, part()?, part()?);
    if prefix != "arn" || !partition.starts_with("aws") || service != "states" {
        return Err(invalid_prefix());
    }
    if region.is_empty() || account.is_empty() || rest.is_empty() {
        return Err(invalid_prefix());
    }
    match kind {
        "stateMachine" => {
            // Everything before the name: the ARN up to `rest`.
            let base = &arn[..arn.len() - rest.len() - 1];
            parse_state_machine(base, rest).ok_or_else(invalid_prefix)
        }
        "activity" if !rest.contains(':') => Ok(Resource::Activity(arn.to_owned())),
        "execution" => Ok(Resource::Execution),
        "express" => Ok(Resource::Express),
        "mapRun" => Ok(Resource::MapRun),
        _ => Err(invalid_prefix()),
    }
}

fn parse_state_machine(base: &str, rest: &str) -> Option<Resource> {
    let (name, qualifier) = match rest.split_once(':') {
        Some((_, q)) if q.is_empty() || q.contains(':') => return None,
        Some((name, q)) => match q.parse::<u32>() {
            Ok(n) => (name, Qualifier::Version(n)),
            Err(_) => (name, Qualifier::Alias(q.to_owned())),
        },
        None => match rest.split_once('/') {
            Some((name, label)) => (name, Qualifier::Label(label.to_owned())),
            None => (rest, Qualifier::None),
        },
    };
    if name.is_empty() {
        return None;
    }
    Some(Resource::StateMachine {
        base: format!("{base}:{name}"),
        name: name.to_owned(),
        qualifier,
    })
}

/// Parses an ARN that must name a state machine (possibly qualified).
pub fn state_machine(arn: &str) -> SfnResult<(String, Qualifier)> {
    match parse(arn)? {
        Resource::StateMachine {
            base, qualifier, ..
        } => Ok((base, qualifier)),
        other => Err(wrong_type(&other)),
    }
}

/// Parses an ARN that must name an activity.
pub fn activity(arn: &str) -> SfnResult<String> {
    match parse(arn)? {
        Resource::Activity(arn) => Ok(arn),
        other => Err(wrong_type(&other)),
    }
}

/// The refusal of a Distributed Map label ARN (`stateMachine:m/label`) by an operation that
/// takes only machines, versions or aliases: the API reference's `ValidationException`, with the
/// model's `API_DOES_NOT_SUPPORT_LABELED_ARNS` reason. The wording is a guess.
pub fn labeled_arn_refused(arn: &str) -> SfnError {
    SfnError::ValidationFor(
        format!("Invalid State Machine Arn: '{arn}'"),
        ValidationReason::ApiDoesNotSupportLabeledArns,
    )
}

/// AWS's message when an ARN is well formed but names the wrong kind of resource.
pub fn wrong_type(resource: &Resource) -> SfnError {
    let kind = match resource {
        Resource::StateMachine { .. } => "stateMachine",
        Resource::Activity(_) => "activity",
        Resource::Execution => "execution",
        Resource::Express => "express",
        Resource::MapRun => "mapRun",
    };
    SfnError::InvalidArn(format!("Resource type not valid in this context: {kind}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SM: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:m";

    #[test]
    fn plain_state_machine() {
        assert_eq!(state_machine(SM).unwrap(), (SM.to_owned(), Qualifier::None));
    }

    #[test]
    fn version_alias_and_label_qualifiers() {
        assert_eq!(
            state_machine(&format!("{SM}:3")).unwrap().1,
            Qualifier::Version(3)
        );
        assert_eq!(
            state_machine(&format!("{SM}:prod")).unwrap().1,
            Qualifier::Alias("prod".into())
        );
        assert_eq!(
            state_machine(&format!("{SM}/lbl")).unwrap().1,
            Qualifier::Label("lbl".into())
        );
    }

    #[test]
    fn garbage_is_an_invalid_prefix() {
        let err = state_machine("not_a_valid_arn").unwrap_err();
        assert_eq!(
            err.message(),
            "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'"
        );
        assert!(state_machine(&format!("{SM}:")).is_err());
        assert!(state_machine("arn:aws:lambda:us-east-1:1:stateMachine:m").is_err());
    }

    #[test]
    fn wrong_resource_type_is_named() {
        let err = state_machine("arn:aws:states:us-east-1:1:activity:a").unwrap_err();
        assert_eq!(
            err.message(),
            "Invalid Arn: 'Resource type not valid in this context: activity'"
        );
    }

    #[test]
    fn scope_builds_arns() {
        let scope = ArnScope {
            region: "eu-west-1".into(),
            account: "000000000000".into(),
        };
        assert_eq!(
            scope.activity("a"),
            "arn:aws:states:eu-west-1:000000000000:activity:a"
        );
    }
}
