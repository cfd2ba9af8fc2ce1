use super::*;
use crate::model::ServiceModel::{self, Sns, SqsQuery, Sts};
use serde_json::json;

/// Decodes a form body (`a=1&b=2`, no percent-encoding needed here) as `operation`'s input.
fn decode(service: ServiceModel, operation: &str, form: &str) -> Result<Value, DecodeError> {
    let model = service.get();
    let input = model.operation(operation).unwrap().input.as_ref().unwrap();
    let params: Vec<(String, String)> = form
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    decode_form(model, input, &params)
}

#[test]
fn sns_create_topic_with_attributes_and_tags() {
    let form = "Action=CreateTopic&Version=2010-03-31&Name=orders\
        &Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=Orders\
        &Attributes.entry.2.key=FifoTopic&Attributes.entry.2.value=false\
        &Tags.member.1.Key=team&Tags.member.1.Value=a&Tags.member.2.Key=env&Tags.member.2.Value=dev";
    assert_eq!(
        decode(Sns, "CreateTopic", form).unwrap(),
        json!({
            "Name": "orders",
            "Attributes": {"DisplayName": "Orders", "FifoTopic": "false"},
            "Tags": [{"Key": "team", "Value": "a"}, {"Key": "env", "Value": "dev"}]
        })
    );
}

#[test]
fn sns_publish_message_attributes_and_booleans() {
    let form = "Action=Publish&TopicArn=arn&Message=hi\
        &MessageAttributes.entry.1.Name=colour&MessageAttributes.entry.1.Value.DataType=String\
        &MessageAttributes.entry.1.Value.StringValue=blue";
    assert_eq!(
        decode(Sns, "Publish", form).unwrap(),
        json!({
            "TopicArn": "arn", "Message": "hi",
            "MessageAttributes": {"colour": {"DataType": "String", "StringValue": "blue"}}
        })
    );
    let form = "TopicArn=arn&Protocol=sqs&ReturnSubscriptionArn=true";
    let request = decode(Sns, "Subscribe", form).unwrap();
    assert_eq!(request["ReturnSubscriptionArn"], json!(true));
}

#[test]
fn sts_assume_role_numbers_and_lists() {
    let form = "Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::1:role/r\
        &RoleSessionName=s&DurationSeconds=900&PolicyArns.member.1.arn=arn:p\
        &TransitiveTagKeys.member.1=team";
    assert_eq!(
        decode(Sts, "AssumeRole", form).unwrap(),
        json!({
            "RoleArn": "arn:aws:iam::1:role/r", "RoleSessionName": "s",
            "PolicyArns": [{"arn": "arn:p"}], "DurationSeconds": 900,
            "TransitiveTagKeys": ["team"]
        })
    );
    assert_eq!(
        decode(Sts, "GetCallerIdentity", "Action=GetCallerIdentity").unwrap(),
        json!({})
    );
}

#[test]
fn legacy_sqs_send_message_batch_flattened() {
    let entry = "SendMessageBatchRequestEntry";
    let form = format!(
        "QueueUrl=http://q&{entry}.1.Id=a&{entry}.1.MessageBody=one&{entry}.1.DelaySeconds=5\
        &{entry}.1.MessageAttribute.1.Name=n&{entry}.1.MessageAttribute.1.Value.DataType=String\
        &{entry}.1.MessageAttribute.1.Value.StringValue=s\
        &{entry}.2.Id=b&{entry}.2.MessageBody=two"
    );
    assert_eq!(
        decode(SqsQuery, "SendMessageBatch", &form).unwrap(),
        json!({
            "QueueUrl": "http://q",
            "Entries": [
                {"Id": "a", "MessageBody": "one", "DelaySeconds": 5,
                 "MessageAttributes": {"n": {"StringValue": "s", "DataType": "String"}}},
                {"Id": "b", "MessageBody": "two"}
            ]
        })
    );
    let bad = decode(
        SqsQuery,
        "SendMessageBatch",
        &format!("{entry}.1.DelaySeconds=soon"),
    );
    assert_eq!(
        bad.unwrap_err(),
        DecodeError {
            parameter: format!("{entry}.1.DelaySeconds"),
            value: "soon".into(),
            expected: "integer"
        }
    );
}

#[test]
fn legacy_sqs_lists_and_maps_in_every_spelling() {
    let expected = json!({"QueueUrl": "u", "AttributeNames": ["All", "Policy"]});
    for form in [
        "QueueUrl=u&AttributeName.1=All&AttributeName.2=Policy",
        "QueueUrl=u&AttributeNames.member.1=All&AttributeNames.member.2=Policy",
        "QueueUrl=u&AttributeNames.2=Policy&AttributeNames.1=All",
    ] {
        assert_eq!(
            decode(SqsQuery, "GetQueueAttributes", form).unwrap(),
            expected,
            "{form}"
        );
    }
    let form = "QueueName=q&Attribute.1.Name=DelaySeconds&Attribute.1.Value=5\
        &Tag.1.Key=team&Tag.1.Value=a";
    assert_eq!(
        decode(SqsQuery, "CreateQueue", form).unwrap(),
        json!({"QueueName": "q", "Attributes": {"DelaySeconds": "5"}, "tags": {"team": "a"}})
    );
}

#[test]
fn elements_follow_their_numbers_and_empty_lists_are_kept() {
    let form: String = (1..=11)
        .rev()
        .map(|i| format!("Tags.member.{i}.Key=k{i}&Tags.member.{i}.Value=v&"))
        .collect();
    let request = decode(Sns, "TagResource", &form).unwrap();
    let keys: Vec<&str> = request["Tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["Key"].as_str().unwrap())
        .collect();
    assert_eq!(keys.first(), Some(&"k1"));
    assert_eq!(keys.last(), Some(&"k11"));
    let request = decode(Sts, "AssumeRole", "RoleArn=r&PolicyArns=").unwrap();
    assert_eq!(request, json!({"RoleArn": "r", "PolicyArns": []}));
}

#[test]
fn unparsable_scalars_name_their_parameter() {
    for (form, parameter, expected) in [
        (
            "RoleArn=r&DurationSeconds=1e3",
            "DurationSeconds",
            "integer",
        ),
        (
            "RoleArn=r&DurationSeconds=99999999999",
            "DurationSeconds",
            "integer",
        ),
        (
            "TopicArn=t&Protocol=p&ReturnSubscriptionArn=yes",
            "ReturnSubscriptionArn",
            "boolean",
        ),
    ] {
        let service = if form.starts_with("Role") { Sts } else { Sns };
        let operation = if form.starts_with("Role") {
            "AssumeRole"
        } else {
            "Subscribe"
        };
        let error = decode(service, operation, form).unwrap_err();
        assert_eq!(
            (error.parameter.as_str(), error.expected),
            (parameter, expected)
        );
    }
    let error = decode(Sts, "AssumeRole", "DurationSeconds=x").unwrap_err();
    assert_eq!(
        error.to_string(),
        "Value x for parameter DurationSeconds is invalid. Reason: must be an integer."
    );
}

#[test]
fn very_deep_parameter_names_are_ignored() {
    let name = vec!["Tags"; 100_000].join(".");
    assert_eq!(
        decode(Sts, "AssumeRole", &format!("RoleArn=r&{name}=x")).unwrap(),
        json!({"RoleArn": "r"})
    );
}
