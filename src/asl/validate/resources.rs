//! Which Task `Resource` values AWS recognises when a machine is created: ARNs at all, the
//! optimized integrations with the patterns each supports, and AWS SDK integrations.
//!
//! Sources: the developer guide's "Integrating optimized services with Step Functions" table
//! (which patterns each service supports), each integration's page (its actions), and AWS's
//! diagnostics as users have reported them (`Value is not a valid resource ARN`, `The resource
//! provided ... is not recognized. ...`). See `docs/fidelity.md`.

use super::ctx::Ctx;
use super::sdk;
use crate::asl::definition::{IntegrationPattern, Resource, ResourceKind};

/// The patterns an optimized integration supports besides request-response.
#[derive(Clone, Copy)]
struct Patterns {
    /// `.sync` (and, for Step Functions only, `.sync:2`).
    sync: bool,
    /// `.waitForTaskToken`.
    callback: bool,
}

const RR: Patterns = Patterns {
    sync: false,
    callback: false,
};
const SYNC: Patterns = Patterns {
    sync: true,
    callback: false,
};
const CALLBACK: Patterns = Patterns {
    sync: false,
    callback: true,
};
const ALL: Patterns = Patterns {
    sync: true,
    callback: true,
};

/// An optimized integration: its prefix in `arn:aws:states:::<prefix>:<action>` and its
/// actions, each with the patterns it supports besides request-response.
struct Optimized {
    prefix: &'static str,
    actions: &'static [(&'static str, Patterns)],
}

/// Every optimized integration AWS lists, with each action its page names and the patterns
/// the page (or the overview table, where a page gives no per-action table) allows it.
/// Where the two disagree on `.waitForTaskToken` (EKS, Bedrock), the pattern is allowed: a
/// definition AWS takes must never be refused here.
const OPTIMIZED: &[Optimized] = &[
    Optimized {
        prefix: "apigateway",
        actions: &[("invoke", CALLBACK)],
    },
    Optimized {
        prefix: "athena",
        actions: &[
            ("startQueryExecution", SYNC),
            ("stopQueryExecution", RR),
            ("getQueryExecution", RR),
            ("getQueryResults", RR),
        ],
    },
    Optimized {
        prefix: "batch",
        actions: &[("submitJob", SYNC)],
    },
    Optimized {
        prefix: "bedrock",
        actions: &[
            ("invokeModel", CALLBACK),
            ("createModelCustomizationJob", ALL),
        ],
    },
    Optimized {
        prefix: "codebuild",
        actions: &[
            ("startBuild", SYNC),
            ("stopBuild", RR),
            ("batchDeleteBuilds", RR),
            ("batchGetReports", RR),
            ("startBuildBatch", SYNC),
            ("stopBuildBatch", RR),
            ("retryBuildBatch", SYNC),
            ("deleteBuildBatch", RR),
        ],
    },
    Optimized {
        prefix: "databrew",
        actions: &[("startJobRun", SYNC)],
    },
    Optimized {
        prefix: "dynamodb",
        actions: &[
            ("getItem", RR),
            ("putItem", RR),
            ("updateItem", RR),
            ("deleteItem", RR),
        ],
    },
    Optimized {
        prefix: "ecs",
        actions: &[("runTask", ALL)],
    },
    Optimized {
        prefix: "eks",
        actions: &[
            ("createCluster", ALL),
            ("deleteCluster", ALL),
            ("createFargateProfile", ALL),
            ("deleteFargateProfile", ALL),
            ("createNodegroup", ALL),
            ("deleteNodegroup", ALL),
            ("runJob", ALL),
            ("call", CALLBACK),
        ],
    },
    Optimized {
        prefix: "elasticmapreduce",
        actions: &[
            ("createCluster", SYNC),
            ("terminateCluster", SYNC),
            ("addStep", SYNC),
            ("cancelStep", RR),
            ("setClusterTerminationProtection", RR),
            ("modifyInstanceFleetByName", RR),
            ("modifyInstanceGroupByName", RR),
        ],
    },
    Optimized {
        prefix: "emr-containers",
        actions: &[
            ("createVirtualCluster", RR),
            ("deleteVirtualCluster", SYNC),
            ("startJobRun", SYNC),
        ],
    },
    Optimized {
        prefix: "emr-serverless",
        actions: &[
            ("createApplication", SYNC),
            ("startApplication", SYNC),
            ("stopApplication", SYNC),
            ("deleteApplication", SYNC),
            ("startJobRun", SYNC),
            ("cancelJobRun", SYNC),
        ],
    },
    Optimized {
        prefix: "events",
        actions: &[("putEvents", CALLBACK)],
    },
    Optimized {
        prefix: "glue",
        actions: &[("startJobRun", SYNC)],
    },
    // The HTTP Task is request-response only (a guess: the table does not list it).
    Optimized {
        prefix: "http",
        actions: &[("invoke", RR)],
    },
    Optimized {
        prefix: "lambda",
        actions: &[("invoke", CALLBACK)],
    },
    Optimized {
        prefix: "mediaconvert",
        actions: &[("createJob", SYNC)],
    },
    Optimized {
        prefix: "sagemaker",
        actions: &[
            ("createEndpoint", RR),
            ("createEndpointConfig", RR),
            ("createHyperParameterTuningJob", SYNC),
            ("createLabelingJob", SYNC),
            ("createModel", RR),
            ("createProcessingJob", SYNC),
            ("createTrainingJob", SYNC),
            ("createTransformJob", SYNC),
            ("updateEndpoint", RR),
        ],
    },
    Optimized {
        prefix: "sns",
        actions: &[("publish", CALLBACK)],
    },
    Optimized {
        prefix: "sqs",
        actions: &[("sendMessage", CALLBACK)],
    },
    Optimized {
        prefix: "states",
        actions: &[("startExecution", ALL)],
    },
];

