//! Step Functions through the official AWS SDK for Rust, against an in-process Stepstone (and a
//! real socket where that matters). One test binary, one module per area.

mod activities;
mod activities_flow;
mod api_rules;
mod clock;
mod executions;
mod fidelity;
mod hostile;
mod integrations;
mod map_runs;
mod mocks;
mod nested;
mod quotas;
mod recorded;
mod recorded_executions;
mod redrive;
mod reset;
mod retention;
mod sns;
mod sns_https;
mod sns_mobile;
mod socket;
mod sqs;
mod state_machines;
mod sts;
mod tags;
mod test_state;
mod validation;
mod versions_aliases;
mod wait;
mod wire;
