//! A grammar-based fuzzer for the two expression languages users write: random JSONata
//! expressions through the adapter, random intrinsic calls through the parser and evaluator.
//! Neither may panic out of its boundary, hang past its limits or take the process down; a
//! JSONata library panic is contained by the adapter and counted (worth reporting upstream).
//!
//! Run it for a while (it is ignored in the normal suite):
//! `FUZZ_SECONDS=300 cargo test --release --lib asl::fuzz -- --ignored --nocapture`

use crate::asl::intrinsic::{HashAlgorithm, Intrinsic, IntrinsicEnv};
use crate::asl::jsonata::{Expression, JsonataError, Limits, Scope};
use crate::asl::path::Roots;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serde_json::{Map, Value, json};
use std::time::{Duration, Instant};

const NUMBERS: &[&str] = &[
    "0", "1", "-1", "2.5", "1e300", "-1e300", "9.3e18", "1e9", "1e6", "NaN", "3", "100",
];
const STRINGS: &[&str] = &[
    "''",
    "'x'",
    "'a,b,c'",
    "'[Y,*-100]'",
    "'I'",
    "'#,##0'",
    "'w'",
];
const JSONATA_FUNCTIONS: &[(&str, usize)] = &[
    ("pad", 3),
    ("formatInteger", 2),
    ("fromMillis", 2),
    ("string", 1),
    ("join", 2),
    ("split", 2),
    ("substring", 3),
    ("sum", 1),
    ("count", 1),
    ("reverse", 1),
    ("sort", 1),
    ("power", 2),
    ("round", 2),
    ("formatNumber", 2),
    ("formatBase", 2),
    ("number", 1),
    ("range", 3),
    ("partition", 2),
    ("hash", 2),
    ("parse", 1),
    ("random", 1),
    ("uuid", 0),
    ("toMillis", 2),
    ("keys", 1),
    ("merge", 1),
    ("distinct", 1),
    ("zip", 2),
    ("append", 2),
    ("replace", 3),
    ("match", 2),
    ("contains", 2),
    ("uppercase", 1),
    ("base64encode", 1),
    ("base64decode", 1),
    ("encodeUrl", 1),
    ("decodeUrl", 1),
    ("sqrt", 1),
    ("shuffle", 1),
];
const INTRINSICS: &[(&str, usize)] = &[
    ("States.Format", 3),
    ("States.StringToJson", 1),
    ("States.JsonToString", 1),
    ("States.Array", 3),
    ("States.ArrayPartition", 2),
    ("States.ArrayContains", 2),
    ("States.ArrayRange", 3),
    ("States.ArrayGetItem", 2),
    ("States.ArrayLength", 1),
    ("States.ArrayUnique", 1),
    ("States.Base64Encode", 1),
    ("States.Base64Decode", 1),
    ("States.Hash", 2),
    ("States.JsonMerge", 3),
    ("States.MathRandom", 3),
    ("States.MathAdd", 2),
    ("States.StringSplit", 2),
    ("States.UUID", 0),
];
const INTRINSIC_ARGS: &[&str] = &[
    "$.a",
    "$.n",
    "$.s",
    "$.o",
    "$",
    "$$.Execution.Name",
    "1",
    "-1",
    "0",
    "2147483648",
    "9223372036854775807",
    "1.5",
    "'a,b'",
    "'{}'",
    "'[1,2]'",
    "'SHA-256'",
    "'\\\\{}'",
    "null",
    "true",
    "'{\"a\":1}'",
];

/// Random JSONata text at most `depth` levels deep.
fn jsonata(rng: &mut StdRng, depth: u32) -> String {
    let pick =
        |rng: &mut StdRng, items: &[&str]| items[rng.random_range(0..items.len())].to_owned();
    if depth == 0 {
        return match rng.random_range(0..4) {
            0 => pick(rng, NUMBERS),
            1 => pick(rng, STRINGS),
            2 => "$states.input.a".to_owned(),
            _ => "$v".to_owned(),
        };
    }
    let choice = rng.random_range(0..9);
    let mut sub = || jsonata(rng, depth - 1);
    match choice {
        0 => format!("[{}..{}]", sub(), sub()),
        1 => format!("({} & {})", sub(), sub()),
        2 => format!("({} + {})", sub(), sub()),
        3 => format!("[{}, {}]", sub(), sub()),
        4 => format!("{{'k': {}}}", sub()),
        5 => format!("$map({}, function($x) {{ {} }})", sub(), sub()),
        6 => format!(
            "$reduce({}, function($a, $b) {{ {} }}, {})",
            sub(),
            sub(),
            sub()
        ),
        7 => format!("({} ? {} : {})", sub(), sub(), sub()),
        _ => call(rng, depth),
    }
}

