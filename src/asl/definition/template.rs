//! Payload templates: JSONPath (`"key.$": "$.path"`) and JSONata (`"{% expr %}"`).

use crate::asl::intrinsic::Intrinsic;
use crate::asl::jsonata::Expression;
use crate::asl::path::Path;
use serde_json::Value;

/// A JSONPath payload template (`Parameters`, `ResultSelector`, `ItemSelector`, `Assign`, ...).
///
/// Keys ending in `.$` take a path (input, `$$` context or `$var` variable) or an intrinsic
/// call and are stored without the suffix; every other value is literal, however path-like.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// A literal subtree with nothing dynamic inside.
    Literal(Value),
    /// An object: output key (suffix `.$` already removed) and its value, in written order.
    Object(Vec<(String, Payload)>),
    /// An array whose elements are templates.
    Array(Vec<Payload>),
    /// The value of a `.$` key that is a path.
    Path(Path),
    /// The value of a `.$` key that is an intrinsic function call.
    Intrinsic(Intrinsic),
}

/// A JSONata expression: its text, without the `{%` `%}` delimiters, parsed once when the
/// definition is. A text that does not parse is kept with its error (validation reports it).
#[derive(Debug, Clone, PartialEq)]
pub struct JsonataExpr {
    source: String,
    parsed: Result<Expression, String>,
}

impl JsonataExpr {
    /// Recognises `{% expr %}` (the whole string, nothing around it) and parses the inside.
    pub fn from_delimited(s: &str) -> Option<JsonataExpr> {
        let inner = s.strip_prefix("{%")?.strip_suffix("%}")?.trim();
        let parsed = Expression::parse(inner).map_err(|e| e.to_string());
        Some(JsonataExpr {
            source: inner.to_owned(),
            parsed,
        })
    }

    /// The expression text, trimmed.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The parsed expression, or why it does not parse.
    pub fn parsed(&self) -> Result<&Expression, &str> {
        self.parsed.as_ref().map_err(String::as_str)
    }
}

/// A JSONata template (`Arguments`, `Output`, `Assign`, `Items`, ...): any JSON in which a
/// string that is entirely `{% ... %}` is an expression.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonataTemplate {
    /// A literal subtree with no expression inside.
    Literal(Value),
    /// A whole-string expression.
    Expr(JsonataExpr),
    /// An object with at least one expression somewhere below, in written order.
    Object(Vec<(String, JsonataTemplate)>),
    /// An array with at least one expression somewhere below.
    Array(Vec<JsonataTemplate>),
}

impl JsonataTemplate {
    /// Builds the template for a JSON value.
    pub fn from_value(value: &Value) -> JsonataTemplate {
        match value {
            Value::String(s) => match JsonataExpr::from_delimited(s) {
                Some(e) => JsonataTemplate::Expr(e),
                None => JsonataTemplate::Literal(value.clone()),
            },
            Value::Object(map) if contains_expr(value) => JsonataTemplate::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), JsonataTemplate::from_value(v)))
                    .collect(),
            ),
            Value::Array(items) if contains_expr(value) => {
                JsonataTemplate::Array(items.iter().map(JsonataTemplate::from_value).collect())
            }
            _ => JsonataTemplate::Literal(value.clone()),
        }
    }
}

fn contains_expr(value: &Value) -> bool {
    match value {
        Value::String(s) => JsonataExpr::from_delimited(s).is_some(),
        Value::Object(map) => map.values().any(contains_expr),
        Value::Array(items) => items.iter().any(contains_expr),
        _ => false,
    }
}

/// A template in the language of the state that holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Template {
    /// A JSONPath state's template.
    JsonPath(Payload),
    /// A JSONata state's template.
    Jsonata(JsonataTemplate),
}

/// A JSONata field that takes either a constant or an expression (e.g. `TimeoutSeconds`).
#[derive(Debug, Clone, PartialEq)]
pub enum ValueOrExpr<T> {
    /// A constant.
    Value(T),
    /// A `{% ... %}` expression evaluated at run time.
    Expr(JsonataExpr),
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn expression_must_be_the_whole_string() {
        assert_eq!(
            JsonataExpr::from_delimited("{% $x %}").map(|e| e.source().to_owned()),
            Some("$x".into())
        );
        assert_eq!(JsonataExpr::from_delimited(" {% $x %}"), None);
        assert_eq!(JsonataExpr::from_delimited("a {% $x %}"), None);
    }

    #[test]
    fn literal_subtrees_stay_literal() {
        let t = JsonataTemplate::from_value(&json!({"a": {"b": 1}, "c": "{% 1 %}"}));
        let JsonataTemplate::Object(fields) = t else {
            panic!("expected object")
        };
        assert_eq!(
            fields[0],
            ("a".into(), JsonataTemplate::Literal(json!({"b": 1})))
        );
        assert!(matches!(fields[1].1, JsonataTemplate::Expr(_)));
    }
}
