//! A harness spawning `stepstone --port 0` learns the port it bound from the ready file and
//! from the log, and both name the same one.

use super::common;

#[test]
fn port_zero_is_named_by_the_ready_file_and_the_log() {
    let (server, listening) = common::Server::start("ports", &[], &[]);
    let address = &server.address;
    let port = address.rsplit_once(':').expect("host:port").1;
    assert_ne!(port, "0", "{address}");
    assert!(address.starts_with("127.0.0.1:"), "{address}");
    assert!(
        listening.contains(&format!("http://{address} ")),
        "the log names the bound port: {listening}"
    );
    let (status, body) = server.request("GET", "/health", "", "");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.contains(r#""status":"ok""#), "{body}");
}
