//! The main view: a virtualised two-column grid (source | target). Only the rows in view are
//! laid out; every other row's height comes from a cached estimate or an earlier measurement.
//! Misspelt words of the cells drawn are underlined (right-click one for suggestions and the
//! word lists); the gutter marks rows with notes and rows with findings of the checks.

use crate::{LOW_CONFIDENCE, Project, Row, RowId, Side, Status};
use eframe::egui::text::{LayoutJob, TextFormat};
use eframe::egui::{
    self, Align, Color32, CursorIcon, FontId, Id, Label, Layout, Rect, RichText, ScrollArea, Sense,
    Stroke, TextEdit, Ui, UiBuilder, pos2, vec2,
};

use super::commands::{AppCommand, CheckCommand, RowCommand};
use super::heights::{RowHeights, estimate_lines};
use super::qa::{Qa, SpellKey};

/// Width of the gutter: row number, status stripe, paragraph and lock marks, confidence bar.
const GUTTER: f32 = 64.0;
const GAP: f32 = 10.0;
const PAD: f32 = 4.0;
/// Height a row needs for the gutter's second line of marks (¶, notes, findings) under its
/// number: a one-line row that has any of them is made this tall, so that they are not cut off
/// by the next row.
const TWO_MARK_LINES: f32 = PAD + 14.0 + 16.0;
const SCROLLBAR: f32 = 14.0;

/// The cell being edited: its text lives here until it is committed as one revision.
#[derive(Debug, Clone, PartialEq)]
pub struct CellEditor {
    pub row: RowId,
    pub side: Side,
    pub text: String,
    /// Cursor position in characters, for splitting at the cursor.
    pub cursor: Option<usize>,
    /// A caret or selection (characters, start to end) to put into the field on the next
    /// frame: where a click landed, the start or end on arrival, a found match.
    pub place_caret: Option<(usize, usize)>,
    /// Give the text field keyboard focus on the next frame.
    pub wants_focus: bool,
}

/// What the grid shows this frame.
pub struct GridView<'a> {
    pub project: &'a Project,
    /// Changes whenever the project or the list of shown rows changes.
    pub content_key: (u64, u64),
    pub visible: &'a [usize],
    pub selected: Option<usize>,
    pub editor: &'a mut Option<CellEditor>,
    pub source_share: &'a mut f32,
    /// The find bar's query, whose matches are highlighted in the cells shown.
    pub highlight: Option<&'a crate::Matcher>,
    /// The checks: findings per row for the gutter, misspelt words for the cells.
    pub qa: &'a mut Qa,
}

/// A misspelt word right-clicked in a cell, with the dictionary's suggestions: what its
/// context menu offers.
#[derive(Debug, Clone, PartialEq)]
pub struct WordMenu {
    pub row: RowId,
    pub side: Side,
    /// The word's characters in the cell's text.
    pub chars: std::ops::Range<usize>,
    pub word: String,
    pub suggestions: Vec<String>,
}

/// What the cached heights were computed for: content key and layout (widths, font size).
type HeightsKey = ((u64, u64), (i32, i32, i32));

#[derive(Default)]
pub struct Grid {
    heights: RowHeights,
    heights_for: Option<HeightsKey>,
    /// A position in the shown rows to bring into view on the next frame.
    pub scroll_to: Option<usize>,
    last_viewport: Option<Rect>,
    /// The first and last row (project indices) drawn in the last frame, for the map.
    in_view: Option<(usize, usize)>,
    /// How many rows were wholly in view in the last frame.
    whole_rows: usize,
    /// The misspelt word last right-clicked, for its context menu.
    pub word_menu: Option<WordMenu>,
}

/// The core's status colour (shared with the HTML export) as an egui colour.
pub fn status_colour(status: Status) -> Color32 {
    let crate::Rgb(r, g, b) = status.colour();
    Color32::from_rgb(r, g, b)
}

