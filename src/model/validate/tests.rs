use super::*;
use crate::model::ServiceModel::{self, Lambda, Sqs, StepFunctions};
use serde_json::json;

/// What validating `request` as `operation`'s input says: `ok`, or the error's code and message.
fn outcome(service: ServiceModel, operation: &str, request: Value) -> String {
    let model = service.get();
    let input = model.operation(operation).unwrap().input.as_ref().unwrap();
    match validate(model, input, &request) {
        Ok(()) => "ok".to_owned(),
        Err(violations) => format!("{}: {}", violations.code(), violations.message()),
    }
}

/// A complete, valid CreateStateMachine request, with `extra` members on top.
fn machine(extra: Value) -> Value {
    let mut request = json!({"name": "m", "definition": "{}", "roleArn": "arn:role"});
    request
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    request
}

const ONE: &str = "ValidationException: 1 validation error detected: ";

#[test]
fn required_members_are_named_in_model_order() {
    for (request, expected) in [
        (json!({"name": "m", "definition": "{}", "roleArn": "r"}), "ok".to_owned()),
        (json!({"name": "m", "definition": "{}"}), format!("{ONE}Value null at 'roleArn' failed to satisfy constraint: Member must not be null")),
        (json!({"name": "m", "definition": "{}", "roleArn": null}), format!("{ONE}Value null at 'roleArn' failed to satisfy constraint: Member must not be null")),
        (json!({"definition": "{}"}), "ValidationException: 2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; Value null at 'roleArn' failed to satisfy constraint: Member must not be null".to_owned()),
    ] {
        assert_eq!(outcome(StepFunctions, "CreateStateMachine", request), expected);
    }
    // An absent request is an empty one; PascalCase members are lowered in paths.
    assert_eq!(
        outcome(Sqs, "CreateQueue", Value::Null),
        format!(
            "{ONE}Value null at 'queueName' failed to satisfy constraint: Member must not be null"
        )
    );
}

#[test]
fn string_lengths() {
    for (extra, expected) in [
        (
            json!({"name": ""}),
            format!(
                "{ONE}Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1"
            ),
        ),
        (json!({"name": "é".repeat(80)}), "ok".to_owned()),
        (
            json!({"name": "x".repeat(81)}),
            format!(
                "{ONE}Value '{}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80",
                "x".repeat(81)
            ),
        ),
        // Sensitive shapes are named without their value.
        (
            json!({"definition": ""}),
            format!(
                "{ONE}Value at 'definition' failed to satisfy constraint: Member must have length greater than or equal to 1"
            ),
        ),
        (
            json!({"tags": [{"key": "k", "value": "v"}, {"key": "", "value": "v"}]}),
            format!(
                "{ONE}Value '' at 'tags.2.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1"
            ),
        ),
    ] {
        assert_eq!(
            outcome(StepFunctions, "CreateStateMachine", machine(extra)),
            expected
        );
    }
}

#[test]
fn enums_nested_members_and_lists() {
    for (extra, expected) in [
        (
            json!({"type": "EXPRESS", "loggingConfiguration": {"level": "ALL"}}),
            "ok".to_owned(),
        ),
        (
            json!({"type": "express"}),
            format!(
                "{ONE}Value 'express' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]"
            ),
        ),
        (
            json!({"loggingConfiguration": {"level": "all"}}),
            format!(
                "{ONE}Value 'all' at 'loggingConfiguration.level' failed to satisfy constraint: Member must satisfy enum value set: [ALL, ERROR, FATAL, OFF]"
            ),
        ),
    ] {
        assert_eq!(
            outcome(StepFunctions, "CreateStateMachine", machine(extra)),
            expected
        );
    }
}

/// A complete, valid CreateFunction request, with `extra` members on top.
fn function(extra: Value) -> Value {
    let mut request = json!({
        "FunctionName": "f", "Role": "arn:aws:iam::123456789012:role/r", "Code": {"ZipFile": "UEsDBA=="}
    });
    request
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    request
}

#[test]
fn numeric_ranges_patterns_and_scalar_lists() {
    for (extra, expected) in [
        (
            json!({"MemorySize": 128, "Timeout": 5400, "Architectures": ["arm64"]}),
            "ok".to_owned(),
        ),
        (
            json!({"MemorySize": 127}),
            format!(
                "{ONE}Value '127' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128"
            ),
        ),
        (
            json!({"Timeout": 5401}),
            format!(
                "{ONE}Value '5401' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 5400"
            ),
        ),
        (
            json!({"Role": "role"}),
            format!(
                "{ONE}Value 'role' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{{12}}:role/?[a-zA-Z_0-9+=,.@\\-_/]+"
            ),
        ),
        (
            json!({"Handler": "a b"}),
            format!(
                "{ONE}Value 'a b' at 'handler' failed to satisfy constraint: Member must satisfy regular expression pattern: [^\\s]+"
            ),
        ),
        (
            json!({"Architectures": ["arm64", "x86_64"]}),
            format!(
                "{ONE}Value '[arm64, x86_64]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1"
            ),
        ),
        (
            json!({"Architectures": ["sparc"]}),
            format!(
                "{ONE}Value '[sparc]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]"
            ),
        ),
    ] {
        assert_eq!(outcome(Lambda, "CreateFunction", function(extra)), expected);
    }
}

