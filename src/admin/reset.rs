//! `POST /_stepstone/reset[?services=sfn,lambda]`: clears every service's state, or the named
//! services', so the next test starts clean. It answers once everything is cleared: running
//! executions stopped and function processes exited.

use super::{AdminError, json_response};
use crate::protocol::query::Query;
use crate::server::App;
use crate::services::Service;
use crate::services::registry::Registry;
use axum::extract::State;
use axum::response::Response;
use http::{StatusCode, Uri};
use serde_json::{Map, Value};
use std::sync::Arc;

/// The route's handler.
pub async fn handle(State(app): State<Arc<App>>, uri: Uri) -> Response {
    let registry = app.routes.registry();
    match services(registry, &Query::parse(uri.query())) {
        Ok(services) => {
            let report = reset(&services).await;
            tracing::info!(services = %report["reset"], "reset");
            json_response(StatusCode::OK, &report)
        }
        Err(error) => error.into_response(),
    }
}

/// The services `services=` names (comma-separated, in any order, by their own names or
/// their SigV4 signing names), in registration order, which is reset order: executions stop
/// before the functions they call. All of them when it is absent.
pub fn services(registry: &Registry, query: &Query) -> Result<Vec<Arc<dyn Service>>, AdminError> {
    let Some(list) = query.get("services") else {
        return Ok(registry.iter().cloned().collect());
    };
    let served = || {
        registry
            .iter()
            .map(|s| s.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut named = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let service = registry
            .by_admin_name(name)
            .ok_or_else(|| AdminError::UnknownService {
                name: name.to_owned(),
                served: served(),
            })?;
        named.push(service.name());
    }
    let ordered: Vec<_> = registry
        .iter()
        .filter(|s| named.contains(&s.name()))
        .cloned()
        .collect();
    match ordered.is_empty() {
        true => Err(AdminError::NoService { served: served() }),
        false => Ok(ordered),
    }
}

/// Resets `services`, in order: `{"reset": [names], "<name>": <what it cleared>, ...}`.
pub async fn reset(services: &[Arc<dyn Service>]) -> Value {
    let mut report = Map::new();
    let names: Vec<Value> = services.iter().map(|s| s.name().into()).collect();
    report.insert("reset".into(), names.into());
    for service in services {
        report.insert(service.name().into(), service.reset().await);
    }
    Value::Object(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ServiceModel;
    use crate::services::dummy::Dummy;

    fn registry() -> Registry {
        let mut registry = Registry::new();
        registry.register(Arc::new(Dummy::new(
            "sfn",
            ServiceModel::StepFunctions,
            "",
            "",
        )));
        registry.register(Arc::new(Dummy::new("lambda", ServiceModel::Lambda, "", "")));
        registry
    }

    fn parse(query: &str) -> Result<Vec<&'static str>, AdminError> {
        let services = services(&registry(), &Query::parse(Some(query)))?;
        Ok(services.iter().map(|s| s.name()).collect())
    }

    #[test]
    fn services_are_named_in_any_order_and_default_to_all() {
        assert_eq!(parse(""), Ok(vec!["sfn", "lambda"]));
        assert_eq!(parse("services=lambda,sfn"), Ok(vec!["sfn", "lambda"]));
        assert_eq!(parse("services=states"), Ok(vec!["sfn"]));
        assert_eq!(parse("services=lambda%2C+lambda"), Ok(vec!["lambda"]));
    }

    #[test]
    fn unknown_and_missing_services_are_refused() {
        let unknown = parse("services=sfn,sqs").unwrap_err();
        assert_eq!(
            unknown.to_wire().message,
            "Unknown service 'sqs' in services=: Stepstone serves sfn, lambda"
        );
        let served = "sfn, lambda".to_owned();
        assert_eq!(parse("services="), Err(AdminError::NoService { served }));
    }
}
