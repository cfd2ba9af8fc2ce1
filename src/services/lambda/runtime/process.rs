//! Starting one function process: which program runs which runtime, the environment AWS gives
//! a function, and the tasks that collect its output and notice its exit.

use super::super::Version;
use super::group::ProcessGroup;
use super::output::{self, Output};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use tokio::process::Command;
use tokio::sync::{oneshot, watch};

const PYTHON_BOOTSTRAP: &str = include_str!("python_bootstrap.py");
const NODE_BOOTSTRAP: &str = include_str!("node_bootstrap.js");

/// Writes the Python and Node bootstraps to a fresh temporary directory.
pub fn write_bootstraps() -> Result<PathBuf, String> {
    let dir = std::env::temp_dir().join(format!(
        "stepstone-runtimes-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("python_bootstrap.py"), PYTHON_BOOTSTRAP)?;
        std::fs::write(dir.join("node_bootstrap.js"), NODE_BOOTSTRAP)?;
        Ok(())
    };
    write().map_err(|e| {
        format!(
            "cannot write the runtime bootstraps to {}: {e}",
            dir.display()
        )
    })?;
    Ok(dir)
}

/// Everything a process start needs.
pub struct Launch<'a> {
    /// The function version to run.
    pub version: &'a Version,
    /// `AWS_LAMBDA_RUNTIME_API`: `127.0.0.1:<port>`.
    pub runtime_api: String,
    /// `AWS_REGION`.
    pub region: &'a str,
    /// `AWS_ENDPOINT_URL`, when the server listens on a socket.
    pub endpoint: Option<&'a str>,
    /// The directory holding the shipped bootstraps.
    pub bootstraps: &'a Path,
    /// Changes when every process must stop (a reset).
    pub stop_all: watch::Receiver<u64>,
    /// Today on the server's clock, which dates the log stream's name.
    pub today: time::Date,
}

/// A started process: its output buffer, a kill switch and its exit status once it exits.
pub struct Spawned {
    /// Dropping or sending kills the process.
    pub kill: oneshot::Sender<()>,
    /// `Some(status)` once the process has exited, e.g. `exit status: 1`.
    pub exited: watch::Receiver<Option<String>>,
    /// Output since the last time it was taken.
    pub output: Arc<Mutex<Output>>,
    /// When the runtime's own interpreter is missing: which one runs instead, in words.
    pub fallback: Option<String>,
}

/// Starts the process for `launch.version`'s runtime.
pub fn spawn(launch: &Launch<'_>) -> Result<Spawned, String> {
    let config = &launch.version.config;
    let runtime = config.runtime.as_deref().unwrap_or_default();
    let task_root = &launch.version.code.dir;
    let (mut command, fallback) = program(runtime, task_root, launch.bootstraps)?;
    command
        .current_dir(task_root)
        .env_clear()
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    // Its own group, so that ending the group ends whatever the handler starts too.
    #[cfg(unix)]
    command.process_group(0);
    set_environment(&mut command, launch, runtime);
    let name = &config.function_name;
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start the {runtime} runtime for function {name}: {e}"))?;
    let output = Arc::new(Mutex::new(Output::default()));
    if let Some(stdout) = child.stdout.take() {
        tokio::spawn(output::collect(stdout, output.clone(), name.clone()));
    }
    if let Some(stderr) = child.stderr.take() {
        tokio::spawn(output::collect(stderr, output.clone(), name.clone()));
    }
    if let Some(note) = &fallback {
        tracing::warn!(function = %name, "{note}");
    }
    let (kill, kill_rx) = oneshot::channel();
    let (exited_tx, exited) = watch::channel(None);
    let stop_all = launch.stop_all.clone();
    tokio::spawn(watch_exit(child, kill_rx, stop_all, exited_tx));
    Ok(Spawned {
        kill,
        exited,
        output,
        fallback,
    })
}

