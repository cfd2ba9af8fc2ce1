//! Delivery: one worker per SNS takes jobs in publishing order (so FIFO topics reach FIFO
//! queues in order) and delivers each through the service seam or, for http/s, on a task of
//! its own that retries on the clock. What cannot leave the machine (email, SMS, mobile
//! push, Firehose) is kept, bounded, for tests to read.

use super::envelope;
use super::filter::FilterPolicy;
use super::http;
use super::messages::Message;
use super::policies::RetryPolicy;
use super::subscriptions::Protocol;
use super::tls::Tls;
use crate::clock::Clock;
use crate::protocol::WireError;
use crate::services::Input;
use crate::services::registry::WeakRegistry;
use bytes::Bytes;
use rustls::pki_types::CertificateDer;
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use time::OffsetDateTime;
use tokio::sync::mpsc;

/// How many kept deliveries the log holds; older ones are forgotten.
const KEPT: usize = 10_000;

/// What a delivery to one subscription needs, taken when the message was published.
#[derive(Debug, Clone)]
pub(super) struct Target {
    pub arn: String,
    pub topic_arn: String,
    pub protocol: Protocol,
    pub endpoint: String,
    pub raw: bool,
    pub filter: Option<Arc<FilterPolicy>>,
    /// The SQS queue ARN of the subscription's redrive policy.
    pub dead_letter: Option<String>,
    pub retry: RetryPolicy,
    pub base_url: String,
    /// The topic's `SignatureVersion` (1 unless set), which envelopes name.
    pub signature_version: String,
}

impl Target {
    /// The key of this subscription's message in a JSON structure: the protocol, or for a
    /// mobile endpoint its platform (`endpoint/GCM/app/id` -> `GCM`), as AWS picks it.
    pub fn message_key(&self) -> &str {
        let platform = match self.protocol {
            Protocol::Application => self.endpoint.split(':').nth(5),
            _ => None,
        };
        platform
            .and_then(|resource| resource.split('/').nth(1))
            .unwrap_or(self.protocol.as_str())
    }
}

/// One delivery to make.
#[derive(Debug)]
pub(super) enum Job {
    /// A published message, to one subscription.
    Notification(Target, Arc<Message>),
    /// A subscription (or unsubscription) confirmation, to the endpoint concerned.
    Confirmation {
        kind: Confirming,
        target: Target,
        token: String,
        at: OffsetDateTime,
    },
    /// A message published straight to a phone number.
    Sms {
        number: String,
        message: Arc<Message>,
    },
    /// A message published straight to a platform endpoint: `key` is its platform, which
    /// names its message in a JSON structure.
    Push {
        endpoint: String,
        key: &'static str,
        message: Arc<Message>,
    },
    /// A text SNS itself sends to a phone number (a sandbox number's one-time password).
    Text { number: String, text: String },
}

/// What a confirmation message confirms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Confirming {
    /// A new subscription, which the endpoint must confirm (`SubscriptionConfirmation`).
    Subscription,
    /// An ended one (`UnsubscribeConfirmation`, sent to http/s endpoints only).
    Unsubscription,
}

impl Confirming {
    /// The message's `Type` and `x-amz-sns-message-type`.
    pub fn message_type(self) -> &'static str {
        match self {
            Confirming::Subscription => "SubscriptionConfirmation",
            Confirming::Unsubscription => "UnsubscribeConfirmation",
        }
    }
}

impl Job {
    /// A `kind` confirmation of `target`'s subscription with `token`, sent at `at`.
    pub fn confirmation(kind: Confirming, target: Target, token: &str, at: OffsetDateTime) -> Job {
        Job::Confirmation {
            kind,
            target,
            token: token.to_owned(),
            at,
        }
    }
}

