//! `artlint server` driven over stdio by a small JSON-RPC client: the real
//! binary, the real framing. Each test is one session; `cargo test --test
//! server -- --nocapture` prints the transcript of the first.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// Long enough for a debug build on a busy machine; a hang fails, not blocks.
const WAIT: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Messages received while waiting for another.
    backlog: Vec<Value>,
    next_id: i64,
    /// Every message, `→` sent and `←` received.
    transcript: Vec<String>,
}

impl Client {
    /// Starts `artlint server` in `dir`.
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(common::artlint_path())
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let stdout = child.stdout.take().expect("piped");
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = Some(n.parse::<usize>().expect("a length"));
                    }
                }
                let mut body = vec![0; length.expect("Content-Length")];
                reader.read_exact(&mut body).expect("a body");
                let value = serde_json::from_slice(&body).expect("the server sends JSON");
                if sender.send(value).is_err() {
                    return;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            incoming,
            backlog: Vec::new(),
            next_id: 0,
            transcript: Vec::new(),
        }
    }

    fn send_raw(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().expect("open");
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        stdin.write_all(body).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        self.transcript.push(format!("→ {}", shorten(&message)));
        self.send_raw(message.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response (the whole message).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    /// The first message (received or to come) that `wanted` accepts.
    fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(i);
        }
        loop {
            match self.incoming.recv_timeout(WAIT) {
                Ok(message) => {
                    self.transcript.push(format!("← {}", shorten(&message)));
                    if wanted(&message) {
                        return message;
                    }
                    self.backlog.push(message);
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no answer in {WAIT:?}: {:#?}", self.transcript)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed stdout: {:#?}", self.transcript)
                }
            }
        }
    }

    /// The code actions for `range` of `uri`, of the kinds in `only` (all if empty).
    fn code_actions(&mut self, uri: &str, range: Value, only: &[&str]) -> Value {
        let mut context = json!({"diagnostics": []});
        if !only.is_empty() {
            context["only"] = json!(only);
        }
        let params = json!({"textDocument": {"uri": uri}, "range": range, "context": context});
        self.request("textDocument/codeAction", params)["result"].clone()
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        let uri = uri.to_string();
        self.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
            ["params"]
            .clone()
    }

    fn initialize(&mut self, encodings: Value, root: &Path) -> Value {
        self.initialize_with(json!({"general": {"positionEncodings": encodings}}), root)
    }

    fn initialize_with(&mut self, capabilities: Value, root: &Path) -> Value {
        let response = self.request(
            "initialize",
            json!({"processId": null, "rootUri": file_uri(root), "capabilities": capabilities}),
        );
        self.notify("initialized", json!({}));
        response
    }

    /// `shutdown`, `exit`, and the exit code.
    fn stop(mut self) -> (Option<i32>, Vec<String>) {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let status = self.child.wait().expect("the server exits");
        (status.code(), self.transcript)
    }
}

/// A message as the transcript shows it: long strings cut.
fn shorten(message: &Value) -> String {
    fn cut(v: &Value) -> Value {
        match v {
            Value::String(s) if s.chars().count() > 90 => {
                Value::String(format!("{}…", s.chars().take(90).collect::<String>()))
            }
            Value::Array(items) => Value::Array(items.iter().map(cut).collect()),
            Value::Object(map) => {
                Value::Object(map.iter().map(|(k, v)| (k.clone(), cut(v))).collect())
            }
            other => other.clone(),
        }
    }
    cut(message).to_string()
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A folder that is its own repository root, so no configuration above it applies.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

fn open(client: &mut Client, uri: &str, language: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
    );
}

/// The diagnostics of one rule: (range, message).
fn of_rule<'a>(published: &'a Value, rule: &str) -> Vec<&'a Value> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == rule)
        .collect()
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}})
}

/// Applies LSP text edits (UTF-16 positions) to `text`, last first.
fn apply_utf16(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| -> usize {
        let (line, character) = (
            p["line"].as_u64().unwrap() as usize,
            p["character"].as_u64().unwrap() as usize,
        );
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= character || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, with) in spans {
        out.replace_range(start..end, with);
    }
    out
}

