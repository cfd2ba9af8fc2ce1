//! Reserved concurrency: `PutFunctionConcurrency` / `GetFunctionConcurrency` /
//! `DeleteFunctionConcurrency`, and the throttle invocations meet when a function already runs
//! as many invocations as it has reserved (`TooManyRequestsException`). Reserving 0 throttles
//! every call, which is how tests exercise throttling.

use super::error::{LambdaError, LambdaResult};
use super::functions::unqualified_name;
use super::types::{
    self, AccountLimit, AccountUsage, GetAccountSettingsResponse, GetFunctionConcurrencyResponse,
};
use super::{Lambda, State};
use crate::aws::numbers;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

/// The account's concurrency limit, as AWS's default quota.
const ACCOUNT_LIMIT: u32 = 1000;
/// What AWS keeps unreserved for functions without a reservation.
const UNRESERVED_MINIMUM: u32 = 100;

/// A function's reservation and the invocations it is running now.
#[derive(Debug, Default)]
pub(super) struct Concurrency {
    reserved: Option<u32>,
    running: Arc<AtomicU32>,
}

/// One running invocation; dropping it frees its slot.
#[derive(Debug)]
pub(super) struct Permit(Arc<AtomicU32>);

impl Drop for Permit {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Lambda {
    /// `PutFunctionConcurrency`.
    pub fn put_function_concurrency(
        &self,
        name: &str,
        req: types::PutFunctionConcurrencyRequest,
    ) -> LambdaResult<types::Concurrency> {
        let name = unqualified_name(name)?;
        // The model's minimum of 0 is checked before the service is called.
        let reserved = u32::try_from(req.reserved_concurrent_executions).unwrap_or(0);
        let mut state = self.state();
        let others: u32 = state
            .functions
            .iter()
            .filter(|(other, _)| **other != name)
            .filter_map(|(_, f)| f.concurrency.reserved)
            .sum();
        if others.saturating_add(reserved) > ACCOUNT_LIMIT - UNRESERVED_MINIMUM {
            return Err(LambdaError::InvalidParameterValue(format!(
                "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [{UNRESERVED_MINIMUM}]."
            )));
        }
        self.function_mut(&mut state, &name)?.concurrency.reserved = Some(reserved);
        Ok(types::Concurrency {
            reserved_concurrent_executions: Some(numbers::int(reserved)),
        })
    }

    /// `GetFunctionConcurrency`: the reservation, or nothing when there is none.
    pub fn get_function_concurrency(
        &self,
        name: &str,
    ) -> LambdaResult<GetFunctionConcurrencyResponse> {
        let name = unqualified_name(name)?;
        let state = self.state();
        let reserved = self.function(&state, &name)?.concurrency.reserved;
        Ok(GetFunctionConcurrencyResponse {
            reserved_concurrent_executions: reserved.map(numbers::int),
        })
    }

    /// `DeleteFunctionConcurrency`.
    pub fn delete_function_concurrency(&self, name: &str) -> LambdaResult<()> {
        let name = unqualified_name(name)?;
        let mut state = self.state();
        self.function_mut(&mut state, &name)?.concurrency.reserved = None;
        Ok(())
    }

    /// `GetAccountSettings`: AWS's default quotas, less what functions have reserved.
    pub fn account_settings(&self) -> GetAccountSettingsResponse {
        let state = self.state();
        let reserved: u32 = reserved_total(&state);
        let functions = numbers::long(state.functions.len());
        GetAccountSettingsResponse {
            account_limit: Some(AccountLimit {
                total_code_size: Some(80_530_636_800),
                code_size_unzipped: Some(262_144_000),
                code_size_zipped: Some(52_428_800),
                concurrent_executions: Some(numbers::int(ACCOUNT_LIMIT)),
                unreserved_concurrent_executions: Some(numbers::int(ACCOUNT_LIMIT - reserved)),
            }),
            account_usage: Some(AccountUsage {
                total_code_size: Some(0),
                function_count: Some(functions),
            }),
        }
    }

    /// A slot for one invocation of `function`, or `TooManyRequestsException` when its
    /// reservation is used up.
    pub(super) fn permit(&self, function: &str) -> LambdaResult<Option<Permit>> {
        let state = self.state();
        let Some(concurrency) = state.functions.get(function).map(|f| &f.concurrency) else {
            return Ok(None);
        };
        let Some(reserved) = concurrency.reserved else {
            return Ok(None);
        };
        let running = concurrency.running.clone();
        let taken = running.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
            (n < reserved).then_some(n + 1)
        });
        match taken {
            Ok(_) => Ok(Some(Permit(running))),
            Err(_) => Err(LambdaError::TooManyRequests(
                "Rate Exceeded.".into(),
                "ReservedFunctionConcurrentInvocationLimitExceeded",
            )),
        }
    }
}

impl Concurrency {
    /// The reservation `GetFunction` reports, if any.
    pub(super) fn reservation(&self) -> Option<types::Concurrency> {
        self.reserved.map(|n| types::Concurrency {
            reserved_concurrent_executions: Some(numbers::int(n)),
        })
    }
}

fn reserved_total(state: &State) -> u32 {
    state
        .functions
        .values()
        .filter_map(|f| f.concurrency.reserved)
        .sum()
}
