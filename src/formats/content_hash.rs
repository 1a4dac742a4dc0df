//! The content hash of a project file, to notice when someone else changed it on disk.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// A 64-bit XXH3 hash of a file's bytes.
///
/// Why a hash and not the modification time: a Git checkout, a sync client or a copy can
/// restore an older time or land within the file system's time resolution, while a hash of the
/// bytes changes whenever the content does. XXH3 hashes several GB/s, so checking a large
/// project before every save costs little next to writing it; it is not cryptographic, which
/// is fine: it guards against accidents, not against an adversary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContentHash(pub u64);

impl ContentHash {
    /// The hash of `bytes`.
    pub fn of(bytes: &[u8]) -> ContentHash {
        ContentHash(xxh3_64(bytes))
    }

    /// The hash of the file at `path`, read in blocks so a large file is not held in memory;
    /// `None` when there is no file there.
    pub fn of_file(path: &Path) -> io::Result<Option<ContentHash>> {
        let mut file = match File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let mut hasher = Xxh3::new();
        let mut block = vec![0u8; 1 << 16];
        loop {
            match file.read(&mut block) {
                Ok(0) => break,
                Ok(n) => hasher.update(&block[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(Some(ContentHash(hasher.digest())))
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_hash_equals_the_hash_of_its_bytes_and_a_missing_file_has_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        assert_eq!(ContentHash::of_file(&path).unwrap(), None);
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(
            ContentHash::of_file(&path).unwrap(),
            Some(ContentHash::of(&bytes))
        );
        assert_ne!(ContentHash::of(b"a"), ContentHash::of(b"b"));
    }
}
