//! Bounds on the JSONata built-ins whose result can be far larger than their arguments.
//!
//! The evaluator checks its time limit between steps, so one step that builds a huge value
//! (`$pad('', 1e9)` is a 1 GB string from a 12-character expression) escapes it. The
//! functions below check their arguments first and then let jsonata-core do the work, in an
//! evaluator of their own (a host function cannot call the built-in it replaces).

use jsonata_core::evaluator::{Context, Evaluator, EvaluatorError, HostFnResult};
use jsonata_core::value::JValue;

/// The longest string `$pad` may build, in characters: four times AWS's 256 KiB payload.
pub(super) const MAX_PADDED_CHARS: f64 = 1_048_576.0;

/// The largest number `$formatInteger` writes as a Roman numeral: past a few thousand, each
/// thousand is one more `M`.
pub(super) const MAX_ROMAN: f64 = 1_000_000.0;

/// Registers the bounded versions of the built-ins an expression mentions.
pub(super) fn register(
    evaluator: &mut Evaluator,
    mentioned: impl Fn(&str) -> bool,
) -> Result<(), EvaluatorError> {
    if mentioned("pad") {
        evaluator.register_fn_override("pad", pad)?;
    }
    if mentioned("formatInteger") {
        evaluator.register_fn_override("formatInteger", format_integer)?;
    }
    if mentioned("fromMillis") {
        evaluator.register_fn_override("fromMillis", from_millis)?;
    }
    Ok(())
}

/// The widest a year's maximum width may be: jsonata-core keeps the last `n` digits with
/// `10^n` in 64-bit integers, which overflows from 19 on.
const MAX_YEAR_WIDTH: u32 = 18;

fn from_millis(args: &[JValue]) -> HostFnResult {
    if let Some(JValue::String(picture)) = args.get(1) {
        check_year_widths(picture)?;
    }
    builtin("fromMillis", args)
}

/// Refuses a date picture with a `[Y…,min-max]` marker whose maximum width passes
/// [`MAX_YEAR_WIDTH`].
pub(super) fn check_year_widths(picture: &str) -> Result<(), EvaluatorError> {
    let markers = picture
        .split('[')
        .skip(1)
        .filter_map(|m| m.split(']').next());
    for marker in markers.filter(|m| m.trim_start().starts_with('Y')) {
        let max = marker
            .rsplit_once(',')
            .and_then(|(_, width)| width.split_once('-'))
            .and_then(|(_, max)| max.trim().parse::<u32>().ok());
        if max.is_some_and(|n| n > MAX_YEAR_WIDTH) {
            return Err(refused(format!(
                "a year's maximum width in a date picture must be at most {MAX_YEAR_WIDTH} digits"
            )));
        }
    }
    Ok(())
}

fn pad(args: &[JValue]) -> HostFnResult {
    if let Some(JValue::Number(width)) = args.get(1)
        && (width.abs() > MAX_PADDED_CHARS || width.is_nan())
    {
        return Err(refused(format!(
            "$pad: the width must be at most {MAX_PADDED_CHARS} characters"
        )));
    }
    builtin("pad", args)
}

fn format_integer(args: &[JValue]) -> HostFnResult {
    if let (Some(JValue::Number(n)), Some(JValue::String(picture))) = (args.first(), args.get(1)) {
        let roman = matches!(&**picture, "I" | "i");
        if roman && n.abs() > MAX_ROMAN {
            return Err(refused(format!(
                "$formatInteger: numbers above {MAX_ROMAN} cannot be written as Roman numerals"
            )));
        }
    }
    builtin("formatInteger", args)
}

/// Calls jsonata-core's own `$name` with `args`, in a fresh evaluator.
fn builtin(name: &str, args: &[JValue]) -> HostFnResult {
    let mut context = Context::new();
    let names: Vec<String> = (0..args.len()).map(|i| format!("$a{i}")).collect();
    for (name, value) in names.iter().zip(args) {
        context.bind(name[1..].to_owned(), value.clone());
    }
    let call = format!("${name}({})", names.join(","));
    let ast = jsonata_core::parser::parse(&call)
        .map_err(|e| EvaluatorError::EvaluationError(e.to_string()))?;
    Evaluator::with_context(context).evaluate(&ast, &JValue::Undefined)
}

fn refused(message: String) -> EvaluatorError {
    EvaluatorError::EvaluationError(message)
}
