//! Review mode: every change since a chosen milestone, listed with a snippet of its word diff;
//! accept (mark reviewed, then go on to the next change) or revert (restore the milestone's
//! text) one change or all; step through the remaining ones, also by keyboard. Also where
//! milestones are created, renamed and deleted.

use eframe::egui::{self, RichText, ScrollArea, Ui};
use jiff::Timestamp;

use crate::{Edit, Milestone, Project, Review, ReviewState, accept_edit, revert_edit, review};

use super::commands::{AppCommand, RowCommand};
use super::diff_view::show_diff;

/// What the review keys ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Accept,
    Revert,
    Next,
    Previous,
}

#[derive(Default)]
pub struct ReviewPanel {
    pub open: bool,
    pub milestone: Option<String>,
    /// The change shown in detail (index into the review's items).
    pub current: Option<usize>,
    new_name: String,
    rename_to: String,
    cache: Option<((u64, String), Result<Review, String>)>,
}

impl ReviewPanel {
    /// The review for the chosen milestone in this version of the project (cached).
    pub fn review(&mut self, project: &Project, generation: u64) -> Option<&Review> {
        let name = self.milestone.clone()?;
        let key = (generation, name.clone());
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            self.cache = Some((key, review(project, &name).map_err(|e| e.to_string())));
        }
        self.cache.as_ref().and_then(|(_, r)| r.as_ref().ok())
    }

    /// The commands a review key gives: accept or revert the current change (accepting moves
    /// on to the next change still to review), or go to the next or previous one.
    pub fn verb(&mut self, verb: Verb, project: &Project, generation: u64) -> Vec<AppCommand> {
        let mut commands = Vec::new();
        let Some(name) = self.milestone.clone() else {
            return commands;
        };
        let Some(review) = self.review(project, generation).cloned() else {
            return commands;
        };
        let current = self.current.and_then(|i| review.items.get(i));
        match verb {
            Verb::Accept => {
                let Some(item) = current else {
                    return commands;
                };
                if let Ok(edit) = accept_edit(project, &name, &item.change.rows) {
                    commands.push(AppCommand::Edit(edit));
                }
                let next = review
                    .next_remaining(self.current)
                    .filter(|i| Some(*i) != self.current);
                match next {
                    Some(i) => self.go_to(i, &review, project, &mut commands),
                    None => self.current = None,
                }
            }
            Verb::Revert => {
                if let Some(item) = current.filter(|i| i.can_revert())
                    && let Ok(edit) = revert_edit(project, &name, &item.change.rows)
                {
                    commands.push(AppCommand::Edit(edit));
                }
            }
            Verb::Next | Verb::Previous => {
                let found = if verb == Verb::Next {
                    review.next_remaining(self.current)
                } else {
                    review.previous_remaining(self.current)
                };
                if let Some(i) = found {
                    self.go_to(i, &review, project, &mut commands);
                }
            }
        }
        commands
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        generation: u64,
        commands: &mut Vec<AppCommand>,
    ) {
        if self
            .milestone
            .as_ref()
            .is_some_and(|m| project.milestone(m).is_none())
        {
            self.milestone = None;
        }
        if self.milestone.is_none() {
            self.milestone = project.milestones.last().map(|m| m.name.clone());
        }
        self.milestones_row(ui, project, commands);
        let Some(name) = self.milestone.clone() else {
            ui.weak("Create a milestone (e.g. \"sent to reviewer\") to review every change made after it.");
            return;
        };
        let Some(review) = self.review(project, generation).cloned() else {
            return;
        };
        let counts = review.counts();
        ui.horizontal(|ui| {
            ui.label(format!(
                "{} changed · {} accepted · {} reverted · {} remaining",
                counts.changed, counts.accepted, counts.reverted, counts.remaining
            ));
            if ui.button("Previous change").clicked()
                && let Some(i) = review.previous_remaining(self.current)
            {
                self.go_to(i, &review, project, commands);
            }
            if ui.button("Next change").clicked()
                && let Some(i) = review.next_remaining(self.current)
            {
                self.go_to(i, &review, project, commands);
            }
            if ui
                .add_enabled(counts.changed > 0, egui::Button::new("Accept all"))
                .clicked()
                && let Ok(edit) = accept_edit(project, &name, &review.rows())
            {
                commands.push(AppCommand::Edit(edit));
            }
            let revertible = review.revertible_rows();
            if ui
                .add_enabled(!revertible.is_empty(), egui::Button::new("Revert all"))
                .clicked()
                && let Ok(edit) = revert_edit(project, &name, &revertible)
            {
                commands.push(AppCommand::Edit(edit));
            }
        });
        ui.separator();
        ui.columns(2, |columns| {
            self.list(&mut columns[0], &review, project, commands);
            self.detail(&mut columns[1], &review, &name, project, commands);
        });
    }

    fn go_to(
        &mut self,
        index: usize,
        review: &Review,
        project: &Project,
        commands: &mut Vec<AppCommand>,
    ) {
        self.current = Some(index);
        if let Some(row) = review.items[index]
            .change
            .rows
            .first()
            .and_then(|id| project.index_of(*id))
        {
            commands.push(RowCommand::Select(row).into());
        }
    }

    fn milestones_row(&mut self, ui: &mut Ui, project: &Project, commands: &mut Vec<AppCommand>) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("Review changes since").strong());
            egui::ComboBox::from_label("milestone")
                .selected_text(self.milestone.clone().unwrap_or_else(|| "(none)".into()))
                .show_ui(ui, |ui| {
                    for m in &project.milestones {
                        let text = format!("{} ({})", m.name, m.at.strftime("%Y-%m-%d %H:%M"));
                        if ui
                            .selectable_label(self.milestone.as_deref() == Some(&m.name), text)
                            .clicked()
                        {
                            self.milestone = Some(m.name.clone());
                            self.current = None;
                        }
                    }
                });
            ui.separator();
            let label = ui.label("New milestone");
            ui.add(
                egui::TextEdit::singleline(&mut self.new_name)
                    .desired_width(140.0)
                    .id_salt("new-milestone"),
            )
            .labelled_by(label.id);
            let name = self.new_name.trim().to_string();
            if ui
                .add_enabled(!name.is_empty(), egui::Button::new("Add"))
                .clicked()
            {
                commands.push(AppCommand::Edit(Edit::AddMilestone {
                    milestone: Milestone::new(name.clone(), Timestamp::now()),
                    index: None,
                }));
                self.milestone = Some(name);
                self.new_name.clear();
            }
            if let Some(current) = self.milestone.clone() {
                ui.separator();
                let label = ui.label("Rename to");
                ui.add(
                    egui::TextEdit::singleline(&mut self.rename_to)
                        .desired_width(120.0)
                        .id_salt("rename-milestone"),
                )
                .labelled_by(label.id);
                let to = self.rename_to.trim().to_string();
                if ui
                    .add_enabled(!to.is_empty(), egui::Button::new("Rename"))
                    .clicked()
                {
                    commands.push(AppCommand::Edit(Edit::RenameMilestone {
                        name: current.clone(),
                        to: to.clone(),
                    }));
                    self.milestone = Some(to);
                    self.rename_to.clear();
                }
                if ui.button("Delete milestone").clicked() {
                    commands.push(AppCommand::Edit(Edit::DeleteMilestone { name: current }));
                    self.milestone = None;
                }
            }
        });
    }

    fn list(
        &mut self,
        ui: &mut Ui,
        review: &Review,
        project: &Project,
        commands: &mut Vec<AppCommand>,
    ) {
        let height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        let width = ui.available_width();
        // One line per change: the snippet is cut with … rather than wrapped.
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        ScrollArea::vertical().id_salt("review-list").show_rows(
            ui,
            height,
            review.items.len(),
            |ui, range| {
                for index in range {
                    let item = &review.items[index];
                    let rows: Vec<String> = item
                        .change
                        .rows
                        .iter()
                        .filter_map(|id| project.index_of(*id))
                        .map(|i| (i + 1).to_string())
                        .collect();
                    let state = match item.state {
                        ReviewState::Remaining => "•",
                        ReviewState::Accepted => "accepted",
                        ReviewState::Reverted => "reverted",
                    };
                    let prefix = format!(
                        "row {} · {} · {state} · ",
                        rows.join("+"),
                        item.change.kind.name()
                    );
                    let diff = if item.change.target.is_changed() {
                        &item.change.target
                    } else {
                        &item.change.source
                    };
                    let job = snippet_job(ui, &prefix, diff, width);
                    if ui
                        .selectable_label(self.current == Some(index), job)
                        .clicked()
                    {
                        self.go_to(index, review, project, commands);
                    }
                }
            },
        );
    }

    fn detail(
        &mut self,
        ui: &mut Ui,
        review: &Review,
        name: &str,
        project: &Project,
        commands: &mut Vec<AppCommand>,
    ) {
        let Some(item) = self.current.and_then(|i| review.items.get(i)) else {
            ui.weak("Pick a change on the left, or press Next change (Alt+Page Down).");
            return;
        };
        let mut next_after_accept = None;
        ScrollArea::vertical()
            .id_salt("review-detail")
            .show(ui, |ui| {
                ui.label(RichText::new(format!("{:?}", item.change.kind)).strong());
                for (title, diff) in [
                    ("Source", &item.change.source),
                    ("Target", &item.change.target),
                ] {
                    if diff.is_changed() {
                        ui.label(RichText::new(title).weak());
                        show_diff(ui, diff);
                    }
                }
                ui.horizontal(|ui| {
                    if ui
                        .button("Accept")
                        .on_hover_text("Alt+Enter; goes on to the next change")
                        .clicked()
                        && let Ok(edit) = accept_edit(project, name, &item.change.rows)
                    {
                        commands.push(AppCommand::Edit(edit));
                        if let Some(next) = review
                            .next_remaining(self.current)
                            .filter(|i| Some(*i) != self.current)
                        {
                            next_after_accept = Some(next);
                        }
                    }
                    if ui
                        .add_enabled(item.can_revert(), egui::Button::new("Revert"))
                        .clicked()
                        && let Ok(edit) = revert_edit(project, name, &item.change.rows)
                    {
                        commands.push(AppCommand::Edit(edit));
                    }
                });
            });
        if let Some(next) = next_after_accept {
            self.go_to(next, review, project, commands);
        }
    }
}

/// One line for the list: the prefix, then the change's word diff, cut with … to the width.
fn snippet_job(ui: &Ui, prefix: &str, diff: &crate::Diff, width: f32) -> egui::text::LayoutJob {
    let format = egui::TextFormat {
        font_id: egui::FontId::proportional(ui.text_style_height(&egui::TextStyle::Body) - 2.0),
        color: ui.visuals().weak_text_color(),
        ..egui::TextFormat::default()
    };
    let mut line = egui::text::LayoutJob::default();
    line.append(prefix, 0.0, format);
    super::diff_view::append_diff(&mut line, ui, diff, true);
    line.wrap = egui::text::TextWrapping::truncate_at_width(width);
    line
}
