//! The documents SNS delivers: the JSON envelope of a notification or subscription
//! confirmation (SQS, http/s, email-json), and the event record Lambda functions get.
//!
//! Signatures are placeholders: nothing here holds AWS's signing key, and SigningCertURL
//! names a certificate in AWS's form that Stepstone does not serve.

use super::messages::Message;
use super::outbox::{Confirming, Target};
use serde_json::{Map, Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// `2026-01-01T00:00:00.000Z`, as SNS writes times.
pub fn timestamp(at: OffsetDateTime) -> String {
    let format = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    at.format(&format)
        .or_else(|_| at.format(&Rfc3339))
        .unwrap_or_default()
}

/// A stand-in signature: base64 of the message id, of a plausible length.
fn signature(message_id: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(message_id.repeat(7))
}

fn region(topic_arn: &str) -> &str {
    topic_arn.split(':').nth(3).unwrap_or("us-east-1")
}

fn signing_cert_url(topic_arn: &str) -> String {
    format!(
        "https://sns.{}.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem",
        region(topic_arn)
    )
}

/// Where a GET unsubscribes `target` (served by Stepstone's admin routes).
pub fn unsubscribe_url(target: &Target) -> String {
    format!(
        "{}/_stepstone/sns/unsubscribe?Action=Unsubscribe&SubscriptionArn={}",
        target.base_url,
        encode(&target.arn)
    )
}

/// Where a GET confirms a subscription with `token` (served by Stepstone's admin routes).
pub fn subscribe_url(target: &Target, token: &str) -> String {
    format!(
        "{}/_stepstone/sns/confirm?Action=ConfirmSubscription&TopicArn={}&Token={token}",
        target.base_url,
        encode(&target.topic_arn)
    )
}

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// A notification's envelope, in AWS's key order. FIFO topics' envelopes carry the sequence
/// number and, as AWS sends them, no signature (as LocalStack's AWS-validated snapshots show).
pub fn notification(message: &Message, target: &Target) -> Map<String, Value> {
    let mut envelope = Map::new();
    let mut put = |key: &str, value: Value| envelope.insert(key.to_owned(), value);
    put("Type", json!("Notification"));
    put("MessageId", json!(message.id));
    if let Some(sequence) = &message.sequence {
        put("SequenceNumber", json!(sequence));
    }
    put("TopicArn", json!(target.topic_arn));
    if let Some(subject) = &message.subject {
        put("Subject", json!(subject));
    }
    put("Message", json!(message.text_for(target.protocol)));
    put("Timestamp", json!(timestamp(message.timestamp)));
    if message.sequence.is_none() {
        put("SignatureVersion", json!(target.signature_version));
        put("Signature", json!(signature(&message.id)));
        put("SigningCertURL", json!(signing_cert_url(&target.topic_arn)));
    }
    put("UnsubscribeURL", json!(unsubscribe_url(target)));
    if !message.attributes.is_empty() {
        put(
            "MessageAttributes",
            Value::Object(message.envelope_attributes()),
        );
    }
    envelope
}

/// A subscription or unsubscription confirmation's envelope; its SubscribeURL confirms the
/// subscription (or, unsubscribed, would restore it).
pub fn confirmation(
    kind: Confirming,
    target: &Target,
    token: &str,
    message_id: &str,
    at: OffsetDateTime,
) -> Map<String, Value> {
    let text = match kind {
        Confirming::Subscription => format!(
            "You have chosen to subscribe to the topic {}.\nTo confirm the subscription, visit the SubscribeURL included in this message.",
            target.topic_arn
        ),
        Confirming::Unsubscription => format!(
            "You have chosen to deactivate subscription {}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.",
            target.arn
        ),
    };
    let entries = [
        ("Type", json!(kind.message_type())),
        ("MessageId", json!(message_id)),
        ("Token", json!(token)),
        ("TopicArn", json!(target.topic_arn)),
        ("Message", json!(text)),
        ("SubscribeURL", json!(subscribe_url(target, token))),
        ("Timestamp", json!(timestamp(at))),
        ("SignatureVersion", json!(target.signature_version)),
        ("Signature", json!(signature(message_id))),
        ("SigningCertURL", json!(signing_cert_url(&target.topic_arn))),
    ];
    entries
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
}

/// The event a Lambda subscriber is invoked with: one record, whose `Sns` spells the URL
/// keys `SigningCertUrl` / `UnsubscribeUrl` and always has `Subject` and
/// `MessageAttributes`, as AWS sends them.
pub fn lambda_event(message: &Message, target: &Target) -> Value {
    let sns = json!({
        "Type": "Notification",
        "MessageId": message.id,
        "TopicArn": target.topic_arn,
        "Subject": message.subject,
        "Message": message.text_for(target.protocol),
        "Timestamp": timestamp(message.timestamp),
        "SignatureVersion": target.signature_version,
        "Signature": signature(&message.id),
        "SigningCertUrl": signing_cert_url(&target.topic_arn),
        "UnsubscribeUrl": unsubscribe_url(target),
        "MessageAttributes": message.envelope_attributes(),
    });
    json!({"Records": [{
        "EventSource": "aws:sns",
        "EventVersion": "1.0",
        "EventSubscriptionArn": target.arn,
        "Sns": sns,
    }]})
}
