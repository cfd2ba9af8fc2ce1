//! One value of a pattern's key — an exact literal or a matching operator — and how it
//! matches the values a document has under that key.

use super::Dialect;
use super::literal::Literal;
use super::numeric::{self, Compare};
use super::wildcard::Wildcard;
use serde_json::Value;
use std::net::IpAddr;

/// One condition of a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// The value itself.
    Exactly(Literal),
    /// A string starting with this.
    Prefix(String),
    /// A string starting with this, ignoring case (EventBridge).
    PrefixIgnoreCase(String),
    /// A string ending with this.
    Suffix(String),
    /// A string ending with this, ignoring case (EventBridge).
    SuffixIgnoreCase(String),
    /// A string equal to this, ignoring case.
    EqualsIgnoreCase(String),
    /// A string matching a wildcard pattern (EventBridge).
    Wildcard(Wildcard),
    /// A present value equal to none of these.
    AnythingBut(Vec<Literal>),
    /// A string not starting with this.
    AnythingButPrefix(String),
    /// A string not ending with this.
    AnythingButSuffix(String),
    /// A string equal to none of these, ignoring case (EventBridge).
    AnythingButIgnoreCase(Vec<String>),
    /// A string matching none of these wildcard patterns (EventBridge).
    AnythingButWildcard(Vec<Wildcard>),
    /// A number meeting every comparison.
    Numeric(Vec<(Compare, f64)>),
    /// The key present (`true`) or absent (`false`).
    Exists(bool),
    /// An IP address inside a network: its address and prefix length.
    Cidr(IpAddr, u8),
}

const NOT_A_LITERAL: &str = "Match value must be String, number, true, false, or null";

impl Condition {
    /// A pattern value as a condition in `dialect`; the error is AWS's reason.
    pub fn parse(value: &Value, dialect: Dialect) -> Result<Condition, String> {
        if let Some(literal) = Literal::of_json(value) {
            return Ok(Condition::Exactly(literal));
        }
        let (name, argument) = single(value, NOT_A_LITERAL)?;
        match (name, dialect) {
            ("prefix", _) => affix(name, argument, dialect, true),
            ("suffix", _) => affix(name, argument, dialect, false),
            ("equals-ignore-case", _) => Ok(Condition::EqualsIgnoreCase(text(name, argument)?)),
            ("wildcard", Dialect::EventBridge) => Ok(Condition::Wildcard(Wildcard::parse(&text(
                name, argument,
            )?)?)),
            ("anything-but", _) => anything_but(argument, dialect),
            ("numeric", _) => numeric::parse(argument).map(Condition::Numeric),
            ("exists", _) => match argument {
                Value::Bool(exists) => Ok(Condition::Exists(*exists)),
                _ => Err("exists match pattern must be either true or false.".to_owned()),
            },
            ("cidr", _) => cidr(argument),
            _ => Err(format!("Unrecognized match type {name}")),
        }
    }

    /// Whether the condition holds for a key with `values` (`None`: the key is absent).
    pub fn matches(&self, values: Option<&[Literal]>, dialect: Dialect) -> bool {
        match (self, values) {
            (Condition::Exists(exists), values) => *exists == values.is_some(),
            (_, None) => false,
            (condition, Some(values)) => values.iter().any(|v| condition.holds(v, dialect)),
        }
    }

    /// Whether one present value meets the condition.
    fn holds(&self, value: &Literal, dialect: Dialect) -> bool {
        let text = value.text();
        let lower = || text.map(str::to_lowercase);
        match self {
            Condition::Exactly(literal) => literal.equals(value, dialect),
            Condition::Prefix(p) => text.is_some_and(|t| t.starts_with(p.as_str())),
            Condition::PrefixIgnoreCase(p) => lower().is_some_and(|t| t.starts_with(&lowered(p))),
            Condition::Suffix(s) => text.is_some_and(|t| t.ends_with(s.as_str())),
            Condition::SuffixIgnoreCase(s) => lower().is_some_and(|t| t.ends_with(&lowered(s))),
            Condition::EqualsIgnoreCase(s) => lower().is_some_and(|t| t == lowered(s)),
            Condition::Wildcard(w) => text.is_some_and(|t| w.matches(t)),
            Condition::AnythingBut(excluded) => !excluded.iter().any(|e| e.equals(value, dialect)),
            Condition::AnythingButPrefix(p) => text.is_some_and(|t| !t.starts_with(p.as_str())),
            Condition::AnythingButSuffix(s) => text.is_some_and(|t| !t.ends_with(s.as_str())),
            Condition::AnythingButIgnoreCase(excluded) => {
                lower().is_some_and(|t| !excluded.iter().any(|e| lowered(e) == t))
            }
            Condition::AnythingButWildcard(excluded) => {
                text.is_some_and(|t| !excluded.iter().any(|w| w.matches(t)))
            }
            Condition::Numeric(comparisons) => value.as_f64().is_some_and(|n| {
                (comparisons.iter()).all(|(c, bound)| c.holds(n, *bound, dialect))
            }),
            Condition::Exists(_) => true,
            Condition::Cidr(network, bits) => text
                .and_then(|t| t.parse::<IpAddr>().ok())
                .is_some_and(|ip| in_network(ip, *network, *bits)),
        }
    }
}

