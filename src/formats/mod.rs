//! File formats: the project file (load, save, migrate).
