//! The handler of find and replace commands: stepping through matches (the match is selected
//! in the cell when it is in the side being edited; a match in the other side is highlighted
//! there and does not switch the row's edited side), replace one, replace all (one edit).

use crate::Side;

use super::app::TolkApp;
use super::commands::FindCommand;

impl TolkApp {
    pub(super) fn run_find(&mut self, command: FindCommand) {
        match command {
            FindCommand::Show { replace } => {
                let find = &mut self.panels.find;
                find.open = true;
                find.replace_mode = replace;
                find.wants_focus = true;
            }
            FindCommand::Next { backwards } => self.find_next(backwards),
            FindCommand::ReplaceOne => self.replace_one(),
            FindCommand::ReplaceAll => self.replace_all(),
        }
    }

    fn find_next(&mut self, backwards: bool) {
        let Some(doc) = &self.doc else {
            return;
        };
        let selected = self.selected_index();
        let find = &mut self.panels.find;
        let found = match find.matches(doc.project(), doc.generation()) {
            Ok(found) if !found.is_empty() => found.clone(),
            Ok(_) => {
                self.message = Some("No matches".to_string());
                return;
            }
            Err(error) => {
                self.message = Some(error.clone());
                return;
            }
        };
        let n = found.len();
        let next = match (find.current, backwards) {
            (Some(i), false) if i < n => (i + 1) % n,
            (Some(i), true) if i < n => (i + n - 1) % n,
            (_, false) => found
                .iter()
                .position(|m| Some(m.index) >= selected)
                .unwrap_or(0),
            (_, true) => found
                .iter()
                .rposition(|m| Some(m.index) <= selected)
                .unwrap_or(n - 1),
        };
        find.current = Some(next);
        let target = &found[next];
        let side = self.editor_side();
        if selected != Some(target.index) {
            self.select_index(target.index);
            if side == Side::Source {
                self.open_editor(target.index, Side::Source, None);
            }
        }
        let Some(text) = self
            .doc
            .as_ref()
            .and_then(|d| d.project().rows.get(target.index))
            .map(|r| r.text(target.side).to_string())
        else {
            return;
        };
        if let Some(editor) = self.editor.as_mut().filter(|e| e.side == target.side) {
            let chars = |byte: usize| text[..byte.min(text.len())].chars().count();
            let (start, end) = (chars(target.range.start), chars(target.range.end));
            editor.cursor = Some(start);
            editor.place_caret = Some((start, end));
            editor.wants_focus = true;
        }
    }

    fn replace_one(&mut self) {
        self.commit_cell();
        let Some(doc) = &self.doc else {
            return;
        };
        let find = &mut self.panels.find;
        let (Some(matcher), Ok(found)) = (
            find.matcher(),
            find.matches(doc.project(), doc.generation()).clone(),
        ) else {
            return;
        };
        let Some(current) = find.current.and_then(|i| found.get(i)) else {
            self.find_next(false);
            return;
        };
        if let Some(edit) = matcher.replace_one(doc.project(), current, &find.replacement.clone()) {
            self.apply(edit);
            let find = &mut self.panels.find;
            find.current = find.current.map(|i| i.saturating_sub(1));
        }
        self.find_next(false);
    }

    fn replace_all(&mut self) {
        self.commit_cell();
        let Some(doc) = &self.doc else {
            return;
        };
        let find = &self.panels.find;
        let Some(matcher) = find.matcher() else {
            self.message = Some("Nothing to find".to_string());
            return;
        };
        let count = matcher.find_all(doc.project()).len();
        match matcher.replace_all(doc.project(), &find.replacement) {
            Some(edit) => {
                if self.apply(edit) {
                    self.message = Some(format!("Replaced {count} occurrences (one undo step)"));
                }
            }
            None => self.message = Some("No matches".to_string()),
        }
        self.panels.find.current = None;
    }
}
