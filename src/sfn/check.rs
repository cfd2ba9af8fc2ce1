//! Input constraints from the service model (lengths, ranges, enums, required members), reported
//! the way AWS's request validation does, plus the resource-name rules.

use super::error::{SfnError, SfnResult};

/// The request members whose shapes the service model marks sensitive: AWS names them in a
/// violation without echoing their value (a 7 MB input, or a secret in it, never comes back).
const SENSITIVE: &[&str] = &[
    "cause",
    "context",
    "definition",
    "description",
    "error",
    "input",
    "mock.errorOutput.cause",
    "mock.errorOutput.error",
    "mock.result",
    "output",
    "stateConfiguration.errorCausedByState",
    "stateConfiguration.mapItemReaderData",
    "stateName",
    "taskToken",
    "variables",
    "versionDescription",
];

/// Collects constraint violations for one request; `finish` turns them into AWS's
/// `N validation error(s) detected: ...` message.
#[derive(Debug, Default)]
pub struct Check {
    violations: Vec<String>,
}

impl Check {
    /// Starts an empty check.
    pub fn new() -> Self {
        Self::default()
    }

    /// A required member must be present.
    pub fn required<T>(&mut self, field: &str, value: &Option<T>) -> &mut Self {
        if value.is_none() {
            self.violations.push(format!(
                "Value null at '{field}' failed to satisfy constraint: Member must not be null"
            ));
        }
        self
    }

    /// A string's length (in characters) must be within `min..=max`.
    pub fn len(&mut self, field: &str, value: Option<&str>, min: usize, max: usize) -> &mut Self {
        if let Some(v) = value {
            let n = v.chars().count();
            if n < min {
                self.fail(
                    field,
                    v,
                    &format!("Member must have length greater than or equal to {min}"),
                );
            } else if n > max {
                self.fail(
                    field,
                    v,
                    &format!("Member must have length less than or equal to {max}"),
                );
            }
        }
        self
    }

    /// A number must be within `min..=max`.
    pub fn range(&mut self, field: &str, value: Option<i64>, min: i64, max: i64) -> &mut Self {
        if let Some(v) = value {
            if v < min {
                self.fail(
                    field,
                    &v.to_string(),
                    &format!("Member must have value greater than or equal to {min}"),
                );
            } else if v > max {
                self.fail(
                    field,
                    &v.to_string(),
                    &format!("Member must have value less than or equal to {max}"),
                );
            }
        }
        self
    }

    /// A float must be within `min..=max`; values print as Java prints a float (`150.0`), as
    /// AWS's validator quotes them.
    pub fn range_f64(&mut self, field: &str, value: Option<f64>, min: f64, max: f64) -> &mut Self {
        let Some(v) = value else { return self };
        let java = |x: f64| match x.fract() == 0.0 {
            true => format!("{x:.1}"),
            false => x.to_string(),
        };
        let bound = match v {
            v if v < min => format!("greater than or equal to {}", java(min)),
            v if v > max => format!("less than or equal to {}", java(max)),
            _ => return self,
        };
        self.fail(field, &java(v), &format!("Member must have value {bound}"));
        self
    }

    /// A string must be one of the enum's values.
    pub fn one_of(&mut self, field: &str, value: Option<&str>, allowed: &[&str]) -> &mut Self {
        if let Some(v) = value.filter(|v| !allowed.contains(v)) {
            let set = allowed.join(", ");
            self.fail(
                field,
                v,
                &format!("Member must satisfy enum value set: [{set}]"),
            );
        }
        self
    }

    /// A string must match the model's regular expression `pattern`, which `fits` implements.
    pub fn pattern(
        &mut self,
        field: &str,
        value: Option<&str>,
        pattern: &str,
        fits: impl Fn(&str) -> bool,
    ) -> &mut Self {
        if let Some(v) = value.filter(|v| !fits(v)) {
            let constraint = format!("Member must satisfy regular expression pattern: {pattern}");
            self.fail(field, v, &constraint);
        }
        self
    }

    /// Records a violation worded by the caller.
    pub fn custom(&mut self, violation: String) -> &mut Self {
        self.violations.push(violation);
        self
    }

    fn fail(&mut self, field: &str, value: &str, constraint: &str) {
        let violation = match SENSITIVE.contains(&field) {
            true => format!("Value at '{field}' failed to satisfy constraint: {constraint}"),
            false => {
                format!("Value '{value}' at '{field}' failed to satisfy constraint: {constraint}")
            }
        };
        self.violations.push(violation);
    }

