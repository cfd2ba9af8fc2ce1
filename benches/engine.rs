//! In-process interpreter throughput: `cargo bench --bench engine [-- <filter>]`.
//!
//! Runs the deterministic core directly (no HTTP, no tokio) and prints state transitions per
//! second for the shapes issue 3 names: a 10-state Pass chain (with and without history), a
//! 10,000-item Map and a 100-iteration Choice loop; and, for issue 4, the same data flow as a
//! 10-state Pass chain in JSONPath and in JSONata. A filter runs only the benchmarks whose
//! name contains it.

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

/// Runs one execution to its end, successfully; returns the finished core.
fn run(definition: &Arc<Definition>, input: &Value, record: bool) -> Core {
    let mut core = Core::start(definition.clone(), info(input.clone()), record);
    loop {
        let effects = core.advance(OffsetDateTime::UNIX_EPOCH);
        black_box(core.take_history());
        if let Some(outcome) = core.outcome() {
            assert!(matches!(outcome, Outcome::Succeeded(_)), "{outcome:?}");
            return core;
        }
        for effect in effects {
            if let Effect::Timer { frame, token, .. } = effect {
                core.wake(Wake::Timer { frame, token });
            }
        }
    }
}

/// The benchmarks to run: those whose name contains the filter, if one was given.
struct Bench {
    filter: Option<String>,
    budget: Duration,
}

impl Bench {
    /// Runs executions for about `budget` and reports executions/s and transitions/s.
    #[allow(clippy::disallowed_methods, reason = "a benchmark measures real time")]
    fn run(
        &self,
        name: &str,
        definition: &str,
        input: Value,
        transitions_per_run: u64,
        record: bool,
    ) {
        if self
            .filter
            .as_ref()
            .is_some_and(|f| !name.contains(f.as_str()))
        {
            return;
        }
        let definition = definition_arc(definition);
        run(&definition, &input, record);
        let started = Instant::now();
        let mut runs = 0u64;
        while started.elapsed() < self.budget {
            black_box(run(&definition, &input, record));
            runs += 1;
        }
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "{name:<44} {:>10.0} executions/s {:>12.0} transitions/s  ({:.1} us/execution, {:.0} ns/transition)",
            runs as f64 / seconds,
            (runs * transitions_per_run) as f64 / seconds,
            seconds * 1e6 / runs as f64,
            seconds * 1e9 / (runs * transitions_per_run) as f64
        );
    }
}

fn definition_arc(text: &str) -> Arc<Definition> {
    definition(text)
}

/// `n` Pass states chained, each one written by `state(i)`.
fn chain(n: usize, query_language: &str, state: impl Fn(usize) -> String) -> String {
    let states: Vec<String> = (0..n)
        .map(|i| {
            let next = if i + 1 == n {
                r#""End":true"#.to_owned()
            } else {
                format!(r#""Next":"S{}""#, i + 1)
            };
            format!(r#""S{i}":{{"Type":"Pass",{},{next}}}"#, state(i))
        })
        .collect();
    format!(
        r#"{{"QueryLanguage":"{query_language}","StartAt":"S0","States":{{{}}}}}"#,
        states.join(",")
    )
}

/// Each state sets `i` and copies `v`.
fn pass_chain(n: usize) -> String {
    chain(n, "JSONPath", |i| {
        format!(r#""Parameters":{{"i":{i},"v.$":"$.v"}}"#)
    })
}

/// Each state builds an object from input fields and sets it at `out` of its input.
fn json_path_chain(n: usize) -> String {
    chain(n, "JSONPath", |i| {
        format!(
            r#""Parameters":{{"i":{i},"name.$":"$.name","v.$":"$.v","tags.$":"$.tags"}},"ResultPath":"$.out""#
        )
    })
}

/// The same data flow as [`json_path_chain`], as one JSONata expression per state.
fn jsonata_chain(n: usize) -> String {
    chain(n, "JSONata", |i| {
        format!(
            r#""Output":"{{% $merge([$states.input, {{'out': {{'i': {i}, 'name': $states.input.name, 'v': $states.input.v, 'tags': $states.input.tags}}}}]) %}}""#
        )
    })
}

fn main() {
    // `cargo bench` passes `--bench`; the first other argument is the filter.
    let bench = Bench {
        filter: std::env::args().skip(1).find(|a| !a.starts_with("--")),
        budget: Duration::from_secs(2),
    };
    let chain = pass_chain(10);
    bench.run(
        "10-state Pass chain, no history (express)",
        &chain,
        json!({"v": 1}),
        10,
        false,
    );
    bench.run(
        "10-state Pass chain, with history (standard)",
        &chain,
        json!({"v": 1}),
        10,
        true,
    );

    let map = r#"{"StartAt":"M","States":{"M":{"Type":"Map","End":true,
        "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}"#;
    let items: Vec<Value> = (0..10_000).map(|i| json!({"i": i})).collect();
    // A standard execution's history holds at most 25,000 events: 6,000 iterations of four.
    bench.run(
        "6,000-item Map, with history",
        map,
        Value::Array(items[..6_000].to_vec()),
        6_001,
        true,
    );
    bench.run(
        "10,000-item Map, no history",
        map,
        Value::Array(items),
        10_001,
        false,
    );

    let choice_loop = r#"{"StartAt":"Inc","States":{
        "Inc":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, 1)"},"Next":"Check"},
        "Check":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":100,"Next":"Inc"}],"Default":"Done"},
        "Done":{"Type":"Succeed"}}}"#;
    bench.run(
        "100-iteration Choice loop, with history",
        choice_loop,
        json!({"n": 0}),
        201,
        true,
    );

    let input = json!({"name": "bench", "v": 1, "tags": ["a", "b", "c"]});
    let (json_path, jsonata) = (json_path_chain(10), jsonata_chain(10));
    assert_eq!(
        run(&definition(&json_path), &input, false).outcome(),
        run(&definition(&jsonata), &input, false).outcome(),
        "the two chains do the same"
    );
    bench.run(
        "10-state data-flow chain, JSONPath",
        &json_path,
        input.clone(),
        10,
        false,
    );
    bench.run(
        "10-state data-flow chain, JSONata",
        &jsonata,
        input,
        10,
        false,
    );
}
