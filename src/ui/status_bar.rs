//! The status bar: size and progress of the project, running jobs with progress and cancel,
//! and the last message. Word counts are cached per row, so that after an edit only the
//! changed rows are counted again.

use std::collections::HashMap;

use eframe::egui::{self, RichText, Ui};

use crate::{Project, ProjectStats, RowId, Side, Status};

use super::grid::status_colour;
use super::jobs::Jobs;

#[derive(Default)]
pub struct StatusBar {
    stats: Option<(u64, ProjectStats)>,
    /// Words per row, with the row's revision count they were counted at (every text change
    /// adds a revision, so a count never outlives the text it was made for).
    words: HashMap<RowId, (usize, [usize; 2])>,
}

impl StatusBar {
    /// Counts for a project (on a helper thread when opening a big project).
    pub fn prepared(project: &Project, generation: u64) -> StatusBar {
        let mut bar = StatusBar::default();
        bar.refresh(project, generation);
        bar
    }

    fn refresh(&mut self, project: &Project, generation: u64) {
        if self.stats.as_ref().is_some_and(|(g, _)| *g == generation) {
            return;
        }
        let words = &mut self.words;
        let stats = ProjectStats::of_with(project, |row| {
            let key = row.history.len();
            match words.get(&row.id) {
                Some((k, counts)) if *k == key => *counts,
                _ => {
                    let counts = [
                        ProjectStats::words_in(&row.source),
                        ProjectStats::words_in(&row.target),
                    ];
                    words.insert(row.id, (key, counts));
                    counts
                }
            }
        });
        self.stats = Some((generation, stats));
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: Option<(&Project, u64)>,
        shown: usize,
        jobs: &Jobs,
        message: Option<&str>,
    ) {
        ui.horizontal(|ui| {
            if let Some((project, generation)) = project {
                self.refresh(project, generation);
                if let Some((_, stats)) = &self.stats {
                    let rows = if shown == stats.rows {
                        format!("{} rows", stats.rows)
                    } else {
                        format!("{shown} of {} rows shown", stats.rows)
                    };
                    ui.label(rows);
                    ui.separator();
                    ui.label(format!(
                        "{} / {} words",
                        stats.words(Side::Source),
                        stats.words(Side::Target)
                    ));
                    ui.separator();
                    for status in Status::ALL {
                        let (swatch, _) =
                            ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                        ui.painter().rect_filled(swatch, 2.0, status_colour(status));
                        ui.label(format!("{} {}", stats.count(status), status.name()));
                    }
                    ui.separator();
                    ui.label(format!("{:.0}% done", stats.percent_done()));
                }
            }
            for job in &jobs.running {
                ui.separator();
                ui.label(&job.label);
                match job.progress.fraction() {
                    Some(fraction) => ui.add(
                        egui::ProgressBar::new(fraction)
                            .desired_width(120.0)
                            .show_percentage(),
                    ),
                    None => ui.spinner(),
                };
                if job.cancel == super::jobs::Cancel::Allowed && ui.small_button("Cancel").clicked()
                {
                    job.progress.cancel();
                }
            }
            if let Some(message) = message {
                ui.separator();
                ui.label(RichText::new(message).italics());
            }
        });
    }
}
