//! `artlint server`: a language server over stdio. The main loop takes every
//! queued message, handles each (one small handler per request or
//! notification), then lints the documents that changed and publishes their
//! findings, so a burst of edits is linted once (the debounce). Nothing but
//! protocol goes to stdout; the log is stderr.

mod code_action;
mod config;
mod diagnostics;
mod hover;
mod incremental;
mod position;
mod session;
mod transport;
mod uri;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, HoverRequest, Initialize, RegisterCapability, Request as _, Shutdown,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern,
    HoverParams, HoverProviderCapability, InitializeParams, InitializeResult,
    PublishDiagnosticsParams, Registration, RegistrationParams, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};
use serde::de::DeserializeOwned;

use super::status::ExitStatus;
use config::Workspace;
use position::{Encoding, Lines};
use session::Documents;
use transport::{Incoming, Writer, log};

/// Runs the server on stdin and stdout until `exit` or the end of input.
pub(super) fn run() -> ExitStatus {
    let incoming = transport::spawn_reader(std::io::BufReader::new(std::io::stdin()));
    let mut server = Server::new(Writer::new(std::io::stdout()));
    server.serve(&incoming)
}

/// What a handler's failure is answered with.
struct Failure {
    code: ErrorCode,
    message: String,
}

impl Failure {
    fn new(code: ErrorCode, message: impl Into<String>) -> Failure {
        Failure {
            code,
            message: message.into(),
        }
    }
}

enum State {
    /// Before `initialize`.
    Starting,
    Running,
    /// After `shutdown`: only `exit` is expected.
    ShuttingDown,
}

struct Server<W: std::io::Write> {
    out: Writer<W>,
    state: State,
    encoding: Encoding,
    documents: Documents,
    workspace: Workspace,
    /// Documents whose findings are to be published after this batch.
    dirty: BTreeSet<String>,
    /// Configuration files with problems shown, to clear once they are fixed.
    shown_problems: BTreeSet<PathBuf>,
    watch_files: bool,
    next_id: i32,
}

impl<W: std::io::Write> Server<W> {
    fn new(out: Writer<W>) -> Server<W> {
        Server {
            out,
            state: State::Starting,
            encoding: Encoding::Utf16,
            documents: Documents::default(),
            workspace: Workspace::new(),
            dirty: BTreeSet::new(),
            shown_problems: BTreeSet::new(),
            watch_files: false,
            next_id: 0,
        }
    }

