// extension.js with VS Code and the language client replaced by stubs:
// activation starts one client with the server command and the selector.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const Module = require('node:module');

const started = [];
class FakeClient {
  constructor(id, name, server, client) {
    Object.assign(this, { id, name, server, client });
  }
  async start() {
    started.push(this);
  }
  async stop() {}
  dispose() {}
}
const stubs = {
  vscode: {
    workspace: { getConfiguration: () => ({ get: (key) => (key === 'path' ? '/bin/artlint' : undefined) }) },
  },
  'vscode-languageclient/node': { LanguageClient: FakeClient },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return request in stubs ? stubs[request] : load.call(this, request, ...rest);
};

test('activation starts `artlint server` for the linted languages', async () => {
  const extension = require('../extension');
  const context = { subscriptions: [] };
  await extension.activate(context);
  assert.strictEqual(started.length, 1);
  const client = started[0];
  assert.strictEqual(client.id, 'artlint');
  assert.deepStrictEqual(client.server.run, { command: '/bin/artlint', args: ['server'], transport: 0 });
  assert.deepStrictEqual(client.client.documentSelector, require('../server').documentSelector);
  assert.deepStrictEqual(context.subscriptions, [client]);
  await extension.deactivate();
});
