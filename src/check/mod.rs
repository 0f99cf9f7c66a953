//! The code behind each rule kind. Each module takes a [`Document`](crate::Document)
//! and a rule's data and returns diagnostics; none does I/O.

pub mod boilerplate;
pub mod consistency;
pub mod exonym;
pub mod repetition;
pub mod text;
