//! One value of a filter policy's key — an exact literal or a matching operator — and how it
//! matches the values a message has under that key.

use serde_json::Value;
use std::net::IpAddr;

/// A value a message carries, or a policy compares with.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// A string.
    String(String),
    /// A number, kept to AWS's five decimal places.
    Number(f64),
    /// `true` or `false` (message bodies only).
    Bool(bool),
    /// `null` (message bodies only).
    Null,
}

impl Literal {
    /// A JSON scalar as a literal; objects and arrays are none.
    pub fn of_json(value: &Value) -> Option<Literal> {
        Some(match value {
            Value::String(s) => Literal::String(s.clone()),
            Value::Number(n) => Literal::Number(n.as_f64()?),
            Value::Bool(b) => Literal::Bool(*b),
            Value::Null => Literal::Null,
            _ => return None,
        })
    }

    /// Equal as SNS compares: strings exactly, numbers to five decimal places.
    fn equals(&self, other: &Literal) -> bool {
        match (self, other) {
            (Literal::Number(a), Literal::Number(b)) => fixed(*a) == fixed(*b),
            _ => self == other,
        }
    }

    fn text(&self) -> Option<&str> {
        match self {
            Literal::String(s) => Some(s),
            _ => None,
        }
    }
}

/// A number at AWS's precision: "five digits of accuracy after the decimal point".
fn fixed(number: f64) -> i64 {
    (number * 100_000.0).round() as i64
}

/// A comparison of a `numeric` condition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Compare {
    Equal,
    Less,
    LessOrEqual,
    Greater,
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

    fn holds(self, value: f64, bound: f64) -> bool {
        let (value, bound) = (fixed(value), fixed(bound));
        match self {
            Compare::Equal => value == bound,
            Compare::Less => value < bound,
            Compare::LessOrEqual => value <= bound,
            Compare::Greater => value > bound,
            Compare::GreaterOrEqual => value >= bound,
        }
    }
}

/// One condition of a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// The value itself.
    Exactly(Literal),
    /// A string starting with this.
    Prefix(String),
    /// A string ending with this.
    Suffix(String),
    /// A string equal to this, ignoring case.
    EqualsIgnoreCase(String),
    /// A present value equal to none of these.
    AnythingBut(Vec<Literal>),
    /// A string not starting with this.
    AnythingButPrefix(String),
    /// A string not ending with this.
    AnythingButSuffix(String),
    /// A number meeting every comparison.
    Numeric(Vec<(Compare, f64)>),
    /// The key present (`true`) or absent (`false`).
    Exists(bool),
    /// An IP address inside a network: its address and prefix length.
    Cidr(IpAddr, u8),
}

impl Condition {
    /// A policy value as a condition; the error is AWS's reason.
    pub fn parse(value: &Value) -> Result<Condition, String> {
        if let Some(literal) = Literal::of_json(value) {
            return Ok(Condition::Exactly(literal));
        }
        let Value::Object(operator) = value else {
            return Err("Match value must be String, number, true, false, or null".to_owned());
        };
        let mut entries = operator.iter();
        let (Some((name, argument)), None) = (entries.next(), entries.next()) else {
            return Err("Only one key allowed in match expression".to_owned());
        };
        Condition::operator(name, argument)
    }

    fn operator(name: &str, argument: &Value) -> Result<Condition, String> {
        match name {
            "prefix" => Ok(Condition::Prefix(pattern(name, argument)?)),
            "suffix" => Ok(Condition::Suffix(pattern(name, argument)?)),
            "equals-ignore-case" => Ok(Condition::EqualsIgnoreCase(pattern(name, argument)?)),
            "anything-but" => anything_but(argument),
            "numeric" => numeric(argument),
            "exists" => match argument {
                Value::Bool(exists) => Ok(Condition::Exists(*exists)),
                _ => Err("exists match pattern must be either true or false.".to_owned()),
            },
            "cidr" => cidr(argument),
            _ => Err(format!("Unrecognized match type {name}")),
        }
    }

    /// Whether the condition holds for a key with `values` (`None`: the key is absent).
    pub fn matches(&self, values: Option<&[Literal]>) -> bool {
        match (self, values) {
            (Condition::Exists(exists), values) => *exists == values.is_some(),
            (_, None) => false,
            (condition, Some(values)) => values.iter().any(|value| condition.holds(value)),
        }
    }

