//! The real server on a real socket, through the SDK's own HTTP client.

use conformance_tests::{ROLE, Server, pass_definition};

#[tokio::test]
async fn the_sdk_works_over_a_socket() {
    let server = Server::start().await;
    let sfn = server.sfn();
    let created = sfn
        .create_state_machine()
        .name("net")
        .definition(pass_definition())
        .role_arn(ROLE)
        .send()
        .await
        .unwrap();
    let listed = sfn.list_state_machines().send().await.unwrap();
    assert_eq!(
        listed.state_machines()[0].state_machine_arn(),
        created.state_machine_arn()
    );
    let err = sfn
        .describe_activity()
        .activity_arn("arn:aws:states:us-east-1:123456789012:activity:x")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_activity_does_not_exist());
}
