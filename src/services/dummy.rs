//! A test-only service, to prove that a folder and one registration line are all a service
//! needs: it answers two operations of whichever model it is given, keeps a counter as its
//! state, and fails one operation with a typed error.

use super::registry::WeakRegistry;
use super::{Answer, Call, Output, ResetReport, Service, not_implemented};
use crate::model::ServiceModel;
use crate::protocol::WireError;
use serde_json::json;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The dummy: `name` over `model`, answering `ok` and failing `fail`.
#[derive(Debug)]
pub struct Dummy {
    /// Its admin name.
    pub name: &'static str,
    /// Its model.
    pub model: ServiceModel,
    /// The operation it answers with its input and a call count.
    pub ok: &'static str,
    /// The operation it fails with `ResourceNotFoundException`.
    pub fail: &'static str,
    /// What `ok` answers; by default its input and the call count.
    pub answer: Option<serde_json::Value>,
    calls: AtomicUsize,
    /// The other services, once registered.
    pub peers: OnceLock<WeakRegistry>,
}

impl Dummy {
    /// A dummy with no calls made.
    pub fn new(
        name: &'static str,
        model: ServiceModel,
        ok: &'static str,
        fail: &'static str,
    ) -> Self {
        Dummy {
            name,
            model,
            ok,
            fail,
            answer: None,
            calls: AtomicUsize::new(0),
            peers: OnceLock::new(),
        }
    }
}

impl Service for Dummy {
    fn name(&self) -> &'static str {
        self.name
    }

    fn model(&self) -> ServiceModel {
        self.model
    }

    fn call(&self, call: Call) -> Answer<'_> {
        Box::pin(async move {
            let calls = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            let (members, _) = call.input.into_members()?;
            match call.operation.as_str() {
                op if op == self.ok => match &self.answer {
                    Some(answer) => Output::of(answer),
                    None => Output::of(&json!({ "Echo": members, "Calls": calls })),
                },
                op if op == self.fail => Err(WireError::with_status(
                    http::StatusCode::NOT_FOUND,
                    "ResourceNotFoundException",
                    "The dummy has nothing",
                )),
                op => Err(not_implemented(self, op)),
            }
        })
    }

    fn reset(&self) -> ResetReport<'_> {
        Box::pin(async move { json!({ "calls": self.calls.swap(0, Ordering::SeqCst) }) })
    }

    fn connect(&self, peers: &WeakRegistry) {
        let _ = self.peers.set(peers.clone());
    }
}

#[cfg(test)]
mod tests;
