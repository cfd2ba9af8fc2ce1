//! STS through the router: form posts signed for `sts`, answered in XML.

use crate::config::Config;
use crate::server::{App, router};
use axum::body::Body;
use tower::ServiceExt;

async fn post(config: &Config, form: &'static str) -> (u16, String) {
    let app = router(std::sync::Arc::new(App::new(config)));
    let request = http::Request::post("/")
        .header(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0",
        )
        .header("content-type", "application/x-www-form-urlencoded; charset=utf-8")
        .body(Body::from(form))
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

fn config(account: &str) -> Config {
    Config {
        account_id: account.into(),
        manual_clock: true,
        ..Config::default()
    }
}

#[tokio::test]
async fn the_caller_is_the_configured_accounts_root() {
    let (status, body) = post(
        &config("111122223333"),
        "Action=GetCallerIdentity&Version=2011-06-15",
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        body.contains("<GetCallerIdentityResult><UserId>111122223333</UserId><Account>111122223333</Account><Arn>arn:aws:iam::111122223333:root</Arn></GetCallerIdentityResult>"),
        "{body}"
    );
}

#[tokio::test]
async fn assumed_roles_get_temporary_credentials_for_the_role() {
    let form = "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A444455556666%3Arole%2Fops%2Fdeployer&RoleSessionName=ci&DurationSeconds=900";
    let (status, body) = post(&config("111122223333"), form).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("<AccessKeyId>ASIA"), "{body}");
    assert!(body.contains("<SecretAccessKey>") && body.contains("<SessionToken>"));
    assert!(
        body.contains("<Arn>arn:aws:sts::444455556666:assumed-role/deployer/ci</Arn>"),
        "{body}"
    );
    assert!(body.contains(":ci</AssumedRoleId>"), "{body}");
}

#[tokio::test]
async fn assume_role_checks_its_input() {
    let form = "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A444455556666%3Auser%2Fbob&RoleSessionName=ci";
    let (status, body) = post(&Config::default(), form).await;
    assert_eq!(status, 400);
    assert!(body.contains("<Code>ValidationError</Code>"), "{body}");
    let form = "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A444455556666%3Arole%2Fr&RoleSessionName=x";
    let (status, body) = post(&Config::default(), form).await;
    assert_eq!(status, 400);
    assert!(
        body.contains("RoleSessionName") || body.contains("roleSessionName"),
        "{body}"
    );
}

#[tokio::test]
async fn other_operations_are_not_implemented() {
    let (status, body) = post(
        &Config::default(),
        "Action=GetSessionToken&Version=2011-06-15",
    )
    .await;
    assert_eq!(status, 501);
    assert!(body.contains("<Code>NotImplemented</Code>"), "{body}");
}
