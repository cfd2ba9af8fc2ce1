//! `Retry` and `Catch` arrays.

use super::ctx::{Ctx, Obj, element};
use super::graph::Scope;
use super::machine::report_other_language_fields;
use super::paths;
use crate::asl::definition::{Catcher, JitterStrategy, PathField, QueryLanguage, Retrier};
use serde_json::Value;

const RETRIER: &[&str] = &[
    "ErrorEquals",
    "IntervalSeconds",
    "MaxAttempts",
    "BackoffRate",
    "MaxDelaySeconds",
    "JitterStrategy",
    "Comment",
];
const CATCHER: &[&str] = &[
    "ErrorEquals",
    "Next",
    "ResultPath",
    "Output",
    "Assign",
    "Comment",
];
const ALL: &str = "States.ALL";

/// The `Retry` array of a state.
pub(super) fn retriers(ctx: &mut Ctx, obj: &Obj) -> Vec<Retrier> {
    let Some(items) = obj.array(ctx, "Retry", false) else {
        return Vec::new();
    };
    let loc = obj.at("Retry");
    let mut out = Vec::new();
    for (i, value) in items.iter().enumerate() {
        let Some(entry) = entry(ctx, value, element(&loc, i)) else {
            continue;
        };
        entry.reject_unknown(ctx, RETRIER);
        let errors = error_equals(ctx, &entry, i + 1 == items.len(), "Retrier");
        let mut retrier = Retrier::with_defaults(errors.unwrap_or_default());
        retrier.interval_seconds = entry
            .integer(ctx, "IntervalSeconds", 1, 99_999_999)
            .unwrap_or(1);
        retrier.max_attempts = entry
            .integer(ctx, "MaxAttempts", 0, 99_999_999)
            .unwrap_or(3);
        retrier.backoff_rate = entry
            .number(ctx, "BackoffRate", 1.0, f64::MAX)
            .unwrap_or(2.0);
        retrier.max_delay_seconds = entry.integer(ctx, "MaxDelaySeconds", 1, 31_622_401);
        if entry.one_of(ctx, "JitterStrategy", &["FULL", "NONE"]) == Some("FULL") {
            retrier.jitter_strategy = JitterStrategy::Full;
        }
        retrier.comment = entry.string(ctx, "Comment").map(str::to_owned);
        out.push(retrier);
    }
    out
}

/// The `Catch` array of a state; catcher targets go into `graph`.
pub(super) fn catchers(
    ctx: &mut Ctx,
    name: &str,
    obj: &Obj,
    language: QueryLanguage,
    graph: &mut Scope,
) -> Vec<Catcher> {
    let Some(items) = obj.array(ctx, "Catch", false) else {
        return Vec::new();
    };
    let loc = obj.at("Catch");
    let mut out = Vec::new();
    for (i, value) in items.iter().enumerate() {
        let Some(entry) = entry(ctx, value, element(&loc, i)) else {
            continue;
        };
        entry.reject_unknown(ctx, CATCHER);
        report_other_language_fields(ctx, &entry, CATCHER, language);
        entry.require(ctx, &["ErrorEquals", "Next"]);
        let errors = error_equals(ctx, &entry, i + 1 == items.len(), "Catcher");
        let next = entry.non_empty_string(ctx, "Next");
        if let Some(next) = next {
            graph.edge(name, next, entry.at("Next"));
        }
        let (result_path, output) = match language {
            QueryLanguage::JsonPath => (
                paths::nullable_reference_path(ctx, &entry, "ResultPath"),
                None,
            ),
            QueryLanguage::Jsonata => (PathField::Absent, paths::jsonata(&entry, "Output")),
        };
        out.push(Catcher {
            error_equals: errors.unwrap_or_default(),
            next: next.unwrap_or_default().to_owned(),
            result_path,
            output,
            assign: paths::assign(ctx, &entry, language),
            comment: entry.string(ctx, "Comment").map(str::to_owned),
        });
    }
    out
}

fn entry<'a>(ctx: &mut Ctx, value: &'a Value, loc: String) -> Option<Obj<'a>> {
    match value {
        Value::Object(map) => Some(Obj::new(map, loc)),
        _ => {
            ctx.schema(&loc, "Expected value of type [OBJECT]");
            None
        }
    }
}

/// `ErrorEquals`: non-empty strings; `States.ALL` alone and only in the last entry.
fn error_equals(ctx: &mut Ctx, entry: &Obj, last: bool, what: &str) -> Option<Vec<String>> {
    if !entry.require(ctx, &["ErrorEquals"]) {
        return None;
    }
    let items = entry.array(ctx, "ErrorEquals", true)?;
    let loc = entry.at("ErrorEquals");
    let mut names = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item.as_str() {
            Some(s) => names.push(s.to_owned()),
            None => ctx.schema(&element(&loc, i), "Expected value of type [STRING]"),
        }
    }
    if names.iter().any(|n| n == ALL) {
        if items.len() > 1 {
            ctx.schema(&loc, format!("{ALL} must appear alone in ErrorEquals"));
        }
        if !last {
            ctx.schema(&entry.loc, format!("{ALL} must appear in the last {what}"));
        }
    }
    (names.len() == items.len()).then_some(names)
}
