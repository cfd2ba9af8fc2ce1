//! Content patterns, the JSON matching language SNS filter policies and EventBridge event
//! patterns share (Lambda's event filters are EventBridge's): each key of a pattern lists the
//! values its key may take — literals, or operators such as `prefix`, `numeric` and `exists`
//! — nested objects follow the document's nesting, and `$or` lists alternatives.
//!
//! This is the core both services use; what is a service's own — SNS's limits, its error
//! wording and its message-attribute scope, Lambda's record shapes — stays with the service.

mod conditions;
mod literal;
mod numeric;
mod wildcard;

pub use conditions::Condition;
pub use literal::Literal;

use serde_json::{Map, Value};

/// Whose rules a pattern follows where SNS and EventBridge differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// SNS filter policies: numbers equal to five decimal places; no `wildcard`.
    Sns,
    /// EventBridge patterns (and Lambda's event filters): numbers equal as written, compared
    /// to six decimal places; `wildcard` and the ignore-case forms of `prefix`, `suffix` and
    /// `anything-but`.
    EventBridge,
}

impl Dialect {
    /// A number at the dialect's precision: SNS's "five digits of accuracy after the decimal
    /// point", EventBridge's "six digits to the right of the decimal point".
    fn fixed(self, number: f64) -> i64 {
        let scale = match self {
            Dialect::Sns => 100_000.0,
            Dialect::EventBridge => 1_000_000.0,
        };
        (number * scale).round() as i64
    }
}

/// Why a pattern is refused; each service words it its own way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// A key's value is neither an object nor a list of conditions.
    NotObjectOrArray(String),
    /// A key lists no conditions.
    EmptyArray,
    /// A nested object where the caller allows none.
    Nested,
    /// A `$or` choice that is not an object.
    OrChoice,
    /// A condition AWS refuses, with AWS's reason.
    Condition(String),
    /// `$or` choices that would multiply into more than [`MAX_RULES`] rules.
    TooComplex,
}

/// The most rules a pattern's alternatives may hold in all: `$or`s multiply each other, and
/// this bounds the memory a pattern of a few kilobytes can ask for.
pub const MAX_RULES: usize = 10_000;

/// A parsed, checked pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    dialect: Dialect,
    /// Alternatives (one per `$or` choice); a document matches when one alternative's every
    /// rule matches.
    alternatives: Vec<Vec<Rule>>,
    /// SNS's measure of complexity: the product of the values each key may take.
    combinations: usize,
}

/// One key's conditions: the key matches when any condition matches one of its values.
#[derive(Debug, Clone, PartialEq)]
struct Rule {
    /// The key's path, outermost name first.
    path: Vec<String>,
    conditions: Vec<Condition>,
}

impl Pattern {
    /// Reads `object` in `dialect`; `nested` says whether keys may hold objects.
    pub fn parse(
        object: &Map<String, Value>,
        dialect: Dialect,
        nested: bool,
    ) -> Result<Pattern, PatternError> {
        let reader = Reader { dialect, nested };
        let parsed = reader.object(object, &[], 1)?;
        Ok(Pattern {
            dialect,
            alternatives: parsed.alternatives,
            combinations: parsed.combinations,
        })
    }

    /// The product of the values each key may take, summed over `$or` choices and weighted
    /// by depth, as SNS counts it.
    pub fn combinations(&self) -> usize {
        self.combinations
    }

    /// Whether the pattern has no keys (`{}`), which matches every document.
    pub fn accepts_all(&self) -> bool {
        self.alternatives.iter().any(Vec::is_empty)
    }

    /// Whether some alternative has every rule matched by the values `find` gives for its
    /// path (`None`: the key is absent).
    pub fn passes(&self, find: impl Fn(&[String]) -> Option<Vec<Literal>>) -> bool {
        self.alternatives.iter().any(|rules| {
            rules.iter().all(|rule| {
                let values = find(&rule.path);
                (rule.conditions.iter()).any(|c| c.matches(values.as_deref(), self.dialect))
            })
        })
    }

    /// Whether a JSON document matches, its leaf values found through nested objects and
    /// arrays at every level.
    pub fn matches(&self, document: &Map<String, Value>) -> bool {
        self.passes(|path| {
            let mut found = Vec::new();
            leaves(document.get(&path[0])?, &path[1..], &mut found);
            (!found.is_empty()).then_some(found)
        })
    }
}

