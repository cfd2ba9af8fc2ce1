//! Function processes as the server keeps them: their output held bounded, their child processes
//! ended with them, and their start-up kept apart from the invocation's Timeout.

#![allow(
    clippy::disallowed_methods,
    reason = "real processes run in real time: the tests poll them while moving the server's clock"
)]

use super::{available, python_function};
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::LogType;
use base64::Engine;
use conformance_tests::{InProcess, zip_package};
use serde_json::Value;
use std::time::Duration;
use stepstone::config::Config;

/// The decoded `LogType: Tail` of an invocation.
fn tail(out: &aws_sdk_lambda::operation::invoke::InvokeOutput) -> String {
    let log = base64::engine::general_purpose::STANDARD
        .decode(out.log_result().expect("log tail"))
        .expect("base64 log");
    String::from_utf8(log).expect("UTF-8 log")
}

fn payload(out: &aws_sdk_lambda::operation::invoke::InvokeOutput) -> Value {
    serde_json::from_slice(out.payload().expect("payload").as_ref()).expect("JSON payload")
}

/// A Stepstone whose function timeouts follow the test's clock.
fn manual() -> InProcess {
    InProcess::with_config(Config {
        manual_clock: true,
        ..Config::default()
    })
}

/// Invokes `function` with `event` and a log tail, and once `ready` says so moves the manual
/// clock a second at a time until the call returns.
async fn invoke_advancing(
    stepstone: &InProcess,
    function: &str,
    event: String,
    ready: impl Fn() -> bool,
) -> aws_sdk_lambda::operation::invoke::InvokeOutput {
    let call = stepstone
        .lambda()
        .invoke()
        .function_name(function)
        .payload(Blob::new(event))
        .log_type(LogType::Tail)
        .send();
    let call = tokio::spawn(call);
    while !ready() && !call.is_finished() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    while !call.is_finished() {
        stepstone.advance_clock(1).await;
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    call.await.expect("invocation task").expect("invoke")
}

/// This process's peak resident memory in bytes (`VmHWM`), where `/proc` tells it.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

#[tokio::test]
async fn a_huge_line_of_output_is_cut_not_kept() {
    let Some(before) = peak_memory() else {
        eprintln!("no /proc/self/status: skipping");
        return;
    };
    if !available("python3") {
        return;
    }
    let lambda = InProcess::new().lambda();
    // 128 MB on one line, written a megabyte at a time so the handler itself stays small.
    let code = "import sys\n\n\ndef handler(event, context):\n    chunk = 'x' * (1 << 20)\n    for _ in range(128):\n        sys.stdout.write(chunk)\n    print(' end of the line')\n    print('after')\n    return 'done'\n";
    python_function(&lambda, "loud", zip_package(&[("handler.py", code)]))
        .send()
        .await
        .unwrap();
    let out = lambda
        .invoke()
        .function_name("loud")
        .log_type(LogType::Tail)
        .send()
        .await
        .unwrap();
    assert_eq!(payload(&out), "done");
    let log = tail(&out);
    assert!(
        log.contains("xxxx [134201360 more bytes of this line cut]\nafter\n"),
        "{log}"
    );
    // Holding the line even once would take its 128 MB; other tests running alongside in this
    // process add far less than that to the peak.
    let grown = peak_memory().unwrap().saturating_sub(before);
    assert!(
        grown < 128 << 20,
        "the server held the line: peak memory grew by {grown} bytes"
    );
}

/// A handler that starts `sleep 47` and returns its pid. When the event names a `pidfile`, it
/// first writes the pid there and waits until the file the event names as `go` exists (without
/// one, past any Timeout).
const SPAWNS_A_CHILD: &str = "import os\nimport subprocess\nimport time\n\n\ndef handler(event, context):\n    child = subprocess.Popen(['sleep', '47'])\n    if 'pidfile' in event:\n        with open(event['pidfile'] + '.part', 'w') as f:\n            f.write(str(child.pid))\n        os.rename(event['pidfile'] + '.part', event['pidfile'])\n        while not os.path.exists(event.get('go', '')):\n            time.sleep(0.01)\n    return child.pid\n";

/// A path in the temporary directory for this test process's `name` file.
fn scratch(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("stepstone-test-{name}-{}", std::process::id()))
}

/// Whether process `pid` is running (a zombie waiting for its reaper is not).
fn running(pid: u64) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit(')')
            .next()
            .is_some_and(|s| !s.trim_start().starts_with('Z'))
    })
}

