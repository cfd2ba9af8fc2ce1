//! The JSON documents SNS writes for a topic: its default access policy, its effective
//! delivery policy, and the http retry schedule a delivery policy gives.

use serde_json::{Value, json};
use std::time::Duration;

/// The access policy AWS gives a new topic: its owner may do everything with it.
pub fn default_policy(topic_arn: &str, account: &str) -> String {
    json!({
        "Version": "2008-10-17",
        "Id": "__default_policy_ID",
        "Statement": [{
            "Sid": "__default_statement_ID",
            "Effect": "Allow",
            "Principal": {"AWS": "*"},
            "Action": [
                "SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission",
                "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe",
                "SNS:ListSubscriptionsByTopic", "SNS:Publish"
            ],
            "Resource": topic_arn,
            "Condition": {"StringEquals": {"AWS:SourceOwner": account}}
        }]
    })
    .to_string()
}

/// AWS's default http delivery policy: three retries, 20 seconds apart.
fn default_delivery_policy() -> Value {
    json!({"http": {
        "defaultHealthyRetryPolicy": {
            "minDelayTarget": 20, "maxDelayTarget": 20, "numRetries": 3,
            "numMaxDelayRetries": 0, "numNoDelayRetries": 0, "numMinDelayRetries": 0,
            "backoffFunction": "linear"
        },
        "disableSubscriptionOverrides": false,
        "defaultRequestPolicy": {"headerContentType": "text/plain; charset=UTF-8"}
    }})
}

/// The topic's `EffectiveDeliveryPolicy`: its `DeliveryPolicy` over AWS's defaults.
pub fn effective_delivery_policy(delivery_policy: Option<&str>) -> String {
    let mut effective = default_delivery_policy();
    if let Some(Ok(set)) = delivery_policy.map(serde_json::from_str::<Value>) {
        merge(&mut effective, set);
    }
    effective.to_string()
}

fn merge(into: &mut Value, from: Value) {
    match (into, from) {
        (Value::Object(into), Value::Object(from)) => {
            for (key, value) in from {
                merge(into.entry(key).or_insert(Value::Null), value);
            }
        }
        (into, from) => *into = from,
    }
}

/// When an http delivery is tried again after failing: the healthy retry policy of the
/// subscription's delivery policy, else the topic's `http.defaultHealthyRetryPolicy`.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    min_delay: u64,
    max_delay: u64,
    retries: u64,
    no_delay: u64,
    min_delay_retries: u64,
    max_delay_retries: u64,
    backoff: String,
}

impl RetryPolicy {
    /// The policy a subscription's deliveries follow.
    pub fn of(subscription_policy: Option<&str>, topic_policy: Option<&str>) -> RetryPolicy {
        let parse = |text: Option<&str>| text.and_then(|t| serde_json::from_str::<Value>(t).ok());
        let effective: Value =
            serde_json::from_str(&effective_delivery_policy(topic_policy)).unwrap_or_default();
        let topic = effective["http"]["defaultHealthyRetryPolicy"].clone();
        let own = parse(subscription_policy).map(|p| p["healthyRetryPolicy"].clone());
        let policy = own.filter(Value::is_object).unwrap_or(topic);
        let number = |name: &str, default: u64| policy[name].as_u64().unwrap_or(default);
        RetryPolicy {
            min_delay: number("minDelayTarget", 20),
            max_delay: number("maxDelayTarget", 20),
            retries: number("numRetries", 3).min(100),
            no_delay: number("numNoDelayRetries", 0),
            min_delay_retries: number("numMinDelayRetries", 0),
            max_delay_retries: number("numMaxDelayRetries", 0),
            backoff: policy["backoffFunction"]
                .as_str()
                .unwrap_or("linear")
                .to_owned(),
        }
    }

    /// The delays before each retry, in AWS's phases: immediate retries, retries at the
    /// minimum delay, a back-off from the minimum to the maximum, and retries at the maximum.
    pub fn delays(&self) -> Vec<Duration> {
        let backoff_start = self.no_delay + self.min_delay_retries;
        let backoff_end = self.retries.saturating_sub(self.max_delay_retries);
        let steps = backoff_end.saturating_sub(backoff_start).max(1);
        (0..self.retries)
            .map(|i| match i {
                i if i < self.no_delay => 0,
                i if i < backoff_start => self.min_delay,
                i if i >= backoff_end => self.max_delay,
                i => self.backoff_delay((i - backoff_start + 1) as f64 / steps as f64),
            })
            .map(Duration::from_secs)
            .collect()
    }

    /// The back-off's delay a `fraction` of the way from the minimum to the maximum.
    fn backoff_delay(&self, fraction: f64) -> u64 {
        let (min, max) = (
            self.min_delay as f64,
            self.max_delay.max(self.min_delay) as f64,
        );
        let shaped = match self.backoff.as_str() {
            "arithmetic" => fraction * fraction,
            "geometric" => fraction.powi(3),
            "exponential" => (2f64.powf(fraction * 10.0) - 1.0) / 1023.0,
            _ => fraction,
        };
        (min + (max - min) * shaped).round() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_policy_retries_three_times_twenty_seconds_apart() {
        let delays = RetryPolicy::of(None, None).delays();
        assert_eq!(delays, vec![Duration::from_secs(20); 3]);
    }

    #[test]
    fn a_subscription_policy_runs_its_phases() {
        let policy = r#"{"healthyRetryPolicy": {"minDelayTarget": 1, "maxDelayTarget": 9,
            "numRetries": 6, "numNoDelayRetries": 1, "numMinDelayRetries": 1,
            "numMaxDelayRetries": 1, "backoffFunction": "linear"}}"#;
        let seconds: Vec<u64> = RetryPolicy::of(Some(policy), None)
            .delays()
            .iter()
            .map(Duration::as_secs)
            .collect();
        assert_eq!(seconds, [0, 1, 4, 6, 9, 9]);
    }

    #[test]
    fn the_effective_policy_lays_the_topic_policy_over_the_defaults() {
        let set = r#"{"http": {"defaultHealthyRetryPolicy": {"numRetries": 5}}}"#;
        let effective: Value = serde_json::from_str(&effective_delivery_policy(Some(set))).unwrap();
        let retry = &effective["http"]["defaultHealthyRetryPolicy"];
        assert_eq!(retry["numRetries"], 5);
        assert_eq!(retry["minDelayTarget"], 20);
    }
}
