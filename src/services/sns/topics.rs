//! Topics: create (idempotent), delete, list, their attributes and their tags.

use super::error::{NO_RESOURCE, NO_TOPIC, SnsError, SnsResult};
use super::policies;
use super::types::{CreateTopicInput, Tag};
use super::{Sns, State};
use crate::aws::paging;
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// ListTopics' page size (AWS: 100).
const PAGE: usize = 100;

/// AWS's limit of tags on a resource.
const MAX_TAGS: usize = 50;

/// The attributes SetTopicAttributes (and CreateTopic) take besides `FifoTopic`.
const SETTABLE: &[&str] = &[
    "DeliveryPolicy",
    "DisplayName",
    "Policy",
    "TracingConfig",
    "KmsMasterKeyId",
    "SignatureVersion",
    "ContentBasedDeduplication",
    "ArchivePolicy",
    "FifoThroughputScope",
    "ApplicationSuccessFeedbackRoleArn",
    "ApplicationSuccessFeedbackSampleRate",
    "ApplicationFailureFeedbackRoleArn",
    "HTTPSuccessFeedbackRoleArn",
    "HTTPSuccessFeedbackSampleRate",
    "HTTPFailureFeedbackRoleArn",
    "LambdaSuccessFeedbackRoleArn",
    "LambdaSuccessFeedbackSampleRate",
    "LambdaFailureFeedbackRoleArn",
    "SQSSuccessFeedbackRoleArn",
    "SQSSuccessFeedbackSampleRate",
    "SQSFailureFeedbackRoleArn",
    "FirehoseSuccessFeedbackRoleArn",
    "FirehoseSuccessFeedbackSampleRate",
    "FirehoseFailureFeedbackRoleArn",
];

/// How long a FIFO topic remembers a deduplication id (AWS: five minutes).
const DEDUP_WINDOW: time::Duration = time::Duration::minutes(5);

/// One topic.
#[derive(Debug, Clone)]
pub(super) struct Topic {
    /// The attributes as set (with `FifoTopic` and `ContentBasedDeduplication` on FIFO
    /// topics); the computed ones are added when read.
    pub attributes: BTreeMap<String, String>,
    pub tags: BTreeMap<String, String>,
    /// Subscriptions deleted since the topic was created.
    pub deleted: u64,
    /// The last sequence number given (FIFO).
    pub sequence: u64,
    /// Deduplication ids seen in the window: id -> (when it expires, the message id).
    pub dedup: BTreeMap<String, (OffsetDateTime, String)>,
    /// The data protection policy, kept as given (Stepstone does not apply it).
    pub data_protection: Option<String>,
}

impl Topic {
    /// Whether the topic is a FIFO topic.
    pub fn fifo(&self) -> bool {
        self.attributes
            .get("FifoTopic")
            .is_some_and(|v| v == "true")
    }

    /// Whether a FIFO topic deduplicates by the message's content.
    pub fn content_based_deduplication(&self) -> bool {
        self.attributes
            .get("ContentBasedDeduplication")
            .is_some_and(|v| v == "true")
    }

    /// The message id an earlier message with `id` got within the window, or `None` after
    /// remembering `message_id` for it.
    pub fn deduplicate(
        &mut self,
        id: &str,
        message_id: &str,
        now: OffsetDateTime,
    ) -> Option<String> {
        self.dedup.retain(|_, (expires, _)| *expires > now);
        if let Some((_, earlier)) = self.dedup.get(id) {
            return Some(earlier.clone());
        }
        let entry = (now + DEDUP_WINDOW, message_id.to_owned());
        self.dedup.insert(id.to_owned(), entry);
        None
    }

    /// The next sequence number, as AWS writes them (20 digits).
    pub fn next_sequence(&mut self) -> String {
        self.sequence += 1;
        format!("{:020}", 10_000_000_000_000_000u64 + self.sequence)
    }
}

