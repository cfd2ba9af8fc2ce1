//! Which requests a web page could have sent, refused before any service sees them.
//!
//! Stepstone creates and runs code (Lambda functions) on the developer's machine, so no page the
//! developer's browser visits may drive it. Three rules, checked on every route:
//! - a browser marks its cross-site requests (`Origin` naming another origin, or
//!   `Sec-Fetch-Site: cross-site`/`same-site`): refused, except a plain link being followed;
//! - a page can send a body without a CORS preflight only as `text/plain`, a form or multipart,
//!   and then with no custom header: such a request without `Authorization` (SDKs sign every
//!   request) or `X-Amz-Target` is refused;
//! - while Stepstone listens on loopback only, a `Host` that is not a loopback name is a DNS
//!   rebinding attempt (a page's own name resolving to 127.0.0.1) and is refused, unless the
//!   user allowed that name.
//!
//! SDKs, the CLI and curl send none of the browser's marks and pass.

use http::{HeaderMap, Method};
use std::net::IpAddr;

/// What the guard accepts, fixed at startup.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Whether `Host` must name this machine (the server is bound to a loopback address).
    pub loopback_only: bool,
    /// Host names accepted besides the loopback ones (lowercase, without port).
    pub allowed_hosts: Vec<String>,
}

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The browser says the request comes from another origin.
    CrossOrigin(String),
    /// A body type a page can send cross-site without asking first.
    BrowserContentType(String),
    /// A `Host` that does not name this machine.
    ForeignHost(String),
}

impl Refusal {
    /// The message returned to the client.
    pub fn message(&self) -> String {
        match self {
            Refusal::CrossOrigin(origin) => format!(
                "Stepstone refuses requests from web pages of another origin ({origin}): a page \
                 must not drive a local emulator"
            ),
            Refusal::BrowserContentType(kind) => format!(
                "Stepstone refuses unsigned requests with Content-Type '{kind}', which any web \
                 page can send: use an AWS SDK, or send application/json"
            ),
            Refusal::ForeignHost(host) => format!(
                "Stepstone listens on loopback and refuses Host '{host}' (a DNS rebinding \
                 guard): allow the name with --allowed-hosts or STEPSTONE_ALLOWED_HOSTS"
            ),
        }
    }
}

impl Policy {
    /// The policy for a server bound to `bind_host`, also accepting `allowed_hosts`.
    pub fn for_bind(bind_host: &str, allowed_hosts: &[String]) -> Policy {
        Policy {
            loopback_only: is_loopback_name(&bind_host.to_ascii_lowercase()),
            allowed_hosts: allowed_hosts
                .iter()
                .map(|h| h.trim().to_ascii_lowercase())
                .filter(|h| !h.is_empty())
                .collect(),
        }
    }

    /// Accepts or refuses a request by its method and headers.
    pub fn check(&self, method: &Method, headers: &HeaderMap) -> Result<(), Refusal> {
        check_fetch_site(method, headers)?;
        check_origin(headers)?;
        check_content_type(headers)?;
        match self.loopback_only {
            true => self.check_host(headers),
            false => Ok(()),
        }
    }

    fn check_host(&self, headers: &HeaderMap) -> Result<(), Refusal> {
        let Some(host) = header(headers, "host") else {
            return Ok(());
        };
        let name = host_name(host).to_ascii_lowercase();
        // SDKs put `sync-` before the host for StartSyncExecution and TestState.
        let bare = name.strip_prefix("sync-").unwrap_or(&name);
        let allowed = |n: &str| is_loopback_name(n) || self.allowed_hosts.iter().any(|a| a == n);
        match allowed(&name) || allowed(bare) {
            true => Ok(()),
            false => Err(Refusal::ForeignHost(host.to_owned())),
        }
    }
}

/// `Sec-Fetch-Site` is set by the browser and cannot be forged by a page. Following a link
/// (`Sec-Fetch-Mode: navigate`, GET) is allowed: the page cannot read what it opens.
fn check_fetch_site(method: &Method, headers: &HeaderMap) -> Result<(), Refusal> {
    let site = header(headers, "sec-fetch-site").unwrap_or("none");
    if !matches!(site, "cross-site" | "same-site") {
        return Ok(());
    }
    let navigation = header(headers, "sec-fetch-mode") == Some("navigate")
        && (method == Method::GET || method == Method::HEAD);
    match navigation {
        true => Ok(()),
        false => Err(Refusal::CrossOrigin(format!("Sec-Fetch-Site: {site}"))),
    }
}

/// An `Origin` must be this server's own (`http://` + the `Host` the request was sent to).
fn check_origin(headers: &HeaderMap) -> Result<(), Refusal> {
    let Some(origin) = headers.get("origin") else {
        return Ok(());
    };
    let origin = origin.to_str().unwrap_or("(not text)");
    let own = header(headers, "host").is_some_and(|host| {
        origin
            .strip_prefix("http://")
            .is_some_and(|o| o.eq_ignore_ascii_case(host))
    });
    match own {
        true => Ok(()),
        false => Err(Refusal::CrossOrigin(format!("Origin: {origin}"))),
    }
}

/// The body types of an HTML form or a no-cors `fetch`; such a request can carry no custom
/// header, so a signed one, or one naming its operation in `X-Amz-Target`, is no page's.
fn check_content_type(headers: &HeaderMap) -> Result<(), Refusal> {
    let Some(kind) = header(headers, "content-type") else {
        return Ok(());
    };
    let essence = kind
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let simple = matches!(
        essence.as_str(),
        "text/plain" | "application/x-www-form-urlencoded" | "multipart/form-data"
    );
    let vouched = headers.contains_key("authorization") || headers.contains_key("x-amz-target");
    match simple && !vouched {
        true => Err(Refusal::BrowserContentType(essence)),
        false => Ok(()),
    }
}

/// The host part of a `Host` header: `[::1]:8083` → `::1`, `localhost:8083` → `localhost`.
fn host_name(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    host.rsplit_once(':').map_or(host, |(name, _)| name)
}

/// `localhost`, a name under `.localhost` (browsers resolve those to loopback themselves), or
/// a loopback address.
fn is_loopback_name(name: &str) -> bool {
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

#[cfg(test)]
mod tests;