/// AWS SDK integrations support request-response and `.waitForTaskToken`, never `.sync`.
const AWS_SDK: Patterns = CALLBACK;

/// Reports a Task resource AWS would not recognise, at `loc` (`/States/<name>/Resource`);
/// whether it was recognised.
pub(super) fn check(ctx: &mut Ctx, resource: &Resource, loc: &str) -> bool {
    if !is_arn(&resource.arn) {
        ctx.schema(loc, "Value is not a valid resource ARN");
        return false;
    }
    if !recognised(resource) {
        ctx.schema(loc, not_recognised(&resource.arn));
        return false;
    }
    true
}

/// The S3 actions a Distributed Map's `ItemReader` may call (developer guide, "ItemReader").
pub(super) const ITEM_READER: &[&str] = &["s3:getObject", "s3:listObjectsV2"];

/// The S3 action a Distributed Map's `ResultWriter` may call (developer guide, "ResultWriter").
pub(super) const RESULT_WRITER: &[&str] = &["s3:putObject"];

/// Reports a Map reader or writer `Resource` that is not `arn:<partition>:states:::<call>` for
/// one of `calls`, in the words AWS uses for Task resources (a guess for these fields).
pub(super) fn check_map_resource(ctx: &mut Ctx, arn: &str, calls: &[&str], loc: &str) {
    if !is_arn(arn) {
        ctx.schema(loc, "Value is not a valid resource ARN");
        return;
    }
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    if parts[2] != "states" || !calls.contains(&parts[5]) {
        ctx.schema(loc, not_recognised(arn));
    }
}

fn not_recognised(arn: &str) -> String {
    format!(
        "The resource provided {arn} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region."
    )
}

/// `arn:<partition>:<service>:<region>:<account>:<resource>` with the partition, service and
/// resource present (region and account may be empty, as in `arn:aws:states:::...`).
fn is_arn(text: &str) -> bool {
    let parts: Vec<&str> = text.splitn(6, ':').collect();
    matches!(parts.as_slice(), ["arn", partition, service, _, _, rest]
        if !partition.is_empty() && !service.is_empty() && !rest.is_empty())
}

/// Whether a well-formed ARN names something a Task can call.
fn recognised(resource: &Resource) -> bool {
    match &resource.kind {
        ResourceKind::Activity | ResourceKind::LambdaFunction => true,
        ResourceKind::Integration {
            service,
            action,
            pattern,
        } => integration_supported(service, action, *pattern),
        // A Task calls a Lambda function, an activity or an integration: any other ARN (an
        // SNS topic, an SQS queue, `arn:aws:states:::states:`) names nothing it can call.
        ResourceKind::Other => false,
    }
}

fn integration_supported(service: &str, action: &str, pattern: IntegrationPattern) -> bool {
    if let Some(sdk_service) = service.strip_prefix("aws-sdk:") {
        return sdk::recognised(sdk_service, action) && allows(AWS_SDK, pattern, false);
    }
    let patterns = OPTIMIZED
        .iter()
        .find(|i| i.prefix == service)
        .and_then(|i| i.actions.iter().find(|(name, _)| *name == action));
    patterns.is_some_and(|(_, patterns)| allows(*patterns, pattern, service == "states"))
}

/// Whether `patterns` include `pattern`; `.sync:2` exists only where `sync2` says so.
fn allows(patterns: Patterns, pattern: IntegrationPattern, sync2: bool) -> bool {
    match pattern {
        IntegrationPattern::RequestResponse => true,
        IntegrationPattern::Sync => patterns.sync,
        IntegrationPattern::Sync2 => patterns.sync && sync2,
        IntegrationPattern::WaitForTaskToken => patterns.callback,
    }
}
