//! Draws a word diff inline: deleted text struck through in red, inserted text on green, with
//! the changed characters inside a similar word pair marked more strongly.

use eframe::egui::text::{LayoutJob, TextFormat};
use eframe::egui::{Color32, FontId, Stroke, Ui};

use crate::{Diff, SpanKind};

fn format(ui: &Ui, kind: SpanKind, strong: bool) -> TextFormat {
    let font_id = FontId::proportional(ui.text_style_height(&eframe::egui::TextStyle::Body) - 2.0);
    let base = TextFormat {
        font_id,
        color: ui.visuals().text_color(),
        ..TextFormat::default()
    };
    let alpha = if strong { 140 } else { 60 };
    match kind {
        SpanKind::Equal => base,
        SpanKind::Deleted => TextFormat {
            color: Color32::from_rgb(200, 40, 40),
            strikethrough: Stroke::new(1.0, Color32::from_rgb(200, 40, 40)),
            background: Color32::from_rgba_unmultiplied(220, 60, 60, alpha),
            ..base
        },
        SpanKind::Inserted => TextFormat {
            background: Color32::from_rgba_unmultiplied(40, 170, 60, alpha),
            ..base
        },
    }
}

/// The diff as one wrapped text.
pub fn diff_job(ui: &Ui, diff: &Diff, wrap_width: f32) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap_width;
    append_diff(&mut job, ui, diff, false);
    job
}

/// Appends the diff's spans to a text (`one_line`: line breaks shown as spaces).
pub fn append_diff(job: &mut LayoutJob, ui: &Ui, diff: &Diff, one_line: bool) {
    let mut add = |text: &str, kind: SpanKind, strong: bool| {
        let text = if one_line {
            text.replace('\n', " ")
        } else {
            text.to_string()
        };
        job.append(&text, 0.0, format(ui, kind, strong));
    };
    for span in &diff.spans {
        match &span.chars {
            Some(chars) if span.kind != SpanKind::Equal => {
                for piece in chars {
                    add(&piece.text, span.kind, piece.changed);
                }
            }
            _ => add(&span.text, span.kind, false),
        }
    }
}

/// Shows a diff, or a note when nothing changed.
pub fn show_diff(ui: &mut Ui, diff: &Diff) {
    if diff.spans.is_empty() {
        ui.weak("(empty)");
        return;
    }
    let job = diff_job(ui, diff, ui.available_width());
    ui.label(job);
}
