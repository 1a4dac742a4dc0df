//! Cleans the words of a PDF's pages into paragraphs using the layout: reading order by
//! columns (XY-cut over pdftotext's blocks), running headers and footers (lines repeated near
//! the top or foot of nearby pages, fuzzily, so OCR variants and changing page numbers match),
//! page numbers, footnotes (small text below the body, moved after the paragraph holding their
//! marker; superscript markers dropped), paragraphs from indentation, vertical gaps and font
//! size. Line-end hyphens are then decided by the text import's rules
//! ([`crate::text::paragraphs_counting_hyphens`]), which see the lines in reading order.

use std::cmp::Ordering;

use super::ReadDocument;
use super::report::CleanupReport;

/// A box: x min, y min (top), x max, y max, in points from the page's top left.
pub type BBox = [f32; 4];

#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub bbox: BBox,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub bbox: BBox,
    pub words: Vec<Word>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub bbox: BBox,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub blocks: Vec<Block>,
}

fn height(b: &BBox) -> f32 {
    b[3] - b[1]
}

fn cmp(a: f32, b: f32) -> Ordering {
    a.partial_cmp(&b).unwrap_or(Ordering::Equal)
}

/// Pages to paragraphs and what was removed on the way.
pub fn clean(pages: &[Page]) -> ReadDocument {
    let body = body_size(pages);
    let mut report = CleanupReport {
        pages: pages.len(),
        ..CleanupReport::default()
    };
    let ordered: Vec<Vec<&Line>> = pages.iter().map(|p| reading_order(p, body)).collect();
    let pitch = line_pitch(&ordered, body);
    let margins = margin_lines(pages, &ordered, body, pitch, &mut report);
    let mut out = Output::default();
    for (p, lines) in ordered.iter().enumerate() {
        let kept: Vec<&Line> = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !margins[p][*i])
            .map(|(_, l)| *l)
            .collect();
        let page_markers: Vec<&str> = kept
            .iter()
            .flat_map(|l| l.words.iter().filter(|w| is_marker(w, l, body)))
            .map(|w| w.text.trim())
            .collect();
        let foot_zone = match pages[p].height {
            h if h > 0.0 => 0.5 * h,
            _ => 0.0,
        };
        let (text_lines, foot) = split_footnotes(&kept, body, pitch, foot_zone, &page_markers);
        let spans: Vec<(f32, f32)> = text_lines
            .iter()
            .filter(|l| line_size(l) >= 0.85 * body)
            .map(|l| (l.bbox[0], l.bbox[2]))
            .collect();
        let mut markers: Vec<(String, usize)> = Vec::new();
        let mut previous: Option<&Line> = None;
        for line in &text_lines {
            let size = line_size(line);
            let mut words = Vec::new();
            for word in &line.words {
                if is_marker(word, line, body) {
                    report.note_markers += 1;
                    markers.push((word.text.trim().to_string(), out.paragraphs.len()));
                } else {
                    words.push(word.text.as_str());
                }
            }
            if words.is_empty() {
                continue;
            }
            // A bullet alone on its line (pdftotext splits it from its item) starts the item.
            if words.len() == 1 && is_bullet(words[0]) {
                out.break_next = true;
                continue;
            }
            let heading = size > 1.2 * body;
            let left = column_left(&spans, line);
            let indented = line.bbox[0] - left > 0.8 * body;
            let gap = previous.is_some_and(|prev| {
                overlaps((prev.bbox[0], prev.bbox[2]), (line.bbox[0], line.bbox[2]))
                    && line.bbox[1] - prev.bbox[1] > 1.25 * pitch
            });
            let starts = out.paragraphs.is_empty() || heading || out.break_next || indented || gap;
            // A marker on a line that starts a paragraph belongs to that new paragraph.
            let index = if starts {
                out.paragraphs.len()
            } else {
                out.paragraphs.len() - 1
            };
            for marker in markers.iter_mut().filter(|m| m.1 > index) {
                marker.1 = index;
            }
            if starts {
                out.paragraphs.push(Paragraph::default());
            }
            let last = out.paragraphs.last_mut().expect("a paragraph was started");
            last.lines.push(words.join(" "));
            out.break_next = heading;
            previous = Some(line);
        }
        for note in group_notes(&foot) {
            report.notes_moved += 1;
            let holder = markers
                .iter()
                .find(|(m, _)| *m == note.0)
                .map(|(_, index)| *index)
                .or(out.paragraphs.len().checked_sub(1));
            match holder {
                Some(index) => out.paragraphs[index].notes.push(note.1),
                None => out.paragraphs.push(Paragraph {
                    lines: note.1,
                    notes: Vec::new(),
                }),
            }
        }
    }
    let (paragraphs, hyphens) = crate::text::paragraphs_counting_hyphens(&out.text());
    report.hyphens_joined = hyphens;
    let paragraphs = paragraphs
        .iter()
        .map(|p| super::flow::clean(&unligature(p)))
        .filter(|p| !p.is_empty())
        .collect();
    ReadDocument { paragraphs, report }
}

