//! The listing operations: ListQueues and ListDeadLetterSourceQueues, in name order, with
//! AWS's pages (a token only when `MaxResults` was given and more remain).

use super::attributes::Redrive;
use super::error::{SqsError, SqsResult};
use super::{Sqs, queue_name};
use crate::aws::paging;

/// The most queue URLs one answer lists.
const MAX_LISTED: usize = 1000;

/// One page of queue names (answered as URLs), and the token for the next.
pub type Page = (Vec<String>, Option<String>);

impl Sqs {
    /// ListQueues: the queues whose names start with `prefix`.
    pub fn list_queues(
        &self,
        prefix: &str,
        max: Option<i64>,
        token: Option<&str>,
    ) -> SqsResult<Page> {
        let state = self.state();
        let names = state.queues.keys().filter(|n| n.starts_with(prefix));
        self.page(names, max, token)
    }

    /// ListDeadLetterSourceQueues: the queues whose redrive policy names the queue at `url`.
    pub fn list_dead_letter_sources(
        &self,
        url: &str,
        max: Option<i64>,
        token: Option<&str>,
    ) -> SqsResult<Page> {
        let name = queue_name(url, &self.account)?;
        let state = self.state();
        let arn = &state.queue(name)?.arn;
        let sources = state
            .queues
            .values()
            .filter(|q| Redrive::of(&q.attributes).is_some_and(|redrive| redrive.target == *arn));
        self.page(sources.map(|q| &q.name), max, token)
    }

    fn page<'a>(
        &self,
        names: impl Iterator<Item = &'a String>,
        max: Option<i64>,
        token: Option<&str>,
    ) -> SqsResult<Page> {
        let limit = limit(max)?;
        let after = token.map(decode_token).transpose()?;
        let mut names = names.filter(|n| after.as_ref().is_none_or(|after| *n > after));
        let page: Vec<&String> = names.by_ref().take(limit).collect();
        let more = max.is_some() && names.next().is_some();
        let next = more
            .then(|| page.last().map(|n| paging::encode(n)))
            .flatten();
        Ok((page.into_iter().cloned().collect(), next))
    }
}

fn limit(max: Option<i64>) -> SqsResult<usize> {
    match max {
        None => Ok(MAX_LISTED),
        Some(n) if (1..=MAX_LISTED as i64).contains(&n) => Ok(n as usize),
        Some(n) => Err(SqsError::InvalidParameterValue(format!(
            "Value {n} for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000."
        ))),
    }
}

fn decode_token(token: &str) -> SqsResult<String> {
    paging::decode(token)
        .ok_or_else(|| SqsError::InvalidParameterValue("Invalid NextToken value.".into()))
}
