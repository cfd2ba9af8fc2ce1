//! The `stepstone` binary's startup checks.

#![allow(
    clippy::disallowed_methods,
    reason = "a real server process, waited for in real time"
)]

use std::process::Command;

#[test]
fn an_invalid_mock_config_stops_the_server_before_it_listens() {
    let path = std::env::temp_dir().join(format!(
        "stepstone-cli-mock-config-{}.json",
        std::process::id()
    ));
    std::fs::write(
        &path,
        r#"{"StateMachines":{},"MockedResponses":{"M":{"0":{"Retrun":{}}}}}"#,
    )
    .expect("write the mock configuration");
    let output = Command::new(env!("CARGO_BIN_EXE_stepstone"))
        .env("SFN_MOCK_CONFIG", &path)
        .env("STEPSTONE_LOG", "info")
        // An address no server can bind: reaching the listen step would print "cannot listen".
        .args(["--host", "256.0.0.1"])
        .output()
        .expect("run stepstone");
    std::fs::remove_file(&path).expect("remove the mock configuration");
    assert!(!output.status.success());
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let expected = format!(
        "invalid mock configuration file '{}' at /MockedResponses/M/0/Retrun: unknown member; expected one of \"Return\", \"Throw\"",
        path.display()
    );
    assert!(printed.contains(&expected), "{printed}");
    assert!(!printed.contains("cannot listen"), "{printed}");
}

#[test]
fn a_lambda_endpoint_that_is_not_http_stops_the_server() {
    let output = Command::new(env!("CARGO_BIN_EXE_stepstone"))
        .env("LAMBDA_ENDPOINT", "https://lambda.example")
        .env("STEPSTONE_LOG", "info")
        .args(["--host", "256.0.0.1"])
        .output()
        .expect("run stepstone");
    assert!(!output.status.success());
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        printed
            .contains("LAMBDA_ENDPOINT: 'https://lambda.example' is not an http://host[:port] URL"),
        "{printed}"
    );
    assert!(!printed.contains("cannot listen"), "{printed}");
}

#[test]
fn an_unreadable_sns_extra_ca_stops_the_server() {
    let output = Command::new(env!("CARGO_BIN_EXE_stepstone"))
        .env("STEPSTONE_LOG", "info")
        .args([
            "--host",
            "256.0.0.1",
            "--sns-extra-ca",
            "/nonexistent/ca.pem",
        ])
        .output()
        .expect("run stepstone");
    assert!(!output.status.success());
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        printed.contains("--sns-extra-ca '/nonexistent/ca.pem': "),
        "{printed}"
    );
    assert!(!printed.contains("cannot listen"), "{printed}");
}

/// A fresh, empty directory for one test's `TMPDIR`.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("stepstone-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a temporary directory");
    dir
}

/// The names in `dir`, sorted.
fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read the directory")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn temporary_directories_of_dead_servers_are_removed_at_start() {
    let tmp = temp_dir("stale");
    // No process has pid 999999999 (Linux's pid_max is at most 2^22); this test's own is alive.
    let dead = "999999999";
    let live = std::process::id();
    let hex = "0123456789abcdef0123456789abcdef";
    for name in [
        format!("stepstone-{dead}-{hex}"),
        format!("stepstone-runtimes-{dead}-{hex}"),
        format!("stepstone-{live}-{hex}"),
        format!("stepstone-runtimes-{live}-{hex}"),
        format!("stepstone-approvals-{dead}-x"),
    ] {
        std::fs::create_dir_all(tmp.join(&name).join("f-1")).expect("create a directory");
    }
    std::fs::write(tmp.join(format!("stepstone-{dead}-{hex}.json")), "{}").expect("write a file");
    let output = Command::new(env!("CARGO_BIN_EXE_stepstone"))
        .env("TMPDIR", &tmp)
        .args(["--host", "256.0.0.1"])
        .output()
        .expect("run stepstone");
    assert!(!output.status.success(), "it cannot listen there");
    assert_eq!(
        names(&tmp),
        [
            format!("stepstone-{live}-{hex}"),
            format!("stepstone-{dead}-{hex}.json"),
            format!("stepstone-approvals-{dead}-x"),
            format!("stepstone-runtimes-{live}-{hex}"),
        ]
    );
    std::fs::remove_dir_all(&tmp).expect("clean up");
}

