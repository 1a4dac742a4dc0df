//! Benchmarks of document import (issue 16): a 300-page PDF (through pdftotext and the layout
//! cleanup) and a 5 MB DOCX. Both are made here from the seed text, so nothing large is
//! committed. Run: `cargo bench --no-default-features --bench documents`. Figures are quoted
//! in the README.

use std::fmt::Write as _;
use std::hint::black_box;
use std::io::Write as _;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SEED: &str = include_str!("../tests/data/kamenev.source.txt");

/// The seed's lines, paragraph starts marked, cycled as long as needed.
fn seed_lines() -> Vec<(String, bool)> {
    let mut lines = Vec::new();
    let mut after_blank = true;
    for line in SEED.lines() {
        let text = line.trim();
        if text.is_empty() {
            after_blank = true;
            continue;
        }
        lines.push((text.to_string(), after_blank));
        after_blank = false;
    }
    lines
}

/// A PDF string in WinAnsi (the seed is Latin-1 plus curly quotes and dashes).
fn pdf_string(text: &str) -> Vec<u8> {
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let mut out = vec![b'('];
    for b in bytes.iter() {
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(*b);
    }
    out.push(b')');
    out
}

/// A `pages`-page PDF: Helvetica 10 pt, 55 lines a page, first lines indented, a running
/// header and "Sid. N" at the foot, written object by object.
fn book_pdf(pages: usize) -> Vec<u8> {
    let lines = seed_lines();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        Vec::new(), // the page tree, written last
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    ];
    let mut kids = String::new();
    let mut next = 0;
    for page in 1..=pages {
        let mut content = Vec::new();
        let mut put = |size: u32, x: u32, y: u32, text: &str| {
            write!(content, "BT /F1 {size} Tf {x} {y} Td ").unwrap();
            content.extend(pdf_string(text));
            content.extend(b" Tj ET\n");
        };
        put(8, 200, 800, "Den Kommunistiska Internationalen N:o 1");
        for row in 0..55u32 {
            let (text, starts) = &lines[next % lines.len()];
            next += 1;
            put(10, if *starts { 78 } else { 60 }, 770 - row * 13, text);
        }
        put(9, 280, 45, &format!("Sid. {page}"));
        let content_id = objects.len() + 2;
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend(content);
        stream.extend(b"\nendstream");
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>"
            )
            .into_bytes(),
        );
        objects.push(stream);
        write!(kids, "{} 0 R ", objects.len() - 1).unwrap();
    }
    objects[1] = format!("<< /Type /Pages /Kids [{kids}] /Count {pages} >>").into_bytes();
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        writeln!(pdf, "{} 0 obj", i + 1).unwrap();
        pdf.extend(object);
        pdf.extend(b"\nendobj\n");
    }
    let xref = pdf.len();
    write!(pdf, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for offset in offsets {
        writeln!(pdf, "{offset:010} 00000 n ").unwrap();
    }
    write!(
        pdf,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .unwrap();
    pdf
}

/// A DOCX of about `bytes` bytes (deflated, as Word writes it): the seed's paragraphs again
/// and again, each in two runs, one of them bold. Deflate finds repeats only within 32 KB, so
/// the file grows with the text: the paragraph count is scaled until the size is right.
fn big_docx(bytes: usize) -> Vec<u8> {
    let paragraphs = tolk::paragraphs(SEED);
    let mut count = 5_000;
    loop {
        let mut xml = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
        );
        for i in 0..count {
            let text = &paragraphs[i % paragraphs.len()];
            let middle = text
                .char_indices()
                .nth(text.chars().count() / 2)
                .map_or(0, |c| c.0);
            let (a, b) = text.split_at(middle);
            write!(
                xml,
                r#"<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t xml:space="preserve">{i}. {}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
                a.replace('&', "&amp;").replace('<', "&lt;"),
                b.replace('&', "&amp;").replace('<', "&lt;")
            )
            .unwrap();
        }
        xml.push_str("<w:sectPr/></w:body></w:document>");
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap();
        let docx = out.into_inner();
        if docx.len() >= bytes {
            eprintln!(
                "DOCX: {} bytes, {} bytes of XML, {count} paragraphs",
                docx.len(),
                xml.len()
            );
            return docx;
        }
        count = count * bytes / docx.len() + 50;
    }
}

/// Writes a generated file into $TOLK_BENCH_KEEP, if set, to time it by hand
/// (`time tolk segment --paragraphs DIR/book.pdf`, `time pdftotext -bbox-layout DIR/book.pdf`).
fn keep(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("TOLK_BENCH_KEEP") {
        std::fs::write(Path::new(&dir).join(name), bytes).unwrap();
    }
}

fn documents(c: &mut Criterion) {
    let mut group = c.benchmark_group("documents");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    if tolk::pdftotext_available() {
        let pdf = book_pdf(300);
        keep("book.pdf", &pdf);
        let check = tolk::read_document(&pdf, Path::new("book.pdf")).unwrap();
        eprintln!(
            "PDF: {} bytes, {} paragraphs; {}",
            pdf.len(),
            check.paragraphs.len(),
            check.report
        );
        group.throughput(Throughput::Bytes(pdf.len() as u64));
        group.bench_function("PDF 300 pages", |b| {
            b.iter(|| {
                let read = tolk::read_document(black_box(&pdf), Path::new("book.pdf")).unwrap();
                black_box(read.paragraphs.len())
            })
        });
    } else {
        eprintln!("pdftotext not found: the PDF benchmark is skipped");
    }
    let docx = big_docx(5 * 1024 * 1024);
    keep("big.docx", &docx);
    group.throughput(Throughput::Bytes(docx.len() as u64));
    group.bench_function("DOCX 5 MB", |b| {
        b.iter(|| {
            let read = tolk::read_document(black_box(&docx), Path::new("big.docx")).unwrap();
            black_box(read.paragraphs.len())
        })
    });
    group.finish();
}

criterion_group!(benches, documents);
criterion_main!(benches);
