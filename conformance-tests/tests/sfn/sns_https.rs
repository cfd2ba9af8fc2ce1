//! An https subscriber through aws-sdk-sns: Stepstone started with `--sns-extra-ca` (the
//! test CA under `src/services/sns/tests/tls/`) delivers over TLS to a local listener whose
//! certificate that CA signed; the subscriber confirms with the SDK.

use conformance_tests::InProcess;
use rustls::ServerConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;
use stepstone::config::Config;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../src/services/sns/tests/tls/{name}"))
}

fn acceptor() -> tokio_rustls::TlsAcceptor {
    let chain = CertificateDer::pem_file_iter(fixture("localhost.pem"))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(fixture("localhost.key")).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap();
    tokio_rustls::TlsAcceptor::from(Arc::new(config))
}

/// An https listener on loopback that answers 200 and hands each request body to the test.
async fn listener() -> (String, mpsc::UnboundedReceiver<Value>) {
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = socket.local_addr().unwrap().port();
    let acceptor = acceptor();
    let (tell, told) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = socket.accept().await {
            let Ok(mut tls) = acceptor.accept(stream).await else {
                continue;
            };
            let body = read_body(&mut tls).await;
            let answer = "HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
            let _ = tls.write_all(answer.as_bytes()).await;
            let _ = tls.shutdown().await;
            if tell.send(body).is_err() {
                return;
            }
        }
    });
    (format!("https://localhost:{port}/sns"), told)
}

/// One request's body (by its content-length), as JSON.
async fn read_body<S: tokio::io::AsyncRead + Unpin>(stream: &mut S) -> Value {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).await.unwrap();
        bytes.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&bytes).to_string();
        let Some(end) = text.find("\r\n\r\n") else {
            continue;
        };
        let length = text
            .lines()
            .find_map(|l| {
                let l = l.to_ascii_lowercase();
                l.strip_prefix("content-length: ")?
                    .trim()
                    .parse::<usize>()
                    .ok()
            })
            .unwrap_or(0);
        if bytes.len() >= end + 4 + length || n == 0 {
            return serde_json::from_str(&text[end + 4..]).unwrap();
        }
    }
}

#[tokio::test]
async fn an_https_subscriber_confirms_and_receives_over_tls() {
    let config = Config {
        sns_extra_ca: Some(fixture("ca.pem")),
        ..Config::default()
    };
    let sns = InProcess::with_config(config).sns();
    let topic = sns
        .create_topic()
        .name("secure")
        .send()
        .await
        .unwrap()
        .topic_arn()
        .unwrap()
        .to_owned();
    let (endpoint, mut bodies) = listener().await;
    sns.subscribe()
        .topic_arn(&topic)
        .protocol("https")
        .endpoint(&endpoint)
        .send()
        .await
        .unwrap();
    let confirmation = bodies.recv().await.unwrap();
    assert_eq!(confirmation["Type"], "SubscriptionConfirmation");
    let confirmed = sns
        .confirm_subscription()
        .topic_arn(&topic)
        .token(confirmation["Token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert!(confirmed.subscription_arn().unwrap().starts_with(&topic));

    sns.publish()
        .topic_arn(&topic)
        .message("sealed")
        .send()
        .await
        .unwrap();
    let notification = bodies.recv().await.unwrap();
    assert_eq!(notification["Type"], "Notification");
    assert_eq!(notification["Message"], "sealed");
}
