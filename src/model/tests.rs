use super::*;

/// Every shape reference resolves, every operation's shapes are structures.
fn check_references(model: &Model) {
    let resolve = |r: &ShapeRef| {
        assert!(
            model.shape_named(&r.shape).is_some(),
            "{} is missing",
            r.shape
        );
    };
    for shape in model.shapes.values() {
        shape.members.values().for_each(resolve);
        for r in [&shape.member, &shape.key, &shape.value]
            .into_iter()
            .flatten()
        {
            resolve(r);
        }
    }
    for op in model.operations.values() {
        for r in op.input.iter().chain(&op.output).chain(&op.errors) {
            assert_eq!(model.shape(r).kind, ShapeKind::Structure, "{}", op.name);
        }
    }
}

#[test]
fn every_bundled_model_parses_and_resolves() {
    for service in ServiceModel::ALL {
        check_references(service.get());
    }
}

#[test]
fn metadata_names_protocols_and_targets() {
    let sfn = &ServiceModel::StepFunctions.get().metadata;
    assert_eq!(sfn.protocol, Protocol::AwsJson);
    assert_eq!(sfn.target_prefix.as_deref(), Some("AWSStepFunctions"));
    assert_eq!(sfn.signing_name(), "states");
    let sqs = &ServiceModel::Sqs.get().metadata;
    assert!(sqs.aws_query_compatible.is_some());
    assert_eq!(ServiceModel::Sns.get().metadata.protocol, Protocol::Query);
    assert_eq!(
        ServiceModel::Lambda.get().metadata.protocol,
        Protocol::RestJson
    );
}

#[test]
fn members_keep_the_models_order() {
    let model = ServiceModel::StepFunctions.get();
    let input = model.shape_named("CreateStateMachineInput").unwrap();
    let names: Vec<&str> = input.members.keys().map(String::as_str).take(3).collect();
    assert_eq!(names, ["name", "definition", "roleArn"]);
}

#[test]
fn legacy_sqs_errors_carry_query_codes() {
    let model = ServiceModel::SqsQuery.get();
    let error = model
        .shape_named("QueueDoesNotExist")
        .unwrap()
        .error
        .as_ref();
    assert_eq!(
        error.and_then(|e| e.code.as_deref()),
        Some("AWS.SimpleQueueService.NonExistentQueue")
    );
}
