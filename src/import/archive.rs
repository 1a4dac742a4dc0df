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
}

impl<'a> Archive<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, Problem> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| Problem::Malformed(format!("not a readable zip archive ({e})")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(Problem::Malformed(format!(
                "the archive has {} entries; Tolk reads at most {MAX_ENTRIES}",
                zip.len()
            )));
        }
        Ok(Archive { zip, unpacked: 0 })
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
        let budget = MAX_UNPACKED_BYTES - self.unpacked;
        let mut bytes = Vec::new();
        entry
            .take(budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Problem::Malformed(format!("cannot unpack {name} ({e})")))?;
        if bytes.len() as u64 > budget {
            return Err(Problem::TooLargeUnpacked {
                limit: MAX_UNPACKED_BYTES,
            });
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
