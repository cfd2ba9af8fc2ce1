//! Counts and settings as the service models' number types carry them: `integer` is i32 and
//! `long` i64, while services keep unsigned counts. Real values are far below the bounds; one
//! that is not answers the largest the wire type holds rather than wrapping.

/// `n` as a model `integer`.
pub fn int(n: impl TryInto<i32>) -> i32 {
    n.try_into().unwrap_or(i32::MAX)
}

/// `n` as a model `long`.
pub fn long(n: impl TryInto<i64>) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_saturate_at_the_wire_types_bounds() {
        assert_eq!((int(7u32), long(7u64)), (7, 7));
        assert_eq!((int(u32::MAX), long(u64::MAX)), (i32::MAX, i64::MAX));
        assert_eq!(long(usize::MAX), i64::MAX);
    }
}
