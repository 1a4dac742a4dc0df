//! model (filled in by the core issue).