fn lowered(text: &str) -> String {
    text.to_lowercase()
}

/// The one `name: argument` member of an operator object; `other` when it is no object.
fn single<'a>(value: &'a Value, other: &str) -> Result<(&'a str, &'a Value), String> {
    let Value::Object(operator) = value else {
        return Err(other.to_owned());
    };
    let mut entries = operator.iter();
    match (entries.next(), entries.next()) {
        (Some((name, argument)), None) => Ok((name.as_str(), argument)),
        _ => Err("Only one key allowed in match expression".to_owned()),
    }
}

/// The string argument of an operator.
fn text(name: &str, argument: &Value) -> Result<String, String> {
    match argument {
        Value::String(s) => Ok(s.clone()),
        _ => Err(format!("{name} match pattern must be a string")),
    }
}

/// `prefix` or `suffix`: a string, or in EventBridge `{"equals-ignore-case": string}`.
fn affix(
    name: &str,
    argument: &Value,
    dialect: Dialect,
    prefix: bool,
) -> Result<Condition, String> {
    let ignore_case = match (argument, dialect) {
        (Value::Object(_), Dialect::EventBridge) => match single(argument, "")? {
            ("equals-ignore-case", inner) => Some(text(name, inner)?),
            (other, _) => return Err(format!("Unsupported {name} pattern: {other}")),
        },
        _ => None,
    };
    Ok(match (ignore_case, prefix) {
        (Some(s), true) => Condition::PrefixIgnoreCase(s),
        (Some(s), false) => Condition::SuffixIgnoreCase(s),
        (None, true) => Condition::Prefix(text(name, argument)?),
        (None, false) => Condition::Suffix(text(name, argument)?),
    })
}

/// `anything-but`: one literal, a list of them, or an operator object (`prefix`, `suffix`;
/// in EventBridge also `equals-ignore-case` and `wildcard`, each a string or a list).
fn anything_but(argument: &Value, dialect: Dialect) -> Result<Condition, String> {
    let literal = |v: &Value| Literal::of_json(v).ok_or_else(|| NOT_A_LITERAL.to_owned());
    match argument {
        Value::Array(values) => (values.iter().map(literal))
            .collect::<Result<_, _>>()
            .map(Condition::AnythingBut),
        Value::Object(_) => {
            let (name, inner) = single(argument, "")?;
            match (name, dialect) {
                ("prefix", _) => Ok(Condition::AnythingButPrefix(text(name, inner)?)),
                ("suffix", _) => Ok(Condition::AnythingButSuffix(text(name, inner)?)),
                ("equals-ignore-case", Dialect::EventBridge) => {
                    Ok(Condition::AnythingButIgnoreCase(texts(name, inner)?))
                }
                ("wildcard", Dialect::EventBridge) => (texts(name, inner)?.iter())
                    .map(|w| Wildcard::parse(w))
                    .collect::<Result<_, _>>()
                    .map(Condition::AnythingButWildcard),
                _ => Err(format!("Unsupported anything-but pattern: {name}")),
            }
        }
        other => literal(other).map(|l| Condition::AnythingBut(vec![l])),
    }
}

/// A string argument, or a non-empty list of them.
fn texts(name: &str, argument: &Value) -> Result<Vec<String>, String> {
    match argument {
        Value::Array(items) if !items.is_empty() => items.iter().map(|i| text(name, i)).collect(),
        other => text(name, other).map(|t| vec![t]),
    }
}

/// `cidr`: an IPv4 or IPv6 network `address/bits`.
fn cidr(argument: &Value) -> Result<Condition, String> {
    // AWS answers a non-string CIDR with the prefix operator's wording.
    let text = text("prefix", argument)?;
    let Some((address, bits)) = text.split_once('/') else {
        return Err("Malformed CIDR, one '/' required".to_owned());
    };
    let bits: u8 = bits
        .parse()
        .map_err(|_| "Malformed CIDR, mask bits must be an integer".to_owned())?;
    let network: IpAddr = address
        .parse()
        .map_err(|_| format!("Nonstandard IP address: {address}"))?;
    let width = if network.is_ipv4() { 32 } else { 128 };
    if bits > width {
        return Err(format!("Nonstandard IP address: {address}"));
    }
    Ok(Condition::Cidr(network, bits))
}

/// Whether `ip` lies in `network`/`bits` (of the same family).
fn in_network(ip: IpAddr, network: IpAddr, bits: u8) -> bool {
    let (ip, network, width) = match (ip, network) {
        (IpAddr::V4(a), IpAddr::V4(n)) => (u32::from(a) as u128, u32::from(n) as u128, 32),
        (IpAddr::V6(a), IpAddr::V6(n)) => (u128::from(a), u128::from(n), 128),
        _ => return false,
    };
    let shift = width - u32::from(bits);
    shift >= width || (ip >> shift) == (network >> shift)
}
