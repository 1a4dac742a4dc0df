//! PDF cleanup placeholder.
