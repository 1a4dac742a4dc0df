//! A bilingual DOCX review table: one table row per exported row (or sentence pair) with its
//! number as the window shows it, the source and the target side by side, the status (shaded
//! in its palette colour) and the row's notes, on A4 landscape pages whose heading row repeats.
//! For reviewers who work in Word or LibreOffice; Tolk does not read it back.

use std::io::Write;

use super::docx::{Body, Column, TABLE_WIDTH, package, row_notes};
use super::error::ExportError;
use super::options::Options;
use super::units::units;
use super::xml_write::clean;
use crate::model::{BACKGROUND_TINT, Project, Side};

const FORMAT: &str = "DOCX";

/// The widths of the number, status and notes columns; source and target share the rest.
const NUMBER_WIDTH: u32 = 700;
const STATUS_WIDTH: u32 = 1300;
const NOTES_WIDTH: u32 = 2600;

/// Writes the review table. Forbidden control characters follow `options.invalid_chars`, as in
/// the other XML formats.
pub fn write(
    project: &Project,
    options: &Options,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let meta = &project.meta;
    let units = units(project, options);
    let subtitle = format!(
        "{} → {}: {} rows for review",
        meta.source_lang,
        meta.target_lang,
        units.len()
    );
    let mut body = Body::new(&meta.title, &subtitle)?;
    let text_width = (TABLE_WIDTH - NUMBER_WIDTH - STATUS_WIDTH - NOTES_WIDTH) / 2;
    let (source_heading, target_heading) = (
        format!("Source ({})", meta.source_lang),
        format!("Target ({})", meta.target_lang),
    );
    body.start_table(&[
        Column {
            heading: "#",
            width: NUMBER_WIDTH,
        },
        Column {
            heading: &source_heading,
            width: text_width,
        },
        Column {
            heading: &target_heading,
            width: text_width,
        },
        Column {
            heading: "Status",
            width: STATUS_WIDTH,
        },
        Column {
            heading: "Notes",
            width: NOTES_WIDTH,
        },
    ])?;
    for unit in &units {
        let row = unit.row;
        let position = project.index_of(row.id).unwrap_or(0) + options.first_row;
        let number = match unit.sentence {
            None => position.to_string(),
            Some(n) => format!("{position}.{n}"),
        };
        let source = clean(
            unit.source,
            options.invalid_chars,
            row.id,
            Side::Source,
            FORMAT,
        )?;
        let target = clean(
            unit.target,
            options.invalid_chars,
            row.id,
            Side::Target,
            FORMAT,
        )?;
        // A row's notes once, with its first sentence pair when the row is split.
        let notes = if unit.sentence.is_none_or(|n| n == 1) {
            row_notes(row)
        } else {
            String::new()
        };
        let notes = clean(&notes, options.invalid_chars, row.id, Side::Target, FORMAT)?;
        body.start_row()?;
        body.text_cell(&number, None)?;
        body.text_cell(&source, Some(&meta.source_lang))?;
        body.text_cell(&target, Some(&meta.target_lang))?;
        body.shaded_cell(row.status.name(), row.status.colour().tint(BACKGROUND_TINT))?;
        body.text_cell(&notes, None)?;
        body.end_row()?;
    }
    let document = body.finish()?;
    package(project, &document, false, out)
}
