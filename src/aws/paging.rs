//! Pagination tokens: opaque to clients, and resuming after (or at) a listing's sort key, so
//! that resources created or deleted between pages are neither repeated nor skipped.
//! Every service's List operations share this one format.

/// Every token starts so, which tells a token of ours from garbage.
const PREFIX: &str = "stepstone1.";

/// The token that carries `key`.
pub fn encode(key: &str) -> String {
    let hex: String = key.bytes().map(|b| format!("{b:02x}")).collect();
    format!("{PREFIX}{hex}")
}

/// The key a token carries; `None` for a token this server did not make.
pub fn decode(token: &str) -> Option<String> {
    let hex = token.strip_prefix(PREFIX)?;
    if hex.len() % 2 != 0 {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|b| u8::from_str_radix(b, 16).ok())
        })
        .collect();
    String::from_utf8(bytes?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_their_key_and_refuse_garbage() {
        for key in ["", "queue-1", "arn:aws:states:x:1:stateMachine:m", "ünï"] {
            assert_eq!(decode(&encode(key)).as_deref(), Some(key));
        }
        for garbage in [
            "garbage",
            "stepstone1.zz",
            "stepstone1.abc",
            "stepstone1.ff",
        ] {
            assert_eq!(decode(garbage), None, "{garbage}");
        }
    }
}
