//! Function processes as the server keeps them: their output held bounded, their child processes
//! ended with them, and their start-up kept apart from the invocation's Timeout.

#![allow(
    clippy::disallowed_methods,
    reason = "real processes run in real time: the tests wait for them while moving the server's clock"
)]

use super::{available, python_function};
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::LogType;
use base64::Engine;
use conformance_tests::{InProcess, zip_package};
use serde_json::Value;
use std::time::Duration;
use stepstone::config::Config;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// Where a handler's process and the test meet, on loopback: the process connects and sends a
/// line (its news, such as a child's pid), then blocks reading until the test lets it go by
/// closing the connection. The test learns the moment the process gets there without polling.
struct Rendezvous {
    listener: TcpListener,
}

/// What an invocation answers.
type Invoked = Result<
    aws_sdk_lambda::operation::invoke::InvokeOutput,
    aws_sdk_lambda::error::SdkError<aws_sdk_lambda::operation::invoke::InvokeError>,
>;

/// An invocation under way, on its own task.
type Call = JoinHandle<Invoked>;

impl Rendezvous {
    async fn new() -> Rendezvous {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("loopback");
        Rendezvous { listener }
    }

    fn port(&self) -> u16 {
        self.listener.local_addr().expect("bound").port()
    }

    /// The process's line and its connection (dropping it lets the process go on), or what
    /// `call` answered when it ended before the process arrived.
    async fn arrival(&self, call: &mut Call) -> Result<(String, TcpStream), Invoked> {
        tokio::select! {
            accepted = self.listener.accept() => {
                let (mut stream, _) = accepted.expect("the handler connects");
                let mut line = String::new();
                let mut reader = BufReader::new(&mut stream);
                reader.read_line(&mut line).await.expect("the handler's line");
                Ok((line.trim().to_owned(), stream))
            }
            ended = &mut *call => Err(ended.expect("invocation task")),
        }
    }
}

/// Python that meets the test at the rendezvous on `port`, sending `news` (a Python
/// expression), and goes on once the test closes the connection.
fn meet(port: &str, news: &str) -> String {
    format!(
        "import socket
meeting = socket.create_connection(('127.0.0.1', {port}))
meeting.sendall((str({news}) + '\\n').encode())
meeting.recv(1)
meeting.close()
"
    )
}

/// Where a function's child process reports in, on loopback: it connects, sends its pid and
/// keeps the connection open for as long as it lives. The kernel closes the connection when
/// the process ends, so the test learns of its end at once, without polling `/proc`.
struct Vigil {
    listener: TcpListener,
}

/// A child process that reported in, and its open connection.
struct Watched {
    pid: u64,
    connection: BufReader<TcpStream>,
}

impl Vigil {
    async fn new() -> Vigil {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("loopback");
        Vigil { listener }
    }

    fn port(&self) -> u16 {
        self.listener.local_addr().expect("bound").port()
    }

    /// The next child to report in (within ten seconds, or the test fails).
    async fn child(&self) -> Watched {
        let accepted = tokio::time::timeout(Duration::from_secs(10), self.listener.accept());
        let accepted = accepted.await.expect("the child reports in within 10 s");
        let (stream, _) = accepted.expect("the child connects");
        let mut connection = BufReader::new(stream);
        let mut line = String::new();
        connection
            .read_line(&mut line)
            .await
            .expect("the child's pid");
        let pid = line.trim().parse().expect("a pid");
        Watched { pid, connection }
    }
}

impl Watched {
    /// Whether the process ends within five seconds (a SIGKILL takes effect at once, but the
    /// kernel tears the process down on its own time): its connection then closes.
    async fn ends(mut self) -> bool {
        let mut rest = Vec::new();
        let closed = self.connection.read_to_end(&mut rest);
        tokio::time::timeout(Duration::from_secs(5), closed)
            .await
            .is_ok()
    }
}

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

