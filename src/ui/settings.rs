//! The window's own settings (author, font size, theme, layout, recent files), stored by eframe
//! apart from any project and outside its undo history; and the Preferences window.

use std::path::{Path, PathBuf};

use eframe::egui;
use serde::{Deserialize, Serialize};

const MAX_RECENT: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub author: String,
    pub font_size: f32,
    pub theme: Theme,
    /// Share of the text width given to the source column.
    pub source_share: f32,
    pub show_map: bool,
    pub recent: Vec<PathBuf>,
    /// The languages of the last new project (File > New starts with them).
    pub source_lang: String,
    pub target_lang: String,
    /// The user's own word list (words accepted in every project); `None`: the core's default
    /// (`$TOLK_USER_WORDS`, else `~/.config/tolk/words.txt`).
    pub user_words: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            author: std::env::var("TOLK_AUTHOR")
                .or_else(|_| std::env::var("USER"))
                .unwrap_or_default(),
            font_size: 14.0,
            theme: Theme::System,
            source_share: 0.5,
            show_map: true,
            recent: Vec::new(),
            source_lang: "sv".to_string(),
            target_lang: "en".to_string(),
            user_words: None,
        }
    }
}

impl Settings {
    /// Puts a file first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// Applies font size and theme to the context.
    pub fn apply(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.theme {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        });
        let size = self.font_size.clamp(8.0, 32.0);
        ctx.all_styles_mut(|style| {
            for (text_style, font) in style.text_styles.iter_mut() {
                font.size = match text_style {
                    egui::TextStyle::Small => size * 0.75,
                    egui::TextStyle::Heading => size * 1.4,
                    _ => size,
                };
            }
        });
    }
}

/// The Preferences window; returns true when a setting changed.
pub fn preferences_ui(ui: &mut egui::Ui, settings: &mut Settings) -> bool {
    let before = settings.clone();
    egui::Grid::new("preferences")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label("Author name");
            ui.text_edit_singleline(&mut settings.author)
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Font size");
            ui.add(egui::Slider::new(&mut settings.font_size, 10.0..=28.0).step_by(1.0))
                .labelled_by(label.id);
            ui.end_row();
            ui.label("Theme");
            ui.horizontal(|ui| {
                ui.radio_value(&mut settings.theme, Theme::System, "System");
                ui.radio_value(&mut settings.theme, Theme::Light, "Light");
                ui.radio_value(&mut settings.theme, Theme::Dark, "Dark");
            });
            ui.end_row();
        });
    *settings != before
}
