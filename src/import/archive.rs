//! Reading parts of a zip-based document (DOCX, ODT, EPUB) within limits, so that a zip bomb or
//! an encrypted archive is refused with a clear message instead of filling memory.

use std::io::{Cursor, Read};

use super::Problem;

/// The most a document's parts may unpack to, all together (a 1,000-page book's XML is
/// about 20 MB).
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// The most entries an archive may have.
const MAX_ENTRIES: usize = 100_000;

/// An opened archive and how much has been unpacked from it so far.
pub struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    unpacked: u64,
    limit: u64,
}

impl<'a> Archive<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, Problem> {
        Archive::with_limit(bytes, MAX_UNPACKED_BYTES)
    }

    fn with_limit(bytes: &'a [u8], limit: u64) -> Result<Archive<'a>, Problem> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| Problem::Malformed(format!("not a readable zip archive ({e})")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(Problem::Malformed(format!(
                "the archive has {} entries; Tolk reads at most {MAX_ENTRIES}",
                zip.len()
            )));
        }
        Ok(Archive {
            zip,
            unpacked: 0,
            limit,
        })
    }

    /// One entry as UTF-8 text, or `None` when the archive has no such entry. The size is
    /// counted while unpacking (the size the archive claims is not trusted).
    pub fn text(&mut self, name: &str) -> Result<Option<String>, Problem> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let entry = match self.zip.by_index(index) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::UnsupportedArchive(why))
                if why == zip::result::ZipError::PASSWORD_REQUIRED =>
            {
                return Err(Problem::Encrypted);
            }
            Err(e) => return Err(Problem::Malformed(format!("cannot unpack {name} ({e})"))),
        };
        if entry.encrypted() {
            return Err(Problem::Encrypted);
        }
        let budget = self.limit - self.unpacked;
        let mut bytes = Vec::new();
        entry
            .take(budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Problem::Malformed(format!("cannot unpack {name} ({e})")))?;
        if bytes.len() as u64 > budget {
            return Err(Problem::TooLargeUnpacked { limit: self.limit });
        }
        self.unpacked += bytes.len() as u64;
        let text = String::from_utf8(bytes)
            .map_err(|_| Problem::Malformed(format!("{name} is not UTF-8 text")))?;
        Ok(Some(text))
    }

    /// An entry the document cannot do without.
    pub fn required(&mut self, name: &str) -> Result<String, Problem> {
        self.text(name)?
            .ok_or_else(|| Problem::Malformed(format!("the archive has no {name}")))
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// A zip with one deflated entry of `size` zero bytes.
    fn zeros(size: usize) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(&vec![b' '; size]).unwrap();
        zip.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn unpacking_past_the_limit_is_refused() {
        let bytes = zeros(100_000);
        assert!(bytes.len() < 2_000, "it compresses like a bomb");
        let mut archive = Archive::with_limit(&bytes, 10_000).unwrap();
        assert!(matches!(
            archive.text("word/document.xml"),
            Err(Problem::TooLargeUnpacked { limit: 10_000 })
        ));
        let mut roomy = Archive::with_limit(&bytes, 100_000).unwrap();
        assert_eq!(
            roomy.text("word/document.xml").unwrap().unwrap().len(),
            100_000
        );
    }

    #[test]
    fn encrypted_entries_are_refused() {
        let mut bytes = zeros(10);
        // Set the "encrypted" flag in the local and the central header.
        bytes[6] |= 1;
        let central = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        bytes[central + 8] |= 1;
        let mut archive = Archive::open(&bytes).unwrap();
        assert!(matches!(
            archive.text("word/document.xml"),
            Err(Problem::Encrypted)
        ));
    }
}
