//! Slow and idle clients cannot hold the server: a request's headers have a deadline (which
//! also ends idle keep-alive connections), and connections are capped, so a client that
//! arrives while the cap is reached is served once a slow one is cut off.

#![allow(
    clippy::disallowed_methods,
    reason = "real sockets, bounded in real time so that a hung server fails the test"
)]

use std::sync::Arc;
use std::time::Duration;
use stepstone::config::Config;
use stepstone::connections::Limits;
use stepstone::server::{App, serve_with};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A server with a short header deadline and room for `max_connections`; its address.
async fn start(max_connections: usize) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = Arc::new(App::new(&Config::default()));
    let limits = Limits {
        header_timeout: Duration::from_millis(300),
        max_connections,
    };
    tokio::spawn(serve_with(listener, app, limits, std::future::pending()));
    address
}

/// Reads until the server closes the connection (bounded, so a broken server fails the test
/// instead of hanging it).
async fn read_to_close(stream: &mut TcpStream) -> String {
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut answer))
        .await
        .expect("the server closes the connection")
        .ok();
    String::from_utf8_lossy(&answer).into_owned()
}

async fn health(address: std::net::SocketAddr) -> String {
    let mut stream = TcpStream::connect(address).await.unwrap();
    let request = "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    stream.write_all(request.as_bytes()).await.unwrap();
    read_to_close(&mut stream).await
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_cut_off() {
    let address = start(16).await;
    let mut slow = TcpStream::connect(address).await.unwrap();
    slow.write_all(b"GET /health HTTP/1.1\r\nHost: local")
        .await
        .unwrap();
    let answer = read_to_close(&mut slow).await;
    assert!(!answer.contains("200 OK"), "{answer}");
    assert!(health(address).await.starts_with("HTTP/1.1 200"));
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed() {
    let address = start(16).await;
    let mut client = TcpStream::connect(address).await.unwrap();
    let request = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";
    client.write_all(request.as_bytes()).await.unwrap();
    let answer = read_to_close(&mut client).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn clients_beyond_the_cap_are_served_once_idle_ones_are_cut_off() {
    let address = start(3).await;
    let mut idle = Vec::new();
    for _ in 0..3 {
        idle.push(TcpStream::connect(address).await.unwrap());
    }
    assert!(health(address).await.starts_with("HTTP/1.1 200"));
}

#[tokio::test]
async fn a_malformed_chunked_body_is_a_bad_request_not_a_too_large_one() {
    let address = start(16).await;
    let mut client = TcpStream::connect(address).await.unwrap();
    let request = "POST / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
        X-Amz-Target: AWSStepFunctions.ListStateMachines\r\n\
        Content-Type: application/x-amz-json-1.0\r\nTransfer-Encoding: chunked\r\n\r\n\
        zz\r\n{}\r\n0\r\n\r\n";
    client.write_all(request.as_bytes()).await.unwrap();
    let answer = read_to_close(&mut client).await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("SerializationException"), "{answer}");
}
