//! The status bar: size and progress of the project, running jobs with progress and cancel,
//! and the last message.

use crate::{ProjectStats, Side, Status};
use eframe::egui::{self, RichText, Ui};

use super::grid::status_colour;
use super::jobs::Jobs;

#[derive(Default)]
pub struct StatusBar {
    stats: Option<(u64, ProjectStats)>,
}

impl StatusBar {
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: Option<(&crate::Project, u64)>,
        shown: usize,
        jobs: &Jobs,
        message: Option<&str>,
    ) {
        ui.horizontal(|ui| {
            if let Some((project, generation)) = project {
                if self.stats.as_ref().is_none_or(|(g, _)| *g != generation) {
                    self.stats = Some((generation, ProjectStats::of(project)));
                }
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
                if ui.small_button("Cancel").clicked() {
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