    /// `Ok` when nothing was violated, else a `ValidationException`.
    pub fn finish(&mut self) -> SfnResult<()> {
        match self.violations.len() {
            0 => Ok(()),
            n => {
                let plural = if n == 1 { "error" } else { "errors" };
                Err(SfnError::Validation(format!(
                    "{n} validation {plural} detected: {}",
                    self.violations.join("; ")
                )))
            }
        }
    }
}

/// The model's `ClientToken` pattern `[!-~]+`: printable ASCII, no spaces.
pub fn client_token(token: &str) -> bool {
    token.chars().all(|c| ('!'..='~').contains(&c))
}

/// The model's `TraceHeader` pattern `\p{ASCII}*`.
pub fn trace_header(header: &str) -> bool {
    header.is_ascii()
}

/// Unwraps a member that [`Check::required`] has already confirmed.
pub fn present<T: Default>(value: Option<T>) -> T {
    value.unwrap_or_default()
}

/// State machine, execution and activity names: 1-80 characters, none of them whitespace,
/// brackets, wildcards, a few punctuation marks, control characters or the noncharacters the
/// model names (U+FFFE, U+FFFF, U+10FFFF); other non-ASCII is allowed. Surrogates cannot occur
/// in a Rust string.
pub fn resource_name(name: &str) -> SfnResult<()> {
    const FORBIDDEN: &str = "<>{}[]?*\"#%\\^|~`$&,;:/";
    let bad = |c: char| {
        c.is_whitespace()
            || FORBIDDEN.contains(c)
            || ('\u{0}'..='\u{1f}').contains(&c)
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{fffe}' | '\u{ffff}' | '\u{10ffff}')
    };
    let length = name.chars().count();
    if name.chars().any(bad) || length == 0 || length > 80 {
        return Err(SfnError::InvalidName(name.to_owned()));
    }
    Ok(())
}

/// The JSON type a context object field must have.
#[derive(Clone, Copy)]
enum Kind {
    Object,
    String,
    Integer,
    /// Any JSON value (`Execution.Input`).
    Any,
}

/// The context object's fields a TestState request may supply, with the types the developer
/// guide gives them ("Context object fields"), by path. AWS refuses any other field (recorded:
/// `Field 'Pokedex' is not allowed`), and `Map` outright.
const CONTEXT_FIELDS: &[(&str, Kind)] = &[
    ("Execution", Kind::Object),
    ("Execution.Id", Kind::String),
    ("Execution.Input", Kind::Any),
    ("Execution.Name", Kind::String),
    ("Execution.RoleArn", Kind::String),
    ("Execution.StartTime", Kind::String),
    ("Execution.RedriveCount", Kind::Integer),
    ("Execution.RedriveTime", Kind::String),
    ("State", Kind::Object),
    ("State.EnteredTime", Kind::String),
    ("State.Name", Kind::String),
    ("State.RetryCount", Kind::Integer),
    ("StateMachine", Kind::Object),
    ("StateMachine.Id", Kind::String),
    ("StateMachine.Name", Kind::String),
    ("Task", Kind::Object),
    ("Task.Token", Kind::String),
];

/// TestState's `context`, as AWS checks it (recorded answers): a JSON object of the documented
/// fields only, each of its documented type, and no `Map`. The messages follow AWS's recorded
/// `Invalid Context object provided: Execution.Id must be a string`; the object and integer
/// wordings are guesses in the same style.
pub fn context_object(context: &serde_json::Value) -> Result<(), String> {
    let invalid = |detail: String| format!("Invalid Context object provided: {detail}");
    let Some(fields) = context.as_object() else {
        return Err(invalid("the context must be a JSON object".to_owned()));
    };
    if fields.contains_key("Map") {
        return Err(invalid(
            "'Map' field is not supported when mocking a Context object".to_owned(),
        ));
    }
    context_fields(fields, "").map_err(invalid)
}

