use aws_sdk_sfn::types::RoutingConfigurationListItem;
use conformance_tests::{InProcess, ROLE, error_code, error_message, pass_definition};

const V2: &str = r#"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":2,"End":true}}}"#;

async fn machine(sfn: &aws_sdk_sfn::Client) -> String {
    sfn.create_state_machine()
        .name("m")
        .definition(pass_definition())
        .role_arn(ROLE)
        .send()
        .await
        .unwrap()
        .state_machine_arn
}

fn route(version_arn: &str, weight: i32) -> RoutingConfigurationListItem {
    RoutingConfigurationListItem::builder()
        .state_machine_version_arn(version_arn)
        .weight(weight)
        .build()
        .unwrap()
}

#[tokio::test]
async fn publish_on_create_and_update() {
    let sfn = InProcess::new().sfn();
    let created = sfn
        .create_state_machine()
        .name("m")
        .definition(pass_definition())
        .role_arn(ROLE)
        .publish(true)
        .version_description("first")
        .send()
        .await
        .unwrap();
    let arn = created.state_machine_arn();
    assert_eq!(
        created.state_machine_version_arn(),
        Some(format!("{arn}:1").as_str())
    );

    let updated = sfn
        .update_state_machine()
        .state_machine_arn(arn)
        .definition(V2)
        .publish(true)
        .send()
        .await
        .unwrap();
    assert_eq!(
        updated.state_machine_version_arn(),
        Some(format!("{arn}:2").as_str())
    );

    let v1 = sfn
        .describe_state_machine()
        .state_machine_arn(format!("{arn}:1"))
        .send()
        .await
        .unwrap();
    assert_eq!(v1.state_machine_arn(), format!("{arn}:1"));
    assert_eq!(
        v1.definition(),
        pass_definition(),
        "versions are immutable snapshots"
    );
    assert_eq!(v1.description(), Some("first"));
    let v2 = sfn
        .describe_state_machine()
        .state_machine_arn(format!("{arn}:2"))
        .send()
        .await
        .unwrap();
    assert_eq!(v2.definition(), V2);
}

#[tokio::test]
async fn versions_are_numbered_never_reused_and_listed_newest_first() {
    let sfn = InProcess::new().sfn();
    let arn = machine(&sfn).await;
    let v1 = sfn
        .publish_state_machine_version()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(v1.state_machine_version_arn(), format!("{arn}:1"));
    let again = sfn
        .publish_state_machine_version()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(
        again.state_machine_version_arn(),
        v1.state_machine_version_arn(),
        "unchanged revision: same version"
    );

    sfn.update_state_machine()
        .state_machine_arn(&arn)
        .definition(V2)
        .send()
        .await
        .unwrap();
    let v2 = sfn
        .publish_state_machine_version()
        .state_machine_arn(&arn)
        .description("two")
        .send()
        .await
        .unwrap();
    assert_eq!(v2.state_machine_version_arn(), format!("{arn}:2"));

    let listed = sfn
        .list_state_machine_versions()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    let arns: Vec<&str> = listed
        .state_machine_versions()
        .iter()
        .map(|v| v.state_machine_version_arn())
        .collect();
    assert_eq!(arns, [format!("{arn}:2"), format!("{arn}:1")]);

    sfn.delete_state_machine_version()
        .state_machine_version_arn(format!("{arn}:2"))
        .send()
        .await
        .unwrap();
    sfn.delete_state_machine_version()
        .state_machine_version_arn(format!("{arn}:2"))
        .send()
        .await
        .unwrap();
    sfn.update_state_machine()
        .state_machine_arn(&arn)
        .definition(pass_definition())
        .send()
        .await
        .unwrap();
    let v3 = sfn
        .publish_state_machine_version()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(v3.state_machine_version_arn(), format!("{arn}:3"));

    let err = sfn
        .describe_state_machine()
        .state_machine_arn(format!("{arn}:2"))
        .send()
        .await
        .unwrap_err();
    assert!(
        err.as_service_error()
            .unwrap()
            .is_state_machine_does_not_exist()
    );
}

