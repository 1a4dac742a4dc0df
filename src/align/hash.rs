//! A fast non-cryptographic hasher for the aligner's word tables. The keys (words, word ids)
//! come from the texts being aligned, not from an adversary, and the default SipHash was a
//! visible share of the time of aligning a book.

use std::hash::{BuildHasherDefault, Hasher};

/// Multiply-rotate hashing of 8-byte chunks.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher {
    state: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.state = (self.state.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.state
    }
}

/// A `HashMap` using [`FastHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_works_and_hashes_differ() {
        let mut m: FastMap<&str, u32> = FastMap::default();
        m.insert("hund", 1);
        m.insert("hunden", 2);
        assert_eq!(m.get("hund"), Some(&1));
        assert_eq!(m.get("hunden"), Some(&2));
        let h = |s: &str| {
            let mut x = FastHasher::default();
            x.write(s.as_bytes());
            x.finish()
        };
        assert_ne!(h("abcdefgh1"), h("abcdefgh2"));
    }
}
