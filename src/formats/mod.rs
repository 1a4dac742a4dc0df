//! File formats: the project file (load, save, version checks).

mod project;

pub use project::{
    Loaded, MAX_PROJECT_BYTES, ProjectFileError, backup_path, from_slice as project_from_slice,
    load as load_project, save as save_project, to_json as project_to_json, write_atomically,
};
