//! Reading a file whole, refused before the read when it is larger than what the caller takes:
//! a wrong file chosen (a book as a glossary, a disk image as a project) is named, not loaded.

use std::path::Path;

/// Why [`read_at_most`] gave no bytes.
#[derive(Debug)]
pub enum LimitedRead {
    /// The file could not be read (or its size not known).
    Io(std::io::Error),
    /// The file has this many bytes, more than the limit; nothing was read.
    TooLarge(u64),
}

/// The bytes of `path`, when it has at most `limit` of them.
pub fn read_at_most(path: &Path, limit: u64) -> Result<Vec<u8>, LimitedRead> {
    let size = std::fs::metadata(path).map_err(LimitedRead::Io)?.len();
    if size > limit {
        return Err(LimitedRead::TooLarge(size));
    }
    std::fs::read(path).map_err(LimitedRead::Io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_with_its_size_and_one_within_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.txt");
        std::fs::write(&path, "12345").unwrap();
        assert_eq!(read_at_most(&path, 5).unwrap(), b"12345");
        assert!(matches!(
            read_at_most(&path, 4),
            Err(LimitedRead::TooLarge(5))
        ));
        let missing = dir.path().join("missing.txt");
        assert!(matches!(read_at_most(&missing, 5), Err(LimitedRead::Io(_))));
    }
}
