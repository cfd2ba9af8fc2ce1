//! Subscriptions: subscribe (idempotent), confirm, unsubscribe, list, and their attributes.

use super::error::{NO_SUBSCRIPTION, NO_TOPIC, SnsError, SnsResult};
use super::filter::{FilterPolicy, Scope};
use super::outbox::{Confirming, Job, Target};
use super::policies::RetryPolicy;
use super::topics::{boolean, checked_arn, page};
use super::types::{self, SubscribeInput};
use super::{Sns, State};
use std::collections::BTreeMap;
use std::sync::Arc;

/// What Subscribe answers for a subscription that waits for its confirmation.
const PENDING: &str = "pending confirmation";

/// The attributes Subscribe and SetSubscriptionAttributes take.
const SETTABLE: &[&str] = &[
    "DeliveryPolicy",
    "FilterPolicy",
    "FilterPolicyScope",
    "RawMessageDelivery",
    "RedrivePolicy",
    "SubscriptionRoleArn",
    "ReplayPolicy",
];

/// Where a subscription delivers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Protocol {
    Sqs,
    Lambda,
    Http,
    Https,
    Email,
    EmailJson,
    Sms,
    Application,
    Firehose,
}

impl Protocol {
    const ALL: [Protocol; 9] = [
        Protocol::Sqs,
        Protocol::Lambda,
        Protocol::Http,
        Protocol::Https,
        Protocol::Email,
        Protocol::EmailJson,
        Protocol::Sms,
        Protocol::Application,
        Protocol::Firehose,
    ];

    /// The protocol's name in the API (`email-json`).
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Sqs => "sqs",
            Protocol::Lambda => "lambda",
            Protocol::Http => "http",
            Protocol::Https => "https",
            Protocol::Email => "email",
            Protocol::EmailJson => "email-json",
            Protocol::Sms => "sms",
            Protocol::Application => "application",
            Protocol::Firehose => "firehose",
        }
    }

    fn parse(name: &str) -> SnsResult<Protocol> {
        Protocol::ALL
            .into_iter()
            .find(|p| p.as_str() == name)
            .ok_or_else(|| {
                SnsError::invalid(format!(
                    "Amazon SNS does not support this protocol string: {name}"
                ))
            })
    }

    /// Whether the endpoint's owner must confirm the subscription (AWS sends them a
    /// confirmation); the others are confirmed at once.
    fn confirms(self) -> bool {
        matches!(
            self,
            Protocol::Http | Protocol::Https | Protocol::Email | Protocol::EmailJson
        )
    }

    /// Whether raw delivery is possible (AWS: SQS, http/s and Firehose).
    fn delivers_raw(self) -> bool {
        matches!(
            self,
            Protocol::Sqs | Protocol::Http | Protocol::Https | Protocol::Firehose
        )
    }
}

/// One subscription.
#[derive(Debug, Clone)]
pub(super) struct Subscription {
    pub arn: String,
    pub topic_arn: String,
    pub protocol: Protocol,
    pub endpoint: String,
    pub pending: bool,
    pub token: String,
    /// The attributes as set (RawMessageDelivery, FilterPolicy, ...).
    pub attributes: BTreeMap<String, String>,
    pub filter: Option<Arc<FilterPolicy>>,
    /// Where SubscribeURL and UnsubscribeURL point (the server, as the subscriber saw it).
    pub base_url: String,
}

impl Subscription {
    /// What a delivery to this subscription needs, under its topic's `topic_attributes`.
    pub fn target(&self, topic_attributes: &BTreeMap<String, String>) -> Target {
        let topic_delivery_policy = topic_attributes.get("DeliveryPolicy").map(String::as_str);
        let own = self.attributes.get("DeliveryPolicy").map(String::as_str);
        let dead_letter = self
            .attributes
            .get("RedrivePolicy")
            .and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok())
            .and_then(|p| p["deadLetterTargetArn"].as_str().map(str::to_owned));
        Target {
            arn: self.arn.clone(),
            topic_arn: self.topic_arn.clone(),
            protocol: self.protocol,
            endpoint: self.endpoint.clone(),
            raw: self
                .attributes
                .get("RawMessageDelivery")
                .is_some_and(|v| v == "true"),
            filter: self.filter.clone(),
            dead_letter,
            retry: RetryPolicy::of(own, topic_delivery_policy),
            signature_version: topic_attributes
                .get("SignatureVersion")
                .cloned()
                .unwrap_or_else(|| "1".into()),
            base_url: self.base_url.clone(),
        }
    }

    /// A listing's entry; a subscription still pending shows no ARN, as on AWS.
    fn listed(&self, owner: &str) -> types::Subscription {
        let arn = match self.pending {
            true => "PendingConfirmation".to_owned(),
            false => self.arn.clone(),
        };
        types::Subscription {
            subscription_arn: Some(arn),
            owner: Some(owner.to_owned()),
            protocol: Some(self.protocol.as_str().to_owned()),
            endpoint: Some(self.endpoint.clone()),
            topic_arn: Some(self.topic_arn.clone()),
        }
    }
}

