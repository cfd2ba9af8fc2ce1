//! `GET /_stepstone/executions/events?executionArn=...`: a server-sent-events stream of a
//! standard execution's history events as they are recorded (each `data:` is one event as
//! GetExecutionHistory shows it, `id:` its id), then one `event: end` whose data is
//! DescribeExecution's answer; the stream closes after it. A client reconnecting with
//! `Last-Event-ID` gets the events after that one. Browsers' `EventSource` reconnects when a
//! stream closes, so close it on `end`.

use super::AdminError;
use crate::protocol::query::Query;
use crate::server::App;
use crate::sfn::watch::FeedItem;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use http::{HeaderMap, Uri};
use std::convert::Infallible;
use std::sync::Arc;

/// The route's handler.
pub async fn handle(State(app): State<Arc<App>>, uri: Uri, headers: HeaderMap) -> Response {
    let query = Query::parse(uri.query());
    let after = match last_event_id(&headers) {
        Ok(after) => after,
        Err(error) => return error.into_response(),
    };
    let feed = match app.sfn.history_feed(query.get("executionArn"), after) {
        Ok(feed) => feed,
        Err(error) => return AdminError::Sfn(error).into_response(),
    };
    let events = stream::unfold(feed, |mut feed| async move {
        let item = feed.next().await?;
        Some((Ok::<_, Infallible>(sse_event(item)), feed))
    });
    Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// The id of the last event a reconnecting client saw (0: none).
fn last_event_id(headers: &HeaderMap) -> Result<u64, AdminError> {
    let Some(value) = headers.get("last-event-id") else {
        return Ok(0);
    };
    let text = String::from_utf8_lossy(value.as_bytes());
    text.trim()
        .parse()
        .map_err(|_| AdminError::InvalidLastEventId(text.into_owned()))
}

fn sse_event(item: FeedItem) -> Event {
    match item {
        FeedItem::Event { id, event } => {
            Event::default().id(id.to_string()).data(event.to_string())
        }
        FeedItem::End(description) => Event::default().event("end").data(description.to_string()),
    }
}
