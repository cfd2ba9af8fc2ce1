//! The functions Step Functions adds to JSONata, and the one it takes away.
//!
//! AWS documents `$partition`, `$range`, `$hash`, `$random`, `$uuid` and `$parse`, and says
//! `$eval` is not available ("use `$parse` instead"). `$now` and `$millis` are replaced too:
//! jsonata-core reads the system clock, the engine has a clock of its own.

use crate::asl::intrinsic::HashAlgorithm;
use jsonata_core::evaluator::{Context, Evaluator, EvaluatorError, HostFnResult};
use jsonata_core::value::JValue;
use rand::RngExt;
use sha2::Digest;
use time::OffsetDateTime;
use time::macros::format_description;

/// Registers on `evaluator` the AWS functions for which `mentioned` holds (registering costs
/// an allocation or two each, and an expression can call only the functions it names).
///
/// `max_items` bounds the arrays `$range` and `$partition` build, like the evaluator's own
/// sequence limit.
pub(super) fn register(
    evaluator: &mut Evaluator,
    max_items: usize,
    mentioned: impl Fn(&str) -> bool,
) -> Result<(), EvaluatorError> {
    if mentioned("partition") {
        evaluator.register_fn("partition", move |args: &[JValue]| {
            partition(args, max_items)
        })?;
    }
    if mentioned("range") {
        evaluator.register_fn("range", move |args: &[JValue]| range(args, max_items))?;
    }
    if mentioned("hash") {
        evaluator.register_fn("hash", hash)?;
    }
    if mentioned("uuid") {
        evaluator.register_fn("uuid", |_: &[JValue]| {
            Ok(JValue::from(uuid::Uuid::new_v4().to_string()))
        })?;
    }
    if mentioned("parse") {
        evaluator.register_fn("parse", parse)?;
    }
    if mentioned("random") {
        // `$random` exists in JSONata without a seed; AWS's takes one.
        evaluator.register_fn_override("random", random)?;
    }
    Ok(())
}

/// Answers `$now()` and `$millis()` with `now`, truncated to the millisecond as JSONata's
/// clock is, so every call in the evaluation agrees and the two agree with each other.
pub(super) fn register_clock(
    evaluator: &mut Evaluator,
    now: OffsetDateTime,
) -> Result<(), EvaluatorError> {
    let millis = now.unix_timestamp_nanos().div_euclid(1_000_000);
    let text = timestamp(millis)?;
    // Millisecond counts up to 2^53 are exact in an f64, and `time` stops at year 9999.
    #[allow(clippy::cast_precision_loss)]
    let millis = millis as f64;
    evaluator.register_fn_override("now", move |args: &[JValue]| {
        now_formatted(&text, millis, args)
    })?;
    evaluator.register_fn_override("millis", move |args: &[JValue]| {
        // JSONata's signature `<:n>`: no arguments.
        match args.first() {
            None => Ok(JValue::Number(millis)),
            Some(_) => Err(signature_mismatch("millis", 1)),
        }
    })
}

/// `$now([picture [, timezone]])`, JSONata 2.0's signature `<s?s?:s>`: the time as
/// `$fromMillis($millis(), picture, timezone)` writes it, and with neither (or both
/// `undefined`) the ISO 8601 text `iso`. jsonata-core's own `$now` takes no arguments.
fn now_formatted(iso: &str, millis: f64, args: &[JValue]) -> HostFnResult {
    for (index, arg) in args.iter().enumerate() {
        if index >= 2 || !matches!(arg, JValue::String(_) | JValue::Undefined) {
            return Err(signature_mismatch("now", index + 1));
        }
    }
    if args.iter().all(JValue::is_undefined) {
        return Ok(JValue::string(iso));
    }
    // jsonata-core's date formatter is reachable only as the built-in `$fromMillis`.
    let ast = jsonata_core::parser::parse("$fromMillis($millis, $picture, $timezone)")
        .map_err(|e| fail(e.to_string()))?;
    let mut context = Context::new();
    context.bind("millis".to_owned(), JValue::Number(millis));
    if let Some(JValue::String(picture)) = args.first() {
        super::guards::check_year_widths(picture)?;
    }
    for (name, arg) in ["picture", "timezone"].into_iter().zip(args) {
        context.bind(name.to_owned(), arg.clone());
    }
    Evaluator::with_context(context).evaluate(&ast, &JValue::Undefined)
}

