//! `POST /_stepstone/reset[?services=sfn,lambda]`: clears every service's state, or the named
//! services', so the next test starts clean. It answers once everything is cleared: running
//! executions stopped and function processes exited.

use super::{AdminError, Service, json_response};
use crate::protocol::query::Query;
use crate::server::App;
use crate::services::lambda::LambdaReset;
use crate::sfn::reset::SfnReset;
use axum::extract::State;
use axum::response::Response;
use http::{StatusCode, Uri};
use serde::Serialize;
use std::sync::Arc;

/// What a reset cleared, per service.
#[derive(Debug, Default, Serialize)]
pub struct ResetReport {
    /// The services reset, in the order they were.
    pub reset: Vec<Service>,
    /// Step Functions' counts, when it was reset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sfn: Option<SfnReset>,
    /// Lambda's counts, when it was reset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda: Option<LambdaReset>,
}

/// The route's handler.
pub async fn handle(State(app): State<Arc<App>>, uri: Uri) -> Response {
    match services(&Query::parse(uri.query())) {
        Ok(services) => {
            let report = reset(&app, &services).await;
            tracing::info!(services = ?report.reset, "reset");
            json_response(StatusCode::OK, &report)
        }
        Err(error) => error.into_response(),
    }
}

/// The services `services=` names (comma-separated, in any order), in reset order; all of
/// them when it is absent.
pub fn services(query: &Query) -> Result<Vec<Service>, AdminError> {
    let Some(list) = query.get("services") else {
        return Ok(Service::ALL.to_vec());
    };
    let mut named = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let service =
            Service::parse(name).ok_or_else(|| AdminError::UnknownService(name.to_owned()))?;
        named.push(service);
    }
    let ordered: Vec<Service> = Service::ALL
        .into_iter()
        .filter(|s| named.contains(s))
        .collect();
    match ordered.is_empty() {
        true => Err(AdminError::NoService),
        false => Ok(ordered),
    }
}

/// Resets `services`, in order.
pub async fn reset(app: &App, services: &[Service]) -> ResetReport {
    let mut report = ResetReport::default();
    for service in services {
        match service {
            Service::Sfn => report.sfn = Some(app.sfn.reset().await),
            Service::Lambda => report.lambda = Some(app.lambda.reset().await),
        }
        report.reset.push(*service);
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> Result<Vec<Service>, AdminError> {
        services(&Query::parse(Some(query)))
    }

    #[test]
    fn services_are_named_in_any_order_and_default_to_all() {
        assert_eq!(parse(""), Ok(vec![Service::Sfn, Service::Lambda]));
        assert_eq!(
            parse("services=lambda,sfn"),
            Ok(vec![Service::Sfn, Service::Lambda])
        );
        assert_eq!(parse("services=states"), Ok(vec![Service::Sfn]));
        assert_eq!(
            parse("services=lambda%2C+lambda"),
            Ok(vec![Service::Lambda])
        );
    }

    #[test]
    fn unknown_and_missing_services_are_refused() {
        let unknown = parse("services=sfn,sqs").unwrap_err();
        assert_eq!(unknown, AdminError::UnknownService("sqs".into()));
        assert_eq!(
            unknown.to_wire().message,
            "Unknown service 'sqs' in services=: Stepstone serves sfn, lambda"
        );
        assert_eq!(parse("services="), Err(AdminError::NoService));
    }
}
