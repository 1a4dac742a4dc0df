//! The alignment map: the path of the alignment (source sentence index across, target sentence
//! index down), with the grid's viewport shown as a band, and a strip beside it whose every
//! pixel row shows the confidence of the lowest tenth of the rows it covers (the lowest one
//! where it covers ten rows or fewer). Problems (low confidence, beads that are not 1-1) are
//! marked once per pixel row, as strong as their share of its rows is above the book's (a
//! density); locks only where a pixel row holds a single row. So a book of 100,000 rows is a
//! readable picture, not a solid band. A click jumps to the row under the pointer.
//!
//! Sentence counts are cached per row (only rows with a new revision are segmented again), and
//! the per-pixel summary is computed once per project version and map height, so that a frame
//! draws a bounded number of shapes whatever the size of the book.

use std::collections::HashMap;

use eframe::egui::{self, Color32, Pos2, Rect, Sense, Shape, Stroke, Ui, pos2, vec2};

use crate::{LOW_CONFIDENCE, Project, RowId, Side};

use super::commands::{AppCommand, Panel, RowCommand, ViewCommand};
use super::grid::confidence_colour;

/// Resolution the path is reduced to.
const GRID: f32 = 600.0;
const STRIP: f32 = 8.0;
const LOCKED: Color32 = Color32::from_rgb(60, 120, 220);
const NOT_ONE_TO_ONE: Color32 = Color32::from_rgb(240, 150, 20);
/// Share of a pixel row's rows whose confidence its strip shows (the lowest tenth). The
/// worst row alone turned a book's strip red from top to bottom: at 100,000 rows each pixel
/// row covers some 170 rows, and nearly every such group holds one doubtful bead. The marks
/// beside the strip already show where single doubtful rows are.
const LOW_SHARE: f32 = 0.1;

/// Where each row starts on the path, in sentences, and what the map marks about it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Step {
    source_start: u32,
    target_start: u32,
    score: Option<f32>,
    one_to_one: bool,
    locked: bool,
}

/// Sentences per side of a row, with the row's revision count they were counted at.
type CachedCounts = (usize, (u32, u32));

/// What one pixel row of the map covers.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Bucket {
    rows: u32,
    /// Rows low in confidence or not 1-1.
    problems: u32,
    /// The confidence a tenth of its scored rows are below ([`LOW_SHARE`]).
    low: Option<f32>,
    /// The first row in the bucket that is low in confidence or not 1-1, and its colour.
    problem: Option<(usize, Color32)>,
    locked: u32,
    first: usize,
}