/// Red for no confidence, through yellow, to green for full confidence.
pub fn confidence_colour(score: f32) -> Color32 {
    let s = score.clamp(0.0, 1.0);
    let (r, g) = if s < 0.5 {
        (220.0, 440.0 * s)
    } else {
        (440.0 * (1.0 - s), 190.0)
    };
    Color32::from_rgb(r as u8, g as u8, 40)
}

impl Grid {
    pub fn ui(&mut self, ui: &mut Ui, view: GridView<'_>, commands: &mut Vec<AppCommand>) {
        let full = ui.available_rect_before_wrap();
        let text_width = (full.width() - GUTTER - GAP - SCROLLBAR).max(120.0);
        let share = view.source_share.clamp(0.15, 0.85);
        let source_width = (text_width * share).round();
        let target_width = text_width - source_width;
        let columns = Columns {
            left: full.left(),
            source_width,
            target_width,
        };
        let (source_label, target_label) =
            self.header(ui, &columns, view.project, view.source_share, text_width);
        self.refresh_heights(ui, &view, &columns);

        let mut area = ScrollArea::vertical()
            .id_salt("grid")
            .auto_shrink([false, false]);
        if let Some(position) = self.scroll_to.take()
            && position < self.heights.len()
        {
            let (top, height) = self.heights.span(position);
            let visible = self
                .last_viewport
                .is_some_and(|v| top >= v.min.y && top + height <= v.max.y);
            if !visible {
                let view_height = self.last_viewport.map_or(400.0, |v| v.height());
                area = area.vertical_scroll_offset((top - view_height / 3.0).max(0.0));
            }
        }
        let labels = (source_label, target_label);
        let mut view = view;
        area.show_viewport(ui, |ui, viewport| {
            self.last_viewport = Some(viewport);
            let total = self.heights.total();
            ui.set_height(total);
            let origin = ui.max_rect().min;
            if self.heights.len() == 0 {
                return;
            }
            let mut position = self.heights.row_at(viewport.min.y);
            let mut changed = false;
            let first = view.visible[position];
            let (mut last, mut whole) = (first, 0);
            while position < self.heights.len() {
                let (top, height) = self.heights.span(position);
                if top > viewport.max.y {
                    break;
                }
                last = view.visible[position];
                if top >= viewport.min.y - 0.5 && top + height <= viewport.max.y + 0.5 {
                    whole += 1;
                }
                let rect =
                    Rect::from_min_size(origin + vec2(0.0, top), vec2(columns.total(), height));
                let measured = row_ui(
                    ui,
                    rect,
                    position,
                    &mut view,
                    &columns,
                    labels,
                    &mut self.word_menu,
                    commands,
                );
                let row = &view.project.rows[view.visible[position]];
                changed |= self
                    .heights
                    .measure(position, row.id, text_key(row), measured);
                position += 1;
            }
            if changed {
                ui.ctx().request_repaint();
            }
            self.in_view = Some((first, last));
            self.whole_rows = whole;
        });
    }

    /// The first and last row (project indices) drawn in the last frame.
    pub fn rows_drawn(&self) -> Option<(usize, usize)> {
        self.in_view
    }

    /// How many rows were wholly in view in the last frame.
    pub fn rows_in_view(&self) -> usize {
        self.whole_rows
    }

