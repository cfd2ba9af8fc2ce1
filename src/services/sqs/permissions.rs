//! AddPermission and RemovePermission: statements of the queue's `Policy` attribute, which
//! GetQueueAttributes then shows. Policies are kept, never enforced (Stepstone checks no
//! credentials).

use super::error::{SqsError, SqsResult};
use super::types::AddPermissionRequest;
use super::{Sqs, queue_name};
use serde_json::{Map, Value, json};

/// The most actions one statement may grant.
const MAX_ACTIONS: usize = 7;

/// Actions a queue's owner may share with other accounts.
const SHAREABLE: [&str; 9] = [
    "*",
    "SendMessage",
    "ReceiveMessage",
    "DeleteMessage",
    "ChangeMessageVisibility",
    "GetQueueAttributes",
    "GetQueueUrl",
    "ListDeadLetterSourceQueues",
    "PurgeQueue",
];

/// Actions only a queue's owner may call.
const OWNER_ONLY: [&str; 8] = [
    "CreateQueue",
    "DeleteQueue",
    "SetQueueAttributes",
    "AddPermission",
    "RemovePermission",
    "ListQueues",
    "TagQueue",
    "UntagQueue",
];

impl Sqs {
    /// AddPermission: a statement named `Label` allowing the accounts the actions.
    pub fn add_permission(&self, grant: AddPermissionRequest) -> SqsResult<()> {
        check_label(&grant.label)?;
        check_actions(&grant.actions)?;
        let name = queue_name(&grant.queue_url, &self.account)?;
        let mut state = self.state();
        let queue = state.queue_mut(name)?;
        let mut policy = queue
            .attributes
            .get("Policy")
            .and_then(|text| policy_of(text))
            .unwrap_or_else(|| empty_policy(&queue.arn));
        let mut statements = take_statements(&mut policy);
        if statements.iter().any(|s| s["Sid"] == grant.label.as_str()) {
            return Err(invalid_label(&grant.label, "Already exists."));
        }
        statements.push(statement(&grant, &queue.arn));
        policy.insert("Statement".into(), statements.into());
        queue
            .attributes
            .insert("Policy".into(), Value::Object(policy).to_string());
        Ok(())
    }

    /// RemovePermission: drops the statement named `label` (and the policy, once empty).
    pub fn remove_permission(&self, url: &str, label: &str) -> SqsResult<()> {
        let name = queue_name(url, &self.account)?;
        let mut state = self.state();
        let queue = state.queue_mut(name)?;
        let policy = queue.attributes.get("Policy");
        let mut policy = policy
            .and_then(|text| policy_of(text))
            .ok_or_else(|| invalid_label(label, "can't find label."))?;
        let mut statements = take_statements(&mut policy);
        let before = statements.len();
        statements.retain(|s| s["Sid"] != label);
        if statements.len() == before {
            return Err(invalid_label(label, "can't find label."));
        }
        // AWS is silent on what an emptied policy becomes; none is what a new queue has.
        if statements.is_empty() {
            queue.attributes.remove("Policy");
        } else {
            policy.insert("Statement".into(), statements.into());
            let text = Value::Object(policy).to_string();
            queue.attributes.insert("Policy".into(), text);
        }
        Ok(())
    }
}

/// A queue's `Policy` attribute as a JSON object, if it is one.
fn policy_of(text: &str) -> Option<Map<String, Value>> {
    match serde_json::from_str(text) {
        Ok(Value::Object(policy)) => Some(policy),
        _ => None,
    }
}

/// The policy a queue's first AddPermission starts from.
fn empty_policy(arn: &str) -> Map<String, Value> {
    let mut policy = Map::new();
    policy.insert("Version".into(), "2012-10-17".into());
    policy.insert("Id".into(), format!("{arn}/SQSDefaultPolicy").into());
    policy
}

/// The policy's statements, taken out to be changed and put back.
fn take_statements(policy: &mut Map<String, Value>) -> Vec<Value> {
    match policy.remove("Statement") {
        Some(Value::Array(statements)) => statements,
        Some(one @ Value::Object(_)) => vec![one],
        _ => Vec::new(),
    }
}

/// The statement AWS writes for a grant: one principal or action as itself, several as a
/// list.
fn statement(grant: &AddPermissionRequest, arn: &str) -> Value {
    let principals: Vec<String> = (grant.aws_account_ids.iter())
        .map(|account| format!("arn:aws:iam::{account}:root"))
        .collect();
    let actions: Vec<String> = grant.actions.iter().map(|a| format!("SQS:{a}")).collect();
    json!({
        "Sid": grant.label,
        "Effect": "Allow",
        "Principal": { "AWS": one_or_many(principals) },
        "Action": one_or_many(actions),
        "Resource": arn,
    })
}

fn one_or_many(mut items: Vec<String>) -> Value {
    match items.len() {
        1 => Value::String(items.remove(0)),
        _ => items.into(),
    }
}

fn check_label(label: &str) -> SqsResult<()> {
    let valid = (1..=80).contains(&label.len())
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    match valid {
        true => Ok(()),
        false => Err(invalid_label(
            label,
            "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.",
        )),
    }
}

fn check_actions(actions: &[String]) -> SqsResult<()> {
    if actions.len() > MAX_ACTIONS {
        // AWS's OverLimit wording here is a guess.
        return Err(SqsError::OverLimit(format!(
            "{} Actions were found, maximum allowed is {MAX_ACTIONS}.",
            actions.len()
        )));
    }
    let refused = |action: &String, reason: &str| {
        SqsError::InvalidParameterValue(format!(
            "Value SQS:{action} for parameter ActionName is invalid. Reason: {reason}"
        ))
    };
    for action in actions {
        if OWNER_ONLY.contains(&action.as_str()) {
            return Err(refused(
                action,
                "Only the queue owner is allowed to invoke this action.",
            ));
        }
        if !SHAREABLE.contains(&action.as_str()) {
            return Err(refused(
                action,
                "Please refer to the appropriate WSDL for a list of valid actions.",
            ));
        }
    }
    Ok(())
}

fn invalid_label(label: &str, reason: &str) -> SqsError {
    SqsError::InvalidParameterValue(format!(
        "Value {label} for parameter Label is invalid. Reason: {reason}"
    ))
}