/// The topic name and attributes as given, checked; `FifoTopic=false` is not kept.
fn checked_new(
    name: &str,
    mut attributes: BTreeMap<String, String>,
) -> SnsResult<BTreeMap<String, String>> {
    let fifo = match attributes.remove("FifoTopic") {
        Some(value) => boolean("FifoTopic", &value)?,
        None => false,
    };
    let base = match fifo {
        true => name.strip_suffix(".fifo"),
        false => Some(name),
    };
    let valid =
        base.is_some_and(|b| !b.is_empty() && b.bytes().all(is_name_byte)) && name.len() <= 256;
    match (valid, fifo) {
        (true, _) => {}
        // AWS's wording (the standard case recorded; the FIFO one as AWS documents it).
        (false, true) => {
            return Err(SnsError::invalid(
                "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.",
            ));
        }
        (false, false) => return Err(SnsError::invalid("Topic Name")),
    }
    for (key, value) in attributes.iter_mut() {
        check_attribute(key, value, fifo, "Attributes Reason: ")?;
        if key == "ContentBasedDeduplication" {
            *value = boolean(key, value)?.to_string();
        }
    }
    if fifo {
        attributes.insert("FifoTopic".into(), "true".into());
    }
    Ok(attributes)
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// `value` as `true` or `false` (in any case), or AWS's complaint about `name`.
pub(super) fn boolean(name: &str, value: &str) -> SnsResult<bool> {
    match value.to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(SnsError::invalid(format!(
            "{name}: Invalid value [{value}]. Must be true or false."
        ))),
    }
}

/// Checks one settable attribute; `prefix` is what AWS puts before the reason (CreateTopic
/// says `Attributes Reason: `). The reasons are AWS's where known, else plausible.
fn check_attribute(name: &str, value: &str, fifo: bool, prefix: &str) -> SnsResult<()> {
    let invalid = |reason: &str| Err(SnsError::invalid(format!("{prefix}{reason}")));
    if !SETTABLE.contains(&name) {
        return invalid("AttributeName");
    }
    match name {
        "Policy" | "DeliveryPolicy" | "ArchivePolicy"
            if serde_json::from_str::<serde_json::Value>(value).is_err() =>
        {
            invalid(&format!("{name}: failed to parse JSON."))
        }
        "ContentBasedDeduplication" if !fifo => invalid(
            "ContentBasedDeduplication: Content-based deduplication can only be set for FIFO topics",
        ),
        "ContentBasedDeduplication" => boolean(name, value).map(drop),
        "SignatureVersion" if !matches!(value, "1" | "2") => invalid("SignatureVersion"),
        "DisplayName" if value.chars().count() > 100 => invalid("DisplayName"),
        _ => Ok(()),
    }
}

/// Tags checked against AWS's limits.
fn checked_tags(tags: &[Tag]) -> SnsResult<()> {
    for tag in tags {
        if tag.key.is_empty() || tag.key.chars().count() > 128 || tag.value.chars().count() > 256 {
            return Err(SnsError::invalid(format!(
                "Tags Reason: Invalid tag {}",
                tag.key
            )));
        }
    }
    Ok(())
}

/// The topic ARN's parts checked as AWS checks them; `param` names it in the complaint.
pub(super) fn checked_arn<'a>(arn: &'a str, param: &str, region: &str) -> SnsResult<&'a str> {
    let parts: Vec<&str> = arn.split(':').collect();
    if parts.len() < 6 {
        return Err(SnsError::invalid(format!(
            "{param} Reason: An ARN must have at least 6 elements, not {}",
            parts.len()
        )));
    }
    match parts[0] == "arn" && parts[2] == "sns" && parts[3] == region {
        true => Ok(arn),
        false => Err(SnsError::invalid(param.to_owned())),
    }
}

