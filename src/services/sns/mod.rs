//! SNS: topics, subscriptions and in-process delivery, on the query protocol (form posts in,
//! XML out).
//!
//! Topics and subscriptions sit behind one mutex, never held across an await. Publish checks
//! the message, takes what the topic's confirmed subscriptions need and hands it to the
//! [`outbox`], whose one worker delivers in publishing order: to SQS and Lambda through their
//! operations on the service seam (never their types), to http/https endpoints by POST with
//! AWS's retries on the server's clock, and to email, SMS and mobile endpoints into a bounded
//! log tests read at `GET /_stepstone/sns/deliveries`. Publish answers before any delivery.
//!
//! Mobile push ([`applications`], [`endpoints`]) and the account's SMS settings and sandbox
//! ([`sms`]) are kept as AWS keeps them; their messages go to the same log.

mod applications;
mod endpoints;
mod envelope;
mod error;
pub mod filter;
mod http;
mod messages;
mod outbox;
mod permissions;
mod policies;
mod publish;
mod service;
mod sms;
mod subscriptions;
mod tls;
mod topics;
pub mod types;

#[cfg(test)]
mod tests;

pub use error::{SnsError, SnsResult};
pub use outbox::Stored;

use crate::clock::Clock;
use applications::Application;
use endpoints::Endpoint;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use subscriptions::Subscription;
use topics::Topic;

/// Where the URLs SNS writes (SubscribeURL, UnsubscribeURL) point when no address is known.
pub const DEFAULT_ENDPOINT: &str = "http://localhost:8083";

/// The SNS fake.
#[derive(Debug)]
pub struct Sns {
    state: Mutex<State>,
    clock: Clock,
    region: String,
    account: String,
    /// The scheme, host and port of the server (`http://localhost:8083`).
    endpoint: RwLock<String>,
    outbox: Arc<outbox::Outbox>,
}

/// Every topic, subscription, platform application and endpoint, by ARN, the tokens that
/// confirm subscriptions, and the account's SMS settings.
#[derive(Debug, Default)]
struct State {
    topics: BTreeMap<String, Topic>,
    subscriptions: BTreeMap<String, Subscription>,
    /// Confirmation token -> subscription ARN.
    tokens: BTreeMap<String, String>,
    applications: BTreeMap<String, Application>,
    endpoints: BTreeMap<String, Endpoint>,
    sms: sms::Sms,
}

impl Sns {
    /// An SNS without topics, minting ARNs in `region` and `account`, timing by `clock`.
    pub fn new(region: String, account: String, clock: Clock) -> Self {
        Sns {
            state: Mutex::default(),
            outbox: Arc::new(outbox::Outbox::new(clock.clone())),
            clock,
            region,
            account,
            endpoint: RwLock::new(DEFAULT_ENDPOINT.to_owned()),
        }
    }

    /// Makes https deliveries trust the certificates of the PEM file at `path` besides the
    /// system's (`--sns-extra-ca`); answers why the file cannot be read.
    pub fn trust_roots_from(&self, path: &std::path::Path) -> Result<(), String> {
        self.outbox.trust(tls::read_roots(path)?);
        Ok(())
    }

    /// Makes the URLs SNS writes point at `endpoint` (the server's address).
    pub fn set_endpoint(&self, endpoint: String) {
        *self.endpoint.write().unwrap_or_else(|p| p.into_inner()) = endpoint;
    }

    /// The deliveries kept for protocols that cannot leave the machine (email, email-json,
    /// sms, application, firehose), oldest first, of `topic` and `protocol` when given.
    pub fn deliveries(&self, topic: Option<&str>, protocol: Option<&str>) -> Vec<Stored> {
        self.outbox.stored(topic, protocol)
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The base of URLs back to this server: the host the request addressed, or the
    /// server's own address for calls made in process.
    fn base_url(&self, host: Option<&str>) -> String {
        match host {
            Some(host) => format!("http://{host}"),
            None => {
                let endpoint = self.endpoint.read().unwrap_or_else(|p| p.into_inner());
                endpoint.trim_end_matches('/').to_owned()
            }
        }
    }

    /// The ARN of the topic called `name`.
    fn topic_arn(&self, name: &str) -> String {
        format!("arn:aws:sns:{}:{}:{name}", self.region, self.account)
    }
}
