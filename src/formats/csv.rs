//! CSV for spreadsheets (Excel, LibreOffice): the TSV export's columns, quoted as RFC 4180
//! says (by the `csv` crate), in UTF-8 with a byte-order mark, without which Excel takes the
//! file for its legacy code page and garbles every å.

use std::io::Write;

use super::bilingual::Bilingual;
use super::error::{ExportError, ReadError, decode};
use super::export::ExportFormat;
use super::options::Options;
use super::tsv::{COLUMNS, unit_from};
use super::units::select;
use crate::model::Project;

/// Writes the header `SOURCE_LANG,TARGET_LANG,status,confidence,paragraph,locked,row,author`
/// and one record per unit; texts are written as they are (line breaks inside quotes).
pub fn write(
    project: &Project,
    options: &Options,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let meta = &project.meta;
    let mut header = vec![meta.source_lang.as_str(), meta.target_lang.as_str()];
    header.extend(COLUMNS);
    writer.write_record(&header).map_err(csv_error)?;
    let yes = |on: bool| if on { "yes" } else { "" };
    for unit in select(project, ExportFormat::Csv, options).units {
        let confidence = unit.row.score.map_or(String::new(), |s| s.to_string());
        let row = unit.row_id().0.to_string();
        let notes = super::tsv::notes_of(&unit);
        writer
            .write_record([
                unit.source,
                unit.target,
                unit.status().name(),
                &confidence,
                yes(unit.starts_paragraph()),
                yes(unit.row.locked),
                &row,
                unit.author().unwrap_or(""),
                &notes,
            ])
            .map_err(csv_error)?;
    }
    writer.flush()?;
    Ok(())
}

fn csv_error(error: csv::Error) -> ExportError {
    ExportError::Io(std::io::Error::other(error))
}

/// Reads CSV with the TSV reader's columns and header rules. The separator is `,`, or `;`
/// when the first line has semicolons and no commas (Excel in locales with a decimal comma).
pub fn read(bytes: &[u8]) -> Result<Bilingual, ReadError> {
    let text = decode(bytes)?;
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.contains(';') && !first_line.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut bilingual = Bilingual {
        source_lang: "und".into(),
        target_lang: "und".into(),
        ..Bilingual::default()
    };
    let mut names: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            ReadError::Invalid {
                line,
                column: 1,
                message: e.to_string(),
            }
        })?;
        let line = record.position().map_or(index + 1, |p| p.line() as usize);
        let values: Vec<String> = record.iter().map(str::to_string).collect();
        if values.iter().all(|v| v.is_empty()) {
            continue;
        }
        if index == 0 {
            let named = values.len() > 2
                && values[2..]
                    .iter()
                    .all(|v| v.is_empty() || COLUMNS.contains(&v.as_str()));
            let plain = values.len() == 2
                && values[0].trim().eq_ignore_ascii_case("source")
                && values[1].trim().eq_ignore_ascii_case("target");
            if named {
                bilingual.source_lang.clone_from(&values[0]);
                bilingual.target_lang.clone_from(&values[1]);
                names = values[2..].to_vec();
                continue;
            }
            if plain {
                continue;
            }
        }
        let most = 2 + names.len().max(COLUMNS.len());
        if values.len() < 2 || values.len() > most {
            return Err(ReadError::Invalid {
                line,
                column: 1,
                message: format!(
                    "expected 2 to {most} fields (source, target, {}), found {}",
                    COLUMNS.join(", "),
                    values.len()
                ),
            });
        }
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let unit = unit_from(values, &names).map_err(|(field, message)| ReadError::Invalid {
            line,
            column: field + 1,
            message,
        })?;
        bilingual.units.push(unit);
    }
    Ok(bilingual)
}