/// The environment AWS gives a function's process, and the function's own variables.
fn set_environment(command: &mut Command, launch: &Launch<'_>, runtime: &str) {
    let config = &launch.version.config;
    let task_root = &launch.version.code.dir;
    for inherited in ["PATH", "HOME", "SYSTEMROOT", "NODE_PATH"] {
        if let Some(value) = std::env::var_os(inherited) {
            command.env(inherited, value);
        }
    }
    let name = &config.function_name;
    let stream = format!(
        "{}/[{}]{}",
        launch.today,
        config.version,
        uuid::Uuid::new_v4().simple()
    )
    .replace('-', "/");
    command
        .env("LANG", "en_US.UTF-8")
        .env("TZ", ":UTC")
        .env("PYTHONUNBUFFERED", "1")
        .env("LAMBDA_TASK_ROOT", task_root)
        .env("LAMBDA_RUNTIME_DIR", launch.bootstraps)
        .env("_HANDLER", config.handler.as_deref().unwrap_or_default())
        .env("AWS_LAMBDA_RUNTIME_API", &launch.runtime_api)
        .env("AWS_REGION", launch.region)
        .env("AWS_DEFAULT_REGION", launch.region)
        .env("AWS_EXECUTION_ENV", format!("AWS_Lambda_{runtime}"))
        .env("AWS_LAMBDA_FUNCTION_NAME", name)
        .env("AWS_LAMBDA_FUNCTION_VERSION", &config.version)
        .env(
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            config.memory_size.to_string(),
        )
        .env("AWS_LAMBDA_LOG_GROUP_NAME", format!("/aws/lambda/{name}"))
        .env("AWS_LAMBDA_LOG_STREAM_NAME", stream)
        .env("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_SESSION_TOKEN", "test");
    if let Some(endpoint) = launch.endpoint {
        command.env("AWS_ENDPOINT_URL", endpoint);
    }
    if let Some(environment) = &config.environment {
        command.envs(&environment.variables);
    }
}

/// Waits for `child` to exit, or kills it when `kill` fires or is dropped (its instance went)
/// or `stop_all` changes (a reset), then reports how it ended on `exited`. Its whole process
/// group ends with it, and with this task if the server drops it on the way out.
async fn watch_exit(
    mut child: tokio::process::Child,
    kill: oneshot::Receiver<()>,
    mut stop_all: watch::Receiver<u64>,
    exited: watch::Sender<Option<String>>,
) {
    let mut group = ProcessGroup::new(child.id());
    let status = tokio::select! {
        status = child.wait() => status,
        _ = kill => kill_group(&mut child, &mut group).await,
        _ = stop_all.changed() => kill_group(&mut child, &mut group).await,
    };
    // Whatever the process started and left behind goes with it.
    group.end();
    let status = match status {
        Ok(status) => describe_exit(status),
        Err(e) => e.to_string(),
    };
    let _ = exited.send(Some(status));
}

/// Ends the group, then its leader, and waits for the leader.
async fn kill_group(
    child: &mut tokio::process::Child,
    group: &mut ProcessGroup,
) -> std::io::Result<std::process::ExitStatus> {
    // The group before the leader: until the leader is reaped, its pid (the group's id)
    // cannot be reused.
    group.end();
    let _ = child.start_kill();
    child.wait().await
}

/// An exit as AWS's runtime reports it: `exit status 1`, `signal: killed`.
fn describe_exit(status: std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = match signal {
                9 => "killed".to_owned(),
                11 => "segmentation fault".to_owned(),
                6 => "aborted".to_owned(),
                15 => "terminated".to_owned(),
                n => format!("signal {n}"),
            };
            return format!("signal: {name}");
        }
    }
    match status.code() {
        Some(code) => format!("exit status {code}"),
        None => status.to_string(),
    }
}

