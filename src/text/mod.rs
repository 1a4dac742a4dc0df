//! text (filled in by the core issue).