    /// Column titles and the splitter that resizes the columns; returns the titles' ids, which
    /// name the text fields for screen readers.
    fn header(
        &mut self,
        ui: &mut Ui,
        columns: &Columns,
        project: &Project,
        share: &mut f32,
        text_width: f32,
    ) -> (Id, Id) {
        let height = ui.text_style_height(&egui::TextStyle::Body) + 2.0 * PAD;
        let (rect, _) = ui.allocate_exact_size(vec2(columns.total(), height), Sense::hover());
        let title = |lang: &str, side: &str| RichText::new(format!("{side} ({lang})")).strong();
        let source_rect = Rect::from_min_size(
            pos2(columns.source_x(), rect.top()),
            vec2(columns.source_width, height),
        );
        let target_rect = Rect::from_min_size(
            pos2(columns.target_x(), rect.top()),
            vec2(columns.target_width, height),
        );
        ui.put(
            Rect::from_min_size(rect.min, vec2(GUTTER, height)),
            Label::new(RichText::new("#").weak()),
        );
        let source = ui.put(
            source_rect,
            Label::new(title(&project.meta.source_lang, "Source")).selectable(false),
        );
        let target = ui.put(
            target_rect,
            Label::new(title(&project.meta.target_lang, "Target")).selectable(false),
        );
        let splitter = Rect::from_center_size(
            pos2(columns.target_x() - GAP / 2.0, rect.center().y),
            vec2(GAP, height),
        );
        let response = ui
            .interact(splitter, Id::unique("column-splitter"), Sense::drag())
            .on_hover_cursor(CursorIcon::ResizeHorizontal);
        if response.dragged() {
            *share = (*share + response.drag_delta().x / text_width).clamp(0.15, 0.85);
        }
        ui.painter().vline(
            splitter.center().x,
            splitter.y_range(),
            ui.visuals().widgets.noninteractive.bg_stroke,
        );
        (source.id, target.id)
    }

    /// Re-estimates row heights when the rows, their texts or the column widths changed.
    fn refresh_heights(&mut self, ui: &Ui, view: &GridView<'_>, columns: &Columns) {
        let font_size = ui.text_style_height(&egui::TextStyle::Body);
        let layout_key = (
            columns.source_width as i32,
            columns.target_width as i32,
            (font_size * 10.0) as i32,
        );
        if self.heights_for == Some((view.content_key, layout_key)) {
            return;
        }
        self.heights_for = Some((view.content_key, layout_key));
        let char_width = font_size * 0.5;
        let line = font_size + 1.0;
        let rows = view.visible.iter().map(|&i| {
            let row = &view.project.rows[i];
            let lines = |text: &str, width: f32| {
                estimate_lines(text.chars().count(), width - 2.0 * PAD, char_width)
            };
            let count = lines(&row.source, columns.source_width)
                .max(lines(&row.target, columns.target_width));
            let height = count as f32 * line + 2.0 * PAD + 2.0;
            (row.id, text_key(row), height.max(gutter_height(row, false)))
        });
        self.heights.reset(layout_key, rows);
    }
}

/// What a row's cached height was measured for: its revision count (every text change adds a
/// revision; byte lengths would miss "a b" -> "ab.").
fn text_key(row: &Row) -> usize {
    row.history.len()
}

struct Columns {
    left: f32,
    source_width: f32,
    target_width: f32,
}

impl Columns {
    fn source_x(&self) -> f32 {
        self.left + GUTTER
    }
    fn target_x(&self) -> f32 {
        self.left + GUTTER + self.source_width + GAP
    }
    fn total(&self) -> f32 {
        GUTTER + self.source_width + GAP + self.target_width
    }
}

