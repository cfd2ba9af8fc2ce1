//! Pagination for every List* operation: `maxResults` (0 = default 100, at most 1000) and an
//! opaque `nextToken` that resumes after the last key returned, so inserts between pages do not
//! repeat or skip items.

use super::check::Check;
use super::error::{SfnError, SfnResult};
use crate::aws::paging::{decode, encode};
use std::borrow::Cow;
use std::ops::Range;

/// The paging arguments of a List* request.
#[derive(Debug, Clone, Default)]
pub struct PageRequest {
    /// Requested page size.
    pub max_results: Option<i64>,
    /// Token from the previous page.
    pub next_token: Option<String>,
}

impl PageRequest {
    /// Adds the model's constraints on the paging members to `check`.
    pub fn check(&self, check: &mut Check, token_max: usize) {
        check.range("maxResults", self.max_results, 0, 1000);
        check.len("nextToken", self.next_token.as_deref(), 1, token_max);
    }

    /// Picks one page of `items`, which must be sorted by their key in the listing's order.
    pub fn page<T>(&self, items: Vec<(String, T)>) -> SfnResult<(Vec<T>, Option<String>)> {
        let (range, token) = self.range(items.len(), |i| Cow::Borrowed(items[i].0.as_str()))?;
        let page = items.into_iter().skip(range.start).take(range.len());
        Ok((page.map(|(_, item)| item).collect(), token))
    }

    /// The positions of one page among `len` items sorted in the listing's order, whose keys
    /// `key` gives by position, and the next page's token. Keys are asked for only to find
    /// where a token resumes and to make the next token, so a listing need not build them all.
    pub fn range<'k>(
        &self,
        len: usize,
        key: impl Fn(usize) -> Cow<'k, str>,
    ) -> SfnResult<(Range<usize>, Option<String>)> {
        let size = match self.max_results {
            Some(n) if n > 0 => n as usize,
            _ => 100,
        };
        let start = match &self.next_token {
            None => 0,
            Some(token) => {
                let after =
                    decode(token).ok_or_else(|| SfnError::InvalidToken("Invalid token".into()))?;
                (0..len)
                    .position(|i| key(i) == after)
                    .map_or(len, |i| i + 1)
            }
        };
        let end = len.min(start.saturating_add(size));
        let token = (end < len).then(|| encode(&key(end - 1)));
        Ok((start..end, token))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(n: usize) -> Vec<(String, usize)> {
        (0..n).map(|i| (format!("k{i:03}"), i)).collect()
    }

    fn request(max: i64, token: Option<String>) -> PageRequest {
        PageRequest {
            max_results: Some(max),
            next_token: token,
        }
    }

    #[test]
    fn walks_all_pages_once() {
        let mut seen = vec![];
        let mut token = None;
        loop {
            let (page, next) = request(3, token).page(items(10)).unwrap();
            seen.extend(page);
            match next {
                Some(t) => token = Some(t),
                None => break,
            }
        }
        assert_eq!(seen, (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn zero_means_the_default_of_one_hundred() {
        let (page, next) = request(0, None).page(items(150)).unwrap();
        assert_eq!(page.len(), 100);
        assert!(next.is_some());
    }

    #[test]
    fn last_page_has_no_token() {
        let (page, next) = request(10, None).page(items(10)).unwrap();
        assert_eq!(page.len(), 10);
        assert!(next.is_none());
    }

    #[test]
    fn ranges_resume_after_the_token_and_build_only_the_keys_they_need() {
        let asked = std::cell::Cell::new(0);
        let key = |i: usize| {
            asked.set(asked.get() + 1);
            Cow::Owned(format!("k{i:03}"))
        };
        let (range, token) = request(4, None).range(10, key).unwrap();
        assert_eq!((range, asked.get()), (0..4, 1));
        let (range, token) = request(4, token).range(10, key).unwrap();
        assert_eq!(range, 4..8);
        let (range, token) = request(4, token).range(10, key).unwrap();
        assert_eq!((range, token), (8..10, None));
    }

    #[test]
    fn garbage_token_is_invalid() {
        let err = request(10, Some("garbage".into()))
            .page(items(3))
            .unwrap_err();
        assert_eq!(err.code(), "InvalidToken");
    }
}