/// A delivery Stepstone kept instead of sending (`GET /_stepstone/sns/deliveries`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Stored {
    /// `Notification` or `SubscriptionConfirmation`.
    pub r#type: String,
    /// The topic (absent for a message published to a phone number or endpoint).
    pub topic_arn: Option<String>,
    /// The subscription (absent for a message published to a phone number or endpoint).
    pub subscription_arn: Option<String>,
    /// `email`, `email-json`, `sms`, `application` or `firehose`.
    pub protocol: String,
    /// The address, number or ARN delivered to.
    pub endpoint: String,
    /// The message's id.
    pub message_id: String,
    /// The subject, if the message had one.
    pub subject: Option<String>,
    /// What the endpoint would receive: the text, or the JSON envelope (email-json, and
    /// Firehose without raw delivery).
    pub message: String,
    /// The message's attributes, as the envelope writes them.
    pub message_attributes: Map<String, Value>,
    /// When it was published.
    pub timestamp: String,
}

/// The deliveries of one SNS.
#[derive(Debug)]
pub(super) struct Outbox {
    shared: Arc<Shared>,
    sender: Mutex<Option<mpsc::UnboundedSender<(u64, Job)>>>,
}

/// What the worker and the http tasks share with the service.
#[derive(Debug)]
pub(super) struct Shared {
    peers: RwLock<WeakRegistry>,
    kept: Mutex<VecDeque<Stored>>,
    /// Bumped by a reset: jobs and retries of an older epoch are dropped.
    epoch: AtomicU64,
    pub clock: Clock,
    /// The roots https deliveries trust.
    pub tls: Tls,
}

impl Outbox {
    /// An outbox that delivers nowhere until [`Outbox::connect`].
    pub fn new(clock: Clock) -> Self {
        let shared = Shared {
            peers: RwLock::default(),
            kept: Mutex::default(),
            epoch: AtomicU64::new(0),
            clock,
            tls: Tls::default(),
        };
        Outbox {
            shared: Arc::new(shared),
            sender: Mutex::default(),
        }
    }

    /// Makes `peers` the services deliveries reach.
    pub fn connect(&self, peers: &WeakRegistry) {
        *self.shared.peers.write().unwrap_or_else(|p| p.into_inner()) = peers.clone();
    }

    /// Makes https deliveries trust `roots` besides the system's certificates.
    pub fn trust(&self, roots: Vec<CertificateDer<'static>>) {
        self.shared.tls.add_roots(roots);
    }

    /// Queues `job` behind every earlier one, starting the worker on first use.
    pub fn send(&self, job: Job) {
        let mut sender = self.sender.lock().unwrap_or_else(|p| p.into_inner());
        let epoch = self.shared.epoch.load(Ordering::SeqCst);
        if let Some(open) = sender.as_ref().filter(|s| !s.is_closed()) {
            let _ = open.send((epoch, job));
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            tracing::warn!(target: "sns", "no runtime to deliver on: a delivery is dropped");
            return;
        };
        let (open, jobs) = mpsc::unbounded_channel();
        let _ = open.send((epoch, job));
        runtime.spawn(work(self.shared.clone(), jobs));
        *sender = Some(open);
    }

    /// Drops queued jobs and retries, and the kept deliveries; answers how many were kept.
    pub fn reset(&self) -> usize {
        self.shared.epoch.fetch_add(1, Ordering::SeqCst);
        let mut kept = self.shared.kept.lock().unwrap_or_else(|p| p.into_inner());
        let count = kept.len();
        kept.clear();
        count
    }

    /// The kept deliveries of `topic` and `protocol` (when given), oldest first.
    pub fn stored(&self, topic: Option<&str>, protocol: Option<&str>) -> Vec<Stored> {
        let kept = self.shared.kept.lock().unwrap_or_else(|p| p.into_inner());
        kept.iter()
            .filter(|d| topic.is_none_or(|t| d.topic_arn.as_deref() == Some(t)))
            .filter(|d| protocol.is_none_or(|p| d.protocol == p))
            .cloned()
            .collect()
    }
}

/// The worker: delivers jobs one at a time until the SNS is dropped.
async fn work(shared: Arc<Shared>, mut jobs: mpsc::UnboundedReceiver<(u64, Job)>) {
    while let Some((epoch, job)) = jobs.recv().await {
        if shared.current(epoch) {
            shared.deliver(job).await;
        }
    }
}

impl Shared {
    /// Whether no reset happened since `epoch`.
    pub fn current(&self, epoch: u64) -> bool {
        self.epoch.load(Ordering::SeqCst) == epoch
    }

