use aws_sdk_sfn::types::Tag;
use conformance_tests::{InProcess, error_message};

#[tokio::test]
async fn create_describe_list_delete() {
    let sfn = InProcess::new().sfn();
    let created = sfn.create_activity().name("approve").send().await.unwrap();
    assert_eq!(
        created.activity_arn(),
        "arn:aws:states:us-east-1:123456789012:activity:approve"
    );
    let again = sfn
        .create_activity()
        .name("approve")
        .tags(Tag::builder().key("k").value("v").build())
        .send()
        .await
        .unwrap();
    assert_eq!(
        (again.activity_arn(), again.creation_date()),
        (created.activity_arn(), created.creation_date())
    );

    let described = sfn
        .describe_activity()
        .activity_arn(created.activity_arn())
        .send()
        .await
        .unwrap();
    assert_eq!(described.name(), "approve");
    assert_eq!(described.creation_date(), created.creation_date());

    sfn.create_activity().name("audit").send().await.unwrap();
    let listed = sfn.list_activities().max_results(1).send().await.unwrap();
    assert_eq!(listed.activities()[0].name(), "approve");
    let rest = sfn
        .list_activities()
        .next_token(listed.next_token().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(rest.activities()[0].name(), "audit");

    sfn.delete_activity()
        .activity_arn(created.activity_arn())
        .send()
        .await
        .unwrap();
    sfn.delete_activity()
        .activity_arn(created.activity_arn())
        .send()
        .await
        .unwrap();
    let err = sfn
        .describe_activity()
        .activity_arn(created.activity_arn())
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_activity_does_not_exist());
    assert_eq!(
        error_message(&err),
        format!("Activity Does Not Exist: '{}'", created.activity_arn())
    );
}

#[tokio::test]
async fn names_follow_aws_rules() {
    let sfn = InProcess::new().sfn();
    for name in ["activity name", "activity#name", "activity\u{7f}", "a/b"] {
        let err = sfn.create_activity().name(name).send().await.unwrap_err();
        assert!(err.as_service_error().unwrap().is_invalid_name(), "{name}");
        assert_eq!(error_message(&err), format!("Invalid Name: '{name}'"));
    }
}

#[tokio::test]
async fn get_activity_task_checks_the_activity() {
    let sfn = InProcess::new().sfn();
    let err = sfn
        .get_activity_task()
        .activity_arn("arn:aws:states:us-east-1:123456789012:activity:missing")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_activity_does_not_exist());
    let err = sfn
        .get_activity_task()
        .activity_arn("arn:aws:states:us-east-1:123456789012:stateMachine:m")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_invalid_arn());
}

#[tokio::test(start_paused = true)]
async fn an_idle_poll_ends_after_sixty_seconds_without_a_task() {
    let sfn = InProcess::new().sfn();
    let arn = sfn
        .create_activity()
        .name("idle")
        .send()
        .await
        .unwrap()
        .activity_arn;
    let task = sfn
        .get_activity_task()
        .activity_arn(arn)
        .worker_name("w")
        .send()
        .await
        .unwrap();
    assert!(task.task_token().is_none());
    assert!(task.input().is_none());
}
