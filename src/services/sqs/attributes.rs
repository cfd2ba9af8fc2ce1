//! Queue attributes callers set: which exist, AWS's defaults and allowed values, and the
//! redrive policy that sends messages to a dead-letter queue.

use super::error::{SqsError, SqsResult};
use serde_json::Value;
use std::collections::BTreeMap;

/// A queue's settable attributes, by name.
pub type Attributes = BTreeMap<String, String>;

/// Attributes any queue takes.
const COMMON: [&str; 12] = [
    "DelaySeconds",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "Policy",
    "ReceiveMessageWaitTimeSeconds",
    "RedrivePolicy",
    "RedriveAllowPolicy",
    "VisibilityTimeout",
    "KmsMasterKeyId",
    "KmsDataKeyReusePeriodSeconds",
    "SqsManagedSseEnabled",
    "FifoQueue",
];

/// Attributes only FIFO queues take; a standard queue does not know them.
const FIFO_ONLY: [&str; 3] = [
    "ContentBasedDeduplication",
    "DeduplicationScope",
    "FifoThroughputLimit",
];

/// Attributes SQS computes: readable, never set.
const COMPUTED: [&str; 6] = [
    "QueueArn",
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed",
    "CreatedTimestamp",
    "LastModifiedTimestamp",
];

/// Whether GetQueueAttributes knows the name (`All`, or any queue attribute).
pub fn readable(name: &str) -> bool {
    let lists = [&COMMON[..], &FIFO_ONLY[..], &COMPUTED[..]];
    name == "All" || lists.iter().any(|list| list.contains(&name))
}

/// The largest message AWS's queues took by default until 2025, and the default here.
pub const MAX_MESSAGE_SIZE: i64 = 262_144;

/// The inclusive range of a numeric attribute.
fn range(name: &str) -> Option<(i64, i64)> {
    Some(match name {
        "DelaySeconds" => (0, 900),
        "MaximumMessageSize" => (1024, MAX_MESSAGE_SIZE),
        "MessageRetentionPeriod" => (60, 1_209_600),
        "ReceiveMessageWaitTimeSeconds" => (0, 20),
        "VisibilityTimeout" => (0, 43_200),
        "KmsDataKeyReusePeriodSeconds" => (60, 86_400),
        _ => return None,
    })
}

/// The values a textual attribute may take.
fn choices(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "SqsManagedSseEnabled" | "ContentBasedDeduplication" | "FifoQueue" => &["true", "false"],
        "DeduplicationScope" => &["messageGroup", "queue"],
        "FifoThroughputLimit" => &["perQueue", "perMessageGroupId"],
        _ => return None,
    })
}

