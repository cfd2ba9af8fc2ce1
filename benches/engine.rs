//! In-process interpreter throughput: `cargo bench --bench engine`.
//!
//! Runs the deterministic core directly (no HTTP, no tokio) and prints state transitions per
//! second for the shapes issue 3 names: a 10-state Pass chain (with and without history), a
//! 10,000-item Map and a 100-iteration Choice loop.

use serde_json::{Value, json};
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};
use stepstone::asl::definition::Definition;
use stepstone::asl::validate::{MachineType, check};
use stepstone::engine::core::{Core, Effect, ExecutionInfo, Outcome, Wake};
use time::OffsetDateTime;

fn definition(text: &str) -> Arc<Definition> {
    Arc::new(
        check(text, MachineType::Standard)
            .definition
            .expect("valid definition"),
    )
}

fn info(input: Value) -> Arc<ExecutionInfo> {
    Arc::new(ExecutionInfo {
        execution_arn: "arn:aws:states:us-east-1:123456789012:execution:bench:e".into(),
        name: "e".into(),
        state_machine_arn: "arn:aws:states:us-east-1:123456789012:stateMachine:bench".into(),
        state_machine_name: "bench".into(),
        role_arn: "arn:aws:iam::123456789012:role/bench".into(),
        region: "us-east-1".into(),
        input,
        start_time: OffsetDateTime::UNIX_EPOCH,
        alias_arn: None,
        version_arn: None,
        express: false,
    })
}

/// Runs one execution to its end; returns how many history events it produced.
fn run(definition: &Arc<Definition>, input: &Value, record: bool) -> u64 {
    let mut core = Core::start(definition.clone(), info(input.clone()), record);
    let mut events = 0;
    loop {
        let effects = core.advance(OffsetDateTime::UNIX_EPOCH);
        events += core.take_history().len() as u64;
        if let Some(outcome) = core.outcome() {
            assert!(matches!(outcome, Outcome::Succeeded(_)), "{outcome:?}");
            return events;
        }
        for effect in effects {
            if let Effect::Timer { frame, token, .. } = effect {
                core.wake(Wake::Timer { frame, token });
            }
        }
    }
}

/// Runs executions for about `budget` and reports executions/s and transitions/s.
fn bench(
    name: &str,
    definition: &str,
    input: Value,
    transitions_per_run: u64,
    record: bool,
    budget: Duration,
) {
    let definition = definition_arc(definition);
    run(&definition, &input, record);
    let started = Instant::now();
    let mut runs = 0u64;
    while started.elapsed() < budget {
        black_box(run(&definition, &input, record));
        runs += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{name:<44} {:>10.0} executions/s {:>12.0} transitions/s  ({:.1} us/execution)",
        runs as f64 / seconds,
        (runs * transitions_per_run) as f64 / seconds,
        seconds * 1e6 / runs as f64
    );
}

fn definition_arc(text: &str) -> Arc<Definition> {
    definition(text)
}

fn pass_chain(n: usize) -> String {
    let states: Vec<String> = (0..n)
        .map(|i| {
            let next = if i + 1 == n {
                r#""End":true"#.to_owned()
            } else {
                format!(r#""Next":"S{}""#, i + 1)
            };
            format!(r#""S{i}":{{"Type":"Pass","Parameters":{{"i":{i},"v.$":"$.v"}},{next}}}"#)
        })
        .collect();
    format!(r#"{{"StartAt":"S0","States":{{{}}}}}"#, states.join(","))
}

fn main() {
    let budget = Duration::from_secs(2);
    let chain = pass_chain(10);
    bench(
        "10-state Pass chain, no history (express)",
        &chain,
        json!({"v": 1}),
        10,
        false,
        budget,
    );
    bench(
        "10-state Pass chain, with history (standard)",
        &chain,
        json!({"v": 1}),
        10,
        true,
        budget,
    );

    let map = r#"{"StartAt":"M","States":{"M":{"Type":"Map","End":true,
        "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}"#;
    let items: Vec<Value> = (0..10_000).map(|i| json!({"i": i})).collect();
    bench(
        "10,000-item Map, with history",
        map,
        Value::Array(items.clone()),
        10_001,
        true,
        budget,
    );
    bench(
        "10,000-item Map, no history",
        map,
        Value::Array(items),
        10_001,
        false,
        budget,
    );

    let choice_loop = r#"{"StartAt":"Inc","States":{
        "Inc":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, 1)"},"Next":"Check"},
        "Check":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":100,"Next":"Inc"}],"Default":"Done"},
        "Done":{"Type":"Succeed"}}}"#;
    bench(
        "100-iteration Choice loop, with history",
        choice_loop,
        json!({"n": 0}),
        201,
        true,
        budget,
    );
}
