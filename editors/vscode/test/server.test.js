// The command the extension starts, without launching VS Code.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const { documentSelector, serverOptions } = require('../server');

const settings = (values) => ({ get: (key) => values[key] });

test('starts `artlint server` from PATH by default', () => {
  const options = serverOptions(settings({}));
  assert.deepStrictEqual(options.run, { command: 'artlint', args: ['server'], transport: 0 });
  assert.deepStrictEqual(options.debug, options.run);
});

test('uses the configured binary and extra arguments', () => {
  const options = serverOptions(settings({ path: ' /opt/artlint ', extraArgs: ['--x', 3] }));
  assert.deepStrictEqual(options.run.command, '/opt/artlint');
  assert.deepStrictEqual(options.run.args, ['server', '--x', '3']);
});

test('a blank or wrong-typed setting falls back to the defaults', () => {
  const options = serverOptions(settings({ path: '  ', extraArgs: 'nope' }));
  assert.deepStrictEqual(options.run, { command: 'artlint', args: ['server'], transport: 0 });
});

test('lints plain text, Markdown and HTML only', () => {
  const languages = [...new Set(documentSelector.map((s) => s.language))].sort();
  assert.deepStrictEqual(languages, ['html', 'markdown', 'plaintext']);
});

test('the manifest activates on those languages and points at extension.js', () => {
  const manifest = require('../package.json');
  assert.strictEqual(manifest.main, './extension.js');
  assert.deepStrictEqual(manifest.activationEvents.sort(), [
    'onLanguage:html',
    'onLanguage:markdown',
    'onLanguage:plaintext',
  ]);
  assert.ok(manifest.dependencies['vscode-languageclient']);
});
