//! The last invocations of each function, with the tail of their logs, kept for the console
//! and for tests to read (`GET /_stepstone/lambda/invocations?functionName=`): what CloudWatch
//! Logs would show on AWS, which Stepstone does not serve. Bounded per function.

use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};
use std::sync::Mutex;

/// How many invocations each function keeps.
const KEPT: usize = 20;

/// One finished invocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Invocation {
    /// The request id the function saw.
    pub request_id: String,
    /// When it ended (RFC 3339, on the server's clock).
    pub timestamp: String,
    /// `RequestResponse` or `Event`.
    pub invocation_type: &'static str,
    /// The version that ran (`$LATEST`, `3`).
    pub version: String,
    /// `Succeeded` or `Failed`.
    pub outcome: &'static str,
    /// The end of what the function wrote (at most 4 KB, as `LogType: Tail` gives it).
    pub log: String,
}

/// Recent invocations by function name, newest last.
#[derive(Debug, Default)]
pub struct Recent {
    by_function: Mutex<BTreeMap<String, VecDeque<Invocation>>>,
}

impl Recent {
    /// Keeps `invocation` of `function`, forgetting its oldest beyond what is kept.
    pub fn record(&self, function: &str, invocation: Invocation) {
        let mut all = self.by_function.lock().unwrap_or_else(|p| p.into_inner());
        let kept = all.entry(function.to_owned()).or_default();
        kept.push_back(invocation);
        if kept.len() > KEPT {
            kept.pop_front();
        }
    }

    /// `function`'s recent invocations, newest first.
    pub fn of(&self, function: &str) -> Vec<Invocation> {
        let all = self.by_function.lock().unwrap_or_else(|p| p.into_inner());
        all.get(function)
            .map(|kept| kept.iter().rev().cloned().collect())
            .unwrap_or_default()
    }

    /// Forgets `function`'s invocations (it was deleted), or every function's.
    pub fn forget(&self, function: Option<&str>) {
        let mut all = self.by_function.lock().unwrap_or_else(|p| p.into_inner());
        match function {
            Some(function) => {
                all.remove(function);
            }
            None => all.clear(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invocation(n: usize) -> Invocation {
        Invocation {
            request_id: n.to_string(),
            timestamp: String::new(),
            invocation_type: "Event",
            version: "$LATEST".into(),
            outcome: "Succeeded",
            log: String::new(),
        }
    }

    #[test]
    fn each_function_keeps_its_newest_twenty() {
        let recent = Recent::default();
        (0..25).for_each(|n| recent.record("f", invocation(n)));
        recent.record("g", invocation(99));
        let kept = recent.of("f");
        assert_eq!(kept.len(), 20);
        assert_eq!(
            (kept[0].request_id.as_str(), kept[19].request_id.as_str()),
            ("24", "5")
        );
        recent.forget(Some("f"));
        assert!(recent.of("f").is_empty());
        assert_eq!(recent.of("g").len(), 1);
        recent.forget(None);
        assert!(recent.of("g").is_empty());
    }
}