fn edits_of<'a>(action: &'a Value, uri: &str) -> &'a [Value] {
    action["edit"]["changes"][uri]
        .as_array()
        .expect("edits for the document")
}

const ARTICLE: &str = "# News\n\n😀 Vladimir Poutine said so.\n\nThe end .\n";

/// initialize → didOpen → publishDiagnostics (exact UTF-16 ranges, related
/// information) → codeAction → the edit applied gives the fixed text →
/// didChange → new diagnostics → hover → shutdown/exit.
#[test]
fn a_session_lints_fixes_and_explains_in_utf16() {
    let dir = workspace();
    let path = dir.path().join("post.md");
    let uri = file_uri(&path);
    let mut client = Client::start(dir.path());
    let init = client.initialize(json!(["utf-16"]), dir.path());
    let capabilities = &init["result"]["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["change"], 2);
    assert_eq!(capabilities["hoverProvider"], true);
    assert_eq!(
        capabilities["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.artlint"])
    );

    open(&mut client, &uri, "markdown", ARTICLE);
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 1);
    // `😀` is two UTF-16 units: `Poutine` starts at character 12 of line 2.
    let exonym = of_rule(&published, "names/exonym");
    assert_eq!(exonym.len(), 1, "{published}");
    assert_eq!(exonym[0]["range"], range((2, 12), (2, 19)));
    assert_eq!(exonym[0]["severity"], 2);
    assert_eq!(exonym[0]["source"], "artlint");
    let spacing = of_rule(&published, "punctuation/space-before");
    assert_eq!(spacing.len(), 1, "{published}");
    assert_eq!(spacing[0]["range"], range((4, 7), (4, 9)));

    // The quick fix for the exonym, and the directive that silences it.
    let actions = client.code_actions(&uri, range((2, 14), (2, 14)), &[]);
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Fix names/exonym (unsafe, review it): replace “Poutine” with “Putin”",
            "Disable names/exonym for this line",
            "Fix all safe artlint problems in this document (1 fix)",
        ]
    );
    // Unsafe: never the preferred action.
    let fix = &actions[0];
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], false);
    assert_eq!(fix["diagnostics"][0]["code"], "names/exonym");
    let fixed = apply_utf16(ARTICLE, edits_of(fix, &uri));
    assert_eq!(fixed, "# News\n\n😀 Vladimir Putin said so.\n\nThe end .\n");

    // The client applies it: an incremental change.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": edits_of(fix, &uri)[0]["range"], "text": edits_of(fix, &uri)[0]["newText"]}],
        }),
    );
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 2);
    assert!(
        of_rule(&published, "names/exonym").is_empty(),
        "{published}"
    );
    assert_eq!(of_rule(&published, "punctuation/space-before").len(), 1);

    // Saving publishes the findings again, from the same lint.
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let saved = client.diagnostics(&uri);
    assert_eq!(saved, published);

    // A safe fix is the preferred action.
    let actions = client.code_actions(&uri, range((4, 7), (4, 9)), &["quickfix"]);
    assert_eq!(
        actions[0]["title"],
        "Fix punctuation/space-before: replace “ .” with “.”"
    );
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(actions.as_array().unwrap().len(), 2, "{actions}");

    // Hover on the remaining finding: the rule's explanation.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 7}}),
    )["result"]
        .clone();
    assert_eq!(hover["range"], range((4, 7), (4, 9)));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with("punctuation/space-before\nkind: "),
        "{text}"
    );
    assert!(text.contains("Examples:"), "{text}");
    // No finding there: no hover.
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(nothing["result"], Value::Null);

    // Fix all: every safe fix at once.
    let all = client.code_actions(&uri, range((0, 0), (0, 0)), &["source.fixAll"]);
    assert_eq!(all.as_array().unwrap().len(), 1, "{all}");
    assert_eq!(all[0]["kind"], "source.fixAll.artlint");
    let current = "# News\n\n😀 Vladimir Putin said so.\n\nThe end .\n";
    assert_eq!(
        apply_utf16(current, edits_of(&all[0], &uri)),
        "# News\n\n😀 Vladimir Putin said so.\n\nThe end.\n"
    );

    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let cleared = client.diagnostics(&uri);
    assert_eq!(cleared["diagnostics"], json!([]));
    let (code, transcript) = client.stop();
    assert_eq!(code, Some(0));
    println!("{}", transcript.join("\n"));
}

