//! Choice rules as a typed tree.

use super::Template;
use super::template::{JsonataTemplate, ValueOrExpr};
use crate::asl::path::Path;

/// A top-level rule of a Choice state: a condition and where to go when it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceRule {
    /// What must hold.
    pub condition: Condition,
    /// The state to go to.
    pub next: String,
    /// Variables assigned when this rule matches (replaces the state-level `Assign`).
    pub assign: Option<Template>,
    /// JSONata: the output when this rule matches (replaces the state-level `Output`).
    pub output: Option<JsonataTemplate>,
    /// The `Comment`.
    pub comment: Option<String>,
}

/// A boolean condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// All must hold (evaluated in order, short-circuit).
    And(Vec<Condition>),
    /// Any must hold (evaluated in order, short-circuit).
    Or(Vec<Condition>),
    /// The inner condition must not hold.
    Not(Box<Condition>),
    /// JSONPath: compare the value at `Variable` with an operand.
    Compare(Comparison),
    /// JSONata: `Condition`, a boolean or an expression.
    Jsonata(ValueOrExpr<bool>),
}

/// `Variable` + one comparison operator.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The path whose value is tested.
    pub variable: Path,
    /// The operator, without any `Path` suffix.
    pub comparator: Comparator,
    /// The right-hand side: a constant, or a path for the `...Path` operators.
    pub operand: Operand,
}

/// The right-hand side of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// A string constant (String* and Timestamp* operators).
    String(String),
    /// A numeric constant (Numeric* operators).
    Number(f64),
    /// A boolean constant (BooleanEquals and the Is* operators).
    Boolean(bool),
    /// A path to compare with (the `...Path` operators).
    Path(Path),
}

macro_rules! comparators {
    ($($variant:ident),* $(,)?) => {
        /// A comparison operator of a JSONPath Choice rule.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Comparator {
            $(#[doc = concat!("`", stringify!($variant), "`")] $variant,)*
        }

        impl Comparator {
            /// Every operator, in the order AWS documents them.
            pub const ALL: &'static [Comparator] = &[$(Comparator::$variant,)*];

            /// The field name, e.g. `StringEquals`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Comparator::$variant => stringify!($variant),)*
                }
            }
        }
    };
}

comparators!(
    StringEquals,
    StringLessThan,
    StringGreaterThan,
    StringLessThanEquals,
    StringGreaterThanEquals,
    StringMatches,
    NumericEquals,
    NumericLessThan,
    NumericGreaterThan,
    NumericLessThanEquals,
    NumericGreaterThanEquals,
    BooleanEquals,
    TimestampEquals,
    TimestampLessThan,
    TimestampGreaterThan,
    TimestampLessThanEquals,
    TimestampGreaterThanEquals,
    IsNull,
    IsPresent,
    IsNumeric,
    IsString,
    IsBoolean,
    IsTimestamp,
);

impl Comparator {
    /// Whether a `<name>Path` variant exists (not for `StringMatches` and the `Is*` tests).
    pub fn has_path_variant(self) -> bool {
        !matches!(
            self,
            Comparator::StringMatches
                | Comparator::IsNull
                | Comparator::IsPresent
                | Comparator::IsNumeric
                | Comparator::IsString
                | Comparator::IsBoolean
                | Comparator::IsTimestamp
        )
    }

    /// Finds the operator a rule field names, and whether it is the `...Path` variant.
    pub fn from_field(field: &str) -> Option<(Comparator, bool)> {
        let by_name = |n: &str| Comparator::ALL.iter().copied().find(|c| c.name() == n);
        if let Some(c) = by_name(field) {
            return Some((c, false));
        }
        let base = field.strip_suffix("Path")?;
        by_name(base)
            .filter(|c| c.has_path_variant())
            .map(|c| (c, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_fields() {
        assert_eq!(
            Comparator::from_field("NumericEquals"),
            Some((Comparator::NumericEquals, false))
        );
        assert_eq!(
            Comparator::from_field("NumericEqualsPath"),
            Some((Comparator::NumericEquals, true))
        );
        assert_eq!(Comparator::from_field("IsNullPath"), None);
        assert_eq!(Comparator::from_field("StringMatchesPath"), None);
        assert_eq!(Comparator::from_field("Variable"), None);
    }
}