impl Sns {
    /// CreateTopic: the topic's ARN. Creating an existing topic answers its ARN when the
    /// attributes and tags asked for are those it has, and AWS's complaint otherwise.
    pub(super) fn create_topic(&self, input: CreateTopicInput) -> SnsResult<String> {
        let arn = self.topic_arn(&input.name);
        let tags = input.tags.unwrap_or_default();
        checked_tags(&tags)?;
        let attributes = checked_new(&input.name, input.attributes.unwrap_or_default())?;
        let mut state = self.state();
        if let Some(topic) = state.topics.get(&arn) {
            return same_topic(topic, &attributes, &tags).map(|()| arn);
        }
        if tags.len() > MAX_TAGS {
            return Err(SnsError::TagLimitExceeded);
        }
        let mut attributes = attributes;
        if attributes.contains_key("FifoTopic") {
            let dedup = attributes.entry("ContentBasedDeduplication".into());
            dedup.or_insert_with(|| "false".into());
        }
        let topic = Topic {
            attributes,
            tags: tags.into_iter().map(|t| (t.key, t.value)).collect(),
            deleted: 0,
            sequence: 0,
            dedup: BTreeMap::new(),
            data_protection: None,
        };
        state.topics.insert(arn.clone(), topic);
        Ok(arn)
    }

    /// DeleteTopic, with its subscriptions; deleting a topic that does not exist succeeds.
    pub(super) fn delete_topic(&self, arn: &str) -> SnsResult<()> {
        checked_arn(arn, "TopicArn", &self.region)?;
        let mut state = self.state();
        state.topics.remove(arn);
        let State {
            subscriptions,
            tokens,
            ..
        } = &mut *state;
        subscriptions.retain(|_, s| s.topic_arn != arn);
        tokens.retain(|_, s| subscriptions.contains_key(s));
        Ok(())
    }

    /// ListTopics: a page of topic ARNs in ARN order, and the token of the next.
    pub(super) fn list_topics(
        &self,
        token: Option<&str>,
    ) -> SnsResult<(Vec<String>, Option<String>)> {
        let state = self.state();
        page(state.topics.keys(), token)
    }

    /// GetTopicAttributes: the attributes as set, and those AWS computes.
    pub(super) fn topic_attributes(&self, arn: &str) -> SnsResult<BTreeMap<String, String>> {
        checked_arn(arn, "TopicArn", &self.region)?;
        let state = self.state();
        let topic = state.topics.get(arn).ok_or(NO_TOPIC)?;
        let (mut confirmed, mut pending) = (0, 0);
        for subscription in state.subscriptions.values().filter(|s| s.topic_arn == arn) {
            match subscription.pending {
                true => pending += 1,
                false => confirmed += 1,
            }
        }
        let mut attributes = topic.attributes.clone();
        let delivery = attributes.get("DeliveryPolicy").map(String::as_str);
        let computed = [
            ("Owner", self.account.clone()),
            ("TopicArn", arn.to_owned()),
            ("SubscriptionsConfirmed", confirmed.to_string()),
            ("SubscriptionsPending", pending.to_string()),
            ("SubscriptionsDeleted", topic.deleted.to_string()),
            (
                "EffectiveDeliveryPolicy",
                policies::effective_delivery_policy(delivery),
            ),
        ];
        attributes.extend(computed.map(|(k, v)| (k.to_owned(), v)));
        attributes
            .entry("Policy".into())
            .or_insert_with(|| policies::default_policy(arn, &self.account));
        attributes.entry("DisplayName".into()).or_default();
        Ok(attributes)
    }

    /// SetTopicAttributes: one attribute; an empty value clears it.
    pub(super) fn set_topic_attribute(&self, arn: &str, name: &str, value: &str) -> SnsResult<()> {
        checked_arn(arn, "TopicArn", &self.region)?;
        let mut state = self.state();
        let topic = state.topics.get_mut(arn).ok_or(NO_TOPIC)?;
        check_attribute(name, value, topic.fifo(), "")?;
        match (name, value.is_empty()) {
            ("ContentBasedDeduplication", _) => {
                let on = boolean(name, value)?;
                topic.attributes.insert(name.into(), on.to_string());
            }
            (_, true) => {
                topic.attributes.remove(name);
            }
            (_, false) => {
                topic.attributes.insert(name.into(), value.into());
            }
        }
        Ok(())
    }