/// Draws one row into `rect`; returns the height its content needed.
#[allow(clippy::too_many_arguments)]
fn row_ui(
    ui: &mut Ui,
    rect: Rect,
    position: usize,
    view: &mut GridView<'_>,
    columns: &Columns,
    labels: (Id, Id),
    word_menu: &mut Option<WordMenu>,
    commands: &mut Vec<AppCommand>,
) -> f32 {
    let index = view.visible[position];
    let row = &view.project.rows[index];
    let selected = view.selected == Some(index);
    let response = ui.interact(rect, Id::unique(("row", row.id.0)), Sense::click());
    if (response.clicked() || response.secondary_clicked()) && !selected {
        commands.push(RowCommand::Select(index).into());
    }
    row_context_menu(&response, row, None, None, commands);
    let findings = findings_note(view.qa.findings_of(row.id));
    let findings_shown = findings.is_some();
    paint_row_frame(
        ui,
        rect,
        row,
        index,
        selected,
        response.hovered(),
        position == 0,
        findings.is_some(),
    );
    gutter_parts(ui, rect, row, index, findings);

    let mut height: f32 = 0.0;
    for (side, x, width, label) in [
        (
            Side::Source,
            columns.source_x(),
            columns.source_width,
            labels.0,
        ),
        (
            Side::Target,
            columns.target_x(),
            columns.target_width,
            labels.1,
        ),
    ] {
        let cell = Rect::from_min_size(pos2(x, rect.top() + PAD), vec2(width, f32::INFINITY));
        let mut child = ui.new_child(
            UiBuilder::new()
                .max_rect(cell)
                .layout(Layout::top_down(Align::Min)),
        );
        let highlights = |text: &str| {
            view.highlight
                .map(|m| m.ranges_in(side, text))
                .unwrap_or_default()
        };
        let editing = view
            .editor
            .as_mut()
            .filter(|e| selected && e.row == row.id && e.side == side);
        let cell_menu = word_menu
            .as_ref()
            .filter(|w| w.row == row.id && w.side == side);
        match editing {
            Some(editor) => {
                let found = highlights(&editor.text);
                let typed = SpellKey::Typed(xxhash_rust::xxh3::xxh3_64(editor.text.as_bytes()));
                let misspelt = view.qa.misspelt(row.id, side, typed, &editor.text);
                let marks = Marks {
                    found: &found,
                    misspelt: &misspelt,
                };
                let clicked = cell_editor_ui(
                    &mut child, editor, width, label, marks, row, cell_menu, commands,
                );
                if let Some(char_index) = clicked {
                    *word_menu = word_at(view.qa, row.id, side, &editor.text, char_index);
                }
            }
            None => {
                let text = row.text(side);
                let misspelt =
                    view.qa
                        .misspelt(row.id, side, SpellKey::Revision(row.history.len()), text);
                let response = if text.is_empty() {
                    child.add(
                        Label::new(RichText::new("—").weak())
                            .selectable(false)
                            .sense(Sense::click()),
                    )
                } else {
                    let marks = Marks {
                        found: &highlights(text),
                        misspelt: &misspelt,
                    };
                    let job = text_job(&child, text, marks, width);
                    child.add(Label::new(job).selectable(false).sense(Sense::click()))
                };
                let pointer = |response: &egui::Response| {
                    response
                        .interact_pointer_pos()
                        .map(|pointer| caret_at(&child, text, width, pointer - response.rect.min))
                };
                if response.clicked() {
                    let caret = pointer(&response);
                    commands.push(RowCommand::SelectAt { index, side, caret }.into());
                } else if response.secondary_clicked() {
                    if !selected {
                        commands.push(RowCommand::Select(index).into());
                    }
                    *word_menu =
                        pointer(&response).and_then(|c| word_at(view.qa, row.id, side, text, c));
                }
                let cell_menu = word_menu
                    .as_ref()
                    .filter(|w| w.row == row.id && w.side == side);
                let menu = Some(cell_menu_id(row.id, side));
                row_context_menu(&response, row, cell_menu, menu, commands);
            }
        }
        height = height.max(child.min_rect().height());
    }
    (height + 2.0 * PAD + 2.0).max(gutter_height(row, findings_shown))
}

/// The least height of a row's gutter: two lines when a mark goes under the row number.
fn gutter_height(row: &Row, has_findings: bool) -> f32 {
    if row.starts_paragraph || !row.notes.is_empty() || has_findings {
        TWO_MARK_LINES
    } else {
        0.0
    }
}

