//! The JSON of a finding, written by hand: the bytes `serde_json` writes
//! for a [`JsonDiagnostic`], at a fraction of the cost.
//!
//! A page of scraped text yields a hundred findings and its JSON is three
//! times its size; through serde the output was 8 % of the instructions of a
//! run on real pages. The types keep their `Serialize` derives for the
//! schema and for the tests that compare the two.

use artlint::{Applicability, Edit, Label, LineColumn, Span};

use super::json::JsonDiagnostic;

/// `d`'s fields, `"rule":…` to the last, without the braces around them (a
/// JSON Lines record puts its own fields first).
pub(super) fn write_fields(out: &mut Vec<u8>, d: &JsonDiagnostic<'_>) {
    out.extend_from_slice(b"\"rule\":");
    write_str(out, d.rule);
    out.extend_from_slice(b",\"severity\":\"");
    out.extend_from_slice(d.severity.as_str().as_bytes());
    out.extend_from_slice(b"\",\"message\":");
    write_str(out, d.message);
    out.extend_from_slice(b",\"span\":");
    write_span(out, d.span);
    out.extend_from_slice(b",\"range\":{\"start\":");
    write_line_column(out, d.range.start);
    out.extend_from_slice(b",\"end\":");
    write_line_column(out, d.range.end);
    out.extend_from_slice(b"},\"text\":");
    write_str(out, d.text);
    out.extend_from_slice(b",\"fix\":");
    match &d.fix {
        None => out.extend_from_slice(b"null"),
        Some(fix) => {
            out.extend_from_slice(b"{\"applicability\":\"");
            out.extend_from_slice(applicability(fix.applicability).as_bytes());
            out.extend_from_slice(b"\",\"edits\":");
            write_array(out, fix.edits, write_edit);
            out.push(b'}');
        }
    }
    if !d.labels.is_empty() {
        out.extend_from_slice(b",\"labels\":");
        write_array(out, d.labels, write_label);
    }
}

/// `d` as one JSON object.
pub(super) fn write_diagnostic(out: &mut Vec<u8>, d: &JsonDiagnostic<'_>) {
    out.push(b'{');
    write_fields(out, d);
    out.push(b'}');
}

/// `items` as a JSON array, each written by `write`.
fn write_array<T>(out: &mut Vec<u8>, items: &[T], write: fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, item);
    }
    out.push(b']');
}

/// The name serde gives the variant (`rename_all`), checked by the tests.
fn applicability(applicability: Applicability) -> &'static str {
    match applicability {
        Applicability::DisplayOnly => "display-only",
        Applicability::Unsafe => "unsafe",
        Applicability::Safe => "safe",
    }
}

fn write_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn write_span(out: &mut Vec<u8>, span: Span) {
    out.extend_from_slice(b"{\"start\":");
    write_u32(out, span.start);
    out.extend_from_slice(b",\"end\":");
    write_u32(out, span.end);
    out.push(b'}');
}

fn write_line_column(out: &mut Vec<u8>, at: LineColumn) {
    out.extend_from_slice(b"{\"line\":");
    write_u32(out, at.line);
    out.extend_from_slice(b",\"column\":");
    write_u32(out, at.column);
    out.push(b'}');
}

fn write_edit(out: &mut Vec<u8>, edit: &Edit) {
    out.extend_from_slice(b"{\"start\":");
    write_u32(out, edit.start);
    out.extend_from_slice(b",\"end\":");
    write_u32(out, edit.end);
    out.extend_from_slice(b",\"replacement\":");
    write_str(out, &edit.replacement);
    out.push(b'}');
}

fn write_label(out: &mut Vec<u8>, label: &Label) {
    out.extend_from_slice(b"{\"span\":");
    write_span(out, label.span);
    out.extend_from_slice(b",\"message\":");
    write_str(out, &label.message);
    out.push(b'}');
}

/// A JSON string, escaped as `serde_json` escapes it: `"` and `\`, the
/// control characters (short forms where JSON has them, else `\u00xx`),
/// nothing else.
pub(super) fn write_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none needs escaping (nearly always).
        if let Some(chunk) = bytes.get(i..i + 8)
            && !any_needs_escape(u64::from_le_bytes(chunk.try_into().expect("eight bytes")))
        {
            i += 8;
            continue;
        }
        let b = bytes[i];
        if !needs_escape(b) {
            i += 1;
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\x08' => out.extend_from_slice(b"\\b"),
            b'\x0c' => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xf)]);
            }
        }
        i += 1;
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Whether a byte of `word` needs escaping: a control character, `"` or
/// `\\` (the classic zero-byte tests, on the word's eight bytes at once).
fn any_needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGHS != 0;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGHS != 0;
    below_space
        || has_zero(word ^ (ONES * u64::from(b'"')))
        || has_zero(word ^ (ONES * u64::from(b'\\')))
}

#[cfg(test)]
mod tests {
    use artlint::{Diagnostic, Fix, LineIndex, Severity};
    use proptest::prelude::*;

    use super::*;

    fn by_hand(d: &JsonDiagnostic<'_>) -> String {
        let mut out = Vec::new();
        write_diagnostic(&mut out, d);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_finding_is_written_as_serde_writes_it() {
        let text = "a \"quoted\"\tline\nand\\ more é\u{1}\n";
        let index = LineIndex::new(text);
        let mut with_all = Diagnostic {
            rule: "pack/rule".into(),
            severity: Severity::Error,
            span: Span::new(2, 10),
            message: "a \"message\"\r\n\u{7f}\u{1f}".into(),
            labels: vec![
                Label {
                    span: Span::new(0, 1),
                    message: "first\u{8}\u{c}".into(),
                },
                Label {
                    span: Span::new(17, 22),
                    message: String::new(),
                },
            ],
            fix: Some(Fix {
                applicability: Applicability::DisplayOnly,
                edits: vec![
                    Edit::new(Span::new(2, 3), "“"),
                    Edit::new(Span::new(9, 10), ""),
                ],
            }),
        };
        for severity in [Severity::Info, Severity::Warning, Severity::Error] {
            for applicability in [
                Applicability::DisplayOnly,
                Applicability::Unsafe,
                Applicability::Safe,
            ] {
                with_all.severity = severity;
                with_all.fix.as_mut().unwrap().applicability = applicability;
                let d = JsonDiagnostic::new(text, &index, &with_all);
                assert_eq!(by_hand(&d), serde_json::to_string(&d).unwrap());
            }
        }
        let bare = Diagnostic {
            labels: Vec::new(),
            fix: None,
            ..with_all
        };
        let d = JsonDiagnostic::new(text, &index, &bare);
        assert_eq!(by_hand(&d), serde_json::to_string(&d).unwrap());
    }

    proptest! {
        #[test]
        fn any_string_is_escaped_as_serde_escapes_it(s in any::<String>()) {
            let mut out = Vec::new();
            write_str(&mut out, &s);
            prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn eight_bytes_need_escaping_when_one_does(bytes in any::<[u8; 8]>()) {
            prop_assert_eq!(
                any_needs_escape(u64::from_le_bytes(bytes)),
                bytes.iter().any(|&b| needs_escape(b))
            );
        }

        #[test]
        fn any_number_is_written_as_serde_writes_it(n in any::<u32>()) {
            let mut out = Vec::new();
            write_u32(&mut out, n);
            prop_assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }
}
