use super::*;
use crate::model::ServiceModel::{self, Sns, SqsQuery, Sts};
use serde_json::json;

fn response(service: ServiceModel, operation: &str, output: Value) -> String {
    let model = service.get();
    encode_response(model, model.operation(operation).unwrap(), &output, "rid-1")
}

const SNS: &str = "xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"";
const METADATA: &str = "<ResponseMetadata><RequestId>rid-1</RequestId></ResponseMetadata>";

#[test]
fn sns_list_topics_lists_in_member_elements() {
    let output =
        json!({"NextToken": "t2", "Topics": [{"TopicArn": "arn:a"}, {"TopicArn": "arn:b"}]});
    assert_eq!(
        response(Sns, "ListTopics", output),
        format!(
            "<ListTopicsResponse {SNS}><ListTopicsResult><Topics>\
             <member><TopicArn>arn:a</TopicArn></member><member><TopicArn>arn:b</TopicArn></member>\
             </Topics><NextToken>t2</NextToken></ListTopicsResult>{METADATA}</ListTopicsResponse>"
        )
    );
    assert_eq!(
        response(Sns, "ListTopics", json!({"Topics": []})),
        format!(
            "<ListTopicsResponse {SNS}><ListTopicsResult><Topics/></ListTopicsResult>{METADATA}</ListTopicsResponse>"
        )
    );
}

#[test]
fn sns_get_topic_attributes_maps_in_entries() {
    let output = json!({"Attributes": {"Owner": "123", "DisplayName": "a<b"}});
    assert_eq!(
        response(Sns, "GetTopicAttributes", output),
        format!(
            "<GetTopicAttributesResponse {SNS}><GetTopicAttributesResult><Attributes>\
             <entry><key>Owner</key><value>123</value></entry>\
             <entry><key>DisplayName</key><value>a&lt;b</value></entry>\
             </Attributes></GetTopicAttributesResult>{METADATA}</GetTopicAttributesResponse>"
        )
    );
}

#[test]
fn operations_without_output_carry_only_metadata() {
    assert_eq!(
        response(Sns, "DeleteTopic", Value::Null),
        format!("<DeleteTopicResponse {SNS}>{METADATA}</DeleteTopicResponse>")
    );
}

#[test]
fn sts_namespace_numbers_and_timestamps() {
    let output = json!({"UserId": "AIDA", "Account": "123456789012", "Arn": "arn:aws:iam::123456789012:user/u"});
    assert_eq!(
        response(Sts, "GetCallerIdentity", output),
        format!(
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\
             <GetCallerIdentityResult><UserId>AIDA</UserId><Account>123456789012</Account>\
             <Arn>arn:aws:iam::123456789012:user/u</Arn></GetCallerIdentityResult>{METADATA}\
             </GetCallerIdentityResponse>"
        )
    );
    let output = json!({
        "Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": 1714564800.25},
        "PackedPolicySize": 6
    });
    let xml = response(Sts, "AssumeRole", output);
    assert!(xml.contains("<Expiration>2024-05-01T12:00:00.250Z</Expiration></Credentials><PackedPolicySize>6</PackedPolicySize>"), "{xml}");
    assert_eq!(iso8601(1714564800.0), "2024-05-01T12:00:00Z");
}

#[test]
fn legacy_sqs_receive_message_flattened_lists_and_maps() {
    let output = json!({"Messages": [{
        "MessageId": "m1", "ReceiptHandle": "h", "MD5OfBody": "5d", "Body": "a\r\n\"b\" & c",
        "Attributes": {"SenderId": "s", "ApproximateReceiveCount": "1"},
        "MessageAttributes": {"colour": {"DataType": "String", "StringValue": "blue", "StringListValues": ["x", "y"]}}
    }, {"MessageId": "m2"}]});
    assert_eq!(
        response(SqsQuery, "ReceiveMessage", output),
        "<ReceiveMessageResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><ReceiveMessageResult>\
         <Message><MessageId>m1</MessageId><ReceiptHandle>h</ReceiptHandle><MD5OfBody>5d</MD5OfBody>\
         <Body>a&#xD;\n&quot;b&quot; &amp; c</Body>\
         <Attribute><Name>SenderId</Name><Value>s</Value></Attribute>\
         <Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>\
         <MessageAttribute><Name>colour</Name><Value><StringValue>blue</StringValue>\
         <StringListValue>x</StringListValue><StringListValue>y</StringListValue>\
         <DataType>String</DataType></Value></MessageAttribute></Message>\
         <Message><MessageId>m2</MessageId></Message>\
         </ReceiveMessageResult><ResponseMetadata><RequestId>rid-1</RequestId></ResponseMetadata></ReceiveMessageResponse>"
    );
    let xml = response(
        SqsQuery,
        "ListQueues",
        json!({"QueueUrls": ["http://q/1", "http://q/2"]}),
    );
    assert!(xml.contains("<ListQueuesResult><QueueUrl>http://q/1</QueueUrl><QueueUrl>http://q/2</QueueUrl></ListQueuesResult>"), "{xml}");
}

#[test]
fn errors_are_escaped_and_typed() {
    assert_eq!(
        encode_error(
            Sns.get(),
            "NotFound",
            "Topic <t> & \"x\" does not exist",
            true,
            "rid-2"
        ),
        format!(
            "<ErrorResponse {SNS}><Error><Type>Sender</Type><Code>NotFound</Code>\
             <Message>Topic &lt;t&gt; &amp; &quot;x&quot; does not exist</Message><Detail/></Error>\
             <RequestId>rid-2</RequestId></ErrorResponse>"
        )
    );
    let xml = encode_error(SqsQuery.get(), "InternalError", "boom\u{0}", false, "r");
    assert!(xml.starts_with("<ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><Error><Type>Receiver</Type>"));
    assert!(xml.contains("<Message>boom</Message>"));
}

#[test]
fn outputs_of_the_wrong_shape_never_panic() {
    for output in [
        json!("text"),
        json!([1, 2]),
        json!({"Topics": "x", "NextToken": {"a": 1}}),
    ] {
        let xml = response(Sns, "ListTopics", output);
        assert!(xml.starts_with("<ListTopicsResponse"), "{xml}");
    }
}

#[test]
fn timestamps_out_of_range_never_panic() {
    assert_eq!(iso8601(1e300), "1970-01-01T00:00:00Z");
    assert_eq!(iso8601(-1e300), "1970-01-01T00:00:00Z");
}