/// The misspelt word at a character of a cell's text, with its suggestions (`None`: the
/// character is in no misspelt word).
fn word_at(qa: &mut Qa, row: RowId, side: Side, text: &str, char_index: usize) -> Option<WordMenu> {
    let byte = text
        .char_indices()
        .nth(char_index)
        .map_or(text.len(), |(b, _)| b);
    let key = SpellKey::Typed(xxhash_rust::xxh3::xxh3_64(text.as_bytes()));
    let range = qa
        .misspelt(row, side, key, text)
        .into_iter()
        .find(|r| r.start <= byte && byte <= r.end)?;
    let word = text.get(range.clone())?.to_string();
    let chars = text[..range.start].chars().count()..text[..range.end].chars().count();
    let suggestions = qa
        .checker()
        .map(|c| c.suggestions(side, &word))
        .unwrap_or_default();
    Some(WordMenu {
        row,
        side,
        chars,
        word,
        suggestions,
    })
}

/// The context menu of a cell. A right-click on a row not yet selected selects it, which turns
/// the cell's text into a text field: the menu is named by row and side rather than by widget,
/// so that it stays open across that change.
fn cell_menu_id(row: RowId, side: Side) -> Id {
    Id::unique(("cell-menu", row.0, side.name()))
}

/// The row's context menu: a misspelt word's suggestions and word lists (when one was
/// right-clicked), its status, text, note and alignment actions (on the selected row, which a
/// right-click selects first). `id` names the menu (`None`: after the widget).
fn row_context_menu(
    response: &egui::Response,
    row: &Row,
    word: Option<&WordMenu>,
    id: Option<Id>,
    commands: &mut Vec<AppCommand>,
) {
    let mut popup = egui::Popup::context_menu(response);
    if let Some(id) = id {
        popup = popup.id(id);
    }
    popup.show(|ui| {
        if let Some(word) = word {
            spelling_entries(ui, word, commands);
            ui.separator();
        }
        super::menu::row_entries(ui, true, commands);
        ui.separator();
        note_entries(ui, row, commands);
        ui.separator();
        super::menu::alignment_entries(ui, true, commands);
    });
}

/// Suggestions for a misspelt word (each replaces it, as a typed revision) and the two word
/// lists that accept it.
fn spelling_entries(ui: &mut Ui, word: &WordMenu, commands: &mut Vec<AppCommand>) {
    ui.label(RichText::new(format!("“{}”", word.word)).strong());
    if word.suggestions.is_empty() {
        ui.weak("(no suggestions)");
    }
    for suggestion in word.suggestions.iter().take(8) {
        if ui.button(suggestion).clicked() {
            commands.push(
                CheckCommand::ReplaceWord {
                    row: word.row,
                    side: word.side,
                    chars: word.chars.clone(),
                    word: word.word.clone(),
                    with: suggestion.clone(),
                }
                .into(),
            );
            ui.close();
        }
    }
    ui.separator();
    if ui.button("Add to the project's word list").clicked() {
        commands.push(CheckCommand::AddProjectWord(word.word.clone()).into());
        ui.close();
    }
    if ui.button("Add to my word list (every project)").clicked() {
        commands.push(CheckCommand::AddUserWord(word.word.clone()).into());
        ui.close();
    }
}

/// Add a note to the row, or delete one of its notes.
fn note_entries(ui: &mut Ui, row: &Row, commands: &mut Vec<AppCommand>) {
    if ui.button("Add note…").clicked() {
        commands.push(CheckCommand::AskNote(row.id).into());
        ui.close();
    }
    if !row.notes.is_empty() {
        ui.menu_button("Delete note", |ui| {
            for (index, note) in row.notes.iter().enumerate() {
                let text: String = note.text.chars().take(60).collect();
                if ui.button(format!("{}: {text}", note.author)).clicked() {
                    commands.push(AppCommand::Edit(crate::Edit::DeleteNote {
                        row: row.id,
                        index,
                    }));
                    ui.close();
                }
            }
        });
    }
}

/// What the gutter's findings mark says: each finding of the row on one line (`None`: none).
fn findings_note(findings: &[crate::Finding]) -> Option<String> {
    if findings.is_empty() {
        return None;
    }
    let lines: Vec<String> = findings
        .iter()
        .take(8)
        .map(|f| format!("{}: {}", f.check, f.message))
        .collect();
    let more = findings.len().saturating_sub(8);
    Some(if more > 0 {
        format!("{}\n… and {more} more (View > Checks)", lines.join("\n"))
    } else {
        lines.join("\n")
    })
}

