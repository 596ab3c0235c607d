import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CancellationTokenSource,
  type CodeAction,
  type CompletionList,
  type Diagnostic,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageserver/node';
import { pathToUri } from '../../../src/server/uris';
import { type TestClient, inProcessServer } from './lspClient';

/** A folder of `count` records, built here (the shape is the point, not the content). */
function recordsFolder(count: number): { root: string; folder: string; file: (n: number) => string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-lsp-scale-'));
  const folder = path.join(root, 'docs', 'decisions');
  fs.mkdirSync(folder, { recursive: true });
  const file = (n: number): string => path.join(folder, `${String(n).padStart(4, '0')}-record-${n}.md`);
  for (let n = 1; n <= count; n++) fs.writeFileSync(file(n), `# ${n}. Record ${n}\n\n## Status\n\nAccepted\n`);
  return { root, folder, file };
}

describe('language server at scale', () => {
  let client: TestClient;
  afterEach(() => client?.dispose());

  it('completes at most 100 records, the best matches of what is typed, and says the list is incomplete', async () => {
    const { root, file } = recordsFolder(250);
    client = inProcessServer();
    await client.initialize([root], { git: false });
    const text = '# 250. Record 250\n\n## Status\n\nAccepted\n\nSee [x](';
    client.open(file(250), text);
    const ask = async (typed: string): Promise<CompletionList> => {
      const full = `${text}${typed}`;
      client.change(file(250), Date.now(), full);
      return (await client.connection.sendRequest('textDocument/completion', {
        textDocument: { uri: pathToUri(file(250)) },
        position: { line: 6, character: `See [x](${typed}`.length },
      })) as CompletionList;
    };
    const all = await ask('');
    assert.equal(all.isIncomplete, true);
    assert.equal(all.items.length, 100);
    assert.equal(all.items[0].label, '0001 Record 1');
    const narrowed = await ask('0142');
    assert.equal(narrowed.items[0].label, '0142 Record 142', 'a prefix of the file name comes first');
    assert.ok(narrowed.items.length < 100);
    const none = await ask('zzzz');
    assert.deepEqual(none.items, []);
  });

  it('neither parses nor answers for an open document over maxFileSize, and forgets it when closed', async () => {
    const { root, file } = recordsFolder(3);
    client = inProcessServer();
    await client.initialize([root], { git: false, maxFileSize: 64 });
    const big = file(3);
    const text = `# 3. Big\n\n## Status\n\nNot a status\n\n${'- item\n'.repeat(20_000)}`;
    client.open(big, text);
    const found = await client.diagnosticsFor(big, (d: Diagnostic[]) => d.some((x) => x.code === 'file-too-large'));
    assert.deepEqual(
      found.map((d) => d.code),
      ['file-too-large'],
    );
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', {
      textDocument: { uri: pathToUri(big) },
    });
    assert.equal(symbols, null);
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: pathToUri(big) } });
    await client.diagnosticsFor(big, (d) => d.length === 0);
  });

  it('ends a request the client cancelled while the index was loading with RequestCancelled', async () => {
    const { root, file } = recordsFolder(40);
    client = inProcessServer();
    await client.initialize([root], { git: false });
    // The cold load is under way (asynchronous folder reads): the request waits for it, and the
    // cancellation arrives meanwhile.
    client.open(file(1), '# 1. Record 1\n');
    const source = new CancellationTokenSource();
    const request = client.connection.sendRequest(
      'textDocument/hover',
      { textDocument: { uri: pathToUri(file(1)) }, position: { line: 0, character: 0 } },
      source.token,
    );
    source.cancel();
    await assert.rejects(
      request,
      (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled,
    );
  });

  it('offers to link the renamed record from a broken link, editing only the link target', async () => {
    const { root, file } = recordsFolder(3);
    client = inProcessServer();
    await client.initialize([root], { git: false });
    const text = '# 1. Record 1\n\n## Status\n\nAccepted\n\nSee [two](0002-old-name.md#context) for more.\n';
    client.open(file(1), text);
    const diagnostics = await client.diagnosticsFor(file(1), (d) => d.some((x) => x.code === 'broken-link'));
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: pathToUri(file(1)) },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Link 0002-record-2.md (renamed)'],
    );
    const [edit] = actions[0].edit?.changes?.[pathToUri(file(1))] ?? [];
    assert.deepEqual(edit, {
      range: { start: { line: 6, character: 10 }, end: { line: 6, character: 34 } },
      newText: '0002-record-2.md#context',
    });
  });

  it('completes record numbers after ADR-, as the folder writes them', async () => {
    const { root, file } = recordsFolder(12);
    client = inProcessServer();
    await client.initialize([root], { git: false });
    const text = '# 1. Record 1\n\n## Status\n\nAccepted\n\nThis builds on ADR-001';
    client.open(file(1), text);
    const list = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: pathToUri(file(1)) },
      position: { line: 6, character: 'This builds on ADR-001'.length },
    })) as CompletionList;
    assert.equal(list.items[0].label, '0010 Record 10');
    assert.deepEqual(list.items[0].textEdit, {
      range: { start: { line: 6, character: 19 }, end: { line: 6, character: 22 } },
      newText: '0010',
    });
    assert.ok(!list.items.some((i) => i.label === '0001 Record 1'), 'never the record itself');
  });
});
