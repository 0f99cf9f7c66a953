//! Embeds every file under `rules/` in the binary, so the default pack works
//! from any directory and `cargo install` needs nothing beside the binary;
//! works out the literals its patterns require (see
//! `src/literal_gate/required.rs`), which start-up would otherwise parse
//! every pattern to find; and builds the English lexicon's hash table (see
//! `src/lexicon/table.rs`).

use std::fmt::Write as _;
use std::path::Path;

// The lexicon's tables, built by the code that reads them.
#[allow(dead_code)]
#[path = "src/lexicon/table.rs"]
mod lexicon_table;
#[allow(dead_code)]
#[path = "src/lexicon/trigrams.rs"]
mod lexicon_trigrams;

// The analysis itself, not a copy: the gate and this script cannot disagree.
#[allow(dead_code)]
#[path = "src/literal_gate/required.rs"]
mod required;

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("rules/ is readable")
        .map(|e| e.expect("rules/ entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&rules, &mut files);
    let mut code = String::from(
        "/// Every file of the built-in rule pack: (path relative to the repo, contents).\npub(crate) static BUILTIN_FILES: &[(&str, &str)] = &[\n",
    );
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let relative = path.strip_prefix(root).expect("under the manifest dir");
        writeln!(
            code,
            "    ({:?}, include_str!({:?})),",
            relative.to_string_lossy().replace('\\', "/"),
            path.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").unwrap();
    let out = Path::new(&out_dir).join("builtin_rules.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");

    println!("cargo:rerun-if-changed=src/lexicon/english-words.txt");
    println!("cargo:rerun-if-changed=src/lexicon/table.rs");
    let list = std::fs::read_to_string(root.join("src/lexicon/english-words.txt"))
        .expect("the word list is UTF-8");
    let out = Path::new(&out_dir).join("english_words.table");
    std::fs::write(out, lexicon_table::build(&list)).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=src/lexicon/trigrams.rs");
    let out = Path::new(&out_dir).join("english_trigrams.table");
    std::fs::write(out, lexicon_trigrams::build(&list)).expect("OUT_DIR is writable");

    println!("cargo:rerun-if-changed=src/literal_gate/required.rs");
    let out = Path::new(&out_dir).join("builtin_literals.rs");
    std::fs::write(out, required_literals(&files)).expect("OUT_DIR is writable");
}

/// Every string under a `patterns` key of the pack's rule files, with the
/// literals it requires matched either way (the gate asks with the rule's
/// case), its line span and the characters a match begins with, as a Rust
/// table sorted for binary search. A pattern missing here (a user's, or one
/// a kind rewrites) is analysed at start-up.
fn required_literals(files: &[std::path::PathBuf]) -> String {
    let mut patterns = Vec::new();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        let text = std::fs::read_to_string(path).expect("a rule file is UTF-8");
        // A file that does not parse is the loader's to report.
        if let Ok(table) = text.parse::<toml::Table>() {
            collect_patterns(&toml::Value::Table(table), false, &mut patterns);
        }
    }
    let mut entries: Vec<(String, bool)> = patterns
        .into_iter()
        .flat_map(|p| [(p.clone(), false), (p, true)])
        .collect();
    entries.sort();
    entries.dedup();
    let mut code = String::from(
        "/// (pattern, case-insensitive, required literals, line span, first characters) for the built-in pack.\n\
         pub(crate) static REQUIRED: &[super::BuiltIn] = &[\n",
    );
    for (pattern, insensitive) in entries {
        let literals = match required::analyse(&pattern, insensitive) {
            Some(set) => {
                let items: Vec<String> = set.iter().map(|l| byte_string(l)).collect();
                format!("Some(&[{}])", items.join(", "))
            }
            None => "None".to_string(),
        };
        let line_span = required::line_span(&pattern, insensitive);
        let first = match required::first_ranges(&pattern, insensitive) {
            Some(ranges) => {
                let items: Vec<String> = ranges
                    .iter()
                    .map(|&(a, b)| format!("('\\u{{{:x}}}', '\\u{{{:x}}}')", a as u32, b as u32))
                    .collect();
                format!("Some(&[{}])", items.join(", "))
            }
            None => "None".to_string(),
        };
        writeln!(
            code,
            "    ({pattern:?}, {insensitive}, {literals}, {line_span:?}, {first}),"
        )
        .unwrap();
    }
    code.push_str("];\n");
    code
}

fn collect_patterns(value: &toml::Value, under_patterns: bool, out: &mut Vec<String>) {
    match value {
        toml::Value::String(s) if under_patterns => out.push(s.clone()),
        toml::Value::Array(items) => {
            for item in items {
                collect_patterns(item, under_patterns, out);
            }
        }
        toml::Value::Table(table) => {
            for (key, item) in table {
                collect_patterns(item, key == "patterns", out);
            }
        }
        _ => {}
    }
}

/// A byte string literal: `b"..."` with everything but printable ASCII escaped.
fn byte_string(bytes: &[u8]) -> String {
    let mut s = String::from("b\"");
    for &b in bytes {
        if (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\' {
            s.push(char::from(b));
        } else {
            write!(s, "\\x{b:02x}").unwrap();
        }
    }
    s.push('"');
    s
}
