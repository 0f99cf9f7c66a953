//! The code behind each rule kind. Each module takes a [`Document`](crate::Document)
//! and a rule's data and returns diagnostics; none does I/O.

pub mod acronym;
pub mod boilerplate;
pub mod consistency;
pub mod duplicate_line;
pub mod edit_distance;
pub mod entity;
pub mod exonym;
pub mod foreign_script;
pub mod invisible;
pub mod language;
pub mod link_block;
pub mod mixed_script;
pub mod mojibake;
pub mod name_variant;
pub mod names;
pub mod overuse;
pub mod quality;
pub mod quote;
pub mod repetition;
pub mod repetition_loop;
pub mod text;
pub mod untranslated;