    /// Whether one present value meets the condition.
    fn holds(&self, value: &Literal) -> bool {
        let text = value.text();
        match self {
            Condition::Exactly(literal) => literal.equals(value),
            Condition::Prefix(p) => text.is_some_and(|t| t.starts_with(p.as_str())),
            Condition::Suffix(s) => text.is_some_and(|t| t.ends_with(s.as_str())),
            Condition::EqualsIgnoreCase(s) => {
                text.is_some_and(|t| t.to_lowercase() == s.to_lowercase())
            }
            Condition::AnythingBut(excluded) => !excluded.iter().any(|e| e.equals(value)),
            Condition::AnythingButPrefix(p) => text.is_some_and(|t| !t.starts_with(p.as_str())),
            Condition::AnythingButSuffix(s) => text.is_some_and(|t| !t.ends_with(s.as_str())),
            Condition::Numeric(comparisons) => match value {
                Literal::Number(n) => comparisons.iter().all(|(c, bound)| c.holds(*n, *bound)),
                _ => false,
            },
            Condition::Exists(_) => true,
            Condition::Cidr(network, bits) => text
                .and_then(|t| t.parse::<IpAddr>().ok())
                .is_some_and(|ip| in_network(ip, *network, *bits)),
        }
    }
}

/// The string argument of `prefix`, `suffix` or `equals-ignore-case`.
fn pattern(name: &str, argument: &Value) -> Result<String, String> {
    match argument {
        Value::String(s) => Ok(s.clone()),
        _ => Err(format!("{name} match pattern must be a string")),
    }
}

/// `anything-but`: one literal, a list of them, or a `prefix` / `suffix` pattern.
fn anything_but(argument: &Value) -> Result<Condition, String> {
    match argument {
        Value::Array(values) => values
            .iter()
            .map(|v| {
                Literal::of_json(v).ok_or_else(|| {
                    "Match value must be String, number, true, false, or null".to_owned()
                })
            })
            .collect::<Result<_, _>>()
            .map(Condition::AnythingBut),
        Value::Object(pattern_of) => {
            let mut entries = pattern_of.iter();
            match (entries.next(), entries.next()) {
                (Some((name, p)), None) if name == "prefix" => {
                    Ok(Condition::AnythingButPrefix(pattern(name, p)?))
                }
                (Some((name, s)), None) if name == "suffix" => {
                    Ok(Condition::AnythingButSuffix(pattern(name, s)?))
                }
                (Some((name, _)), None) => Err(format!("Unsupported anything-but pattern: {name}")),
                _ => Err("Only one key allowed in match expression".to_owned()),
            }
        }
        literal => Literal::of_json(literal)
            .map(|l| Condition::AnythingBut(vec![l]))
            .ok_or_else(|| "Match value must be String, number, true, false, or null".to_owned()),
    }
}

/// `numeric`: `[op, n]`, or a range `[">" | ">=", low, "<" | "<=", high]`.
fn numeric(argument: &Value) -> Result<Condition, String> {
    let Value::Array(terms) = argument else {
        return Err("Value of numeric must be an array.".to_owned());
    };
    let mut comparisons = Vec::new();
    for (index, pair) in terms.chunks(2).enumerate() {
        comparisons.push(comparison(pair, index)?);
    }
    match comparisons.as_slice() {
        [] => Err("Invalid member in numeric match: ]".to_owned()),
        [_] => Ok(Condition::Numeric(comparisons)),
        [(low, _), _] if !matches!(low, Compare::Greater | Compare::GreaterOrEqual) => {
            Err("Too many elements in numeric expression".to_owned())
        }
        [(_, bottom), (_, top)] if top <= bottom => Err("Bottom must be less than top".to_owned()),
        [_, _] => Ok(Condition::Numeric(comparisons)),
        _ => Err("Too many terms in numeric range expression".to_owned()),
    }
}

/// One `operator, number` pair of a `numeric` condition; the second pair of a range must be
/// an upper bound.
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

/// `cidr`: an IPv4 or IPv6 network `address/bits`.
fn cidr(argument: &Value) -> Result<Condition, String> {
    // AWS answers a non-string CIDR with the prefix operator's wording.
    let text = pattern("prefix", argument)?;
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
