//! The account's SMS settings, the SMS sandbox and data protection policies through the
//! router.

use super::{Fixture, tag};
use serde_json::Value;

#[tokio::test]
async fn sms_attributes_round_trip_and_are_checked() {
    let sns = Fixture::new();
    let defaults = sns.ok("GetSMSAttributes", &[]).await;
    assert!(
        defaults.contains("<key>MonthlySpendLimit</key><value>1</value>"),
        "{defaults}"
    );
    sns.ok(
        "SetSMSAttributes",
        &[
            ("attributes.entry.1.key", "DefaultSMSType"),
            ("attributes.entry.1.value", "Transactional"),
            ("attributes.entry.2.key", "DefaultSenderID"),
            ("attributes.entry.2.value", "Stepstone"),
        ],
    )
    .await;
    let named = sns
        .ok(
            "GetSMSAttributes",
            &[("attributes.member.1", "DefaultSMSType")],
        )
        .await;
    assert!(
        named.contains("<key>DefaultSMSType</key><value>Transactional</value>"),
        "{named}"
    );
    assert!(!named.contains("DefaultSenderID"), "{named}");
    let bad = sns
        .error(
            "SetSMSAttributes",
            &[
                ("attributes.entry.1.key", "DefaultSMSType"),
                ("attributes.entry.1.value", "Loud"),
                ("attributes.entry.2.key", "MonthlySpendLimit"),
                ("attributes.entry.2.value", "5"),
            ],
        )
        .await;
    assert_eq!(bad.1, "InvalidParameter");
    let unchanged = sns.ok("GetSMSAttributes", &[]).await;
    assert!(
        unchanged.contains("<key>MonthlySpendLimit</key><value>1</value>"),
        "a refused request changed nothing: {unchanged}"
    );
}

#[tokio::test]
async fn no_number_is_opted_out_and_numbers_are_checked() {
    let sns = Fixture::new();
    let checked = sns
        .ok(
            "CheckIfPhoneNumberIsOptedOut",
            &[("phoneNumber", "+15555550100")],
        )
        .await;
    assert_eq!(tag(&checked, "isOptedOut"), "false");
    let listed = sns.ok("ListPhoneNumbersOptedOut", &[]).await;
    assert!(!listed.contains("<member>"), "{listed}");
    sns.ok("OptInPhoneNumber", &[("phoneNumber", "+15555550100")])
        .await;
    let bad = sns
        .error("OptInPhoneNumber", &[("phoneNumber", "call me")])
        .await;
    assert_eq!(
        bad.2,
        "Invalid parameter: PhoneNumber Reason: input incorrectly formatted"
    );
}

#[tokio::test]
async fn sandbox_numbers_verify_with_the_password_texted_to_them() {
    let sns = Fixture::new();
    let status = sns.ok("GetSMSSandboxAccountStatus", &[]).await;
    assert_eq!(tag(&status, "IsInSandbox"), "false");
    let number = "+15555550123";
    sns.ok("CreateSMSSandboxPhoneNumber", &[("PhoneNumber", number)])
        .await;
    let listed = sns.ok("ListSMSSandboxPhoneNumbers", &[]).await;
    assert_eq!(tag(&listed, "Status"), "Pending");
    let text = &sns.kept("protocol=sms", 1).await[0];
    assert_eq!(text["Endpoint"], number);
    let message = text["Message"].as_str().unwrap();
    let password: String = message.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(password.len(), 6, "{message}");

    let wrong = if password == "000000" {
        "111111"
    } else {
        "000000"
    };
    let refused = sns
        .error(
            "VerifySMSSandboxPhoneNumber",
            &[("PhoneNumber", number), ("OneTimePassword", wrong)],
        )
        .await;
    assert_eq!(refused.1, "VerificationException");
    sns.ok(
        "VerifySMSSandboxPhoneNumber",
        &[("PhoneNumber", number), ("OneTimePassword", &password)],
    )
    .await;
    let listed = sns.ok("ListSMSSandboxPhoneNumbers", &[]).await;
    assert_eq!(tag(&listed, "Status"), "Verified");
    sns.ok("DeleteSMSSandboxPhoneNumber", &[("PhoneNumber", number)])
        .await;
    let gone = sns
        .error("DeleteSMSSandboxPhoneNumber", &[("PhoneNumber", number)])
        .await;
    assert_eq!((gone.0, gone.1.as_str()), (404, "ResourceNotFound"));
    let origination = sns.ok("ListOriginationNumbers", &[]).await;
    assert!(!origination.contains("<member>"), "{origination}");
}

#[tokio::test]
async fn data_protection_policies_are_kept_per_topic() {
    let sns = Fixture::new();
    let topic = sns.topic("private", &[]).await;
    let none = sns
        .ok("GetDataProtectionPolicy", &[("ResourceArn", &topic)])
        .await;
    assert!(!none.contains("<DataProtectionPolicy>"), "{none}");
    let policy = r#"{"Name":"p","Version":"2021-06-01","Statement":[]}"#;
    sns.ok(
        "PutDataProtectionPolicy",
        &[("ResourceArn", &topic), ("DataProtectionPolicy", policy)],
    )
    .await;
    let read = sns
        .ok("GetDataProtectionPolicy", &[("ResourceArn", &topic)])
        .await;
    let read: Value = serde_json::from_str(&tag(&read, "DataProtectionPolicy")).unwrap();
    assert_eq!(read["Name"], "p");
    let bad = sns
        .error(
            "PutDataProtectionPolicy",
            &[("ResourceArn", &topic), ("DataProtectionPolicy", "{")],
        )
        .await;
    assert_eq!(bad.1, "InvalidParameter");
    let missing = format!("{topic}-gone");
    let gone = sns
        .error("GetDataProtectionPolicy", &[("ResourceArn", &missing)])
        .await;
    assert_eq!(gone.1, "NotFound");
}