#[derive(Default)]
pub struct AlignmentMap {
    steps: Vec<Step>,
    totals: (f32, f32),
    /// Path points in [0, 1] x [0, 1].
    path: Vec<Pos2>,
    steps_for: Option<u64>,
    counts: HashMap<RowId, CachedCounts>,
    buckets: Vec<Bucket>,
    buckets_for: Option<(u64, usize)>,
    /// Marks drawn in the last frame (for tests: bounded by the map's height).
    pub marks_drawn: usize,
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
        let source = project.segmenter(Side::Source);
        let target = project.segmenter(Side::Target);
        let (mut s, mut t) = (0u32, 0u32);
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
                score: row.score,
                one_to_one: k == 1 && m == 1,
                locked: row.locked,
            });
            s += k;
            t += m;
        }
        self.totals = (s.max(1) as f32, t.max(1) as f32);
        let cell = |p: Pos2| ((p.x * GRID) as u32, (p.y * GRID) as u32);
        self.path.clear();
        let mut last_cell = None;
        for step in &self.steps {
            let point = self.at(step);
            if last_cell != Some(cell(point)) {
                self.path.push(point);
                last_cell = Some(cell(point));
            }
        }
        self.path.push(pos2(1.0, 1.0));
        self.buckets_for = None;
    }

    /// A row's place on the path, in [0, 1] x [0, 1].
    fn at(&self, step: &Step) -> Pos2 {
        pos2(
            step.source_start as f32 / self.totals.0,
            step.target_start as f32 / self.totals.1,
        )
    }

    /// One bucket per pixel row of the map: the rows whose place falls in it.
    fn refresh_buckets(&mut self, generation: u64, height: usize) {
        if self.buckets_for == Some((generation, height)) {
            return;
        }
        self.buckets_for = Some((generation, height));
        self.buckets = vec![Bucket::default(); height.max(1)];
        let mut scores: Vec<Vec<f32>> = vec![Vec::new(); self.buckets.len()];
        for (index, step) in self.steps.iter().enumerate() {
            let y = (self.at(step).y * height as f32) as usize;
            let y = y.min(height.max(1) - 1);
            let bucket = &mut self.buckets[y];
            if bucket.rows == 0 {
                bucket.first = index;
            }
            bucket.rows += 1;
            bucket.locked += u32::from(step.locked);
            scores[y].extend(step.score);
            let problem = if step.score.is_some_and(|c| c < LOW_CONFIDENCE) {
                Some(Color32::RED)
            } else if !step.one_to_one {
                Some(NOT_ONE_TO_ONE)
            } else {
                None
            };
            bucket.problems += u32::from(problem.is_some());
            match (bucket.problem, problem) {
                (None, Some(colour)) => bucket.problem = Some((index, colour)),
                (Some((_, NOT_ONE_TO_ONE)), Some(Color32::RED)) => {
                    bucket.problem = Some((index, Color32::RED));
                }
                _ => {}
            }
        }
        for (bucket, mut scores) in self.buckets.iter_mut().zip(scores) {
            scores.sort_by(f32::total_cmp);
            let at = ((scores.len().saturating_sub(1)) as f32 * LOW_SHARE) as usize;
            bucket.low = scores.get(at).copied();
        }
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        generation: u64,
        selected: Option<usize>,
        in_view: Option<(usize, usize)>,
        commands: &mut Vec<AppCommand>,
    ) {
        self.refresh(project, generation);
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new("Alignment map").strong());
            if ui
                .small_button("Hide")
                .on_hover_text("Hide the map (View > Alignment map shows it again)")
                .clicked()
            {
                commands.push(ViewCommand::Show(Panel::Map, false).into());
            }
        });
        ui.label(
            egui::RichText::new("source across, target down; strip: confidence of the lowest tenth per line; red: low confidence, orange: not 1-1, blue: locked; band: rows in view")
                .small()
                .weak(),
        );
        let size = vec2(ui.available_width(), ui.available_height().max(80.0));
        let (rect, response) = ui.allocate_exact_size(size, Sense::click());
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
        self.marks_drawn = 0;
        if self.steps.is_empty() {
            return;
        }
        let strip =
            Rect::from_min_size(rect.min + vec2(2.0, 4.0), vec2(STRIP, rect.height() - 8.0));
        let area = Rect::from_min_max(
            pos2(strip.right() + 4.0, rect.top() + 4.0),
            rect.max - vec2(4.0, 4.0),
        );
        let place = |p: Pos2| area.min + vec2(p.x * area.width(), p.y * area.height());
        let height = area.height().max(1.0) as usize;
        self.refresh_buckets(generation, height);

        if let Some((first, last)) = in_view
            && let Some(a) = self.steps.get(first)
            && last < self.steps.len()
        {
            let end = self.steps.get(last + 1).map_or(1.0, |s| self.at(s).y);
            let top = place(self.at(a)).y;
            let bottom = place(pos2(0.0, end)).y.max(top + 2.0);
            let band = Rect::from_x_y_ranges(rect.x_range(), top..=bottom);
            let colour = ui.visuals().selection.bg_fill;
            painter.rect_filled(band, 0.0, colour.gamma_multiply(0.25));
            painter.rect_stroke(
                band,
                0.0,
                Stroke::new(1.0, colour),
                egui::StrokeKind::Inside,
            );
        }
        painter.line_segment(
            [area.left_top(), area.right_bottom()],
            Stroke::new(1.0, ui.visuals().weak_text_color().gamma_multiply(0.3)),
        );
        let path: Vec<Pos2> = self.path.iter().map(|p| place(*p)).collect();
        painter.add(Shape::line(
            path,
            Stroke::new(1.5, ui.visuals().text_color()),
        ));

        let book_share =
            self.buckets.iter().map(|b| b.problems).sum::<u32>() as f32 / self.steps.len() as f32;
        let pixel = strip.height() / self.buckets.len() as f32;
        for (y, bucket) in self.buckets.iter().enumerate() {
            if bucket.rows == 0 {
                continue;
            }
            let top = strip.top() + y as f32 * pixel;
            if let Some(low) = bucket.low {
                let line =
                    Rect::from_min_size(pos2(strip.left(), top), vec2(STRIP, pixel.max(1.0)));
                painter.rect_filled(line, 0.0, confidence_colour(low));
            }
            let mark = |index: usize| place(self.at(&self.steps[index]));
            if let Some((index, colour)) = bucket.problem {
                let colour = colour.gamma_multiply(mark_strength(bucket, book_share));
                painter.circle_filled(mark(index), 2.5, colour);
                self.marks_drawn += 1;
            } else if bucket.rows == 1 && bucket.locked == 1 {
                painter.circle_filled(mark(bucket.first), 1.5, LOCKED);
                self.marks_drawn += 1;
            }
        }
        if let Some(step) = selected.and_then(|i| self.steps.get(i)) {
            let point = place(self.at(step));
            let stroke = Stroke::new(1.0, ui.visuals().selection.stroke.color);
            painter.hline(area.x_range(), point.y, stroke);
            painter.vline(point.x, area.y_range(), stroke);
        }
        let rows = self.steps.len();
        let described = match in_view {
            Some((first, last)) => format!(
                "Alignment map: rows {}–{} of {rows} in view, {} marked places; click to jump",
                first + 1,
                last + 1,
                self.marks_drawn
            ),
            None => format!("Alignment map of {rows} rows; click to jump"),
        };
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, described.clone()));
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

