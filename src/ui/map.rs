//! The alignment map: the path of the alignment (source sentence index across, target sentence
//! index down), with low-confidence rows, non-1-1 beads and locked rows marked. A click jumps
//! to the row under the pointer.
//!
//! Sentence counts are cached per row (only changed rows are segmented again), and the path and
//! marks are reduced to a fixed grid when the project changes, so that a frame draws a bounded
//! number of shapes whatever the size of the book.

use std::collections::{HashMap, HashSet};

use eframe::egui::{self, Color32, Pos2, Sense, Shape, Stroke, Ui, pos2, vec2};

use crate::{LOW_CONFIDENCE, Project, RowId, Segmenter};

use super::commands::{AppCommand, RowCommand};

/// Resolution of the grid marks and path points are reduced to.
const GRID: f32 = 600.0;
const LOCKED: Color32 = Color32::from_rgb(60, 120, 220);
const NOT_ONE_TO_ONE: Color32 = Color32::from_rgb(240, 150, 20);

/// Where each row starts on the path, in sentences.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Step {
    source_start: u32,
    target_start: u32,
}

/// Sentences per side of a row, with the row's revision count they were counted at.
type CachedCounts = (usize, (u32, u32));

#[derive(Default)]
pub struct AlignmentMap {
    steps: Vec<Step>,
    totals: (f32, f32),
    /// Path points and marks in [0, 1] x [0, 1].
    path: Vec<Pos2>,
    marks: Vec<(Pos2, Color32)>,
    steps_for: Option<u64>,
    counts: HashMap<RowId, CachedCounts>,
}

impl AlignmentMap {
    /// The map of a project (on a helper thread when opening a big project).
    pub fn prepared(project: &Project, generation: u64) -> AlignmentMap {
        let mut map = AlignmentMap::default();
        map.refresh(project, generation);
        map
    }

    fn refresh(&mut self, project: &Project, generation: u64) {
        if self.steps_for == Some(generation) {
            return;
        }
        self.steps_for = Some(generation);
        let source = Segmenter::for_language(&project.meta.source_lang);
        let target = Segmenter::for_language(&project.meta.target_lang);
        let (mut s, mut t) = (0u32, 0u32);
        let mut rows = Vec::with_capacity(project.rows.len());
        self.steps.clear();
        for row in &project.rows {
            let key = row.history.len();
            let (k, m) = match self.counts.get(&row.id) {
                Some((cached, counts)) if *cached == key => *counts,
                _ => {
                    let counts = (
                        source.sentence_spans(&row.source).len() as u32,
                        target.sentence_spans(&row.target).len() as u32,
                    );
                    self.counts.insert(row.id, (key, counts));
                    counts
                }
            };
            self.steps.push(Step {
                source_start: s,
                target_start: t,
            });
            rows.push((
                s,
                t,
                k,
                m,
                row.locked,
                row.score.is_some_and(|c| c < LOW_CONFIDENCE),
            ));
            s += k;
            t += m;
        }
        self.totals = (s.max(1) as f32, t.max(1) as f32);
        let at = |s: u32, t: u32| pos2(s as f32 / self.totals.0, t as f32 / self.totals.1);
        let cell = |p: Pos2| ((p.x * GRID) as u32, (p.y * GRID) as u32);
        self.path.clear();
        self.marks.clear();
        let mut last_cell = None;
        let mut marked = HashSet::new();
        for &(s, t, k, m, locked, low) in &rows {
            let point = at(s, t);
            if last_cell != Some(cell(point)) {
                self.path.push(point);
                last_cell = Some(cell(point));
            }
            // Problems are marked over locks: a locked row that is not 1-1 is still worth seeing.
            let colour = if low {
                Color32::RED
            } else if k != 1 || m != 1 {
                NOT_ONE_TO_ONE
            } else if locked {
                LOCKED
            } else {
                continue;
            };
            if marked.insert((cell(point), colour)) {
                self.marks.push((point, colour));
            }
        }
        self.path.push(at(s, t));
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
        ui.label(
            egui::RichText::new("source sentences across, target sentences down; red: low confidence, orange: not 1-1, blue: locked")
                .small()
                .weak(),
        );
        let size = vec2(ui.available_width(), ui.available_height().max(80.0));
        let (rect, response) = ui.allocate_exact_size(size, Sense::click());
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
        if self.steps.is_empty() {
            return;
        }
        let area = rect.shrink(4.0);
        let place = |p: Pos2| area.min + vec2(p.x * area.width(), p.y * area.height());
        painter.line_segment(
            [area.left_top(), area.right_bottom()],
            Stroke::new(1.0, ui.visuals().weak_text_color().gamma_multiply(0.3)),
        );
        let path: Vec<Pos2> = self.path.iter().map(|p| place(*p)).collect();
        painter.add(Shape::line(
            path,
            Stroke::new(1.5, ui.visuals().text_color()),
        ));
        // Locks first and small, problems on top.
        for (point, colour) in self.marks.iter().filter(|(_, c)| *c == LOCKED) {
            painter.circle_filled(place(*point), 1.5, *colour);
        }
        for (point, colour) in self.marks.iter().filter(|(_, c)| *c != LOCKED) {
            painter.circle_filled(place(*point), 2.5, *colour);
        }
        if let Some(step) = selected.and_then(|i| self.steps.get(i)) {
            let point = place(pos2(
                step.source_start as f32 / self.totals.0,
                step.target_start as f32 / self.totals.1,
            ));
            let stroke = Stroke::new(1.0, ui.visuals().selection.stroke.color);
            painter.hline(area.x_range(), point.y, stroke);
            painter.vline(point.x, area.y_range(), stroke);
        }
        if response.clicked()
            && let Some(pointer) = response.interact_pointer_pos()
        {
            let source = ((pointer.x - area.left()) / area.width() * self.totals.0).max(0.0) as u32;
            let index = self
                .steps
                .partition_point(|s| s.source_start <= source)
                .saturating_sub(1);
            commands.push(RowCommand::Select(index.min(self.steps.len() - 1)).into());
        }
    }
}
