//! Step Functions on the service seam: awsJson requests reach [`Sfn::call`] as the client sent
//! them; `aws-sdk:sfn` calls arrive as members and are serialised to the same document.

use super::{ERROR_NAMESPACE, Sfn};
use crate::model::ServiceModel;
use crate::services::{Answer, Call, Output, ResetReport, Service};

impl Service for Sfn {
    fn name(&self) -> &'static str {
        "sfn"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &["stepfunctions"]
    }

    fn model(&self) -> ServiceModel {
        ServiceModel::StepFunctions
    }

    fn call(&self, call: Call) -> Answer<'_> {
        Box::pin(async move {
            let body = call.input.into_json();
            Sfn::call(self, &call.operation, &body)
                .await
                .map(Output::Json)
        })
    }

    fn reset(&self) -> ResetReport<'_> {
        Box::pin(async move { serde_json::to_value(Sfn::reset(self).await).unwrap_or_default() })
    }

    fn validates_itself(&self) -> bool {
        true
    }

    fn error_namespace(&self) -> &'static str {
        ERROR_NAMESPACE
    }
}
