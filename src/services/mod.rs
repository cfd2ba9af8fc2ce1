//! The fakes of the AWS services that workflows call. Each keeps its own state behind typed
//! operations; `protocol` serves them over HTTP and `integrations` calls them in process.

pub mod lambda;
