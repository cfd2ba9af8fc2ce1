//! The `numeric` operator: one comparison, or a range of a lower and an upper bound.

use super::Dialect;
use serde_json::Value;

/// A comparison of a `numeric` condition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Compare {
    /// `=`.
    Equal,
    /// `<`.
    Less,
    /// `<=`.
    LessOrEqual,
    /// `>`.
    Greater,
    /// `>=`.
    GreaterOrEqual,
}

impl Compare {
    fn parse(operator: &str) -> Option<Compare> {
        Some(match operator {
            "=" => Compare::Equal,
            "<" => Compare::Less,
            "<=" => Compare::LessOrEqual,
            ">" => Compare::Greater,
            ">=" => Compare::GreaterOrEqual,
            _ => return None,
        })
    }

    /// Whether `value` compares so with `bound`, at `dialect`'s precision.
    pub(super) fn holds(self, value: f64, bound: f64, dialect: Dialect) -> bool {
        let (value, bound) = (dialect.fixed(value), dialect.fixed(bound));
        match self {
            Compare::Equal => value == bound,
            Compare::Less => value < bound,
            Compare::LessOrEqual => value <= bound,
            Compare::Greater => value > bound,
            Compare::GreaterOrEqual => value >= bound,
        }
    }
}

/// `numeric`'s argument: `[op, n]`, or a range `[">" | ">=", low, "<" | "<=", high]`. The
/// error is AWS's reason (SNS's wording; EventBridge shares the rules).
pub fn parse(argument: &Value) -> Result<Vec<(Compare, f64)>, String> {
    let Value::Array(terms) = argument else {
        return Err("Value of numeric must be an array.".to_owned());
    };
    let mut comparisons = Vec::new();
    for (index, pair) in terms.chunks(2).enumerate() {
        comparisons.push(comparison(pair, index)?);
    }
    match comparisons.as_slice() {
        [] => Err("Invalid member in numeric match: ]".to_owned()),
        [_] => Ok(comparisons),
        [(low, _), _] if !matches!(low, Compare::Greater | Compare::GreaterOrEqual) => {
            Err("Too many elements in numeric expression".to_owned())
        }
        [(_, bottom), (_, top)] if top <= bottom => Err("Bottom must be less than top".to_owned()),
        [_, _] => Ok(comparisons),
        _ => Err("Too many terms in numeric range expression".to_owned()),
    }
}

/// One `operator, number` pair; the second pair of a range must be an upper bound.
fn comparison(pair: &[Value], index: usize) -> Result<(Compare, f64), String> {
    let operator = pair[0].as_str();
    let compare = operator.and_then(Compare::parse);
    let compare = match (compare, index) {
        (Some(c @ (Compare::Less | Compare::LessOrEqual)), 1) | (Some(c), 0) => c,
        (None, 0) if operator.is_some() => {
            return Err(format!(
                "Unrecognized numeric range operator: {}",
                operator.unwrap_or("")
            ));
        }
        (_, 0) => return Err(format!("Invalid member in numeric match: {}", pair[0])),
        (_, _) if operator.is_none() => {
            return Err(format!("Bad value in numeric range: {}", pair[0]));
        }
        _ => {
            return Err(format!(
                "Bad numeric range operator: {}",
                operator.unwrap_or("")
            ));
        }
    };
    let named = if compare == Compare::Equal {
        "equals"
    } else {
        operator.unwrap_or("")
    };
    match pair.get(1).and_then(Value::as_f64) {
        Some(bound) => Ok((compare, bound)),
        None => Err(format!("Value of {named} must be numeric")),
    }
}
