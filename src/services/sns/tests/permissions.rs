//! AddPermission and RemovePermission through the router: statements of the topic's `Policy`.

use super::{Fixture, tag};
use serde_json::{Value, json};

impl Fixture {
    async fn policy(&self, topic: &str) -> Value {
        let attributes = self.ok("GetTopicAttributes", &[("TopicArn", topic)]).await;
        let start = attributes.find("<key>Policy</key>").unwrap();
        serde_json::from_str(&tag(&attributes[start..], "value")).unwrap()
    }
}

#[tokio::test]
async fn permissions_are_statements_of_the_topic_policy() {
    let sns = Fixture::new();
    let topic = sns.topic("shared", &[]).await;
    let grant = [
        ("TopicArn", topic.as_str()),
        ("Label", "partners"),
        ("AWSAccountId.member.1", "111122223333"),
        ("ActionName.member.1", "Publish"),
        ("ActionName.member.2", "Subscribe"),
    ];
    sns.ok("AddPermission", &grant).await;
    let policy = sns.policy(&topic).await;
    let statements = policy["Statement"].as_array().unwrap();
    assert_eq!(statements.len(), 2, "the default statement and the new one");
    assert_eq!(statements[1]["Sid"], "partners");
    assert_eq!(
        statements[1]["Principal"]["AWS"],
        "arn:aws:iam::111122223333:root"
    );
    assert_eq!(
        statements[1]["Action"],
        json!(["SNS:Publish", "SNS:Subscribe"])
    );
    assert_eq!(statements[1]["Resource"], topic.as_str());

    let (_, code, message) = sns.error("AddPermission", &grant).await;
    assert_eq!(code, "InvalidParameter");
    assert_eq!(message, "Invalid parameter: Statement already exists");
    let mut unknown = grant;
    unknown[1] = ("Label", "other");
    unknown[3] = ("ActionName.member.1", "Launch");
    let (_, code, _) = sns.error("AddPermission", &unknown).await;
    assert_eq!(code, "InvalidParameter");
    assert_eq!(
        sns.policy(&topic).await,
        policy,
        "a refused grant changes nothing"
    );

    let revoke = [("TopicArn", topic.as_str()), ("Label", "partners")];
    sns.ok("RemovePermission", &revoke).await;
    let left = sns.policy(&topic).await;
    assert_eq!(left["Statement"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn permissions_need_an_existing_topic() {
    let sns = Fixture::new();
    let missing = "arn:aws:sns:us-east-1:123456789012:none";
    let grant = [
        ("TopicArn", missing),
        ("Label", "l"),
        ("AWSAccountId.member.1", "111122223333"),
        ("ActionName.member.1", "Publish"),
    ];
    let (status, code, _) = sns.error("AddPermission", &grant).await;
    assert_eq!((status, code.as_str()), (404, "NotFound"));
}
