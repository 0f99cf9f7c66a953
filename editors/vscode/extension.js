// The VS Code extension: starts `artlint server` and connects it to the
// editor (diagnostics, quick fixes, fix-all on save, hovers).
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');
const { documentSelector, serverOptions } = require('./server');

let client;

async function activate(context) {
  const settings = vscode.workspace.getConfiguration('artlint');
  client = new LanguageClient('artlint', 'artlint', serverOptions(settings), {
    documentSelector,
  });
  context.subscriptions.push(client);
  await client.start();
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate };
