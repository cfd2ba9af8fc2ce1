//! Spawning the `stepstone` binary on a port the system picks, reading its log as it is
//! written, and talking plain HTTP to it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long a test waits for an expected log line before failing (a guard against hanging,
/// never a pause: lines are taken as soon as they are written).
const LOG_GUARD: Duration = Duration::from_secs(60);

/// A running binary, killed when dropped so a failed assertion leaves no server behind.
pub struct Server {
    child: Child,
    /// The address from the ready file.
    pub address: String,
    /// The log, line by line.
    pub log: mpsc::Receiver<String>,
    dir: PathBuf,
}

impl Server {
    /// Starts `stepstone --port 0 --ready-file <scratch>/ready <args>` with `env` and waits for
    /// its "listening" line; `name` keeps scratch folders of parallel tests apart.
    pub fn start(name: &str, args: &[&str], env: &[(&str, &str)]) -> (Server, String) {
        let dir = std::env::temp_dir().join(format!("stepstone-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create a scratch folder");
        let ready = dir.join("ready");
        std::fs::write(&ready, "stale").expect("leave a stale ready file");
        let mut command = Command::new(env!("CARGO_BIN_EXE_stepstone"));
        command
            .args(["--port", "0", "--ready-file"])
            .arg(&ready)
            .args(args)
            .env_remove("SFN_MOCK_CONFIG")
            .env_remove("STEPSTONE_LOG")
            .env_remove("NO_COLOR")
            .envs(env.iter().copied())
            .current_dir(&dir)
            .stderr(Stdio::piped())
            .stdout(Stdio::null());
        let mut child = command.spawn().expect("spawn stepstone");
        let log = lines(child.stderr.take().expect("stderr"));
        let mut server = Server {
            child,
            address: String::new(),
            log,
            dir,
        };
        let listening = server.line_containing("listening on");
        server.address = std::fs::read_to_string(&ready).expect("the ready file is written");
        (server, listening)
    }

    /// The next log line that contains `needle` (earlier lines are skipped).
    pub fn line_containing(&mut self, needle: &str) -> String {
        loop {
            match self.log.recv_timeout(LOG_GUARD) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(error) => panic!("no log line with {needle:?}: {error}"),
            }
        }
    }

    /// Sends an awsJson Step Functions request and returns the status line and body.
    pub fn sfn(&self, operation: &str, body: &str) -> (String, String) {
        let headers = format!(
            "X-Amz-Target: AWSStepFunctions.{operation}\r\nContent-Type: application/x-amz-json-1.0\r\n"
        );
        self.request("POST", "/", &headers, body)
    }

    /// Sends one HTTP/1.1 request and returns the status line and body.
    pub fn request(&self, method: &str, path: &str, headers: &str, body: &str) -> (String, String) {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.address,
            body.len()
        )
        .expect("send the request");
        let mut response = String::new();
        stream
            .read_to_string(&mut response)
            .expect("read the response");
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let status = head.lines().next().unwrap_or_default().to_owned();
        (status, body.to_owned())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The lines of `stream`, read on a thread as they are written.
fn lines(stream: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { return };
            if sender.send(line).is_err() {
                return;
            }
        }
    });
    receiver
}
