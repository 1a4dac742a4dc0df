//! Row notes in bilingual files. Every format carries a note's text in its own way (TMX and
//! XLIFF `<note>`, a TSV/CSV column, the HTML page); Tolk adds the note's time and author
//! where the format has no place for them, as a "stamp" `TIME AUTHOR` (RFC 3339 time, a
//! space, the author), so a round trip gives the same notes back. Notes from other tools
//! have no stamp: they are read with the author the file names (if any) and the time of
//! reading.

use jiff::Timestamp;

use crate::model::Note;

/// `2026-11-26T17:06:27.761877953Z Tolk team`.
pub(crate) fn stamp(note: &Note) -> String {
    format!("{} {}", note.at, note.author)
}

/// Time and author from a stamp, if it is one.
pub(crate) fn parse_stamp(stamp: &str) -> Option<(Timestamp, String)> {
    let (time, author) = stamp.split_once(' ').unwrap_or((stamp, ""));
    let at = time.trim().parse::<Timestamp>().ok()?;
    Some((at, author.to_string()))
}

/// A note read from a file: its text, and its stamp or the author the file names.
pub(crate) fn read_note(text: String, stamp: Option<&str>, author: Option<&str>) -> Note {
    let (at, who) = match stamp.and_then(parse_stamp) {
        Some((at, who)) => (at, who),
        None => (Timestamp::now(), author.unwrap_or("").to_string()),
    };
    Note::new(text, who, at)
}

/// The notes of a row as one table cell: each note on its own line(s), opened by
/// `[STAMP] ` (with `\` and `]` in the author escaped by a backslash), so that
/// [`from_cell`] can tell them apart again.
pub(crate) fn to_cell(notes: &[Note]) -> String {
    notes
        .iter()
        .map(|n| {
            let author = n.author.replace('\\', "\\\\").replace(']', "\\]");
            format!("[{} {author}] {}", n.at, n.text)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A line opened by a stamp: the note it starts.
fn stamped_line(line: &str) -> Option<Note> {
    let rest = line.strip_prefix('[')?;
    let (time, rest) = rest.split_once(' ')?;
    let at = time.parse::<Timestamp>().ok()?;
    let mut author = String::new();
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => author.extend(chars.next().map(|(_, c)| c)),
            ']' => {
                let text = rest[i + 1..].strip_prefix(' ')?;
                return Some(Note::new(text, author, at));
            }
            c => author.push(c),
        }
    }
    None
}

/// The inverse of [`to_cell`]. Text not opened by a stamp (typed into a spreadsheet) is one
/// note, or continues the note before it.
pub(crate) fn from_cell(cell: &str) -> Vec<Note> {
    let mut notes: Vec<Note> = Vec::new();
    for line in cell.split('\n') {
        let stamped = stamped_line(line);
        match (stamped, notes.last_mut()) {
            (Some(note), _) => notes.push(note),
            (None, Some(last)) => {
                last.text.push('\n');
                last.text.push_str(line);
            }
            (None, None) if !line.trim().is_empty() => {
                notes.push(read_note(line.to_string(), None, None))
            }
            (None, None) => {}
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_survive_a_table_cell() {
        let at = Timestamp::from_second(1_800_000_000).unwrap();
        let notes = vec![
            Note::new("OCR: ”i diet” is ”i det”", "Reviser", at),
            Note::new("two\nlines", "A [B] C \\", at),
        ];
        assert_eq!(from_cell(&to_cell(&notes)), notes);
        let typed = from_cell("just text");
        assert_eq!(
            (
                typed.len(),
                typed[0].text.as_str(),
                typed[0].author.as_str()
            ),
            (1, "just text", "")
        );
        assert!(from_cell("").is_empty());
    }
}
