//! Moses-style parallel text: two plain files, one unit per line, the same number of lines,
//! as MT training pipelines read them.

use std::borrow::Cow;
use std::io::Write;

use super::error::ExportError;
use super::options::Options;
use super::units::units;
use crate::model::Project;

/// Every character that some reader takes for a line break (Python's `str.splitlines` is the
/// widest: it also splits at vertical tab, form feed, the file/group/record separators, NEL
/// and the Unicode line and paragraph separators). Each becomes a space, so that line `n` of
/// one file always pairs with line `n` of the other.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0B}'
            | '\u{0C}'
            | '\u{1C}'
            | '\u{1D}'
            | '\u{1E}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// One unit's text as one line (without the line feed).
pub fn fold(text: &str) -> Cow<'_, str> {
    if !text.contains(is_line_break) {
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", " ");
    Cow::Owned(
        text.chars()
            .map(|c| if is_line_break(c) { ' ' } else { c })
            .collect(),
    )
}

/// Writes the source texts to `source` and the target texts to `target`, one unit per line.
/// Moses needs two files, so this is the one writer with two outputs.
pub fn write(
    project: &Project,
    options: &Options,
    source: &mut impl Write,
    target: &mut impl Write,
) -> Result<(), ExportError> {
    for unit in units(project, options) {
        writeln!(source, "{}", fold(unit.source))?;
        writeln!(target, "{}", fold(unit.target))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_break_becomes_one_space() {
        assert_eq!(fold("a\r\nb\nc\u{2028}d\u{85}e\u{0B}f"), "a b c d e f");
        assert_eq!(fold("tab\tstays"), "tab\tstays");
    }
}
