//! The JSONata reference test suite, run through this adapter: every case of the jsonata-js
//! suite, as the `jsonata-rs` crate ships it converted to JSON files (`groups/` and `skip/`
//! hold the cases, `datasets/` the shared input documents; its `TESTSUITE.md` describes the
//! format), is parsed with [`Expression::parse`] and evaluated with the adapter's functions
//! and [`Limits`]. An upgrade of jsonata-core, or a change here, that changes a result fails
//! this test.
//!
//! The suite is not part of this repository. `.ci/run` fetches it with cargo (the manifest
//! `conformance-tests/jsonata-suite/Cargo.toml` depends on the crate that ships it) and names
//! its directory in `JSONATA_SUITE`; without that the test is ignored, so
//! `cargo test --workspace` needs no network.
//!
//! Some cases differ for a known reason: Step Functions' JSONata is not plain JSONata (it has
//! no `$eval`), the adapter's [`Limits`] are tighter than jsonata-js's, jsonata-core parts
//! from jsonata-js in places, and the crate's copy of the suite edits a few expectations.
//! `conformance-tests/jsonata-suite/known-differences.txt` lists each such case with its
//! reason. The test fails when a case off the list fails and when a listed case passes, so
//! the list stays exact.
//!
//! How a case is run, after the reference harness: `data` (even `null`) is the input document,
//! else the named `dataset`, else there is none; `bindings` are variables; `timelimit` (ms) and
//! `depth` become [`Limits::timeout`] and [`Limits::max_stack_depth`]. Results compare as JSON
//! with numbers by value; `unordered` results as multisets; `result_re` is matched with
//! JSONata's own regular expressions. An expected error compares by code (not by message,
//! nor the `token` a few cases name) and by phase: JSONata's static errors, the `S0xxx` codes,
//! must come from [`Expression::parse`] (AWS refuses such a definition), every other code from
//! evaluation. The harness's `timeboxExpression` raises `U1001` for both of its limits, where
//! the adapter's Limits raise `D1011` (depth) and `D1012` (time).

use super::{Expression, JsonataError, Limits, Scope, convert};
use jsonata_core::value::JValue;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Write as _};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use time::OffsetDateTime;

/// The environment variable naming the suite directory (`.../tests/testsuite`).
const SUITE_VAR: &str = "JSONATA_SUITE";

/// The cases the suite holds, so that a partial or wrong directory cannot pass: the pinned
/// `jsonata-rs` version's `groups/` and `skip/` together.
const SUITE_CASES: usize = 1602;

/// The known differences, `<case id> <kind>: <reason>` per line.
const KNOWN_LIST: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/conformance-tests/jsonata-suite/known-differences.txt"
);

/// Where the suite keeps its cases: the ones the crate runs and the ones it skips. We run both.
const CASE_DIRS: [&str; 2] = ["groups", "skip"];

