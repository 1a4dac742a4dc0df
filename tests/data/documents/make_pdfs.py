"""Writes the PDF fixtures of tests/documents.rs (committed; run again only to change them):
python3 make_pdfs.py. Needs: pip install reportlab.

kamenev.pdf: the seed article (tests/data/kamenev.source.txt) typeset line for line as the
journal printed it: first lines of paragraphs indented, titles centred, a running header with
an OCR-like variant, "Sid. N" page numbers at the foot.
features.pdf: two columns, superscript footnote markers with footnotes at the page foot,
hyphenated line ends, a running header and page numbers."""
import re

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

W, H = A4
LEFT, TOP, BOTTOM = 60, H - 70, 80
SIZE, LEAD = 10, 13


def is_heading(line):
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and not any(c.islower() for c in line)


def sentence_end(line):
    core = line.rstrip().rstrip("”’\"»)]")
    return core.endswith((".", "?", "!", "…"))


def seed_lines():
    """(text, starts_paragraph, centred) for every line of the seed, by the rules of
    src/text/paragraphs.rs (blank line, indented capital after a sentence end, heading)."""
    out, previous_end, after_blank = [], None, True
    raw = open("../kamenev.source.txt", encoding="utf-8").read().split("\n")
    for number, line in enumerate(raw):
        text = line.strip()
        if not text:
            after_blank, previous_end = True, None
            continue
        start = after_blank or is_heading(text) or (
            line[:1].isspace() and previous_end and text[:1].isupper())
        if out and is_heading(out[-1][0]):
            start = True
        out.append((text, bool(start), number < 8))
        after_blank, previous_end = False, sentence_end(line)
    return out


def header(c, page, text):
    c.setFont("Times-Roman", 8)
    c.drawCentredString(W / 2, H - 40, text)


def kamenev():
    c = canvas.Canvas("kamenev.pdf", pagesize=A4, invariant=1)
    page, y = 1, TOP
    lines = seed_lines()
    c.setFont("Times-Roman", SIZE)
    for text, start, centred in lines:
        if y < BOTTOM:
            c.setFont("Times-Roman", 9)
            c.drawCentredString(W / 2, 45, f"Sid. {page}")
            c.showPage()
            page += 1
            # An OCR-like variant of the running header on one page.
            title = "Den Kommunistiska lnternationalen N:o 1" if page == 4 else "Den Kommunistiska Internationalen N:o 1"
            header(c, page, title)
            y = TOP
        if start and y != TOP:
            y -= 4
        c.setFont("Times-Roman", SIZE)
        if centred:
            c.drawCentredString(W / 2, y, text)
        else:
            c.drawString(LEFT + (18 if start else 0), y, text)
        y -= LEAD
    c.setFont("Times-Roman", 9)
    c.drawCentredString(W / 2, 45, f"Sid. {page}")
    c.showPage()
    c.save()
    return page


COLUMN = (W - 2 * LEFT - 20) / 2
FEATURES = [
    # page 1, left column
    [("Arbetarrörelsen i Europa", "head"),
     ("Kriget visade, att den gamla tak-", "first"),
     ("tiken inte längre räckte till. Under", ""),
     ("åren 1914-", ""),
     ("1918 förändrades allt.", ""),
     ("Partierna splittrades¹ och nya", "first"),
     ("bildades i alla länder.", "")],
    # page 1, right column
    [("Förfogande-", "first"),
     ("och nyttjandemakten över produk-", ""),
     ("tionsmedlen var frågan. Den stod", ""),
     ("i centrum för hela debatten.", ""),
     ("Den nya internationalen samlade", "first"),
     ("de revolutionära partierna.²", "")],
    # page 2, left column
    [("Kongressen möttes i Moskva och", "first"),
     ("antog tjugoen villkor för med-", ""),
     ("lemskap.", "")],
    # page 2, right column
    [("Villkoren var hårda, men de", "first"),
     ("flesta partier antog dem.", "")],
]
NOTES = [
    ["¹ Så i Tyskland, där USPD bröt", "med det gamla partiet."],
    ["² Den kommunistiska internationalen", "grundades i mars 1919."],
]


def features():
    c = canvas.Canvas("features.pdf", pagesize=A4, invariant=1)
    for page in (1, 2):
        c.setFont("Times-Roman", 8)
        c.drawCentredString(W / 2, H - 40, "ARBETARRÖRELSENS HISTORIA")
        for column in (0, 1):
            x0 = LEFT + column * (COLUMN + 20)
            y = TOP
            for text, style in FEATURES[(page - 1) * 2 + column]:
                if style == "first" and y != TOP:
                    y -= 4
                if style == "head":
                    c.setFont("Times-Bold", 13)
                    c.drawString(x0, y, text)
                    y -= LEAD + 6
                    continue
                x = x0 + (14 if style == "first" else 0)
                # Superscript footnote markers: small and raised.
                parts = re.split("([¹²])", text)
                for part in parts:
                    if part in ("¹", "²"):
                        c.setFont("Times-Roman", 6)
                        c.drawString(x, y + 4, "1" if part == "¹" else "2")
                        x += c.stringWidth("1", "Times-Roman", 6)
                    elif part:
                        c.setFont("Times-Roman", SIZE)
                        c.drawString(x, y, part)
                        x += c.stringWidth(part, "Times-Roman", SIZE)
                y -= LEAD
        if page == 1:
            y = 120
            c.line(LEFT, y + 12, LEFT + 100, y + 12)
            for note in NOTES:
                for i, line in enumerate(note):
                    c.setFont("Times-Roman", 7.5)
                    c.drawString(LEFT + (0 if i == 0 else 6), y, line.replace("¹", "1").replace("²", "2"))
                    y -= 9
        c.setFont("Times-Roman", 9)
        c.drawCentredString(W / 2, 45, str(page + 40))
        c.showPage()
    c.save()


def scanned():
    """A page with no text layer: only a drawn picture."""
    c = canvas.Canvas("scanned.pdf", pagesize=A4, invariant=1)
    for i in range(20):
        c.rect(60 + i * 5, 700 - i * 20, 300, 10, fill=1)
    c.showPage()
    c.save()


print("kamenev.pdf pages:", kamenev())
features()
scanned()


def encrypted():
    """Needs a password to open."""
    c = canvas.Canvas("encrypted.pdf", pagesize=A4, invariant=1, encrypt="hemligt")
    c.drawString(60, 700, "Detta är hemligt.")
    c.showPage()
    c.save()


def cyclic():
    """A page tree whose /Kids contains itself; written by hand."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    open("cyclic.pdf", "wb").write(out)


encrypted()
cyclic()
