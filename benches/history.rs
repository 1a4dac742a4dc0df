//! Benchmark of the review query (placeholder until written).
fn main() {}
