//! artlint: a linter for text quality and translation artifacts.
//!
//! The library is the pure engine: rule packs in, a compiled [`RuleSet`],
//! then text in and [`Diagnostic`]s out. It does no file or terminal I/O and
//! starts no threads, so the CLI, a language server and a Python module can
//! all reuse it unchanged. Built with `default-features = false` it has none
//! of the CLI's dependencies (the `cli` feature is the binary's).
//!
//! Load the built-in rule pack, lint a text, print the findings:
//!
//! ```
//! use artlint::{Document, RuleSet, builtin_pack, load_pack};
//!
//! // A pack is a list of TOML files; loading reports every bad rule at once.
//! let rules = RuleSet::new(load_pack(&builtin_pack()).expect("the built-in pack loads"));
//! let doc = Document::new("a.txt", "Vladimir Poutine said so.\n");
//! let found = rules.lint(&doc);
//! for d in &found {
//!     let at = doc.line_index().line_column(doc.text, d.span.start);
//!     println!("{}:{}:{}: {} [{}] {}", doc.name, at.line, at.column, d.severity, d.rule, d.message);
//! }
//! assert!(found.iter().any(|d| &*d.rule == "names/exonym" && doc.slice(d.span) == "Poutine"));
//! ```
//!
//! A front end reads a file's [`Format`] from its path, lints the text as
//! that format ([`lint_as`]: Markdown and HTML through their prose, spans in
//! the source) and fixes it with the loop `artlint check --fix` runs
//! ([`fix_as`], [`fix_until_stable`]):
//!
//! ```
//! use artlint::{Applicability, Format, RuleSet, builtin_pack, fix_as, lint_as, load_pack};
//! let rules = RuleSet::new(load_pack(&builtin_pack()).unwrap());
//! let format = Format::for_path("post.md".as_ref());
//! let src = "Vladimir Poutine said `Poutine`.\n";
//! assert_eq!(lint_as(&rules, format, "post.md", src)[0].span.start, 9);
//! let fixed = fix_as(&rules, format, "post.md", src, Applicability::Unsafe);
//! assert_eq!(fixed.text, "Vladimir Putin said `Poutine`.\n");
//! ```
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
mod builtin;
pub mod check;
pub mod config;
mod diagnostic;
mod document;
pub mod fingerprint;
pub mod fix;
mod fixing;
mod format;
pub mod input;
pub mod learn;
mod lexicon;
mod line_index;
pub mod lint;
mod literal_gate;
mod rule;
mod ruleset;
mod section;
mod span;
mod suppress;
pub mod testing;

pub use builtin::builtin_pack;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
pub use document::Document;
pub use fixing::{FixOutcome, fix_as, fix_until_stable};
pub use format::Format;
pub use line_index::{LineColumn, LineIndex};
pub use lint::lint_as;
pub use rule::{PackFile, Rule, RuleError, RuleKind, load_pack};
pub use ruleset::RuleSet;
pub use span::Span;