/// Invokes `function` with `event` and a log tail; once the handler arrives at `meeting`
/// (when given), moves the manual clock a second at a time until the call returns. Answers
/// the output and the handler's line, keeping it waiting at the meeting meanwhile.
async fn invoke_advancing(
    stepstone: &InProcess,
    function: &str,
    event: String,
    meeting: Option<&Rendezvous>,
) -> (
    aws_sdk_lambda::operation::invoke::InvokeOutput,
    Option<String>,
) {
    let call = stepstone
        .lambda()
        .invoke()
        .function_name(function)
        .payload(Blob::new(event))
        .log_type(LogType::Tail)
        .send();
    let mut call = tokio::spawn(call);
    let arrived = match meeting {
        Some(meeting) => match meeting.arrival(&mut call).await {
            Ok(arrived) => Some(arrived),
            Err(ended) => return (ended.expect("invoke"), None),
        },
        None => None,
    };
    let out = loop {
        stepstone.advance_clock(1).await;
        // The timed-out process is ended on the server's tasks and in the kernel, in real
        // time: wait for the call itself, a little at a time, between moves of the clock.
        let waited = tokio::time::timeout(Duration::from_millis(5), &mut call).await;
        if let Ok(ended) = waited {
            break ended.expect("invocation task").expect("invoke");
        }
    };
    (out, arrived.map(|(line, _)| line))
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

/// A handler that starts a child process, which reports to the [`Vigil`] on the event's
/// `watch` port and then sleeps 47 s, and returns the child's pid once it has reported. When the event names a
/// `meet` port, it first tells the test there the child's pid and waits until the test lets
/// it go (or, if the test never does, past any Timeout).
fn spawns_a_child() -> String {
    let meeting = meet("event['meet']", "child.pid").replace('\n', "\n        ");
    let child = "import os, socket, time\nwatch = socket.create_connection(('127.0.0.1', %d))\nwatch.sendall(str(os.getpid()).encode() + b'\\n')\nprint('reported', flush=True)\ntime.sleep(47)\n";
    format!(
        "import subprocess, sys\n\nCHILD = {child:?}\n\n\ndef handler(event, context):\n    child = subprocess.Popen([sys.executable, '-c', CHILD % event['watch']], stdout=subprocess.PIPE)\n    child.stdout.readline()\n    if 'meet' in event:\n        {}\n    return child.pid\n",
        meeting.trim_end()
    )
}

/// Whether process `pid` is running (a zombie waiting for its reaper is not).
fn running(pid: u64) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit(')')
            .next()
            .is_some_and(|s| !s.trim_start().starts_with('Z'))
    })
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
        zip_package(&[("handler.py", &spawns_a_child())]),
    )
    .timeout(1)
    .send()
    .await
    .unwrap();
    let (meeting, vigil) = (Rendezvous::new().await, Vigil::new().await);
    let event = serde_json::json!({ "meet": meeting.port(), "watch": vigil.port() });
    // The clock moves once the child is running, so the Timeout ends a handler that has one.
    let (out, pid) =
        invoke_advancing(&stepstone, "parent", event.to_string(), Some(&meeting)).await;
    assert_eq!(payload(&out)["errorType"], "Sandbox.Timedout");
    let child = vigil.child().await;
    assert_eq!(pid.expect("the child's pid"), child.pid.to_string());
    let pid = child.pid;
    assert!(
        child.ends().await,
        "({pid}) outlived its function's Timeout"
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
        zip_package(&[("handler.py", &spawns_a_child())]),
    )
    .send()
    .await
    .unwrap();
    let vigil = Vigil::new().await;
    let event = serde_json::json!({ "watch": vigil.port() }).to_string();
    let spawn = || async {
        let invoke = lambda.invoke().function_name("parent");
        let out = invoke
            .payload(Blob::new(event.clone()))
            .send()
            .await
            .unwrap();
        let child = vigil.child().await;
        assert_eq!(payload(&out).as_u64(), Some(child.pid));
        child
    };
    let first = spawn().await;
    assert!(running(first.pid), "the warm process keeps its child");
    lambda
        .update_function_configuration()
        .function_name("parent")
        .timeout(5)
        .send()
        .await
        .unwrap();
    let pid = first.pid;
    assert!(first.ends().await, "({pid}) outlived its function's update");
    let second = spawn().await;
    assert!(running(second.pid));
    lambda
        .delete_function()
        .function_name("parent")
        .send()
        .await
        .unwrap();
    let pid = second.pid;
    assert!(second.ends().await, "({pid}) outlived its function");
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
        zip_package(&[("handler.py", &spawns_a_child())]),
    )
    .send()
    .await
    .unwrap();
    let (meeting, vigil) = (Rendezvous::new().await, Vigil::new().await);
    let event = serde_json::json!({ "meet": meeting.port(), "watch": vigil.port() }).to_string();
    let call = lambda
        .invoke()
        .function_name("busy")
        .payload(Blob::new(event))
        .send();
    let mut call = tokio::spawn(call);
    let arrived = meeting
        .arrival(&mut call)
        .await
        .expect("the handler arrives");
    lambda
        .delete_function()
        .function_name("busy")
        .send()
        .await
        .unwrap();
    drop(arrived); // lets the handler return
    let out = call
        .await
        .unwrap()
        .expect("the invocation under way completes");
    let child = vigil.child().await;
    assert_eq!(payload(&out).as_u64(), Some(child.pid));
    let pid = child.pid;
    assert!(child.ends().await, "({pid}) outlived its deleted function");
}

#[tokio::test]
async fn start_up_does_not_count_against_the_timeout() {
    if !available("python3") {
        return;
    }
    let stepstone = manual();
    let meeting = Rendezvous::new().await;
    // The module's import meets the test, then waits until the test lets it finish: the
    // manual clock moves five seconds, past the one-second Timeout, while it starts up.
    let code = format!(
        "{}\n\ndef handler(event, context):\n    return context.get_remaining_time_in_millis()\n",
        meet(&meeting.port().to_string(), "'importing'")
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
    let mut call = tokio::spawn(call);
    let arrived = meeting
        .arrival(&mut call)
        .await
        .expect("the import arrives");
    stepstone.advance_clock(5).await;
    drop(arrived); // lets the import finish
    let out = call.await.expect("invocation task").expect("invoke");
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
    let (out, _) = invoke_advancing(&stepstone, "stuck", "{}".to_owned(), None).await;
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
