//! PDF with a text layer: words with their boxes from poppler's `pdftotext -bbox-layout`, run
//! as an external program (found on PATH or through `TOLK_PDFTOTEXT`), then cleaned by
//! `pdf_clean` using the page layout. Poppler is chosen over the pure-Rust crates for its
//! text quality and speed on real files (README, "Importing documents").

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::pdf_clean::{Block, Line, Page, Word, clean};
use super::xml::{Step, attr, walk};
use super::{Problem, ReadDocument};

/// The program name looked up on PATH when `TOLK_PDFTOTEXT` is not set.
pub const PDFTOTEXT: &str = "pdftotext";
/// How long pdftotext may take (a 300-page book takes about a second).
const TIMEOUT: Duration = Duration::from_secs(120);
/// The most XHTML read back from pdftotext (about 20 bytes for each byte of text).
const MAX_OUTPUT_BYTES: u64 = 1024 * 1024 * 1024;

fn program() -> String {
    std::env::var("TOLK_PDFTOTEXT").unwrap_or_else(|_| PDFTOTEXT.to_string())
}

/// Whether pdftotext can be run (so callers and tests can say what is missing).
pub fn pdftotext_available() -> bool {
    Command::new(program())
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

pub fn read(bytes: &[u8]) -> Result<ReadDocument, Problem> {
    let xhtml = run_pdftotext(bytes)?;
    let pages = parse_bbox(&xhtml)?;
    let letters: usize = pages
        .iter()
        .flat_map(|p| &p.blocks)
        .flat_map(|b| &b.lines)
        .flat_map(|l| &l.words)
        .map(|w| w.text.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    // A scanned book often has a text page number or a stamp, but no running text.
    if letters < 20 * pages.len().max(1) {
        return Err(Problem::NoTextLayer { pages: pages.len() });
    }
    Ok(clean(&pages))
}

/// Runs pdftotext on a temporary copy of the file and returns its XHTML.
fn run_pdftotext(bytes: &[u8]) -> Result<String, Problem> {
    let tool = |e: std::io::Error| Problem::PdfTool(e.to_string());
    let mut input = tempfile::NamedTempFile::new().map_err(tool)?;
    input.write_all(bytes).map_err(tool)?;
    input.flush().map_err(tool)?;
    let mut child = match Command::new(program())
        .args(["-bbox-layout", "-enc", "UTF-8", "-eol", "unix"])
        .arg(input.path())
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Problem::PdfToolMissing),
        Err(e) => return Err(tool(e)),
    };
    let stdout = child.stdout.take().expect("piped stdout");
    let stderr = child.stderr.take().expect("piped stderr");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let result = stdout.take(MAX_OUTPUT_BYTES + 1).read_to_end(&mut out);
        result.map(|_| out)
    });
    let errors = std::thread::spawn(move || {
        let mut out = String::new();
        let _ = stderr.take(64 * 1024).read_to_string(&mut out);
        out
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(tool)? {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Problem::PdfTool(format!(
                "it took longer than {} s",
                TIMEOUT.as_secs()
            )));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let out = reader
        .join()
        .map_err(|_| Problem::PdfTool("reading its output failed".into()))?
        .map_err(tool)?;
    let errors = errors.join().unwrap_or_default();
    if !status.success() {
        let message = errors.trim().lines().last().unwrap_or("").to_string();
        if message.to_lowercase().contains("password") {
            return Err(Problem::Encrypted);
        }
        return Err(Problem::PdfTool(if message.is_empty() {
            format!("it exited with {status}")
        } else {
            message
        }));
    }
    if out.len() as u64 > MAX_OUTPUT_BYTES {
        return Err(Problem::PdfTool("its output is too large".into()));
    }
    String::from_utf8(out).map_err(|_| Problem::PdfTool("its output is not UTF-8".into()))
}

/// Pages, blocks, lines and words from pdftotext's `-bbox-layout` XHTML.
pub fn parse_bbox(xhtml: &str) -> Result<Vec<Page>, Problem> {
    let mut pages: Vec<Page> = Vec::new();
    let mut in_word = false;
    let number = |attributes: &[(String, String)], name: &str| -> f32 {
        attr(attributes, name)
            .and_then(|v| v.parse::<f32>().ok())
            .filter(|v| v.is_finite())
            .unwrap_or(0.0)
    };
    let bbox = |a: &[(String, String)]| {
        [
            number(a, "xMin"),
            number(a, "yMin"),
            number(a, "xMax"),
            number(a, "yMax"),
        ]
    };
    walk(xhtml, "pdftotext output", |step| match step {
        Step::Start("page", a) => pages.push(Page {
            width: number(a, "width"),
            height: number(a, "height"),
            blocks: Vec::new(),
        }),
        Step::Start("block", a) => {
            if let Some(page) = pages.last_mut() {
                page.blocks.push(Block {
                    bbox: bbox(a),
                    lines: Vec::new(),
                });
            }
        }
        Step::Start("line", a) => {
            if let Some(block) = pages.last_mut().and_then(|p| p.blocks.last_mut()) {
                block.lines.push(Line {
                    bbox: bbox(a),
                    words: Vec::new(),
                });
            }
        }
        Step::Start("word", a) => {
            if let Some(line) = pages
                .last_mut()
                .and_then(|p| p.blocks.last_mut())
                .and_then(|b| b.lines.last_mut())
            {
                line.words.push(Word {
                    bbox: bbox(a),
                    text: String::new(),
                });
                in_word = true;
            }
        }
        Step::End("word") => in_word = false,
        Step::Text(text) if in_word => {
            if let Some(word) = pages
                .last_mut()
                .and_then(|p| p.blocks.last_mut())
                .and_then(|b| b.lines.last_mut())
                .and_then(|l| l.words.last_mut())
            {
                word.text.push_str(text);
            }
        }
        _ => {}
    })?;
    Ok(pages)
}