/// Checks an endpoint for its protocol, with AWS's reasons (where AWS's exact words are not
/// known, the parameter is named as AWS names others).
fn check_endpoint(protocol: Protocol, endpoint: &str, fifo_topic: bool) -> SnsResult<()> {
    let invalid = |reason: &str| Err(SnsError::invalid(reason.to_owned()));
    let arn_of = |service: &str| {
        let parts: Vec<&str> = endpoint.splitn(6, ':').collect();
        parts.len() == 6 && parts[0] == "arn" && parts[2] == service && !parts[5].is_empty()
    };
    match protocol {
        _ if endpoint.is_empty() => invalid("Endpoint"),
        Protocol::Http | Protocol::Https
            if !endpoint.starts_with(&format!("{}://", protocol.as_str())) =>
        {
            invalid("Endpoint must match the specified protocol")
        }
        Protocol::Sqs if !arn_of("sqs") => invalid("SQS endpoint ARN"),
        Protocol::Sqs if endpoint.ends_with(".fifo") && !fifo_topic => {
            invalid("Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics")
        }
        // FIFO topics deliver to SQS queues only, FIFO or standard (AWS's "Message delivery
        // for FIFO topics": other endpoints cannot keep the order, and Lambda is reached
        // through a queue).
        _ if fifo_topic && protocol != Protocol::Sqs => {
            invalid(&format!("Invalid protocol type: {}", protocol.as_str()))
        }
        Protocol::Lambda if !arn_of("lambda") => invalid("Lambda endpoint ARN"),
        Protocol::Firehose if !arn_of("firehose") => invalid("Firehose endpoint ARN"),
        Protocol::Application if !arn_of("sns") => invalid("ApplicationEndpoint ARN"),
        Protocol::Sms if !is_phone_number(endpoint) => invalid(&format!(
            "Endpoint Reason: {endpoint} is not a valid phone number"
        )),
        Protocol::Email | Protocol::EmailJson if !endpoint.contains('@') => {
            invalid("Email address")
        }
        _ => Ok(()),
    }
}

