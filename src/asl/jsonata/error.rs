//! JSONata failures, worded the way Step Functions words them.
//!
//! AWS reports a failing expression as `States.QueryEvaluationError` with a cause of the form
//! `The JSONata expression '<expr>' specified for the field '<Field>' <fragment>`, where the
//! fragment is one of (all recorded against AWS):
//!
//! - `threw an error during evaluation. T1006: Attempted to invoke a non-function`
//! - `returned nothing (undefined).`
//! - `returned an unsupported result type.` (a function value)
//! - `returned an unexpected result type. Expected 'array', but was 'number' for value: 1`
//!
//! [`JsonataError`]'s `Display` is that fragment; [`JsonataError::cause`] builds the sentence.
//! The engine prefixes it with `An error occurred while executing the state '<name>' (entered
//! at the event id #<id>). `.

use serde_json::Value;

/// Why an expression could not be parsed or evaluated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JsonataError {
    /// The expression does not parse. AWS refuses such a definition with the diagnostic
    /// `INVALID_JSONATA_EXPRESSION: <message> at <location>`, where the message is the
    /// jsonata-js parser's without its `S0xxx: ` code (e.g. `Unexpected end of expression`).
    /// `Display` is that message.
    #[error("{message}")]
    Parse {
        /// The JSONata error code (`S0207`), if the parser gave one.
        code: Option<String>,
        /// The parser's message without the code.
        message: String,
    },
    /// Evaluation raised an error (a JSONata runtime error, an AWS function refusing its
    /// arguments, or a resource limit).
    #[error("threw an error during evaluation. {}", evaluation_text(code.as_deref(), message))]
    Evaluation {
        /// The JSONata error code (`T1006`), if the error has one.
        code: Option<String>,
        /// The message without the code (`Attempted to invoke a non-function`).
        message: String,
    },
    /// The expression evaluated to JSONata `undefined` where a value is required.
    #[error("returned nothing (undefined).")]
    Undefined,
    /// The result is not JSON: a function (or a regex) somewhere in it.
    #[error("returned an unsupported result type.")]
    UnsupportedResult,
    /// The result is JSON of the wrong type for the field (`Items` must be an array, ...).
    #[error(
        "returned an unexpected result type. Expected '{expected}', but was '{actual}' for value: {value}"
    )]
    UnexpectedType {
        /// The type the field needs, as AWS names it (`array`).
        expected: &'static str,
        /// The type of the result ([`json_type_name`]).
        actual: &'static str,
        /// The result as compact JSON text.
        value: String,
    },
    /// An integer result outside the field's documented range (Wait `Seconds` 0..99999999,
    /// Task `TimeoutSeconds`/`HeartbeatSeconds` 1..99999999). AWS documents the range but its
    /// wording is not recorded: this sentence is a guess in the style of the others.
    #[error(
        "returned a value out of range. Expected an integer between {min} and {max}, but was: {value}"
    )]
    OutOfRange {
        /// The smallest value the field takes.
        min: u64,
        /// The largest value the field takes.
        max: u64,
        /// The result as compact JSON text.
        value: String,
    },
}

impl JsonataError {
    /// The error for a result of the wrong type: `expected` is AWS's name for the type the
    /// field needs (`array`, `number`, `boolean`, `string`, `object`).
    pub fn unexpected_type(expected: &'static str, value: &Value) -> JsonataError {
        JsonataError::UnexpectedType {
            expected,
            actual: json_type_name(value),
            value: value.to_string(),
        }
    }

    /// AWS's sentence for a failure of `expression` (the text inside `{% %}`) evaluated for
    /// `field` (a location such as `Output/result`, `Items` or `Arguments/Payload`).
    pub fn cause(&self, expression: &str, field: &str) -> String {
        format!("The JSONata expression '{expression}' specified for the field '{field}' {self}")
    }

    /// The JSONata error code, if any (`S0207`, `T1006`, `D1012`).
    pub fn code(&self) -> Option<&str> {
        match self {
            JsonataError::Parse { code, .. } | JsonataError::Evaluation { code, .. } => {
                code.as_deref()
            }
            _ => None,
        }
    }

    /// Splits a jsonata-core message into code and text, for an evaluation error.
    pub(super) fn evaluation(message: &str) -> JsonataError {
        let (code, message) = split_code(message);
        JsonataError::Evaluation {
            message: normalise_message(code.as_deref(), message),
            code,
        }
    }

    /// Splits a jsonata-core message into code and text, for a parse error.
    pub(super) fn parse(message: &str) -> JsonataError {
        // jsonata-core gives an unclosed comment no code; jsonata-js's is S0106.
        if message == "Unclosed comment" {
            return JsonataError::Parse {
                code: Some("S0106".to_owned()),
                message: "Comment has no closing tag".to_owned(),
            };
        }
        let (code, message) = split_code(message);
        JsonataError::Parse {
            message: js_parse_message(message),
            code,
        }
    }
}

/// AWS's name for the JSON type of `value`: `null`, `boolean`, `number`, `string`, `array`
/// or `object`.
pub fn json_type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn evaluation_text(code: Option<&str>, message: &str) -> String {
    match code {
        Some(code) => format!("{code}: {message}"),
        None => message.to_owned(),
    }
}

