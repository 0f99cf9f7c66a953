//! Rule-file loading: every kind of mistake is an error that points at the
//! right line and column.

use artlint::{PackFile, load_pack};

fn errors(text: &str) -> Vec<String> {
    let files = vec![PackFile {
        path: "pack/r.toml".into(),
        text: text.into(),
    }];
    match load_pack(&files) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

const HEADER: &str = "[[rule]]\nid = \"t/r\"\nkind = \"existence\"\nmessage = \"m\"\n";

#[test]
fn unknown_key_points_at_the_key() {
    let e = errors(&format!("{HEADER}tokens = [\"a\"]\ntokenz = [\"b\"]\n"));
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("pack/r.toml:6:1: unknown field `tokenz`"),
        "{e:?}"
    );
}

#[test]
fn unknown_kind_lists_the_known_ones() {
    let e = errors("[[rule]]\nid = \"t/r\"\nkind = \"exist\"\nmessage = \"m\"\n");
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("pack/r.toml:3:8: unknown rule kind `exist` (known kinds: existence,"),
        "{e:?}"
    );
}

#[test]
fn bad_regex_points_at_the_pattern() {
    let e = errors(&format!("{HEADER}patterns = ['ok', '(unclosed']\n"));
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("pack/r.toml:5:19: invalid regex"), "{e:?}");
}

#[test]
fn huge_regex_is_rejected_by_the_size_limit() {
    let e = errors(&format!("{HEADER}patterns = ['(?:\\w{{100}}){{100}}']\n"));
    assert_eq!(e.len(), 1);
    assert!(e[0].contains("regex is too large"), "{e:?}");
}

/// Boilerplate patterns are only checked at load (each is compiled when a
/// line first may match it): the same errors at the same places.
#[test]
fn boilerplate_patterns_are_checked_at_load_as_any_regex() {
    let header = "[[rule]]\nid = \"t/b\"\nkind = \"boilerplate\"\nmessage = \"m\"\n";
    let e = errors(&format!("{header}patterns = ['ok', '(unclosed']\n"));
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("pack/r.toml:5:19: invalid regex"), "{e:?}");
    assert_eq!(
        e,
        errors(&format!("{HEADER}patterns = ['ok', '(unclosed']\n")),
        "the message a pattern of any kind gets"
    );
    let e = errors(&format!("{header}patterns = ['(?:\\w{{100}}){{100}}']\n"));
    assert_eq!(e.len(), 1);
    assert!(e[0].contains("regex is too large"), "{e:?}");
    // Named groups are known to the message as for compiled patterns.
    let ok = format!("{header}patterns = ['(?P<what>sign) in']\n");
    assert_eq!(
        errors(&ok.replace("message = \"m\"", "message = \"{what}\"")),
        Vec::<String>::new()
    );
    let e = errors(&ok.replace("message = \"m\"", "message = \"{other}\""));
    assert_eq!(e.len(), 1, "{e:?}");
}

#[test]
fn duplicate_id_names_the_first_definition() {
    let files = vec![
        PackFile {
            path: "a.toml".into(),
            text: format!("{HEADER}tokens = [\"a\"]\n"),
        },
        PackFile {
            path: "b.toml".into(),
            text: format!("\n{HEADER}tokens = [\"b\"]\n"),
        },
    ];
    let e = load_pack(&files).unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].to_string(), "b.toml:3:6: duplicate rule id `t/r`");
    assert_eq!(e[0].note.as_deref(), Some("first defined at a.toml:2:6"));
}

#[test]
fn wrong_type_points_at_the_value() {
    let e = errors(&format!("{HEADER}tokens = \"a\"\n"));
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("pack/r.toml:5:10: invalid type: string \"a\", expected a sequence"),
        "{e:?}"
    );
}

#[test]
fn key_of_another_kind_is_rejected() {
    let e = errors(&format!(
        "{HEADER}tokens = [\"a\"]\nswap = {{ a = \"b\" }}\n"
    ));
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("pack/r.toml:6:8: key `swap` is not used by rules of kind `existence`"),
        "{e:?}"
    );
}

#[test]
fn unknown_placeholder_is_rejected() {
    let e = errors(
        "[[rule]]\nid = \"t/r\"\nkind = \"existence\"\nmessage = \"bad {replacement}\"\ntokens = [\"a\"]\n",
    );
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("pack/r.toml:4:11: unknown placeholder `{replacement}`"),
        "{e:?}"
    );
}

#[test]
fn invalid_toml_points_at_the_error() {
    let e = errors("[[rule]]\nid = \"t/r\nkind = 1\n");
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("pack/r.toml:2:"), "{e:?}");
}

#[test]
fn bad_id_is_rejected() {
    let e = errors(
        "[[rule]]\nid = \"Bad Id\"\nkind = \"existence\"\nmessage = \"m\"\ntokens = [\"a\"]\n",
    );
    assert!(e[0].contains("must be `pack/name` in kebab-case"), "{e:?}");
}
