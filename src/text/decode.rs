//! Bytes to clean text: encoding detection, NFC normalisation, one kind of line ending.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use thiserror::Error;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The largest text Tolk imports (a long book is about 2 MB; this leaves ample room while
/// keeping memory use bounded).
pub const MAX_TEXT_BYTES: usize = 512 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes; the largest text Tolk imports is {MAX_TEXT_BYTES} bytes")]
    TooLarge { size: usize },
    #[error(
        "this is not a text file (it contains {reason}); is it a PDF, a word-processor file or an image? Save it as plain text first"
    )]
    Binary { reason: &'static str },
    #[error("the file starts with a {encoding} byte-order mark but is not valid {encoding}")]
    InvalidForBom { encoding: &'static str },
}

/// Decoded text and the encoding it was found in.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Repairs made while decoding, naming the lines (see [`decode`]).
    pub warnings: Vec<String>,
}

/// Decodes a text file: UTF-8 (with or without BOM), UTF-16 with a BOM (or without one when
/// its zero bytes make it unmistakable), otherwise a legacy encoding guessed by `chardetng`
/// (Windows-1252 for Western European text). The result is NFC-normalised and uses `\n` only.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(DecodeError::TooLarge { size: bytes.len() });
    }
    let (text, encoding, warnings) = decode_raw(bytes)?;
    check_not_binary(&text)?;
    let text = normalise_newlines(text);
    // No character at or above U+0300 (UTF-8 lead byte 0xCC) means nothing to normalise.
    let text = match text.bytes().all(|b| b < 0xCC) {
        true => text,
        false => nfc(text),
    };
    Ok(Decoded {
        text,
        encoding,
        warnings,
    })
}

fn nfc(text: String) -> String {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

type Raw = (String, &'static str, Vec<String>);

fn decode_raw(bytes: &[u8]) -> Result<Raw, DecodeError> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_length..];
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            return Err(DecodeError::InvalidForBom {
                encoding: encoding.name(),
            });
        }
        return Ok((text.into_owned(), encoding.name(), Vec::new()));
    }
    // Checked before UTF-8: UTF-16 of ASCII letters is also valid (zero-laden) UTF-8.
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if !had_errors {
            return Ok((text.into_owned(), encoding.name(), Vec::new()));
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), UTF_8.name(), Vec::new()));
    }
    if let Some(recovered) = mostly_utf8(bytes) {
        return Ok(recovered);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary {
            reason: "zero bytes",
        });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors {
        return Err(DecodeError::Binary {
            reason: "bytes that are invalid in every encoding tried",
        });
    }
    Ok((text.into_owned(), encoding.name(), Vec::new()))
}

/// A UTF-8 file with a few stray bytes of a legacy encoding (a Latin-1 `ä` pasted into UTF-8
/// text) stays UTF-8: its valid multi-byte characters outnumber the stray bytes. Each stray
/// byte is read as the Windows-1252 character it most likely was, and a warning names the
/// lines, so the file is never silently re-read as Windows-1252 (which would garble every
/// correct `ä` into `Ã¤`).
fn mostly_utf8(bytes: &[u8]) -> Option<Raw> {
    let mut text = String::with_capacity(bytes.len());
    let (mut valid_multibyte, mut stray) = (0usize, 0usize);
    let mut lines = Vec::new();
    let mut line = 1usize;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        valid_multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
        line += valid.matches('\n').count();
        text.push_str(valid);
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            stray += invalid.len();
            if lines.last() != Some(&line) {
                lines.push(line);
            }
            let (recovered, _, _) = encoding_rs::WINDOWS_1252.decode(invalid);
            text.push_str(&recovered);
        }
    }
    if valid_multibyte <= stray || bytes.contains(&0) {
        return None;
    }
    let shown: Vec<String> = lines.iter().take(10).map(usize::to_string).collect();
    let more = if lines.len() > 10 { ", ..." } else { "" };
    let warning = format!(
        "{stray} byte(s) were not valid UTF-8 (line {}{more}); read as Windows-1252 characters: check those lines",
        shown.join(", ")
    );
    Some((text, UTF_8.name(), vec![warning]))
}