    async fn deliver(self: &Arc<Self>, job: Job) {
        match job {
            Job::Notification(target, message) => self.notify(target, message).await,
            Job::Confirmation {
                kind,
                target,
                token,
                at,
            } => self.confirm(kind, target, &token, at),
            Job::Sms { number, message } => {
                let text = message.text_for(Protocol::Sms).to_owned();
                self.keep(direct(Protocol::Sms, number, &message, text));
            }
            Job::Push {
                endpoint,
                key,
                message,
            } => {
                let text = message.text_for_key(key).to_owned();
                self.keep(direct(Protocol::Application, endpoint, &message, text));
            }
            Job::Text { number, text } => self.keep(Stored {
                r#type: "Notification".into(),
                topic_arn: None,
                subscription_arn: None,
                protocol: Protocol::Sms.as_str().into(),
                endpoint: number,
                message_id: uuid::Uuid::new_v4().to_string(),
                subject: None,
                message: text,
                message_attributes: Map::new(),
                timestamp: envelope::timestamp(self.clock.now()),
            }),
        }
    }

    /// One message to one subscription, if its filter policy lets it through.
    async fn notify(self: &Arc<Self>, target: Target, message: Arc<Message>) {
        let body = message.text_for_key(target.message_key());
        if let Some(filter) = &target.filter
            && !filter.matches(&message.attribute_members(), body)
        {
            return;
        }
        let result = match target.protocol {
            Protocol::Sqs => self.to_sqs(&target, &target.endpoint, &message).await,
            Protocol::Lambda => self.to_lambda(&target, &message).await,
            Protocol::Http | Protocol::Https => {
                let epoch = self.epoch.load(Ordering::SeqCst);
                let post = http::Post::notification(&target, &message);
                tokio::spawn(http::deliver(
                    self.clone(),
                    epoch,
                    target.retry.clone(),
                    post,
                ));
                Ok(())
            }
            _ => {
                self.keep(kept_notification(&target, &message));
                Ok(())
            }
        };
        if let Err(error) = result {
            self.failed(&target, &message, &error).await;
        }
    }

    /// A delivery that failed: to the subscription's dead-letter queue, if it has one.
    async fn failed(&self, target: &Target, message: &Message, error: &WireError) {
        tracing::warn!(
            target: "sns",
            subscription = %target.arn,
            "delivery to {} failed: {} ({})", target.endpoint, error.message, error.code
        );
        if let Some(queue) = &target.dead_letter {
            let dead = Target {
                raw: false,
                ..target.clone()
            };
            if let Err(error) = self.to_sqs(&dead, queue, message).await {
                tracing::warn!(target: "sns", "dead-letter queue {queue}: {}", error.message);
            }
        }
    }

    /// A confirmation: POSTed to http/s endpoints, kept for email ones (AWS sends email no
    /// unsubscription confirmation).
    fn confirm(
        self: &Arc<Self>,
        kind: Confirming,
        target: Target,
        token: &str,
        at: OffsetDateTime,
    ) {
        let id = uuid::Uuid::new_v4().to_string();
        let document = envelope::confirmation(kind, &target, token, &id, at);
        match target.protocol {
            Protocol::Http | Protocol::Https => {
                let epoch = self.epoch.load(Ordering::SeqCst);
                let document = Value::Object(document).to_string();
                let post = http::Post::confirmation(kind, &target, &id, document);
                tokio::spawn(http::deliver(
                    self.clone(),
                    epoch,
                    target.retry.clone(),
                    post,
                ));
            }
            _ if kind == Confirming::Unsubscription => {}
            _ => self.keep(Stored {
                r#type: kind.message_type().into(),
                topic_arn: Some(target.topic_arn.clone()),
                subscription_arn: Some(target.arn.clone()),
                protocol: target.protocol.as_str().into(),
                endpoint: target.endpoint.clone(),
                message_id: id,
                subject: Some("AWS Notification - Subscription Confirmation".into()),
                message: Value::Object(document).to_string(),
                message_attributes: Map::new(),
                timestamp: envelope::timestamp(at),
            }),
        }
    }

