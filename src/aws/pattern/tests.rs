//! EventBridge-dialect patterns against the EventBridge and Lambda guides' examples, one line
//! a case (SNS's dialect is tested with its policies, in `services/sns/filter/tests.rs`).

use super::*;

fn pattern(text: &str) -> Result<Pattern, PatternError> {
    let Ok(Value::Object(object)) = serde_json::from_str(text) else {
        panic!("test patterns are JSON objects: {text}");
    };
    Pattern::parse(&object, Dialect::EventBridge, true)
}

/// Whether `document` matches `text`.
fn hit(text: &str, document: &str) -> bool {
    let Ok(Value::Object(document)) = serde_json::from_str(document) else {
        panic!("test documents are JSON objects: {document}");
    };
    pattern(text).expect("a valid pattern").matches(&document)
}

#[test]
fn literals_match_exactly() {
    assert!(hit(r#"{"name":["Alice"]}"#, r#"{"name":"Alice"}"#));
    assert!(!hit(r#"{"name":["Alice"]}"#, r#"{"name":"alice"}"#));
    assert!(hit(r#"{"name":["Bob","Alice"]}"#, r#"{"name":"Alice"}"#));
    assert!(hit(r#"{"last":[""]}"#, r#"{"last":""}"#));
    assert!(hit(r#"{"id":[null]}"#, r#"{"id":null}"#));
    assert!(!hit(r#"{"id":[null]}"#, r#"{}"#));
    assert!(hit(r#"{"ok":[true]}"#, r#"{"ok":true}"#));
    assert!(!hit(r#"{"n":["5"]}"#, r#"{"n":5}"#));
    assert!(!hit(r#"{"n":[5]}"#, r#"{"n":"5"}"#));
}

#[test]
fn numbers_match_as_written() {
    assert!(hit(r#"{"p":[300]}"#, r#"{"p":300}"#));
    assert!(!hit(r#"{"p":[300]}"#, r#"{"p":300.0}"#));
    assert!(hit(r#"{"p":[{"numeric":["=",300]}]}"#, r#"{"p":3.0e2}"#));
    assert!(!hit(r#"{"p":[{"anything-but":[300]}]}"#, r#"{"p":300}"#));
}

#[test]
fn every_key_must_match_and_arrays_match_any_element() {
    let both = r#"{"loc":["NY"],"day":["Mon"]}"#;
    assert!(hit(both, r#"{"loc":"NY","day":"Mon"}"#));
    assert!(!hit(both, r#"{"loc":"NY","day":"Tue"}"#));
    assert!(!hit(both, r#"{"loc":"NY"}"#));
    assert!(hit(r#"{"tags":["b"]}"#, r#"{"tags":["a","b"]}"#));
    assert!(!hit(r#"{"tags":["c"]}"#, r#"{"tags":["a","b"]}"#));
    assert!(!hit(r#"{"tags":["a"]}"#, r#"{"tags":[]}"#));
}

#[test]
fn nested_keys_follow_objects_and_arrays() {
    let id = r#"{"dynamodb":{"Keys":{"Id":{"N":["101"]}}}}"#;
    assert!(hit(id, r#"{"dynamodb":{"Keys":{"Id":{"N":"101"}}}}"#));
    assert!(!hit(id, r#"{"dynamodb":{"Keys":{"Id":{"S":"101"}}}}"#));
    assert!(hit(
        r#"{"a":{"b":["x"]}}"#,
        r#"{"a":[{"b":"y"},{"b":"x"}]}"#
    ));
    assert!(!hit(r#"{"a":["x"]}"#, r#"{"a":{"b":"x"}}"#));
}

#[test]
fn string_operators() {
    assert!(hit(r#"{"r":[{"prefix":"us-"}]}"#, r#"{"r":"us-east-1"}"#));
    assert!(!hit(r#"{"r":[{"prefix":"us-"}]}"#, r#"{"r":"eu-west-1"}"#));
    assert!(hit(r#"{"f":[{"suffix":".png"}]}"#, r#"{"f":"cat.png"}"#));
    assert!(hit(
        r#"{"s":[{"prefix":{"equals-ignore-case":"EVENTB"}}]}"#,
        r#"{"s":"EventBridge"}"#
    ));
    assert!(hit(
        r#"{"s":[{"suffix":{"equals-ignore-case":"tBridge"}}]}"#,
        r#"{"s":"EVENTBRIDGE"}"#
    ));
    assert!(hit(
        r#"{"n":[{"equals-ignore-case":"alice"}]}"#,
        r#"{"n":"ALICE"}"#
    ));
    assert!(!hit(r#"{"n":[{"prefix":"1"}]}"#, r#"{"n":10}"#));
}

#[test]
fn wildcards() {
    let png_in_dir = r#"{"f":[{"wildcard":"dir/*.png"}]}"#;
    assert!(hit(png_in_dir, r#"{"f":"dir/a/b.png"}"#));
    assert!(hit(png_in_dir, r#"{"f":"dir/.png"}"#));
    assert!(!hit(png_in_dir, r#"{"f":"dir/a.jpg"}"#));
    assert!(!hit(png_in_dir, r#"{"f":"other/a.png"}"#));
    assert!(hit(r#"{"f":[{"wildcard":"a*b*c"}]}"#, r#"{"f":"a-b-b-c"}"#));
    assert!(!hit(r#"{"f":[{"wildcard":"ab*b"}]}"#, r#"{"f":"ab"}"#));
    assert!(hit(r#"{"f":[{"wildcard":"a\\*b"}]}"#, r#"{"f":"a*b"}"#));
    assert!(!hit(r#"{"f":[{"wildcard":"a\\*b"}]}"#, r#"{"f":"axb"}"#));
    assert!(hit(r#"{"f":[{"wildcard":"exact"}]}"#, r#"{"f":"exact"}"#));
}

#[test]
fn anything_but() {
    assert!(hit(
        r#"{"w":[{"anything-but":["Raining"]}]}"#,
        r#"{"w":"Sunny"}"#
    ));
    assert!(!hit(
        r#"{"w":[{"anything-but":["Raining"]}]}"#,
        r#"{"w":"Raining"}"#
    ));
    assert!(!hit(
        r#"{"w":[{"anything-but":"Raining"}]}"#,
        r#"{"other":1}"#
    ));
    assert!(hit(
        r#"{"r":[{"anything-but":{"prefix":"us-"}}]}"#,
        r#"{"r":"eu-west-1"}"#
    ));
    assert!(!hit(
        r#"{"f":[{"anything-but":{"suffix":".png"}}]}"#,
        r#"{"f":"a.png"}"#
    ));
    let ignore_case = r#"{"s":[{"anything-but":{"equals-ignore-case":["init","done"]}}]}"#;
    assert!(!hit(ignore_case, r#"{"s":"INIT"}"#));
    assert!(hit(ignore_case, r#"{"s":"running"}"#));
    let not_lib = r#"{"p":[{"anything-but":{"wildcard":"*/lib/*"}}]}"#;
    assert!(!hit(not_lib, r#"{"p":"/usr/lib/x"}"#));
    assert!(hit(not_lib, r#"{"p":"/usr/bin/x"}"#));
}

#[test]
fn numeric_comparisons_and_ranges() {
    let range = r#"{"t":[{"numeric":[">",50,"<=",60]}]}"#;
    assert!(hit(range, r#"{"t":60}"#));
    assert!(!hit(range, r#"{"t":50}"#));
    assert!(!hit(range, r#"{"t":"55"}"#));
    assert!(hit(r#"{"t":[{"numeric":["<",0]}]}"#, r#"{"t":-0.5}"#));
    assert!(hit(r#"{"t":[{"numeric":["=",1.0000001]}]}"#, r#"{"t":1}"#));
    assert!(!hit(r#"{"t":[{"numeric":["=",1.000001]}]}"#, r#"{"t":1}"#));
}

#[test]
fn exists() {
    assert!(hit(r#"{"p":[{"exists":true}]}"#, r#"{"p":"x"}"#));
    assert!(!hit(r#"{"p":[{"exists":true}]}"#, r#"{"q":"x"}"#));
    assert!(hit(r#"{"p":[{"exists":false}]}"#, r#"{"q":"x"}"#));
    assert!(
        hit(r#"{"p":[{"exists":false}]}"#, r#"{}"#),
        "no attribute needed"
    );
    assert!(!hit(r#"{"p":[{"exists":false}]}"#, r#"{"p":null}"#));
    assert!(
        !hit(r#"{"p":[{"exists":true}]}"#, r#"{"p":{"inner":1}}"#),
        "leaves only"
    );
}

#[test]
fn cidr_and_or() {
    assert!(hit(
        r#"{"ip":[{"cidr":"10.0.0.0/24"}]}"#,
        r#"{"ip":"10.0.0.7"}"#
    ));
    assert!(!hit(
        r#"{"ip":[{"cidr":"10.0.0.0/24"}]}"#,
        r#"{"ip":"10.0.1.7"}"#
    ));
    let either = r#"{"$or":[{"loc":["NY"]},{"day":["Mon"]}]}"#;
    assert!(hit(either, r#"{"loc":"NY"}"#));
    assert!(hit(either, r#"{"day":"Mon"}"#));
    assert!(!hit(either, r#"{"day":"Tue"}"#));
    assert!(hit("{}", r#"{"any":"thing"}"#));
}

#[test]
fn patterns_eventbridge_refuses() {
    let refused = |text: &str| pattern(text).expect_err(text);
    assert_eq!(
        refused(r#"{"a":"x"}"#),
        PatternError::NotObjectOrArray("a".into())
    );
    assert_eq!(refused(r#"{"a":[]}"#), PatternError::EmptyArray);
    assert_eq!(refused(r#"{"$or":["x"]}"#), PatternError::OrChoice);
    for condition in [
        r#"{"nope":1}"#,
        r#"{"wildcard":"a**b"}"#,
        r#"{"wildcard":"a\\b"}"#,
        r#"{"wildcard":1}"#,
        r#"{"prefix":{"wildcard":"a"}}"#,
        r#"{"anything-but":{"numeric":[">",1]}}"#,
        r#"{"numeric":[">",5,"<",2]}"#,
        r#"{"exists":"yes"}"#,
        r#"{"prefix":"a","suffix":"b"}"#,
        r#"[1]"#,
    ] {
        let text = format!(r#"{{"k":[{condition}]}}"#);
        assert!(
            matches!(refused(&text), PatternError::Condition(_)),
            "{text}"
        );
    }
}

#[test]
fn multiplying_or_choices_is_bounded() {
    let or = r#"{"$or":[{"a":[1]},{"a":[2]},{"a":[3]},{"a":[4]}]}"#;
    let nested: Vec<String> = (0..12).map(|i| format!(r#""k{i}":{or}"#)).collect();
    let text = format!("{{{}}}", nested.join(","));
    assert_eq!(pattern(&text).unwrap_err(), PatternError::TooComplex);
}
