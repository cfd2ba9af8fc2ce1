//! http/https delivery: a POST with SNS's headers, tried again after the delays of the
//! subscription's retry policy, every wait a deadline of the server's clock. https
//! endpoints are reached over TLS ([`super::tls`]), their certificates verified.

use super::envelope;
use super::messages::Message;
use super::outbox::{Confirming, Shared, Target};
use super::policies::RetryPolicy;
use super::tls::Tls;
use bytes::Bytes;
use http::{Request, Uri, header};
use http_body_util::Full;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

/// How long one attempt may take before it counts as failed (AWS: 15 seconds).
const ATTEMPT_LIMIT: Duration = Duration::from_secs(15);

/// One POST to make, as often as the policy allows.
#[derive(Debug, Clone)]
pub(super) struct Post {
    url: String,
    headers: Vec<(&'static str, String)>,
    body: String,
}

impl Post {
    /// A notification to `target`: the JSON envelope, or the raw message.
    pub fn notification(target: &Target, message: &Message) -> Post {
        let body = match target.raw {
            true => message.text_for(target.protocol).to_owned(),
            false => Value::Object(envelope::notification(message, target)).to_string(),
        };
        let mut headers = sns_headers("Notification", &message.id, target);
        headers.push(("x-amz-sns-subscription-arn", target.arn.clone()));
        if target.raw {
            headers.push(("x-amz-sns-rawdelivery", "true".into()));
        }
        Post {
            url: target.endpoint.clone(),
            headers,
            body,
        }
    }

    /// A `kind` confirmation (`document` is its envelope).
    pub fn confirmation(
        kind: Confirming,
        target: &Target,
        message_id: &str,
        document: String,
    ) -> Post {
        let mut headers = sns_headers(kind.message_type(), message_id, target);
        if kind == Confirming::Unsubscription {
            headers.push(("x-amz-sns-subscription-arn", target.arn.clone()));
        }
        Post {
            url: target.endpoint.clone(),
            headers,
            body: document,
        }
    }
}

fn sns_headers(kind: &str, message_id: &str, target: &Target) -> Vec<(&'static str, String)> {
    vec![
        ("x-amz-sns-message-type", kind.to_owned()),
        ("x-amz-sns-message-id", message_id.to_owned()),
        ("x-amz-sns-topic-arn", target.topic_arn.clone()),
        (
            header::CONTENT_TYPE.as_str(),
            "text/plain; charset=UTF-8".to_owned(),
        ),
        (
            header::USER_AGENT.as_str(),
            "Amazon Simple Notification Service Agent".to_owned(),
        ),
    ]
}

/// Delivers `post`: the first attempt at once, then one after each of the policy's delays,
/// until the endpoint answers 2xx or 3xx, the attempts run out or SNS is reset. Each retry's
/// deadline is set as its attempt starts, so moving a manual clock after an attempt is seen
/// always reaches it.
pub(super) async fn deliver(shared: Arc<Shared>, epoch: u64, retry: RetryPolicy, post: Post) {
    let mut delays = retry.delays().into_iter();
    for attempt in 1.. {
        let next = delays
            .next()
            .map(|d| shared.clock.deadline(d.as_secs_f64()));
        let limit = shared.clock.unscaled_deadline(ATTEMPT_LIMIT);
        let outcome = tokio::select! {
            outcome = send(&post, &shared.tls) => outcome,
            () = shared.clock.sleep_until(Some(limit)) => Err("no answer within 15 seconds".into()),
        };
        match outcome {
            Ok(status) if status < 400 => return,
            Ok(status) => warn(&post, attempt, &format!("status {status}")),
            Err(error) => warn(&post, attempt, &error),
        }
        let Some(next) = next else { return };
        shared.clock.sleep_until(Some(next)).await;
        if !shared.current(epoch) {
            return;
        }
    }
}

fn warn(post: &Post, attempt: usize, why: &str) {
    tracing::warn!(target: "sns", endpoint = %post.url, attempt, "http delivery failed: {why}");
}

/// One POST over plain TCP or TLS; the answer's status.
async fn send(post: &Post, tls: &Tls) -> Result<u16, String> {
    let uri: Uri = post.url.parse().map_err(|e| format!("not a URL: {e}"))?;
    let secure = match uri.scheme_str() {
        Some("http") => false,
        Some("https") => true,
        _ => return Err("not an http or https URL".into()),
    };
    let host = uri
        .host()
        .ok_or("no host")?
        .trim_matches(['[', ']'])
        .to_owned();
    let port = uri.port_u16().unwrap_or(if secure { 443 } else { 80 });
    let stream = tokio::net::TcpStream::connect((host.as_str(), port))
        .await
        .map_err(|e| e.to_string())?;
    match secure {
        true => exchange(tls.connect(&host, stream).await?, post, &uri).await,
        false => exchange(stream, post, &uri).await,
    }
}

/// The POST's request and answer over an open connection.
async fn exchange<T>(io: T, post: &Post, uri: &Uri) -> Result<u16, String>
where
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(io))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(connection);
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let mut request =
        Request::post(path).header(header::HOST, uri.authority().map_or("", |a| a.as_str()));
    for (name, value) in &post.headers {
        request = request.header(*name, value);
    }
    let request = request
        .body(Full::new(Bytes::from(post.body.clone())))
        .map_err(|e| e.to_string())?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| e.to_string())?;
    Ok(response.status().as_u16())
}