/// How strongly a pixel row's problem mark is drawn: by how much denser its problems are
/// than the book's (`book_share` of all rows). Where problems are spread evenly (a book whose
/// every page has a doubtful bead or two) the marks are faint and the path stays readable; a
/// cluster, or a single doubtful row in a short text, is strong. How doubtful the book is
/// as a whole the strip shows.
fn mark_strength(bucket: &Bucket, book_share: f32) -> f32 {
    let share = bucket.problems as f32 / bucket.rows.max(1) as f32;
    let denser = share / book_share.max(f32::EPSILON);
    ((denser - 1.0) / 3.0).clamp(0.15, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ImportedRow;

    /// A project of one-sentence rows with the given confidences.
    fn scored(scores: impl IntoIterator<Item = f32>) -> Project {
        let mut project = Project::new("map", "sv", "en");
        project.append_imported(
            scores
                .into_iter()
                .enumerate()
                .map(|(i, score)| ImportedRow {
                    source: format!("Mening {i}."),
                    target: format!("Sentence {i}."),
                    score: Some(score),
                    ..ImportedRow::default()
                }),
        );
        project
    }

    fn strip(project: &Project, height: usize) -> Vec<Option<f32>> {
        let mut map = AlignmentMap::prepared(project, 1);
        map.refresh_buckets(1, height);
        map.buckets.iter().map(|b| b.low).collect()
    }

    #[test]
    fn a_book_strip_is_red_where_many_rows_are_doubtful_not_wherever_one_is() {
        // 2,000 rows on 20 pixel rows (100 rows each): one row in 40 is doubtful everywhere,
        // and rows 1,000-1,199 are all doubtful.
        let project = scored((0..2000).map(|i| match i {
            1000..1200 => 0.3,
            _ if i % 40 == 0 => 0.2,
            _ => 0.95,
        }));
        let low = strip(&project, 20);
        for (y, value) in low.iter().enumerate() {
            let value = value.unwrap();
            if y == 10 || y == 11 {
                assert_eq!(value, 0.3, "pixel row {y}: the doubtful block");
            } else {
                assert_eq!(
                    value, 0.95,
                    "pixel row {y}: one doubtful row in 40 is not red"
                );
            }
        }
    }

    #[test]
    fn a_short_text_strip_shows_its_one_doubtful_row() {
        // 40 rows on 20 pixel rows: each pixel row holds two rows, so the lowest is shown.
        let project = scored((0..40).map(|i| if i == 7 { 0.2 } else { 0.95 }));
        let low = strip(&project, 20);
        assert_eq!(low[3], Some(0.2));
        assert!(low[3].unwrap() < LOW_CONFIDENCE);
        assert_eq!(low.iter().filter(|v| **v == Some(0.95)).count(), 19);
    }

    #[test]
    fn marks_are_strong_where_problems_cluster_and_faint_where_they_are_spread_evenly() {
        let line = |rows, problems| Bucket {
            rows,
            problems,
            ..Bucket::default()
        };
        // A book with one problem row in 20 everywhere: its lines are faint.
        assert_eq!(mark_strength(&line(170, 9), 0.05), 0.15);
        // A line of that book where a third of the rows are doubtful is drawn at full strength.
        assert_eq!(mark_strength(&line(170, 60), 0.05), 1.0);
        // Twice the book's density: in between.
        let twice = mark_strength(&line(170, 17), 0.05);
        assert!(0.3 < twice && twice < 0.4, "{twice}");
        // A short text's single doubtful row is strong.
        assert_eq!(mark_strength(&line(1, 1), 1.0 / 40.0), 1.0);
    }
}
