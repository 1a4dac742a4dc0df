//! formats (filled in by the core issue).
