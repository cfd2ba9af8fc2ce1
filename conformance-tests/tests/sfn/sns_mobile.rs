//! SNS's mobile push and SMS settings through aws-sdk-sns: the SDK parses every answer and
//! raises the typed errors; what a device would receive is read from
//! `GET /_stepstone/sns/deliveries`.

use aws_sdk_sns::Client;
use conformance_tests::InProcess;
use serde_json::Value;

/// The kept deliveries of `protocol`, once there are `count` of them.
async fn kept(server: &InProcess, protocol: &str, count: usize) -> Vec<Value> {
    for _ in 0..10_000 {
        let uri = format!("/_stepstone/sns/deliveries?protocol={protocol}");
        let request = http::Request::get(uri).body(String::new()).unwrap();
        let (_, _, body) = server.raw(request).await;
        let list = body["deliveries"].as_array().cloned().unwrap_or_default();
        if list.len() >= count {
            return list;
        }
        tokio::task::yield_now().await;
    }
    panic!("fewer than {count} {protocol} deliveries");
}

async fn gcm_application(sns: &Client, name: &str) -> String {
    sns.create_platform_application()
        .name(name)
        .platform("GCM")
        .attributes("PlatformCredential", "server-key")
        .send()
        .await
        .unwrap()
        .platform_application_arn()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn an_app_and_its_endpoint_receive_a_push_the_test_reads() {
    let server = InProcess::new();
    let sns = server.sns();
    let app = gcm_application(&sns, "shop").await;
    assert_eq!(app, "arn:aws:sns:us-east-1:123456789012:app/GCM/shop");
    let shown = sns
        .get_platform_application_attributes()
        .platform_application_arn(&app)
        .send()
        .await
        .unwrap();
    let shown = shown.attributes().unwrap();
    assert_eq!(shown.get("Enabled").map(String::as_str), Some("true"));
    assert!(!shown.contains_key("PlatformCredential"), "{shown:?}");

    let endpoint = sns
        .create_platform_endpoint()
        .platform_application_arn(&app)
        .token("device-token")
        .custom_user_data("alice")
        .send()
        .await
        .unwrap()
        .endpoint_arn()
        .unwrap()
        .to_owned();
    let listed = sns
        .list_endpoints_by_platform_application()
        .platform_application_arn(&app)
        .send()
        .await
        .unwrap();
    let listed = &listed.endpoints()[0];
    assert_eq!(listed.endpoint_arn(), Some(endpoint.as_str()));
    let attributes = listed.attributes().unwrap();
    assert_eq!(attributes["CustomUserData"], "alice");
    assert_eq!(attributes["Token"], "device-token");

    let payload = r#"{"default":"plain","GCM":"{\"fcmV1Message\":{}}"}"#;
    let published = sns
        .publish()
        .target_arn(&endpoint)
        .message_structure("json")
        .message(payload)
        .send()
        .await
        .unwrap();
    let push = &kept(&server, "application", 1).await[0];
    assert_eq!(push["Endpoint"], endpoint.as_str());
    assert_eq!(push["Message"], r#"{"fcmV1Message":{}}"#);
    assert_eq!(push["MessageId"], published.message_id().unwrap());

    sns.set_endpoint_attributes()
        .endpoint_arn(&endpoint)
        .attributes("Enabled", "false")
        .send()
        .await
        .unwrap();
    let disabled = sns
        .publish()
        .target_arn(&endpoint)
        .message("x")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(disabled.is_endpoint_disabled_exception(), "{disabled:?}");

    sns.delete_platform_application()
        .platform_application_arn(&app)
        .send()
        .await
        .unwrap();
    let gone = sns
        .get_endpoint_attributes()
        .endpoint_arn(&endpoint)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(gone.is_not_found_exception(), "{gone:?}");
}

#[tokio::test]
async fn an_endpoint_created_twice_differently_is_refused() {
    let sns = InProcess::new().sns();
    let app = gcm_application(&sns, "shop").await;
    let create = |data: &'static str| {
        sns.create_platform_endpoint()
            .platform_application_arn(&app)
            .token("t")
            .custom_user_data(data)
            .send()
    };
    let first = create("a").await.unwrap();
    let again = create("a").await.unwrap();
    assert_eq!(first.endpoint_arn(), again.endpoint_arn());
    let clash = create("b").await.unwrap_err().into_service_error();
    assert!(clash.is_invalid_parameter_exception(), "{clash:?}");
    assert!(
        clash
            .meta()
            .message()
            .unwrap()
            .contains("already exists with the same Token, but different attributes."),
        "{clash:?}"
    );
}

#[tokio::test]
async fn sms_attributes_and_sandbox_numbers_round_trip() {
    let server = InProcess::new();
    let sns = server.sns();
    sns.set_sms_attributes()
        .attributes("DefaultSMSType", "Transactional")
        .send()
        .await
        .unwrap();
    let read = sns
        .get_sms_attributes()
        .attributes("DefaultSMSType")
        .send()
        .await
        .unwrap();
    let read = read.attributes().unwrap();
    assert_eq!(read["DefaultSMSType"], "Transactional");
    assert_eq!(read.len(), 1, "{read:?}");
    let bad = sns
        .set_sms_attributes()
        .attributes("DefaultSMSType", "Loud")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(bad.is_invalid_parameter_exception(), "{bad:?}");
    let opted_out = sns
        .check_if_phone_number_is_opted_out()
        .phone_number("+15555550100")
        .send()
        .await
        .unwrap();
    assert!(!opted_out.is_opted_out());

    let status = sns.get_sms_sandbox_account_status().send().await.unwrap();
    assert!(!status.is_in_sandbox());
    sns.create_sms_sandbox_phone_number()
        .phone_number("+15555550123")
        .send()
        .await
        .unwrap();
    let text = &kept(&server, "sms", 1).await[0];
    let password: String = text["Message"]
        .as_str()
        .unwrap()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    sns.verify_sms_sandbox_phone_number()
        .phone_number("+15555550123")
        .one_time_password(password)
        .send()
        .await
        .unwrap();
    let numbers = sns.list_sms_sandbox_phone_numbers().send().await.unwrap();
    let number = &numbers.phone_numbers()[0];
    assert_eq!(number.phone_number(), Some("+15555550123"));
    assert_eq!(
        number.status(),
        Some(&aws_sdk_sns::types::SmsSandboxPhoneNumberVerificationStatus::Verified)
    );
}
