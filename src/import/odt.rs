//! ODT (OpenDocument text) to paragraphs: `content.xml` read in order (headings, list items and
//! table cells are paragraphs), notes after their paragraph (footnotes) or at the end
//! (endnotes), tracked changes taken as accepted (the deleted text ODF keeps aside is dropped),
//! fields, hidden text, annotations and generated indexes left out.

use super::archive::Archive;
use super::flow::Flow;
use super::report::CleanupReport;
use super::xml::{Step, attr, walk};
use super::{Problem, ReadDocument};

pub fn read(bytes: &[u8]) -> Result<ReadDocument, Problem> {
    let mut archive = Archive::open(bytes)?;
    let content = archive.required("content.xml")?;
    let mut reader = Content::default();
    walk(&content, "content.xml", |step| reader.step(step))?;
    let mut paragraphs = reader.flow.finish();
    paragraphs.extend(reader.endnotes);
    Ok(ReadDocument {
        paragraphs,
        report: reader.report,
    })
}

/// Elements whose whole content is left out, and what the report counts them as.
fn skipped(name: &str) -> Option<Skip> {
    Some(match name {
        "text:tracked-changes" => Skip::Deletions,
        "text:note-citation" | "office:annotation" | "office:annotation-end" => Skip::Silent,
        "text:page-number"
        | "text:page-count"
        | "text:page-continuation"
        | "text:date"
        | "text:time"
        | "text:chapter"
        | "text:file-name"
        | "text:template-name"
        | "text:sender-firstname"
        | "text:author-name"
        | "text:hidden-text"
        | "text:hidden-paragraph"
        | "text:table-of-content"
        | "text:alphabetical-index"
        | "text:illustration-index"
        | "text:bibliography"
        | "text:user-index"
        | "text:table-index"
        | "text:object-index" => Skip::Field,
        "office:forms"
        | "text:sequence-decls"
        | "table:table-columns"
        | "svg:title"
        | "svg:desc"
        | "text:ruby-text" => Skip::Silent,
        _ => return None,
    })
}

enum Skip {
    Deletions,
    Field,
    Silent,
}

#[derive(Default)]
struct Content {
    flow: Flow,
    report: CleanupReport,
    endnotes: Vec<String>,
    notes_seen: usize,
    skipping: usize,
    in_body: bool,
    /// Inside `text:note-body`: its text, and whether it is an endnote.
    note: Option<(String, bool)>,
    note_is_endnote: bool,
}

impl Content {
    fn step(&mut self, step: Step<'_>) {
        match step {
            Step::Start(name, attributes) => {
                if self.skipping > 0 {
                    self.skipping += 1;
                    return;
                }
                if let Some(skip) = skipped(name) {
                    match skip {
                        Skip::Deletions => {
                            self.report.deletions_dropped += 1;
                        }
                        Skip::Field => self.report.fields_dropped += 1,
                        Skip::Silent => {}
                    }
                    self.skipping = 1;
                    return;
                }
                self.start(name, attributes);
            }
            Step::End(name) => {
                if self.skipping > 0 {
                    self.skipping -= 1;
                    return;
                }
                self.end(name);
            }
            Step::Text(text) => {
                if self.in_body && self.skipping == 0 {
                    self.push(text);
                }
            }
        }
    }

    fn push(&mut self, text: &str) {
        match &mut self.note {
            Some((note, _)) => note.push_str(text),
            None => self.flow.push(text),
        }
    }

    fn start(&mut self, name: &str, attributes: &[(String, String)]) {
        match name {
            "office:text" => self.in_body = true,
            "text:p" | "text:h" => match &mut self.note {
                Some((note, _)) => note.push(' '),
                None => self.flow.start(),
            },
            "text:note" => {
                self.note_is_endnote = attr(attributes, "text:note-class") == Some("endnote");
            }
            "text:note-body" => self.note = Some((String::new(), self.note_is_endnote)),
            "text:s" => {
                let count: usize = attr(attributes, "text:c")
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(1);
                self.push(&" ".repeat(count.min(8)));
            }
            "text:tab" | "text:line-break" => self.push(" "),
            "text:soft-page-break" => {}
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "office:text" => self.in_body = false,
            "text:p" | "text:h" => match &mut self.note {
                Some((note, _)) => note.push(' '),
                None => self.flow.end(),
            },
            "text:note-body" => {
                if let Some((text, endnote)) = self.note.take() {
                    self.notes_seen += 1;
                    self.report.notes_moved += 1;
                    let note = format!("[{}] {}", self.notes_seen, text.trim());
                    if endnote {
                        self.endnotes.push(super::flow::clean(&note));
                    } else {
                        self.flow.note(note);
                    }
                }
            }
            _ => {}
        }
    }
}