/// Tooltips (and names for screen readers) on the parts of the gutter: row number and
/// status stripe, paragraph mark, padlock, confidence bar.
fn gutter_parts(ui: &Ui, rect: Rect, row: &Row, index: usize, findings: Option<String>) {
    let part = |area: Rect, salt: &str, text: String| {
        let response = ui
            .interact(area, Id::unique((salt, row.id.0)), Sense::hover())
            .on_hover_text(text.clone());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text.clone()));
    };
    part(
        Rect::from_min_size(rect.min, vec2(34.0, rect.height().min(18.0))),
        "status-part",
        format!("Row {}: {}", index + 1, row.status.name()),
    );
    if row.starts_paragraph {
        part(
            Rect::from_min_size(rect.min + vec2(8.0, PAD + 14.0), vec2(12.0, 14.0)),
            "paragraph-part",
            format!("Row {} starts a paragraph", index + 1),
        );
    }
    if row.locked {
        part(
            Rect::from_min_size(rect.min + vec2(34.0, PAD - 2.0), vec2(14.0, 16.0)),
            "lock-part",
            format!("Row {}: {LOCKED_NOTE}", index + 1),
        );
    }
    if !row.notes.is_empty() {
        let notes: Vec<String> = row
            .notes
            .iter()
            .map(|n| format!("{} ({}): {}", n.author, n.at.strftime("%Y-%m-%d"), n.text))
            .collect();
        part(
            Rect::from_min_size(rect.min + vec2(20.0, PAD + 12.0), vec2(12.0, 14.0)),
            "notes-part",
            format!("Row {}: notes\n{}", index + 1, notes.join("\n")),
        );
    }
    if let Some(findings) = findings {
        part(
            Rect::from_min_size(rect.min + vec2(34.0, PAD + 12.0), vec2(14.0, 14.0)),
            "findings-part",
            format!("Row {}: checks found\n{findings}", index + 1),
        );
    }
    if let Some(score) = row.score {
        let low = if score < LOW_CONFIDENCE {
            " (low: check this row)"
        } else {
            ""
        };
        part(
            Rect::from_min_size(
                pos2(rect.left() + GUTTER - 12.0, rect.top()),
                vec2(9.0, rect.height()),
            ),
            "confidence-part",
            format!("Row {}: aligner's confidence {score:.2}{low}", index + 1),
        );
    }
}

/// What a padlock means, where it is explained (tooltip, the edited cell's note).
pub const LOCKED_NOTE: &str = "alignment locked (confirmed by a person): realigning leaves it, merge, split and moves are refused until Ctrl+L unlocks it; its text can still be edited";

/// What is marked in a cell's text (byte ranges): find matches (highlighted) and misspelt
/// words (underlined).
#[derive(Clone, Copy, Default)]
struct Marks<'a> {
    found: &'a [std::ops::Range<usize>],
    misspelt: &'a [std::ops::Range<usize>],
}

