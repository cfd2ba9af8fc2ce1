use serde_json::{Map, Value, json};

use super::*;

/// A deterministic environment: fixed UUID, seed-driven "random" numbers, tagged "hashes".
struct TestEnv;

impl IntrinsicEnv for TestEnv {
    fn uuid(&mut self) -> String {
        "0f8fad5b-d9cb-469f-a165-70867728950e".to_owned()
    }
    fn random(&mut self, start: i64, end: i64, seed: Option<i64>) -> i64 {
        start + seed.unwrap_or(0).rem_euclid(end - start)
    }
    fn hash(&self, algorithm: HashAlgorithm, data: &str) -> String {
        format!("{}({data})", algorithm.name())
    }
}

fn context() -> Value {
    json!({"Execution": {"Name": "exec-1"}, "StateMachine": {"Id": "arn:sm", "Name": "sm-name-x"}})
}

fn run(input: &Value, expr: &str) -> Result<Value, IntrinsicEvalError> {
    let call = Intrinsic::parse(expr).unwrap_or_else(|e| panic!("{expr}: {e}"));
    let ctx = context();
    let vars: Map<String, Value> =
        serde_json::from_value(json!({"v": {"n": 2}, "s": "a,b"})).unwrap_or_default();
    let roots = Roots::new(input, &ctx).with_variables(&vars);
    call.eval(&roots, &mut TestEnv)
}

/// `expr` evaluated with `input` as `$` gives `want`.
fn give(input: Value, expr: &str, want: Value) {
    assert_eq!(run(&input, expr), Ok(want), "{expr}");
}

/// `expr` fails with States.IntrinsicFailure and a cause containing `part`.
fn fails(input: Value, expr: &str, part: &str) {
    match run(&input, expr) {
        Err(e @ IntrinsicEvalError::Failure(_)) => {
            assert_eq!(e.error_name(), "States.IntrinsicFailure");
            assert!(e.to_string().contains(part), "{expr}: {e}");
        }
        other => panic!("{expr}: expected a failure, got {other:?}"),
    }
}

fn rejects(expr: &str, part: &str) {
    match Intrinsic::parse(expr) {
        Err(e) => assert!(e.message.contains(part), "{expr}: {e}"),
        Ok(call) => panic!("{expr} should not parse: {call:?}"),
    }
}

fn fi(input: Value) -> Value {
    json!({ "FunctionInput": input })
}

#[test]
fn parse_accepts() {
    for expr in [
        "States.UUID()",
        " States.Array( ) ",
        "States.Array(1, -2, 3.5, -1.5e3, true, false, null, 'x', $, $.a, $$.b, $v.c, $.a[0], $['k'])",
        "States.Format('{} and {}', $.a, 'b')",
        r"States.Format('\{\} \' \\ {}', 1)",
        "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)",
        "States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'), $$.Execution.Input.input_field, false)",
        "States.MathAdd(States.MathAdd(States.MathAdd($yCurrent, $xCurrent), $zCurrent), $bias)",
        "States.MathRandom(1, 10, 7)",
        "States.Format('a,b)c', $.x)",
        "States.Array($.items[?(@.v > 1)], $..x)",
    ] {
        assert!(
            Intrinsic::parse(expr).is_ok(),
            "{expr}: {:?}",
            Intrinsic::parse(expr)
        );
    }
}

#[test]
fn parse_rejects() {
    rejects("States.Foo(1)", "Function 'States.Foo' not supported");
    rejects("Foo.Bar()", "not supported");
    rejects("$.a", "not supported");
    rejects("States.Array(1", "expected ',' or ')'");
    rejects("States.Array(1,)", "expected a string");
    rejects("States.Array(1) x", "unexpected text");
    rejects("States.Array('abc)", "unterminated");
    rejects("States.Array(abc)", "expected a string");
    rejects("States.Array(nullx)", "expected a string");
    rejects("States.Array($.)", "invalid path");
    rejects("States.Array(1.2.3)", "invalid number");
    rejects(
        "States.UUID(1)",
        "States.UUID takes exactly 0 argument(s) but was given 1",
    );
    rejects("States.ArrayLength()", "exactly 1");
    rejects("States.Format()", "at least 1");
    rejects("States.MathRandom(1)", "2 to 3");
    rejects("States.JsonMerge($.a, $.b)", "exactly 3");
    rejects("States.Array", "expected '('");
}

