//! Rule-by-rule tests of [`check`], and acceptance of every recorded AWS execution definition.

use super::*;

/// The errors of a standard machine, as `CODE: message at location`.
fn errors(text: &str) -> Vec<String> {
    errors_for(text, MachineType::Standard)
}

fn errors_for(text: &str, machine_type: MachineType) -> Vec<String> {
    let outcome = check(text, machine_type);
    assert_eq!(
        outcome.definition.is_some(),
        !has_error(&outcome.diagnostics)
    );
    outcome
        .diagnostics
        .iter()
        .map(|d| summary(std::slice::from_ref(d)))
        .collect()
}

/// A one-state machine around `state`.
fn one(state: &str) -> String {
    format!(r#"{{"StartAt":"A","States":{{"A":{state}}}}}"#)
}

const OK: [&str; 0] = [];

#[test]
fn minimal_machine_is_accepted() {
    assert_eq!(errors(&one(r#"{"Type":"Pass","End":true}"#)), OK);
}

#[test]
fn not_json_objects() {
    assert_eq!(
        errors(" "),
        ["SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object at null"]
    );
    assert_eq!(
        errors("[1]"),
        ["SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object at null"]
    );
    assert_eq!(
        check(" ", MachineType::Standard).diagnostics[0].location,
        None
    );
    assert_eq!(
        check("not a definition", MachineType::Standard).diagnostics[0].code,
        "INVALID_JSON_DESCRIPTION"
    );
}

#[test]
fn required_top_level_fields_in_aws_order() {
    assert_eq!(
        errors("{}"),
        ["SCHEMA_VALIDATION_FAILED: These fields are required: [States, StartAt] at /"]
    );
    assert_eq!(
        errors(r#"{"States":{"S":{"Type":"Pass","End":true}}}"#),
        ["SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] at /"]
    );
}

#[test]
fn unknown_fields_are_reported_at_the_object() {
    assert_eq!(
        errors(r#"{"StartAt":"A","Foo":1,"States":{"A":{"Type":"Pass","End":true}}}"#),
        ["SCHEMA_VALIDATION_FAILED: Field 'Foo' is not supported at /"]
    );
    assert_eq!(
        errors(&one(r#"{"Type":"Pass","TimeoutSeconds":5,"End":true}"#)),
        ["SCHEMA_VALIDATION_FAILED: Field 'TimeoutSeconds' is not supported at /States/A"]
    );
    assert_eq!(
        errors(&one(r#"{"Type":"Wait","Seconds":1,"End":true,"Retry":[]}"#)),
        ["SCHEMA_VALIDATION_FAILED: Field 'Retry' is not supported at /States/A"]
    );
    assert_eq!(
        errors(&one(r#"{"Type":"Succeed","Next":"A"}"#)),
        ["SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported at /States/A"]
    );
    assert_eq!(
        errors(&one(
            r#"{"Type":"Choice","Choices":[{"Variable":"$.x","IsNull":true,"Next":"B"}],"End":true}"#
        ))[0],
        "SCHEMA_VALIDATION_FAILED: Field 'End' is not supported at /States/A"
    );
}

#[test]
fn state_type_must_be_known() {
    assert_eq!(
        errors(&one(r#"{"Type":"TypeThatDoesNotExist","End":true}"#)),
        [
            "SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at /States/A/Type"
        ]
    );
    assert_eq!(
        errors(&one(r#"{"End":true}"#)),
        ["SCHEMA_VALIDATION_FAILED: These fields are required: [Type] at /States/A"]
    );
}

#[test]
fn wrong_types() {
    assert_eq!(
        errors(&one(r#"{"Type":"Pass","End":"yes"}"#))[0],
        "SCHEMA_VALIDATION_FAILED: Expected value of type [BOOLEAN] at /States/A/End"
    );
    assert_eq!(
        errors(r#"{"StartAt":"A","QueryLanguage":5,"States":{"A":{"Type":"Pass","End":true}}}"#),
        ["SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] at /QueryLanguage"]
    );
}

#[test]
fn next_xor_end() {
    let both = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B","End":true},"B":{"Type":"Pass","End":true}}}"#;
    assert_eq!(
        errors(both),
        [
            "SCHEMA_VALIDATION_FAILED: Exactly one of these fields must be provided: [Next, End] at /States/A"
        ]
    );
    assert_eq!(
        errors(&one(r#"{"Type":"Pass"}"#)),
        [
            "SCHEMA_VALIDATION_FAILED: Exactly one of these fields must be provided: [Next, End] at /States/A",
            "MISSING_END_STATE: Workflow has no terminal state at null"
        ]
    );
}

#[test]
fn missing_transition_targets() {
    assert_eq!(
        errors(
            r#"{"StartAt":"pass1","States":{"pass1":{"Type":"Pass","Next":"pass3"},"pass2":{"Type":"Pass","End":true}}}"#
        ),
        [
            "MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next",
            "MISSING_TRANSITION_TARGET: State \"pass2\" is not reachable. at /States/pass2"
        ]
    );
    assert_eq!(
        errors(r#"{"StartAt":"Nope","States":{"A":{"Type":"Pass","End":true}}}"#),
        [
            "MISSING_TRANSITION_TARGET: Missing 'Next' target: Nope at /StartAt",
            "MISSING_TRANSITION_TARGET: State \"A\" is not reachable. at /States/A"
        ]
    );
    let choice = r#"{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"Ghost"}],"Default":"Nope"},"Z":{"Type":"Succeed"}}}"#;
    assert_eq!(
        errors(choice),
        [
            "MISSING_TRANSITION_TARGET: Missing 'Next' target: Ghost at /States/C/Choices[0]/Next",
            "MISSING_TRANSITION_TARGET: Missing 'Next' target: Nope at /States/C/Default",
            "MISSING_TRANSITION_TARGET: State \"Z\" is not reachable. at /States/Z"
        ]
    );
    let catch = one(
        r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Ghost"}],"End":true}"#,
    );
    assert_eq!(
        errors(&catch),
        ["MISSING_TRANSITION_TARGET: Missing 'Next' target: Ghost at /States/A/Catch[0]/Next"]
    );
}

#[test]
fn no_terminal_state_hides_unreachable_states() {
    let looped = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"},"U":{"Type":"Pass","Next":"A"}}}"#;
    assert_eq!(
        errors(looped),
        ["MISSING_END_STATE: Workflow has no terminal state at null"]
    );
    let nested = r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}},"End":true}}}"#;
    assert_eq!(errors(nested), OK);
}

#[test]
fn transitions_stay_in_their_scope() {
    let def = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Next":"Out"},"Ghost":{"Type":"Pass","End":true}}}],"Next":"Out"},"Out":{"Type":"Succeed"}}}"#;
    assert_eq!(
        errors(def),
        [
            "MISSING_TRANSITION_TARGET: Missing 'Next' target: Out at /States/P/Branches[0]/States/B/Next",
            "MISSING_TRANSITION_TARGET: State \"Ghost\" is not reachable. at /States/P/Branches[0]/States/Ghost"
        ]
    );
}

#[test]
fn empty_values() {
    assert_eq!(
        errors(&one(r#"{"Type":"Parallel","Branches":[],"End":true}"#)),
        ["SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/A/Branches"]
    );
    assert_eq!(
        errors(&one(r#"{"Type":"Choice","Choices":[]}"#)),
        [
            "SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/A/Choices",
            "MISSING_END_STATE: Workflow has no terminal state at null"
        ]
    );
}

#[test]
fn query_language_rules() {
    assert_eq!(
        errors(
            r#"{"StartAt":"Pass","States":{"Pass":{"Type":"Pass","End":true,"QueryLanguage":"JSONPath"}},"QueryLanguage":"JSONata"}"#
        ),
        [
            "SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine at /States/Pass"
        ]
    );
    assert_eq!(
        errors(&one(r#"{"Type":"Pass","Output":{"a":1},"End":true}"#)),
        [
            "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage at /States/A"
        ]
    );
    assert_eq!(
        errors(&one(
            r#"{"Type":"Pass","QueryLanguage":"JSONata","InputPath":"$.a","End":true}"#
        )),
        [
            "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage at /States/A"
        ]
    );
    assert_eq!(
        errors(&one(
            r#"{"Type":"Pass","QueryLanguage":"jsonata","End":true}"#
        )),
        [
            "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [JSONPath, JSONata] at /States/A/QueryLanguage"
        ]
    );
    let processor = r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}"#;
    assert_eq!(
        errors(processor),
        [
            "SCHEMA_VALIDATION_FAILED: Field 'QueryLanguage' is not supported at /States/M/ItemProcessor"
        ]
    );
    let valid = r#"{"StartAt":"Map","QueryLanguage":"JSONPath","States":{"Map":{"Type":"Map","QueryLanguage":"JSONata","ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Pass","States":{"Pass":{"QueryLanguage":"JSONPath","Type":"Pass","End":true}}},"End":true}}}"#;
    assert_eq!(errors_for(valid, MachineType::Express), OK);
}

#[test]
fn state_names_are_limited() {
    let name = "N".repeat(81);
    let def =
        format!(r#"{{"StartAt":"{name}","States":{{"{name}":{{"Type":"Pass","End":true}}}}}}"#);
    assert_eq!(
        errors(&def),
        [format!(
            "INVALID_STATE_NAME: State name is too long. The maximum length is 80 characters at /States/{name}"
        )]
    );
}

/// Control characters are refused in state names; spaces and punctuation are not.
#[test]
fn state_names_have_no_control_characters() {
    let def = |name: &str| {
        let name = serde_json::to_string(name).unwrap();
        format!(r#"{{"StartAt":{name},"States":{{{name}:{{"Type":"Pass","End":true}}}}}}"#)
    };
    assert_eq!(errors(&def("Job Complete? (1/2) #3")), OK);
    for (name, code) in [
        ("a\u{1}b", "0001"),
        ("tab\there", "0009"),
        ("del\u{7f}", "007F"),
        ("c1\u{85}", "0085"),
    ] {
        assert_eq!(
            errors(&def(name)),
            [format!(
                "INVALID_STATE_NAME: State name contains an invalid character: U+{code} at /States/{name}"
            )],
            "{name:?}"
        );
    }
}

/// A `Timestamp...` literal operand must be a timestamp; its `...Path` form takes a path.
#[test]
fn choice_timestamp_operands_are_timestamps() {
    let choice = |rule: &str| {
        format!(
            r#"{{"StartAt":"C","States":{{"C":{{"Type":"Choice","Choices":[{rule}],"Default":"D"}},"D":{{"Type":"Succeed"}}}}}}"#
        )
    };
    for ok in [
        r#"{"Variable":"$.t","TimestampEquals":"2012-10-09T19:00:55Z","Next":"D"}"#,
        r#"{"Variable":"$.t","TimestampLessThan":"2012-10-09T19:00:55.123+02:00","Next":"D"}"#,
        r#"{"Variable":"$.t","TimestampGreaterThanPath":"$.u","Next":"D"}"#,
        r#"{"Not":{"Variable":"$.t","TimestampLessThanEquals":"2016-03-14T01:59:00Z"},"Next":"D"}"#,
    ] {
        assert_eq!(errors(&choice(ok)), OK, "{ok}");
    }
    for (rule, field, at) in [
        (
            r#"{"Variable":"$.t","TimestampEquals":"2012-10-09 19:00:55Z","Next":"D"}"#,
            "TimestampEquals",
            "/States/C/Choices[0]/TimestampEquals",
        ),
        (
            r#"{"Variable":"$.t","TimestampGreaterThan":"2012-10-09t19:00:55Z","Next":"D"}"#,
            "TimestampGreaterThan",
            "/States/C/Choices[0]/TimestampGreaterThan",
        ),
        (
            r#"{"And":[{"Variable":"$.t","TimestampLessThan":"yesterday"}],"Next":"D"}"#,
            "TimestampLessThan",
            "/States/C/Choices[0]/And[0]/TimestampLessThan",
        ),
        (
            r#"{"Variable":"$.t","TimestampGreaterThanEquals":"2012-10-09T19:00:55","Next":"D"}"#,
            "TimestampGreaterThanEquals",
            "/States/C/Choices[0]/TimestampGreaterThanEquals",
        ),
    ] {
        assert_eq!(
            errors(&choice(rule)),
            [format!(
                "SCHEMA_VALIDATION_FAILED: The value for the field '{field}' must be a valid ISO-8601 extended offset date-time format string at {at}"
            )],
            "{rule}"
        );
    }
}

#[test]
fn express_rejects_waiting_resources() {
    let task = |r: &str| one(&format!(r#"{{"Type":"Task","Resource":"{r}","End":true}}"#));
    assert_eq!(
        errors_for(
            &task("arn:aws:states:::states:startExecution.sync"),
            MachineType::Express
        ),
        [
            "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' service integration at /States/A/Resource"
        ]
    );
    assert_eq!(
        errors_for(
            &task("arn:aws:states:::sns:publish.waitForTaskToken"),
            MachineType::Express
        ),
        [
            "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  at /States/A/Resource"
        ]
    );
    assert_eq!(
        errors_for(
            &task("arn:aws:states:us-east-1:1:activity:x"),
            MachineType::Express
        ),
        [
            "SCHEMA_VALIDATION_FAILED: Express state machine does not support Activities at /States/A/Resource"
        ]
    );
    assert_eq!(
        errors(&task("arn:aws:states:::sns:publish.waitForTaskToken")),
        OK
    );
}

#[test]
fn credentials_need_a_role() {
    let def = |c: &str| {
        format!(
            r#"{{"StartAt":"State0","QueryLanguage":"JSONata","States":{{"State0":{{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":"{{% $state.input %}}","Credentials":{c},"End":true}}}}}}"#
        )
    };
    let expected = [
        "SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is required but was missing at /States/State0/Credentials",
    ];
    assert_eq!(errors(&def("{}")), expected);
    assert_eq!(errors(&def(r#"{"InvalidField":"invalid"}"#)), expected);
    assert_eq!(errors(&def(r#"{"RoleArn":"arn:aws:iam::1:role/r"}"#)), OK);
}

#[test]
fn timeouts_and_heartbeats() {
    let task = |extra: &str| {
        one(&format!(
            r#"{{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",{extra}"End":true}}"#
        ))
    };
    assert_eq!(
        errors(&task(r#""TimeoutSeconds":0,"#)),
        ["SCHEMA_VALIDATION_FAILED: Minimum value is 1 at /States/A/TimeoutSeconds"]
    );
    assert_eq!(
        errors(&task(r#""TimeoutSeconds":5,"TimeoutSecondsPath":"$.t","#)),
        [
            "SCHEMA_VALIDATION_FAILED: These fields are mutually exclusive: [TimeoutSeconds, TimeoutSecondsPath] at /States/A/TimeoutSeconds"
        ]
    );
    assert_eq!(
        errors(&task(r#""TimeoutSeconds":5,"HeartbeatSeconds":5,"#)),
        [
            "SCHEMA_VALIDATION_FAILED: HeartbeatSeconds must be smaller than TimeoutSeconds at /States/A/HeartbeatSeconds"
        ]
    );
    assert_eq!(
        errors(&task(r#""TimeoutSeconds":5,"HeartbeatSeconds":4,"#)),
        OK
    );
    assert_eq!(
        errors(&task(
            r#""TimeoutSecondsPath":"$.t","HeartbeatSecondsPath":"$.h","#
        )),
        OK
    );
}

#[test]
fn retry_and_catch_rules() {
    let task = |extra: &str| {
        one(&format!(
            r#"{{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",{extra}"End":true}}"#
        ))
    };
    assert_eq!(
        errors(&task(r#""Retry":[{"ErrorEquals":["States.ALL","X"]}],"#)),
        [
            "SCHEMA_VALIDATION_FAILED: States.ALL must appear alone in ErrorEquals at /States/A/Retry[0]/ErrorEquals"
        ]
    );
    assert_eq!(
        errors(&task(
            r#""Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["X"]}],"#
        )),
        [
            "SCHEMA_VALIDATION_FAILED: States.ALL must appear in the last Retrier at /States/A/Retry[0]"
        ]
    );
    assert_eq!(
        errors(&task(r#""Retry":[{"ErrorEquals":[]}],"#)),
        ["SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/A/Retry[0]/ErrorEquals"]
    );
    assert_eq!(
        errors(&task(
            r#""Retry":[{"ErrorEquals":["X"],"BackoffRate":0.5,"JitterStrategy":"SOME"}],"#
        )),
        [
            "SCHEMA_VALIDATION_FAILED: Minimum value is 1 at /States/A/Retry[0]/BackoffRate",
            "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [FULL, NONE] at /States/A/Retry[0]/JitterStrategy"
        ]
    );
    assert_eq!(
        errors(&task(
            r#""Catch":[{"ErrorEquals":["States.ALL"],"Next":"A"},{"ErrorEquals":["X"],"Next":"A"}],"#
        )),
        [
            "SCHEMA_VALIDATION_FAILED: States.ALL must appear in the last Catcher at /States/A/Catch[0]"
        ]
    );
    assert_eq!(
        errors(&task(r#""Catch":[{"ErrorEquals":["X"]}],"#)),
        ["SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at /States/A/Catch[0]"]
    );
}

#[test]
fn choice_rule_shapes() {
    let choice = |rule: &str| {
        format!(
            r#"{{"StartAt":"C","States":{{"C":{{"Type":"Choice","Choices":[{rule}],"Default":"D"}},"D":{{"Type":"Succeed"}}}}}}"#
        )
    };
    assert_eq!(
        errors(&choice(
            r#"{"Variable":"$.x","NumericEquals":1,"Next":"D"}"#
        )),
        OK
    );
    assert_eq!(
        errors(&choice(
            r#"{"Variable":"$.x","NumericEquals":1,"StringEquals":"a","Next":"D"}"#
        )),
        [
            "SCHEMA_VALIDATION_FAILED: A Choice rule must have exactly one comparison operator or one of [And, Or, Not] at /States/C/Choices[0]"
        ]
    );
    assert_eq!(
        errors(&choice(r#"{"Variable":"$.x","NumericEquals":1}"#)),
        ["SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at /States/C/Choices[0]"]
    );
    assert_eq!(
        errors(&choice(
            r#"{"And":[{"Variable":"$.x","IsNull":true,"Next":"D"}],"Next":"D"}"#
        )),
        ["SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported at /States/C/Choices[0]/And[0]"]
    );
    assert_eq!(
        errors(&choice(r#"{"Or":[],"Next":"D"}"#)),
        ["SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/C/Choices[0]/Or"]
    );
    assert_eq!(
        errors(&choice(
            r#"{"Variable":"$.x","NumericEquals":"1","Next":"D"}"#
        )),
        [
            "SCHEMA_VALIDATION_FAILED: Expected value of type [NUMBER] at /States/C/Choices[0]/NumericEquals"
        ]
    );
    assert_eq!(
        errors(&choice(
            r#"{"Not":{"Variable":"$.x","StringEqualsPath":"$.y"},"Next":"D"}"#
        )),
        OK
    );
}

#[test]
fn jsonata_choice_rules() {
    let def = r#"{"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.x %}","Next":"D","Output":1}],"Default":"D"},"D":{"Type":"Succeed"}}}"#;
    assert_eq!(errors(def), OK);
    let bad = def.replace(
        r#""Condition":"{% $states.input.x %}""#,
        r#""Variable":"$.x","IsNull":true"#,
    );
    assert_eq!(
        errors(&bad)[0],
        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'Variable' is only supported for the 'JSONPath' QueryLanguage at /States/C/Choices[0]"
    );
}

#[test]
fn wait_needs_exactly_one_duration() {
    assert_eq!(
        errors(&one(
            r#"{"Type":"Wait","Seconds":1,"SecondsPath":"$.s","End":true}"#
        )),
        [
            "SCHEMA_VALIDATION_FAILED: Exactly one of these fields must be provided: [Seconds, Timestamp, SecondsPath, TimestampPath] at /States/A"
        ]
    );
    assert_eq!(
        errors(&one(r#"{"Type":"Wait","Seconds":-1,"End":true}"#)),
        ["SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/A/Seconds"]
    );
}

#[test]
fn paths_and_templates() {
    assert_eq!(
        errors(&one(r#"{"Type":"Pass","InputPath":"a","End":true}"#)),
        [
            "SCHEMA_VALIDATION_FAILED: The value for the field 'InputPath' must be a valid JSONPath at /States/A/InputPath"
        ]
    );
    assert_eq!(
        errors(&one(
            r#"{"Type":"Pass","Parameters":{"x.$":"nope"},"End":true}"#
        )),
        [
            "SCHEMA_VALIDATION_FAILED: The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call at /States/A/Parameters"
        ]
    );
    assert_eq!(
        errors(&one(
            r#"{"Type":"Pass","InputPath":null,"ResultPath":null,"OutputPath":null,"End":true}"#
        )),
        OK
    );
}

#[test]
fn map_rules() {
    let map = |extra: &str| {
        one(&format!(
            r#"{{"Type":"Map",{extra}"ItemProcessor":{{"StartAt":"P","States":{{"P":{{"Type":"Pass","End":true}}}}}},"End":true}}"#
        ))
    };
    assert_eq!(errors(&map("")), OK);
    assert_eq!(
        errors(&map(r#""MaxConcurrency":-1,"#)),
        ["SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/A/MaxConcurrency"]
    );
    assert_eq!(
        errors(&map(r#""MaxConcurrency":2,"MaxConcurrencyPath":"$.m","#)),
        [
            "SCHEMA_VALIDATION_FAILED: These fields are mutually exclusive: [MaxConcurrency, MaxConcurrencyPath] at /States/A/MaxConcurrency"
        ]
    );
    assert_eq!(
        errors(&map(r#""ToleratedFailurePercentage":101,"#)),
        ["SCHEMA_VALIDATION_FAILED: Maximum value is 100 at /States/A/ToleratedFailurePercentage"]
    );
    assert_eq!(
        errors(&map(r#""Label":"label_,","#)),
        ["SCHEMA_VALIDATION_FAILED: Label contains invalid character: ',' at /States/A/Label"]
    );
    assert_eq!(
        errors(&one(r#"{"Type":"Map","End":true}"#)),
        ["SCHEMA_VALIDATION_FAILED: These fields are required: [ItemProcessor] at /States/A"]
    );
    assert_eq!(
        errors(&map(r#""Items":[1],"#)),
        [
            "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Items' is only supported for the 'JSONata' QueryLanguage at /States/A"
        ]
    );
}

#[test]
fn lone_states_for_test_state() {
    let outcome = check_state(
        r#"{"Type": "Parallel", "Branches": [], "End": true}"#,
        MachineType::Standard,
    );
    assert_eq!(
        summary(&outcome.diagnostics),
        "SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/StateName/Branches"
    );
    let outcome = check_state(
        r#"{"Type":"Pass","Next":"Elsewhere"}"#,
        MachineType::Standard,
    );
    assert!(outcome.state.is_some(), "{:?}", outcome.diagnostics);
}

#[test]
fn model_keeps_meaning() {
    let text = r#"{"Comment":"c","TimeoutSeconds":10,"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":0}],"Next":"Z"},"Z":{"Type":"Succeed"}}}"#;
    let definition = check(text, MachineType::Standard)
        .definition
        .expect("valid");
    assert_eq!(definition.timeout_seconds, Some(10));
    assert_eq!(definition.machine.start_at, "T");
    let names: Vec<&str> = definition.machine.states.iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["T", "Z"]);
    let state = definition.machine.start().expect("start");
    assert_eq!(
        state.transition,
        Some(crate::asl::definition::Transition::Next("Z".into()))
    );
    let crate::asl::definition::StateKind::Task(task) = &state.kind else {
        panic!("task")
    };
    assert_eq!(task.retry[0].max_attempts, 0);
    assert_eq!(task.retry[0].interval_seconds, 1);
}

fn machine_type_of(value: &Value) -> MachineType {
    match value.as_str() {
        Some("EXPRESS") => MachineType::Express,
        _ => MachineType::Standard,
    }
}

/// A definition as a case stores it: JSON text, or a JSON object to serialise.
fn definition_text(value: &Value) -> String {
    let text = value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned);
    substitute_placeholders(&text)
}

/// Every definition AWS ran in the recorded cases must be accepted (catches over-strict rules).
#[test]
fn recorded_execution_definitions_are_accepted() {
    let cases = crate::asl::recorded::load("");
    let mut checked = 0;
    let mut failures = Vec::new();
    for (file, case) in cases {
        if !matches!(case["kind"].as_str(), Some("execution" | "sync_execution")) {
            continue;
        }
        checked += 1;
        let outcome = check(
            &definition_text(&case["definition"]),
            machine_type_of(&case["state_machine_type"]),
        );
        if outcome.definition.is_none() {
            failures.push(format!("{file}: {}", summary(&outcome.diagnostics)));
        }
    }
    assert!(checked > 0, "no execution cases found");
    assert!(
        failures.is_empty(),
        "{} rejected:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// ValidateStateMachineDefinition answers recorded on AWS are reproduced exactly.
#[test]
fn recorded_validation_diagnostics_match() {
    let cases = crate::asl::recorded::load("");
    for (file, case) in cases.iter().filter(|(_, c)| c["kind"] == "validate") {
        let params = &case["params"];
        let outcome = check(
            &definition_text(&params["definition"]),
            machine_type_of(&params["type"]),
        );
        let ours: Vec<Value> = outcome
            .diagnostics
            .iter()
            .map(|d| {
                let mut v =
                    serde_json::json!({"code": d.code, "message": d.message, "severity": "ERROR"});
                if let Some(loc) = &d.location {
                    v["location"] = Value::String(loc.clone());
                }
                v
            })
            .collect();
        assert_eq!(
            Value::Array(ours),
            case["expected"]["response"]["diagnostics"],
            "{file}"
        );
    }
}

/// `InvalidDefinition` errors recorded for CreateStateMachine and TestState are reproduced.
#[test]
fn recorded_invalid_definitions_match() {
    let cases = crate::asl::recorded::load("");
    for (file, case) in &cases {
        let error = &case["expected"]["error"];
        if error["code"] != "InvalidDefinition" {
            continue;
        }
        let params = &case["params"];
        let text = definition_text(&params["definition"]);
        let diagnostics = match (case["operation"].as_str(), params.get("stateName")) {
            (Some("test_state"), None) => check_state(&text, MachineType::Standard).diagnostics,
            _ => check(&text, machine_type_of(&params["type"])).diagnostics,
        };
        assert!(has_error(&diagnostics), "{file}: accepted");
        let Some(message) = error["message"].as_str() else {
            continue;
        };
        if let Some(expected) = message.strip_prefix("Invalid State Machine Definition: '") {
            assert_eq!(format!("{}'", summary(&diagnostics)), expected, "{file}");
        }
    }
}

/// Replaces `{{sfnconf:...}}` placeholders with a plausible value of their kind.
fn substitute_placeholders(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{sfnconf:") {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        let name = &rest[start + 10..start + len];
        out.push_str(match name {
            "account" => "111111111111",
            "region" => "us-east-1",
            n if n.ends_with(".url") => "https://sqs.us-east-1.amazonaws.com/111111111111/q",
            n if n.ends_with(".name") => "name",
            _ => "arn:aws:lambda:us-east-1:111111111111:function:f",
        });
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

#[test]
fn state_names_are_unique_across_scopes() {
    let def = r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"M","States":{"M":{"Type":"Pass","End":true}}},"End":true}}}"#;
    assert_eq!(
        errors(def),
        ["DUPLICATE_STATE_NAME: Duplicate State name: M at /States/M/ItemProcessor/States/M"]
    );
}

/// Malformed variations of every recorded definition produce diagnostics, never a panic.
#[test]
fn never_panics_on_damaged_definitions() {
    let cases = crate::asl::recorded::load("");
    for (_, case) in cases
        .iter()
        .filter(|(_, c)| c["kind"] == "execution")
        .take(200)
    {
        let text = definition_text(&case["definition"]);
        let cuts = (1..text.len())
            .step_by(text.len() / 7 + 1)
            .filter(|&i| text.is_char_boundary(i));
        for cut in cuts {
            let _ = check(&text[..cut], MachineType::Express);
        }
        let mangled = text
            .replace("\"Next\"", "\"End\"")
            .replace(":true", ":7")
            .replace("[", "[[");
        let _ = check(&mangled, MachineType::Standard);
        let _ = check_state(&text, MachineType::Standard);
    }
}

#[test]
fn fail_paths_take_paths_or_string_intrinsics() {
    assert_eq!(
        errors(&one(
            r#"{"Type":"Fail","ErrorPath":"$.e","CausePath":"States.Format('{}', $.c)"}"#
        )),
        OK
    );
    assert_eq!(
        errors(&one(
            r#"{"Type":"Fail","CausePath":"States.ArrayLength($.c)"}"#
        )),
        [
            "SCHEMA_VALIDATION_FAILED: The value for the field 'CausePath' must be a valid JSONPath or a valid intrinsic function call at /States/A/CausePath"
        ]
    );
    assert_eq!(
        errors(&one(r#"{"Type":"Fail","Error":"E","ErrorPath":"$.e"}"#)),
        [
            "SCHEMA_VALIDATION_FAILED: These fields are mutually exclusive: [Error, ErrorPath] at /States/A/Error"
        ]
    );
}

#[test]
fn unparsable_jsonata_is_reported_where_it_is() {
    let definition = r#"{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":{"x":"{% $states.input.( %}"},"End":true}}}"#;
    let outcome = check(definition, MachineType::Standard);
    let error = outcome
        .diagnostics
        .iter()
        .find(|d| d.code == "INVALID_JSONATA_EXPRESSION")
        .expect("a diagnostic");
    assert_eq!(error.location.as_deref(), Some("/States/P/Output/x"));
    assert!(outcome.definition.is_none());
}

#[test]
fn jsonpath_states_keep_brace_strings_as_literals() {
    let definition = r#"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"x":"{% not an expression ( %}"},"End":true}}}"#;
    assert!(
        check(definition, MachineType::Standard)
            .definition
            .is_some()
    );
}

#[test]
fn assign_keys_must_be_variable_names() {
    // JSONPath: `.$` marks a path value and is not part of the name.
    assert_eq!(
        errors(&one(
            r#"{"Type":"Pass","Assign":{"ok.$":"$.a","x.y":1,"states":2},"End":true}"#
        )),
        [
            "SCHEMA_VALIDATION_FAILED: 'x.y' is not a valid variable name at /States/A/Assign",
            "SCHEMA_VALIDATION_FAILED: 'states' is not a valid variable name at /States/A/Assign"
        ]
    );
    let jsonata = r#"{"QueryLanguage":"JSONata","StartAt":"C","States":{
        "C":{"Type":"Choice","Choices":[{"Condition":true,"Assign":{"1st":1},"Next":"T"}],"Default":"T"},
        "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"f"},
             "Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"ok.$":1},"Next":"E"}],"End":true},
        "E":{"Type":"Succeed"}}}"#;
    assert_eq!(
        errors(jsonata),
        [
            "SCHEMA_VALIDATION_FAILED: '1st' is not a valid variable name at /States/C/Choices[0]/Assign",
            "SCHEMA_VALIDATION_FAILED: 'ok.$' is not a valid variable name at /States/T/Catch[0]/Assign"
        ]
    );
}

#[test]
fn item_batchers_are_for_distributed_maps_with_positive_limits() {
    let map = |mode: &str, batcher: &str| {
        one(&format!(
            r#"{{"Type":"Map","ItemBatcher":{batcher},"ItemProcessor":{{"ProcessorConfig":{mode},"StartAt":"P","States":{{"P":{{"Type":"Pass","End":true}}}}}},"End":true}}"#
        ))
    };
    let distributed = r#"{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"}"#;
    assert_eq!(errors(&map(distributed, r#"{"MaxItemsPerBatch":1}"#)), OK);
    for inline in [r#"{"Mode":"INLINE"}"#, "{}"] {
        assert_eq!(
            errors(&map(inline, r#"{"MaxItemsPerBatch":1}"#)),
            ["SCHEMA_VALIDATION_FAILED: Field 'ItemBatcher' is not supported at /States/A"]
        );
    }
    assert_eq!(
        errors(&map(distributed, r#"{"MaxItemsPerBatch":0}"#)),
        ["SCHEMA_VALIDATION_FAILED: Minimum value is 1 at /States/A/ItemBatcher/MaxItemsPerBatch"]
    );
    assert_eq!(
        errors(&map(distributed, r#"{"MaxInputBytesPerBatch":262145}"#)),
        [
            "SCHEMA_VALIDATION_FAILED: Maximum value is 262144 at /States/A/ItemBatcher/MaxInputBytesPerBatch"
        ]
    );
}

/// The one error (or none) a Task with `resource` gets in a standard machine.
fn resource_error(resource: &str) -> Option<String> {
    let state = one(&format!(
        r#"{{"Type":"Task","Resource":"{resource}","End":true}}"#
    ));
    let mut found = errors(&state);
    assert!(found.len() <= 1, "{found:?}");
    found.pop()
}

fn not_recognised(resource: &str) -> String {
    format!(
        "SCHEMA_VALIDATION_FAILED: The resource provided {resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. at /States/A/Resource"
    )
}

#[test]
fn task_resources_aws_recognises() {
    let accepted = [
        "arn:aws:states:::lambda:invoke",
        "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "arn:aws:lambda:us-east-1:123456789012:function:f",
        "arn:aws:states:us-east-1:123456789012:activity:a",
        "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "arn:aws:states:::sns:publish",
        "arn:aws:states:::dynamodb:updateItem",
        "arn:aws:states:::events:putEvents.waitForTaskToken",
        "arn:aws:states:::ecs:runTask.sync",
        "arn:aws:states:::ecs:runTask.waitForTaskToken",
        "arn:aws:states:::batch:submitJob.sync",
        "arn:aws:states:::states:startExecution.sync:2",
        "arn:aws:states:::states:startExecution.waitForTaskToken",
        "arn:aws:states:::glue:startJobRun.sync",
        "arn:aws:states:::athena:startQueryExecution.sync",
        "arn:aws:states:::apigateway:invoke.waitForTaskToken",
        "arn:aws:states:::http:invoke",
        "arn:aws:states:::aws-sdk:s3:listObjectsV2",
        "arn:aws:states:::aws-sdk:sfn:startExecution.waitForTaskToken",
        // Each optimized integration's own actions, with the patterns its page gives them.
        "arn:aws:states:::athena:getQueryResults",
        "arn:aws:states:::codebuild:startBuildBatch.sync",
        "arn:aws:states:::codebuild:batchGetReports",
        "arn:aws:states:::eks:runJob.sync",
        "arn:aws:states:::eks:call",
        "arn:aws:states:::elasticmapreduce:addStep.sync",
        "arn:aws:states:::elasticmapreduce:modifyInstanceGroupByName",
        "arn:aws:states:::emr-containers:deleteVirtualCluster.sync",
        "arn:aws:states:::emr-serverless:cancelJobRun.sync",
        "arn:aws:states:::sagemaker:createTrainingJob.sync",
        "arn:aws:states:::sagemaker:createModel",
        "arn:aws:states:::bedrock:invokeModel",
        "arn:aws:states:::bedrock:createModelCustomizationJob.sync",
        "arn:aws:states:::databrew:startJobRun.sync",
        "arn:aws:states:::mediaconvert:createJob.sync",
        // AWS SDK services by their SDK names; actions of carried models are operations.
        "arn:aws:states:::aws-sdk:dynamodb:transactWriteItems",
        "arn:aws:states:::aws-sdk:eventbridge:putEvents",
        "arn:aws:states:::aws-sdk:acmpca:deleteCertificateAuthority",
        "arn:aws:states:::aws-sdk:ec2:describeInstances",
        "arn:aws:states:::aws-sdk:cloudwatchlogs:putLogEvents",
        "arn:aws:states:::aws-sdk:lambda:invoke.waitForTaskToken",
    ];
    for resource in accepted {
        assert_eq!(resource_error(resource), None, "{resource}");
    }
}

#[test]
fn task_resources_aws_does_not_recognise() {
    let rejected = [
        "arn:aws:states:::foo:bar",
        "arn:aws:states:::lambda:invoke.sync",
        "arn:aws:states:::lambda:invokeAsync",
        "arn:aws:states:::sqs:sendMessage.sync",
        "arn:aws:states:::sqs:receiveMessage",
        "arn:aws:states:::dynamodb:putItem.waitForTaskToken",
        "arn:aws:states:::dynamodb:query",
        "arn:aws:states:::batch:submitJob.waitForTaskToken",
        "arn:aws:states:::glue:startJobRun.sync:2",
        "arn:aws:states:::ecs:runTask.sync:2",
        "arn:aws:states:::http:invoke.waitForTaskToken",
        "arn:aws:states:::aws-sdk:s3:getObject.sync",
        "arn:aws:states:::aws-sdk:sfn:",
        "arn:aws:states:::states:",
        // ARNs of things a Task cannot call.
        "arn:aws:sns:us-east-1:123456789012:topic",
        "arn:aws:sqs:us-east-1:123456789012:queue",
        "arn:aws:lambda:us-east-1:123456789012:layer:l:1",
        "arn:aws:states:us-east-1:123456789012:stateMachine:m",
        // Actions an optimized integration does not have, or patterns they lack.
        "arn:aws:states:::athena:getQueryResults.sync",
        "arn:aws:states:::athena:listQueryExecutions",
        "arn:aws:states:::sagemaker:createModel.sync",
        "arn:aws:states:::sagemaker:describeTrainingJob",
        "arn:aws:states:::elasticmapreduce:cancelStep.sync",
        "arn:aws:states:::elasticmapreduce:runJobFlow",
        "arn:aws:states:::eks:call.sync",
        "arn:aws:states:::glue:startCrawler",
        "arn:aws:states:::codebuild:stopBuild.sync",
        "arn:aws:states:::emr-containers:createVirtualCluster.sync",
        // AWS SDK: unknown services, actions that are not camelCase operations.
        "arn:aws:states:::aws-sdk:nosuchservice:doThing",
        "arn:aws:states:::aws-sdk:dynamodb:PutItem",
        "arn:aws:states:::aws-sdk:dynamodb:put_item",
        "arn:aws:states:::aws-sdk:dynamodb:putItems",
        "arn:aws:states:::aws-sdk:sfn:startExecutions",
        "arn:aws:states:::aws-sdk:lambda:invoke.sync",
    ];
    for resource in rejected {
        assert_eq!(
            resource_error(resource),
            Some(not_recognised(resource)),
            "{resource}"
        );
    }
}

#[test]
fn task_resources_must_be_arns() {
    for resource in ["foo", "${LambdaArn}", "arn:aws:lambda", "arn::states:::x:y"] {
        assert_eq!(
            resource_error(resource).as_deref(),
            Some(
                "SCHEMA_VALIDATION_FAILED: Value is not a valid resource ARN at /States/A/Resource"
            ),
            "{resource}"
        );
    }
}

#[test]
fn an_unrecognised_resource_is_not_also_an_express_error() {
    let state =
        one(r#"{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.sync","End":true}"#);
    assert_eq!(
        errors_for(&state, MachineType::Express),
        [not_recognised("arn:aws:states:::sqs:sendMessage.sync")]
    );
}

#[test]
fn wait_timestamps_are_rfc3339_with_uppercase_t_and_zone() {
    let wait = |ts: &str| {
        one(&format!(
            r#"{{"Type":"Wait","Timestamp":"{ts}","End":true}}"#
        ))
    };
    for ok in [
        "2016-03-14T01:59:00Z",
        "2016-03-14T01:59:00.123456Z",
        "2016-03-14T01:59:00+05:30",
    ] {
        assert_eq!(errors(&wait(ok)), OK, "{ok}");
    }
    for bad in [
        "2020-01-01 00:00:00",
        "2016-03-14t01:59:00z",
        "2016-03-14T01:59:00",
        "2016-03-14",
        "2016-13-14T01:59:00Z",
        "{% $now() %}",
    ] {
        assert_eq!(
            errors(&wait(bad)),
            [
                "SCHEMA_VALIDATION_FAILED: The value for the field 'Timestamp' must be a valid ISO-8601 extended offset date-time format string at /States/A/Timestamp"
            ],
            "{bad}"
        );
    }
    let jsonata = r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Wait","Timestamp":"{% $now() %}","End":true}}}"#;
    assert_eq!(errors(jsonata), OK);
}

#[test]
fn jsonpath_integer_fields_take_no_expressions() {
    let integer = |field: &str| {
        format!("SCHEMA_VALIDATION_FAILED: Expected value of type [INTEGER] at /States/A/{field}")
    };
    assert_eq!(
        errors(&one(r#"{"Type":"Wait","Seconds":"{% 1 %}","End":true}"#)),
        [integer("Seconds")]
    );
    let map = |extra: &str| {
        one(&format!(
            r#"{{"Type":"Map",{extra},"ItemProcessor":{{"StartAt":"P","States":{{"P":{{"Type":"Pass","End":true}}}}}},"End":true}}"#
        ))
    };
    assert_eq!(
        errors(&map(r#""MaxConcurrency":"{% 1 %}""#)),
        [integer("MaxConcurrency")]
    );
    assert_eq!(
        errors(&map(r#""ToleratedFailureCount":"{% 1 %}""#)),
        [integer("ToleratedFailureCount")]
    );
    assert_eq!(
        errors(&map(r#""ToleratedFailurePercentage":"{% 1 %}""#)),
        [
            "SCHEMA_VALIDATION_FAILED: Expected value of type [NUMBER] at /States/A/ToleratedFailurePercentage"
        ]
    );
}

#[test]
fn map_readers_and_writers_name_their_s3_actions() {
    let map = |extra: &str| {
        one(&format!(
            r#"{{"Type":"Map",{extra},"ItemProcessor":{{"ProcessorConfig":{{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"}},"StartAt":"P","States":{{"P":{{"Type":"Pass","End":true}}}}}},"End":true}}"#
        ))
    };
    let reader = |r: &str| {
        map(&format!(
            r#""ItemReader":{{"Resource":"{r}","Parameters":{{"Bucket":"b","Key":"k"}}}}"#
        ))
    };
    let writer = |r: &str| {
        map(&format!(
            r#""ResultWriter":{{"Resource":"{r}","Parameters":{{"Bucket":"b","Prefix":"p"}}}}"#
        ))
    };
    assert_eq!(errors(&reader("arn:aws:states:::s3:getObject")), OK);
    assert_eq!(errors(&reader("arn:aws:states:::s3:listObjectsV2")), OK);
    assert_eq!(errors(&writer("arn:aws:states:::s3:putObject")), OK);
    assert_eq!(
        errors(&reader("arn:aws:states:::s3:putObject")),
        [not_recognised("arn:aws:states:::s3:putObject")
            .replace("/Resource", "/ItemReader/Resource")]
    );
    assert_eq!(
        errors(&writer("arn:aws:states:::s3:getObject")),
        [not_recognised("arn:aws:states:::s3:getObject")
            .replace("/Resource", "/ResultWriter/Resource")]
    );
    assert_eq!(
        errors(&reader("s3://bucket/key")),
        [
            "SCHEMA_VALIDATION_FAILED: Value is not a valid resource ARN at /States/A/ItemReader/Resource"
        ]
    );
}

#[test]
fn assign_is_an_object_in_both_languages() {
    let expected =
        ["SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] at /States/A/Assign"];
    assert_eq!(
        errors(&one(r#"{"Type":"Pass","Assign":"x","End":true}"#)),
        expected
    );
    assert_eq!(
        errors(&one(r#"{"Type":"Pass","Assign":[],"End":true}"#)),
        expected
    );
    let jsonata = r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":"{% {'x': 1} %}","End":true}}}"#;
    assert_eq!(errors(jsonata), expected);
    assert_eq!(
        errors(&one(r#"{"Type":"Pass","Assign":{},"End":true}"#)),
        OK
    );
}

#[test]
fn payload_templates_are_not_null() {
    let task = |field: &str| {
        one(&format!(
            r#"{{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",{field},"End":true}}"#
        ))
    };
    assert_eq!(
        errors(&task(r#""Parameters":null"#)),
        ["SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] at /States/A/Parameters"]
    );
    assert_eq!(
        errors(&task(r#""ResultSelector":null"#)),
        ["SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] at /States/A/ResultSelector"]
    );
    let jsonata = r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":null,"End":true}}}"#;
    assert_eq!(
        errors(jsonata),
        ["SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] at /States/A/Arguments"]
    );
    // The paths take `null` ("nothing"), and an empty template is fine.
    assert_eq!(errors(&task(r#""InputPath":null,"ResultPath":null"#)), OK);
    assert_eq!(errors(&task(r#""Parameters":{}"#)), OK);
}

#[test]
fn optimized_integrations_refuse_fields_they_do_not_take() {
    let task = |resource: &str, parameters: &str| {
        one(&format!(
            r#"{{"Type":"Task","Resource":"arn:aws:states:::{resource}","Parameters":{parameters},"End":true}}"#
        ))
    };
    assert_eq!(
        errors(&task(
            "lambda:invoke.waitForTaskToken",
            r#"{"FunctionName":"f","Payload.$":"$","TaskToken.$":"$$.Task.Token"}"#
        )),
        [
            r#"SCHEMA_VALIDATION_FAILED: The field "TaskToken" is not supported by Step Functions at /States/A/Parameters"#
        ]
    );
    assert_eq!(
        errors(&task(
            "sqs:sendMessage",
            r#"{"QueueUrl":"u","MessageBody":"b","Foo":1}"#
        )),
        [
            r#"SCHEMA_VALIDATION_FAILED: The field "Foo" is not supported by Step Functions at /States/A/Parameters"#
        ]
    );
    // Nested fields too, as the API's shapes name them.
    assert_eq!(
        errors(&task(
            "sns:publish",
            r#"{"TopicArn":"t","Message":"m","MessageAttributes":{"a":{"DataType":"String","Value":"v"}}}"#
        )),
        [
            r#"SCHEMA_VALIDATION_FAILED: The field "Value" is not supported by Step Functions at /States/A/Parameters"#
        ]
    );
    let jsonata = r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","Arguments":{"StateMachineArn":"a","Input":"{% $states.input %}","Label":"x"},"End":true}}}"#;
    assert_eq!(
        errors(jsonata),
        [
            r#"SCHEMA_VALIDATION_FAILED: The field "Label" is not supported by Step Functions at /States/A/Arguments"#
        ]
    );
    // Every documented field; `aws-sdk:` integrations are the model's business at run time.
    assert_eq!(
        errors(&task(
            "sns:publish",
            r#"{"TopicArn":"t","TargetArn":"t","PhoneNumber":"p","Message":"m","Subject":"s","MessageAttributes":{},"MessageStructure":"json","MessageGroupId":"g","MessageDeduplicationId":"d"}"#
        )),
        OK
    );
    assert_eq!(errors(&task("aws-sdk:sqs:sendMessage", r#"{"Foo":1}"#)), OK);
}

/// Documented ranges and value lists, one definition each: (definition, the one error).
#[test]
fn documented_ranges_and_value_lists() {
    let task = |extra: &str| {
        one(&format!(
            r#"{{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",{extra},"End":true}}"#
        ))
    };
    let retry = |field: &str| {
        task(&format!(
            r#""Retry":[{{"ErrorEquals":["States.ALL"],{field}}}]"#
        ))
    };
    let dmap = |extra: &str| {
        one(&format!(
            r#"{{"Type":"Map",{extra},"ItemProcessor":{{"ProcessorConfig":{{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"}},"StartAt":"P","States":{{"P":{{"Type":"Pass","End":true}}}}}},"End":true}}"#
        ))
    };
    let reader = |config: &str| {
        dmap(&format!(
            r#""ItemReader":{{"Resource":"arn:aws:states:::s3:getObject","Parameters":{{"Bucket":"b","Key":"k"}},"ReaderConfig":{{{config}}}}}"#
        ))
    };
    let processor = |config: &str| {
        one(&format!(
            r#"{{"Type":"Map","ItemProcessor":{{"ProcessorConfig":{{{config}}},"StartAt":"P","States":{{"P":{{"Type":"Pass","End":true}}}}}},"End":true}}"#
        ))
    };
    let cases = [
        (
            r#"{"StartAt":"A","Version":"2.0","States":{"A":{"Type":"Pass","End":true}}}"#.to_owned(),
            "Value should be one of the following: [1.0] at /Version",
        ),
        (
            r#"{"StartAt":"A","TimeoutSeconds":100000000,"States":{"A":{"Type":"Pass","End":true}}}"#.to_owned(),
            "Maximum value is 99999999 at /TimeoutSeconds",
        ),
        (
            one(r#"{"Type":"Wait","Seconds":100000000,"End":true}"#),
            "Maximum value is 99999999 at /States/A/Seconds",
        ),
        (
            one(r#"{"Type":"Task","End":true}"#),
            "These fields are required: [Resource] at /States/A",
        ),
        (
            one(r#"{"Type":"Task","Resource":"","End":true}"#),
            "Value cannot be empty at /States/A/Resource",
        ),
        (
            task(r#""HeartbeatSeconds":0"#),
            "Minimum value is 1 at /States/A/HeartbeatSeconds",
        ),
        (
            retry(r#""IntervalSeconds":0"#),
            "Minimum value is 1 at /States/A/Retry[0]/IntervalSeconds",
        ),
        (
            retry(r#""MaxAttempts":-1"#),
            "Minimum value is 0 at /States/A/Retry[0]/MaxAttempts",
        ),
        (
            retry(r#""MaxDelaySeconds":31622402"#),
            "Maximum value is 31622401 at /States/A/Retry[0]/MaxDelaySeconds",
        ),
        (
            dmap(&format!(r#""Label":"{}""#, "a".repeat(41))),
            "Label must be at most 40 characters long at /States/A/Label",
        ),
        (
            dmap(r#""ToleratedFailureCount":-1"#),
            "Minimum value is 0 at /States/A/ToleratedFailureCount",
        ),
        (
            processor(r#""Mode":"SERIAL""#),
            "Value should be one of the following: [INLINE, DISTRIBUTED] at /States/A/ItemProcessor/ProcessorConfig/Mode",
        ),
        (
            processor(r#""Mode":"DISTRIBUTED","ExecutionType":"FAST""#),
            "Value should be one of the following: [STANDARD, EXPRESS] at /States/A/ItemProcessor/ProcessorConfig/ExecutionType",
        ),
        (
            reader(r#""MaxItems":100000001"#),
            "Maximum value is 100000000 at /States/A/ItemReader/ReaderConfig/MaxItems",
        ),
        (
            reader(r#""InputType":"XML""#),
            "Value should be one of the following: [CSV, JSON, JSONL, PARQUET, MANIFEST] at /States/A/ItemReader/ReaderConfig/InputType",
        ),
        (
            reader(r#""InputType":"CSV","CSVHeaderLocation":"FIRST""#),
            "Value should be one of the following: [FIRST_ROW, GIVEN] at /States/A/ItemReader/ReaderConfig/CSVHeaderLocation",
        ),
        (
            reader(r#""InputType":"CSV","CSVDelimiter":",""#),
            "Value should be one of the following: [COMMA, PIPE, SEMICOLON, SPACE, TAB] at /States/A/ItemReader/ReaderConfig/CSVDelimiter",
        ),
        (
            reader(r#""InputType":"JSON","Transformation":"FLATTEN""#),
            "Value should be one of the following: [NONE, LOAD_AND_FLATTEN] at /States/A/ItemReader/ReaderConfig/Transformation",
        ),
        (
            reader(r#""InputType":"MANIFEST","ManifestType":"CSV""#),
            "Value should be one of the following: [ATHENA_DATA, S3_INVENTORY] at /States/A/ItemReader/ReaderConfig/ManifestType",
        ),
        (
            dmap(r#""ResultWriter":{"WriterConfig":{"OutputType":"CSV"}}"#),
            "Value should be one of the following: [JSON, JSONL] at /States/A/ResultWriter/WriterConfig/OutputType",
        ),
        (
            dmap(r#""ResultWriter":{"WriterConfig":{"Transformation":"LOAD_AND_FLATTEN"}}"#),
            "Value should be one of the following: [NONE, COMPACT, FLATTEN] at /States/A/ResultWriter/WriterConfig/Transformation",
        ),
        (
            one(r#"{"Type":"Choice","Choices":[{"Variable":"$.s","StringEquals":1,"Next":"B"}],"Default":"B"},"B":{"Type":"Succeed"}"#),
            "Expected value of type [STRING] at /States/A/Choices[0]/StringEquals",
        ),
        (
            one(r#"{"Type":"Choice","Choices":[{"Variable":"$.s","IsPresent":"yes","Next":"B"}],"Default":"B"},"B":{"Type":"Succeed"}"#),
            "Expected value of type [BOOLEAN] at /States/A/Choices[0]/IsPresent",
        ),
    ];
    for (definition, expected) in cases {
        assert_eq!(
            errors(&definition),
            [format!("SCHEMA_VALIDATION_FAILED: {expected}")],
            "{definition}"
        );
    }
}

#[test]
fn jsonata_map_items_are_arrays_or_expressions() {
    let map = |items: &str| {
        format!(
            r#"{{"QueryLanguage":"JSONata","StartAt":"A","States":{{"A":{{"Type":"Map","Items":{items},"ItemProcessor":{{"StartAt":"P","States":{{"P":{{"Type":"Pass","End":true}}}}}},"End":true}}}}}}"#
        )
    };
    for ok in [r#"[1, 2]"#, r#""{% [1, 2] %}""#, r#"[1, "{% 2 %}"]"#] {
        assert_eq!(errors(&map(ok)), OK, "{ok}");
    }
    for bad in [r#""not an expression""#, "5", "true", "null"] {
        assert_eq!(
            errors(&map(bad)),
            ["SCHEMA_VALIDATION_FAILED: Expected value of type [ARRAY] at /States/A/Items"],
            "{bad}"
        );
    }
}

#[test]
fn distributed_processors_name_their_execution_type() {
    let map = r#"{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#;
    assert_eq!(
        errors(&one(map)),
        [
            "SCHEMA_VALIDATION_FAILED: These fields are required: [ExecutionType] at /States/A/ItemProcessor/ProcessorConfig"
        ]
    );
    let inline = r#"{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#;
    assert_eq!(errors(&one(inline)), OK);
}

#[test]
fn catcher_fields_follow_the_query_language() {
    let catch = |language: &str, field: &str| {
        format!(
            r#"{{"QueryLanguage":"{language}","StartAt":"A","States":{{"A":{{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{{"ErrorEquals":["States.ALL"],"Next":"B",{field}}}],"End":true}},"B":{{"Type":"Succeed"}}}}}}"#
        )
    };
    assert_eq!(
        errors(&catch("JSONPath", r#""Output":{}"#)),
        [
            "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage at /States/A/Catch[0]"
        ]
    );
    assert_eq!(
        errors(&catch("JSONata", r#""ResultPath":"$.e""#)),
        [
            "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'ResultPath' is only supported for the 'JSONPath' QueryLanguage at /States/A/Catch[0]"
        ]
    );
    assert_eq!(
        errors(&catch("JSONPath", r#""ResultPath":"$.e","Assign":{"x":1}"#)),
        OK
    );
    assert_eq!(
        errors(&catch("JSONata", r#""Output":{},"Assign":{"x":1}"#)),
        OK
    );
}

#[test]
fn names_and_labels_are_not_empty() {
    assert_eq!(
        errors(r#"{"StartAt":"","States":{"":{"Type":"Pass","End":true}}}"#),
        ["INVALID_STATE_NAME: State name cannot be empty at /States/"]
    );
    let map = r#"{"Type":"Map","Label":"","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#;
    assert_eq!(
        errors(&one(map)),
        ["SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/A/Label"]
    );
}