#[derive(Default)]
struct Paragraph {
    lines: Vec<String>,
    notes: Vec<Vec<String>>,
}

#[derive(Default)]
struct Output {
    paragraphs: Vec<Paragraph>,
    break_next: bool,
}

impl Output {
    /// Lines as text import expects them: a blank line between paragraphs, notes after theirs.
    fn text(&self) -> String {
        let mut text = String::new();
        for paragraph in &self.paragraphs {
            for block in std::iter::once(&paragraph.lines).chain(&paragraph.notes) {
                for line in block {
                    text.push_str(line);
                    text.push('\n');
                }
                text.push('\n');
            }
        }
        text
    }
}

fn unligature(text: &str) -> String {
    if !text.contains(['\u{fb00}', '\u{fb01}', '\u{fb02}', '\u{fb03}', '\u{fb04}']) {
        return text.to_string();
    }
    text.replace('\u{fb00}', "ff")
        .replace('\u{fb01}', "fi")
        .replace('\u{fb02}', "fl")
        .replace('\u{fb03}', "ffi")
        .replace('\u{fb04}', "ffl")
}

/// The body text's size: the median word height, weighted by letters.
fn body_size(pages: &[Page]) -> f32 {
    let mut sizes: Vec<(f32, usize)> = pages
        .iter()
        .flat_map(|p| &p.blocks)
        .flat_map(|b| &b.lines)
        .flat_map(|l| &l.words)
        .map(|w| {
            (
                height(&w.bbox),
                w.text.chars().filter(|c| c.is_alphabetic()).count(),
            )
        })
        .filter(|(h, n)| *n > 0 && *h > 0.0)
        .collect();
    sizes.sort_by(|a, b| cmp(a.0, b.0));
    let total: usize = sizes.iter().map(|s| s.1).sum();
    let mut seen = 0;
    for (h, n) in &sizes {
        seen += n;
        if seen * 2 >= total {
            return *h;
        }
    }
    10.0
}

/// A line's size: its tallest word that is not a superscript marker.
fn line_size(line: &Line) -> f32 {
    line.words
        .iter()
        .map(|w| height(&w.bbox))
        .fold(0.0, f32::max)
}

/// The usual distance from one line's top to the next one's in the body text.
fn line_pitch(pages: &[Vec<&Line>], body: f32) -> f32 {
    let mut steps: Vec<f32> = Vec::new();
    for lines in pages {
        for pair in lines.windows(2) {
            let step = pair[1].bbox[1] - pair[0].bbox[1];
            let same_size = (line_size(pair[0]) - body).abs() < 0.15 * body
                && (line_size(pair[1]) - body).abs() < 0.15 * body;
            if same_size && step > 0.5 * body && step < 3.0 * body {
                steps.push(step);
            }
        }
    }
    steps.sort_by(|a, b| cmp(*a, *b));
    steps.get(steps.len() / 2).copied().unwrap_or(1.2 * body)
}

/// Lines of a page in reading order: blocks cut into columns (left to right) where a gutter
/// runs through them, else into bands (top to bottom), recursively.
fn reading_order(page: &Page, body: f32) -> Vec<&Line> {
    let blocks: Vec<&Block> = page.blocks.iter().filter(|b| !b.lines.is_empty()).collect();
    let mut ordered = Vec::new();
    xy_cut(blocks, body, &mut ordered, 0);
    ordered.iter().flat_map(|b| b.lines.iter()).collect()
}

fn xy_cut<'a>(mut blocks: Vec<&'a Block>, body: f32, out: &mut Vec<&'a Block>, depth: usize) {
    if blocks.len() > 1 && depth < 64 {
        for (axis, gap) in [(0, 0.5 * body), (1, 0.0)] {
            let groups = split(&blocks, axis, gap);
            if groups.len() > 1 {
                for group in groups {
                    xy_cut(group, body, out, depth + 1);
                }
                return;
            }
        }
    }
    blocks.sort_by(|a, b| cmp(a.bbox[1], b.bbox[1]).then(cmp(a.bbox[0], b.bbox[0])));
    out.extend(blocks);
}

/// Groups blocks separated along `axis` (0: x, 1: y) by more than `gap`.
fn split<'a>(blocks: &[&'a Block], axis: usize, gap: f32) -> Vec<Vec<&'a Block>> {
    let mut sorted = blocks.to_vec();
    sorted.sort_by(|a, b| cmp(a.bbox[axis], b.bbox[axis]));
    let mut groups: Vec<Vec<&Block>> = Vec::new();
    let mut end = f32::NEG_INFINITY;
    for block in sorted {
        if groups.is_empty() || block.bbox[axis] > end + gap {
            groups.push(Vec::new());
        }
        end = end.max(block.bbox[axis + 2]);
        groups.last_mut().expect("pushed").push(block);
    }
    groups
}

