use super::*;
use http::HeaderValue;

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, HeaderValue::from_str(value).unwrap());
    }
    map
}

fn loopback() -> Policy {
    Policy::for_bind("127.0.0.1", &["stepstone".to_owned()])
}

fn verdict(policy: &Policy, method: Method, pairs: &[(&'static str, &str)]) -> Result<(), Refusal> {
    policy.check(&method, &headers(pairs))
}

#[test]
fn sdk_cli_and_curl_requests_pass() {
    let p = loopback();
    let sdk = [
        ("host", "localhost:8083"),
        ("content-type", "application/x-amz-json-1.0"),
        ("x-amz-target", "AWSStepFunctions.ListStateMachines"),
        (
            "authorization",
            "AWS4-HMAC-SHA256 Credential=a/b/c/states/aws4_request",
        ),
    ];
    assert_eq!(verdict(&p, Method::POST, &sdk), Ok(()));
    assert_eq!(
        verdict(&p, Method::POST, &[("host", "127.0.0.1:8083")]),
        Ok(())
    );
    assert_eq!(
        verdict(&p, Method::GET, &[]),
        Ok(()),
        "no Host at all (HTTP/1.0)"
    );
    let form = [
        ("host", "localhost"),
        ("content-type", "application/x-www-form-urlencoded"),
        ("authorization", "AWS4"),
    ];
    assert_eq!(
        verdict(&p, Method::POST, &form),
        Ok(()),
        "a signed form post (query protocol)"
    );
}

#[test]
fn the_issue_exploit_is_refused() {
    let p = loopback();
    let exploit = [
        ("host", "localhost:8083"),
        ("content-type", "text/plain"),
        ("origin", "http://evil.example"),
    ];
    assert_eq!(
        verdict(&p, Method::POST, &exploit),
        Err(Refusal::CrossOrigin("Origin: http://evil.example".into()))
    );
    let no_origin = [
        ("host", "localhost:8083"),
        ("content-type", "text/plain;charset=UTF-8"),
    ];
    assert_eq!(
        verdict(&p, Method::POST, &no_origin),
        Err(Refusal::BrowserContentType("text/plain".into()))
    );
    let multipart = [("content-type", "multipart/form-data; boundary=x")];
    assert!(verdict(&p, Method::PUT, &multipart).is_err());
}

#[test]
fn origins_must_be_the_servers_own() {
    let p = loopback();
    let own = [
        ("host", "localhost:8083"),
        ("origin", "http://localhost:8083"),
    ];
    assert_eq!(
        verdict(&p, Method::POST, &own),
        Ok(()),
        "the console, same origin"
    );
    let other_port = [
        ("host", "localhost:8083"),
        ("origin", "http://localhost:3000"),
    ];
    assert!(
        verdict(&p, Method::POST, &other_port).is_err(),
        "another local app"
    );
    let null = [("host", "localhost:8083"), ("origin", "null")];
    assert!(
        verdict(&p, Method::GET, &null).is_err(),
        "sandboxed frames and files"
    );
    assert!(
        verdict(&p, Method::GET, &[("origin", "http://localhost:8083")]).is_err(),
        "no Host to compare"
    );
}

#[test]
fn fetch_metadata_marks_cross_site_requests() {
    let p = loopback();
    for site in ["cross-site", "same-site"] {
        let fetch = [
            ("host", "localhost:8083"),
            ("sec-fetch-site", site),
            ("sec-fetch-mode", "cors"),
        ];
        assert!(verdict(&p, Method::POST, &fetch).is_err(), "{site} fetch");
        let link = [
            ("host", "localhost:8083"),
            ("sec-fetch-site", site),
            ("sec-fetch-mode", "navigate"),
        ];
        assert_eq!(
            verdict(&p, Method::GET, &link),
            Ok(()),
            "{site} link followed"
        );
        assert!(
            verdict(&p, Method::POST, &link).is_err(),
            "{site} form submitted"
        );
    }
    let own = [
        ("host", "localhost:8083"),
        ("sec-fetch-site", "same-origin"),
    ];
    assert_eq!(verdict(&p, Method::POST, &own), Ok(()));
}

#[test]
fn loopback_servers_accept_only_loopback_and_allowed_host_names() {
    let p = loopback();
    for host in [
        "localhost",
        "LOCALHOST:1",
        "127.0.0.1:8083",
        "127.9.9.9",
        "[::1]:8083",
        "app.localhost",
        "sync-localhost:8083",
        "stepstone:8083",
    ] {
        assert_eq!(
            verdict(&p, Method::POST, &[("host", host)]),
            Ok(()),
            "{host}"
        );
    }
    for host in [
        "evil.example",
        "evil.example:8083",
        "10.0.0.1:8083",
        "sync-evil.example",
        "localhost.evil.example",
    ] {
        assert_eq!(
            verdict(&p, Method::POST, &[("host", host)]),
            Err(Refusal::ForeignHost(host.into())),
            "{host}"
        );
    }
}

#[test]
fn servers_bound_beyond_loopback_accept_any_host() {
    for bind in ["0.0.0.0", "192.168.1.5", "::"] {
        let p = Policy::for_bind(bind, &[]);
        assert_eq!(
            verdict(&p, Method::POST, &[("host", "stepstone:8083")]),
            Ok(()),
            "{bind}"
        );
    }
    assert!(Policy::for_bind("localhost", &[]).loopback_only);
    assert!(Policy::for_bind("::1", &[]).loopback_only);
}
