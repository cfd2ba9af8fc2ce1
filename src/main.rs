//! The `stepstone` binary: parse the configuration, bind the port, serve until SIGINT/SIGTERM.

use clap::Parser;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use stepstone::config::Config;
use stepstone::listen;
use stepstone::server::{self, App};
use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> ExitCode {
    let mut config = Config::parse();
    stepstone::logging::init(config.log_format);
    let removed = stepstone::services::lambda::leftovers::remove_stale(&std::env::temp_dir());
    if removed > 0 {
        tracing::info!("removed {removed} temporary directories left by stopped servers");
    }
    if let Ok(dir) = std::env::current_dir() {
        config = config.with_default_mock_config(&dir);
    }
    match run(&config).await {
        Ok(()) => {
            tracing::info!("Stepstone stopped");
            ExitCode::SUCCESS
        }
        Err(message) => {
            tracing::error!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Serves until a shutdown signal; `Err` says why the server could not start or stopped early.
async fn run(config: &Config) -> Result<(), String> {
    // Before binding the port, so a broken mock file stops the server at once.
    let app = Arc::new(App::load(config).map_err(|err| err.to_string())?);
    // Executions evaluate user expressions: on threads of their own, heavy ones cannot stall
    // the threads that answer API calls.
    let threads = std::thread::available_parallelism().map_or(2, usize::from);
    app.sfn
        .workers()
        .dedicate(threads)
        .map_err(|err| format!("cannot start the execution threads: {err}"))?;
    stepstone::engine::memory::spawn_watchdog(stepstone::engine::memory::BUDGET_BYTES);
    if let Some(files) = stepstone::connections::raise_open_file_limit() {
        tracing::debug!("open-file limit {files}");
    }
    if let Some(path) = &config.ready_file {
        listen::remove_ready_file(path)
            .map_err(|err| format!("cannot remove the ready file {}: {err}", path.display()))?;
    }
    let (listener, local) = bind(config).await?;
    // Function processes call back into this server's AWS APIs.
    let connect = listen::connect_address(local);
    app.lambda.set_endpoint(format!("http://{connect}"));
    app.sqs.set_endpoint(format!("http://{connect}"));
    app.sns.set_endpoint(format!("http://{connect}"));
    if let Some(path) = &config.ready_file {
        listen::write_ready_file(path, connect)
            .map_err(|err| format!("cannot write the ready file {}: {err}", path.display()))?;
    }
    // After the ready file: a harness that read this line finds the file written.
    announce(config, local);
    let served = server::serve(listener, app, server::shutdown_signal()).await;
    if let Some(path) = &config.ready_file {
        let _ = listen::remove_ready_file(path);
    }
    served.map_err(|err| format!("server failed: {err}"))
}

/// Binds the configured address; with port 0 the system picks the port, so the bound address
/// is returned too.
async fn bind(config: &Config) -> Result<(TcpListener, SocketAddr), String> {
    let address = format!("{}:{}", config.host, config.port);
    let listener = TcpListener::bind(&address)
        .await
        .map_err(|err| format!("cannot listen on {address}: {err}"))?;
    let local = listener
        .local_addr()
        .map_err(|err| format!("cannot read the address bound for {address}: {err}"))?;
    Ok((listener, local))
}

/// Logs where the server listens (the real port, also with `--port 0`) and what it serves.
fn announce(config: &Config, local: SocketAddr) {
    tracing::info!(
        "Stepstone listening on http://{local} (region {}, account {})",
        config.region,
        config.account_id
    );
    if let Some(path) = &config.mock_config {
        tracing::info!(
            "mocked service integrations from {} (start executions as <stateMachineArn>#<TestCase>)",
            path.display()
        );
    }
}
