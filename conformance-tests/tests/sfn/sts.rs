//! STS through aws-sdk-sts (the query protocol): who the caller is, and assumed roles.

use conformance_tests::{ACCOUNT, InProcess, ROLE};

#[tokio::test]
async fn the_sdk_reads_the_callers_identity_and_assumed_role_credentials() {
    let sts = InProcess::new().sts();
    let identity = sts.get_caller_identity().send().await.unwrap();
    assert_eq!(identity.account(), Some(ACCOUNT));
    assert_eq!(identity.arn(), Some("arn:aws:iam::123456789012:root"));
    let assumed = sts
        .assume_role()
        .role_arn(ROLE)
        .role_session_name("tests")
        .send()
        .await
        .unwrap();
    let credentials = assumed.credentials().unwrap();
    assert!(credentials.access_key_id().starts_with("ASIA"));
    assert!(!credentials.session_token().is_empty());
    let user = assumed.assumed_role_user().unwrap();
    assert_eq!(
        user.arn(),
        "arn:aws:sts::123456789012:assumed-role/stepstone-test/tests"
    );
}
