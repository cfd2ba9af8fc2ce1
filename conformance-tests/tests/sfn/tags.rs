use aws_sdk_sfn::types::Tag;
use conformance_tests::{InProcess, ROLE, pass_definition};

fn tag(key: &str, value: &str) -> Tag {
    Tag::builder().key(key).value(value).build()
}

#[tokio::test]
async fn tag_list_untag_on_machines_and_activities() {
    let sfn = InProcess::new().sfn();
    let machine = sfn
        .create_state_machine()
        .name("m")
        .definition(pass_definition())
        .role_arn(ROLE)
        .tags(tag("team", "core"))
        .send()
        .await
        .unwrap()
        .state_machine_arn;
    let activity = sfn
        .create_activity()
        .name("a")
        .send()
        .await
        .unwrap()
        .activity_arn;
    for arn in [&machine, &activity] {
        sfn.tag_resource()
            .resource_arn(arn)
            .tags(tag("env", "dev"))
            .tags(tag("team", "edge"))
            .send()
            .await
            .unwrap();
        let tags = sfn
            .list_tags_for_resource()
            .resource_arn(arn)
            .send()
            .await
            .unwrap()
            .tags
            .unwrap_or_default();
        let pairs: Vec<(&str, &str)> = tags
            .iter()
            .map(|t| (t.key().unwrap(), t.value().unwrap()))
            .collect();
        assert!(
            pairs.contains(&("env", "dev")) && pairs.contains(&("team", "edge")),
            "{pairs:?}"
        );
        sfn.untag_resource()
            .resource_arn(arn)
            .tag_keys("team")
            .tag_keys("absent")
            .send()
            .await
            .unwrap();
        let tags = sfn
            .list_tags_for_resource()
            .resource_arn(arn)
            .send()
            .await
            .unwrap()
            .tags
            .unwrap_or_default();
        assert_eq!(tags, [tag("env", "dev")]);
    }
}

#[tokio::test]
async fn unknown_resources_and_too_many_tags() {
    let sfn = InProcess::new().sfn();
    let err = sfn
        .list_tags_for_resource()
        .resource_arn("arn:aws:states:us-east-1:123456789012:stateMachine:none")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_resource_not_found());

    let arn = sfn
        .create_activity()
        .name("a")
        .send()
        .await
        .unwrap()
        .activity_arn;
    let mut request = sfn.tag_resource().resource_arn(&arn);
    for i in 0..51 {
        request = request.tags(tag(&format!("k{i}"), "v"));
    }
    let err = request.send().await.unwrap_err();
    assert!(err.as_service_error().unwrap().is_too_many_tags());
    let tags = sfn
        .list_tags_for_resource()
        .resource_arn(&arn)
        .send()
        .await
        .unwrap()
        .tags
        .unwrap_or_default();
    assert!(tags.is_empty(), "a rejected request stores nothing");
}
