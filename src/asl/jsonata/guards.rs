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