#[test]
fn illegal_escapes_are_rejected() {
    // scenarios/test_base_scenarios::...test_illegal_escapes[ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION]
    rejects(
        r#"States.StringToJson('{"text":"An \"escaped double quote\" here"}')"#,
        "illegal escape",
    );
    // ...[ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION_2]
    rejects(
        r#"States.Format('He said, \"Hello, {}!\"', 'Test \"Name\" Here')"#,
        "illegal escape",
    );
    rejects(r"States.Format('a\n')", "illegal escape");
    rejects(r"States.Format('a\')", "unterminated");
}

#[test]
fn nesting_is_limited_to_ten() {
    let nest = |n: usize| format!("{}1{}", "States.Array(".repeat(n), ")".repeat(n));
    assert!(Intrinsic::parse(&nest(10)).is_ok());
    rejects(&nest(11), "nested more than 10");
    rejects(&nest(10_000), "nested more than 10");
}

#[test]
fn introspection() {
    let call = Intrinsic::parse("States.Format('{}{}', $.a, States.JsonToString($v.b))");
    let call = call.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(call.function(), Function::Format);
    assert!(call.function().returns_string());
    assert!(!Function::Array.returns_string());
    let paths: Vec<&str> = call.paths().iter().map(|p| p.source()).collect();
    assert_eq!(paths, ["$.a", "$v.b"]);
    assert_eq!(
        call.source(),
        "States.Format('{}{}', $.a, States.JsonToString($v.b))"
    );
}

#[test]
fn format() {
    // intrinsic_functions/test_generic::TestGeneric::test_format_1 / test_format_2
    let one = "States.Format('Formatting argument {}.', $.FunctionInput)";
    give(fi(json!("")), one, json!("Formatting argument ."));
    give(fi(json!(" ")), one, json!("Formatting argument  ."));
    give(
        fi(json!("HelloWorld")),
        one,
        json!("Formatting argument HelloWorld."),
    );
    give(fi(json!(null)), one, json!("Formatting argument null."));
    give(fi(json!(1)), one, json!("Formatting argument 1."));
    give(fi(json!(1.1)), one, json!("Formatting argument 1.1."));
    give(
        fi(json!("{\"Arg1\": 1, \"Arg2\": []}")),
        one,
        json!("Formatting argument {\"Arg1\": 1, \"Arg2\": []}."),
    );
    let two = "States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)";
    give(
        fi(json!({"fst": {"Arg1": 1, "Arg2": []}, "snd": {"Arg1": 1, "Arg2": []}})),
        two,
        json!("Formatting arguments fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}."),
    );
    give(
        fi(json!({"fst": true, "snd": [1, "a"]})),
        two,
        json!("Formatting arguments fst=true and snd=[1, a]."),
    );
}

#[test]
fn format_with_context_and_variables() {
    // intrinsic_functions/test_generic::TestGeneric::test_context_json_path
    give(
        json!({}),
        "States.Format('Formatting arguments fst={} and snd={}.', $$.Execution.Name, $$.StateMachine)",
        json!("Formatting arguments fst=exec-1 and snd={Id=arn:sm, Name=sm-name-x}."),
    );
    give(json!({}), "States.Format('n={}', $v.n)", json!("n=2"));
    give(
        json!({"t": "Hi {}, {}"}),
        "States.Format($.t, 'a', 1)",
        json!("Hi a, 1"),
    );
}

