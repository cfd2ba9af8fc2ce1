//! Filter policies against the developer guide's examples, one line a case.

use super::*;
use serde_json::json;

/// Publish's members for attributes given as `name: (DataType, StringValue)`.
fn attributes(pairs: &[(&str, &str, &str)]) -> Map<String, Value> {
    pairs
        .iter()
        .map(|(name, data_type, value)| {
            let attribute = json!({ "DataType": data_type, "StringValue": value });
            ((*name).to_owned(), attribute)
        })
        .collect()
}

fn on_attributes(policy: &str, pairs: &[(&str, &str, &str)]) -> bool {
    let policy = FilterPolicy::parse(policy, Scope::MessageAttributes).expect("a valid policy");
    policy.matches(&attributes(pairs), "")
}

fn on_body(policy: &str, body: &str) -> bool {
    let policy = FilterPolicy::parse(policy, Scope::MessageBody).expect("a valid policy");
    policy.matches(&Map::new(), body)
}

fn refused(policy: &str, scope: Scope) -> String {
    FilterPolicy::parse(policy, scope).expect_err("an invalid policy")
}

const S: &str = "String";
const N: &str = "Number";

#[test]
fn exact_strings_and_numbers() {
    assert!(on_attributes(
        r#"{"store":["example_corp"]}"#,
        &[("store", S, "example_corp")]
    ));
    assert!(!on_attributes(
        r#"{"store":["example_corp"]}"#,
        &[("store", S, "Example_Corp")]
    ));
    assert!(on_attributes(
        r#"{"store":["a","b"]}"#,
        &[("store", S, "b")]
    ));
    assert!(!on_attributes(r#"{"store":["a"]}"#, &[("other", S, "a")]));
    assert!(on_attributes(
        r#"{"price":[301.5]}"#,
        &[("price", N, "3.015e2")]
    ));
    assert!(!on_attributes(
        r#"{"price":["301.5"]}"#,
        &[("price", N, "301.5")]
    ));
    assert!(on_attributes(
        r#"{"price":[1.000001]}"#,
        &[("price", N, "1")]
    ));
    assert!(!on_attributes(
        r#"{"price":[1.00001]}"#,
        &[("price", N, "1")]
    ));
}

#[test]
fn every_key_must_match() {
    let policy = r#"{"store":["a"],"event":["placed"]}"#;
    assert!(on_attributes(
        policy,
        &[("store", S, "a"), ("event", S, "placed")]
    ));
    assert!(!on_attributes(
        policy,
        &[("store", S, "a"), ("event", S, "cancelled")]
    ));
    assert!(!on_attributes(policy, &[("store", S, "a")]));
}

#[test]
fn arrays_match_when_any_element_does() {
    let interests = r#"["soccer","rugby"]"#;
    assert!(on_attributes(
        r#"{"i":["rugby"]}"#,
        &[("i", "String.Array", interests)]
    ));
    assert!(!on_attributes(
        r#"{"i":["golf"]}"#,
        &[("i", "String.Array", interests)]
    ));
    assert!(on_attributes(
        r#"{"p":[{"anything-but":[100,500]}]}"#,
        &[("p", "Number.Array", "[100, 50]")]
    ));
    assert!(!on_attributes(
        r#"{"p":[{"anything-but":[100,500]}]}"#,
        &[("p", N, "100")]
    ));
    assert!(!on_attributes(
        r#"{"i":["x"]}"#,
        &[("i", "String.Array", "not json")]
    ));
}

#[test]
fn string_operators() {
    assert!(on_attributes(
        r#"{"s":[{"prefix":"bas"}]}"#,
        &[("s", S, "baseball")]
    ));
    assert!(!on_attributes(
        r#"{"s":[{"prefix":"bas"}]}"#,
        &[("s", S, "rugby")]
    ));
    assert!(on_attributes(
        r#"{"s":[{"suffix":"ball"}]}"#,
        &[("s", S, "baseball")]
    ));
    assert!(on_attributes(
        r#"{"s":[{"equals-ignore-case":"BASEBALL"}]}"#,
        &[("s", S, "Baseball")]
    ));
    assert!(on_attributes(
        r#"{"s":[{"anything-but":{"prefix":"bas"}}]}"#,
        &[("s", S, "rugby")]
    ));
    assert!(!on_attributes(
        r#"{"s":[{"anything-but":{"prefix":"bas"}}]}"#,
        &[("s", S, "basket")]
    ));
    assert!(on_attributes(
        r#"{"s":[{"anything-but":{"suffix":"ball"}}]}"#,
        &[("s", S, "rugby")]
    ));
    assert!(on_attributes(
        r#"{"s":[{"anything-but":"rugby"}]}"#,
        &[("s", S, "golf")]
    ));
    assert!(!on_attributes(
        r#"{"s":[{"anything-but":["rugby","golf"]}]}"#,
        &[("s", S, "golf")]
    ));
    assert!(!on_attributes(
        r#"{"s":[{"prefix":"1"}]}"#,
        &[("s", N, "10")]
    ));
}

#[test]
fn numeric_comparisons_and_ranges() {
    let positive_to_150 = r#"{"p":[{"numeric":[">",0,"<=",150]}]}"#;
    assert!(on_attributes(positive_to_150, &[("p", N, "150")]));
    assert!(!on_attributes(positive_to_150, &[("p", N, "0")]));
    assert!(!on_attributes(positive_to_150, &[("p", N, "150.5")]));
    assert!(on_attributes(
        r#"{"p":[{"numeric":["<",0]}]}"#,
        &[("p", N, "-1")]
    ));
    assert!(on_attributes(
        r#"{"p":[{"numeric":["=",301.5]}]}"#,
        &[("p", N, "301.5")]
    ));
    assert!(!on_attributes(
        r#"{"p":[{"numeric":["=",5]}]}"#,
        &[("p", S, "5")]
    ));
}

#[test]
fn exists() {
    let absent = r#"{"store":[{"exists":false}]}"#;
    assert!(on_attributes(
        r#"{"store":[{"exists":true}]}"#,
        &[("store", S, "fans")]
    ));
    assert!(!on_attributes(
        r#"{"store":[{"exists":true}]}"#,
        &[("other", S, "x")]
    ));
    assert!(on_attributes(absent, &[("other", S, "x")]));
    assert!(!on_attributes(absent, &[("store", S, "fans")]));
    assert!(!on_attributes(absent, &[]), "needs at least one attribute");
}

#[test]
fn binary_attributes_are_ignored() {
    assert!(on_attributes(
        r#"{"b":[{"exists":false}]}"#,
        &[("b", "Binary", "AAE="), ("x", S, "y")]
    ));
    assert!(!on_attributes(
        r#"{"b":["AAE="]}"#,
        &[("b", "Binary", "AAE=")]
    ));
}

#[test]
fn cidr() {
    let policy = r#"{"ip":[{"cidr":"10.0.0.0/24"}]}"#;
    assert!(on_attributes(policy, &[("ip", S, "10.0.0.255")]));
    assert!(!on_attributes(policy, &[("ip", S, "10.0.1.0")]));
    assert!(!on_attributes(policy, &[("ip", S, "not an ip")]));
    assert!(on_attributes(
        r#"{"ip":[{"cidr":"2001:db8::/32"}]}"#,
        &[("ip", S, "2001:db8::1")]
    ));
    assert!(on_attributes(
        r#"{"ip":[{"cidr":"0.0.0.0/0"}]}"#,
        &[("ip", S, "8.8.8.8")]
    ));
}

#[test]
fn or_alternatives() {
    let policy =
        r#"{"source":["aws.cloudwatch"],"$or":[{"metric":["CPU"]},{"namespace":["AWS/EC2"]}]}"#;
    assert!(on_attributes(
        policy,
        &[("source", S, "aws.cloudwatch"), ("metric", S, "CPU")]
    ));
    assert!(on_attributes(
        policy,
        &[("source", S, "aws.cloudwatch"), ("namespace", S, "AWS/EC2")]
    ));
    assert!(!on_attributes(
        policy,
        &[("source", S, "aws.cloudwatch"), ("metric", S, "Disk")]
    ));
    assert!(!on_attributes(policy, &[("metric", S, "CPU")]));
}

#[test]
fn bodies_match_nested_keys_through_arrays() {
    let policy = r#"{"customer":{"interests":["rugby"]},"price_usd":[{"numeric":[">",100]}]}"#;
    assert!(on_body(
        policy,
        r#"{"customer":{"interests":["soccer","rugby"]},"price_usd":210.75}"#
    ));
    assert!(!on_body(
        policy,
        r#"{"customer":{"interests":["soccer"]},"price_usd":210.75}"#
    ));
    assert!(!on_body(
        policy,
        r#"{"customer":{"interests":["rugby"]},"price_usd":"210"}"#
    ));
    assert!(on_body(
        r#"{"a":{"b":["x"]}}"#,
        r#"{"a":[{"b":"y"},{"b":"x"}]}"#
    ));
    assert!(on_body(
        r#"{"flag":[true],"gone":[null]}"#,
        r#"{"flag":true,"gone":null}"#
    ));
    assert!(!on_body(r#"{"gone":[null]}"#, r#"{}"#));
    assert!(on_body(r#"{"gone":[{"exists":false}]}"#, r#"{"here":1}"#));
}

#[test]
fn bodies_that_are_not_json_objects_match_nothing() {
    assert!(!on_body(r#"{"a":["x"]}"#, "plain text"));
    assert!(!on_body(r#"{"a":["x"]}"#, r#"["x"]"#));
}

#[test]
fn an_empty_policy_accepts_everything() {
    assert!(on_attributes("{}", &[("a", S, "b")]));
    assert!(on_attributes("{}", &[]));
    assert!(on_body("{}", "not json at all"));
}

#[test]
fn policies_aws_refuses() {
    let attributes = Scope::MessageAttributes;
    let six = r#"{"a":["1"],"b":["1"],"c":["1"],"d":["1"],"e":["1"],"f":["1"]}"#;
    assert_eq!(
        refused(six, attributes),
        "FilterPolicy: Filter policy can not have more than 5 keys"
    );
    let values: Vec<String> = (0..151).map(|i| i.to_string()).collect();
    let complex = json!({ "a": values }).to_string();
    assert_eq!(
        refused(&complex, attributes),
        "FilterPolicy: Filter policy is too complex"
    );
    assert!(refused("{nope", attributes).starts_with("FilterPolicy: failed to parse JSON."));
    assert_eq!(
        refused(r#"{"a":"x"}"#, attributes),
        r#"FilterPolicy: "a" must be an object or an array"#
    );
    assert_eq!(
        refused(r#"{"a":[]}"#, attributes),
        "FilterPolicy: Empty arrays are not allowed"
    );
    assert_eq!(
        refused(r#"{"a":{"b":["x"]}}"#, attributes),
        "Filter policy scope MessageAttributes does not support nested filter policy"
    );
    assert!(FilterPolicy::parse(r#"{"a":{"b":["x"]}}"#, Scope::MessageBody).is_ok());
}

#[test]
fn operators_aws_refuses() {
    let reason = |condition: &str| {
        refused(
            &format!(r#"{{"k":[{condition}]}}"#),
            Scope::MessageAttributes,
        )
    };
    assert_eq!(
        reason(r#"{"wildcard":"x"}"#),
        "FilterPolicy: Unrecognized match type wildcard"
    );
    assert_eq!(
        reason(r#"{"prefix":1}"#),
        "FilterPolicy: prefix match pattern must be a string"
    );
    assert_eq!(
        reason(r#"{"prefix":"a","suffix":"b"}"#),
        "FilterPolicy: Only one key allowed in match expression"
    );
    assert_eq!(
        reason(r#"{"exists":"yes"}"#),
        "FilterPolicy: exists match pattern must be either true or false."
    );
    assert_eq!(
        reason(r#"[1]"#),
        "FilterPolicy: Match value must be String, number, true, false, or null"
    );
    assert_eq!(
        reason(r#"{"anything-but":{"wildcard":"x"}}"#),
        "FilterPolicy: Unsupported anything-but pattern: wildcard"
    );
    assert_eq!(
        reason(r#"{"numeric":[]}"#),
        "FilterPolicy: Invalid member in numeric match: ]"
    );
    assert_eq!(
        reason(r#"{"numeric":["!",1]}"#),
        "FilterPolicy: Unrecognized numeric range operator: !"
    );
    assert_eq!(
        reason(r#"{"numeric":["=","1"]}"#),
        "FilterPolicy: Value of equals must be numeric"
    );
    assert_eq!(
        reason(r#"{"numeric":["<",1,"<",2]}"#),
        "FilterPolicy: Too many elements in numeric expression"
    );
    assert_eq!(
        reason(r#"{"numeric":[">",1,">",2]}"#),
        "FilterPolicy: Bad numeric range operator: >"
    );
    assert_eq!(
        reason(r#"{"numeric":[">",5,"<",2]}"#),
        "FilterPolicy: Bottom must be less than top"
    );
    assert_eq!(
        reason(r#"{"cidr":"10.0.0.0"}"#),
        "FilterPolicy: Malformed CIDR, one '/' required"
    );
    assert_eq!(
        reason(r#"{"cidr":"10.0.0.0/x"}"#),
        "FilterPolicy: Malformed CIDR, mask bits must be an integer"
    );
    assert_eq!(
        reason(r#"{"cidr":"10.0.0/8"}"#),
        "FilterPolicy: Nonstandard IP address: 10.0.0"
    );
}
