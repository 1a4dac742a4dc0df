//! EPUB to paragraphs: the package document found through `META-INF/container.xml`, its
//! spine's XHTML documents read in order by the HTML reader; the navigation document, the NCX
//! table of contents and non-text items left out.

use std::collections::HashMap;

use super::archive::Archive;
use super::report::CleanupReport;
use super::xml::{Step, attr, walk};
use super::{Problem, ReadDocument};

pub fn read(bytes: &[u8]) -> Result<ReadDocument, Problem> {
    let mut archive = Archive::open(bytes)?;
    // DRM lists the encrypted parts here; obfuscated fonts alone do not matter.
    let encryption = archive.text("META-INF/encryption.xml")?.unwrap_or_default();
    let container = archive.required("META-INF/container.xml")?;
    let mut package_path = None;
    walk(&container, "META-INF/container.xml", |step| {
        if let Step::Start("rootfile", attributes) = step
            && package_path.is_none()
        {
            package_path = attr(attributes, "full-path").map(str::to_string);
        }
    })?;
    let package_path = package_path.ok_or_else(|| {
        Problem::Malformed("META-INF/container.xml names no package document".into())
    })?;
    let package = archive.required(&package_path)?;
    let base = package_path
        .rsplit_once('/')
        .map_or(String::new(), |(dir, _)| format!("{dir}/"));
    let spine = spine(&package, &package_path)?;
    let mut report = CleanupReport::default();
    let mut paragraphs = Vec::new();
    for item in spine {
        if item.nav || !item.media_type.contains("html") {
            report.parts_dropped += 1;
            continue;
        }
        let path = resolve(&base, &item.href);
        if encryption.contains(&format!("URI=\"{path}\""))
            || encryption.contains(&format!("URI=\"{}\"", item.href))
        {
            return Err(Problem::Encrypted);
        }
        let Some(xhtml) = archive.text(&path)? else {
            return Err(Problem::Malformed(format!(
                "the spine names {path}, which the archive lacks"
            )));
        };
        report.chapters += 1;
        paragraphs.extend(super::html::paragraphs(&xhtml, &mut report));
    }
    Ok(ReadDocument { paragraphs, report })
}

struct Item {
    href: String,
    media_type: String,
    nav: bool,
}

/// The spine's items in reading order.
fn spine(package: &str, part: &str) -> Result<Vec<Item>, Problem> {
    let mut manifest: HashMap<String, Item> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    walk(package, part, |step| {
        let Step::Start(name, attributes) = step else {
            return;
        };
        let local = name.rsplit(':').next().unwrap_or(name);
        match local {
            "item" => {
                let id = attr(attributes, "id").unwrap_or("").to_string();
                manifest.insert(
                    id,
                    Item {
                        href: attr(attributes, "href").unwrap_or("").to_string(),
                        media_type: attr(attributes, "media-type").unwrap_or("").to_string(),
                        nav: attr(attributes, "properties")
                            .is_some_and(|p| p.split_whitespace().any(|w| w == "nav")),
                    },
                );
            }
            "itemref" => order.push(attr(attributes, "idref").unwrap_or("").to_string()),
            _ => {}
        }
    })?;
    order
        .iter()
        .map(|id| {
            manifest.remove(id).ok_or_else(|| {
                Problem::Malformed(format!("the spine names an unknown item {id:?}"))
            })
        })
        .collect()
}

/// The archive path of `href` relative to the package document's folder.
fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or("");
    let joined = format!("{base}{}", percent_decode(href));
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_resolve_against_the_package_folder() {
        assert_eq!(
            resolve("OEBPS/", "text/ch%201.xhtml#x"),
            "OEBPS/text/ch 1.xhtml"
        );
        assert_eq!(resolve("OEBPS/text/", "../ch2.xhtml"), "OEBPS/ch2.xhtml");
        assert_eq!(resolve("", "ch3.xhtml"), "ch3.xhtml");
    }
}