    /// GetDataProtectionPolicy: the topic's policy, if it has one.
    pub(super) fn data_protection_policy(&self, arn: &str) -> SnsResult<Option<String>> {
        checked_arn(arn, "ResourceArn", &self.region)?;
        let state = self.state();
        let topic = state.topics.get(arn).ok_or(NO_TOPIC)?;
        Ok(topic.data_protection.clone())
    }

    /// PutDataProtectionPolicy: a JSON policy replaces the topic's (an empty one removes
    /// it). AWS checks the policy's statements too; Stepstone checks only that it is JSON.
    pub(super) fn put_data_protection_policy(&self, arn: &str, policy: String) -> SnsResult<()> {
        checked_arn(arn, "ResourceArn", &self.region)?;
        if !policy.is_empty() && serde_json::from_str::<serde_json::Value>(&policy).is_err() {
            return Err(SnsError::invalid("DataProtectionPolicy"));
        }
        let mut state = self.state();
        let topic = state.topics.get_mut(arn).ok_or(NO_TOPIC)?;
        topic.data_protection = Some(policy).filter(|p| !p.is_empty());
        Ok(())
    }

    /// TagResource: adds or replaces tags of a topic.
    pub(super) fn tag_resource(&self, arn: &str, tags: Vec<Tag>) -> SnsResult<()> {
        checked_tags(&tags)?;
        let mut state = self.state();
        let topic = state.topics.get_mut(arn).ok_or(NO_RESOURCE)?;
        let mut updated = topic.tags.clone();
        updated.extend(tags.into_iter().map(|t| (t.key, t.value)));
        if updated.len() > MAX_TAGS {
            return Err(SnsError::TagLimitExceeded);
        }
        topic.tags = updated;
        Ok(())
    }

    /// UntagResource: removes tags of a topic by key.
    pub(super) fn untag_resource(&self, arn: &str, keys: &[String]) -> SnsResult<()> {
        let mut state = self.state();
        let topic = state.topics.get_mut(arn).ok_or(NO_RESOURCE)?;
        topic.tags.retain(|k, _| !keys.contains(k));
        Ok(())
    }

    /// ListTagsForResource: a topic's tags, by key.
    pub(super) fn list_tags(&self, arn: &str) -> SnsResult<Vec<Tag>> {
        let state = self.state();
        let topic = state.topics.get(arn).ok_or(NO_RESOURCE)?;
        let tags = topic.tags.iter().map(|(k, v)| Tag {
            key: k.clone(),
            value: v.clone(),
        });
        Ok(tags.collect())
    }
}

/// Whether a second CreateTopic asks for the topic as it is.
fn same_topic(topic: &Topic, attributes: &BTreeMap<String, String>, tags: &[Tag]) -> SnsResult<()> {
    let differs = attributes
        .iter()
        .any(|(k, v)| topic.attributes.get(k) != Some(v));
    if differs {
        return Err(SnsError::invalid(
            "Attributes Reason: Topic already exists with different attributes",
        ));
    }
    match tags
        .iter()
        .all(|t| topic.tags.get(&t.key) == Some(&t.value))
    {
        true => Ok(()),
        false => Err(SnsError::invalid(
            "Tags Reason: Topic already exists with different tags",
        )),
    }
}

/// A page of `keys` (sorted) after the token's key, and the next page's token.
pub(super) fn page<'a>(
    keys: impl Iterator<Item = &'a String>,
    token: Option<&str>,
) -> SnsResult<(Vec<String>, Option<String>)> {
    let after = match token.filter(|t| !t.is_empty()) {
        Some(token) => Some(paging::decode(token).ok_or_else(|| SnsError::invalid("NextToken"))?),
        None => None,
    };
    let mut rest = keys.filter(|k| after.as_ref().is_none_or(|a| k.as_str() > a.as_str()));
    let items: Vec<String> = rest.by_ref().take(PAGE).cloned().collect();
    let next = match rest.next() {
        Some(_) => items.last().map(|k| paging::encode(k)),
        None => None,
    };
    Ok((items, next))
}
