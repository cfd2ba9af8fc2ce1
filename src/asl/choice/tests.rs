use super::*;
use crate::asl::definition::{DataFlow, StateKind};
use crate::asl::path::Path;
use crate::asl::payload::input_path;
use crate::asl::validate::{MachineType, check};
use serde_json::json;

fn cmp(variable: &str, comparator: Comparator, operand: Operand) -> Condition {
    Condition::Compare(Comparison {
        variable: Path::parse(variable).expect("valid path"),
        comparator,
        operand,
    })
}

fn path_operand(p: &str) -> Operand {
    Operand::Path(Path::parse(p).expect("valid path"))
}

fn check_on(condition: &Condition, input: Value) -> Result<bool, Failure> {
    let context = json!({});
    holds(condition, &Roots::new(&input, &context))
}

fn s(v: &str) -> Operand {
    Operand::String(v.into())
}

fn rule(condition: Condition, next: &str) -> ChoiceRule {
    ChoiceRule {
        condition,
        next: next.into(),
        assign: None,
        output: None,
        comment: None,
    }
}

#[test]
fn string_operators_use_java_order() {
    use Comparator::*;
    let t = |c, o: &str, v: Value| check_on(&cmp("$.v", c, s(o)), json!({ "v": v }));
    assert_eq!(t(StringEquals, "a", json!("a")), Ok(true));
    assert_eq!(t(StringLessThan, "AB", json!("A")), Ok(true));
    assert_eq!(t(StringGreaterThanEquals, "A", json!("AB")), Ok(true));
    assert_eq!(t(StringLessThanEquals, "A", json!("AB")), Ok(false));
    assert_eq!(t(StringEquals, "1", json!(1)), Ok(false));
    // U+1F600 is a surrogate pair (0xD83D...) and sorts before U+FFFD in UTF-16.
    assert_eq!(t(StringLessThan, "\u{FFFD}", json!("\u{1F600}")), Ok(true));
}

#[test]
fn numeric_operators_compare_doubles() {
    use Comparator::*;
    let t = |c, n: f64, v: Value| check_on(&cmp("$.v", c, Operand::Number(n)), json!({ "v": v }));
    assert_eq!(t(NumericEquals, 1.0, json!(1)), Ok(true));
    assert_eq!(t(NumericGreaterThan, 0.0, json!(0.5)), Ok(true));
    assert_eq!(t(NumericLessThanEquals, 1.0, json!(1)), Ok(true));
    assert_eq!(t(NumericEquals, 0.0, json!("0")), Ok(false));
    assert_eq!(t(NumericEquals, 0.0, json!(false)), Ok(false));
}

#[test]
fn boolean_and_timestamp_operators() {
    use Comparator::*;
    let input = json!({"b": true, "t": "2012-10-09T19:00:55Z", "u": "2012-10-09T20:00:55+01:00"});
    let t = |c| check_on(&c, input.clone());
    assert_eq!(
        t(cmp("$.b", BooleanEquals, Operand::Boolean(true))),
        Ok(true)
    );
    assert_eq!(
        t(cmp("$.t", TimestampEquals, path_operand("$.u"))),
        Ok(true)
    );
    assert_eq!(
        t(cmp("$.t", TimestampLessThan, s("2012-10-09T19:00:56Z"))),
        Ok(true)
    );
    assert_eq!(
        t(cmp("$.t", TimestampEquals, s("2012-10-09t19:00:55z"))),
        Ok(false)
    );
    assert_eq!(
        t(cmp("$.b", TimestampEquals, path_operand("$.t"))),
        Ok(false)
    );
}

#[test]
fn type_tests() {
    use Comparator::*;
    let t = |c, v: Value| check_on(&cmp("$.v", c, Operand::Boolean(true)), json!({ "v": v }));
    assert_eq!(t(IsNull, json!(null)), Ok(true));
    assert_eq!(t(IsNumeric, json!(1.5)), Ok(true));
    assert_eq!(t(IsString, json!("x")), Ok(true));
    assert_eq!(t(IsBoolean, json!(0)), Ok(false));
    assert_eq!(t(IsTimestamp, json!("2016-03-14T01:59:00Z")), Ok(true));
    assert_eq!(t(IsTimestamp, json!("2016-03-14")), Ok(false));
    let absent = cmp("$.nope", IsPresent, Operand::Boolean(false));
    assert_eq!(check_on(&absent, json!({})), Ok(true));
}

#[test]
fn missing_variable_is_a_runtime_failure() {
    let c = cmp("$.x", Comparator::IsNull, Operand::Boolean(true));
    assert_eq!(
        check_on(&c, json!({})),
        Err(Failure::runtime(
            "Invalid path '$.x': The choice state's condition path references an invalid value."
        ))
    );
    let c = cmp("$.v", Comparator::StringEquals, path_operand("$.y"));
    assert_eq!(
        check_on(&c, json!({"v": "a"})).map_err(|f| f.cause),
        Err(
            "Invalid path '$.y': The choice state's condition path references an invalid value."
                .into()
        )
    );
}

#[test]
fn and_or_short_circuit() {
    let present = cmp("$.x", Comparator::IsPresent, Operand::Boolean(true));
    let positive = cmp("$.x", Comparator::NumericGreaterThan, Operand::Number(0.0));
    let guarded = Condition::And(vec![present.clone(), positive.clone()]);
    assert_eq!(check_on(&guarded, json!({})), Ok(false));
    assert_eq!(check_on(&guarded, json!({"x": 1})), Ok(true));
    let either = Condition::Or(vec![Condition::Not(Box::new(present)), positive]);
    assert_eq!(check_on(&either, json!({})), Ok(true));
}

