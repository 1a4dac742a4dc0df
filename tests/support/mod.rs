//! Helpers shared by the integration tests.

/// A check that cannot run here (a tool, data set or right is missing): says why and returns,
/// unless the variable `require` is set (CI sets it in `.ci/run`), where a skip would check
/// nothing that matters and is a failure instead.
pub fn skip_unless_required(require: &str, why: &str) {
    if std::env::var_os(require).is_some() {
        panic!("{why}, and {require} is set: this check must run here");
    }
    eprintln!("skipped: {why} (set {require} to make this a failure)");
}