    /// To the queue `queue_arn`: the envelope, or the raw message with its attributes; a FIFO
    /// queue gets the message's group and deduplication ids.
    async fn to_sqs(
        &self,
        target: &Target,
        queue_arn: &str,
        message: &Message,
    ) -> Result<(), WireError> {
        let peers = self.peers.read().unwrap_or_else(|p| p.into_inner()).clone();
        let parts: Vec<&str> = queue_arn.splitn(6, ':').collect();
        let (account, name) = (
            parts.get(4).copied(),
            parts.get(5).copied().unwrap_or_default(),
        );
        let mut lookup = json!({ "QueueName": name });
        if let Some(account) = account.filter(|a| !a.is_empty()) {
            lookup["QueueOwnerAWSAccountId"] = json!(account);
        }
        let found = peers
            .call("sqs", "GetQueueUrl", Input::members(lookup))
            .await?;
        let url = found.into_members().0["QueueUrl"].clone();
        let mut send = json!({ "QueueUrl": url });
        match target.raw {
            true => {
                send["MessageBody"] = json!(message.text_for(Protocol::Sqs));
                if !message.attributes.is_empty() {
                    send["MessageAttributes"] = Value::Object(message.attribute_members());
                }
            }
            false => {
                let document = Value::Object(envelope::notification(message, target));
                send["MessageBody"] = json!(document.to_string());
            }
        }
        if name.ends_with(".fifo") {
            send["MessageGroupId"] = json!(message.group_id);
            send["MessageDeduplicationId"] = json!(message.dedup_id);
        }
        peers
            .call("sqs", "SendMessage", Input::members(send))
            .await
            .map(drop)
    }

    /// To a Lambda function: an asynchronous invocation with the SNS event.
    async fn to_lambda(&self, target: &Target, message: &Message) -> Result<(), WireError> {
        let peers = self.peers.read().unwrap_or_else(|p| p.into_inner()).clone();
        let event = envelope::lambda_event(message, target);
        let input = Input::Members {
            members: json!({ "FunctionName": target.endpoint, "InvocationType": "Event" }),
            payload: Some(Bytes::from(event.to_string())),
        };
        peers.call("lambda", "Invoke", input).await.map(drop)
    }

    /// Keeps a delivery that cannot leave the machine, and logs it.
    fn keep(&self, stored: Stored) {
        tracing::info!(
            target: "sns",
            protocol = %stored.protocol,
            endpoint = %stored.endpoint,
            "{}: {}", stored.r#type, stored.message
        );
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if kept.len() == KEPT {
            kept.pop_front();
        }
        kept.push_back(stored);
    }
}

/// What an email, SMS, mobile or Firehose subscriber would receive.
fn kept_notification(target: &Target, message: &Message) -> Stored {
    let envelope = || Value::Object(envelope::notification(message, target)).to_string();
    let text = match target.protocol {
        Protocol::EmailJson => envelope(),
        Protocol::Firehose if !target.raw => envelope(),
        _ => message.text_for_key(target.message_key()).to_owned(),
    };
    Stored {
        r#type: "Notification".into(),
        topic_arn: Some(target.topic_arn.clone()),
        subscription_arn: Some(target.arn.clone()),
        protocol: target.protocol.as_str().into(),
        endpoint: target.endpoint.clone(),
        message_id: message.id.clone(),
        subject: message.subject.clone(),
        message: text,
        message_attributes: message.envelope_attributes(),
        timestamp: envelope::timestamp(message.timestamp),
    }
}

/// What a phone number or platform endpoint published to directly (no topic) would
/// receive: `text`.
fn direct(protocol: Protocol, endpoint: String, message: &Message, text: String) -> Stored {
    Stored {
        r#type: "Notification".into(),
        topic_arn: None,
        subscription_arn: None,
        protocol: protocol.as_str().into(),
        endpoint,
        message_id: message.id.clone(),
        subject: message.subject.clone(),
        message: text,
        message_attributes: message.envelope_attributes(),
        timestamp: envelope::timestamp(message.timestamp),
    }
}
