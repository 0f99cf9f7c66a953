//! The rule kinds, one module each, and the helpers they share. A kind's
//! module declares its rule-file keys, its message placeholders, how a rule
//! of it compiles and how it checks a [`Document`](crate::Document) (the
//! contract is in [`kind`]); [`KINDS`] lists them. None does I/O.

pub mod acronym;
pub mod boilerplate;
pub mod consistency;
pub mod duplicate_line;
pub mod edit_distance;
pub mod entity;
pub mod existence;
pub mod exonym;
pub mod facts;
pub mod foreign_script;
pub mod foreign_sentence;
pub mod invalid_utf8;
pub mod invisible;
pub mod kind;
pub mod language;
pub mod line_shape;
pub mod link_block;
pub mod message;
pub mod meta;
pub mod mixed_script;
pub mod mojibake;
pub mod name_variant;
pub mod names;
pub mod overuse;
pub mod pattern;
pub mod quality;
pub mod quote;
pub mod repetition;
pub mod repetition_loop;
pub mod substitution;
pub mod template_run;
pub mod text;
pub mod untranslated;

pub use facts::{FactCheck, Facts, SectionFacts};
pub use kind::{Check, Kind, RuleKind};
pub use meta::RuleMeta;

/// Every rule kind, by its name in rule files. Unknown-kind errors list them
/// in this order, and a rule set runs the kinds' checks in this order:
/// `quality` comes after `boilerplate`, whose findings one of its metrics
/// measures, and `duplicate-line` and `template-run` after `boilerplate`
/// and `link-block`, whose findings they read.
pub static KINDS: &[&Kind] = &[
    &existence::KIND,
    &substitution::KIND,
    &boilerplate::KIND,
    &consistency::KIND,
    &repetition::KIND,
    &invalid_utf8::KIND,
    &exonym::KIND,
    &acronym::EXPANSION,
    &acronym::CONSISTENCY,
    &names::KIND,
    &name_variant::KIND,
    &quote::KIND,
    &entity::KIND,
    &mojibake::KIND,
    &invisible::KIND,
    &mixed_script::KIND,
    &foreign_script::KIND,
    &untranslated::KIND,
    &foreign_sentence::KIND,
    &link_block::KIND,
    &duplicate_line::KIND,
    &template_run::KIND,
    &repetition_loop::KIND,
    &overuse::KIND,
    &quality::KIND,
    &crate::suppress::KIND,
    &crate::suppress::UNKNOWN_KIND,
];

/// The kind named `name` in rule files.
pub fn by_name(name: &str) -> Option<&'static Kind> {
    KINDS.iter().copied().find(|k| k.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_unique() {
        for (i, a) in KINDS.iter().enumerate() {
            for b in &KINDS[i + 1..] {
                assert_ne!(a.name, b.name);
            }
        }
    }

    #[test]
    fn quality_runs_after_boilerplate() {
        let at = |k: &Kind| KINDS.iter().position(|x| x.name == k.name);
        assert!(at(&boilerplate::KIND) < at(&quality::KIND));
        for reader in [&duplicate_line::KIND, &template_run::KIND] {
            assert!(at(&boilerplate::KIND) < at(reader));
            assert!(at(&link_block::KIND) < at(reader));
        }
    }
}
