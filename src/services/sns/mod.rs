//! The SNS fake: topics, subscriptions, publishing and in-process delivery.

pub mod filter;