/// Waits up to five seconds for `pid` to end: a SIGKILL takes effect at once, but the kernel
/// tears the process down on its own time.
async fn ends(pid: u64) -> bool {
    for _ in 0..500 {
        if !running(pid) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    false
}

#[tokio::test]
async fn child_processes_end_when_the_invocation_times_out() {
    if !available("python3") || !std::path::Path::new("/proc/self/stat").exists() {
        return;
    }
    let stepstone = manual();
    python_function(
        &stepstone.lambda(),
        "parent",
        zip_package(&[("handler.py", SPAWNS_A_CHILD)]),
    )
    .timeout(1)
    .send()
    .await
    .unwrap();
    let pidfile = scratch("timed-out-child");
    let event = serde_json::json!({ "pidfile": pidfile }).to_string();
    // The clock moves once the child is running, so the Timeout ends a handler that has one.
    let out = invoke_advancing(&stepstone, "parent", event, || pidfile.exists()).await;
    assert_eq!(payload(&out)["errorType"], "Sandbox.Timedout");
    let pid = std::fs::read_to_string(&pidfile).expect("the child's pid");
    std::fs::remove_file(&pidfile).expect("remove the pid file");
    let pid: u64 = pid.parse().expect("a pid");
    assert!(
        ends(pid).await,
        "sleep ({pid}) outlived its function's Timeout"
    );
}

#[tokio::test]
async fn child_processes_end_when_their_function_changes_or_goes() {
    if !available("python3") || !std::path::Path::new("/proc/self/stat").exists() {
        return;
    }
    let lambda = InProcess::new().lambda();
    python_function(
        &lambda,
        "parent",
        zip_package(&[("handler.py", SPAWNS_A_CHILD)]),
    )
    .send()
    .await
    .unwrap();
    let child = |out: aws_sdk_lambda::operation::invoke::InvokeOutput| {
        payload(&out).as_u64().expect("a pid")
    };
    let first = child(
        lambda
            .invoke()
            .function_name("parent")
            .send()
            .await
            .unwrap(),
    );
    assert!(running(first), "the warm process keeps its child");
    lambda
        .update_function_configuration()
        .function_name("parent")
        .timeout(5)
        .send()
        .await
        .unwrap();
    assert!(
        ends(first).await,
        "sleep ({first}) outlived its function's update"
    );
    let second = child(
        lambda
            .invoke()
            .function_name("parent")
            .send()
            .await
            .unwrap(),
    );
    assert!(running(second));
    lambda
        .delete_function()
        .function_name("parent")
        .send()
        .await
        .unwrap();
    assert!(ends(second).await, "sleep ({second}) outlived its function");
}

#[tokio::test]
async fn a_process_busy_when_its_function_goes_ends_after_its_invocation() {
    if !available("python3") || !std::path::Path::new("/proc/self/stat").exists() {
        return;
    }
    let lambda = InProcess::new().lambda();
    python_function(
        &lambda,
        "busy",
        zip_package(&[("handler.py", SPAWNS_A_CHILD)]),
    )
    .send()
    .await
    .unwrap();
    let (pidfile, go) = (scratch("busy-child"), scratch("busy-go"));
    let event = serde_json::json!({ "pidfile": pidfile, "go": go }).to_string();
    let call = lambda
        .invoke()
        .function_name("busy")
        .payload(Blob::new(event))
        .send();
    let call = tokio::spawn(call);
    while !pidfile.exists() && !call.is_finished() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    lambda
        .delete_function()
        .function_name("busy")
        .send()
        .await
        .unwrap();
    std::fs::write(&go, "").expect("let the handler return");
    let out = call
        .await
        .unwrap()
        .expect("the invocation under way completes");
    let pid = payload(&out).as_u64().expect("a pid");
    for file in [&pidfile, &go] {
        std::fs::remove_file(file).expect("clean up");
    }
    assert!(
        ends(pid).await,
        "sleep ({pid}) outlived its deleted function"
    );
}

#[tokio::test]
async fn start_up_does_not_count_against_the_timeout() {
    if !available("python3") {
        return;
    }
    let stepstone = manual();
    let (importing, go) = (scratch("importing"), scratch("import-go"));
    // The module's import announces itself, then waits until the test lets it finish: the
    // manual clock moves five seconds, past the one-second Timeout, while it starts up.
    let code = format!(
        "import os\nimport time\nopen({importing:?}, 'w').close()\nwhile not os.path.exists({go:?}):\n    time.sleep(0.01)\n\n\ndef handler(event, context):\n    return context.get_remaining_time_in_millis()\n"
    );
    python_function(
        &stepstone.lambda(),
        "slow-start",
        zip_package(&[("handler.py", &code)]),
    )
    .timeout(1)
    .send()
    .await
    .unwrap();
    let call = stepstone
        .lambda()
        .invoke()
        .function_name("slow-start")
        .log_type(LogType::Tail)
        .send();
    let call = tokio::spawn(call);
    while !importing.exists() && !call.is_finished() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    stepstone.advance_clock(5).await;
    std::fs::write(&go, "").expect("let the import finish");
    let out = call.await.expect("invocation task").expect("invoke");
    for file in [&importing, &go] {
        let _ = std::fs::remove_file(file);
    }
    assert_eq!(out.function_error(), None, "{:?}", payload(&out));
    let remaining = payload(&out).as_u64().expect("remaining milliseconds");
    assert!(
        (1..=1000).contains(&remaining),
        "the deadline counts from the invocation: {remaining} ms left"
    );
    assert!(tail(&out).contains("\tInit Duration: "), "{}", tail(&out));
}

#[tokio::test]
async fn an_init_past_ten_seconds_is_retried_within_the_timeout() {
    if !available("python3") {
        return;
    }
    let stepstone = manual();
    let code = "import time\ntime.sleep(600)\n\n\ndef handler(event, context):\n    return 1\n";
    python_function(
        &stepstone.lambda(),
        "stuck",
        zip_package(&[("handler.py", code)]),
    )
    .timeout(1)
    .send()
    .await
    .unwrap();
    let out = invoke_advancing(&stepstone, "stuck", "{}".to_owned(), || true).await;
    let error = payload(&out);
    assert_eq!(error["errorType"], "Sandbox.Timedout", "{error}");
    assert!(
        error["errorMessage"]
            .as_str()
            .unwrap()
            .ends_with("Task timed out after 1.00 seconds")
    );
    let log = tail(&out);
    assert!(
        log.starts_with("INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout\nSTART RequestId: "),
        "{log}"
    );
}
