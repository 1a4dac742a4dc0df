//! The bottom dock: the history, review, checks and concordance panels as tabs of one
//! resizable, collapsible panel, so that with everything open the grid keeps room for at least
//! eight rows. egui remembers the dock's height between sessions (its panel state is stored
//! with the window's).

use crate::Document;
use eframe::egui::{self, RichText, Ui};

use super::app::Panels;
use super::commands::AppCommand;
use super::qa::Qa;
use super::qa_panel::QaView;

/// Which tab of the dock is in front.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    History,
    Review,
    Checks,
    Concordance,
}

/// The dock's own state: the tab in front and whether it is folded to its tab bar.
#[derive(Debug, Default)]
pub struct Dock {
    pub tab: Tab,
    pub collapsed: bool,
}

impl Dock {
    /// Brings a tab to the front, unfolding the dock.
    pub fn show(&mut self, tab: Tab) {
        self.tab = tab;
        self.collapsed = false;
    }
}

/// The grid's share of the height the dock may never take (about eight rows of text).
fn reserved_for_grid(ui: &Ui) -> f32 {
    let line = ui.text_style_height(&egui::TextStyle::Body);
    8.0 * (line + 12.0) + line * 2.0
}

pub fn bottom_dock(
    ui: &mut Ui,
    panels: &mut Panels,
    doc: &Document,
    selected: Option<usize>,
    qa: &Qa,
    commands: &mut Vec<AppCommand>,
) {
    let tabs: Vec<Tab> = [
        (panels.show_history, Tab::History),
        (panels.review.open, Tab::Review),
        (panels.qa.open, Tab::Checks),
        (panels.concordance.open, Tab::Concordance),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, tab)| tab)
    .collect();
    let Some(&first) = tabs.first() else {
        return;
    };
    if !tabs.contains(&panels.dock.tab) {
        panels.dock.tab = first;
    }
    let bar = ui.text_style_height(&egui::TextStyle::Body) + 12.0;
    let most = (ui.available_height() - reserved_for_grid(ui)).max(bar + 40.0);
    let panel = egui::Panel::bottom("dock");
    let panel = if panels.dock.collapsed {
        panel.resizable(false).exact_size(bar)
    } else {
        panel
            .resizable(true)
            .default_size(180.0_f32.min(most))
            .size_range(bar + 40.0..=most)
    };
    panel.show(ui, |ui| {
        ui.horizontal(|ui| {
            let fold = if panels.dock.collapsed {
                "Unfold"
            } else {
                "Fold"
            };
            let hint = if panels.dock.collapsed {
                "Unfold the panel"
            } else {
                "Fold the panel to its tabs (the grid gets the room)"
            };
            if ui.small_button(fold).on_hover_text(hint).clicked() {
                panels.dock.collapsed = !panels.dock.collapsed;
            }
            for tab in &tabs {
                let name = match tab {
                    Tab::History => "History".to_string(),
                    Tab::Review => "Review".to_string(),
                    Tab::Checks => format!("Checks ({})", qa.total()),
                    Tab::Concordance => "Concordance".to_string(),
                };
                let front = panels.dock.tab == *tab;
                if ui
                    .selectable_label(front, RichText::new(name).strong())
                    .clicked()
                {
                    panels.dock.tab = *tab;
                    panels.dock.collapsed = false;
                }
            }
        });
        if panels.dock.collapsed {
            return;
        }
        ui.separator();
        match panels.dock.tab {
            Tab::History => {
                let row = selected.map(|i| &doc.project().rows[i]);
                panels.history.ui(ui, row, commands);
            }
            Tab::Review => {
                panels
                    .review
                    .ui(ui, doc.project(), doc.generation(), commands);
            }
            Tab::Checks => {
                let view = QaView {
                    project: doc.project(),
                    generation: doc.generation(),
                    qa,
                };
                panels.qa.ui(ui, view, commands);
            }
            Tab::Concordance => {
                let memories = qa.memories().memories.len();
                panels.concordance.ui(ui, memories, commands);
            }
        }
    });
}