fn call(rng: &mut StdRng, depth: u32) -> String {
    let (name, arity) = JSONATA_FUNCTIONS[rng.random_range(0..JSONATA_FUNCTIONS.len())];
    let count = rng.random_range(0..=arity);
    let args: Vec<String> = (0..count).map(|_| jsonata(rng, depth - 1)).collect();
    format!("${name}({})", args.join(", "))
}

/// A random intrinsic call at most `depth` calls deep.
fn intrinsic(rng: &mut StdRng, depth: u32) -> String {
    let (name, arity) = INTRINSICS[rng.random_range(0..INTRINSICS.len())];
    let count = rng.random_range(0..=arity + 1);
    let args: Vec<String> = (0..count)
        .map(|_| match depth > 0 && rng.random_range(0..3) == 0 {
            true => intrinsic(rng, depth - 1),
            false => INTRINSIC_ARGS[rng.random_range(0..INTRINSIC_ARGS.len())].to_owned(),
        })
        .collect();
    format!("{name}({})", args.join(", "))
}

struct FuzzEnv;

impl IntrinsicEnv for FuzzEnv {
    fn uuid(&mut self) -> String {
        "00000000-0000-4000-8000-000000000000".to_owned()
    }
    fn random(&mut self, start: i64, _end: i64, _seed: Option<i64>) -> i64 {
        start
    }
    fn hash(&self, _algorithm: HashAlgorithm, data: &str) -> String {
        data.len().to_string()
    }
}

/// What the runs came to.
#[derive(Debug, Default)]
struct Tally {
    runs: u64,
    values: u64,
    errors: u64,
    contained_panics: Vec<String>,
}

fn fuzz_jsonata(rng: &mut StdRng, tally: &mut Tally) {
    let depth = rng.random_range(1..5);
    let source = jsonata(rng, depth);
    let Ok(expression) = Expression::parse(&source) else {
        return;
    };
    let states = json!({"input": {"a": [1, 2, 3]}, "context": {}});
    let variables: Map<String, Value> = [("v".to_owned(), json!("x"))].into_iter().collect();
    let scope = Scope {
        states: &states,
        variables: &variables,
        now: time::OffsetDateTime::UNIX_EPOCH,
    };
    let limits = Limits {
        timeout: Duration::from_millis(50),
        ..Limits::default()
    };
    tally.runs += 1;
    match expression.evaluate_with(&scope, &limits) {
        Ok(_) => tally.values += 1,
        Err(JsonataError::Evaluation { message, .. }) if message.contains("internal error") => {
            tally.contained_panics.push(source);
        }
        Err(_) => tally.errors += 1,
    }
}

fn fuzz_intrinsic(rng: &mut StdRng, tally: &mut Tally) {
    let source = intrinsic(rng, 2);
    let Ok(call) = Intrinsic::parse(&source) else {
        return;
    };
    let input = json!({"a": [1, 2, 2, {"b": 1}], "n": 3, "s": "a,b", "o": {"x": [1]}});
    let context = json!({"Execution": {"Name": "e"}});
    tally.runs += 1;
    let outcome =
        std::panic::catch_unwind(|| call.eval(&Roots::new(&input, &context), &mut FuzzEnv));
    match outcome {
        Ok(Ok(_)) => tally.values += 1,
        Ok(Err(_)) => tally.errors += 1,
        Err(_) => panic!("intrinsic evaluation panicked on {source}"),
    }
}

#[test]
#[ignore = "runs for FUZZ_SECONDS (default 10): see the module's documentation"]
#[allow(clippy::disallowed_methods, reason = "the fuzzing budget is real time")]
fn fuzz_expressions() {
    let seconds = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let mut rng = StdRng::seed_from_u64(seed);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut jsonata_tally, mut intrinsic_tally) = (Tally::default(), Tally::default());
    while Instant::now() < deadline {
        fuzz_jsonata(&mut rng, &mut jsonata_tally);
        fuzz_intrinsic(&mut rng, &mut intrinsic_tally);
    }
    for (language, tally) in [
        ("JSONata", &jsonata_tally),
        ("intrinsics", &intrinsic_tally),
    ] {
        eprintln!(
            "{language}: {} runs, {} values, {} errors, {} library panics contained",
            tally.runs,
            tally.values,
            tally.errors,
            tally.contained_panics.len()
        );
        let mut shortest = tally.contained_panics.clone();
        shortest.sort_by_key(String::len);
        shortest.dedup();
        for source in shortest.iter().take(5) {
            eprintln!("  contained: {source}");
        }
    }
}