/// Prefixes jsonata-core puts before some coded messages, which jsonata-js's do not have: the
/// parser's `Invalid syntax: S0201: ...` and `Invalid number: S0102: ...`, and
/// `Signature validation failed: T0410: ...` for a lambda given too many arguments.
const CODED_PREFIXES: [&str; 3] = [
    "Invalid syntax: ",
    "Invalid number: ",
    "Signature validation failed: ",
];

/// `"T1006: text"` -> (`Some("T1006")`, `"text"`); jsonata-core puts the code in front of the
/// message, as jsonata-js's `code` and `message` would print together, sometimes after one of
/// [`CODED_PREFIXES`], which is dropped with the code.
fn split_code(message: &str) -> (Option<String>, &str) {
    let coded = CODED_PREFIXES
        .iter()
        .filter_map(|prefix| message.strip_prefix(prefix))
        .chain([message])
        .find_map(leading_code);
    match coded {
        Some((code, text)) => (Some(code.to_owned()), text),
        None => (None, message),
    }
}

/// `"T1006: text"` -> (`"T1006"`, `"text"`), if the message starts with a code.
fn leading_code(message: &str) -> Option<(&str, &str)> {
    let bytes = message.as_bytes();
    let coded = bytes.len() >= 6
        && bytes[0].is_ascii_uppercase()
        && bytes[1..5].iter().all(u8::is_ascii_digit)
        && bytes[5] == b':';
    coded.then(|| (&message[..5], message[6..].trim_start()))
}

/// jsonata-core appends detail to a few messages that jsonata-js (and so AWS) does not: the
/// recorded AWS cause for calling an unknown function is exactly
/// `T1006: Attempted to invoke a non-function`, while jsonata-core adds `: $name`.
fn normalise_message(code: Option<&str>, message: &str) -> String {
    const NON_FUNCTION: &str = "Attempted to invoke a non-function";
    if code == Some("T1006") && message.starts_with(NON_FUNCTION) {
        return NON_FUNCTION.to_owned();
    }
    message.to_owned()
}

/// jsonata-core names tokens by their Rust variant (`Expected RightBracket, got Comma`) where
/// jsonata-js, and so AWS, prints their text as JSON (`Expected "]", got ","`, recorded by
/// floci against `ValidateStateMachineDefinition`). Rewrites the messages that name tokens,
/// and words the few others that differ as jsonata-js 2.0.6 does.
fn js_parse_message(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("Expected ") {
        if let Some((expected, found)) = rest.split_once(", got ") {
            return format!("Expected {}, got {}", js_token(expected), js_token(found));
        }
        if let Some(expected) = rest.strip_suffix(" before end of expression") {
            return format!("Expected {} before end of expression", js_token(expected));
        }
    }
    if let Some(token) = message.strip_prefix("Syntax error: ") {
        return format!("Syntax error: {}", js_token(token));
    }
    // Raw text where jsonata-js quotes it.
    for prefix in ["Unknown operator: ", "Number out of range: "] {
        if let Some(text) = message.strip_prefix(prefix) {
            return format!("{prefix}{}", Value::from(text));
        }
    }
    if let Some(operator) = message.strip_prefix("Expected a variable reference after ") {
        return format!(
            "The right side of {} must be a variable name (start with $)",
            Value::from(operator)
        );
    }
    if let Some(token) = message
        .strip_prefix("The symbol ")
        .and_then(|rest| rest.strip_suffix(" cannot be used as a unary operator"))
    {
        return format!(
            "The symbol {} cannot be used as a unary operator",
            js_token(token)
        );
    }
    message.to_owned()
}

/// The JSON text of a token named as jsonata-core's `Debug` prints it; unknown names as-is.
fn js_token(token: &str) -> String {
    let symbol = match token {
        "Plus" => "+",
        "Minus" => "-",
        "Star" => "*",
        "StarStar" => "**",
        "Slash" => "/",
        "Percent" => "%",
        "Equal" => "=",
        "NotEqual" => "!=",
        "LessThan" => "<",
        "LessThanOrEqual" => "<=",
        "GreaterThan" => ">",
        "GreaterThanOrEqual" => ">=",
        "And" => "and",
        "Or" => "or",
        "In" => "in",
        "Ampersand" => "&",
        "Dot" => ".",
        "DotDot" => "..",
        "Question" => "?",
        "QuestionQuestion" => "??",
        "QuestionColon" => "?:",
        "Colon" => ":",
        "ColonEqual" => ":=",
        "TildeArrow" => "~>",
        "LeftParen" => "(",
        "RightParen" => ")",
        "LeftBracket" => "[",
        "RightBracket" => "]",
        "LeftBrace" => "{",
        "RightBrace" => "}",
        "Comma" => ",",
        "Semicolon" => ";",
        "Caret" => "^",
        "Pipe" => "|",
        "Hash" => "#",
        "At" => "@",
        "True" => "true",
        "False" => "false",
        "Null" => "null",
        _ => return js_payload_token(token),
    };
    Value::from(symbol).to_string()
}

/// `String("zz")` -> `"zz"`, `Number(1.0)` -> `1`, `Identifier("a")` -> `"a"`.
fn js_payload_token(token: &str) -> String {
    let Some((kind, inner)) = token.strip_suffix(')').and_then(|t| t.split_once('(')) else {
        return token.to_owned();
    };
    match kind {
        "String" | "Identifier" | "Variable" | "Function" => inner.to_owned(),
        "Number" => inner.parse::<f64>().map_or_else(
            |_| inner.to_owned(),
            |n| super::convert::number(n).to_string(),
        ),
        _ => token.to_owned(),
    }
}
