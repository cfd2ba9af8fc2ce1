//! The services a server hosts, found by the names requests and tasks use for them.

use super::{Input, Output, Service, call_checked};
use crate::model::Model;
use crate::protocol::WireError;
use std::sync::{Arc, Weak};

/// The registered services, in registration order.
#[derive(Debug, Default, Clone)]
pub struct Registry {
    services: Vec<Arc<dyn Service>>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `service`: the one line that wires it into routing, `/health`, resets and
    /// `aws-sdk:*` tasks.
    pub fn register(&mut self, service: Arc<dyn Service>) {
        self.services.push(service);
    }

    /// Every service, in registration order.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<dyn Service>> {
        self.services.iter()
    }

    /// The service Stepstone's admin endpoints call `name` (`sfn`, `lambda`).
    pub fn named(&self, name: &str) -> Option<&Arc<dyn Service>> {
        self.services.iter().find(|s| s.name() == name)
    }

    /// The service the admin endpoints' `services=` names: by its own name, its signing name
    /// (`states`) or one of its aliases (`stepfunctions`).
    pub fn by_admin_name(&self, name: &str) -> Option<&Arc<dyn Service>> {
        self.services.iter().find(|s| {
            s.name() == name
                || s.model().get().metadata.signing_name() == name
                || s.aliases().contains(&name)
        })
    }

    /// The awsJson service whose `X-Amz-Target` prefix is `prefix` (`AWSStepFunctions`).
    pub fn by_target(&self, prefix: &str) -> Option<&Arc<dyn Service>> {
        self.find(|m| m.metadata.target_prefix.as_deref() == Some(prefix))
    }

    /// The service SigV4 signs as `name` (`states`, `sns`).
    pub fn by_signing_name(&self, name: &str) -> Option<&Arc<dyn Service>> {
        self.find(|m| m.metadata.signing_name() == name)
    }

    /// The service `aws-sdk:<name>:*` task resources address: the SDKs' lower-case service id
    /// (`sfn`, `lambda`, `sqs`), or its signing name.
    pub fn by_sdk_name(&self, name: &str) -> Option<&Arc<dyn Service>> {
        self.services.iter().find(|s| is_sdk_name(s.as_ref(), name))
    }

    /// A view that does not keep the services alive: for what a service itself holds (the
    /// integrations the engine calls), which would otherwise keep its owner alive for ever.
    pub fn downgrade(&self) -> WeakRegistry {
        WeakRegistry {
            services: self.services.iter().map(Arc::downgrade).collect(),
        }
    }

    fn find(&self, matches: impl Fn(&Model) -> bool) -> Option<&Arc<dyn Service>> {
        self.services.iter().find(|s| matches(s.model().get()))
    }

    /// Hands every service the others (see [`Service::connect`]).
    pub fn connect_all(&self) {
        let peers = self.downgrade();
        for service in &self.services {
            service.connect(&peers);
        }
    }

    /// `/health`'s body: every service, running.
    pub fn health(&self) -> String {
        let services: serde_json::Map<String, serde_json::Value> = self
            .services
            .iter()
            .map(|s| (health_name(s.as_ref()).to_owned(), "running".into()))
            .collect();
        serde_json::json!({ "status": "ok", "services": services }).to_string()
    }
}

/// Whether `aws-sdk:<name>:*` addresses `service`: by the SDKs' service id, in any case, or
/// its signing name.
fn is_sdk_name(service: &dyn Service, name: &str) -> bool {
    let metadata = &service.model().get().metadata;
    metadata.service_id.eq_ignore_ascii_case(name) || metadata.signing_name() == name
}

/// The name `/health` lists a service under: its signing name (`states`, `lambda`).
fn health_name(service: &dyn Service) -> &'static str {
    service.model().get().metadata.signing_name()
}

/// The registered services, not kept alive by this view.
#[derive(Debug, Default, Clone)]
pub struct WeakRegistry {
    services: Vec<Weak<dyn Service>>,
}

impl WeakRegistry {
    /// The live service named `name` (`sqs`, `lambda`; see [`Registry::named`]).
    pub fn named(&self, name: &str) -> Option<Arc<dyn Service>> {
        self.services
            .iter()
            .filter_map(Weak::upgrade)
            .find(|s| s.name() == name)
    }

    /// Calls `operation` of the service named `service` with `input`, checked against its
    /// model as a request on the wire would be: how one service uses another in process.
    pub async fn call(
        &self,
        service: &str,
        operation: &str,
        input: Input,
    ) -> Result<Output, WireError> {
        let Some(peer) = self.named(service) else {
            return Err(WireError::with_status(
                http::StatusCode::SERVICE_UNAVAILABLE,
                "ServiceUnavailable",
                format!("the {service} service is not running"),
            ));
        };
        let model = peer.model().get();
        let Some(operation) = model.operation(operation) else {
            return Err(WireError::with_status(
                http::StatusCode::SERVICE_UNAVAILABLE,
                "ServiceUnavailable",
                format!("the {service} model has no {operation} operation"),
            ));
        };
        call_checked(peer.as_ref(), operation, input).await
    }

    /// The live service `aws-sdk:<name>:*` addresses (see [`Registry::by_sdk_name`]).
    pub fn by_sdk_name(&self, name: &str) -> Option<Arc<dyn Service>> {
        self.services
            .iter()
            .filter_map(Weak::upgrade)
            .find(|s| is_sdk_name(s.as_ref(), name))
    }
}
