//! JSON text nested deeper than serde_json's default of 128 levels: a `Result` nested 126 levels
//! deep is a valid definition on AWS, whose parser (Jackson) accepts 1000 levels by default.
//!
//! Stepstone accepts 500: parsing, copying and printing a value recurse once per level, and
//! 500 levels fit the 2 MiB stacks of the threads that serve requests and run executions, even
//! unoptimised. The depth is measured first, without recursion, so deeper text is refused with
//! a message saying so before anything recursive touches it.

use serde::Deserialize;
use serde_json::Value;

/// The deepest nesting accepted.
pub const MAX_DEPTH: usize = 500;

/// Why text could not be read.
#[derive(Debug)]
pub enum DeepJsonError {
    /// Nested deeper than [`MAX_DEPTH`]: Jackson's message.
    TooDeep(String),
    /// Not JSON.
    Syntax(serde_json::Error),
}

impl std::fmt::Display for DeepJsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeepJsonError::TooDeep(message) => f.write_str(message),
            DeepJsonError::Syntax(error) => error.fmt(f),
        }
    }
}

/// Parses `text`, nested up to [`MAX_DEPTH`] levels.
///
/// # Errors
/// [`DeepJsonError::TooDeep`] past the limit, else [`DeepJsonError::Syntax`] for bad JSON.
pub fn parse(text: &str) -> Result<Value, DeepJsonError> {
    let depth = depth(text);
    if depth > MAX_DEPTH {
        return Err(DeepJsonError::TooDeep(format!(
            "Document nesting depth ({depth}) exceeds the maximum Stepstone allows ({MAX_DEPTH})"
        )));
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    deserializer.disable_recursion_limit();
    let value = Value::deserialize(&mut deserializer).map_err(DeepJsonError::Syntax)?;
    deserializer.end().map_err(DeepJsonError::Syntax)?;
    Ok(value)
}

/// The deepest nesting of arrays and objects in `text`, strings skipped.
fn depth(text: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0, false, false);
    for byte in text.bytes() {
        match (in_string, escaped, byte) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') | (false, _, b'"') => in_string = !in_string,
            (false, _, b'[' | b'{') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (false, _, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> String {
        format!("{}1{}", "[".repeat(levels), "]".repeat(levels))
    }

    #[test]
    fn depth_skips_strings() {
        assert_eq!(depth(r#"{"a": ["[[[", {"b": "\"{"}]}"#), 3);
        assert_eq!(depth("1"), 0);
    }

    #[test]
    fn nesting_up_to_the_limit_parses() {
        for levels in [127, 200, MAX_DEPTH] {
            let value = parse(&nested(levels)).unwrap();
            let mut inner = &value;
            let mut seen = 0;
            while let Value::Array(items) = inner {
                inner = &items[0];
                seen += 1;
            }
            assert_eq!(seen, levels);
        }
    }

    #[test]
    fn nesting_past_the_limit_is_refused_saying_so() {
        let err = parse(&nested(MAX_DEPTH + 1)).unwrap_err();
        assert!(
            err.to_string().starts_with("Document nesting depth (501)"),
            "{err}"
        );
        assert!(matches!(parse("[1,"), Err(DeepJsonError::Syntax(_))));
        assert!(matches!(parse("[1] x"), Err(DeepJsonError::Syntax(_))));
    }
}