    fn serve(&mut self, incoming: &Receiver<Incoming>) -> ExitStatus {
        while let Ok(first) = incoming.recv() {
            // Everything already queued is handled before linting: a burst of
            // changes is linted once.
            let batch: Vec<Incoming> = std::iter::once(first).chain(incoming.try_iter()).collect();
            for item in batch {
                match item {
                    Incoming::Malformed(why) => {
                        log(&why);
                        self.out.send_parse_error(&why);
                    }
                    Incoming::Message(Message::Request(request)) => self.request(request),
                    Incoming::Message(Message::Notification(n)) if n.method == "exit" => {
                        return match self.state {
                            State::ShuttingDown => ExitStatus::Clean,
                            _ => ExitStatus::Error,
                        };
                    }
                    Incoming::Message(Message::Notification(n)) => self.notification(n),
                    // Answers to our own requests (registering file watchers).
                    Incoming::Message(Message::Response(_)) => {}
                }
            }
            self.publish();
        }
        log("the client closed the connection without `exit`");
        ExitStatus::Error
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let result = match (&self.state, request.method.as_str()) {
            (State::Starting, Initialize::METHOD) => {
                params(request).and_then(|p| self.initialize(p))
            }
            (State::Starting, _) => Err(Failure::new(
                ErrorCode::ServerNotInitialized,
                "the server is not initialized (send `initialize` first)",
            )),
            (State::ShuttingDown, method) => Err(Failure::new(
                ErrorCode::InvalidRequest,
                format!("`{method}` after `shutdown` (only `exit` is expected)"),
            )),
            (State::Running, Initialize::METHOD) => Err(Failure::new(
                ErrorCode::InvalidRequest,
                "`initialize` was already sent",
            )),
            (State::Running, Shutdown::METHOD) => {
                self.state = State::ShuttingDown;
                Ok(serde_json::Value::Null)
            }
            (State::Running, CodeActionRequest::METHOD) => {
                params(request).and_then(|p| self.code_action(p))
            }
            (State::Running, HoverRequest::METHOD) => params(request).and_then(|p| self.hover(p)),
            (State::Running, method) => Err(Failure::new(
                ErrorCode::MethodNotFound,
                format!("unknown method `{method}`"),
            )),
        };
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err(failure) => {
                log(&failure.message);
                Response::new_err(id, failure.code as i32, failure.message)
            }
        };
        self.out.send(response);
    }

    fn notification(&mut self, n: Notification) {
        if !matches!(self.state, State::Running) {
            return;
        }
        let handled = match n.method.as_str() {
            DidOpenTextDocument::METHOD => params(n).map(|p| self.did_open(p)),
            DidChangeTextDocument::METHOD => params(n).map(|p| self.did_change(p)),
            DidSaveTextDocument::METHOD => params(n).map(|p| self.did_save(p)),
            DidCloseTextDocument::METHOD => params(n).map(|p| self.did_close(p)),
            DidChangeWatchedFiles::METHOD => params(n).map(|p| self.did_change_watched_files(p)),
            "initialized" => {
                self.register_watchers();
                Ok(())
            }
            // `$/` notifications may be ignored (the protocol says so).
            _ => Ok(()),
        };
        if let Err(failure) = handled {
            log(&failure.message);
        }
    }

    fn initialize(&mut self, params: InitializeParams) -> Result<serde_json::Value, Failure> {
        let capabilities = &params.capabilities;
        self.encoding = Encoding::negotiate(
            capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        self.watch_files = capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        self.state = State::Running;
        let result = InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(self.encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            code_action::fix_all_kind(),
                        ]),
                        resolve_provider: Some(false),
                        ..CodeActionOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "artlint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        Ok(serde_json::to_value(result).expect("the result serializes"))
    }

    /// Asks the client to report changes of TOML files (configurations and
    /// rule packs), when it can.
    fn register_watchers(&mut self) {
        if !self.watch_files {
            return;
        }
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String("**/*.toml".into()),
                kind: None,
            }],
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "artlint-watch-toml".into(),
                method: DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_id += 1;
        let id = RequestId::from(format!("artlint-{}", self.next_id));
        self.out
            .send(Request::new(id, RegisterCapability::METHOD.into(), params));
    }

    fn did_open(&mut self, p: DidOpenTextDocumentParams) {
        let doc = p.text_document;
        let key = doc.uri.as_str().to_string();
        if self
            .documents
            .open(doc.uri, &doc.language_id, doc.version, doc.text)
        {
            self.dirty.insert(key);
        }
    }

    fn did_change(&mut self, p: DidChangeTextDocumentParams) {
        let encoding = self.encoding;
        let uri = p.text_document.uri;
        match self.documents.get_mut(&uri) {
            Some(doc) => {
                doc.apply(p.text_document.version, p.content_changes, encoding);
                self.dirty.insert(uri.as_str().to_string());
            }
            None => log(&format!("change to `{}`, which is not open", uri.as_str())),
        }
    }

    /// Publishes the document's findings again (from the last lint, unless
    /// it changed); a configuration or rule file saved from the editor is
    /// read again, as if watched.
    fn did_save(&mut self, p: DidSaveTextDocumentParams) {
        let uri = p.text_document.uri;
        if uri.as_str().ends_with(".toml") {
            self.reload();
        }
        if self.documents.get(&uri).is_some() {
            self.dirty.insert(uri.as_str().to_string());
        }
    }

    fn did_close(&mut self, p: DidCloseTextDocumentParams) {
        let uri = p.text_document.uri;
        if self.documents.close(&uri) {
            self.dirty.remove(uri.as_str());
            self.publish_to(uri, Vec::new(), None);
        }
    }

    fn did_change_watched_files(&mut self, _: DidChangeWatchedFilesParams) {
        self.reload();
    }

    /// Re-reads every configuration and re-lints every open document.
    fn reload(&mut self) {
        self.workspace.reload();
        for (uri, doc) in self.documents.iter_mut() {
            doc.invalidate();
            self.dirty.insert(uri.as_str().to_string());
        }
    }

    fn code_action(&mut self, p: CodeActionParams) -> Result<serde_json::Value, Failure> {
        let encoding = self.encoding;
        let doc = self.lint(&p.text_document.uri)?;
        let linted = doc.linted.as_ref().expect("linted");
        let actions = code_action::actions(doc, linted, &p, encoding);
        Ok(serde_json::to_value(actions).expect("actions serialize"))
    }

    fn hover(&mut self, p: HoverParams) -> Result<serde_json::Value, Failure> {
        let encoding = self.encoding;
        let at = p.text_document_position_params;
        let doc = self.lint(&at.text_document.uri)?;
        let linted = doc.linted.as_ref().expect("linted");
        let found = hover::hover(doc, linted, at.position, encoding);
        Ok(serde_json::to_value(found).expect("a hover serializes"))
    }

    /// The open document `uri`, linted if an edit is pending.
    fn lint(&mut self, uri: &Uri) -> Result<&session::OpenDocument, Failure> {
        let Some(doc) = self.documents.get_mut(uri) else {
            return Err(Failure::new(
                ErrorCode::InvalidParams,
                format!(
                    "`{}` is not open (send textDocument/didOpen first)",
                    uri.as_str()
                ),
            ));
        };
        doc.lint(&mut self.workspace);
        Ok(self.documents.get(uri).expect("open"))
    }

    /// Lints the documents that changed and publishes their findings, then
    /// the configuration problems.
    fn publish(&mut self) {
        let encoding = self.encoding;
        for key in std::mem::take(&mut self.dirty) {
            let Ok(uri) = key.parse::<Uri>() else {
                continue;
            };
            let Some(doc) = self.documents.get_mut(&uri) else {
                continue;
            };
            doc.lint(&mut self.workspace);
            let doc = self.documents.get(&uri).expect("open");
            let linted = doc.linted.as_ref().expect("linted");
            let lines = doc.lines(encoding);
            let docs = diagnostics::RuleDocs::new(&linted.rules.full);
            let found = linted
                .diagnostics
                .iter()
                .map(|d| diagnostics::to_lsp(d, &lines, &uri, &docs))
                .collect();
            let version = doc.version;
            self.publish_to(uri, found, Some(version));
        }
        self.publish_problems();
    }

    fn publish_to(
        &mut self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.out.notify(PublishDiagnostics::METHOD, &params);
    }

    fn publish_problems(&mut self) {
        let problems: BTreeMap<PathBuf, Vec<config::Problem>> = self.workspace.problems().clone();
        let now: BTreeSet<PathBuf> = problems.keys().cloned().collect();
        for (file, found) in &problems {
            let text = found
                .iter()
                .find_map(|p| p.text.as_deref().map(str::to_string))
                .or_else(|| std::fs::read_to_string(file).ok())
                .unwrap_or_default();
            let index = artlint::LineIndex::new(&text);
            let lines = Lines {
                text: &text,
                index: &index,
                encoding: self.encoding,
            };
            let Some(uri) = uri::from_path(file) else {
                continue;
            };
            let shown = found
                .iter()
                .map(|p| diagnostics::problem_to_lsp(p, &lines))
                .collect();
            self.publish_to(uri, shown, None);
        }
        let fixed: Vec<PathBuf> = self.shown_problems.difference(&now).cloned().collect();
        for fixed in &fixed {
            if let Some(uri) = uri::from_path(fixed) {
                self.publish_to(uri, Vec::new(), None);
            }
        }
        self.shown_problems = now;
    }
}

/// The parameters of a request or notification, or an invalid-params failure.
fn params<P: DeserializeOwned>(message: impl Into<Message>) -> Result<P, Failure> {
    let (method, value) = match message.into() {
        Message::Request(r) => (r.method, r.params),
        Message::Notification(n) => (n.method, n.params),
        Message::Response(_) => unreachable!("only requests and notifications have parameters"),
    };
    serde_json::from_value(value).map_err(|e| {
        Failure::new(
            ErrorCode::InvalidParams,
            format!("invalid parameters for `{method}`: {e}"),
        )
    })
}
