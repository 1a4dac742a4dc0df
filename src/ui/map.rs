//! The alignment map: the path of the alignment (source sentence index across, target sentence
//! index down), with low-confidence rows, non-1-1 beads and locked rows marked. A click jumps
//! to the row under the pointer.

use crate::{LOW_CONFIDENCE, Project, Segmenter};
use eframe::egui::{self, Color32, Pos2, Sense, Shape, Stroke, Ui, pos2, vec2};

use super::commands::AppCommand;

/// One row as a step of the path: where it starts and how many sentences it has on each side.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Step {
    source_start: u32,
    target_start: u32,
    source_count: u32,
    target_count: u32,
    low: bool,
    locked: bool,
}

#[derive(Default)]
pub struct AlignmentMap {
    steps: Vec<Step>,
    steps_for: Option<u64>,
}

impl AlignmentMap {
    fn refresh(&mut self, project: &Project, generation: u64) {
        if self.steps_for == Some(generation) {
            return;
        }
        self.steps_for = Some(generation);
        let source = Segmenter::for_language(&project.meta.source_lang);
        let target = Segmenter::for_language(&project.meta.target_lang);
        let (mut s, mut t) = (0u32, 0u32);
        self.steps = project
            .rows
            .iter()
            .map(|row| {
                let step = Step {
                    source_start: s,
                    target_start: t,
                    source_count: source.sentence_spans(&row.source).len() as u32,
                    target_count: target.sentence_spans(&row.target).len() as u32,
                    low: row.score.is_some_and(|c| c < LOW_CONFIDENCE),
                    locked: row.locked,
                };
                s += step.source_count;
                t += step.target_count;
                step
            })
            .collect();
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        generation: u64,
        selected: Option<usize>,
        commands: &mut Vec<AppCommand>,
    ) {
        self.refresh(project, generation);
        ui.label(egui::RichText::new("Alignment map").strong());
        ui.label(egui::RichText::new("source sentences across, target sentences down; red: low confidence, orange: not 1-1, blue: locked").small().weak());
        let size = vec2(ui.available_width(), ui.available_height().max(80.0));
        let (rect, response) = ui.allocate_exact_size(size, Sense::click());
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
        let Some(last) = self.steps.last() else {
            return;
        };
        let total_source = (last.source_start + last.source_count).max(1) as f32;
        let total_target = (last.target_start + last.target_count).max(1) as f32;
        let area = rect.shrink(4.0);
        let at = |s: u32, t: u32| -> Pos2 {
            pos2(
                area.left() + area.width() * s as f32 / total_source,
                area.top() + area.height() * t as f32 / total_target,
            )
        };
        // The diagonal an even alignment would follow.
        painter.line_segment(
            [area.left_top(), area.right_bottom()],
            Stroke::new(1.0, ui.visuals().weak_text_color().gamma_multiply(0.3)),
        );
        let stride = (self.steps.len() / (2 * area.height().max(1.0) as usize)).max(1);
        let mut path: Vec<Pos2> = self
            .steps
            .iter()
            .step_by(stride)
            .map(|s| at(s.source_start, s.target_start))
            .collect();
        path.push(at(
            last.source_start + last.source_count,
            last.target_start + last.target_count,
        ));
        painter.add(Shape::line(
            path,
            Stroke::new(1.5, ui.visuals().text_color()),
        ));
        let mut marked = std::collections::HashSet::new();
        for step in &self.steps {
            let one_to_one = step.source_count == 1 && step.target_count == 1;
            let colour = if step.locked {
                Color32::from_rgb(60, 120, 220)
            } else if step.low {
                Color32::RED
            } else if !one_to_one {
                Color32::from_rgb(240, 150, 20)
            } else {
                continue;
            };
            let point = at(step.source_start, step.target_start);
            if marked.insert((point.x as i32, point.y as i32, colour)) {
                painter.circle_filled(point, 2.5, colour);
            }
        }
        if let Some(step) = selected.and_then(|i| self.steps.get(i)) {
            let point = at(step.source_start, step.target_start);
            let stroke = Stroke::new(1.0, ui.visuals().selection.stroke.color);
            painter.hline(area.x_range(), point.y, stroke);
            painter.vline(point.x, area.y_range(), stroke);
        }
        if response.clicked()
            && let Some(pointer) = response.interact_pointer_pos()
        {
            let source = ((pointer.x - area.left()) / area.width() * total_source).max(0.0) as u32;
            let index = self
                .steps
                .partition_point(|s| s.source_start + s.source_count <= source);
            commands.push(AppCommand::Select(index.min(self.steps.len() - 1)));
        }
    }
}