/// The attributes a new queue has before the caller's are applied (AWS's defaults; new
/// queues are encrypted with SQS-managed keys).
pub fn defaults(fifo: bool) -> Attributes {
    let mut attributes: Attributes = [
        ("DelaySeconds", "0".to_owned()),
        ("MaximumMessageSize", MAX_MESSAGE_SIZE.to_string()),
        ("MessageRetentionPeriod", "345600".into()),
        ("ReceiveMessageWaitTimeSeconds", "0".into()),
        ("VisibilityTimeout", "30".into()),
        ("SqsManagedSseEnabled", "true".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    if fifo {
        for (name, value) in [
            ("FifoQueue", "true"),
            ("ContentBasedDeduplication", "false"),
            ("DeduplicationScope", "queue"),
            ("FifoThroughputLimit", "perQueue"),
        ] {
            attributes.insert(name.into(), value.into());
        }
    }
    attributes
}

/// Checks the attributes a caller sets on a queue (`fifo` or not); `dead_letter` says whether
/// a queue ARN names a queue, and whether it is FIFO. Nothing is changed: the caller applies
/// the attributes once all are valid.
pub fn check(
    requested: &Attributes,
    fifo: bool,
    dead_letter: &dyn Fn(&str) -> Option<bool>,
) -> SqsResult<()> {
    for (name, value) in requested {
        let known = COMMON.contains(&name.as_str()) || (fifo && FIFO_ONLY.contains(&name.as_str()));
        if !known {
            return Err(SqsError::InvalidAttributeName(name.clone()));
        }
        check_value(name, value)?;
        if name == "RedrivePolicy" && !value.is_empty() {
            check_redrive(value, fifo, dead_letter)?;
        }
    }
    Ok(())
}

fn check_value(name: &str, value: &str) -> SqsResult<()> {
    let invalid =
        || SqsError::InvalidAttributeValue(format!("Invalid value for the parameter {name}."));
    if let Some((low, high)) = range(name) {
        let number = value.trim().parse::<i64>().map_err(|_| invalid())?;
        if number < low || number > high {
            return Err(invalid());
        }
    }
    if let Some(choices) = choices(name)
        && !choices.contains(&value)
    {
        return Err(invalid());
    }
    let json = matches!(name, "Policy" | "RedriveAllowPolicy");
    if json && !value.is_empty() && serde_json::from_str::<Value>(value).is_err() {
        return Err(invalid());
    }
    Ok(())
}

/// Where a queue's messages go after too many receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redrive {
    /// The dead-letter queue's ARN.
    pub target: String,
    /// How many receives a message gets before it moves.
    pub max_receives: u32,
}

impl Redrive {
    /// The policy in a queue's `RedrivePolicy` attribute (which was checked when it was set).
    pub fn of(attributes: &Attributes) -> Option<Redrive> {
        parse_redrive(attributes.get("RedrivePolicy")?).ok()
    }
}

fn parse_redrive(policy: &str) -> Result<Redrive, String> {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(policy) else {
        return Err("Redrive policy is not a valid JSON map.".into());
    };
    let Some(target) = map.get("deadLetterTargetArn").and_then(Value::as_str) else {
        return Err(
            "Redrive policy does not contain mandatory attribute: deadLetterTargetArn.".into(),
        );
    };
    let count = map.get("maxReceiveCount");
    let number = match count {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    match number.filter(|n| (1..=1000).contains(n)) {
        Some(n) => Ok(Redrive {
            target: target.to_owned(),
            max_receives: n as u32,
        }),
        None => Err(format!(
            "Invalid value for maxReceiveCount: {}, valid values are from 1 to 1000 both inclusive.",
            count.map_or("null".into(), |c| c
                .to_string()
                .trim_matches('"')
                .to_owned())
        )),
    }
}

fn check_redrive(
    policy: &str,
    fifo: bool,
    dead_letter: &dyn Fn(&str) -> Option<bool>,
) -> SqsResult<()> {
    let invalid = |reason: &str| {
        SqsError::InvalidParameterValue(format!(
            "Value {policy} for parameter RedrivePolicy is invalid. Reason: {reason}"
        ))
    };
    let redrive = parse_redrive(policy).map_err(|reason| invalid(&reason))?;
    match dead_letter(&redrive.target) {
        None => Err(invalid("Dead letter target does not exist.")),
        Some(target_fifo) if target_fifo != fifo => Err(invalid(
            "Dead-letter queue must be same type of queue as the source.",
        )),
        Some(_) => Ok(()),
    }
}

/// The value of a numeric attribute (checked when it was set; a missing one reads 0).
pub fn number(attributes: &Attributes, name: &str) -> i64 {
    attributes
        .get(name)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_one(name: &str, value: &str, fifo: bool) -> SqsResult<()> {
        let requested = [(name.to_owned(), value.to_owned())].into_iter().collect();
        check(&requested, fifo, &|arn| (arn == "arn:dlq").then_some(false))
    }

    #[test]
    fn attributes_are_checked_against_aws_ranges_and_names() {
        assert_eq!(check_one("VisibilityTimeout", "43200", false), Ok(()));
        assert_eq!(
            check_one("VisibilityTimeout", "43201", false),
            Err(SqsError::InvalidAttributeValue(
                "Invalid value for the parameter VisibilityTimeout.".into()
            ))
        );
        assert_eq!(
            check_one("ContentBasedDeduplication", "true", false),
            Err(SqsError::InvalidAttributeName(
                "ContentBasedDeduplication".into()
            ))
        );
        assert_eq!(check_one("ContentBasedDeduplication", "true", true), Ok(()));
        assert_eq!(
            check_one("QueueArn", "x", false),
            Err(SqsError::InvalidAttributeName("QueueArn".into()))
        );
    }

    #[test]
    fn redrive_policies_name_an_existing_queue_and_a_count() {
        let policy = r#"{"deadLetterTargetArn":"arn:dlq","maxReceiveCount":"3"}"#;
        assert_eq!(check_one("RedrivePolicy", policy, false), Ok(()));
        let attributes = [("RedrivePolicy".to_owned(), policy.to_owned())].into();
        assert_eq!(
            Redrive::of(&attributes),
            Some(Redrive {
                target: "arn:dlq".into(),
                max_receives: 3
            })
        );
        let missing = r#"{"deadLetterTargetArn":"arn:nope","maxReceiveCount":3}"#;
        let error = check_one("RedrivePolicy", missing, false).unwrap_err();
        assert!(
            error
                .to_string()
                .ends_with("Reason: Dead letter target does not exist.")
        );
        let zero = r#"{"deadLetterTargetArn":"arn:dlq","maxReceiveCount":0}"#;
        assert!(check_one("RedrivePolicy", zero, false).is_err());
        assert!(
            check_one("RedrivePolicy", policy, true).is_err(),
            "a FIFO source needs a FIFO target"
        );
    }
}
