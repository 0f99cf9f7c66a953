//! Whether a normalised line is a whole match of one boilerplate pattern.
//!
//! The question needs no match bounds and no captures, so a forward lazy
//! DFA answers it: compiling one costs about 40 % less than a `Regex`, which
//! also builds a reverse automaton and engines for captures. A run over a
//! few pages compiles more patterns than it searches lines with them, so
//! the compilation is most of its cost.

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::{Arc, OnceLock};

use regex::Regex;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, NFA, pikevm};
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input};

/// Makes a search's cache for one thread (a pool keeps one per thread).
type Make<C> = Box<dyn Fn() -> C + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// A PikeVM with its caches.
type Pike = (
    Arc<pikevm::PikeVM>,
    Pool<pikevm::Cache, Make<pikevm::Cache>>,
);

/// A pattern anchored to the whole line, matched case-insensitively.
#[derive(Debug)]
pub(super) struct LineMatcher {
    engine: Engine,
}

#[derive(Debug)]
enum Engine {
    /// The lazy DFA, and for a line it gives up on (a Unicode word boundary
    /// beside a letter outside ASCII) a PikeVM of the same NFA, built when
    /// first needed: slow on long texts, but lines are short, and it costs
    /// no second compilation.
    Automata {
        nfa: NFA,
        dfa: Arc<DFA>,
        caches: Pool<Cache, Make<Cache>>,
        pike: OnceLock<Pike>,
    },
    /// A pattern beyond the automata's limits.
    Regex(Regex),
}

impl LineMatcher {
    /// Compiles `pattern`, which its rule's loading already compiled alone.
    pub(super) fn new(pattern: &str) -> LineMatcher {
        let anchored = format!("^(?:{pattern})$");
        let automata = || -> Option<Engine> {
            let nfa = thompson::Compiler::new()
                .syntax(syntax::Config::new().case_insensitive(true))
                .configure(
                    thompson::Config::new().which_captures(thompson::WhichCaptures::Implicit),
                )
                .build(&anchored)
                .ok()?;
            let dfa = DFA::builder()
                .configure(DFA::config().unicode_word_boundary(true))
                .build_from_nfa(nfa.clone())
                .ok()?;
            let dfa = Arc::new(dfa);
            let shared = Arc::clone(&dfa);
            let make: Make<Cache> = Box::new(move || shared.create_cache());
            Some(Engine::Automata {
                nfa,
                dfa,
                caches: Pool::new(make),
                pike: OnceLock::new(),
            })
        };
        let engine = automata().unwrap_or_else(|| {
            // Its lazy DFA's cache keeps regex's default capacity of 2 MiB,
            // as the one above does: the large alternations (section names,
            // share buttons) meet new states on every new line, and smaller
            // caps made them thrash (128 KiB: the run 30 % slower; 512 KiB:
            // small files 5 % slower) for little memory saved.
            Engine::Regex(
                regex::RegexBuilder::new(&anchored)
                    .case_insensitive(true)
                    .build()
                    .expect("a rule's pattern compiles anchored"),
            )
        });
        LineMatcher { engine }
    }

    pub(super) fn is_match(&self, line: &str) -> bool {
        match &self.engine {
            Engine::Automata {
                nfa,
                dfa,
                caches,
                pike,
            } => {
                let input = Input::new(line).anchored(Anchored::Yes).earliest(true);
                if let Ok(found) = dfa.try_search_fwd(&mut caches.get(), &input) {
                    return found.is_some();
                }
                let (vm, caches) = pike.get_or_init(|| {
                    let vm = Arc::new(
                        pikevm::PikeVM::new_from_nfa(nfa.clone()).expect("a PikeVM takes any NFA"),
                    );
                    let shared = Arc::clone(&vm);
                    let make: Make<pikevm::Cache> = Box::new(move || shared.create_cache());
                    (vm, Pool::new(make))
                });
                vm.is_match(&mut caches.get(), input)
            }
            Engine::Regex(regex) => regex.is_match(line),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regex_says(pattern: &str, line: &str) -> bool {
        regex::RegexBuilder::new(&format!("^(?:{pattern})$"))
            .case_insensitive(true)
            .build()
            .unwrap()
            .is_match(line)
    }

    #[test]
    fn a_line_matches_whole_and_in_any_case() {
        let m = LineMatcher::new(r"(?:share|tweet) (?:this|it)");
        assert!(m.is_match("share this") && m.is_match("TWEET It"));
        assert!(!m.is_match("share this now") && !m.is_match("please share this"));
        assert!(!m.is_match(""));
    }

    #[test]
    fn a_word_boundary_beside_a_letter_outside_ascii_is_answered_too() {
        // The lazy DFA quits at `é` (a Unicode word boundary); the PikeVM
        // answers, as the regex does.
        let pattern = r"read more\b.*";
        let m = LineMatcher::new(pattern);
        for line in [
            "read more é",
            "read moreé",
            "read more",
            "read more…",
            "read mores",
        ] {
            assert_eq!(m.is_match(line), regex_says(pattern, line), "{line:?}");
        }
        assert!(m.is_match("read more é") && !m.is_match("read moreé"));
    }

    proptest::proptest! {
        #[test]
        fn it_answers_as_the_regex_does(
            line in "(?:(?:share|tweet|read|more|é|ß|k|ſ|K| |\\.|…|:)){0,6}",
        ) {
            for pattern in [r"(?:share|tweet)(?: this)?[.!]?", r"read more\b.*", r"\w+ ?:", r"(?:ß|ss)k+"] {
                let m = LineMatcher::new(pattern);
                proptest::prop_assert_eq!(m.is_match(&line), regex_says(pattern, &line), "{} {:?}", pattern, line);
            }
        }
    }
}
