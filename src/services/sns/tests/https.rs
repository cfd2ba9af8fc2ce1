//! https delivery through the router: a local TLS listener whose certificate a test CA
//! signed (`tls/`, valid until 2126) is refused until SNS trusts that CA, then receives the
//! confirmation and the notifications.

use super::{Fixture, read_request, tag};
use rustls::ServerConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;

/// What the listener saw of one connection: the request, or why the handshake failed.
type Seen = Result<String, String>;

fn server_config() -> Arc<ServerConfig> {
    let certificate = include_bytes!("tls/localhost.pem");
    let key = include_bytes!("tls/localhost.key");
    let chain = CertificateDer::pem_slice_iter(certificate)
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_slice(key).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap();
    Arc::new(config)
}

/// An https listener on loopback answering 200 to each request; what it sees goes to the
/// test.
async fn tls_listener() -> (String, mpsc::UnboundedReceiver<Seen>) {
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = socket.local_addr().unwrap().port();
    let acceptor = tokio_rustls::TlsAcceptor::from(server_config());
    let (tell, told) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = socket.accept().await {
            let seen = match acceptor.accept(stream).await {
                Ok(mut tls) => {
                    let request = read_request(&mut tls).await;
                    let answer =
                        "HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
                    let _ = tls.write_all(answer.as_bytes()).await;
                    let _ = tls.shutdown().await;
                    Ok(request)
                }
                Err(error) => Err(error.to_string()),
            };
            if tell.send(seen).is_err() {
                return;
            }
        }
    });
    (format!("https://localhost:{port}/hook"), told)
}

fn body(request: &str) -> Value {
    serde_json::from_str(&request[request.find("\r\n\r\n").unwrap() + 4..]).unwrap()
}

#[tokio::test]
async fn https_endpoints_are_reached_once_their_ca_is_trusted() {
    let sns = Fixture::new();
    let topic = sns.topic("secure", &[]).await;
    let (endpoint, mut seen) = tls_listener().await;
    sns.subscribe(&topic, "https", &endpoint, &[]).await;
    let refused = seen.recv().await.unwrap();
    assert!(refused.is_err(), "an unknown CA is refused: {refused:?}");

    let ca = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/services/sns/tests/tls/ca.pem");
    sns.app.sns.trust_roots_from(&ca).unwrap();
    // The confirmation is tried again after the default policy's 20 seconds.
    sns.app.clock.advance(Duration::from_secs(20)).unwrap();
    let confirmation = seen.recv().await.unwrap().unwrap();
    assert!(
        confirmation.contains("x-amz-sns-message-type: SubscriptionConfirmation"),
        "{confirmation}"
    );
    let url = body(&confirmation)["SubscribeURL"]
        .as_str()
        .unwrap()
        .trim_start_matches("http://localhost:8083")
        .to_owned();
    let (status, confirmed) = sns.admin(&url).await;
    assert_eq!(status, 200, "{confirmed}");
    assert!(tag(&confirmed, "SubscriptionArn").starts_with(&topic));

    sns.ok("Publish", &[("TopicArn", &topic), ("Message", "sealed")])
        .await;
    let notification = seen.recv().await.unwrap().unwrap();
    assert_eq!(body(&notification)["Message"], "sealed");
}

#[tokio::test]
async fn a_file_without_certificates_is_refused() {
    let sns = Fixture::new();
    let key =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/services/sns/tests/tls/localhost.key");
    let error = sns.app.sns.trust_roots_from(&key).unwrap_err();
    assert_eq!(error, "no PEM certificate in the file");
    let missing = sns
        .app
        .sns
        .trust_roots_from(std::path::Path::new("/nonexistent/ca.pem"))
        .unwrap_err();
    assert!(!missing.is_empty());
}