fn overlaps(a: (f32, f32), b: (f32, f32)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The left edge of the column a line is in: the most common left edge (to the point) of the
/// body lines overlapping it, so that headings hanging out to the left do not make every line
/// look indented. Ties go to the leftmost.
fn column_left(spans: &[(f32, f32)], line: &Line) -> f32 {
    let mut edges: Vec<i32> = spans
        .iter()
        .filter(|s| overlaps(**s, (line.bbox[0], line.bbox[2])))
        .map(|s| s.0.round() as i32)
        .collect();
    edges.sort_unstable();
    let mut best = (0usize, line.bbox[0].round() as i32);
    let mut at = 0;
    while at < edges.len() {
        let run = edges[at..]
            .iter()
            .take_while(|e| **e - edges[at] <= 1)
            .count();
        if run > best.0 {
            best = (run, edges[at]);
        }
        at += run;
    }
    best.1 as f32
}

fn line_text(line: &Line) -> String {
    let words: Vec<&str> = line.words.iter().map(|w| w.text.as_str()).collect();
    words.join(" ")
}

/// Marks running headers, footers and page numbers: among the two top and two bottom lines of
/// each page, those that look like a page number, and those that match (by position and fuzzy
/// text, digits ignored) a top or bottom line on two other pages nearby, or on one when the
/// line stands apart from the text (as running headers do) or the document is short.
fn margin_lines(
    pages: &[Page],
    ordered: &[Vec<&Line>],
    body: f32,
    pitch: f32,
    report: &mut CleanupReport,
) -> Vec<Vec<bool>> {
    struct Candidate {
        page: usize,
        index: usize,
        top: f32,
        key: Vec<(char, char)>,
        apart: bool,
    }
    let mut removed: Vec<Vec<bool>> = ordered.iter().map(|l| vec![false; l.len()]).collect();
    let mut candidates: Vec<Candidate> = Vec::new();
    for (p, lines) in ordered.iter().enumerate() {
        let page_height = match pages[p].height {
            h if h > 0.0 => h,
            _ => lines.iter().map(|l| l.bbox[3]).fold(0.0, f32::max),
        };
        let mut by_y: Vec<usize> = (0..lines.len()).collect();
        by_y.sort_by(|a, b| cmp(lines[*a].bbox[1], lines[*b].bbox[1]));
        let top = by_y
            .iter()
            .take(2)
            .filter(|i| lines[**i].bbox[1] < 0.2 * page_height);
        let bottom = by_y
            .iter()
            .rev()
            .take(2)
            .filter(|i| lines[**i].bbox[3] > 0.8 * page_height);
        for &i in top.chain(bottom) {
            let text = line_text(lines[i]);
            if is_page_number(&text) {
                if !removed[p][i] {
                    removed[p][i] = true;
                    report.page_numbers += 1;
                }
                continue;
            }
            let key = bigrams(&text);
            let line = lines[i];
            // Apart: no other line within 1.5 line heights, except those beside it (a page
            // number on the header's line).
            let apart = lines.iter().all(|other| {
                let distance = (other.bbox[1] - line.bbox[1]).abs();
                distance < 0.5 * body || distance >= 1.5 * pitch
            });
            if key.len() >= 3 {
                candidates.push(Candidate {
                    page: p,
                    index: i,
                    top: line.bbox[1],
                    key,
                    apart,
                });
            }
        }
    }
    let needed = if pages.len() <= 3 { 1 } else { 2 };
    for c in &candidates {
        let mut matched: Vec<usize> = Vec::new();
        for d in &candidates {
            if d.page != c.page
                && d.page.abs_diff(c.page) <= 8
                && !matched.contains(&d.page)
                && (d.top - c.top).abs() < 0.6 * body
                && dice(&c.key, &d.key) >= 0.7
            {
                matched.push(d.page);
            }
        }
        let needed = if c.apart { 1 } else { needed };
        if matched.len() >= needed && !removed[c.page][c.index] {
            removed[c.page][c.index] = true;
            report.headers_footers += 1;
        }
    }
    removed
}

/// "12", "- 12 -", "[12]", "Sid. 12", "s. 12", "Page 12": a page number alone on its line.
fn is_page_number(text: &str) -> bool {
    let trimmed = text
        .trim_matches(|c: char| c.is_whitespace() || "-–—()[]|·*".contains(c))
        .to_lowercase();
    let rest = ["sida", "sid.", "sid", "s.", "page", "p.", "seite", "side"]
        .iter()
        .find_map(|prefix| trimmed.strip_prefix(prefix))
        .unwrap_or(&trimmed)
        .trim_matches(|c: char| c.is_whitespace() || "-–—()[]|".contains(c));
    !rest.is_empty() && rest.len() <= 4 && rest.chars().all(|c| c.is_ascii_digit())
}

/// Character pairs of the letters of a line, lower case, digits and punctuation left out,
/// sorted (for a multiset intersection).
fn bigrams(text: &str) -> Vec<(char, char)> {
    let letters: Vec<char> = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let mut pairs: Vec<(char, char)> = letters.windows(2).map(|w| (w[0], w[1])).collect();
    pairs.sort_unstable();
    pairs
}

/// Dice's coefficient of two sorted bigram lists.
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f32 {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f32 / (a.len() + b.len()).max(1) as f32
}

/// A footnote marker in the running text: a small raised number or asterisk.
fn is_marker(word: &Word, line: &Line, body: f32) -> bool {
    let text = word.text.trim();
    let small = height(&word.bbox) < 0.75 * body;
    let raised = word.bbox[3] < line.bbox[3] - 0.15 * body;
    small && raised && !text.is_empty() && text.len() <= 3 && text.chars().all(is_marker_char)
}

fn is_bullet(word: &str) -> bool {
    matches!(
        word,
        "•" | "◦" | "▪" | "■" | "□" | "–" | "—" | "-" | "*" | "·" | "○" | "●"
    )
}

fn is_marker_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '*' | '†' | '‡' | '¹' | '²' | '³' | ')')
}

