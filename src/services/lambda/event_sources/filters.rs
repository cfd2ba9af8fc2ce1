//! A mapping's `FilterCriteria` (the Lambda guide's "Lambda event filtering"): up to five
//! EventBridge-syntax patterns, checked when the mapping is created or updated and matched
//! against each SQS record as the function would see it. A record passes when it matches one
//! filter; the poller deletes the others from the queue, as AWS documents for SQS.

use crate::aws::pattern::{Dialect, Pattern};
use crate::services::lambda::error::{LambdaError, LambdaResult};
use crate::services::lambda::types;
use serde::Deserialize;
use serde_json::Value;

/// Filters per mapping without a quota increase (the guide: "up to five different filters").
const MAX_FILTERS: usize = 5;

/// `FilterCriteria` as a request sends it.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FilterCriteria {
    /// The filters; none (or an empty list) clears a mapping's criteria.
    pub filters: Option<Vec<FilterEntry>>,
}

/// One `Filter`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FilterEntry {
    /// The pattern: a JSON object, as text.
    pub pattern: Option<String>,
}

/// A mapping's checked filters.
#[derive(Debug, Clone, PartialEq)]
pub struct Filters {
    filters: Vec<Filter>,
}

#[derive(Debug, Clone, PartialEq)]
struct Filter {
    /// The pattern as the client wrote it, which Get and List answer.
    text: String,
    pattern: Pattern,
    body: BodyFormat,
}

/// What a pattern expects of a message's `body` (the guide's "Properly filtering Amazon SQS
/// messages"): a body of the other format is dropped, whatever else the pattern says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyFormat {
    /// `"body": {...}`: the body must be JSON, and is matched parsed.
    Json,
    /// `"body": [...]`: the body must not be JSON, and is matched as a string.
    Plain,
    /// No `body` key: the body is not looked at.
    Any,
}

impl Filters {
    /// The filters `criteria` sets; `None` when it sets none (which clears them).
    pub fn parse(criteria: &FilterCriteria) -> LambdaResult<Option<Filters>> {
        let entries = criteria.filters.as_deref().unwrap_or_default();
        if entries.is_empty() {
            return Ok(None);
        }
        if entries.len() > MAX_FILTERS {
            // AWS documents an error past the quota, not its words: these are a guess.
            return Err(LambdaError::InvalidParameterValue(format!(
                "The number of filters exceeds the limit of {MAX_FILTERS} for this event source mapping."
            )));
        }
        let filters = entries
            .iter()
            .map(Filter::parse)
            .collect::<Result<_, _>>()?;
        Ok(Some(Filters { filters }))
    }

    /// Whether `record` (an SQS record as the function receives it) matches some filter.
    pub fn admits(&self, record: &Value) -> bool {
        let body = record["body"].as_str().unwrap_or_default();
        let parsed: Option<Value> = serde_json::from_str(body).ok();
        self.filters
            .iter()
            .any(|filter| filter.admits(record, parsed.as_ref()))
    }

    /// `FilterCriteria` as Get, List, Create and Update answer it.
    pub fn render(&self) -> types::FilterCriteria {
        let filters = self.filters.iter().map(|f| types::Filter {
            pattern: Some(f.text.clone()),
        });
        types::FilterCriteria {
            filters: Some(filters.collect()),
        }
    }
}

impl Filter {
    /// Checks one filter. AWS answers every bad pattern with one message (as SDK and
    /// CloudFormation users quote it), whatever is wrong with it.
    fn parse(entry: &FilterEntry) -> LambdaResult<Filter> {
        let invalid =
            || LambdaError::InvalidParameterValue("Invalid filter pattern definition.".into());
        let text = entry.pattern.clone().ok_or_else(invalid)?;
        let Ok(Value::Object(object)) = serde_json::from_str::<Value>(&text) else {
            return Err(invalid());
        };
        // The guide: "Lambda supports the same set of syntax and rules as Amazon EventBridge".
        // EventBridge's operator table marks `wildcard` and anything-but's operator forms as
        // unsupported by Pipes, whose filtering may be Lambda's; AWS is silent on Lambda, so
        // they are taken here (a guess, in the lenient direction).
        let pattern = Pattern::parse(&object, Dialect::EventBridge, true).map_err(|_| invalid())?;
        let body = match object.get("body") {
            Some(Value::Object(_)) => BodyFormat::Json,
            Some(_) => BodyFormat::Plain,
            None => BodyFormat::Any,
        };
        Ok(Filter {
            text,
            pattern,
            body,
        })
    }