#[test]
fn map_keys_and_values() {
    for (extra, expected) in [
        (
            json!({"Environment": {"Variables": {"OK_NAME": "v"}}}),
            "ok".to_owned(),
        ),
        (
            json!({"Environment": {"Variables": {"1BAD": "v"}}}),
            format!(
                "{ONE}Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]"
            ),
        ),
        (
            json!({"Tags": {"k": "v".repeat(257)}}),
            format!(
                "{ONE}Value '{{k={}}}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0, Member must satisfy regular expression pattern: ([\\p{{L}}\\p{{Z}}\\p{{N}}_.:/=+\\-@]*)]",
                "v".repeat(257)
            ),
        ),
    ] {
        assert_eq!(outcome(Lambda, "CreateFunction", function(extra)), expected);
    }
    let attributes = json!({"QueueName": "q", "Attributes": {"Colour": "blue"}});
    assert!(outcome(Sqs, "CreateQueue", attributes).contains("at 'attributes' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy enum value set: [All, Policy, "));
}

#[test]
fn blobs_count_decoded_bytes() {
    let model = Lambda.get();
    let input = model
        .operation("CreateFunction")
        .unwrap()
        .input
        .as_ref()
        .unwrap();
    assert!(validate(model, input, &function(json!({}))).is_ok());
    let bad = validate(
        model,
        input,
        &function(json!({"Code": {"ZipFile": "not base64!"}})),
    );
    assert!(matches!(bad, Err(Violations::Type { path, .. }) if path == "code.zipFile"));
}

#[test]
fn wrong_types_are_serialization_errors() {
    for (extra, expected) in [
        (
            json!({"MemorySize": "big"}),
            "STRING_VALUE can not be converted to an Integer",
        ),
        (
            json!({"MemorySize": 1.5}),
            "NUMBER_VALUE can not be converted to an Integer",
        ),
        (
            json!({"MemorySize": 4_000_000_000u64}),
            "NUMBER_VALUE can not be converted to an Integer",
        ),
        (
            json!({"FunctionName": 3}),
            "NUMBER_VALUE can not be converted to a String",
        ),
        (
            json!({"Publish": "yes"}),
            "STRING_VALUE can not be converted to a Boolean",
        ),
        (
            json!({"Environment": []}),
            "Start of list found where not expected.",
        ),
        (
            json!({"Handler": {}}),
            "Start of structure or map found where not expected.",
        ),
        (
            json!({"Architectures": [1]}),
            "NUMBER_VALUE can not be converted to a String",
        ),
        // A type mismatch wins over constraint violations elsewhere.
        (
            json!({"Timeout": 0, "Architectures": "arm64"}),
            "STRING_VALUE can not be converted to a List",
        ),
    ] {
        assert_eq!(
            outcome(Lambda, "CreateFunction", function(extra)),
            format!("SerializationException: {expected}")
        );
    }
    assert_eq!(
        outcome(Sqs, "CreateQueue", json!([])),
        "SerializationException: Start of list found where not expected."
    );
}

#[test]
fn every_constraint_a_value_breaks_is_reported() {
    let request = function(json!({"FunctionName": "x".repeat(141) + "!", "Timeout": 0}));
    let outcome = outcome(Lambda, "CreateFunction", request);
    assert!(
        outcome.starts_with("ValidationException: 3 validation errors detected: Value 'xxx"),
        "{outcome}"
    );
    assert!(
        outcome.contains("Member must have length less than or equal to 140; Value '"),
        "{outcome}"
    );
    assert!(outcome.ends_with("at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1"), "{outcome}");
}

#[test]
fn patterns_the_regex_crate_cannot_compile_are_skipped() {
    assert_eq!(matches("(?!^[0-9]+$)([a-zA-Z0-9-_]+)", "123"), None);
    assert_eq!(matches("[a-z]+", "abc"), Some(true));
    assert_eq!(
        matches("[a-z]+", "abc1"),
        Some(false),
        "patterns match the whole value"
    );
    assert_eq!(matches("\\p{ASCII}*", "abc"), Some(true));
}