/// A client that offers UTF-8 gets byte columns.
#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = workspace();
    let uri = file_uri(&dir.path().join("a.txt"));
    let mut client = Client::start(dir.path());
    let init = client.initialize(json!(["utf-8", "utf-16"]), dir.path());
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    open(
        &mut client,
        &uri,
        "plaintext",
        "😀 Vladimir Poutine said so.\n",
    );
    let published = client.diagnostics(&uri);
    let exonym = of_rule(&published, "names/exonym");
    // `😀` is four bytes.
    assert_eq!(exonym[0]["range"], range((0, 14), (0, 21)));
    let actions = client.code_actions(&uri, range((0, 15), (0, 15)), &[]);
    assert_eq!(
        actions[0]["edit"]["changes"][&uri][0]["range"],
        range((0, 14), (0, 21))
    );
    // Plain text has no inline directive: no "disable" action.
    assert!(
        actions
            .as_array()
            .unwrap()
            .iter()
            .all(|a| !a["title"].as_str().unwrap().starts_with("Disable"))
    );
    assert_eq!(client.stop().0, Some(0));
}

/// A finding's secondary labels (here an acronym's long form) are related
/// information pointing into the same document.
#[test]
fn labels_are_related_information() {
    let dir = workspace();
    let uri = file_uri(&dir.path().join("a.txt"));
    let mut client = Client::start(dir.path());
    client.initialize(json!([]), dir.path());
    let text =
        "Leaders of the Collective Security Treaty Organization (CTSC) met.\n\nThe CSTO said so.\n";
    open(&mut client, &uri, "plaintext", text);
    let published = client.diagnostics(&uri);
    let mismatch = of_rule(&published, "acronym/expansion-mismatch");
    assert_eq!(mismatch.len(), 1, "{published}");
    assert_eq!(mismatch[0]["range"], range((0, 56), (0, 60)));
    assert_eq!(
        mismatch[0]["relatedInformation"],
        json!([{"location": {"uri": uri, "range": range((0, 15), (0, 54))}, "message": "long form"}])
    );
    assert_eq!(client.stop().0, Some(0));
}

/// The inline directive the "disable" action inserts silences the finding.
#[test]
fn disable_for_this_line_inserts_the_directive() {
    let dir = workspace();
    let uri = file_uri(&dir.path().join("page.html"));
    let text = "<p>Intro.</p>\n  <p>Vladimir Poutine said so.</p>\n";
    let mut client = Client::start(dir.path());
    client.initialize(json!([]), dir.path());
    open(&mut client, &uri, "html", text);
    let published = client.diagnostics(&uri);
    assert_eq!(
        of_rule(&published, "names/exonym")[0]["range"],
        range((1, 14), (1, 21))
    );
    let actions = client.code_actions(&uri, range((1, 14), (1, 21)), &["quickfix"]);
    let disable = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Disable names/exonym for this line")
        .expect("a disable action")
        .clone();
    assert_eq!(disable["isPreferred"], false);
    let silenced = apply_utf16(text, edits_of(&disable, &uri));
    assert_eq!(
        silenced,
        "<p>Intro.</p>\n  <!-- artlint-disable-next-line names/exonym -->\n  <p>Vladimir Poutine said so.</p>\n"
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": silenced}]}),
    );
    let published = client.diagnostics(&uri);
    assert_eq!(published["diagnostics"], json!([]), "{published}");
    assert_eq!(client.stop().0, Some(0));
}