/// The text of a cell with its find matches highlighted and misspelt words underlined. Ranges
/// that do not fit the text (made for its text of a frame before) are left out.
fn text_job(ui: &Ui, text: &str, marks: Marks<'_>, width: f32) -> LayoutJob {
    let font_id = egui::TextStyle::Body.resolve(ui.style());
    let plain = TextFormat {
        font_id,
        color: ui.visuals().text_color(),
        ..TextFormat::default()
    };
    let fits = |r: &&std::ops::Range<usize>| {
        r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    };
    let mut cuts = vec![0, text.len()];
    for range in marks.found.iter().chain(marks.misspelt).filter(fits) {
        cuts.extend([range.start, range.end]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    if text.is_empty() {
        job.append("", 0.0, plain);
        return job;
    }
    let inside = |ranges: &[std::ops::Range<usize>], a: usize, b: usize| {
        ranges.iter().any(|r| r.start <= a && b <= r.end)
    };
    for cut in cuts.windows(2) {
        let (a, b) = (cut[0], cut[1]);
        let mut format = plain.clone();
        if inside(marks.found, a, b) {
            format.background = Color32::from_rgba_unmultiplied(250, 200, 0, 110);
        }
        if inside(marks.misspelt, a, b) {
            format.underline = Stroke::new(1.5, Color32::from_rgb(220, 40, 40));
        }
        job.append(&text[a..b], 0.0, format);
    }
    job
}

/// The character a click at `offset` (from the text's top left) lands on.
fn caret_at(ui: &Ui, text: &str, width: f32, offset: egui::Vec2) -> usize {
    let job = text_job(ui, text, Marks::default(), width);
    let galley = ui.fonts_mut(|fonts| fonts.layout_job(job));
    galley.cursor_from_pos(offset).index.0
}

/// The edited cell; returns the character a right-click landed on (for a misspelt word's
/// menu).
#[allow(clippy::too_many_arguments)]
fn cell_editor_ui(
    ui: &mut Ui,
    editor: &mut CellEditor,
    width: f32,
    label: Id,
    marks: Marks<'_>,
    row: &Row,
    word: Option<&WordMenu>,
    commands: &mut Vec<AppCommand>,
) -> Option<usize> {
    let hint = match editor.side {
        Side::Source => "Source text (OCR fixes)",
        Side::Target => "Type the translation; Ctrl+Enter confirms",
    };
    let id = Id::unique(("cell", editor.row.0, editor.side.name()));
    if let Some((start, end)) = editor.place_caret.take() {
        let mut state = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::two(
                egui::text::CCursor::new(start),
                egui::text::CCursor::new(end),
            )));
        state.store(ui.ctx(), id);
    }
    let mut layouter = |ui: &Ui, text: &dyn egui::TextBuffer, wrap_width: f32| {
        let job = text_job(ui, text.as_str(), marks, wrap_width);
        ui.fonts_mut(|fonts| fonts.layout_job(job))
    };
    let output = TextEdit::multiline(&mut editor.text)
        .id(id)
        .desired_width(width)
        .desired_rows(1)
        .hint_text(hint)
        .layouter(&mut layouter)
        .show(ui);
    let mut response = output.response.response.clone().labelled_by(label);
    if row.locked {
        response = response.on_hover_text(format!("This row's {LOCKED_NOTE}"));
    }
    if editor.wants_focus {
        response.request_focus();
        editor.wants_focus = false;
    }
    if let Some(range) = output.cursor_range {
        editor.cursor = Some(range.primary.index.0);
    }
    if response.lost_focus() {
        commands.push(RowCommand::CommitCell.into());
    }
    let right_clicked = response
        .secondary_clicked()
        .then(|| response.interact_pointer_pos())
        .flatten()
        .map(|pointer| {
            output
                .galley
                .cursor_from_pos(pointer - output.galley_pos)
                .index
                .0
        });
    let menu = Some(cell_menu_id(row.id, editor.side));
    row_context_menu(&response, row, word, menu, commands);
    right_clicked
}

