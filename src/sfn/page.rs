//! Pagination for every List* operation: `maxResults` (0 = default 100, at most 1000) and an
//! opaque `nextToken` that resumes after the last key returned, so inserts between pages do not
//! repeat or skip items.

use super::check::Check;
use super::error::{SfnError, SfnResult};

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

    /// Picks one page of `items`, sorted ascending by the number `key` gives, read forwards or
    /// backwards, and returns the indices of the page's items in reading order: the work is
    /// proportional to the page, not to `items`.
    pub fn window<T>(
        &self,
        items: &[T],
        key: impl Fn(&T) -> u64,
        reverse: bool,
    ) -> SfnResult<(Vec<usize>, Option<String>)> {
        let size = self.size();
        let after = match &self.next_token {
            None => None,
            Some(token) => Some(
                decode(token)
                    .and_then(|key| key.parse::<u64>().ok())
                    .ok_or_else(|| SfnError::InvalidToken("Invalid token".into()))?,
            ),
        };
        let (indices, more): (Vec<usize>, bool) = if reverse {
            let end = after.map_or(items.len(), |a| items.partition_point(|i| key(i) < a));
            let start = end.saturating_sub(size);
            ((start..end).rev().collect(), start > 0)
        } else {
            let start = after.map_or(0, |a| items.partition_point(|i| key(i) <= a));
            let end = items.len().min(start + size);
            ((start..end).collect(), end < items.len())
        };
        let token = match more {
            true => indices.last().map(|&i| encode(&key(&items[i]).to_string())),
            false => None,
        };
        Ok((indices, token))
    }

    fn size(&self) -> usize {
        match self.max_results {
            Some(n) if n > 0 => n as usize,
            _ => 100,
        }
    }

    /// Picks one page of `items`, which must be sorted by their key in the listing's order.
    pub fn page<T>(&self, items: Vec<(String, T)>) -> SfnResult<(Vec<T>, Option<String>)> {
        let size = self.size();
        let start = match &self.next_token {
            None => 0,
            Some(token) => {
                let after =
                    decode(token).ok_or_else(|| SfnError::InvalidToken("Invalid token".into()))?;
                items
                    .iter()
                    .position(|(key, _)| *key == after)
                    .map_or(items.len(), |i| i + 1)
            }
        };
        let mut rest: Vec<(String, T)> = items.into_iter().skip(start).collect();
        let more = rest.len() > size;
        rest.truncate(size);
        let token = if more {
            rest.last().map(|(key, _)| encode(key))
        } else {
            None
        };
        Ok((rest.into_iter().map(|(_, item)| item).collect(), token))
    }
}

const TOKEN_PREFIX: &str = "stepstone1.";

fn encode(key: &str) -> String {
    let hex: String = key.bytes().map(|b| format!("{b:02x}")).collect();
    format!("{TOKEN_PREFIX}{hex}")
}

fn decode(token: &str) -> Option<String> {
    let hex = token.strip_prefix(TOKEN_PREFIX)?;
    if hex.len() % 2 != 0 {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|b| u8::from_str_radix(b, 16).ok())
        })
        .collect();
    String::from_utf8(bytes?).ok()
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
    fn windows_walk_forwards_and_backwards_once() {
        let ids: Vec<u64> = (1..=10).collect();
        for reverse in [false, true] {
            let mut seen = vec![];
            let mut token = None;
            loop {
                let (page, next) = request(3, token).window(&ids, |id| *id, reverse).unwrap();
                seen.extend(page.into_iter().map(|i| ids[i]));
                match next {
                    Some(t) => token = Some(t),
                    None => break,
                }
            }
            let mut want: Vec<u64> = (1..=10).collect();
            if reverse {
                want.reverse();
            }
            assert_eq!(seen, want, "reverse: {reverse}");
        }
        let (page, next) = request(0, None).window(&ids, |id| *id, false).unwrap();
        assert_eq!((page.len(), next), (10, None));
    }

    #[test]
    fn garbage_token_is_invalid() {
        let err = request(10, Some("garbage".into()))
            .page(items(3))
            .unwrap_err();
        assert_eq!(err.code(), "InvalidToken");
    }
}
