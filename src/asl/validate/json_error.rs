//! Bad JSON, reported the way AWS's Jackson parser words it.

use super::{Diagnostic, Severity};

/// Jackson shows at most this many characters of the source in a location.
const MAX_SOURCE: usize = 500;

/// The `INVALID_JSON_DESCRIPTION` diagnostic for text serde_json could not parse.
pub(super) fn invalid_json(text: &str, error: &serde_json::Error) -> Diagnostic {
    let (message, line, column) = describe(text, error);
    let location = format!(
        "[Source: (String){}; line: {line}, column: {column}]",
        source(text)
    );
    Diagnostic {
        severity: Severity::Error,
        code: "INVALID_JSON_DESCRIPTION",
        message: format!("{message}\n at {location}"),
        location: Some(location),
    }
}

/// Jackson's message for text serde_json could not parse, without its location (as
/// StartExecution's `InvalidExecutionInput` quotes it).
pub fn jackson_message(text: &str, error: &serde_json::Error) -> String {
    describe(text, error).0
}

/// Jackson's message and the line and column it reports.
fn describe(text: &str, error: &serde_json::Error) -> (String, usize, usize) {
    match token_at(text, error.line(), error.column()) {
        Some((token, end_column)) => (
            format!(
                "Unrecognized token '{token}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
            ),
            error.line(),
            end_column,
        ),
        None if error.is_eof() => (
            "Unexpected end-of-input".to_owned(),
            error.line(),
            error.column() + 1,
        ),
        None => (
            unexpected_character(text, error),
            error.line(),
            error.column(),
        ),
    }
}

/// The `INVALID_JSON_DESCRIPTION` diagnostic for text nested past the parser's limit.
pub(super) fn too_deep(text: &str, message: String) -> Diagnostic {
    let location = format!("[Source: (String){}; line: 1, column: 1]", source(text));
    Diagnostic {
        severity: Severity::Error,
        code: "INVALID_JSON_DESCRIPTION",
        message: format!("{message}\n at {location}"),
        location: Some(location),
    }
}

/// The identifier-like word serde_json stopped in, and the column just after it (where Jackson
/// reports it).
fn token_at(text: &str, line: usize, column: usize) -> Option<(String, usize)> {
    let chars: Vec<char> = text.lines().nth(line.checked_sub(1)?)?.chars().collect();
    let at = column.checked_sub(1)?.min(chars.len().checked_sub(1)?);
    let is_word = |c: &char| c.is_alphanumeric() || *c == '_' || *c == '$';
    if !is_word(&chars[at]) || chars[at].is_ascii_digit() && at == 0 {
        return None;
    }
    let start = (0..=at).rev().take_while(|&i| is_word(&chars[i])).last()?;
    if !chars[start].is_alphabetic() {
        return None;
    }
    let end = (at..chars.len())
        .take_while(|&i| is_word(&chars[i]))
        .last()?
        + 1;
    Some((chars[start..end].iter().collect(), end + 1))
}

fn unexpected_character(text: &str, error: &serde_json::Error) -> String {
    let c = text
        .lines()
        .nth(error.line().saturating_sub(1))
        .and_then(|l| l.chars().nth(error.column().saturating_sub(1)))
        .unwrap_or(' ');
    // Where an object's field name should start, Jackson says what it wanted instead.
    let expected = match error.to_string().starts_with("key must be a string") {
        true => "was expecting double-quote to start field name",
        false => "expected a value",
    };
    format!(
        "Unexpected character ('{c}' (code {})): {expected}",
        u32::from(c)
    )
}

/// The source as Jackson quotes it, truncated after 500 characters.
fn source(text: &str) -> String {
    let total = text.chars().count();
    if total <= MAX_SOURCE {
        return format!("\"{text}\"");
    }
    let head: String = text.chars().take(MAX_SOURCE).collect();
    format!("\"{head}\"[truncated {} chars]", total - MAX_SOURCE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnose(text: &str) -> Diagnostic {
        let error = serde_json::from_str::<serde_json::Value>(text).expect_err("invalid");
        invalid_json(text, &error)
    }

    #[test]
    fn unrecognized_token_as_recorded() {
        let d = diagnose("not a definition");
        assert_eq!(
            d.message,
            "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)\"not a definition\"; line: 1, column: 4]"
        );
        assert_eq!(
            d.location.as_deref(),
            Some("[Source: (String)\"not a definition\"; line: 1, column: 4]")
        );
    }

    #[test]
    fn a_field_name_without_quotes_as_recorded() {
        let text = "{'not': 'json'}";
        let error = serde_json::from_str::<serde_json::Value>(text).expect_err("invalid");
        assert_eq!(
            jackson_message(text, &error),
            "Unexpected character (''' (code 39)): was expecting double-quote to start field name"
        );
    }

    #[test]
    fn long_sources_are_truncated() {
        let text = format!("nope{}", " ".repeat(600));
        assert!(
            diagnose(&text)
                .message
                .contains("[truncated 104 chars]; line: 1, column: 5]")
        );
    }

    #[test]
    fn other_errors_never_panic() {
        for text in ["{", "{\"a\" 1}", "[1,]", "\u{e9}", "{\"a\": tru}", "1 2"] {
            assert_eq!(diagnose(text).code, "INVALID_JSON_DESCRIPTION");
        }
    }
}