/// A pattern object's alternatives and combination count, as its keys are read.
struct Parsed {
    alternatives: Vec<Vec<Rule>>,
    combinations: usize,
}

/// How a pattern is read.
struct Reader {
    dialect: Dialect,
    nested: bool,
}

impl Reader {
    /// Reads `object`, found at `prefix` (nested `depth` levels down).
    fn object(
        &self,
        object: &Map<String, Value>,
        prefix: &[String],
        depth: usize,
    ) -> Result<Parsed, PatternError> {
        let mut parsed = Parsed {
            alternatives: vec![Vec::new()],
            combinations: 1,
        };
        for (key, value) in object {
            let part = match (key.as_str(), value) {
                ("$or", Value::Array(choices)) => self.or(choices, prefix, depth)?,
                (_, Value::Array(values)) => self.rule(key, values, prefix, depth)?,
                (_, Value::Object(inner)) if self.nested => {
                    self.object(inner, &path(prefix, key), depth + 1)?
                }
                (_, Value::Object(_)) => return Err(PatternError::Nested),
                _ => return Err(PatternError::NotObjectOrArray(key.clone())),
            };
            parsed = parsed.and(part)?;
        }
        Ok(parsed)
    }

    /// One key's list of conditions.
    fn rule(
        &self,
        key: &str,
        values: &[Value],
        prefix: &[String],
        depth: usize,
    ) -> Result<Parsed, PatternError> {
        if values.is_empty() {
            return Err(PatternError::EmptyArray);
        }
        let conditions = (values.iter())
            .map(|v| Condition::parse(v, self.dialect))
            .collect::<Result<Vec<_>, _>>()
            .map_err(PatternError::Condition)?;
        Ok(Parsed {
            alternatives: vec![vec![Rule {
                path: path(prefix, key),
                conditions,
            }]],
            combinations: values.len() * depth,
        })
    }

    /// `$or`: each choice is an alternative, and their combinations add up.
    fn or(
        &self,
        choices: &[Value],
        prefix: &[String],
        depth: usize,
    ) -> Result<Parsed, PatternError> {
        let mut parsed = Parsed {
            alternatives: Vec::new(),
            combinations: 0,
        };
        for choice in choices {
            let Value::Object(choice) = choice else {
                return Err(PatternError::OrChoice);
            };
            let part = self.object(choice, prefix, depth)?;
            parsed.alternatives.extend(part.alternatives);
            parsed.combinations += part.combinations;
        }
        Ok(parsed)
    }
}

impl Parsed {
    /// Both parts must match: every pair of their alternatives joins.
    fn and(self, other: Parsed) -> Result<Parsed, PatternError> {
        let rules = |p: &Parsed| p.alternatives.iter().map(Vec::len).sum::<usize>();
        let joined = (rules(&self).saturating_mul(other.alternatives.len()))
            .saturating_add(rules(&other).saturating_mul(self.alternatives.len()));
        if joined > MAX_RULES {
            return Err(PatternError::TooComplex);
        }
        let alternatives = self
            .alternatives
            .iter()
            .flat_map(|left| {
                other
                    .alternatives
                    .iter()
                    .map(move |right| left.iter().chain(right).cloned().collect::<Vec<_>>())
            })
            .collect();
        Ok(Parsed {
            alternatives,
            combinations: self.combinations.saturating_mul(other.combinations),
        })
    }
}

fn path(prefix: &[String], key: &str) -> Vec<String> {
    let mut path = prefix.to_vec();
    path.push(key.to_owned());
    path
}

/// The leaf values at `path` below `value`, looking through arrays at every level.
fn leaves(value: &Value, path: &[String], found: &mut Vec<Literal>) {
    match (value, path.split_first()) {
        (Value::Array(items), _) => items.iter().for_each(|item| leaves(item, path, found)),
        (Value::Object(object), Some((key, rest))) => {
            if let Some(child) = object.get(key) {
                leaves(child, rest, found);
            }
        }
        (leaf, None) => found.extend(Literal::of_json(leaf)),
        _ => {}
    }
}

#[cfg(test)]
mod tests;
