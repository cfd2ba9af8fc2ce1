//! Accepting and serving TCP connections: HTTP/1.1 with a deadline for each request's headers
//! (which also closes idle keep-alive connections), a cap on open connections below the
//! process's file limit, and a graceful shutdown.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// How connections are bounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How long a client may take to send a request's headers, and how long a keep-alive
    /// connection may stay idle between requests.
    pub header_timeout: Duration,
    /// How many connections may be open at once; more wait in the listen backlog.
    pub max_connections: usize,
}

/// File descriptors kept for everything but client connections (function processes and
/// their pipes, runtime listeners, files).
const RESERVED_FILES: usize = 256;

impl Default for Limits {
    /// 30 seconds for headers (SDKs send theirs at once; their idle pools reconnect), and as
    /// many connections as the open-file limit leaves room for.
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(30),
            max_connections: max_connections(open_file_limit()),
        }
    }
}

/// Raises the soft open-file limit to the hard one where the system allows, so more clients
/// fit under the cap; returns the limit now in force.
pub fn raise_open_file_limit() -> Option<u64> {
    rlimit::increase_nofile_limit(u64::MAX).ok()
}

/// Connections allowed under an open-file limit of `files`.
fn max_connections(files: Option<usize>) -> usize {
    let files = files.unwrap_or(1024);
    files.saturating_sub(RESERVED_FILES).max(files / 2).max(1)
}

/// The soft open-file limit (`Max open files` in `/proc/self/limits`), where it can be read.
fn open_file_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// Serves `router` on `listener` until `shutdown` resolves, then lets open connections finish
/// their requests for at most `grace`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
    grace: Duration,
) -> std::io::Result<()> {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit,
            () = &mut shutdown => break,
        };
        let Ok(permit) = permit else { break };
        let stream = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let stream = match stream {
            Ok((stream, _)) => {
                // Answers go out whole: no waiting on Nagle's algorithm for a small reply.
                let _ = stream.set_nodelay(true);
                stream
            }
            Err(err) => {
                // Out of descriptors or a connection reset before it was accepted: wait a
                // moment rather than spin, and keep serving.
                tracing::warn!("accepting a connection failed: {err}");
                #[allow(
                    clippy::disallowed_methods,
                    reason = "a pause of the accept loop, not a wait the workflow sees"
                )]
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let connection = builder(&limits).serve_connection(
            TokioIo::new(stream),
            TowerToHyperService::new(router.clone()),
        );
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    #[allow(
        clippy::disallowed_methods,
        reason = "the shutdown grace is real time for real connections"
    )]
    let _ = tokio::time::timeout(grace, graceful.shutdown()).await;
    Ok(())
}

fn builder(limits: &Limits) -> http1::Builder {
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true);
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_leave_room_for_other_files() {
        assert_eq!(max_connections(Some(1024)), 768);
        assert_eq!(max_connections(Some(300)), 150);
        assert_eq!(max_connections(Some(1_048_576)), 1_048_320);
        assert_eq!(max_connections(None), 768);
    }

    #[test]
    fn the_file_limit_is_read_here() {
        if cfg!(target_os = "linux") {
            assert!(open_file_limit().is_some_and(|n| n > 0));
        }
    }
}