    /// Whether the record matches, its body parsed (`parsed`) when the pattern wants JSON.
    fn admits(&self, record: &Value, parsed: Option<&Value>) -> bool {
        let Value::Object(record) = record else {
            return false;
        };
        match (self.body, parsed) {
            (BodyFormat::Json, None) | (BodyFormat::Plain, Some(_)) => false,
            (BodyFormat::Json, Some(body)) => {
                let mut record = record.clone();
                record.insert("body".into(), body.clone());
                self.pattern.matches(&record)
            }
            _ => self.pattern.matches(record),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn filters(patterns: &[&str]) -> LambdaResult<Option<Filters>> {
        let entries = patterns.iter().map(|p| FilterEntry {
            pattern: Some((*p).to_owned()),
        });
        Filters::parse(&FilterCriteria {
            filters: Some(entries.collect()),
        })
    }

    /// Whether a record with `body` passes `patterns`.
    fn passes(patterns: &[&str], body: &str) -> bool {
        let record = json!({
            "messageId": "m", "body": body, "attributes": {"ApproximateReceiveCount": "1"},
            "messageAttributes": {"kind": {"stringValue": "order", "dataType": "String"}},
            "eventSource": "aws:sqs",
        });
        filters(patterns).unwrap().unwrap().admits(&record)
    }

    #[test]
    fn bodies_match_in_the_format_the_pattern_expects() {
        let json_pattern = r#"{"body":{"RequestCode":["BBBB"]}}"#;
        let plain_pattern = r#"{"body":[{"prefix":"ord"}]}"#;
        assert!(passes(&[json_pattern], r#"{"RequestCode":"BBBB"}"#));
        assert!(!passes(&[json_pattern], r#"{"RequestCode":"AAAA"}"#));
        assert!(
            !passes(&[json_pattern], "RequestCode BBBB"),
            "plain body, JSON pattern"
        );
        assert!(passes(&[plain_pattern], "order 1"));
        assert!(
            !passes(&[plain_pattern], r#""order 1""#),
            "JSON body, plain pattern"
        );
        let absent = r#"{"body":{"gone":[{"exists":false}]}}"#;
        assert!(
            !passes(&[absent], "not json"),
            "the format check comes first"
        );
        assert!(passes(&[absent], r#"{"here":1}"#));
    }

    #[test]
    fn other_keys_match_the_record_and_filters_are_alternatives() {
        let kind = r#"{"messageAttributes":{"kind":{"stringValue":["order"]}}}"#;
        let count = r#"{"attributes":{"ApproximateReceiveCount":["2"]}}"#;
        assert!(passes(&[kind], "anything"));
        assert!(!passes(&[count], "anything"));
        assert!(passes(&[count, kind], "anything"));
        assert!(passes(&[r#"{"eventSource":["aws:sqs"]}"#], r#"{"a":1}"#));
    }

    #[test]
    fn bad_criteria_get_aws_errors_and_empty_ones_clear() {
        let message = |patterns: &[&str]| filters(patterns).unwrap_err().message().to_owned();
        for bad in [
            "",
            "nope",
            "[]",
            r#"{"body":"x"}"#,
            r#"{"a":[{"nope":1}]}"#,
            r#"{"a":[]}"#,
        ] {
            assert_eq!(
                message(&[bad]),
                "Invalid filter pattern definition.",
                "{bad}"
            );
        }
        let missing = FilterCriteria {
            filters: Some(vec![FilterEntry { pattern: None }]),
        };
        assert!(Filters::parse(&missing).is_err());
        assert!(message(&[r#"{"a":[1]}"#; 6]).contains("limit of 5"));
        assert_eq!(filters(&[]).unwrap(), None);
        assert_eq!(Filters::parse(&FilterCriteria::default()).unwrap(), None);
        let set = filters(&[r#"{"a":[1]}"#]).unwrap().unwrap();
        assert_eq!(
            serde_json::to_value(set.render()).unwrap(),
            json!({"Filters": [{"Pattern": r#"{"a":[1]}"#}]})
        );
    }
}