#[test]
fn string_matches_wildcards_and_escapes() {
    assert!(string_matches("log-2024.txt", "log-*.txt"));
    assert!(string_matches("", "*"));
    assert!(string_matches("abc", "a*b*c*"));
    assert!(!string_matches("abd", "a*c"));
    assert!(string_matches("a*b", "a\\*b"));
    assert!(!string_matches("axb", "a\\*b"));
    assert!(string_matches("a\\b", "a\\\\b"));
    assert!(string_matches("ÄÖ", "Ä*"));
    assert!(!string_matches("ab", "abc"));
}

#[test]
fn first_match_wins_then_default_then_failure() {
    let yes = Condition::Jsonata(ValueOrExpr::Value(true));
    let no = Condition::Jsonata(ValueOrExpr::Value(false));
    let mut choice = Choice {
        choices: vec![rule(no, "A"), rule(yes.clone(), "B"), rule(yes, "C")],
        default: Some("D".into()),
    };
    let input = json!({});
    let roots = Roots::new(&input, &input);
    assert_eq!(decide(&choice, &roots).map(|d| d.next()), Ok("B"));
    choice.choices.drain(1..);
    assert_eq!(decide(&choice, &roots).map(|d| d.next()), Ok("D"));
    choice.default = None;
    assert_eq!(
        decide(&choice, &roots),
        Err(Failure::new("States.NoChoiceMatched", "No Matches!"))
    );
}

/// What the recording says the Choice state did.
#[derive(Debug, PartialEq)]
enum Expected {
    Next(String),
    Failed { error: String, cause: String },
}

/// The Choice state's input: from its `ChoiceStateEntered` event if recorded, else the
/// execution input.
fn recorded_input(case: &Value) -> Value {
    let entered = case["expected"]["history_events"]
        .as_array()
        .and_then(|events| {
            events
                .iter()
                .find(|e| e["type"] == "ChoiceStateEntered")
                .map(|e| e["stateEnteredEventDetails"]["input"].clone())
        });
    let raw = entered.unwrap_or_else(|| case["input"].clone());
    match raw {
        Value::String(text) => serde_json::from_str(&text).unwrap_or(Value::String(text)),
        Value::Null => json!({}),
        other => other,
    }
}

/// The outcome the recording shows: the state entered after the Choice state, else the Pass
/// state whose fixed `Result` is the execution output, else the failure.
fn recorded_outcome(case: &Value, choice_name: &str) -> Option<Expected> {
    let expected = &case["expected"];
    if expected["status"] == "FAILED" {
        return Some(Expected::Failed {
            error: expected["error"].as_str()?.to_owned(),
            cause: expected["cause"].as_str().unwrap_or_default().to_owned(),
        });
    }
    if let Some(events) = expected["history_events"].as_array() {
        let entered = events
            .iter()
            .filter_map(|e| e["stateEnteredEventDetails"]["name"].as_str());
        let mut after = entered.skip_while(|n| *n != choice_name).skip(1);
        return after.next().map(|n| Expected::Next(n.to_owned()));
    }
    let states = case["definition"]["States"].as_object()?;
    let mut hits = states
        .iter()
        .filter(|(_, s)| s["Type"] == "Pass" && s.get("Result") == Some(&expected["output"]));
    let (name, _) = hits.next()?;
    hits.next().is_none().then(|| Expected::Next(name.clone()))
}

/// Runs one recorded case; `Err` describes a mismatch.
fn run_case(case: &Value) -> Result<(), String> {
    let text = serde_json::to_string(&case["definition"]).map_err(|e| e.to_string())?;
    let definition = check(&text, MachineType::Standard)
        .definition
        .ok_or("definition rejected")?;
    let (name, state) = definition
        .machine
        .states
        .iter()
        .find(|(_, s)| matches!(s.kind, StateKind::Choice(_)))
        .ok_or("no Choice state")?;
    let StateKind::Choice(choice) = &state.kind else {
        return Err("not a Choice state".into());
    };
    let raw = recorded_input(case);
    let context = json!({"Execution": {"Input": raw.clone()}});
    let roots = Roots::new(&raw, &context);
    let expected = recorded_outcome(case, name).ok_or("outcome not decidable from recording")?;
    let effective = match &state.data_flow {
        DataFlow::JsonPath(flow) => input_path(&flow.input_path, &roots),
        DataFlow::Jsonata(_) => Ok(raw.clone()),
    };
    let got = effective.and_then(|input| {
        decide(choice, &Roots::new(&input, &context)).map(|d| d.next().to_owned())
    });
    match (got, expected) {
        (Ok(next), Expected::Next(want)) if next == want => Ok(()),
        (Err(f), Expected::Failed { error, cause })
            if f.error == error && cause.ends_with(&f.cause) =>
        {
            Ok(())
        }
        (got, want) => Err(format!("got {got:?}, recorded {want:?}")),
    }
}

#[test]
fn recorded_choice_operator_cases() {
    let cases = crate::asl::recorded::load("choice_operators_");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(file, case)| run_case(case).err().map(|why| format!("{file}: {why}")))
        .collect();
    eprintln!(
        "choice_operators: {} of {} recorded cases pass",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