/// Checks the fields of one object of the context, at `prefix` (`""` or `"Execution."`).
fn context_fields(
    fields: &serde_json::Map<String, serde_json::Value>,
    prefix: &str,
) -> Result<(), String> {
    for (name, value) in fields {
        let path = format!("{prefix}{name}");
        let Some((_, kind)) = CONTEXT_FIELDS.iter().find(|(p, _)| *p == path) else {
            return Err(format!("Field '{name}' is not allowed"));
        };
        let (fits, what) = match kind {
            Kind::Object => (value.is_object(), "an object"),
            Kind::String => (value.is_string(), "a string"),
            Kind::Integer => (value.as_u64().is_some(), "a non-negative integer"),
            Kind::Any => (true, ""),
        };
        if !fits {
            return Err(format!("{path} must be {what}"));
        }
        if let Some(inner) = value.as_object().filter(|_| matches!(kind, Kind::Object)) {
            context_fields(inner, &format!("{path}."))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn context_objects_have_the_documented_fields_and_types() {
        use serde_json::json;
        let ok = json!({
            "Execution": {"Id": "arn:aws:states:us-east-1:1:execution:m:e", "Input": [1], "RedriveCount": 0},
            "State": {"Name": "S", "RetryCount": 2},
            "Task": {"Token": "t"},
        });
        assert_eq!(super::context_object(&ok), Ok(()));
        let cases = [
            (json!([]), "the context must be a JSON object"),
            (json!({"Execution": "e"}), "Execution must be an object"),
            (
                json!({"State": {"RetryCount": "1"}}),
                "State.RetryCount must be a non-negative integer",
            ),
            (
                json!({"State": {"RetryCount": -1}}),
                "State.RetryCount must be a non-negative integer",
            ),
            (
                json!({"Execution": {"Id": 5}}),
                "Execution.Id must be a string",
            ),
            (json!({"Pokedex": 1}), "Field 'Pokedex' is not allowed"),
            (
                json!({"Execution": {"pokemon": 1}}),
                "Field 'pokemon' is not allowed",
            ),
            (
                json!({"Map": {"Item": {"Index": 1}}}),
                "'Map' field is not supported when mocking a Context object",
            ),
        ];
        for (context, detail) in cases {
            assert_eq!(
                super::context_object(&context),
                Err(format!("Invalid Context object provided: {detail}")),
                "{context}"
            );
        }
    }

    use super::*;

    #[test]
    fn names_with_forbidden_characters_are_invalid() {
        for name in [
            "a b",
            "a#b",
            "a/b",
            "a\u{1f}",
            "a\u{7f}",
            "\u{0}a",
            "a:b",
            "a$b",
            "",
            "a\u{fffe}",
            "a\u{ffff}",
            "a\u{10ffff}",
        ] {
            let err = resource_name(name).unwrap_err();
            assert_eq!(err.message(), format!("Invalid Name: '{name}'"));
        }
    }

    #[test]
    fn ordinary_and_non_ascii_names_are_valid() {
        for name in ["my-machine_1", "état", "a.b", "x".repeat(80).as_str()] {
            assert!(resource_name(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn one_violation_message() {
        let err = Check::new()
            .range("maxResults", Some(1001), 0, 1000)
            .finish()
            .unwrap_err();
        assert_eq!(
            err.message(),
            "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"
        );
    }

    #[test]
    fn sensitive_members_are_named_without_their_value() {
        let secret = "s".repeat(300_000);
        for field in ["input", "output", "definition", "cause", "taskToken"] {
            let err = Check::new()
                .len(field, Some(&secret), 0, 262_144)
                .finish()
                .unwrap_err();
            assert_eq!(
                err.message(),
                format!(
                    "1 validation error detected: Value at '{field}' failed to satisfy constraint: Member must have length less than or equal to 262144"
                )
            );
        }
    }

    #[test]
    fn several_violations_are_counted_and_joined() {
        let mut check = Check::new();
        check
            .required::<String>("stateMachineArn", &None)
            .len("name", Some(""), 1, 80);
        let err = check.finish().unwrap_err();
        assert!(
            err.message()
                .starts_with("2 validation errors detected: Value null at 'stateMachineArn'"),
            "{}",
            err.message()
        );
    }

    #[test]
    fn float_bounds_print_as_java_floats() {
        let err = Check::new()
            .range_f64("p", Some(-0.5), 0.0, 100.0)
            .finish()
            .unwrap_err();
        assert!(err.message().ends_with(
            "Value '-0.5' at 'p' failed to satisfy constraint: Member must have value greater than or equal to 0.0"
        ));
        assert!(
            Check::new()
                .range_f64("p", Some(100.0), 0.0, 100.0)
                .finish()
                .is_ok()
        );
    }

    #[test]
    fn patterns_name_the_regular_expression() {
        let err = Check::new()
            .pattern("clientToken", Some("a b"), "[!-~]+", client_token)
            .finish()
            .unwrap_err();
        assert!(err.message().ends_with(
            "Value 'a b' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [!-~]+"
        ));
        assert!(trace_header("Root=1-5759e988") && !trace_header("é"));
    }

    #[test]
    fn enum_violation_lists_the_set() {
        let err = Check::new()
            .one_of("statusFilter", Some("succeeded"), &["SUCCEEDED", "FAILED"])
            .finish()
            .unwrap_err();
        assert!(
            err.message()
                .ends_with("Member must satisfy enum value set: [SUCCEEDED, FAILED]")
        );
    }
}
