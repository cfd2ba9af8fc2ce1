//! How long finished executions are kept. AWS keeps a standard execution's record for 90 days
//! after it ends; Stepstone does the same on its own clock (so a manual clock moved a year on
//! forgets them too) and also keeps at most a number of them, so a long-running server's memory
//! stays bounded. An evicted execution is gone: DescribeExecution answers
//! `ExecutionDoesNotExist`, as AWS does after its 90 days.

use std::collections::VecDeque;
use time::{Duration, OffsetDateTime};

/// How many finished executions are kept, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// At most this many finished executions (Distributed Map children not counted: they go
    /// with their parent).
    pub max_finished: usize,
    /// Each one at most this long after it ended.
    pub max_age: Duration,
}

impl Default for Retention {
    /// AWS's 90 days, and 10,000 executions (about 50 MB of small ones).
    fn default() -> Self {
        Retention {
            max_finished: 10_000,
            max_age: Duration::days(90),
        }
    }
}

/// The finished executions in the order they ended.
#[derive(Debug, Default)]
pub struct Finished {
    retention: Retention,
    ended: VecDeque<(String, OffsetDateTime)>,
}

impl Finished {
    /// Keeps executions as `retention` says from now on.
    pub fn set_retention(&mut self, retention: Retention) {
        self.retention = retention;
    }

    /// Notes that `arn` ended at `at`.
    pub fn ended(&mut self, arn: &str, at: OffsetDateTime) {
        self.ended.push_back((arn.to_owned(), at));
    }

    /// The executions to forget at `now`, with when each ended: the oldest beyond the count,
    /// and every one past its age. An execution redriven since it was noted is listed with its
    /// old end; the caller keeps it unless that is still its end.
    pub fn expired(&mut self, now: OffsetDateTime) -> Vec<(String, OffsetDateTime)> {
        let mut expired = Vec::new();
        while let Some((_, at)) = self.ended.front() {
            let too_many = self.ended.len() > self.retention.max_finished;
            if !too_many && now - *at <= self.retention.max_age {
                break;
            }
            expired.extend(self.ended.pop_front());
        }
        expired
    }

    /// Forgets everything noted.
    pub fn clear(&mut self) {
        self.ended.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const T0: OffsetDateTime = datetime!(2026-01-01 00:00 UTC);

    fn finished(max_finished: usize, days: i64) -> Finished {
        let mut finished = Finished::default();
        finished.set_retention(Retention {
            max_finished,
            max_age: Duration::days(days),
        });
        finished
    }

    #[test]
    fn the_oldest_go_beyond_the_count() {
        let mut f = finished(2, 90);
        for (n, arn) in ["a", "b", "c"].into_iter().enumerate() {
            f.ended(arn, T0 + Duration::seconds(n as i64));
        }
        assert_eq!(f.expired(T0), vec![("a".to_owned(), T0)]);
        assert_eq!(f.expired(T0), vec![]);
    }

    #[test]
    fn each_goes_after_its_age() {
        let mut f = finished(100, 90);
        f.ended("a", T0);
        f.ended("b", T0 + Duration::days(10));
        assert_eq!(f.expired(T0 + Duration::days(90)), vec![]);
        let expired = f.expired(T0 + Duration::days(91));
        assert_eq!(expired, vec![("a".to_owned(), T0)]);
        assert_eq!(f.expired(T0 + Duration::days(101)).len(), 1);
    }
}
