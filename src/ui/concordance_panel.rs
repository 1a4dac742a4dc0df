//! The concordance (a tab of the dock, Ctrl+Shift+F): a word or phrase searched in both sides
//! of the project and of the translation memories it uses, each hit shown bilingually with
//! the match highlighted; a click on a hit of the project jumps to its row with the match
//! selected. The search is the core's.

use eframe::egui::text::{LayoutJob, TextFormat};
use eframe::egui::{self, Color32, RichText, ScrollArea, Ui};

use crate::Side;
use crate::concordance::{Hit, HitOrigin};

use super::commands::{AppCommand, CheckCommand, RowCommand};

#[derive(Default)]
pub struct ConcordancePanel {
    pub open: bool,
    pub query: String,
    pub case_sensitive: bool,
    pub whole_words: bool,
    /// The hits of the last search, or why it could not run.
    pub results: Option<Result<Vec<Hit>, String>>,
    /// Give the search field the keyboard focus on the next frame.
    pub wants_focus: bool,
}

impl ConcordancePanel {
    pub fn ui(&mut self, ui: &mut Ui, memories: usize, commands: &mut Vec<AppCommand>) {
        ui.horizontal(|ui| {
            let label = ui.label("Concordance");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .id_salt("concordance-query")
                        .hint_text("a word or phrase, then Enter")
                        .desired_width(260.0),
                )
                .labelled_by(label.id);
            if self.wants_focus {
                field.request_focus();
                self.wants_focus = false;
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let mut changed = ui.checkbox(&mut self.case_sensitive, "Case").changed();
            changed |= ui.checkbox(&mut self.whole_words, "Whole words").changed();
            if ui.button("Search").clicked() || entered || (changed && self.results.is_some()) {
                commands.push(CheckCommand::Search.into());
            }
            ui.label(
                RichText::new(match memories {
                    0 => {
                        "in the project (File > Add translation memory… adds memories)".to_string()
                    }
                    1 => "in the project and 1 memory".to_string(),
                    n => format!("in the project and {n} memories"),
                })
                .small()
                .weak(),
            );
        });
        let hits = match &self.results {
            None => return,
            Some(Err(error)) => {
                ui.colored_label(ui.visuals().error_fg_color, error);
                return;
            }
            Some(Ok(hits)) => hits,
        };
        ui.label(RichText::new(format!("{} hits", hits.len())).small().weak());
        ScrollArea::vertical()
            .id_salt("concordance-hits")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let width = (ui.available_width() - 120.0).max(200.0) / 2.0;
                egui::Grid::new("concordance-grid")
                    .num_columns(3)
                    .striped(true)
                    .show(ui, |ui| {
                        for hit in hits {
                            hit_ui(ui, hit, width, commands);
                            ui.end_row();
                        }
                    });
            });
    }
}

fn hit_ui(ui: &mut Ui, hit: &Hit, width: f32, commands: &mut Vec<AppCommand>) {
    match &hit.origin {
        HitOrigin::Row { index, .. } => {
            if ui
                .link(format!("row {}", index + 1))
                .on_hover_text("Go to the row")
                .clicked()
            {
                let (side, chars) = match (hit.target_matches.first(), hit.source_matches.first()) {
                    (Some(range), _) => (Side::Target, range.clone()),
                    (None, Some(range)) => (Side::Source, range.clone()),
                    (None, None) => (Side::Target, 0..0),
                };
                commands.push(
                    RowCommand::SelectChars {
                        index: *index,
                        side,
                        chars,
                    }
                    .into(),
                );
            }
        }
        HitOrigin::Memory { name, unit } => {
            ui.label(
                RichText::new(format!("{name} #{}", unit + 1))
                    .small()
                    .weak(),
            );
        }
    }
    ui.label(marked(ui, &hit.source, &hit.source_matches, width));
    ui.label(marked(ui, &hit.target, &hit.target_matches, width));
}

/// A text with the matched characters (ranges in characters) highlighted.
fn marked(ui: &Ui, text: &str, matches: &[std::ops::Range<usize>], width: f32) -> LayoutJob {
    let plain = TextFormat {
        font_id: egui::TextStyle::Body.resolve(ui.style()),
        color: ui.visuals().text_color(),
        ..TextFormat::default()
    };
    let strong = TextFormat {
        background: Color32::from_rgba_unmultiplied(250, 200, 0, 110),
        ..plain.clone()
    };
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    let mut chars = text.char_indices().map(|(b, _)| b).chain([text.len()]);
    let bytes: Vec<usize> = chars.by_ref().collect();
    let byte = |c: usize| bytes.get(c).copied().unwrap_or(text.len());
    let mut at = 0;
    for range in matches {
        let (start, end) = (byte(range.start), byte(range.end));
        if start < at || end < start {
            continue;
        }
        job.append(&text[at..start], 0.0, plain.clone());
        job.append(&text[start..end], 0.0, strong.clone());
        at = end;
    }
    job.append(&text[at..], 0.0, plain);
    job
}
