//! The `stepstone` binary: parse the configuration, bind the port, serve until SIGINT/SIGTERM.

use clap::Parser;
use std::sync::Arc;
use stepstone::config::Config;
use stepstone::server::{self, App};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let filter =
        EnvFilter::try_from_env("STEPSTONE_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .init();
    let mut config = Config::parse();
    let removed = stepstone::services::lambda::leftovers::remove_stale(&std::env::temp_dir());
    if removed > 0 {
        tracing::info!("removed {removed} temporary directories left by stopped servers");
    }
    if let Ok(dir) = std::env::current_dir() {
        config = config.with_default_mock_config(&dir);
    }
    // Before binding the port, so a broken mock file stops the server at once.
    let app = match App::load(&config) {
        Ok(app) => Arc::new(app),
        Err(err) => {
            tracing::error!("{err}");
            return std::process::ExitCode::FAILURE;
        }
    };
    // Executions evaluate user expressions: on threads of their own, heavy ones cannot stall
    // the threads that answer API calls.
    let threads = std::thread::available_parallelism().map_or(2, usize::from);
    if let Err(err) = app.sfn.workers().dedicate(threads) {
        tracing::error!("cannot start the execution threads: {err}");
        return std::process::ExitCode::FAILURE;
    }
    stepstone::engine::memory::spawn_watchdog(stepstone::engine::memory::BUDGET_BYTES);
    if let Some(files) = stepstone::connections::raise_open_file_limit() {
        tracing::debug!("open-file limit {files}");
    }
    let address = format!("{}:{}", config.host, config.port);
    let listener = match tokio::net::TcpListener::bind(&address).await {
        Ok(listener) => listener,
        Err(err) => {
            tracing::error!("cannot listen on {address}: {err}");
            return std::process::ExitCode::FAILURE;
        }
    };
    // Function processes call back into this server's AWS APIs; a wildcard address is not
    // one they can connect to.
    if let Ok(local) = listener.local_addr() {
        let host = match local.ip().is_unspecified() {
            true => "127.0.0.1".to_owned(),
            false => local.ip().to_string(),
        };
        app.lambda
            .set_endpoint(format!("http://{host}:{}", local.port()));
    }
    tracing::info!(
        "Stepstone listening on http://{address} (region {}, account {})",
        config.region,
        config.account_id
    );
    if let Some(path) = &config.mock_config {
        tracing::info!(
            "mocked service integrations from {} (start executions as <stateMachineArn>#<TestCase>)",
            path.display()
        );
    }
    match server::serve(listener, app, server::shutdown_signal()).await {
        Ok(()) => {
            tracing::info!("Stepstone stopped");
            std::process::ExitCode::SUCCESS
        }
        Err(err) => {
            tracing::error!("server failed: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