#[test]
fn format_escapes_and_mismatches() {
    give(
        json!({}),
        r"States.Format('\{\} {} \'q\' \\', 1)",
        json!(r"{} 1 'q' \"),
    );
    give(
        json!({}),
        "States.Format('{\"a\": {}}', 1)",
        json!("{\"a\": 1}"),
    );
    fails(
        json!({}),
        "States.Format('{} {}', 1)",
        "2 placeholder(s) but 1 value(s)",
    );
    fails(
        json!({}),
        "States.Format('none', 1)",
        "0 placeholder(s) but 1 value(s)",
    );
    fails(json!({"t": 5}), "States.Format($.t)", "expected a string");
}

#[test]
fn string_to_json_and_back() {
    give(
        json!({"s": "{\"a\": [1, 2]}"}),
        "States.StringToJson($.s)",
        json!({"a": [1, 2]}),
    );
    give(json!({"s": "  "}), "States.StringToJson($.s)", json!(null));
    give(json!({}), "States.StringToJson('\"x\"')", json!("x"));
    // intrinsic_functions/test_json_manipulation::TestJsonManipulation::test_json_merge_escaped_argument
    give(
        json!({}),
        "States.StringToJson('{\"constant_in_literal\": \"false\"}')",
        json!({"constant_in_literal": "false"}),
    );
    fails(
        json!({"s": "{nope"}),
        "States.StringToJson($.s)",
        "not valid JSON",
    );
    fails(
        json!({"s": 1}),
        "States.StringToJson($.s)",
        "expected a string but got a number",
    );
    // intrinsic_functions/test_json_manipulation::TestJsonManipulation::test_json_to_string
    let to_string = "States.JsonToString($.FunctionInput)";
    give(fi(json!(null)), to_string, json!("null"));
    give(fi(json!(0)), to_string, json!("0"));
    give(fi(json!(1.1)), to_string, json!("1.1"));
    give(fi(json!(true)), to_string, json!("true"));
    give(fi(json!("HelloWorld")), to_string, json!("\"HelloWorld\""));
    give(
        fi(json!([1, 2, "HelloWorld"])),
        to_string,
        json!("[1,2,\"HelloWorld\"]"),
    );
    give(
        fi(json!({"Arg1": 1, "Arg2": []})),
        to_string,
        json!("{\"Arg1\":1,\"Arg2\":[]}"),
    );
}

#[test]
fn array() {
    // intrinsic_functions/test_array::TestArray::test_array_0 / test_array_2
    give(json!({}), "States.Array()", json!([]));
    let two = "States.Array($.FunctionInput.fst, $.FunctionInput.snd)";
    give(
        fi(json!({"fst": null, "snd": null})),
        two,
        json!([null, null]),
    );
    give(
        fi(json!({"fst": 1.1, "snd": {"a": []}})),
        two,
        json!([1.1, {"a": []}]),
    );
    give(
        json!({}),
        "States.Array('a', 'b', 'c')",
        json!(["a", "b", "c"]),
    );
    give(
        json!({}),
        "States.Array(States.Array(1), -2, 'x{}')",
        json!([[1], -2, "x{}"]),
    );
}

#[test]
fn array_partition() {
    // intrinsic_functions/test_array::TestArray::test_array_partition#exec_hist_resp_*
    let part = "States.ArrayPartition($.FunctionInput.fst, $.FunctionInput.snd)";
    give(fi(json!({"fst": [], "snd": 1})), part, json!([]));
    give(
        fi(json!({"fst": [0, 1], "snd": 1})),
        part,
        json!([[0], [1]]),
    );
    give(fi(json!({"fst": [0, 1], "snd": 5})), part, json!([[0, 1]]));
    give(
        fi(json!({"fst": [0, 1, 2], "snd": 2})),
        part,
        json!([[0, 1], [2]]),
    );
    give(
        fi(json!({"fst": [0, 1, 2, 3], "snd": 3})),
        part,
        json!([[0, 1, 2], [3]]),
    );
    give(
        fi(json!({"fst": [0, 1, 2, 3], "snd": 2.0})),
        part,
        json!([[0, 1], [2, 3]]),
    );
    fails(fi(json!({"fst": [0], "snd": 0})), part, "positive integer");
    fails(fi(json!({"fst": [0], "snd": -1})), part, "positive integer");
    fails(
        fi(json!({"fst": [0], "snd": 1.5})),
        part,
        "expected an integer",
    );
    fails(
        fi(json!({"fst": "x", "snd": 1})),
        part,
        "expected an array but got a string",
    );
}

#[test]
fn array_contains_length_unique() {
    give(
        json!({"a": [1, {"k": [2]}]}),
        "States.ArrayContains($.a, 1)",
        json!(true),
    );
    give(
        json!({"a": [1, {"k": [2]}], "b": {"k": [2]}}),
        "States.ArrayContains($.a, $.b)",
        json!(true),
    );
    give(
        json!({"a": [1]}),
        "States.ArrayContains($.a, '1')",
        json!(false),
    );
    // intrinsic_functions/test_array::TestArray::test_array_length
    give(
        fi(json!([1, 2, 3, 4, 5, 6, 7, 8, 9])),
        "States.ArrayLength($.FunctionInput)",
        json!(9),
    );
    give(json!({"a": []}), "States.ArrayLength($.a)", json!(0));
    fails(
        json!({"a": {}}),
        "States.ArrayLength($.a)",
        "expected an array but got an object",
    );
    give(
        json!({"a": [null, null, true, 1, 1, 1.1, "x", "x", [], [], {"a": 1}, {"a": 1}, {"a": 2}]}),
        "States.ArrayUnique($.a)",
        json!([null, true, 1, 1.1, "x", [], {"a": 1}, {"a": 2}]),
    );
    give(
        json!({"a": [{"a": 1, "b": [2, {"c": 3, "d": 4}]}, {"b": [2, {"d": 4, "c": 3}], "a": 1}, {"a": "1"}]}),
        "States.ArrayUnique($.a)",
        json!([{"a": 1, "b": [2, {"c": 3, "d": 4}]}, {"a": "1"}]),
    );
}

#[test]
fn array_unique_is_linear_in_its_input() {
    // 200,000 distinct items: quadratic comparison would take minutes.
    let items: Vec<Value> = (0..200_000).map(|n| json!({"n": n})).collect();
    let out = run(&json!({ "a": items }), "States.ArrayUnique($.a)").unwrap();
    assert_eq!(out.as_array().map(Vec::len), Some(200_000));
}

#[test]
fn array_range() {
    give(
        json!({}),
        "States.ArrayRange(1, 9, 2)",
        json!([1, 3, 5, 7, 9]),
    );
    give(
        json!({}),
        "States.ArrayRange(1, 10, 2)",
        json!([1, 3, 5, 7, 9]),
    );
    give(json!({}), "States.ArrayRange(0, 3, 1)", json!([0, 1, 2, 3]));
    give(
        json!({}),
        "States.ArrayRange(3, 0, -1)",
        json!([3, 2, 1, 0]),
    );
    give(json!({}), "States.ArrayRange(5, 5, 3)", json!([5]));
    give(json!({}), "States.ArrayRange(0, 3, -1)", json!([]));
    give(
        json!({}),
        "States.ArrayRange(0, 999, 1)",
        Value::Array((0..1000).map(Value::from).collect()),
    );
    fails(
        json!({}),
        "States.ArrayRange(0, 1000, 1)",
        "Arrays cannot contain more than 1000 items",
    );
    fails(json!({}), "States.ArrayRange(0, 3, 0)", "step cannot be 0");
    fails(
        json!({}),
        "States.ArrayRange(0, 3.5, 1)",
        "expected an integer",
    );
    fails(
        json!({}),
        "States.ArrayRange(-9223372036854775808, 9223372036854775807, 1)",
        "1000 items",
    );
}

#[test]
fn array_get_item() {
    give(
        json!({"a": [1, 2, 3]}),
        "States.ArrayGetItem($.a, 2)",
        json!(3),
    );
    // intrinsic_functions/test_generic::TestGeneric::test_nested_calls_1
    give(
        json!({}),
        "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)",
        json!("sm"),
    );
    fails(
        json!({"a": [1]}),
        "States.ArrayGetItem($.a, 1)",
        "index 1 is out of bounds for an array of length 1",
    );
    fails(
        json!({"a": [1]}),
        "States.ArrayGetItem($.a, -1)",
        "out of bounds",
    );
    fails(
        json!({"a": [1]}),
        "States.ArrayGetItem($.a, 'x')",
        "expected an integer",
    );
}

#[test]
fn base64() {
    // intrinsic_functions/test_encode_decode::TestEncodeDecode::test_base_64_encode / decode
    give(
        fi(json!("")),
        "States.Base64Encode($.FunctionInput)",
        json!(""),
    );
    give(
        fi(json!("Data to encode")),
        "States.Base64Encode($.FunctionInput)",
        json!("RGF0YSB0byBlbmNvZGU="),
    );
    give(
        fi(json!("")),
        "States.Base64Decode($.FunctionInput)",
        json!(""),
    );
    give(
        fi(json!("RGF0YSB0byBlbmNvZGU=")),
        "States.Base64Decode($.FunctionInput)",
        json!("Data to encode"),
    );
    fails(
        fi(json!("%%%%")),
        "States.Base64Decode($.FunctionInput)",
        "not valid Base64",
    );
    fails(
        fi(json!("/w==")),
        "States.Base64Decode($.FunctionInput)",
        "not valid UTF-8",
    );
    fails(
        fi(json!("x".repeat(10_001))),
        "States.Base64Encode($.FunctionInput)",
        "10000 characters",
    );
    give(
        fi(json!("é".repeat(10_000))),
        "States.ArrayLength(States.Array(States.Base64Encode($.FunctionInput)))",
        json!(1),
    );
    fails(
        fi(json!(1)),
        "States.Base64Encode($.FunctionInput)",
        "expected a string",
    );
}

#[test]
fn hash() {
    let hash = "States.Hash($.FunctionInput.fst, $.FunctionInput.snd)";
    for alg in ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"] {
        give(
            fi(json!({"fst": "input data", "snd": alg})),
            hash,
            json!(format!("{alg}(input data)")),
        );
    }
    give(
        fi(json!({"fst": {"a": 1}, "snd": "MD5"})),
        hash,
        json!("MD5({\"a\":1})"),
    );
    fails(
        fi(json!({"fst": "x", "snd": "sha-256"})),
        hash,
        "'sha-256' is not one of MD5, SHA-1, SHA-256, SHA-384, SHA-512",
    );
    fails(
        fi(json!({"fst": "x".repeat(10_001), "snd": "MD5"})),
        hash,
        "10000 characters",
    );
    assert_eq!(
        HashAlgorithm::from_name("SHA-384"),
        Some(HashAlgorithm::Sha384)
    );
}