#[tokio::test]
async fn publish_checks_the_expected_revision() {
    let sfn = InProcess::new().sfn();
    let arn = machine(&sfn).await;
    sfn.publish_state_machine_version()
        .state_machine_arn(&arn)
        .revision_id("INITIAL")
        .send()
        .await
        .unwrap();
    let revision = sfn
        .update_state_machine()
        .state_machine_arn(&arn)
        .definition(V2)
        .send()
        .await
        .unwrap()
        .revision_id
        .unwrap();
    let err = sfn
        .publish_state_machine_version()
        .state_machine_arn(&arn)
        .revision_id("INITIAL")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_conflict_exception());
    assert_eq!(
        error_message(&err),
        format!(
            "Failed to publish the State Machine version for revision INITIAL. The current State Machine revision is {revision}."
        )
    );
    sfn.publish_state_machine_version()
        .state_machine_arn(&arn)
        .revision_id(&revision)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn aliases_route_to_versions() {
    let sfn = InProcess::new().sfn();
    let arn = machine(&sfn).await;
    let v1 = sfn
        .publish_state_machine_version()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap()
        .state_machine_version_arn;
    sfn.update_state_machine()
        .state_machine_arn(&arn)
        .definition(V2)
        .send()
        .await
        .unwrap();
    let v2 = sfn
        .publish_state_machine_version()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap()
        .state_machine_version_arn;

    let alias = sfn
        .create_state_machine_alias()
        .name("prod")
        .description("production")
        .routing_configuration(route(&v1, 90))
        .routing_configuration(route(&v2, 10))
        .send()
        .await
        .unwrap();
    assert_eq!(alias.state_machine_alias_arn(), format!("{arn}:prod"));

    let described = sfn
        .describe_state_machine_alias()
        .state_machine_alias_arn(alias.state_machine_alias_arn())
        .send()
        .await
        .unwrap();
    assert_eq!(described.name(), Some("prod"));
    assert_eq!(described.description(), Some("production"));
    assert_eq!(
        described.routing_configuration(),
        [route(&v1, 90), route(&v2, 10)]
    );
    assert_eq!(described.creation_date(), described.update_date());

    sfn.update_state_machine_alias()
        .state_machine_alias_arn(alias.state_machine_alias_arn())
        .routing_configuration(route(&v2, 100))
        .send()
        .await
        .unwrap();
    let described = sfn
        .describe_state_machine_alias()
        .state_machine_alias_arn(alias.state_machine_alias_arn())
        .send()
        .await
        .unwrap();
    assert_eq!(described.routing_configuration(), [route(&v2, 100)]);
    assert_eq!(described.description(), Some("production"));

    let by_machine = sfn
        .list_state_machine_aliases()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(by_machine.state_machine_aliases().len(), 1);
    let by_v1 = sfn
        .list_state_machine_aliases()
        .state_machine_arn(&v1)
        .send()
        .await
        .unwrap();
    assert!(
        by_v1.state_machine_aliases().is_empty(),
        "the alias no longer routes to v1"
    );

    let err = sfn
        .delete_state_machine_version()
        .state_machine_version_arn(&v2)
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_conflict_exception());

    sfn.delete_state_machine_alias()
        .state_machine_alias_arn(alias.state_machine_alias_arn())
        .send()
        .await
        .unwrap();
    let err = sfn
        .describe_state_machine_alias()
        .state_machine_alias_arn(alias.state_machine_alias_arn())
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_resource_not_found());
    sfn.delete_state_machine_version()
        .state_machine_version_arn(&v2)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn alias_rules() {
    let sfn = InProcess::new().sfn();
    let arn = machine(&sfn).await;
    let v1 = sfn
        .publish_state_machine_version()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap()
        .state_machine_version_arn;

    let err = sfn
        .create_state_machine_alias()
        .name("123")
        .routing_configuration(route(&v1, 100))
        .send()
        .await
        .unwrap_err();
    // An alias name cannot look like a version; AWS reports the model's pattern (recorded).
    assert_eq!(error_code(&err), "ValidationException");

    let err = sfn
        .create_state_machine_alias()
        .name("a")
        .routing_configuration(route(&v1, 50))
        .send()
        .await
        .unwrap_err();
    assert_eq!(error_code(&err), "ValidationException");

    let err = sfn
        .create_state_machine_alias()
        .name("a")
        .routing_configuration(route(&format!("{arn}:9"), 100))
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_resource_not_found());

    sfn.create_state_machine_alias()
        .name("a")
        .routing_configuration(route(&v1, 100))
        .send()
        .await
        .unwrap();
    sfn.create_state_machine_alias()
        .name("a")
        .routing_configuration(route(&v1, 100))
        .send()
        .await
        .unwrap();
    let err = sfn
        .create_state_machine_alias()
        .name("a")
        .description("new")
        .routing_configuration(route(&v1, 100))
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_conflict_exception());
}

#[tokio::test]
async fn deleting_a_machine_deletes_its_versions_and_aliases() {
    let sfn = InProcess::new().sfn();
    let arn = machine(&sfn).await;
    let v1 = sfn
        .publish_state_machine_version()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap()
        .state_machine_version_arn;
    let alias = sfn
        .create_state_machine_alias()
        .name("a")
        .routing_configuration(route(&v1, 100))
        .send()
        .await
        .unwrap();
    sfn.delete_state_machine()
        .state_machine_arn(&arn)
        .send()
        .await
        .unwrap();
    assert!(
        sfn.describe_state_machine()
            .state_machine_arn(&v1)
            .send()
            .await
            .is_err()
    );
    assert!(
        sfn.describe_state_machine_alias()
            .state_machine_alias_arn(alias.state_machine_alias_arn())
            .send()
            .await
            .is_err()
    );
}
