//! Which service a request is for, decided from headers and path only (never the Host header,
//! which SDKs rewrite with host prefixes such as `sync-`).

use http::HeaderMap;

/// The service and operation a request addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Step Functions (`X-Amz-Target: AWSStepFunctions.<Op>`).
    StepFunctions(String),
    /// Lambda (rest-json, dated paths such as `/2015-03-31/functions`).
    Lambda,
    /// Neither: a service Stepstone does not serve, or a request that names none
    /// ([`super::unserved`] says which, and answers it).
    Unserved,
}

/// Routes a request by `X-Amz-Target`, then by path.
pub fn route(path: &str, headers: &HeaderMap) -> Route {
    if let Some(target) = header(headers, "x-amz-target") {
        return match target.split_once('.') {
            Some(("AWSStepFunctions", op)) => Route::StepFunctions(op.to_owned()),
            _ => Route::Unserved,
        };
    }
    if super::lambda::is_lambda_path(path) {
        return Route::Lambda;
    }
    Route::Unserved
}

/// The service name in a SigV4 `Authorization` header's credential scope, e.g. `states`.
pub fn signing_service(headers: &HeaderMap) -> Option<String> {
    let auth = header(headers, "authorization")?;
    let credential = auth.split("Credential=").nth(1)?;
    let scope = credential.split([',', ' ']).next()?;
    scope.split('/').nth(3).map(str::to_owned)
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn step_functions_target() {
        let h = headers(&[("x-amz-target", "AWSStepFunctions.ListStateMachines")]);
        assert_eq!(
            route("/", &h),
            Route::StepFunctions("ListStateMachines".into())
        );
    }

    #[test]
    fn unknown_target_prefix() {
        let h = headers(&[("x-amz-target", "Nope.Op")]);
        assert!(matches!(route("/", &h), Route::Unserved));
    }

    #[test]
    fn lambda_by_path() {
        let h = headers(&[]);
        assert_eq!(
            route("/2015-03-31/functions/f/invocations", &h),
            Route::Lambda
        );
        assert!(matches!(route("/", &h), Route::Unserved));
    }

    #[test]
    fn reads_signing_service_from_scope() {
        let h = headers(&[(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=abc",
        )]);
        assert_eq!(signing_service(&h).as_deref(), Some("states"));
    }
}
