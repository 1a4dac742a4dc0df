//! The one set of status colours, used by the window and by every export that colours rows,
//! so a reviewer reading a printed HTML page sees the colours they know from the grid.
//!
//! The hues are the Okabe–Ito palette, chosen to stay apart for readers with red–green
//! colour blindness: grey, orange, bluish green, blue (never red against green).

use super::Status;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, for CSS.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// The colour mixed with white, `amount` of the way (0.0 = unchanged, 1.0 = white):
    /// a background tint light enough for black text.
    pub fn tint(self, amount: f32) -> Rgb {
        let mix = |c: u8| (c as f32 + (255.0 - c as f32) * amount.clamp(0.0, 1.0)).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

impl Status {
    /// The status's colour: stripes in the grid, swatches in the status bar, row marks in
    /// HTML.
    pub fn colour(self) -> Rgb {
        match self {
            Status::Untranslated => Rgb(153, 153, 153),
            Status::Draft => Rgb(230, 159, 0),
            Status::Translated => Rgb(0, 158, 115),
            Status::Reviewed => Rgb(0, 114, 178),
        }
    }
}

/// How far towards white a status colour is mixed for a row background.
pub const BACKGROUND_TINT: f32 = 0.82;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_own_colour_and_tint() {
        for a in Status::ALL {
            for b in Status::ALL {
                if a != b {
                    assert_ne!(a.colour(), b.colour());
                    assert_ne!(
                        a.colour().tint(BACKGROUND_TINT),
                        b.colour().tint(BACKGROUND_TINT)
                    );
                }
            }
        }
        assert_eq!(Rgb(0, 114, 178).hex(), "#0072b2");
        assert_eq!(Rgb(0, 0, 0).tint(1.0), Rgb(255, 255, 255));
        assert_eq!(Rgb(10, 20, 30).tint(0.0), Rgb(10, 20, 30));
    }
}
