//! The history of the selected row: its revisions newest first (time, author, side, origin);
//! pick two to compare, see the word diff, or revert to one (which adds a revision).

use eframe::egui::{RichText, ScrollArea, Ui};

use crate::{Edit, Row, Side, revision_diff};

use super::commands::AppCommand;
use super::diff_view::show_diff;

#[derive(Default)]
pub struct HistoryPanel {
    /// The revisions picked for comparison (indices into the row's history), newest pick last.
    picked: Vec<usize>,
    picked_row: Option<crate::RowId>,
}

impl HistoryPanel {
    pub fn ui(&mut self, ui: &mut Ui, row: Option<&Row>, commands: &mut Vec<AppCommand>) {
        let Some(row) = row else {
            ui.weak("Select a row to see its history.");
            return;
        };
        if self.picked_row != Some(row.id) {
            self.picked.clear();
            self.picked_row = Some(row.id);
        }
        self.picked.retain(|i| *i < row.history.len());
        let (from, to) = self.comparison(row);
        match (from, to) {
            (Some(a), Some(b)) => {
                let side = row.history[b].side;
                ui.label(
                    RichText::new(format!("{} of #{} against #{}", side.name(), b + 1, a + 1))
                        .weak(),
                );
                if let Ok(diff) = revision_diff(row, a, b) {
                    show_diff(ui, &diff);
                }
            }
            (None, Some(b)) => {
                ui.label(
                    RichText::new(format!(
                        "#{} is the first {} revision",
                        b + 1,
                        row.history[b].side.name()
                    ))
                    .weak(),
                );
                ui.label(&row.history[b].text);
            }
            _ => {}
        }
        ui.separator();
        ui.label(
            RichText::new("Tick two revisions of one side to compare them.")
                .small()
                .weak(),
        );
        ScrollArea::vertical()
            .id_salt("history-list")
            .show(ui, |ui| {
                for (index, revision) in row.history.iter().enumerate().rev() {
                    ui.horizontal(|ui| {
                        let mut on = self.picked.contains(&index);
                        let label = format!(
                            "#{} {} · {} · {} · {}",
                            index + 1,
                            revision.side.name(),
                            origin_name(revision.origin),
                            if revision.author.is_empty() {
                                "unknown"
                            } else {
                                &revision.author
                            },
                            revision.at.strftime("%Y-%m-%d %H:%M")
                        );
                        if ui.checkbox(&mut on, label).changed() {
                            self.pick(index, on, row);
                        }
                        let current = row.text(revision.side) == revision.text;
                        if !current && ui.small_button("Revert to this").clicked() {
                            commands.push(AppCommand::Edit(Edit::Revert {
                                row: row.id,
                                side: revision.side,
                                revision: index,
                            }));
                        }
                    });
                }
            });
    }

    fn pick(&mut self, index: usize, on: bool, row: &Row) {
        self.picked.retain(|i| *i != index);
        if on {
            // Only revisions of one side compare: drop picks of the other side.
            let side = row.history[index].side;
            self.picked.retain(|i| row.history[*i].side == side);
            self.picked.push(index);
            if self.picked.len() > 2 {
                self.picked.remove(0);
            }
        }
    }

    /// The two revisions to compare: the picked pair, or the picked (or newest) revision
    /// against the one before it on the same side.
    fn comparison(&self, row: &Row) -> (Option<usize>, Option<usize>) {
        match self.picked.as_slice() {
            [a, b] => (Some(*a.min(b)), Some(*a.max(b))),
            [one] => (previous_of(row, *one), Some(*one)),
            _ => {
                let newest = row.history.len().checked_sub(1);
                (newest.and_then(|n| previous_of(row, n)), newest)
            }
        }
    }
}

fn previous_of(row: &Row, index: usize) -> Option<usize> {
    let side: Side = row.history[index].side;
    (0..index).rev().find(|i| row.history[*i].side == side)
}

pub fn origin_name(origin: crate::Origin) -> &'static str {
    use crate::Origin::*;
    match origin {
        Imported => "imported",
        Typed => "typed",
        Aligned => "aligned",
        Merged => "merged",
        Split => "split",
        Moved => "moved",
        Replaced => "replaced",
        Reverted => "reverted",
        Undone => "undone",
        Redone => "redone",
    }
}
