//! The status bar: the project's statistics (the core's `Statistics`: rows, words per side,
//! rows per status, percent done, findings of the checks), running jobs with progress and
//! cancel, and the last message. The statistics are computed once per change of the project
//! or of the findings, from word counts cached per row revision; the changes since each
//! milestone (a review, with word diffs) only when the pointer rests on the figures.

use std::collections::HashMap;

use eframe::egui::{self, RichText, Ui};

use crate::{MilestoneCounts, Project, RowId, Statistics, Status, TextCounts};

use super::commands::{AppCommand, Panel, ViewCommand};
use super::grid::status_colour;
use super::jobs::Jobs;
use super::qa::Qa;

#[derive(Default)]
pub struct StatusBar {
    /// The statistics and the (generation, findings version) they were computed for.
    stats: Option<((u64, u64), Statistics)>,
    /// Counts per row, with the row's revision count they were made at (every text change
    /// adds a revision, so a count never outlives the text it was made for).
    counts: HashMap<RowId, (usize, [TextCounts; 2])>,
    /// Changes since each milestone, for the generation they were computed at.
    milestones: Option<(u64, Vec<MilestoneCounts>)>,
    /// How many times the statistics were computed (once per change, not per frame).
    computed: u64,
}

impl StatusBar {
    /// Counts for a project (on a helper thread when opening a big project).
    pub fn prepared(project: &Project, generation: u64) -> StatusBar {
        let mut bar = StatusBar::default();
        bar.refresh(project, generation, None);
        bar
    }

    /// The statistics shown, once computed.
    pub fn statistics(&self) -> Option<&Statistics> {
        self.stats.as_ref().map(|(_, s)| s)
    }

    /// How many times the statistics were computed.
    pub fn times_computed(&self) -> u64 {
        self.computed
    }

    fn refresh(&mut self, project: &Project, generation: u64, qa: Option<&Qa>) {
        let key = (generation, qa.map_or(0, Qa::version));
        if self.stats.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        let counts = &mut self.counts;
        let findings = qa
            .filter(|qa| qa.checker().is_some())
            .map(|qa| qa.by_check().clone());
        let stats = Statistics::counted(
            project,
            |row| {
                let revision = row.history.len();
                match counts.get(&row.id) {
                    Some((k, counted)) if *k == revision => *counted,
                    _ => {
                        let counted = [TextCounts::of(&row.source), TextCounts::of(&row.target)];
                        counts.insert(row.id, (revision, counted));
                        counted
                    }
                }
            },
            findings,
        );
        self.stats = Some((key, stats));
        self.computed += 1;
    }

    #[allow(clippy::too_many_arguments)]
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: Option<(&Project, u64)>,
        shown: usize,
        qa: &Qa,
        jobs: &Jobs,
        message: Option<&str>,
        commands: &mut Vec<AppCommand>,
    ) {
        ui.horizontal(|ui| {
            if let Some((project, generation)) = project {
                self.refresh(project, generation, Some(qa));
                self.figures(ui, project, generation, shown, commands);
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

    fn figures(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        generation: u64,
        shown: usize,
        commands: &mut Vec<AppCommand>,
    ) {
        let Some((_, stats)) = &self.stats else {
            return;
        };
        let group = ui
            .horizontal(|ui| {
                ui.label(if shown == stats.rows {
                    format!("{} rows", stats.rows)
                } else {
                    format!("{shown} of {} rows shown", stats.rows)
                });
                ui.separator();
                ui.label(format!(
                    "{} / {} words",
                    stats.source.words, stats.target.words
                ));
                ui.separator();
                for status in Status::ALL {
                    let (swatch, _) =
                        ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                    ui.painter().rect_filled(swatch, 2.0, status_colour(status));
                    let rows = stats.statuses.get(status.name()).map_or(0, |s| s.rows);
                    ui.label(format!("{rows} {}", status.name()));
                }
                ui.separator();
                ui.label(format!("{:.0}% done", stats.percent_done));
            })
            .response;
        if let Some(findings) = &stats.findings {
            ui.separator();
            let total: usize = findings.values().sum();
            let text = match total {
                0 => "no findings".to_string(),
                1 => "1 finding".to_string(),
                n => format!("{n} findings"),
            };
            let response = ui
                .link(text)
                .on_hover_text("Show the findings of the checks (View > Checks)");
            if response.clicked() {
                commands.push(ViewCommand::Show(Panel::Checks, true).into());
            }
        }
        let hover = ui.interact(
            group.rect,
            egui::Id::unique("statistics-figures"),
            egui::Sense::hover(),
        );
        if hover.hovered() {
            if self
                .milestones
                .as_ref()
                .is_none_or(|(g, _)| *g != generation)
            {
                self.milestones = Some((generation, Statistics::milestone_counts(project)));
            }
            let milestones = self.milestones.as_ref().map_or(&[][..], |(_, m)| m);
            if let Some((_, stats)) = &self.stats {
                hover.on_hover_ui(|ui| details(ui, stats, milestones));
            }
        }
    }
}

/// The statistics in full: words and characters per side and status, findings by check, and
/// the changes since each milestone.
fn details(ui: &mut Ui, stats: &Statistics, milestones: &[MilestoneCounts]) {
    egui::Grid::new("statistics").striped(true).show(ui, |ui| {
        ui.label(RichText::new("rows").strong());
        ui.label(RichText::new("source words / characters").strong());
        ui.label(RichText::new("target words / characters").strong());
        ui.end_row();
        for (name, counts) in &stats.statuses {
            ui.label(format!("{} {name}", counts.rows));
            ui.label(format!(
                "{} / {}",
                counts.source.words, counts.source.characters
            ));
            ui.label(format!(
                "{} / {}",
                counts.target.words, counts.target.characters
            ));
            ui.end_row();
        }
        ui.label(format!("{} in all ({} locked)", stats.rows, stats.locked));
        ui.label(format!(
            "{} / {}",
            stats.source.words, stats.source.characters
        ));
        ui.label(format!(
            "{} / {}",
            stats.target.words, stats.target.characters
        ));
        ui.end_row();
    });
    if let Some(findings) = &stats.findings {
        let found: Vec<String> = findings
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(id, n)| format!("{id} {n}"))
            .collect();
        ui.label(if found.is_empty() {
            "Findings: none".to_string()
        } else {
            format!("Findings: {}", found.join(", "))
        });
    }
    for m in milestones {
        ui.label(format!(
            "Since “{}”: {} rows changed ({} accepted, {} reverted, {} to review)",
            m.name, m.changed, m.accepted, m.reverted, m.remaining
        ));
    }
}
