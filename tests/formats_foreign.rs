//! Files written by other tools, in the shapes they really take: inline codes, groups,
//! alternative translations, several segments, no Tolk properties.

use tolk::Status;

#[test]
fn tmx_from_a_translation_memory_keeps_text_and_drops_inline_codes() {
    let tmx = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" creationtoolversion="3.6" segtype="sentence" srclang="SV"/>
  <body>
    <!-- Default translations -->
    <tu>
      <tuv lang="SV"><seg>Se <bpt i="1">&lt;b&gt;</bpt>noten<ept i="1">&lt;/b&gt;</ept> <hi>här</hi>.</seg></tuv>
      <tuv lang="EN-GB"><seg>See <bpt i="1">&lt;b&gt;</bpt>the note<ept i="1">&lt;/b&gt;</ept> <hi>here</hi>.</seg></tuv>
    </tu>
    <tu>
      <tuv lang="EN-GB"><seg>Only English first</seg></tuv>
      <tuv lang="SV"><seg>Svenska sedan<ph x="1">{0}</ph></seg></tuv>
    </tu>
    <tu>
      <tuv lang="SV"><seg>Ingen översättning</seg></tuv>
    </tu>
  </body>
</tmx>"#;
    let read = tolk::tmx::read(tmx.as_bytes()).unwrap();
    assert_eq!(
        (read.source_lang.as_str(), read.target_lang.as_str()),
        ("SV", "EN-GB")
    );
    let units: Vec<(&str, &str, Option<Status>)> = read
        .units
        .iter()
        .map(|u| (u.source.as_str(), u.target.as_str(), u.status))
        .collect();
    assert_eq!(
        units,
        [
            (
                "Se noten här.",
                "See the note here.",
                Some(Status::Translated)
            ),
            (
                "Svenska sedan",
                "Only English first",
                Some(Status::Translated)
            ),
            ("Ingen översättning", "", None),
        ]
    );
}

#[test]
fn xliff12_reads_units_in_groups_and_ignores_alternatives() {
    let xliff = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.txt" source-language="sv" target-language="en" datatype="plaintext">
    <header><note>exported elsewhere</note></header>
    <body>
      <group id="g1">
        <trans-unit id="1">
          <source>Hej <g id="1">världen</g><x id="2"/>!</source>
          <target state="needs-review-translation">Hello <g id="1">world</g><x id="2"/>!</target>
          <alt-trans><source>Hej</source><target>Hi</target></alt-trans>
        </trans-unit>
        <trans-unit id="2" approved="yes"><source>Ja</source><target>Yes</target></trans-unit>
      </group>
      <trans-unit id="3"><source>Nej</source><target state="signed-off">No</target></trans-unit>
      <trans-unit id="4"><source>Kanske</source><target>Maybe</target></trans-unit>
      <trans-unit id="5"><source>Tom</source></trans-unit>
    </body>
  </file>
</xliff>"#;
    let read = tolk::xliff12::read(xliff.as_bytes()).unwrap();
    assert_eq!(
        (read.source_lang.as_str(), read.target_lang.as_str()),
        ("sv", "en")
    );
    let units: Vec<(&str, &str, Option<Status>)> = read
        .units
        .iter()
        .map(|u| (u.source.as_str(), u.target.as_str(), u.status))
        .collect();
    assert_eq!(
        units,
        [
            ("Hej världen!", "Hello world!", Some(Status::Draft)),
            ("Ja", "Yes", Some(Status::Reviewed)),
            ("Nej", "No", Some(Status::Reviewed)),
            ("Kanske", "Maybe", Some(Status::Draft)),
            ("Tom", "", None),
        ]
    );
}

#[test]
fn xliff2_joins_segments_of_a_unit_and_maps_states() {
    let xliff = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="sv" trgLang="en">
  <file id="f1">
    <notes><note>n</note></notes>
    <group id="g">
      <unit id="u1">
        <originalData><data id="d1">&lt;br/&gt;</data></originalData>
        <segment state="translated"><source>Ett.</source><target>One.</target></segment>
        <ignorable><source> </source><target> </target></ignorable>
        <segment state="translated"><source>Två<ph id="1" dataRef="d1"/> <pc id="2">tre</pc>.</source><target>Two<ph id="1" dataRef="d1"/> <pc id="2">three</pc>.</target></segment>
      </unit>
    </group>
    <unit id="u2"><segment state="reviewed"><source>Fyra</source><target>Four</target></segment></unit>
    <unit id="u3"><segment><source>Fem</source></segment></unit>
  </file>
</xliff>"#;
    let read = tolk::xliff2::read(xliff.as_bytes()).unwrap();
    let units: Vec<(&str, &str, Option<Status>)> = read
        .units
        .iter()
        .map(|u| (u.source.as_str(), u.target.as_str(), u.status))
        .collect();
    assert_eq!(
        units,
        [
            ("Ett. Två tre.", "One. Two three.", Some(Status::Translated)),
            ("Fyra", "Four", Some(Status::Reviewed)),
            ("Fem", "", None),
        ]
    );
    assert_eq!(
        tolk::detect_format(xliff.as_bytes()),
        Ok(tolk::ImportFormat::Xliff2)
    );
}
