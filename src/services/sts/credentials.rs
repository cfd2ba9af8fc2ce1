//! Dummy temporary credentials in the form AWS issues them: nothing checks them, but SDKs and
//! tools that inspect their shape (an `ASIA` key id marks temporary credentials) accept them.

const UPPER_DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `len` random characters of `alphabet`.
fn random(alphabet: &[u8], len: usize) -> String {
    (0..len)
        .map(|_| alphabet[rand::random_range(0..alphabet.len())] as char)
        .collect()
}

/// A temporary access key id: `ASIA` and 16 characters.
pub fn access_key_id() -> String {
    format!("ASIA{}", random(UPPER_DIGITS, 16))
}

/// A secret access key: 40 base64 characters.
pub fn secret_access_key() -> String {
    random(BASE64, 40)
}

/// A session token: AWS's are a few hundred base64 characters.
pub fn session_token() -> String {
    format!("FwoGZXIvYXdzE{}", random(BASE64, 300))
}

/// An assumed role's unique id: `AROA` and 17 characters.
pub fn role_id() -> String {
    format!("AROA{}", random(UPPER_DIGITS, 17))
}
