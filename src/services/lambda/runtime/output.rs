//! A function process's output as the server holds it: the process's pipes are drained as fast
//! as it writes (so it never blocks on a full pipe), each line goes to the server log cut to
//! [`LINE_LIMIT`], and only the last [`KEPT`] bytes wait for the invocation's log.

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};

/// The most of one line that is logged and kept; the rest of a longer line is counted and
/// dropped as it is read.
pub const LINE_LIMIT: usize = 16 * 1024;

/// How much of the output since the last take is kept: an invocation returns only the last
/// 4 KB of its log (`LogType: Tail`), so this leaves room for a whole long line before it.
pub const KEPT: usize = 32 * 1024;

/// The end of a process's output, in whole lines, at most [`KEPT`] bytes once taken (and twice
/// that in between, so that dropping old lines costs nothing per line).
#[derive(Debug, Default)]
pub struct Output {
    text: String,
}

impl Output {
    /// Appends one line (without its newline).
    pub fn push_line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
        if self.text.len() > 2 * KEPT {
            self.keep_last(KEPT);
        }
    }

    /// The output since the last take: its last [`KEPT`] bytes, from a line's start.
    pub fn take(&mut self) -> String {
        self.keep_last(KEPT);
        std::mem::take(&mut self.text)
    }

    /// Drops old lines until at most `bytes` are left.
    fn keep_last(&mut self, bytes: usize) {
        let Some(excess) = self.text.len().checked_sub(bytes) else {
            return;
        };
        // Lines are at most LINE_LIMIT long, so a newline is never far after the cut.
        let start = match self.text.as_bytes()[excess..]
            .iter()
            .position(|&b| b == b'\n')
        {
            Some(newline) => excess + newline + 1,
            None => self.text.len(),
        };
        self.text.drain(..start);
    }
}

/// Splits a byte stream into lines, holding at most [`LINE_LIMIT`] bytes of the current one.
#[derive(Debug, Default)]
struct Lines {
    line: Vec<u8>,
    cut: usize,
}

impl Lines {
    /// Reads `chunk` up to and including its first newline; returns how many bytes it used and
    /// the line, if one ended.
    fn feed(&mut self, chunk: &[u8]) -> (usize, Option<String>) {
        let newline = chunk.iter().position(|&b| b == b'\n');
        let body = &chunk[..newline.unwrap_or(chunk.len())];
        let room = LINE_LIMIT.saturating_sub(self.line.len());
        self.line.extend_from_slice(&body[..body.len().min(room)]);
        self.cut += body.len().saturating_sub(room);
        match newline {
            Some(at) => (at + 1, Some(self.finish())),
            None => (chunk.len(), None),
        }
    }

    /// Whether a line without its newline yet has begun.
    fn started(&self) -> bool {
        !self.line.is_empty() || self.cut > 0
    }

    /// Ends the current line: its text, saying how much of it was cut.
    fn finish(&mut self) -> String {
        let mut text = String::from_utf8_lossy(&self.line).into_owned();
        if self.cut > 0 {
            text.push_str(&format!(" [{} more bytes of this line cut]", self.cut));
        }
        self.line.clear();
        self.cut = 0;
        text
    }
}

/// Reads one of a process's pipes to its end, logging each line for `function` and keeping the
/// end of them in `output`.
pub async fn collect(stream: impl AsyncRead + Unpin, output: Arc<Mutex<Output>>, function: String) {
    let mut reader = BufReader::new(stream);
    let mut lines = Lines::default();
    let record = |line: String| {
        tracing::info!(target: "lambda", function = %function, "{}", line.trim_end());
        let mut output = output.lock().unwrap_or_else(|e| e.into_inner());
        output.push_line(&line);
    };
    loop {
        let (used, line) = match reader.fill_buf().await {
            Ok([]) | Err(_) => break,
            Ok(chunk) => lines.feed(chunk),
        };
        reader.consume(used);
        if let Some(line) = line {
            record(line);
        }
    }
    if lines.started() {
        record(lines.finish());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_keeps_only_the_last_lines() {
        let mut output = Output::default();
        for n in 0..100_000 {
            output.push_line(&format!("line {n}"));
            assert!(output.text.len() <= 2 * KEPT);
        }
        let kept = output.take();
        assert!(
            kept.len() <= KEPT && kept.len() > KEPT - 20,
            "{}",
            kept.len()
        );
        assert!(kept.starts_with("line ") && kept.ends_with("line 99999\n"));
        assert_eq!(output.take(), "", "taking empties it");
    }

    #[test]
    fn lines_longer_than_the_limit_are_cut_as_they_are_read() {
        let mut lines = Lines::default();
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..64 {
            assert_eq!(lines.feed(&chunk), (chunk.len(), None));
            assert!(
                lines.line.len() <= LINE_LIMIT,
                "never more than a line's limit"
            );
        }
        let (used, line) = lines.feed(b"y\nnext");
        assert_eq!(used, 2);
        let line = line.unwrap();
        let cut = 64 * (1 << 20) + 1 - LINE_LIMIT;
        assert_eq!(
            line,
            format!(
                "{} [{cut} more bytes of this line cut]",
                "x".repeat(LINE_LIMIT)
            )
        );
        assert_eq!(lines.feed(b"next"), (4, None));
        assert_eq!(lines.finish(), "next");
    }

    #[tokio::test]
    async fn collect_drains_a_stream_and_keeps_its_end() {
        let output = Arc::new(Mutex::new(Output::default()));
        let mut stream = "é".repeat(LINE_LIMIT).into_bytes();
        stream.extend_from_slice(b"\r\nshort\nlast, unterminated");
        collect(&stream[..], output.clone(), "f".to_owned()).await;
        let kept = output.lock().unwrap().take();
        let mut lines = kept.lines();
        let long = lines.next().unwrap();
        assert!(long.starts_with("éé") && long.ends_with(" more bytes of this line cut]"));
        assert_eq!(lines.collect::<Vec<_>>(), ["short", "last, unterminated"]);
    }
}