/// `millis` since the epoch as jsonata-core's `$now()` writes it: ISO 8601 in UTC with three
/// fractional digits and `Z` (`2024-01-01T00:00:00.000Z`), as JavaScript's `toISOString`.
fn timestamp(millis: i128) -> Result<String, EvaluatorError> {
    OffsetDateTime::from_unix_timestamp_nanos(millis * 1_000_000)
        .ok()
        .and_then(|time| {
            time.format(format_description!(
                "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
            ))
            .ok()
        })
        .ok_or_else(|| {
            fail(format!(
                "The time {millis} ms cannot be written as a timestamp"
            ))
        })
}

/// Hides `$eval`. A binding of any non-function value hides a built-in of the same name, so
/// calling `$eval(...)` fails with `T1006: Attempted to invoke a non-function`, exactly as
/// calling a function that does not exist does on AWS (recorded for `$randomSeeded`).
pub(super) fn remove_eval(context: &mut Context) {
    context.bind("eval".to_owned(), JValue::Undefined);
}

fn fail(message: String) -> EvaluatorError {
    EvaluatorError::EvaluationError(message)
}

/// JSONata's wording for an argument of the wrong type.
fn signature_mismatch(function: &str, position: usize) -> EvaluatorError {
    fail(format!(
        "T0410: Argument {position} of function \"{function}\" does not match function signature"
    ))
}

/// A number argument that must be an integer, or `None` if it is absent or `undefined`.
#[allow(clippy::cast_possible_truncation)] // integral and checked against i64's range
fn integer(function: &str, args: &[JValue], index: usize) -> Result<Option<i64>, EvaluatorError> {
    match args.get(index) {
        None | Some(JValue::Undefined) => Ok(None),
        Some(JValue::Number(n)) if n.fract() == 0.0 && n.abs() < 9.2e18 => Ok(Some(*n as i64)),
        Some(_) => Err(signature_mismatch(function, index + 1)),
    }
}

/// `$partition(array, size)`: the array cut into chunks of `size` items, the last one shorter.
fn partition(args: &[JValue], max_items: usize) -> HostFnResult {
    let items: Vec<JValue> = match args.first() {
        None | Some(JValue::Undefined) => return Ok(JValue::Undefined),
        Some(JValue::Array(items)) => items.iter().cloned().collect(),
        // JSONata treats a single value as an array of one.
        Some(other) => vec![other.clone()],
    };
    let size = match integer("partition", args, 1)? {
        Some(size) if size >= 1 => usize::try_from(size).unwrap_or(usize::MAX),
        _ => {
            return Err(fail(
                "The size argument of function \"partition\" must be a positive integer".into(),
            ));
        }
    };
    if items.len() > max_items {
        return Err(too_long(max_items));
    }
    Ok(JValue::array(
        items
            .chunks(size)
            .map(|chunk| JValue::array(chunk.to_vec()))
            .collect(),
    ))
}

/// `$range(start, end, step)`: `start`, `start + step`, ... up to `end`, inclusive when hit.
fn range(args: &[JValue], max_items: usize) -> HostFnResult {
    let number = |index: usize| match args.get(index) {
        Some(JValue::Number(n)) if n.is_finite() => Ok(*n),
        _ => Err(signature_mismatch("range", index + 1)),
    };
    let (start, end, step) = (number(0)?, number(1)?, number(2)?);
    if step == 0.0 {
        return Err(fail(
            "The step argument of function \"range\" must not be zero".into(),
        ));
    }
    let span = (end - start) / step;
    if span < 0.0 {
        return Ok(JValue::array(Vec::new()));
    }
    // `span` is finite and non-negative here, so the float-to-int cast only saturates.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let count = (span.floor() as usize).saturating_add(1);
    if count > max_items {
        return Err(too_long(max_items));
    }
    #[allow(clippy::cast_precision_loss)] // count <= max_items, far below 2^53
    let items = (0..count).map(|i| JValue::from(start + step * i as f64));
    Ok(JValue::array(items.collect()))
}