#[test]
#[ignore = "needs JSONATA_SUITE (.ci/run fetches it)"]
#[allow(
    clippy::disallowed_methods,
    reason = "timing the suite's cases in real time"
)]
fn reference_suite() {
    let dir = std::env::var_os(SUITE_VAR)
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            panic!("{SUITE_VAR} is not set or empty: name the suite directory (.ci/run fetches it)")
        });
    let cases = load_cases(&dir);
    assert_eq!(
        cases.len(),
        SUITE_CASES,
        "{} holds {} cases, expected {SUITE_CASES}: not the pinned suite",
        dir.display(),
        cases.len()
    );
    let known = known_differences();
    for id in known.keys() {
        assert!(
            cases.iter().any(|case| &case.id == id),
            "{KNOWN_LIST} lists {id}, which is not in the suite"
        );
    }

    let started = Instant::now();
    let mut slowest = (Duration::ZERO, String::new());
    let mut passed = 0;
    let mut differences: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unexpected = Vec::new();
    let mut now_passing = Vec::new();
    for case in &cases {
        let case_started = Instant::now();
        let outcome = run(case);
        let elapsed = case_started.elapsed();
        if elapsed > slowest.0 {
            slowest = (elapsed, case.id.clone());
        }
        let verdict = check(case, &outcome);
        match (verdict, known.get(&case.id)) {
            (Ok(()), None) => passed += 1,
            (Ok(()), Some(_)) => now_passing.push(case.id.clone()),
            (Err(_), Some(reason)) => {
                let kind = reason
                    .split_once(':')
                    .map_or(reason.as_str(), |(kind, _)| kind);
                *differences.entry(kind).or_default() += 1;
            }
            (Err(why), None) => unexpected.push(format!(
                "{}: {why}\n    expr: {}\n    got: {outcome}",
                case.id,
                abbreviate(&case.expr)
            )),
        }
    }

    let kinds: Vec<String> = differences
        .iter()
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect();
    println!(
        "JSONata reference suite: {} cases run, {passed} pass, {} known differences ({}); \
         {:.1} s, slowest {} ({} ms)",
        cases.len(),
        differences.values().sum::<usize>(),
        kinds.join(", "),
        started.elapsed().as_secs_f64(),
        slowest.1,
        slowest.0.as_millis(),
    );
    let mut report = String::new();
    if !unexpected.is_empty() {
        let _ = writeln!(
            report,
            "{} cases fail that {KNOWN_LIST} does not list (fix the adapter, or list the case \
             with the investigated reason):",
            unexpected.len()
        );
        for line in &unexpected {
            let _ = writeln!(report, "  {line}");
        }
    }
    if !now_passing.is_empty() {
        let _ = writeln!(
            report,
            "{} listed cases now pass; remove them from {KNOWN_LIST}:",
            now_passing.len()
        );
        for id in &now_passing {
            let _ = writeln!(report, "  {id}");
        }
    }
    assert!(report.is_empty(), "{report}");
}

/// One test case.
struct Case {
    /// `groups/<group>/<file>` or `skip/...`, plus `#<index>` for a file that holds an
    /// array of cases.
    id: String,
    /// The expression (for an unreadable case, the file's text, to show).
    expr: String,
    /// The input document; `None` is `undefined`.
    input: Option<Value>,
    bindings: Map<String, Value>,
    limits: Limits,
    /// Whether the case sets a time or depth limit (the harness then raises `U1001`).
    timeboxed: bool,
    expected: Expected,
}

enum Expected {
    Value(Value),
    /// An array whose order is up to the implementation.
    Unordered(Vec<Value>),
    Undefined,
    /// An error with this code.
    Error(String),
    /// A string that this regular expression matches.
    Matches(String),
    /// The case file could not be read as JSON, for this reason: the case cannot run.
    Unreadable(String),
}

enum Outcome {
    Value(Value),
    Undefined,
    Error(JsonataError),
    Panic(String),
    NotRun,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Value(value) => write!(f, "{value}"),
            Outcome::Undefined => f.write_str("undefined"),
            Outcome::Error(JsonataError::Parse { code, message }) => {
                write!(f, "parse error {code:?}: {message}")
            }
            Outcome::Error(error) => write!(f, "error {:?}: {error}", error.code()),
            Outcome::Panic(message) => write!(f, "panic: {message}"),
            Outcome::NotRun => f.write_str("not run"),
        }
    }
}

fn load_cases(dir: &Path) -> Vec<Case> {
    let mut datasets = Datasets {
        dir: dir.join("datasets"),
        read: HashMap::new(),
    };
    let mut cases = Vec::new();
    for sub in CASE_DIRS {
        for group in sorted_entries(&dir.join(sub)) {
            let group_name = file_name(&group);
            for file in sorted_entries(&group) {
                if file.extension().is_none_or(|ext| ext != "json") {
                    continue; // `expr-file` expressions
                }
                let stem = file.file_stem().unwrap_or_default().to_string_lossy();
                let id = format!("{sub}/{group_name}/{stem}");
                let text = std::fs::read_to_string(&file)
                    .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                match serde_json::from_str(&text) {
                    Ok(Value::Array(items)) => {
                        for (index, item) in items.into_iter().enumerate() {
                            let id = format!("{id}#{index}");
                            cases.push(parse_case(id, item, &file, &mut datasets));
                        }
                    }
                    Ok(item) => cases.push(parse_case(id, item, &file, &mut datasets)),
                    // serde_json, like Rust strings, refuses lone UTF-16 surrogates.
                    Err(error) => cases.push(Case {
                        id,
                        expr: text,
                        input: None,
                        bindings: Map::new(),
                        limits: Limits::default(),
                        timeboxed: false,
                        expected: Expected::Unreadable(error.to_string()),
                    }),
                }
            }
        }
    }
    let mut ids: Vec<&str> = cases.iter().map(|case| case.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
        panic!("two cases have the id {}", pair[0]);
    }
    cases
}

