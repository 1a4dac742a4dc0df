//! Tolk's core: the project model and its edit API, text import and segmentation, alignment,
//! history and file formats. Nothing here knows about a GUI.

mod align;
mod formats;
mod history;
mod model;
mod text;

pub use formats::*;
pub use history::*;
pub use model::*;
pub use text::*;