fn too_long(max_items: usize) -> EvaluatorError {
    fail(format!(
        "D2015: The maximum sequence length of {max_items} was exceeded."
    ))
}

/// `$hash(value, algorithm)`: the lowercase hex digest of the value's UTF-8 bytes (a
/// non-string is hashed as its JSON text, as `States.Hash` does).
fn hash(args: &[JValue]) -> HostFnResult {
    let data = match args.first() {
        None | Some(JValue::Undefined) => return Ok(JValue::Undefined),
        Some(JValue::String(s)) => s.to_string(),
        Some(other) => other
            .to_json_string()
            .map_err(|_| signature_mismatch("hash", 1))?,
    };
    let name = args
        .get(1)
        .and_then(JValue::as_str)
        .ok_or_else(|| signature_mismatch("hash", 2))?;
    let algorithm = HashAlgorithm::from_name(name).ok_or_else(|| {
        let known: Vec<&str> = HashAlgorithm::ALL.iter().map(|a| a.name()).collect();
        fail(format!(
            "The algorithm '{name}' of function \"hash\" is not one of {}",
            known.join(", ")
        ))
    })?;
    let bytes = data.as_bytes();
    let digest: Vec<u8> = match algorithm {
        HashAlgorithm::Md5 => md5::Md5::digest(bytes).to_vec(),
        HashAlgorithm::Sha1 => sha1::Sha1::digest(bytes).to_vec(),
        HashAlgorithm::Sha256 => sha2::Sha256::digest(bytes).to_vec(),
        HashAlgorithm::Sha384 => sha2::Sha384::digest(bytes).to_vec(),
        HashAlgorithm::Sha512 => sha2::Sha512::digest(bytes).to_vec(),
    };
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Ok(JValue::from(hex))
}

/// `$random([seed])`: a number in `[0, 1)`; the same seed always gives the same number.
fn random(args: &[JValue]) -> HostFnResult {
    match integer("random", args, 0)? {
        Some(seed) => Ok(JValue::from(java_next_double(seed))),
        None if matches!(args.first(), None | Some(JValue::Undefined)) => {
            Ok(JValue::from(rand::rng().random::<f64>()))
        }
        None => Err(signature_mismatch("random", 1)),
    }
}

/// `new java.util.Random(seed).nextDouble()`: AWS runs on the JVM, and third-party reports
/// say seeded `$random` follows Java's generator (as seeded `States.MathRandom` does).
#[allow(clippy::cast_precision_loss)] // 53-bit values: exact in an f64
fn java_next_double(seed: i64) -> f64 {
    const MULTIPLIER: i64 = 0x5_DEEC_E66D;
    const MASK: i64 = (1 << 48) - 1;
    let mut state = (seed ^ MULTIPLIER) & MASK;
    let mut next = |bits: u32| {
        state = (state.wrapping_mul(MULTIPLIER).wrapping_add(0xB)) & MASK;
        state >> (48 - bits)
    };
    let high = next(26);
    let low = next(27);
    ((high << 27) + low) as f64 / (1_i64 << 53) as f64
}

/// `$parse(jsonString)`: the JSON value the string holds.
fn parse(args: &[JValue]) -> HostFnResult {
    match args.first() {
        None | Some(JValue::Undefined) => Ok(JValue::Undefined),
        Some(JValue::String(text)) => JValue::from_json_str(text).map_err(|e| {
            fail(format!(
                "The argument of function \"parse\" is not valid JSON: {e}"
            ))
        }),
        Some(_) => Err(signature_mismatch("parse", 1)),
    }
}
