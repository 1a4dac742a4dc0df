"""Writes the DOCX, ODT, EPUB and HTML fixtures of tests/documents.rs (committed; run again only
to change them): python3 make_office.py. Needs: pip install python-docx odfpy ebooklib."""
import zipfile

import docx
from docx.enum.text import WD_BREAK
from ebooklib import epub
from odf.opendocument import OpenDocumentText
from odf import text as odftext, table as odftable
from odf.element import Element

# --- DOCX by python-docx: headings, a list, a table, hidden text, a line break.
d = docx.Document()
d.add_heading("Proletariatets diktatur", level=1)
p = d.add_paragraph("Marxismen har upprepade gånger framhållit ideologiens ")
p.add_run("efterblivenhet").bold = True
p.add_run(", långsamheten i deras anpassning.")
hidden = p.add_run(" DOLD TEXT SOM INTE SKA MED.")
hidden.font.hidden = True
d.add_heading("Två frågor", level=2)
d.add_paragraph("Den första frågan.", style="List Number")
d.add_paragraph("Den andra frågan.", style="List Bullet")
t = d.add_table(rows=2, cols=2)
t.cell(0, 0).text = "År"
t.cell(0, 1).text = "Händelse"
t.cell(1, 0).text = "1917"
t.cell(1, 1).text = "Oktoberrevolutionen."
p = d.add_paragraph("En rad")
p.add_run().add_break(WD_BREAK.LINE)
p.add_run("och en till.")
d.save("python-docx.docx")

# --- DOCX written by hand, as Word writes it: tracked changes, footnote, endnote, fields,
# a hyperlink field, a text box with its fallback copy.
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
body = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>Diktaturen</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Sex års krig </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>och fred </w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">och revolution </w:t></w:r></w:ins><w:r><w:t>har klarlagt frågan.</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t xml:space="preserve"> Den är avgjord.</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Sidan </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> citerar </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Lenin</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r><w:fldSimple w:instr=" DATE "><w:r><w:t>2026-12-02</w:t></w:r></w:fldSimple><w:r><w:endnoteReference w:id="1"/></w:r></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Ruta.</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Ruta.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>Sista stycket &amp; slut.</w:t></w:r></w:p>
<w:sectPr/></w:body></w:document>"""
footnotes = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Skrivet 1920.</w:t></w:r></w:p></w:footnote></w:footnotes>"""
endnotes = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:endnotes {W}><w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>
<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> Se Lenins skrift.</w:t></w:r></w:p></w:endnote></w:endnotes>"""
types = """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"""
with zipfile.ZipFile("word-features.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", types)
    z.writestr("word/document.xml", body)
    z.writestr("word/footnotes.xml", footnotes)
    z.writestr("word/endnotes.xml", endnotes)

# --- ODT by odfpy: heading, paragraphs, list, table, a footnote, a page-number field, a
# tracked deletion (kept aside by ODF) and a tracked insertion (in the text).
o = OpenDocumentText()
tc = odftext.TrackedChanges()
region = Element(qname=(odftext.TEXTNS, "changed-region"), check_grammar=False)
region.setAttrNS(odftext.TEXTNS, "id", "ct1")
deletion = odftext.Deletion()
deletion.addElement(odftext.P(text="borttagen text "))
region.addElement(deletion)
tc.addElement(region)
o.text.addElement(tc)
o.text.addElement(odftext.H(outlinelevel=1, text="Proletariatets diktatur"))
p = odftext.P(text="Kampen för kommunismen")
note = odftext.Note(id="ftn1", noteclass="footnote")
note.addElement(odftext.NoteCitation(text="1"))
nb = odftext.NoteBody()
nb.addElement(odftext.P(text="Ur Den Kommunistiska Internationalen."))
note.addElement(nb)
p.addElement(note)
p.addText(" fortsätter.")
p.addElement(odftext.Change(changeid="ct1"))
p.addText("  Två")
p.addElement(odftext.S(c=3))
p.addText("mellanslag.")
o.text.addElement(p)
lst = odftext.List()
for item in ["Första punkten.", "Andra punkten."]:
    li = odftext.ListItem()
    li.addElement(odftext.P(text=item))
    lst.addElement(li)
o.text.addElement(lst)
tb = odftable.Table(name="T")
tb.addElement(odftable.TableColumn(numbercolumnsrepeated=2))
for row in [["År", "Händelse"], ["1920", "Kongressen."]]:
    tr = odftable.TableRow()
    for cell in row:
        td = odftable.TableCell()
        td.addElement(odftext.P(text=cell))
        tr.addElement(td)
    tb.addElement(tr)
o.text.addElement(tb)
p = odftext.P(text="Sida ")
p.addElement(odftext.PageNumber(text="3"))
p.addText(" av texten.")
o.text.addElement(p)
o.save("odfpy.odt")

# --- EPUB by ebooklib: two chapters whose spine order differs from their file names, a nav.
book = epub.EpubBook()
book.set_identifier("tolk-fixture")
book.set_title("Diktaturen")
book.set_language("sv")
c2 = epub.EpubHtml(title="Första", file_name="b_first.xhtml", lang="sv")
c2.content = "<h1>Första kapitlet</h1><p>Det första stycket.</p><p>Det andra &amp; sista.</p>"
c1 = epub.EpubHtml(title="Andra", file_name="a_second.xhtml", lang="sv")
c1.content = "<h1>Andra kapitlet</h1><p>Ett stycke<script>var x = '<p>nej</p>';</script> till.</p>"
book.add_item(c1)
book.add_item(c2)
book.toc = (c2, c1)
book.add_item(epub.EpubNcx())
book.add_item(epub.EpubNav())
book.spine = ["nav", c2, c1]
epub.write_epub("ebooklib.epub", book)

# --- HTML by hand, as a web page: navigation, scripts, styles, entities, a legacy charset.
html = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="windows-1252"><title>Sidans titel</title>
<style>p { color: red }</style><script>document.write("<p>skript</p>")</script></head>
<body><nav><ul><li><a href="/">Hem</a></li></ul></nav>
<header><h1>Proletariatets diktatur</h1></header>
<p>Marxismen har &laquo;upprepade&raquo; g\xe5nger<br>framh\xe5llit&nbsp;ideologiens
efterblivenhet&#8230;</p>
<div>Ett block<p>med ett stycke inuti.</p>och text efter.</div>
<!-- <p>en kommentar</p> -->
<ul><li>Ett</li><li>Tv\xe5</li></ul>
<p hidden>Dolt.</p><p aria-hidden="true">Ocks\xe5 dolt.</p>
<footer><p>&copy; 2026 Tolk</p></footer>
</body></html>
"""
open("page.html", "wb").write(html.encode("latin-1"))