/// UTF-16 text without a BOM has a zero byte in every other position for Latin script.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let zero_even = bytes.iter().step_by(2).filter(|b| **b == 0).count();
    let zero_odd = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let mostly = |n: usize| n * 10 >= pairs * 9;
    let hardly = |n: usize| n * 100 <= pairs;
    if mostly(zero_odd) && hardly(zero_even) {
        Some(UTF_16LE)
    } else if mostly(zero_even) && hardly(zero_odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Text has few control characters; binary data decoded as text has many. Counted on the
/// UTF-8 bytes: C0 controls are single bytes, C1 controls are 0xC2 0x80..=0x9F.
fn check_not_binary(text: &str) -> Result<(), DecodeError> {
    let bytes = text.as_bytes();
    if bytes.contains(&0) {
        return Err(DecodeError::Binary {
            reason: "zero bytes",
        });
    }
    let c0 = bytes
        .iter()
        .filter(|b| **b < 0x20 && !matches!(**b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    let c1 = bytes
        .windows(2)
        .filter(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1]))
        .count();
    let delete = bytes.iter().filter(|b| **b == 0x7F).count();
    let characters = bytes.iter().filter(|b| (**b as i8) >= -0x40).count();
    if (c0 + c1 + delete) * 100 > characters {
        return Err(DecodeError::Binary {
            reason: "many control characters",
        });
    }
    Ok(())
}

/// CRLF and lone CR become LF.
fn normalise_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let cleaned: Cow<str> = Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"));
    cleaned.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("Långsamheten”".as_bytes()).unwrap();
        assert_eq!(plain.text, "Långsamheten”");
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice("Å".as_bytes());
        assert_eq!(decode(&with_bom).unwrap().text, "Å");
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let text = "Ur Den Kommunistiska Internationalen, år 1920";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, text);
        assert_eq!(decode(&be).unwrap().text, text);
        assert_eq!(decode(&le).unwrap().encoding, "UTF-16LE");
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let text = "Proletariatets diktatur och demokratin";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&le).unwrap().text, text);
    }

    #[test]
    fn windows_1252_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("Särskilt förvånande visar sig denna tänkandets konservatism – så är det.");
        let decoded = decode(&bytes).unwrap();
        assert_eq!(
            decoded.text,
            "Särskilt förvånande visar sig denna tänkandets konservatism – så är det."
        );
        assert_eq!(decoded.encoding, "windows-1252");
    }

    #[test]
    fn nfd_becomes_nfc_and_line_endings_become_lf() {
        let decoded = decode("a\u{308}r\r\nett\rår".as_bytes()).unwrap();
        assert_eq!(decoded.text, "\u{e4}r\nett\når");
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        assert!(matches!(decode(png), Err(DecodeError::Binary { .. })));
        let controls: Vec<u8> = (0..200u8)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
            .collect();
        assert!(matches!(decode(&controls), Err(DecodeError::Binary { .. })));
    }

    #[test]
    fn stray_latin1_bytes_in_utf8_stay_utf8_with_a_warning_naming_their_lines() {
        let mut bytes = "Första raden är här.\nAndra raden.\nTredje raden är "
            .as_bytes()
            .to_vec();
        bytes.extend_from_slice(b"tr\xe4sig.\nFj\xe4rde \xe4ven.\n");
        let decoded = decode(&bytes).unwrap();
        assert_eq!(
            decoded.text,
            "Första raden är här.\nAndra raden.\nTredje raden är träsig.\nFjärde även.\n"
        );
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.warnings.len(), 1, "{:?}", decoded.warnings);
        let warning = &decoded.warnings[0];
        assert!(warning.contains("3 byte(s)"), "{warning}");
        assert!(warning.contains("line 3, 4"), "{warning}");
    }

    #[test]
    fn a_legacy_file_with_few_multibyte_lookalikes_is_not_taken_for_utf8() {
        // More stray bytes than valid multi-byte characters: a Windows-1252 file, read as one.
        let bytes = b"F\xf6rsta \xe4r h\xe4r, \xe5ret \xe4r slut.\n";
        let decoded = decode(bytes).unwrap();
        assert_eq!(decoded.text, "Första är här, året är slut.\n");
        assert_eq!(decoded.encoding, "windows-1252");
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn invalid_utf8_after_a_bom_is_refused() {
        let bytes = [0xEF, 0xBB, 0xBF, b'a', 0xFF, 0xFE, b'b'];
        assert!(matches!(
            decode(&bytes),
            Err(DecodeError::InvalidForBom { .. })
        ));
    }
}