/// The suite's input documents, each read once.
struct Datasets {
    dir: PathBuf,
    read: HashMap<String, Value>,
}

impl Datasets {
    fn get(&mut self, name: &str) -> Value {
        let dir = &self.dir;
        self.read
            .entry(name.to_owned())
            .or_insert_with(|| read_json(&dir.join(format!("{name}.json"))))
            .clone()
    }
}

fn parse_case(id: String, case: Value, file: &Path, datasets: &mut Datasets) -> Case {
    let Value::Object(case) = case else {
        panic!("{}: a case is not an object", file.display())
    };
    let expr = match (case.get("expr"), case.get("expr-file")) {
        (Some(Value::String(expr)), _) => expr.clone(),
        (_, Some(Value::String(name))) => {
            let path = file.with_file_name(name);
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        }
        _ => panic!("{id}: no expr"),
    };
    let bindings = match case.get("bindings") {
        Some(Value::Object(bindings)) => bindings.clone(),
        _ => Map::new(),
    };
    let mut limits = Limits::default();
    let timelimit = case.get("timelimit").and_then(Value::as_u64);
    let depth = case.get("depth").and_then(Value::as_u64);
    if let Some(ms) = timelimit {
        limits.timeout = Duration::from_millis(ms);
    }
    if let Some(depth) = depth {
        limits.max_stack_depth = usize::try_from(depth).unwrap_or(usize::MAX);
    }
    let error_code = case
        .get("code")
        .or_else(|| case.get("error").and_then(|error| error.get("code")));
    let expected = if let Some(code) = error_code {
        Expected::Error(code.as_str().unwrap_or_default().to_owned())
    } else if case.get("undefinedResult") == Some(&Value::Bool(true)) {
        Expected::Undefined
    } else if let Some(Value::String(pattern)) = case.get("result_re") {
        Expected::Matches(pattern.clone())
    } else if let Some(result) = case.get("result") {
        match result {
            Value::Array(items) if case.get("unordered") == Some(&Value::Bool(true)) => {
                Expected::Unordered(items.clone())
            }
            _ => Expected::Value(result.clone()),
        }
    } else {
        panic!("{id}: no expected result")
    };
    // `data` even when null; a `dataset` of null means no input document.
    let input = match (
        case.get("data"),
        case.get("dataset").and_then(Value::as_str),
    ) {
        (Some(data), _) => Some(data.clone()),
        (None, Some(name)) => Some(datasets.get(name)),
        (None, None) => None,
    };
    Case {
        id,
        expr,
        input,
        bindings,
        limits,
        timeboxed: timelimit.is_some() || depth.is_some(),
        expected,
    }
}

/// Parses and evaluates a case as Step Functions would, but with its input document.
fn run(case: &Case) -> Outcome {
    if let Expected::Unreadable(_) = case.expected {
        return Outcome::NotRun;
    }
    let evaluate = || {
        let expression = Expression::parse(&case.expr)?;
        let input = match &case.input {
            Some(input) => convert::to_jvalue(input)?,
            None => JValue::Undefined,
        };
        // jsonata-core's `$toMillis` takes today's date from the system clock.
        #[allow(
            clippy::disallowed_methods,
            reason = "jsonata-core reads the system date too"
        )]
        let scope = Scope {
            states: &Value::Null,
            variables: &case.bindings,
            now: OffsetDateTime::now_utc(),
        };
        expression.evaluate_on(&input, &scope, &case.limits)
    };
    match catch_unwind(AssertUnwindSafe(evaluate)) {
        Ok(Ok(Some(value))) => Outcome::Value(value),
        Ok(Ok(None)) => Outcome::Undefined,
        Ok(Err(error)) => Outcome::Error(error),
        Err(panic) => Outcome::Panic(
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default(),
        ),
    }
}

