//! What intrinsic functions need from outside the pure language: UUIDs, random numbers and
//! hashes.

use crate::asl::intrinsic::{HashAlgorithm, IntrinsicEnv};
use rand::RngExt;
use sha2::Digest;

/// The engine's intrinsic environment: real UUIDs and randomness.
#[derive(Debug, Default, Clone, Copy)]
pub struct Env;

impl IntrinsicEnv for Env {
    fn uuid(&mut self) -> String {
        uuid::Uuid::new_v4().to_string()
    }

    fn random(&mut self, start: i64, end: i64, seed: Option<i64>) -> i64 {
        if end <= start {
            return start;
        }
        match seed {
            Some(seed) => seeded(start, end, seed),
            None => rand::rng().random_range(start..end),
        }
    }

    fn hash(&self, algorithm: HashAlgorithm, data: &str) -> String {
        let bytes = data.as_bytes();
        let digest: Vec<u8> = match algorithm {
            HashAlgorithm::Md5 => md5::Md5::digest(bytes).to_vec(),
            HashAlgorithm::Sha1 => sha1::Sha1::digest(bytes).to_vec(),
            HashAlgorithm::Sha256 => sha2::Sha256::digest(bytes).to_vec(),
            HashAlgorithm::Sha384 => sha2::Sha384::digest(bytes).to_vec(),
            HashAlgorithm::Sha512 => sha2::Sha512::digest(bytes).to_vec(),
        };
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// A seeded draw in `start..end`, the same for the same seed: Java's `java.util.Random`
/// (AWS runs on the JVM), seeded scrambling then one `nextInt(bound)`.
fn seeded(start: i64, end: i64, seed: i64) -> i64 {
    const MULTIPLIER: i64 = 0x5_DEEC_E66D;
    const MASK: i64 = (1 << 48) - 1;
    let bound = (end - start).min(i64::from(i32::MAX));
    let mut state = (seed ^ MULTIPLIER) & MASK;
    let mut next31 = || {
        state = (state.wrapping_mul(MULTIPLIER).wrapping_add(0xB)) & MASK;
        state >> 17
    };
    if bound & -bound == bound {
        return start + ((bound * next31()) >> 31);
    }
    loop {
        let bits = next31();
        let value = bits % bound;
        // Java rejects the few draws that would bias the modulo.
        if bits - value + (bound - 1) < (1 << 31) {
            return start + value;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_lowercase_hex() {
        let env = Env;
        assert_eq!(
            env.hash(HashAlgorithm::Md5, "abc"),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        assert_eq!(
            env.hash(HashAlgorithm::Sha1, "abc"),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            env.hash(HashAlgorithm::Sha256, "abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn random_stays_in_range_and_seeds_repeat() {
        let mut env = Env;
        for _ in 0..100 {
            let n = env.random(5, 10, None);
            assert!((5..10).contains(&n));
        }
        assert_eq!(env.random(0, 100, Some(7)), env.random(0, 100, Some(7)));
        assert!((0..100).contains(&env.random(0, 100, Some(-3))));
    }

    #[test]
    fn seeded_matches_java_random() {
        // The generator is checked against new java.util.Random(42).nextInt() == -1170105035;
        // these are the bounded draws that generator gives.
        assert_eq!(seeded(0, 100, 42), 30);
        assert_eq!(seeded(0, 10, 1), 5);
        assert_eq!(seeded(0, 64, 42), 46);
    }

    #[test]
    fn uuids_are_v4() {
        let id = Env.uuid();
        assert_eq!(uuid::Uuid::parse_str(&id).unwrap().get_version_num(), 4);
    }
}
