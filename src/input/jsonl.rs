//! JSONL records: one JSON object a line, the text to lint in one field and
//! an id in another (for corpus pipelines: dolma, datatrove, Spark shards).
//! Reading lines and writing output is the CLI's business; this is the pure
//! part, shared with the fuzz target.

use crate::line_index::{CHECKPOINT, CharIndex};

/// A parsed record: its id and the text to lint.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The id field's value as text (a string as it is, any other JSON value
    /// as its JSON text), or the 1-based line number when it is absent or
    /// null: one type, so an output's `id` joins back to its input either way.
    pub id: String,
    pub text: String,
}

/// A line that is not a usable record; `id` is as good as could be found.
#[derive(Debug, Clone, PartialEq)]
pub struct Malformed {
    pub id: String,
    pub error: String,
}

/// Parses line `line` (1-based) of a JSONL input named `source`.
pub fn parse_record(
    source: &str,
    line: usize,
    raw: &str,
    text_field: &str,
    id_field: &str,
) -> Result<Record, Malformed> {
    let mut value: serde_json::Value = serde_json::from_str(raw).map_err(|e| Malformed {
        id: line.to_string(),
        error: format!("{source}:{line}: invalid JSON: {e}"),
    })?;
    let id = match value.get(id_field) {
        None | Some(serde_json::Value::Null) => line.to_string(),
        Some(serde_json::Value::String(id)) => id.clone(),
        Some(other) => other.to_string(),
    };
    match value.get_mut(text_field).map(serde_json::Value::take) {
        Some(serde_json::Value::String(text)) => Ok(Record { id, text }),
        _ => Err(Malformed {
            id,
            error: format!("{source}:{line}: no string field `{text_field}`"),
        }),
    }
}

/// Converts byte offsets of one text to Unicode scalar offsets (what Python
/// and dolma's span attributes count). A query near the previous one counts
/// the characters between them; any other (an earlier offset, such as a fix
/// edit's start after the finding's end, or a far one) is answered from a
/// `CharIndex` built on first need, so every query costs at most a few KiB
/// of counting, in any order.
pub struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
    index: Option<CharIndex>,
}

impl<'a> CharOffsets<'a> {
    pub fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
            index: None,
        }
    }

    /// The scalar offset of byte offset `byte` (clamped to the text, and
    /// rounded down to a char boundary).
    pub fn chars_at(&mut self, byte: usize) -> usize {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        if byte >= self.byte && byte - self.byte <= 2 * CHECKPOINT {
            self.chars += self.text[self.byte..byte].chars().count();
        } else {
            let text = self.text;
            self.chars = self
                .index
                .get_or_insert_with(|| CharIndex::new(text))
                .chars(text, byte);
        }
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_with_id_and_text() {
        let r = parse_record("in", 3, r#"{"id":"a1","text":"héllo"}"#, "text", "id").unwrap();
        assert_eq!(r.id, "a1");
        assert_eq!(r.text, "héllo");
    }

    #[test]
    fn missing_or_null_id_falls_back_to_the_line() {
        let r = parse_record("in", 7, r#"{"id":null,"text":""}"#, "text", "id").unwrap();
        assert_eq!(r.id, "7");
        let r = parse_record("in", 8, r#"{"body":"x"}"#, "body", "id").unwrap();
        assert_eq!(r.id, "8");
    }

    /// A number, or any other JSON value, is its JSON text: `id` has one type.
    #[test]
    fn ids_of_every_json_type_are_strings() {
        for (raw, id) in [
            (r#"{"id":42,"text":""}"#, "42"),
            (r#"{"id":-1.5,"text":""}"#, "-1.5"),
            (r#"{"id":true,"text":""}"#, "true"),
            (r#"{"id":[1,"a"],"text":""}"#, r#"[1,"a"]"#),
            (r#"{"id":"42","text":""}"#, "42"),
        ] {
            assert_eq!(parse_record("in", 1, raw, "text", "id").unwrap().id, id);
        }
    }

    #[test]
    fn malformed_lines_say_where_and_why() {
        let e = parse_record("in.jsonl", 2, "{oops", "text", "id").unwrap_err();
        assert_eq!(e.id, "2");
        assert!(
            e.error.starts_with("in.jsonl:2: invalid JSON: "),
            "{}",
            e.error
        );
        let e = parse_record("in.jsonl", 4, r#"{"id":9,"text":5}"#, "text", "id").unwrap_err();
        assert_eq!(e.id, "9");
        assert_eq!(e.error, "in.jsonl:4: no string field `text`");
        let e = parse_record("in.jsonl", 5, "[1,2]", "text", "id").unwrap_err();
        assert_eq!(e.error, "in.jsonl:5: no string field `text`");
    }

    #[test]
    fn char_offsets_count_scalars_in_any_order() {
        let text = "aé😀b";
        let mut c = CharOffsets::new(text);
        assert_eq!(c.chars_at(0), 0);
        assert_eq!(c.chars_at(1), 1);
        assert_eq!(c.chars_at(3), 2);
        assert_eq!(c.chars_at(7), 3);
        assert_eq!(c.chars_at(8), 4);
        assert_eq!(c.chars_at(3), 2, "going back restarts");
        assert_eq!(c.chars_at(99), 4, "clamped");
        assert_eq!(c.chars_at(5), 2, "inside a char rounds down");
    }

    #[test]
    fn char_offsets_far_and_backward_use_the_index() {
        let text = "aé😀 ".repeat(5000);
        let mut c = CharOffsets::new(&text);
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&o| text.is_char_boundary(o))
            .collect();
        // Forward far, back, forward near, back to the start.
        for &at in [40_000, 3, 39_000, 39_010, 0, text.len()].iter() {
            let at = *boundaries.iter().rev().find(|&&b| b <= at).unwrap();
            assert_eq!(c.chars_at(at), text[..at].chars().count(), "at {at}");
        }
    }
}