#[allow(clippy::too_many_arguments)]
fn paint_row_frame(
    ui: &Ui,
    rect: Rect,
    row: &Row,
    index: usize,
    selected: bool,
    hovered: bool,
    first: bool,
    has_findings: bool,
) {
    let painter = ui.painter();
    let visuals = ui.visuals();
    if selected {
        painter.rect_filled(rect, 2.0, visuals.selection.bg_fill.gamma_multiply(0.35));
    } else if hovered {
        painter.rect_filled(rect, 2.0, visuals.faint_bg_color);
    }
    let separator = if row.starts_paragraph && !first {
        Stroke::new(
            2.0,
            visuals.widgets.inactive.fg_stroke.color.gamma_multiply(0.6),
        )
    } else {
        Stroke::new(0.5, visuals.widgets.noninteractive.bg_stroke.color)
    };
    painter.hline(rect.x_range(), rect.top(), separator);
    let stripe = Rect::from_min_size(rect.min + vec2(2.0, 3.0), vec2(4.0, rect.height() - 6.0));
    painter.rect_filled(stripe, 1.0, status_colour(row.status));
    let small = FontId::monospace(11.0);
    let weak = visuals.weak_text_color();
    painter.text(
        rect.min + vec2(10.0, PAD),
        egui::Align2::LEFT_TOP,
        format!("{}", index + 1),
        small.clone(),
        weak,
    );
    if row.starts_paragraph {
        painter.text(
            rect.min + vec2(10.0, PAD + 14.0),
            egui::Align2::LEFT_TOP,
            "¶",
            small,
            weak,
        );
    }
    if !row.notes.is_empty() {
        paint_note(painter, rect.min + vec2(21.0, PAD + 14.0), weak);
    }
    if has_findings {
        paint_warning(painter, rect.min + vec2(35.0, PAD + 14.0));
    }
    if row.locked {
        paint_padlock(
            painter,
            rect.min + vec2(36.0, PAD),
            visuals.strong_text_color(),
        );
    }
    if let Some(score) = row.score {
        let bar = Rect::from_min_size(
            pos2(rect.left() + GUTTER - 10.0, rect.top() + 3.0),
            vec2(5.0, rect.height() - 6.0),
        );
        painter.rect_filled(bar, 1.0, visuals.extreme_bg_color);
        let filled = Rect::from_min_max(
            pos2(
                bar.left(),
                bar.bottom() - bar.height() * score.clamp(0.0, 1.0),
            ),
            bar.max,
        );
        painter.rect_filled(filled, 1.0, confidence_colour(score));
        if score < LOW_CONFIDENCE {
            painter.rect_stroke(
                bar.expand(1.0),
                1.0,
                Stroke::new(1.0, Color32::RED),
                egui::StrokeKind::Outside,
            );
        }
    }
}

/// A small padlock (drawn, so that it does not depend on an emoji font).
fn paint_padlock(painter: &egui::Painter, top_left: egui::Pos2, colour: Color32) {
    let body = Rect::from_min_size(top_left + vec2(0.0, 5.0), vec2(9.0, 7.0));
    painter.rect_filled(body, 1.0, colour);
    let shackle = Rect::from_min_size(top_left + vec2(2.0, 0.0), vec2(5.0, 7.0));
    painter.rect_stroke(
        shackle,
        2.5,
        Stroke::new(1.5, colour),
        egui::StrokeKind::Middle,
    );
}

/// A small note sheet with a folded corner (rows with notes).
fn paint_note(painter: &egui::Painter, top_left: egui::Pos2, colour: Color32) {
    let sheet = Rect::from_min_size(top_left, vec2(9.0, 11.0));
    painter.rect_stroke(
        sheet,
        1.0,
        Stroke::new(1.2, colour),
        egui::StrokeKind::Inside,
    );
    for y in [4.0, 7.0] {
        painter.hline(
            sheet.left() + 2.0..=sheet.right() - 2.0,
            sheet.top() + y,
            Stroke::new(1.0, colour),
        );
    }
}

/// A small warning triangle (rows the checks found something in).
fn paint_warning(painter: &egui::Painter, top_left: egui::Pos2) {
    let colour = Color32::from_rgb(230, 140, 0);
    let points = vec![
        top_left + vec2(5.0, 0.0),
        top_left + vec2(10.0, 10.0),
        top_left + vec2(0.0, 10.0),
    ];
    painter.add(egui::Shape::convex_polygon(points, colour, Stroke::NONE));
    painter.text(
        top_left + vec2(5.0, 5.5),
        egui::Align2::CENTER_CENTER,
        "!",
        FontId::proportional(8.0),
        Color32::BLACK,
    );
}