/// The program that runs `runtime`: an interpreter with the shipped bootstrap, or the
/// package's own `bootstrap`. A missing interpreter is named in the error.
/// The command that runs `runtime`'s functions, and a note when it is a fallback interpreter.
fn program(
    runtime: &str,
    task_root: &Path,
    bootstraps: &Path,
) -> Result<(Command, Option<String>), String> {
    if runtime.starts_with("python3") {
        let (python, fallback) = python(runtime, working_program)?;
        let mut command = Command::new(python);
        command
            .arg("-u")
            .arg(bootstraps.join("python_bootstrap.py"));
        return Ok((command, fallback));
    }
    if runtime.starts_with("nodejs") {
        let node = working_program("node").ok_or_else(|| {
            format!("Stepstone cannot run {runtime} functions: node is not on PATH")
        })?;
        let mut command = Command::new(node);
        command.arg(bootstraps.join("node_bootstrap.js"));
        return Ok((command, None));
    }
    if runtime.starts_with("provided") {
        let bootstrap = task_root.join("bootstrap");
        if !bootstrap.is_file() {
            return Err(
                "Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]".to_owned(),
            );
        }
        return Ok((Command::new(bootstrap), None));
    }
    Err(format!(
        "Stepstone cannot run {runtime} functions: it runs python3.x, nodejs and provided (custom runtime) functions"
    ))
}

/// The interpreter for a `python3.x` runtime, found by `find`: `python3.x` itself, else (the
/// stated fallback) `python3`, with a note saying so, since a handler written for 3.12 usually
/// runs under 3.11; an error naming both when neither runs.
fn python(
    runtime: &str,
    find: impl Fn(&str) -> Option<PathBuf>,
) -> Result<(PathBuf, Option<String>), String> {
    if let Some(exact) = find(runtime) {
        return Ok((exact, None));
    }
    let fallback = find("python3").ok_or_else(|| {
        format!(
            "Stepstone cannot run {runtime} functions: neither {runtime} nor python3 runs from PATH"
        )
    })?;
    let note = format!(
        "Stepstone: {runtime} is not installed (or does not run), so this {runtime} function runs under {}",
        fallback.display()
    );
    Ok((fallback, Some(note)))
}

/// The first executable called `name` on `PATH` that actually runs (`--version` succeeds):
/// version managers such as pyenv put shims on `PATH` for versions that are not active.
/// Probed once per name.
fn working_program(name: &str) -> Option<PathBuf> {
    static PROBED: Mutex<BTreeMap<String, Option<PathBuf>>> = Mutex::new(BTreeMap::new());
    let mut probed = PROBED.lock().unwrap_or_else(|e| e.into_inner());
    probed
        .entry(name.to_owned())
        .or_insert_with(|| {
            let path = std::env::var_os("PATH")?;
            std::env::split_paths(&path)
                .map(|dir| dir.join(name))
                .filter(|candidate| candidate.is_file())
                .find(|candidate| {
                    std::process::Command::new(candidate)
                        .arg("--version")
                        .stdin(Stdio::null())
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .status()
                        .is_ok_and(|status| status.success())
                })
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder(installed: &'static [&'static str]) -> impl Fn(&str) -> Option<PathBuf> {
        move |name| {
            installed
                .contains(&name)
                .then(|| PathBuf::from("bin").join(name))
        }
    }

    #[test]
    fn a_python_runtime_runs_under_its_own_version_else_a_stated_python3() {
        let exact = python("python3.12", finder(&["python3.12", "python3"]));
        assert_eq!(exact, Ok((PathBuf::from("bin/python3.12"), None)));
        let (fallback, note) = python("python3.12", finder(&["python3"])).unwrap();
        assert_eq!(fallback, PathBuf::from("bin/python3"));
        assert_eq!(
            note.as_deref(),
            Some(
                "Stepstone: python3.12 is not installed (or does not run), so this python3.12 function runs under bin/python3"
            )
        );
        assert_eq!(
            python("python3.12", finder(&[])),
            Err(
                "Stepstone cannot run python3.12 functions: neither python3.12 nor python3 runs from PATH"
                    .into()
            )
        );
    }
}
