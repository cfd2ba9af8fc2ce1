//! Function names as clients write them (name, `name:qualifier`, partial or full ARN), the ARNs
//! this server mints, and the model's name and qualifier rules.

use super::error::{LambdaError, LambdaResult};

/// The pattern the model gives `FunctionName`, quoted in validation messages.
const FUNCTION_NAME_PATTERN: &str = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

/// The region and account every Lambda ARN this server mints belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LambdaScope {
    /// AWS region, e.g. `us-east-1`.
    pub region: String,
    /// Twelve-digit account id.
    pub account: String,
}

impl LambdaScope {
    /// `arn:aws:lambda:<region>:<account>:function:<name>`.
    pub fn function_arn(&self, name: &str) -> String {
        let prefix = crate::aws::arn::prefix("lambda", &self.region, &self.account);
        format!("{prefix}:function:{name}")
    }

    /// The function ARN with the reference's qualifier, if it has one.
    pub fn qualified_arn(&self, reference: &FunctionRef) -> String {
        let arn = self.function_arn(&reference.name);
        match &reference.qualifier {
            Some(qualifier) => format!("{arn}:{qualifier}"),
            None => arn,
        }
    }
}

/// A function reference: its name and the qualifier (version or alias) it carried, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionRef {
    /// The function's name.
    pub name: String,
    /// `$LATEST`, a version number or an alias name.
    pub qualifier: Option<String>,
}

/// Reads a `FunctionName` parameter in any of its forms. `member` names the parameter in
/// validation messages (`functionName`).
pub fn parse(text: &str, member: &str) -> LambdaResult<FunctionRef> {
    let invalid = || {
        LambdaError::Validation(format!(
            "1 validation error detected: Value '{text}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: {FUNCTION_NAME_PATTERN}"
        ))
    };
    if text.is_empty() || text.len() > 256 {
        return Err(invalid());
    }
    let parts: Vec<&str> = text.split(':').collect();
    let (name, qualifier) = match parts.as_slice() {
        [name] => (*name, None),
        [name, qualifier] => (*name, Some(*qualifier)),
        [account, "function", name] if is_account(account) => (*name, None),
        [account, "function", name, qualifier] if is_account(account) => (*name, Some(*qualifier)),
        ["arn", _, "lambda", _, account, "function", name] if is_account(account) => (*name, None),
        ["arn", _, "lambda", _, account, "function", name, qualifier] if is_account(account) => {
            (*name, Some(*qualifier))
        }
        _ => return Err(invalid()),
    };
    if !is_name(name) || name.len() > 140 {
        return Err(invalid());
    }
    if let Some(q) = qualifier
        && !(q == "$LATEST" || is_name(q))
    {
        return Err(invalid());
    }
    Ok(FunctionRef {
        name: name.to_owned(),
        qualifier: qualifier.map(str::to_owned),
    })
}

/// Function, alias and qualifier names: letters, digits, `-` and `_`.
pub fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn is_account(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

/// A validation message for a member outside its allowed range, in AWS's words.
pub fn out_of_range(member: &str, value: impl std::fmt::Display, bound: &str) -> LambdaError {
    LambdaError::Validation(format!(
        "1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {bound}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> (String, Option<String>) {
        let r = parse(text, "functionName").unwrap();
        (r.name, r.qualifier)
    }

    #[test]
    fn every_form_of_a_function_name() {
        assert_eq!(ok("f"), ("f".into(), None));
        assert_eq!(ok("f:prod"), ("f".into(), Some("prod".into())));
        assert_eq!(ok("f:$LATEST"), ("f".into(), Some("$LATEST".into())));
        assert_eq!(ok("123456789012:function:f"), ("f".into(), None));
        assert_eq!(
            ok("123456789012:function:f:3"),
            ("f".into(), Some("3".into()))
        );
        assert_eq!(
            ok("arn:aws:lambda:us-east-1:123456789012:function:my-fn_1"),
            ("my-fn_1".into(), None)
        );
        assert_eq!(
            ok("arn:aws:lambda:us-east-1:123456789012:function:f:live"),
            ("f".into(), Some("live".into()))
        );
    }

    #[test]
    fn bad_names_are_validation_errors() {
        for bad in [
            "",
            "a b",
            "f:",
            "x:y:z",
            "arn:aws:lambda:us-east-1:12:function:f",
            "f:$NOPE",
        ] {
            let err = parse(bad, "functionName").unwrap_err();
            assert_eq!(err.code(), "ValidationException", "{bad}");
            assert!(err.message().contains("at 'functionName'"));
        }
    }
}
