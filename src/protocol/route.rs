//! Which service and operation a request is for, decided from its method, path and headers
//! (never the Host header, which SDKs rewrite with host prefixes such as `sync-`): the
//! `X-Amz-Target` prefix, then the rest-json services' path templates, then a form post's
//! SigV4 credential scope. Built once from the registry.

use super::query::Query;
use super::rest::{self, Matched};
use crate::model::{Protocol, ServiceModel};
use crate::services::Service;
use crate::services::registry::Registry;
use http::{HeaderMap, Method};
use std::sync::Arc;

/// The routing tables of a registry's services.
#[derive(Debug)]
pub struct Routes {
    registry: Registry,
    /// `/health`'s answer, written once: the services do not change while the server runs.
    health: String,
    rest: Vec<(Arc<dyn Service>, rest::Routes)>,
}

/// Where a request goes.
#[derive(Debug)]
pub enum Route<'a> {
    /// An awsJson service (`X-Amz-Target: <prefix>.<Operation>`).
    AwsJson {
        /// The service.
        service: &'a Arc<dyn Service>,
        /// The operation the target names (maybe not one of the model's).
        operation: &'a str,
    },
    /// A rest-json operation.
    Rest {
        /// The service.
        service: &'a Arc<dyn Service>,
        /// The operation and its path labels.
        matched: Matched<'a>,
    },
    /// A path in a rest-json service's space that is none of its operations.
    RestUnknown(&'a Arc<dyn Service>),
    /// A query-protocol form post to a service (the operation is the body's `Action`).
    Query(&'a Arc<dyn Service>),
    /// No service here: one Stepstone does not serve, or a request that names none
    /// ([`super::unserved`] says which, and answers it).
    Unserved,
}

impl Routes {
    /// The tables for `registry`'s services.
    pub fn new(registry: &Registry) -> Routes {
        let rest = registry
            .iter()
            .filter(|s| s.model().get().metadata.protocol == Protocol::RestJson)
            .map(|s| (s.clone(), rest::Routes::new(s.model().get())))
            .collect();
        Routes {
            registry: registry.clone(),
            health: registry.health(),
            rest,
        }
    }

    /// `/health`'s body: every registered service, running.
    pub fn health(&self) -> &str {
        &self.health
    }

    /// The services routed to.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Routes a request.
    pub fn route<'a>(
        &'a self,
        method: &Method,
        path: &str,
        query: &Query,
        headers: &'a HeaderMap,
    ) -> Route<'a> {
        if let Some(target) = header(headers, "x-amz-target") {
            return self.by_target(target);
        }
        for (service, routes) in &self.rest {
            if let Some(matched) = routes.find(method, path, query) {
                return Route::Rest { service, matched };
            }
            if routes.claims(path) {
                return Route::RestUnknown(service);
            }
        }
        self.by_scope(path, headers)
    }

    fn by_target<'a>(&'a self, target: &'a str) -> Route<'a> {
        let Some((prefix, operation)) = target.split_once('.') else {
            return Route::Unserved;
        };
        match self.registry.by_target(prefix) {
            Some(service) => Route::AwsJson { service, operation },
            None => Route::Unserved,
        }
    }

    /// A form post to a query-protocol service, by the service its signature names; one to
    /// a queue URL's path whose `Authorization` names no service is for SQS. (The browser
    /// guard refuses form posts with no `Authorization` at all before they are routed.)
    fn by_scope(&self, path: &str, headers: &HeaderMap) -> Route<'_> {
        let form = header(headers, "content-type")
            .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
        let queue = || is_queue_path(path).then(|| "sqs".to_owned());
        let service = (signing_service(headers).or_else(queue))
            .filter(|_| form)
            .and_then(|name| self.registry.by_signing_name(&name))
            .filter(|s| speaks_query(s.model()));
        service.map_or(Route::Unserved, Route::Query)
    }
}

/// Whether `path` is a queue URL's: `/<twelve-digit account>/<queue name>`.
fn is_queue_path(path: &str) -> bool {
    let mut parts = path.trim_start_matches('/').split('/');
    let account = parts.next().unwrap_or_default();
    let queue = parts.next().unwrap_or_default();
    let digits = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
    digits && !queue.is_empty() && parts.next().is_none()
}

/// Whether a service answers form posts: a query-protocol service, or a JSON one that still
/// serves the query protocol its older clients speak (SQS).
fn speaks_query(model: ServiceModel) -> bool {
    model.get().metadata.protocol == Protocol::Query || model.legacy_query().is_some()
}

/// The service name in a SigV4 `Authorization` header's credential scope, e.g. `states`.
pub fn signing_service(headers: &HeaderMap) -> Option<String> {
    let auth = header(headers, "authorization")?;
    let credential = auth.split("Credential=").nth(1)?;
    let scope = credential.split([',', ' ']).next()?;
    scope.split('/').nth(3).map(str::to_owned)
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

#[cfg(test)]
mod tests;
