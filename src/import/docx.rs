//! DOCX (Office Open XML) to paragraphs: `word/document.xml` read in order, tables cell by cell,
//! footnotes after their paragraph, endnotes at the end, tracked changes taken as accepted
//! (insertions kept, deletions dropped), field codes and results, hidden text and the fallback
//! copies of text boxes left out. Hyperlink fields keep their visible text.

use std::collections::HashMap;

use super::archive::Archive;
use super::flow::Flow;
use super::report::CleanupReport;
use super::xml::{Step, attr, walk};
use super::{Problem, ReadDocument};

pub fn read(bytes: &[u8]) -> Result<ReadDocument, Problem> {
    let mut archive = Archive::open(bytes)?;
    let body = archive.required("word/document.xml")?;
    let mut report = CleanupReport::default();
    let footnotes = match archive.text("word/footnotes.xml")? {
        Some(xml) => notes(&xml, "word/footnotes.xml", "w:footnote", &mut report)?,
        None => HashMap::new(),
    };
    let endnotes = match archive.text("word/endnotes.xml")? {
        Some(xml) => notes(&xml, "word/endnotes.xml", "w:endnote", &mut report)?,
        None => HashMap::new(),
    };
    let mut reader = Body::new(&mut report);
    reader.footnotes = Some(&footnotes);
    reader.endnotes = Some(&endnotes);
    walk(&body, "word/document.xml", |step| reader.step(step))?;
    let collected_endnotes = std::mem::take(&mut reader.collected_endnotes);
    let mut paragraphs = reader.flow.finish();
    paragraphs.extend(collected_endnotes);
    Ok(ReadDocument { paragraphs, report })
}

/// The notes of a notes part by id, each one line of text (separator notes left out).
fn notes(
    xml: &str,
    part: &str,
    element: &str,
    report: &mut CleanupReport,
) -> Result<HashMap<String, String>, Problem> {
    let mut found = HashMap::new();
    let mut reader = Body::new(report);
    let mut current: Option<String> = None;
    walk(xml, part, |step| {
        match &step {
            Step::Start(name, attributes) if *name == element => {
                let separator = attr(attributes, "w:type").is_some_and(|t| t != "normal");
                current = (!separator).then(|| attr(attributes, "w:id").unwrap_or("").to_string());
                reader.flow.take();
            }
            Step::End(name) if *name == element => {
                if let Some(id) = current.take() {
                    let text = std::mem::take(&mut reader.flow).finish().join(" ");
                    found.insert(id, text);
                }
                return;
            }
            _ => {}
        }
        if current.is_some() {
            reader.step(step);
        }
    })?;
    Ok(found)
}

/// A field being read: its instruction, and whether its result is being read.
struct Field {
    instruction: String,
    in_result: bool,
}

struct Body<'r> {
    flow: Flow,
    report: &'r mut CleanupReport,
    footnotes: Option<&'r HashMap<String, String>>,
    endnotes: Option<&'r HashMap<String, String>>,
    collected_endnotes: Vec<String>,
    notes_seen: usize,
    /// Depth of elements whose whole content is dropped (deletions, field codes, fallbacks).
    skipping: usize,
    fields: Vec<Field>,
    in_run: bool,
    in_run_properties: bool,
    run_hidden: bool,
    in_text: bool,
    in_instruction: bool,
}

/// Elements whose content is never text of the document.
const SKIPPED: [&str; 8] = [
    "w:del",
    "w:moveFrom",
    "w:delText",
    "mc:Fallback",
    "w:pPr",
    "w:sectPr",
    "w:tblPr",
    "w:sdtPr",
];

impl<'r> Body<'r> {
    fn new(report: &'r mut CleanupReport) -> Body<'r> {
        Body {
            flow: Flow::default(),
            report,
            footnotes: None,
            endnotes: None,
            collected_endnotes: Vec::new(),
            notes_seen: 0,
            skipping: 0,
            fields: Vec::new(),
            in_run: false,
            in_run_properties: false,
            run_hidden: false,
            in_text: false,
            in_instruction: false,
        }
    }

    /// Whether text read now belongs to the document.
    fn visible(&self) -> bool {
        self.skipping == 0
            && !self.run_hidden
            && self
                .fields
                .iter()
                .all(|f| f.in_result && f.instruction.trim_start().starts_with("HYPERLINK"))
    }

    fn step(&mut self, step: Step<'_>) {
        match step {
            Step::Start(name, attributes) => {
                if self.skipping > 0 {
                    self.skipping += 1;
                    return;
                }
                if let Some(skipped) = SKIPPED.iter().find(|s| **s == name) {
                    if matches!(*skipped, "w:del" | "w:moveFrom") {
                        self.report.deletions_dropped += 1;
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
                if self.in_instruction {
                    if let Some(field) = self.fields.last_mut() {
                        field.instruction.push_str(text);
                    }
                } else if self.in_text && self.visible() {
                    self.flow.push(text);
                }
            }
        }
    }

    fn start(&mut self, name: &str, attributes: &[(String, String)]) {
        match name {
            "w:p" => self.flow.start(),
            "w:r" => {
                self.in_run = true;
                self.run_hidden = false;
            }
            "w:rPr" if self.in_run => self.in_run_properties = true,
            "w:vanish" | "w:webHidden" if self.in_run_properties => {
                let off = matches!(attr(attributes, "w:val"), Some("0" | "false" | "off"));
                if !off && !self.run_hidden {
                    self.run_hidden = true;
                    self.report.fields_dropped += 1;
                }
            }
            "w:t" => self.in_text = true,
            "w:instrText" => self.in_instruction = true,
            "w:tab" | "w:br" | "w:cr"
                if self.in_run && !self.in_run_properties && self.visible() =>
            {
                self.flow.push(" ");
            }
            "w:noBreakHyphen" if self.visible() => self.flow.push("-"),
            "w:fldChar" => match attr(attributes, "w:fldCharType") {
                Some("begin") => self.fields.push(Field {
                    instruction: String::new(),
                    in_result: false,
                }),
                Some("separate") => {
                    if let Some(field) = self.fields.last_mut() {
                        field.in_result = true;
                    }
                }
                Some("end") => {
                    if let Some(field) = self.fields.pop()
                        && !field.instruction.trim_start().starts_with("HYPERLINK")
                    {
                        self.report.fields_dropped += 1;
                    }
                }
                _ => {}
            },
            "w:fldSimple" => {
                let instruction = attr(attributes, "w:instr").unwrap_or("").to_string();
                if !instruction.trim_start().starts_with("HYPERLINK") {
                    self.report.fields_dropped += 1;
                }
                self.fields.push(Field {
                    instruction,
                    in_result: true,
                });
            }
            "w:footnoteReference" | "w:endnoteReference" if self.visible() => {
                let id = attr(attributes, "w:id").unwrap_or("");
                let footnote = name == "w:footnoteReference";
                let notes = if footnote {
                    self.footnotes
                } else {
                    self.endnotes
                };
                if let Some(text) = notes.and_then(|n| n.get(id)) {
                    self.notes_seen += 1;
                    self.report.notes_moved += 1;
                    let note = format!("[{}] {text}", self.notes_seen);
                    if footnote {
                        self.flow.note(note);
                    } else {
                        self.collected_endnotes.push(note);
                    }
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "w:p" => self.flow.end(),
            "w:r" => {
                self.in_run = false;
                self.run_hidden = false;
            }
            "w:rPr" => self.in_run_properties = false,
            "w:t" => self.in_text = false,
            "w:instrText" => self.in_instruction = false,
            "w:fldSimple" => {
                self.fields.pop();
            }
            _ => {}
        }
    }
}
