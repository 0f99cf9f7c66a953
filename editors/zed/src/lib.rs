//! Starts `artlint server`: the binary from `lsp.artlint.binary.path` in
//! Zed's settings, else `artlint` on the worktree's PATH.

use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result, Worktree};

struct Artlint;

impl zed::Extension for Artlint {
    fn new() -> Self {
        Artlint
    }

    fn language_server_command(
        &mut self,
        id: &LanguageServerId,
        worktree: &Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(id.as_ref(), worktree)
            .ok()
            .and_then(|settings| settings.binary);
        let command = binary
            .as_ref()
            .and_then(|b| b.path.clone())
            .or_else(|| worktree.which("artlint"))
            .ok_or("artlint is not on PATH (install it, or set lsp.artlint.binary.path)")?;
        let args = binary
            .and_then(|b| b.arguments)
            .unwrap_or_else(|| vec!["server".into()]);
        Ok(zed::Command {
            command,
            args,
            env: Vec::new(),
        })
    }
}

zed::register_extension!(Artlint);
