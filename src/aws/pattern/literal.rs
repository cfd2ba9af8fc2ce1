//! The scalar values a document carries and a pattern compares with.

use super::Dialect;
use serde_json::{Number, Value};

/// A value a document carries, or a pattern compares with.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// A string.
    String(String),
    /// A number, as JSON wrote it (an integer or a float).
    Number(Number),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
}

impl Literal {
    /// A JSON scalar as a literal; objects and arrays are none.
    pub fn of_json(value: &Value) -> Option<Literal> {
        Some(match value {
            Value::String(s) => Literal::String(s.clone()),
            Value::Number(n) => Literal::Number(n.clone()),
            Value::Bool(b) => Literal::Bool(*b),
            Value::Null => Literal::Null,
            _ => return None,
        })
    }

    /// A number read from text elsewhere (an SNS `Number` attribute); `None` when not finite.
    pub fn number(value: f64) -> Option<Literal> {
        Number::from_f64(value).map(Literal::Number)
    }

    /// Equal as `dialect` compares: SNS compares numbers to five decimal places; EventBridge
    /// compares them as written ("300, 300.0 and 3.0e2 are not considered equal"), which
    /// serde_json approximates by telling integers from floats.
    pub(super) fn equals(&self, other: &Literal, dialect: Dialect) -> bool {
        match (self, other, dialect) {
            (Literal::Number(a), Literal::Number(b), Dialect::Sns) => {
                a.as_f64().map(|a| dialect.fixed(a)) == b.as_f64().map(|b| dialect.fixed(b))
            }
            _ => self == other,
        }
    }

    /// The string, when the literal is one.
    pub(super) fn text(&self) -> Option<&str> {
        match self {
            Literal::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number, when the literal is one.
    pub(super) fn as_f64(&self) -> Option<f64> {
        match self {
            Literal::Number(n) => n.as_f64(),
            _ => None,
        }
    }
}