/// Whether the outcome is what the case expects; if not, what was expected.
fn check(case: &Case, outcome: &Outcome) -> Result<(), String> {
    let pass = match (&case.expected, outcome) {
        (Expected::Value(expected), Outcome::Value(actual)) => same(expected, actual),
        (Expected::Unordered(expected), Outcome::Value(Value::Array(actual))) => {
            same_items(expected, actual)
        }
        (Expected::Undefined, Outcome::Undefined) => true,
        (Expected::Error(expected), Outcome::Error(error)) => {
            let actual = error.code().unwrap_or_default();
            let parsing = matches!(error, JsonataError::Parse { .. });
            parsing == expected.starts_with('S')
                && (actual == expected
                    || (case.timeboxed
                        && expected == "U1001"
                        && matches!(actual, "D1011" | "D1012")))
        }
        (Expected::Matches(pattern), Outcome::Value(Value::String(actual))) => {
            matches(pattern, actual)
        }
        _ => false,
    };
    if pass {
        return Ok(());
    }
    Err(match &case.expected {
        Expected::Value(value) => format!("expected {value}"),
        Expected::Unordered(items) => {
            format!("expected, in any order, {}", Value::from(items.clone()))
        }
        Expected::Undefined => "expected undefined".to_owned(),
        Expected::Error(code) if code.starts_with('S') => format!("expected parse error {code}"),
        Expected::Error(code) => format!("expected evaluation error {code}"),
        Expected::Matches(pattern) => format!("expected a string matching /{pattern}/"),
        Expected::Unreadable(error) => format!("the case file is not JSON to serde_json: {error}"),
    })
}

/// JSON equality with numbers compared by value (`1` and `1.0` are equal).
fn same(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(key, a)| b.get(key).is_some_and(|b| same(a, b)))
        }
        _ => expected == actual,
    }
}

/// Whether `actual` holds the `expected` items, each once, in any order.
fn same_items(expected: &[Value], actual: &[Value]) -> bool {
    let mut left: Vec<&Value> = actual.iter().collect();
    expected.len() == actual.len()
        && expected.iter().all(|item| {
            left.iter()
                .position(|candidate| same(item, candidate))
                .map(|index| left.swap_remove(index))
                .is_some()
        })
}

/// Matches with JSONata's own regular expressions, so the test needs no regex crate.
#[allow(
    clippy::disallowed_methods,
    reason = "a regular expression's match does not depend on the time"
)]
fn matches(pattern: &str, text: &str) -> bool {
    let source = format!("$contains($text, /{}/)", pattern.replace('/', "\\/"));
    let mut variables = Map::new();
    variables.insert("text".to_owned(), Value::from(text));
    let scope = Scope {
        states: &Value::Null,
        variables: &variables,
        now: OffsetDateTime::now_utc(),
    };
    let result = Expression::parse(&source).and_then(|expression| expression.evaluate(&scope));
    match result {
        Ok(Some(Value::Bool(matched))) => matched,
        other => panic!("cannot match /{pattern}/: {other:?}"),
    }
}

/// `<case id> <kind>: <reason>` per line; blank lines and `#` comments are skipped.
fn known_differences() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(KNOWN_LIST).unwrap_or_else(|e| panic!("{KNOWN_LIST}: {e}"));
    let mut known = BTreeMap::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (id, reason) = line
            .split_once(char::is_whitespace)
            .unwrap_or_else(|| panic!("{KNOWN_LIST}: {line}: no reason given"));
        let reason = reason.trim();
        assert!(
            reason.split_once(':').is_some_and(|(kind, why)| {
                !kind.contains(char::is_whitespace) && !why.trim().is_empty()
            }),
            "{KNOWN_LIST}: {id}: the reason must read `<kind>: <why>`"
        );
        let previous = known.insert(id.to_owned(), reason.to_owned());
        assert!(previous.is_none(), "{KNOWN_LIST} lists {id} twice");
    }
    known
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (is {SUITE_VAR} the suite directory?)",
                dir.display()
            )
        })
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    entries.sort();
    entries
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// An expression on one line, cut at 200 characters.
fn abbreviate(expr: &str) -> String {
    let line: String = expr.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(200) {
        Some((end, _)) => format!("{}...", &line[..end]),
        None => line,
    }
}
