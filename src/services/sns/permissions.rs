//! AddPermission and RemovePermission: statements of a topic's access policy (its `Policy`
//! attribute), kept as AWS writes them and not enforced (Stepstone checks no credentials).

use super::Sns;
use super::error::{NO_TOPIC, SnsError, SnsResult};
use super::policies::default_policy;
use super::topics::checked_arn;
use super::types::{AddPermissionInput, RemovePermissionInput};
use serde_json::{Value, json};

/// The actions a statement AddPermission writes may allow.
const ACTIONS: &[&str] = &[
    "GetTopicAttributes",
    "SetTopicAttributes",
    "AddPermission",
    "RemovePermission",
    "DeleteTopic",
    "Subscribe",
    "ListSubscriptionsByTopic",
    "Publish",
    "Receive",
];

/// One value, or a list of several: how AWS writes a statement's principals and actions.
fn one_or_many(mut values: Vec<String>) -> Value {
    match values.len() {
        1 => Value::String(values.remove(0)),
        _ => json!(values),
    }
}

/// The statement AddPermission adds: the accounts (as root principals) may use the actions.
fn statement(input: &AddPermissionInput, arn: &str) -> Value {
    let principals = input.aws_account_id.iter().map(|account| match account {
        a if a.starts_with("arn:") => a.clone(),
        a => format!("arn:aws:iam::{a}:root"),
    });
    let actions = input.action_name.iter().map(|a| format!("SNS:{a}"));
    json!({
        "Sid": input.label,
        "Effect": "Allow",
        "Principal": {"AWS": one_or_many(principals.collect())},
        "Action": one_or_many(actions.collect()),
        "Resource": arn,
    })
}

impl Sns {
    /// AddPermission: a statement labelled `Label`. The refusals' words are unrecorded
    /// (those other emulators use).
    pub(super) fn add_permission(&self, input: AddPermissionInput) -> SnsResult<()> {
        let arn = checked_arn(&input.topic_arn, "TopicArn", &self.region)?;
        if !input
            .action_name
            .iter()
            .all(|a| ACTIONS.contains(&a.as_str()))
        {
            return Err(SnsError::invalid(
                "Policy statement action out of service scope!",
            ));
        }
        let statement = statement(&input, arn);
        self.edit_policy(arn, |policy| {
            if statements(policy).any(|s| s["Sid"] == input.label.as_str()) {
                return Err(SnsError::invalid("Statement already exists"));
            }
            match policy["Statement"].as_array_mut() {
                Some(list) => list.push(statement),
                None => policy["Statement"] = json!([statement]),
            }
            Ok(())
        })
    }

    /// RemovePermission: drops the statement labelled `Label` (an unknown label is no error,
    /// a guess: AWS's answer is unrecorded).
    pub(super) fn remove_permission(&self, input: RemovePermissionInput) -> SnsResult<()> {
        let arn = checked_arn(&input.topic_arn, "TopicArn", &self.region)?;
        self.edit_policy(arn, |policy| {
            if let Some(list) = policy["Statement"].as_array_mut() {
                list.retain(|s| s["Sid"] != input.label.as_str());
            }
            Ok(())
        })
    }

    /// Changes the topic's access policy (AWS's default when none was set) by `edit`, under
    /// one lock so concurrent changes do not lose each other; a refused edit changes nothing.
    fn edit_policy(
        &self,
        arn: &str,
        edit: impl FnOnce(&mut Value) -> SnsResult<()>,
    ) -> SnsResult<()> {
        let mut state = self.state();
        let topic = state.topics.get_mut(arn).ok_or(NO_TOPIC)?;
        let text = match topic.attributes.get("Policy") {
            Some(policy) => policy.clone(),
            None => default_policy(arn, &self.account),
        };
        let mut policy = serde_json::from_str(&text).unwrap_or_else(|_| json!({"Statement": []}));
        edit(&mut policy)?;
        topic.attributes.insert("Policy".into(), policy.to_string());
        Ok(())
    }
}

fn statements(policy: &Value) -> impl Iterator<Item = &Value> {
    policy["Statement"].as_array().into_iter().flatten()
}