#[test]
fn json_merge() {
    // intrinsic_functions/test_json_manipulation::TestJsonManipulation::test_json_merge
    give(
        fi(
            json!({"fst": {"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3}, "snd": {"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}}),
        ),
        "States.JsonMerge($.FunctionInput.fst, $.FunctionInput.snd, false)",
        json!({"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3, "d": 4}),
    );
    // ...test_json_merge_escaped_argument
    give(
        json!({"f": {"constant_input_field": "constant_value"}}),
        "States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'), $.f, false)",
        json!({"constant_input_field": "constant_value", "constant_in_literal": "false"}),
    );
    fails(
        json!({"a": {}}),
        "States.JsonMerge($.a, $.a, true)",
        "deep merge is not supported",
    );
    fails(
        json!({"a": {}}),
        "States.JsonMerge($.a, $.a, 'false')",
        "expected a boolean",
    );
    fails(
        json!({"a": {}}),
        "States.JsonMerge($.a, 1, false)",
        "expected an object but got a number",
    );
}

#[test]
fn math() {
    give(
        json!({"Iterations": 5}),
        "States.MathAdd($.Iterations, -1)",
        json!(4),
    );
    give(json!({}), "States.MathAdd(1.5, 2.4)", json!(4));
    give(json!({}), "States.MathAdd(-1.5, 0)", json!(-1));
    give(
        json!({}),
        "States.MathAdd(States.MathAdd(States.MathAdd(1, 2), 3), $v.n)",
        json!(8),
    );
    fails(
        json!({}),
        "States.MathAdd(9223372036854775807, 1)",
        "out of range",
    );
    fails(json!({}), "States.MathAdd('1', 1)", "expected a number");
    // intrinsic_functions/test_math_operations::TestMathOperations::test_math_random (floats are accepted)
    give(json!({}), "States.MathRandom(12.5, 44.51)", json!(13));
    give(json!({}), "States.MathRandom(-99999, -9999)", json!(-99999));
    give(json!({}), "States.MathRandom(1, 10, 12)", json!(4));
    fails(json!({}), "States.MathRandom(5, 5)", "must be less than");
}

#[test]
fn string_split() {
    // intrinsic_functions/test_string_operations::TestStringOperations::test_string_split
    let split = "States.StringSplit($.FunctionInput.fst, $.FunctionInput.snd)";
    give(fi(json!({"fst": " ", "snd": ","})), split, json!([" "]));
    give(
        fi(json!({"fst": " , ", "snd": ","})),
        split,
        json!([" ", " "]),
    );
    give(
        fi(json!({"fst": ", , ,", "snd": ","})),
        split,
        json!([" ", " "]),
    );
    give(fi(json!({"fst": ",,,,", "snd": ","})), split, json!([]));
    give(
        fi(json!({"fst": "1,2,3,4,5", "snd": ","})),
        split,
        json!(["1", "2", "3", "4", "5"]),
    );
    give(
        fi(json!({"fst": "This.is+a,test=string", "snd": ".+,="})),
        split,
        json!(["This", "is", "a", "test", "string"]),
    );
    give(
        fi(json!({"fst": "split on T and \nnew line", "snd": "T\n"})),
        split,
        json!(["split on ", " and ", "new line"]),
    );
    give(json!({}), "States.StringSplit($s, ',')", json!(["a", "b"]));
}

#[test]
fn uuid() {
    give(
        json!({}),
        "States.UUID()",
        json!("0f8fad5b-d9cb-469f-a165-70867728950e"),
    );
}

#[test]
fn missing_paths_are_runtime_errors() {
    let err = run(&json!({}), "States.Array($.nope)");
    assert_eq!(
        err.as_ref().map_err(IntrinsicEvalError::error_name),
        Err("States.Runtime")
    );
    assert_eq!(
        err.map_err(|e| e.to_string()),
        Err("Invalid path '$.nope' : No results for path: $['nope']".to_owned())
    );
}

#[test]
fn every_prefix_parses_or_fails_cleanly() {
    let full = r"States.Format('\{\}{} é\'\\', States.ArrayGetItem(States.StringSplit($.a['b,c'], ','), -1), 1.5e3, null)";
    for (end, _) in full.char_indices() {
        if let Ok(call) = Intrinsic::parse(&full[..end]) {
            let _ = run(&json!({"a": {"b,c": "x,y"}}), call.source());
        }
    }
    assert!(Intrinsic::parse(full).is_ok());
}
