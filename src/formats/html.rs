//! A self-contained side-by-side HTML page of the project: two columns, paragraph breaks,
//! CSS for screen and print, optionally each row coloured by its status. No scripts, no
//! external files: it can be mailed or printed as it is.

use std::io::Write;

use quick_xml::escape::escape;

use super::error::ExportError;
use super::options::Options;
use super::units::units;
use super::xml_write::clean;
use crate::model::{BACKGROUND_TINT, Project, Side, Status};

const FORMAT: &str = "HTML";

const STYLE: &str = "
body { font-family: Georgia, 'Times New Roman', serif; margin: 2em auto; max-width: 70em; color: #111; }
h1 { font-size: 1.4em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { vertical-align: top; text-align: left; padding: 0.3em 0.6em; width: 50%; }
th { border-bottom: 2px solid #444; }
td { border-bottom: 1px solid #ddd; }
tr.paragraph td { padding-top: 1.2em; }
tr.note td { font-size: 0.9em; font-style: italic; color: #555; padding-left: 2em; }
.legend span { padding: 0 0.5em; margin-right: 0.5em; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  td { border-bottom: 0.5pt solid #999; }
  .colours .untranslated, .colours .draft, .colours .translated, .colours .reviewed {
    print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
";

/// The status colours from the core palette: a tinted background and a stripe in the
/// status's own colour on the first cell, as the window's grid shows them.
fn status_style() -> String {
    let mut css = String::new();
    for status in Status::ALL {
        let (name, colour) = (status.name(), status.colour());
        css.push_str(&format!(
            ".colours tr.{name} td, .legend .{name} {{ background: {}; }}\n\
             .colours tr.{name} td:first-child, .legend .{name} {{ border-left: 0.4em solid {}; }}\n",
            colour.tint(BACKGROUND_TINT).hex(),
            colour.hex()
        ));
    }
    css
}

/// A text as HTML: escaped, line breaks kept as `<br>`.
fn text_html(text: &str) -> String {
    escape(text).replace('\n', "<br>\n")
}

/// Writes the page. Forbidden control characters follow `options.invalid_chars`, as in the
/// XML formats: browsers would show them as garbage.
pub fn write(
    project: &Project,
    options: &Options,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let meta = &project.meta;
    let (source_lang, target_lang) = (escape(&meta.source_lang), escape(&meta.target_lang));
    let title = escape(&meta.title);
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(
        out,
        "<html lang=\"{source_lang}\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(
        out,
        "<title>{title}</title>\n<style>{STYLE}{}</style>\n</head>",
        status_style()
    )?;
    let body_class = if options.status_colours {
        " class=\"colours\""
    } else {
        ""
    };
    writeln!(out, "<body{body_class}>\n<h1>{title}</h1>")?;
    if options.status_colours {
        write!(out, "<p class=\"legend\">")?;
        for status in Status::ALL {
            write!(out, "<span class=\"{0}\">{0}</span>", status.name())?;
        }
        writeln!(out, "</p>")?;
    }
    writeln!(
        out,
        "<table>\n<thead><tr><th lang=\"en\">Source ({source_lang})</th><th lang=\"en\">Target ({target_lang})</th></tr></thead>\n<tbody>"
    )?;
    for (i, unit) in units(project, options).into_iter().enumerate() {
        let row = unit.row_id();
        let source = clean(
            unit.source,
            options.invalid_chars,
            row,
            Side::Source,
            FORMAT,
        )?;
        let target = clean(
            unit.target,
            options.invalid_chars,
            row,
            Side::Target,
            FORMAT,
        )?;
        let paragraph = if unit.starts_paragraph() && i > 0 {
            " paragraph"
        } else {
            ""
        };
        writeln!(
            out,
            "<tr id=\"{}\" class=\"{}{paragraph}\"><td lang=\"{source_lang}\">{}</td><td lang=\"{target_lang}\">{}</td></tr>",
            unit.id(),
            unit.status().name(),
            text_html(&source),
            text_html(&target),
        )?;
        if unit.sentence.is_none_or(|n| n == 1) {
            for note in &unit.row.notes {
                let text = clean(&note.text, options.invalid_chars, row, Side::Target, FORMAT)?;
                let by = clean(
                    &note.author,
                    options.invalid_chars,
                    row,
                    Side::Target,
                    FORMAT,
                )?;
                writeln!(
                    out,
                    "<tr class=\"note\"><td colspan=\"2\">Note by {} ({}): {}</td></tr>",
                    text_html(&by),
                    note.at.strftime("%Y-%m-%d %H:%M"),
                    text_html(&text),
                )?;
            }
        }
    }
    writeln!(out, "</tbody>\n</table>\n</body>\n</html>")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ImportedRow;

    #[test]
    fn text_is_escaped_and_paragraphs_and_colours_are_marked() {
        let mut project = Project::new("<T & T>", "sv", "en");
        project.append_imported([
            ImportedRow {
                source: "a<b>&\"'".into(),
                target: "x\ny".into(),
                starts_paragraph: true,
                score: None,
            },
            ImportedRow {
                source: "ny".into(),
                target: "new".into(),
                starts_paragraph: true,
                score: None,
            },
        ]);
        let mut page = Vec::new();
        let options = Options {
            status_colours: true,
            ..Options::default()
        };
        write(&project, &options, &mut page).unwrap();
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("<title>&lt;T &amp; T&gt;</title>"));
        assert!(page.contains("a&lt;b&gt;&amp;&quot;&apos;"));
        assert!(page.contains("x<br>\ny"));
        assert!(page.contains("<tr id=\"r2\" class=\"draft paragraph\">"));
        assert!(page.contains("<tr id=\"r1\" class=\"draft\">"));
        assert!(page.contains("<body class=\"colours\">"));
        assert!(page.contains("@media print"));
        assert!(!page.contains("<script") && !page.contains("href=") && !page.contains("src="));
    }
}
