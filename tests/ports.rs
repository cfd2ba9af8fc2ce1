//! A harness spawning `stepstone --port 0` learns the port it bound from the ready file and
//! from the log, and both name the same one.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

/// The running binary, killed when dropped so a failed assertion leaves no server behind.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The first log line on `stderr` that contains `needle`; the server is blocked on nothing, so
/// reading stops at that line without waiting on a clock.
fn line_containing(stderr: &mut impl BufRead, needle: &str) -> String {
    let mut line = String::new();
    loop {
        line.clear();
        let read = stderr.read_line(&mut line).expect("read the log");
        assert!(read > 0, "the log ended before a line with {needle:?}");
        if line.contains(needle) {
            return line;
        }
    }
}

fn get_health(address: &str) -> String {
    let mut stream = TcpStream::connect(address).expect("connect to the ready file's address");
    write!(
        stream,
        "GET /health HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("send the request");
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .expect("read the response");
    response
}

#[test]
fn port_zero_is_named_by_the_ready_file_and_the_log() {
    let dir = std::env::temp_dir().join(format!("stepstone-ports-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create a scratch folder");
    let ready = dir.join("ready");
    std::fs::write(&ready, "stale").expect("leave a stale ready file");
    let mut server = Server(
        Command::new(env!("CARGO_BIN_EXE_stepstone"))
            .args(["--port", "0", "--ready-file"])
            .arg(&ready)
            .env("STEPSTONE_LOG", "info")
            .env_remove("SFN_MOCK_CONFIG")
            .current_dir(&dir)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("spawn stepstone"),
    );
    let mut stderr = BufReader::new(server.0.stderr.take().expect("stderr"));
    let listening = line_containing(&mut stderr, "listening on");
    let address = std::fs::read_to_string(&ready).expect("the ready file is written");
    let port = address.rsplit_once(':').expect("host:port").1;
    assert_ne!(port, "0", "{address}");
    assert!(address.starts_with("127.0.0.1:"), "{address}");
    assert!(
        listening.contains(&format!("http://{address} ")),
        "the log names the bound port: {listening}"
    );
    let response = get_health(&address);
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains(r#""status":"ok""#), "{response}");
    drop(server);
    std::fs::remove_dir_all(&dir).expect("remove the scratch folder");
}
