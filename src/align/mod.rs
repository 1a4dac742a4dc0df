//! align (filled in by the core issue).
