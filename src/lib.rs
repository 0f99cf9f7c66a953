//! artlint: a linter for text quality and translation artifacts.
//!
//! The library is the pure engine: rule packs in, a compiled [`RuleSet`],
//! then text in and [`Diagnostic`]s out. It does no file or terminal I/O and
//! starts no threads, so the CLI, a language server and a Python module can
//! all reuse it unchanged.
//!
//! ```
//! use artlint::{Document, RuleSet, builtin_pack, load_pack};
//! let rules = RuleSet::new(load_pack(&builtin_pack()).unwrap());
//! let doc = Document::new("a.txt", "Vladimir Poutine said so.\n");
//! let found = rules.lint(&doc);
//! assert!(found.iter().any(|d| &*d.rule == "names/exonym"));
//! ```
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod builtin;
pub mod check;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod fingerprint;
pub mod fix;
pub mod input;
mod lexicon;
pub mod line_index;
pub mod rule;
pub mod ruleset;
pub mod section;
pub mod span;
pub mod suppress;
pub mod testing;

pub use builtin::builtin_pack;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
pub use document::Document;
pub use line_index::{LineColumn, LineIndex};
pub use rule::{PackFile, Rule, RuleError, RuleKind, load_pack};
pub use ruleset::RuleSet;
pub use span::Span;