/// Sends one HTTP request with a JSON body to `127.0.0.1:port` and returns the status and body.
#[cfg(unix)]
fn post(port: u16, path: &str, body: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("receive");
    let status = response[9..12].parse().expect("a status");
    let body = response.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, body.to_owned())
}

/// Whether process `pid` is running (a zombie waiting for its reaper is not).
#[cfg(unix)]
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit(')')
            .next()
            .is_some_and(|s| !s.trim_start().starts_with('Z'))
    })
}

#[cfg(unix)]
#[test]
fn function_processes_and_their_children_end_with_the_server() {
    use base64::Engine;
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    use std::io::Write;
    let python = Command::new("python3").arg("--version").output();
    if !python.is_ok_and(|o| o.status.success()) || !std::path::Path::new("/proc").exists() {
        eprintln!("no python3 or no /proc: skipping");
        return;
    }
    let tmp = temp_dir("shutdown");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_stepstone"))
        .env("TMPDIR", &tmp)
        .args(["--port", &port.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start stepstone");
    // The log says when the server listens: read it as it is written, rather than polling
    // the port. The rest of the log drains on its own thread, so the server never blocks.
    let log = std::io::BufReader::new(server.stderr.take().expect("the server's log"));
    let mut lines = std::io::BufRead::lines(log);
    let listening = lines
        .by_ref()
        .map_while(Result::ok)
        .any(|l| l.contains("listening on"));
    assert!(listening, "the server never listened");
    std::thread::spawn(move || lines.for_each(drop));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("handler.py", zip::write::SimpleFileOptions::default())
        .expect("zip entry");
    // The child reports its pid on `vigil` and keeps the connection open while it lives, so
    // the test learns of its end from the socket closing rather than by polling /proc.
    let vigil = std::net::TcpListener::bind("127.0.0.1:0").expect("loopback");
    let port_of_vigil = vigil.local_addr().expect("bound").port();
    let child = format!(
        "import os, socket, time\nwatch = socket.create_connection(('127.0.0.1', {port_of_vigil}))\nwatch.sendall(str(os.getpid()).encode() + b'\\n')\nprint('reported', flush=True)\ntime.sleep(47)\n"
    );
    let handler = format!(
        "import subprocess, sys\n\n\ndef handler(event, context):\n    child = subprocess.Popen([sys.executable, '-c', {child:?}], stdout=subprocess.PIPE)\n    child.stdout.readline()\n    return child.pid\n"
    );
    zip.write_all(handler.as_bytes()).expect("zip write");
    let zip = zip.finish().expect("zip").into_inner();
    let create = serde_json::json!({
        "FunctionName": "parent", "Runtime": "python3.12", "Handler": "handler.handler",
        "Role": "arn:aws:iam::123456789012:role/r",
        "Code": {"ZipFile": base64::engine::general_purpose::STANDARD.encode(zip)},
    });
    let (status, body) = post(port, "/2015-03-31/functions", &create.to_string());
    assert_eq!(status, 201, "{body}");
    let (status, body) = post(port, "/2015-03-31/functions/parent/invocations", "{}");
    assert_eq!(status, 200, "{body}");
    let child: u32 = body.parse().expect("the child's pid");
    let (mut watch, _) = vigil.accept().expect("the child reports in");
    assert!(running(child), "the warm process keeps its child");
    kill(Pid::from_raw(server.id() as i32), Signal::SIGTERM).expect("stop the server");
    assert!(server.wait().expect("wait for the server").success());
    // A SIGKILL takes effect at once, but the kernel tears the process down on its own time.
    let limit = Some(std::time::Duration::from_secs(5));
    watch.set_read_timeout(limit).expect("a read timeout");
    let mut reported = Vec::new();
    let gone = std::io::Read::read_to_end(&mut watch, &mut reported).is_ok();
    assert_eq!(String::from_utf8_lossy(&reported).trim(), child.to_string());
    assert!(gone, "the child ({child}) outlived the server");
    assert_eq!(
        names(&tmp),
        Vec::<String>::new(),
        "the server leaves nothing behind"
    );
    std::fs::remove_dir_all(&tmp).expect("clean up");
}
