//! Choice states: evaluating the rules against the effective input.
//!
//! Rules are tried in order and the first that holds wins; else `Default`; else the state
//! fails with `States.NoChoiceMatched`. A comparison whose operands have the wrong type simply
//! does not hold (never an error), but a `Variable` that selects nothing fails the state with
//! `States.Runtime`, except under `IsPresent`.

mod timestamp;

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::Value;

use crate::asl::definition::{
    Choice, ChoiceRule, Comparator, Comparison, Condition, Operand, ValueOrExpr,
};
use crate::asl::errors::{Failure, NO_CHOICE_MATCHED};
use crate::asl::path::Roots;

pub use timestamp::{Timestamp, parse_timestamp};

/// Where a Choice state goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Decision<'a> {
    /// A rule matched; its `Assign` / `Output` replace the state-level ones.
    Rule(&'a ChoiceRule),
    /// No rule matched; the state's `Default`.
    Default(&'a str),
}

impl<'a> Decision<'a> {
    /// The name of the next state.
    pub fn next(&self) -> &'a str {
        match self {
            Decision::Rule(rule) => &rule.next,
            Decision::Default(name) => name,
        }
    }
}

/// Chooses the next state of a Choice state; `roots.input` is the effective input (after
/// `InputPath`).
///
/// With no match and no `Default`, fails with `States.NoChoiceMatched`. Its cause,
/// `No Matches!`, is what LocalStack's AWS-validated implementation reports; no public
/// recording confirms it yet.
pub fn decide<'a>(choice: &'a Choice, roots: &Roots<'_>) -> Result<Decision<'a>, Failure> {
    for rule in &choice.choices {
        if holds(&rule.condition, roots)? {
            return Ok(Decision::Rule(rule));
        }
    }
    choice
        .default
        .as_deref()
        .map(Decision::Default)
        .ok_or_else(|| Failure::new(NO_CHOICE_MATCHED, "No Matches!"))
}

