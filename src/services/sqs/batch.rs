//! The rules every batch operation shares: one to ten entries, distinct ids of AWS's
//! characters; and how a failed entry is reported.

use super::error::{SqsError, SqsResult};
use super::types::BatchResultErrorEntry;
use std::collections::HashSet;

/// The most entries a batch may have.
const MAX_ENTRIES: usize = 10;

/// Checks a batch's entry ids; `entry` names the entry shape for the empty-batch message.
pub fn check_ids(ids: &[&str], entry: &'static str) -> SqsResult<()> {
    if ids.is_empty() {
        return Err(SqsError::EmptyBatchRequest(entry));
    }
    if ids.len() > MAX_ENTRIES {
        return Err(SqsError::TooManyEntriesInBatchRequest(ids.len()));
    }
    let valid = |id: &str| {
        (1..=80).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if !ids.iter().all(|id| valid(id)) {
        return Err(SqsError::InvalidBatchEntryId);
    }
    let mut seen = HashSet::new();
    match ids.iter().find(|id| !seen.insert(**id)) {
        Some(id) => Err(SqsError::BatchEntryIdsNotDistinct((*id).to_owned())),
        None => Ok(()),
    }
}

/// A failed entry, as `Failed` lists it.
pub fn failure(id: &str, error: &SqsError) -> BatchResultErrorEntry {
    BatchResultErrorEntry {
        id: id.to_owned(),
        sender_fault: true,
        code: error.code().to_owned(),
        message: Some(error.to_string()),
    }
}

/// A batch's successful entries and failed ones, from each entry's id and result.
pub fn split<E>(results: Vec<(String, SqsResult<E>)>) -> (Vec<E>, Vec<BatchResultErrorEntry>) {
    let (mut successful, mut failed) = (Vec::new(), Vec::new());
    for (id, result) in results {
        match result {
            Ok(entry) => successful.push(entry),
            Err(error) => failed.push(failure(&id, &error)),
        }
    }
    (successful, failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_ids_follow_aws_rules() {
        assert_eq!(check_ids(&["a", "b-1"], "E"), Ok(()));
        assert_eq!(check_ids(&[], "E"), Err(SqsError::EmptyBatchRequest("E")));
        assert_eq!(
            check_ids(&["a"; 11], "E"),
            Err(SqsError::TooManyEntriesInBatchRequest(11))
        );
        assert_eq!(
            check_ids(&["a", "a"], "E"),
            Err(SqsError::BatchEntryIdsNotDistinct("a".into()))
        );
        assert_eq!(check_ids(&["a b"], "E"), Err(SqsError::InvalidBatchEntryId));
    }
}