/// Malformed JSON, unknown methods, requests before `initialize` and for a
/// closed document, a 5 MB document: clear errors, and the server goes on.
#[test]
fn bad_input_gets_clear_errors_and_no_crash() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    client.initialize(json!([]), dir.path());

    client.send_raw(b"{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ");
    let parse_error = client.wait(|m| m["id"].is_null() && m.get("error").is_some());
    assert_eq!(parse_error["error"]["code"], -32700);
    assert!(
        parse_error["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("not a JSON-RPC message")
    );

    let unknown = client.request("artlint/frobnicate", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    assert_eq!(
        unknown["error"]["message"],
        "unknown method `artlint/frobnicate`"
    );

    let closed = file_uri(&dir.path().join("closed.md"));
    let answer = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": closed}, "range": range((0, 0), (0, 0)), "context": {"diagnostics": []}}),
    );
    assert_eq!(answer["error"]["code"], -32602);
    assert_eq!(
        answer["error"]["message"],
        format!("`{closed}` is not open (send textDocument/didOpen first)")
    );
    let invalid = client.request("textDocument/hover", json!({"textDocument": 3}));
    assert_eq!(invalid["error"]["code"], -32602);

    let big = file_uri(&dir.path().join("big.txt"));
    open(
        &mut client,
        &big,
        "plaintext",
        &"Vladimir Poutine said so.\n".repeat(200_000),
    );
    let published = client.diagnostics(&big);
    assert_eq!(
        published["diagnostics"].as_array().unwrap().len(),
        1,
        "{published}"
    );
    assert_eq!(published["diagnostics"][0]["code"], "server/too-large");
    assert_eq!(
        published["diagnostics"][0]["message"],
        "not linted while editing: 5.0 MiB is over the 2 MiB limit (run `artlint check` on it)"
    );
    // Still alive and answering.
    let small = file_uri(&dir.path().join("small.txt"));
    open(
        &mut client,
        &small,
        "plaintext",
        "Vladimir Poutine said so.\n",
    );
    assert_eq!(
        of_rule(&client.diagnostics(&small), "names/exonym").len(),
        1
    );
    assert_eq!(client.stop().0, Some(0));
}

/// A broken artlint.toml is one error on that file and the document is still
/// linted (built-in rules); fixed and reported as changed, the error goes and
/// the configuration applies, custom rule folders included.
#[test]
fn configuration_is_discovered_reported_and_reloaded() {
    let dir = workspace();
    let config = dir.path().join("artlint.toml");
    std::fs::write(&config, "ignore = [\"names/exonym\"]\nbogus = 1\n").unwrap();
    let uri = file_uri(&dir.path().join("a.md"));
    let mut client = Client::start(dir.path());
    client.initialize(json!([]), dir.path());
    open(
        &mut client,
        &uri,
        "markdown",
        "Vladimir Poutine said wombat.\n",
    );
    let published = client.diagnostics(&uri);
    assert_eq!(of_rule(&published, "names/exonym").len(), 1);
    let problems = client.diagnostics(&file_uri(&config));
    let problems = problems["diagnostics"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["severity"], 1);
    assert_eq!(problems[0]["range"]["start"]["line"], 1);
    assert!(
        problems[0]["message"].as_str().unwrap().contains("bogus"),
        "{problems:?}"
    );

    std::fs::create_dir(dir.path().join("house")).unwrap();
    std::fs::write(
        dir.path().join("house/rules.toml"),
        "[[rule]]\nid = \"house/wombat\"\nkind = \"existence\"\nseverity = \"error\"\nmessage = \"no '{match}' here\"\n\
         explain = \"House style.\"\ntokens = [\"wombat\"]\n\n[[rule.test]]\ntext = \"a wombat\"\nexpect = [\"wombat\"]\n",
    )
    .unwrap();
    std::fs::write(
        &config,
        "ignore = [\"names/exonym\"]\nrule-dirs = [\"house\"]\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    );
    let published = client.diagnostics(&uri);
    assert!(
        of_rule(&published, "names/exonym").is_empty(),
        "{published}"
    );
    let house = of_rule(&published, "house/wombat");
    assert_eq!(house.len(), 1, "{published}");
    assert_eq!(house[0]["range"], range((0, 22), (0, 28)));
    assert_eq!(house[0]["severity"], 1);
    assert_eq!(
        house[0]["codeDescription"]["href"],
        file_uri(&dir.path().join("house/rules.toml"))
    );
    let cleared = client.diagnostics(&file_uri(&config));
    assert_eq!(cleared["diagnostics"], json!([]));
    assert_eq!(client.stop().0, Some(0));
}