/// Whether a condition holds. `And` / `Or` stop at the first operand that decides them, so
/// an `IsPresent` guard protects the comparisons after it.
///
/// JSONata conditions that are expressions are not evaluated here yet and fail with
/// `States.Runtime`; the constants `true` / `false` are decided directly.
pub fn holds(condition: &Condition, roots: &Roots<'_>) -> Result<bool, Failure> {
    match condition {
        Condition::And(all) => {
            for c in all {
                if !holds(c, roots)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        Condition::Or(any) => {
            for c in any {
                if holds(c, roots)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Condition::Not(inner) => holds(inner, roots).map(|b| !b),
        Condition::Compare(comparison) => compare(comparison, roots),
        Condition::Jsonata(ValueOrExpr::Value(constant)) => Ok(*constant),
        Condition::Jsonata(ValueOrExpr::Expr(expr)) => Err(Failure::runtime(format!(
            "JSONata Choice conditions are not supported yet: {{% {} %}}",
            expr.source()
        ))),
    }
}

fn compare(comparison: &Comparison, roots: &Roots<'_>) -> Result<bool, Failure> {
    let found = comparison.variable.eval(roots).ok();
    let flag = match &comparison.operand {
        Operand::Boolean(b) => Some(*b),
        _ => None,
    };
    if comparison.comparator == Comparator::IsPresent {
        return Ok(flag == Some(found.is_some()));
    }
    let value = found.ok_or_else(|| invalid_path(comparison.variable.source()))?;
    if let Some(is) = type_test(comparison.comparator, &value) {
        return Ok(flag == Some(is));
    }
    let operand = resolve(&comparison.operand, roots)?;
    Ok(relation(comparison.comparator, &value, &operand))
}

/// AWS's cause for a condition path that selects nothing (seen in public test fixtures).
fn invalid_path(source: &str) -> Failure {
    Failure::runtime(format!(
        "Invalid path '{source}': The choice state's condition path references an invalid value."
    ))
}

/// The right-hand side of a comparison: a constant from the definition or a value found by
/// a `...Path` operator.
enum Rhs<'o, 'v> {
    Const(&'o Operand),
    Found(Cow<'v, Value>),
}

impl Rhs<'_, '_> {
    fn as_str(&self) -> Option<&str> {
        match self {
            Rhs::Const(Operand::String(s)) => Some(s),
            Rhs::Found(v) => v.as_str(),
            Rhs::Const(_) => None,
        }
    }

    fn as_f64(&self) -> Option<f64> {
        match self {
            Rhs::Const(Operand::Number(n)) => Some(*n),
            Rhs::Found(v) => v.as_f64(),
            Rhs::Const(_) => None,
        }
    }

    fn as_bool(&self) -> Option<bool> {
        match self {
            Rhs::Const(Operand::Boolean(b)) => Some(*b),
            Rhs::Found(v) => v.as_bool(),
            Rhs::Const(_) => None,
        }
    }
}

fn resolve<'o, 'v>(operand: &'o Operand, roots: &Roots<'v>) -> Result<Rhs<'o, 'v>, Failure> {
    match operand {
        Operand::Path(path) => path
            .eval(roots)
            .map(Rhs::Found)
            .map_err(|_| invalid_path(path.source())),
        constant => Ok(Rhs::Const(constant)),
    }
}

/// The `Is*` type tests (other than `IsPresent`); `None` for every other operator.
fn type_test(comparator: Comparator, value: &Value) -> Option<bool> {
    match comparator {
        Comparator::IsNull => Some(value.is_null()),
        Comparator::IsNumeric => Some(value.is_number()),
        Comparator::IsString => Some(value.is_string()),
        Comparator::IsBoolean => Some(value.is_boolean()),
        Comparator::IsTimestamp => Some(value.as_str().and_then(parse_timestamp).is_some()),
        _ => None,
    }
}

fn relation(comparator: Comparator, value: &Value, rhs: &Rhs<'_, '_>) -> bool {
    match comparator {
        Comparator::StringMatches => match (value.as_str(), rhs.as_str()) {
            (Some(text), Some(pattern)) => string_matches(text, pattern),
            _ => false,
        },
        Comparator::BooleanEquals => matches!(
            (value.as_bool(), rhs.as_bool()),
            (Some(a), Some(b)) if a == b
        ),
        _ => order(comparator, value, rhs).is_some_and(|o| accepts(comparator, o)),
    }
}

/// How the value compares with the operand in the operator's domain; `None` when either side
/// is not of the operator's type (then the rule does not match).
fn order(comparator: Comparator, value: &Value, rhs: &Rhs<'_, '_>) -> Option<Ordering> {
    use Comparator as C;
    match comparator {
        C::StringEquals
        | C::StringLessThan
        | C::StringGreaterThan
        | C::StringLessThanEquals
        | C::StringGreaterThanEquals => Some(java_compare(value.as_str()?, rhs.as_str()?)),
        // Numbers are IEEE doubles: 1 and 1.0 are equal (observed).
        C::NumericEquals
        | C::NumericLessThan
        | C::NumericGreaterThan
        | C::NumericLessThanEquals
        | C::NumericGreaterThanEquals => value.as_f64()?.partial_cmp(&rhs.as_f64()?),
        C::TimestampEquals
        | C::TimestampLessThan
        | C::TimestampGreaterThan
        | C::TimestampLessThanEquals
        | C::TimestampGreaterThanEquals => {
            let left = parse_timestamp(value.as_str()?)?;
            let right = parse_timestamp(rhs.as_str()?)?;
            Some(left.cmp(&right))
        }
        _ => None,
    }
}

/// Whether an ordering satisfies the operator (`...Equals`, `...LessThan`, ...).
fn accepts(comparator: Comparator, ordering: Ordering) -> bool {
    let name = comparator.name();
    if name.ends_with("LessThanEquals") {
        ordering != Ordering::Greater
    } else if name.ends_with("GreaterThanEquals") {
        ordering != Ordering::Less
    } else if name.ends_with("LessThan") {
        ordering == Ordering::Less
    } else if name.ends_with("GreaterThan") {
        ordering == Ordering::Greater
    } else {
        ordering == Ordering::Equal
    }
}

/// Java's `String.compareTo`: lexicographic over UTF-16 code units, which differs from Rust's
/// byte order for characters above U+FFFF against U+E000..U+FFFF.
fn java_compare(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// One element of a `StringMatches` pattern.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece {
    /// `*`: any run of characters, possibly empty.
    Star,
    /// A literal character (`\*` is a literal star, `\\` a backslash).
    Char(char),
}

fn pattern_pieces(pattern: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        pieces.push(match c {
            '*' => Piece::Star,
            // A trailing lone backslash stays a literal backslash.
            '\\' => Piece::Char(chars.next().unwrap_or('\\')),
            other => Piece::Char(other),
        });
    }
    pieces
}

/// `StringMatches`: the whole text must match; only `*` is special.
pub fn string_matches(text: &str, pattern: &str) -> bool {
    let text: Vec<char> = text.chars().collect();
    wildcard_match(&text, &pattern_pieces(pattern))
}

/// Greedy wildcard matching with backtracking to the last star: O(text × pattern) at worst.
fn wildcard_match(text: &[char], pattern: &[Piece]) -> bool {
    let (mut t, mut p) = (0, 0);
    let mut last_star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(Piece::Star) => {
                last_star = Some((p, t));
                p += 1;
            }
            Some(Piece::Char(c)) if *c == text[t] => {
                t += 1;
                p += 1;
            }
            _ => match last_star {
                Some((star, matched)) => {
                    last_star = Some((star, matched + 1));
                    p = star + 1;
                    t = matched + 1;
                }
                None => return false,
            },
        }
    }
    pattern[p.min(pattern.len())..]
        .iter()
        .all(|piece| *piece == Piece::Star)
}

#[cfg(test)]
mod tests;