/// An E.164 number: `+`, then up to 15 digits, the first not 0.
pub(super) fn is_phone_number(text: &str) -> bool {
    let digits = text.strip_prefix('+').unwrap_or(text);
    (2..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// Checks one attribute; `prefix` is what AWS puts before the reason (Subscribe says
/// `Attributes Reason: `). Answers the value to keep (`RawMessageDelivery` in lower case).
fn check_attribute(name: &str, value: &str, protocol: Protocol, prefix: &str) -> SnsResult<String> {
    let invalid = |reason: String| Err(SnsError::invalid(format!("{prefix}{reason}")));
    match name {
        _ if !SETTABLE.contains(&name) => invalid("AttributeName".into()),
        "RawMessageDelivery" => match boolean(name, value) {
            Ok(true) if !protocol.delivers_raw() => {
                invalid(format!("{name}: Invalid value [{value}]. Must be false."))
            }
            Ok(raw) => Ok(raw.to_string()),
            Err(_) => invalid(format!(
                "{name}: Invalid value [{value}]. Must be true or false."
            )),
        },
        "FilterPolicyScope" if !matches!(value, "MessageAttributes" | "MessageBody") => {
            invalid(format!(
                "{name}: Invalid value [{value}]. Please use either MessageBody or MessageAttributes"
            ))
        }
        "RedrivePolicy" => match serde_json::from_str::<serde_json::Value>(value) {
            Err(_) => invalid(format!("{name}: failed to parse JSON.")),
            Ok(policy)
                if !policy["deadLetterTargetArn"]
                    .as_str()
                    .is_some_and(|a| a.starts_with("arn:")) =>
            {
                invalid(format!("{name}: deadLetterTargetArn is an invalid arn"))
            }
            Ok(_) => Ok(value.to_owned()),
        },
        "DeliveryPolicy" if serde_json::from_str::<serde_json::Value>(value).is_err() => {
            invalid(format!("{name}: failed to parse JSON."))
        }
        _ => Ok(value.to_owned()),
    }
}

/// Subscribe's attributes, each checked, with the values to keep.
fn checked_attributes(
    given: BTreeMap<String, String>,
    protocol: Protocol,
) -> SnsResult<BTreeMap<String, String>> {
    given
        .into_iter()
        .map(|(name, value)| {
            let kept = check_attribute(&name, &value, protocol, "Attributes Reason: ")?;
            Ok((name, kept))
        })
        .collect()
}

/// The filter policy `attributes` set, parsed for their scope.
fn filter_of(
    attributes: &BTreeMap<String, String>,
    prefix: &str,
) -> SnsResult<Option<Arc<FilterPolicy>>> {
    let Some(policy) = attributes.get("FilterPolicy").filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let scope = match attributes.get("FilterPolicyScope").map(String::as_str) {
        Some("MessageBody") => Scope::MessageBody,
        _ => Scope::MessageAttributes,
    };
    FilterPolicy::parse(policy, scope)
        .map(|p| Some(Arc::new(p)))
        .map_err(|reason| SnsError::invalid(format!("{prefix}{reason}")))
}

/// A fresh confirmation token (AWS's are long hex strings).
fn token() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

impl Sns {
    /// Subscribe: the subscription's ARN, or `pending confirmation` for one its endpoint must
    /// confirm (unless `ReturnSubscriptionArn`). An endpoint subscribed again gets the
    /// same subscription, unless other attributes are asked for.
    pub(super) fn subscribe(&self, input: SubscribeInput, host: Option<&str>) -> SnsResult<String> {
        checked_arn(&input.topic_arn, "TopicArn", &self.region)?;
        let protocol = Protocol::parse(&input.protocol)?;
        let endpoint = input.endpoint.unwrap_or_default();
        let mut state = self.state();
        let topic = state.topics.get(&input.topic_arn).ok_or(NO_TOPIC)?;
        let topic_attributes = topic.attributes.clone();
        check_endpoint(protocol, &endpoint, topic.fifo())?;
        if protocol == Protocol::Application && !state.endpoints.contains_key(&endpoint) {
            // AWS's words, without a space before the ARN.
            return Err(SnsError::invalid(format!(
                "Endpoint Reason: Endpoint does not exist for endpoint arn{endpoint}"
            )));
        }
        let attributes = checked_attributes(input.attributes.unwrap_or_default(), protocol)?;
        if protocol == Protocol::Firehose && !attributes.contains_key("SubscriptionRoleArn") {
            // AWS documents the role as required; its exact words are a guess.
            return Err(SnsError::invalid(
                "Attributes Reason: SubscriptionRoleArn is required for firehose subscriptions",
            ));
        }
        let filter = filter_of(&attributes, "Attributes Reason: ")?;
        let answer =
            |s: &Subscription| match s.pending && !input.return_subscription_arn.unwrap_or(false) {
                true => PENDING.to_owned(),
                false => s.arn.clone(),
            };
        let same = |s: &&Subscription| {
            s.topic_arn == input.topic_arn && s.protocol == protocol && s.endpoint == endpoint
        };
        if let Some(existing) = state.subscriptions.values().find(same) {
            let differs = attributes
                .iter()
                .any(|(k, v)| existing.attributes.get(k) != Some(v));
            return match differs {
                true => Err(SnsError::invalid(
                    "Attributes Reason: Subscription already exists with different attributes",
                )),
                false => Ok(answer(existing)),
            };
        }
        let subscription = Subscription {
            arn: format!("{}:{}", input.topic_arn, uuid::Uuid::new_v4()),
            topic_arn: input.topic_arn,
            protocol,
            endpoint,
            pending: protocol.confirms(),
            token: token(),
            attributes,
            filter,
            base_url: self.base_url(host),
        };
        let arn = answer(&subscription);
        if subscription.pending {
            let target = subscription.target(&topic_attributes);
            self.outbox.send(Job::confirmation(
                Confirming::Subscription,
                target,
                &subscription.token,
                self.clock.now(),
            ));
        }
        state
            .tokens
            .insert(subscription.token.clone(), subscription.arn.clone());
        state
            .subscriptions
            .insert(subscription.arn.clone(), subscription);
        Ok(arn)
    }

    /// ConfirmSubscription: the confirmed subscription's ARN (confirming twice is fine).
    pub(super) fn confirm_subscription(&self, topic_arn: &str, token: &str) -> SnsResult<String> {
        if topic_arn.split(':').count() < 6 {
            return Err(SnsError::invalid("Topic"));
        }
        let mut state = self.state();
        let arn = state
            .tokens
            .get(token)
            .cloned()
            .ok_or_else(|| SnsError::invalid("Token"))?;
        let subscription = state
            .subscriptions
            .get_mut(&arn)
            .ok_or_else(|| SnsError::invalid("Token"))?;
        if subscription.topic_arn != topic_arn {
            return Err(SnsError::invalid("Topic"));
        }
        subscription.pending = false;
        Ok(arn)
    }

    /// Unsubscribe; a subscription that does not exist (any more) is no error.
    pub(super) fn unsubscribe(&self, arn: &str) -> SnsResult<()> {
        let parts = arn.split(':').count();
        if parts < 6 {
            return Err(SnsError::invalid(format!(
                "SubscriptionArn Reason: An ARN must have at least 6 elements, not {parts}"
            )));
        }
        if parts == 6 {
            return Err(SnsError::invalid("SubscriptionId"));
        }
        let mut state = self.state();
        let State {
            topics,
            subscriptions,
            tokens,
            ..
        } = &mut *state;
        if let Some(removed) = subscriptions.remove(arn) {
            tokens.remove(&removed.token);
            if let Some(topic) = topics.get_mut(&removed.topic_arn) {
                topic.deleted += 1;
                self.confirm_unsubscription(&removed, &topic.attributes);
            }
        }
        Ok(())
    }

    /// AWS tells a confirmed http/s endpoint that its subscription ended
    /// (`UnsubscribeConfirmation`); other protocols hear nothing.
    fn confirm_unsubscription(
        &self,
        removed: &Subscription,
        topic_attributes: &BTreeMap<String, String>,
    ) {
        if removed.pending || !matches!(removed.protocol, Protocol::Http | Protocol::Https) {
            return;
        }
        let target = removed.target(topic_attributes);
        let job = Job::confirmation(
            Confirming::Unsubscription,
            target,
            &removed.token,
            self.clock.now(),
        );
        self.outbox.send(job);
    }

    /// ListSubscriptions, or ListSubscriptionsByTopic when `topic` is given: a page in ARN
    /// order and the next page's token.
    pub(super) fn list_subscriptions(
        &self,
        topic: Option<&str>,
        token: Option<&str>,
    ) -> SnsResult<(Vec<types::Subscription>, Option<String>)> {
        let state = self.state();
        if let Some(topic) = topic {
            checked_arn(topic, "TopicArn", &self.region)?;
            state.topics.get(topic).ok_or(NO_TOPIC)?;
        }
        let arns = state
            .subscriptions
            .values()
            .filter(|s| topic.is_none_or(|t| s.topic_arn == t))
            .map(|s| &s.arn);
        let (arns, next) = page(arns, token)?;
        let listed = arns
            .iter()
            .filter_map(|a| state.subscriptions.get(a))
            .map(|s| s.listed(&self.account));
        Ok((listed.collect(), next))
    }

    /// GetSubscriptionAttributes: the attributes as set, and those AWS adds.
    pub(super) fn subscription_attributes(&self, arn: &str) -> SnsResult<BTreeMap<String, String>> {
        let state = self.state();
        let subscription = state.subscriptions.get(arn).ok_or(NO_SUBSCRIPTION)?;
        let mut attributes = subscription.attributes.clone();
        let account = &self.account;
        let fixed = [
            ("SubscriptionArn", subscription.arn.clone()),
            ("TopicArn", subscription.topic_arn.clone()),
            ("Protocol", subscription.protocol.as_str().to_owned()),
            ("Endpoint", subscription.endpoint.clone()),
            ("Owner", account.clone()),
            ("PendingConfirmation", subscription.pending.to_string()),
            (
                "ConfirmationWasAuthenticated",
                (!subscription.pending).to_string(),
            ),
            (
                "SubscriptionPrincipal",
                format!("arn:aws:iam::{account}:root"),
            ),
        ];
        attributes.extend(fixed.map(|(k, v)| (k.to_owned(), v)));
        attributes
            .entry("RawMessageDelivery".into())
            .or_insert_with(|| "false".into());
        // AWS shows the scope only beside a policy.
        if attributes.contains_key("FilterPolicy") {
            let scope = attributes.entry("FilterPolicyScope".into());
            scope.or_insert_with(|| "MessageAttributes".into());
        } else {
            attributes.remove("FilterPolicyScope");
        }
        Ok(attributes)
    }

    /// SetSubscriptionAttributes: one attribute, checked as Subscribe checks it.
    pub(super) fn set_subscription_attribute(
        &self,
        arn: &str,
        name: &str,
        value: &str,
    ) -> SnsResult<()> {
        let mut state = self.state();
        let subscription = state.subscriptions.get_mut(arn).ok_or(NO_SUBSCRIPTION)?;
        let kept = check_attribute(name, value, subscription.protocol, "")?;
        let mut attributes = subscription.attributes.clone();
        match value.is_empty() && name != "RawMessageDelivery" {
            true => attributes.remove(name),
            false => attributes.insert(name.to_owned(), kept),
        };
        subscription.filter = filter_of(&attributes, "")?;
        subscription.attributes = attributes;
        Ok(())
    }
}