#[test]
fn deep_recursive_shapes_stop_at_the_depth_limit() {
    let model = ServiceModel::DynamoDb.get();
    let input = model.operation("PutItem").unwrap().input.as_ref().unwrap();
    let outcome = |levels| validate(model, input, &put_item(levels)).map_err(|v| v.message());
    assert_eq!(outcome(40), Ok(()));
    // Deep values are built and dropped on a thread with room for them; the walk itself runs
    // on an ordinary 2 MiB stack.
    let deep = std::thread::Builder::new().stack_size(64 << 20);
    let result = deep
        .spawn(move || {
            let request = put_item(2_000);
            std::thread::scope(|scope| {
                let walk = std::thread::Builder::new().stack_size(2 << 20);
                let walk = walk.spawn_scoped(scope, || validate(model, input, &request));
                walk.unwrap().join().unwrap().map_err(|v| v.message())
            })
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(
        result,
        Err(format!("Values nest more than {MAX_DEPTH} levels deep"))
    );
}

/// A PutItem request whose item nests `levels` maps, built without recursion.
fn put_item(levels: usize) -> Value {
    let mut value = json!({"S": "leaf"});
    for _ in 0..levels {
        let mut inner = Map::new();
        inner.insert("k".into(), value);
        let mut map = Map::new();
        map.insert("M".into(), Value::Object(inner));
        value = Value::Object(map);
    }
    let mut item = Map::new();
    item.insert("k".into(), value);
    let mut request = Map::new();
    request.insert("TableName".into(), json!("t"));
    request.insert("Item".into(), Value::Object(item));
    Value::Object(request)
}

#[test]
fn every_bundled_pattern_compiles_or_is_skipped() {
    let mut skipped = Vec::new();
    for service in ServiceModel::ALL {
        for shape in service.get().shapes.values() {
            if let Some(pattern) = shape.pattern.as_deref()
                && matches(pattern, "x").is_none()
            {
                skipped.push(pattern);
            }
        }
    }
    // Only look-arounds, which the regex crate leaves out by design (linear-time matching).
    let look_around = |p: &&str| ["(?!", "(?=", "(?<!", "(?<="].iter().any(|l| p.contains(l));
    assert!(skipped.iter().all(look_around), "{skipped:?}");
}

#[test]
fn java_patterns_keep_their_meaning() {
    let beyond_bmp = "[\\u0020-\\uD7FF\\uD800\\uDC00-\\uDBFF\\uDFFF]*";
    for (pattern, text, expected) in [
        ("[\\w+=,.@-]*", "session-1", true),
        ("[\\w+=,.@-]*", "séance", false),
        ("\\d+", "١٢", false),
        ("\\\\d", "\\d", true),
        ("\\p{Print}+", "a b~", true),
        ("\\p{Print}+", "a\tb", false),
        (beyond_bmp, "ok 😀", true),
        (beyond_bmp, "\u{1}", false),
        ("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*", "Équipe 1", true),
    ] {
        assert_eq!(matches(pattern, text), Some(expected), "{pattern} {text:?}");
    }
}

#[test]
fn structures_print_as_java_does_and_elements_list_every_constraint() {
    // As DynamoDB words it (its model has since dropped KeySchema's upper bound).
    let request = json!({"TableName": "t", "AttributeDefinitions": [], "KeySchema": []});
    assert_eq!(
        outcome(ServiceModel::DynamoDb, "CreateTable", request),
        format!(
            "{ONE}Value '[]' at 'keySchema' failed to satisfy constraint: Member must have length greater than or equal to 1"
        )
    );
    let put = json!({"PutRequest": {"Item": {"k": {"S": "v"}}}});
    let request = json!({"RequestItems": {"t": vec![put; 26]}});
    let outcome = outcome(ServiceModel::DynamoDb, "BatchWriteItem", request);
    assert!(outcome.ends_with("at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]"), "{outcome}");
    assert!(
        outcome.starts_with(&format!(
            "{ONE}Value '{{t=[WriteRequest(putRequest=PutRequest(item={{k=AttributeValue(s=v, "
        )),
        "{outcome}"
    );
}

#[test]
fn members_of_structures_in_maps_are_reached_through_their_key() {
    let request = json!({"RequestItems": {"t": [{"DeleteRequest": {}}]}});
    assert_eq!(
        outcome(ServiceModel::DynamoDb, "BatchWriteItem", request),
        format!(
            "{ONE}Value null at 'requestItems.t.member.1.member.deleteRequest.key' failed to satisfy constraint: Member must not be null"
        )
    );
}

/// The messages `sfn/check.rs` words by hand today come out the same from the model.
#[test]
fn step_functions_messages_match_todays_hand_written_checks() {
    let long = "n".repeat(81);
    for (operation, request, expected) in [
        ("ListExecutions", json!({"stateMachineArn": "a", "maxResults": 1001}), "Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000".to_owned()),
        ("SendTaskSuccess", json!({"taskToken": "", "output": "{}"}), "Value at 'taskToken' failed to satisfy constraint: Member must have length greater than or equal to 1".to_owned()),
        ("StopExecution", json!({"executionArn": "a", "cause": "c".repeat(32769)}), "Value at 'cause' failed to satisfy constraint: Member must have length less than or equal to 32768".to_owned()),
        ("StartExecution", json!({"stateMachineArn": "a", "name": long}), format!("Value '{long}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80")),
        ("DescribeExecution", json!({}), "Value null at 'executionArn' failed to satisfy constraint: Member must not be null".to_owned()),
        ("StartExecution", json!({"stateMachineArn": "a", "input": "x".repeat(262_145)}), "Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144".to_owned()),
    ] {
        assert_eq!(outcome(StepFunctions, operation, request), format!("{ONE}{expected}"), "{operation}");
    }
}