/// Splits a page's lines into text and footnotes. Footnotes are the small lines below the last
/// line of body size, in the page's lower half, whose first line starts with a note number
/// that a superscript marker on the page refers to, or that stand apart from the text by a
/// line's height. (Small text that is not so marked, such as a code listing, stays text.)
fn split_footnotes<'a>(
    lines: &[&'a Line],
    body: f32,
    pitch: f32,
    foot_zone: f32,
    markers: &[&str],
) -> (Vec<&'a Line>, Vec<&'a Line>) {
    let body_bottom = lines
        .iter()
        .filter(|l| line_size(l) >= 0.85 * body)
        .map(|l| l.bbox[3])
        .fold(f32::NEG_INFINITY, f32::max);
    let (text, foot): (Vec<&Line>, Vec<&Line>) = lines.iter().partition(|l| {
        !(line_size(l) < 0.85 * body && l.bbox[1] > body_bottom && l.bbox[1] > foot_zone)
    });
    let Some(first) = foot.iter().min_by(|a, b| cmp(a.bbox[1], b.bbox[1])) else {
        return (text, foot);
    };
    let mark = first.words.first().map_or("", |w| w.text.trim());
    let numbered = note_mark(mark).is_some();
    let referred = markers.contains(&note_mark(mark).unwrap_or(""));
    let apart = first.bbox[1] - body_bottom >= 0.9 * pitch;
    if numbered && (referred || apart) {
        (text, foot)
    } else {
        (lines.to_vec(), Vec::new())
    }
}

/// The number of a note from the first word of its first line ("1", "1)", "*").
fn note_mark(word: &str) -> Option<&str> {
    let mark = word.trim_end_matches([')', '.']);
    (!mark.is_empty() && mark.len() <= 3 && mark.chars().all(is_marker_char)).then_some(mark)
}

/// Footnote lines grouped into notes, each with its number ("1", "*") and its lines, the
/// number written as "[1]".
fn group_notes(lines: &[&Line]) -> Vec<(String, Vec<String>)> {
    let mut notes: Vec<(String, Vec<String>)> = Vec::new();
    for line in lines {
        let Some(first) = line.words.first() else {
            continue;
        };
        let rest: Vec<&str> = line.words[1..].iter().map(|w| w.text.as_str()).collect();
        if let Some(mark) = note_mark(first.text.trim()) {
            let mark = mark.to_string();
            notes.push((mark.clone(), vec![format!("[{mark}] {}", rest.join(" "))]));
        } else if let Some(note) = notes.last_mut() {
            note.1.push(line_text(line));
        } else {
            notes.push((String::new(), vec![line_text(line)]));
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for yes in ["12", "- 12 -", "Sid. 12", "[7]", "s. 3", "— 41 —", "Page 9"] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["1920.", "Sid. tolv", "12 män", "L. Kamenjev", ""] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn fuzzy_headers_match() {
        let a = bigrams("Den Kommunistiska Internationalen N:o 1");
        let b = bigrams("Den Kommunistiska lnternationalen N:o 1");
        assert!(dice(&a, &b) > 0.9);
        assert!(dice(&a, &bigrams("i centrum för hela debatten.")) < 0.3);
    }
}
