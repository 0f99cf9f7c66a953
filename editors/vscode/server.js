// What the extension starts and for which documents: kept apart from
// extension.js (which needs VS Code) so `npm test` checks it with plain node.
'use strict';

/** The documents artlint lints: plain text, Markdown and HTML files. */
const documentSelector = [
  { scheme: 'file', language: 'plaintext' },
  { scheme: 'file', language: 'markdown' },
  { scheme: 'file', language: 'html' },
  { scheme: 'untitled', language: 'markdown' },
];

/**
 * How to start the server from the `artlint.*` settings: `artlint server`
 * over stdio, the binary from `artlint.path` (default: `artlint` on PATH).
 * @param {{get: (key: string) => unknown}} settings
 */
function serverOptions(settings) {
  const path = settings.get('path');
  const command = typeof path === 'string' && path.trim() !== '' ? path.trim() : 'artlint';
  const extra = settings.get('extraArgs');
  const args = ['server', ...(Array.isArray(extra) ? extra.map(String) : [])];
  const run = { command, args, transport: 0 /* TransportKind.stdio */ };
  return { run, debug: run };
}

module.exports = { documentSelector, serverOptions };
