//! JSON-RPC over stdio: `Content-Length` framing, read on a thread of its
//! own so the main loop can take every queued message before it lints.
//!
//! lsp-server's own stdio transport ends the connection on the first
//! malformed message; here a body that is not a JSON-RPC message is answered
//! with a parse error (`id: null`, as JSON-RPC says) and reading goes on, and
//! header lines that are not `Content-Length` are skipped, so a client that
//! sent one bad message is not disconnected.

use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc::{Receiver, Sender, channel};

use lsp_server::{ErrorCode, Message};
use serde::Serialize;

/// What the reader hands the main loop.
#[derive(Debug)]
pub(super) enum Incoming {
    Message(Message),
    /// A body that is not a JSON-RPC message, and why.
    Malformed(String),
}

/// Starts reading `input` on a thread; the channel closes at end of input.
pub(super) fn spawn_reader(input: impl BufRead + Send + 'static) -> Receiver<Incoming> {
    let (sender, receiver) = channel();
    std::thread::Builder::new()
        .name("artlint-server-reader".into())
        .spawn(move || read_loop(input, &sender))
        .expect("the reader thread starts");
    receiver
}

fn read_loop(mut input: impl BufRead, sender: &Sender<Incoming>) {
    loop {
        let incoming = match read_body(&mut input) {
            Ok(Some(body)) => match serde_json::from_slice::<Message>(&body) {
                Ok(message) => Incoming::Message(message),
                Err(e) => Incoming::Malformed(format!("not a JSON-RPC message: {e}")),
            },
            Ok(None) => return,
            Err(e) => {
                log(&format!("cannot read from the client: {e}"));
                return;
            }
        };
        let exit =
            matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if sender.send(incoming).is_err() || exit {
            return;
        }
    }
}

/// One message body; `None` at end of input. Lines of the header that are
/// not a valid `Content-Length` are skipped (with a note on stderr).
fn read_body(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut length: Option<usize> = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            match length {
                Some(n) => break read_exact(input, n).map(Some),
                None => continue,
            }
        }
        match header.split_once(':') {
            Some((name, value)) if name.eq_ignore_ascii_case("content-length") => {
                match value.trim().parse() {
                    Ok(n) => length = Some(n),
                    Err(_) => log(&format!("ignoring a bad header line: {header:?}")),
                }
            }
            Some((name, _)) if name.eq_ignore_ascii_case("content-type") => {}
            _ => log(&format!("ignoring a bad header line: {header:?}")),
        }
    }
}

fn read_exact(input: &mut impl BufRead, n: usize) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    input.take(n as u64).read_to_end(&mut body)?;
    if body.len() < n {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            format!(
                "the input ended inside a message ({} of {n} bytes)",
                body.len()
            ),
        ));
    }
    Ok(body)
}

/// Writes messages to the client, one framed message at a time.
pub(super) struct Writer<W: Write> {
    out: W,
}

impl<W: Write> Writer<W> {
    pub(super) fn new(out: W) -> Writer<W> {
        Writer { out }
    }

    pub(super) fn send(&mut self, message: impl Into<Message>) {
        let message = message.into();
        if let Err(e) = message.write(&mut self.out).and_then(|()| self.out.flush()) {
            log(&format!("cannot write to the client: {e}"));
        }
    }

    /// A notification serialized straight from `params`: a large one (every
    /// finding of a long document) is not built as a JSON value tree first.
    pub(super) fn notify(&mut self, method: &str, params: &impl Serialize) {
        #[derive(Serialize)]
        struct Notification<'a, P> {
            jsonrpc: &'static str,
            method: &'a str,
            params: &'a P,
        }
        let notification = Notification {
            jsonrpc: "2.0",
            method,
            params,
        };
        match serde_json::to_vec(&notification) {
            Ok(body) => self.write_framed(&body),
            Err(e) => log(&format!("cannot serialize `{method}`: {e}")),
        }
    }

    /// The JSON-RPC answer to a body that could not be read as a message:
    /// a parse error whose `id` is null (lsp-server's `Response` cannot say null).
    pub(super) fn send_parse_error(&mut self, why: &str) {
        let body = serde_json::json!({
            "jsonrpc": "2.0",
            "id": null,
            "error": {"code": ErrorCode::ParseError as i32, "message": why},
        })
        .to_string();
        self.write_framed(body.as_bytes());
    }

    fn write_framed(&mut self, body: &[u8]) {
        let written = write!(self.out, "Content-Length: {}\r\n\r\n", body.len())
            .and_then(|()| self.out.write_all(body))
            .and_then(|()| self.out.flush());
        if let Err(e) = written {
            log(&format!("cannot write to the client: {e}"));
        }
    }
}

/// The server's log: stderr only (stdout is the protocol).
pub(super) fn log(message: &str) {
    eprintln!("artlint server: {message}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(input: &str) -> Vec<Incoming> {
        let receiver = spawn_reader(io::Cursor::new(input.to_string().into_bytes()));
        receiver.iter().collect()
    }

    #[test]
    fn framed_messages_are_read_and_bad_ones_reported() {
        let ok = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!(
            "Content-Length: 5\r\n\r\n{{bad}}garbage line\r\nContent-Length: {}\r\nContent-Type: x\r\n\r\n{ok}Content-Length: 10\r\n\r\nshort",
            ok.len()
        );
        let got = bodies(&input);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            matches!(&got[0], Incoming::Malformed(why) if why.starts_with("not a JSON-RPC message"))
        );
        assert!(
            matches!(&got[1], Incoming::Message(Message::Notification(n)) if n.method == "initialized")
        );
    }

    #[test]
    fn notifications_are_framed_json() {
        let mut writer = Writer::new(Vec::new());
        writer.notify("m", &serde_json::json!({"a": 1}));
        let body = r#"{"jsonrpc":"2.0","method":"m","params":{"a":1}}"#;
        let text = String::from_utf8(writer.out).unwrap();
        assert_eq!(
            text,
            format!("Content-Length: {}\r\n\r\n{body}", body.len())
        );
    }

    #[test]
    fn a_parse_error_has_a_null_id() {
        let mut writer = Writer::new(Vec::new());
        writer.send_parse_error("nope");
        let text = String::from_utf8(writer.out).unwrap();
        let body = r#"{"error":{"code":-32700,"message":"nope"},"id":null,"jsonrpc":"2.0"}"#;
        assert_eq!(
            text,
            format!("Content-Length: {}\r\n\r\n{body}", body.len())
        );
    }
}
