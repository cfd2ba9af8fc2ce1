//! The `stepstone` binary as a test harness meets it: spawned on a port the system picks, its
//! address learnt from the ready file and the log, its log read for why something failed.

mod common;
mod logs;
mod ports;
